"""The RDF export in bulk: node and relationship tables read as Arrow, written as N-Triples lines.

The same mapping as ``industriegraph.analysis.export.rdf`` (``graph_triples``: the reference, a Python tuple per
triple), but without a term object per triple: each node table (``MATCH (n:Label) RETURN n``) and relationship
table (``MATCH ()-[r:TYPE]->() RETURN r``) comes as one Arrow table, relationship endpoints are looked up by
their internal ids (no join), IRIs are formatted once per node, and every statement is one line of text streamed
to the file. Turtle (prefixed, grouped by subject), JSON-LD and RDF/XML are converted from the N-Triples file by
pyoxigraph.

Duplicate statements are left out as in the reference (which keeps the first of equal triples): a list property
repeating a value, two properties with the same predicate, parallel relationships (same plain triple, same
``org:memberOf`` shortcut) and relationships minting the same membership, post or statement IRI.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from industriegraph.analysis.export.triples import (
    DCT_SOURCE,
    RDF_TYPE,
    WAS_DERIVED,
    XSD_INT,
    Lit,
    Mapper,
    Triple,
    expand,
)
from industriegraph.graph.tables import struct_columns
from industriegraph.model.kinds import FORMAL_KINDS
from industriegraph.model.rdf import FORMAL_ORGANIZATION, IG, IN_SCHEME, PREFIXES, TOP_CONCEPT_OF
from industriegraph.model.schema import NODES, RELS, NodeType, RelType
from industriegraph.text.source import split_evidence

_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_IRI_RE = re.compile(r"^https?://\S+$")
_BAD_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|^`\\]')
XSD_BOOL = expand("xsd:boolean")
XSD_DOUBLE = expand("xsd:double")
CHUNK = 200_000  # lines per write


def iri(value: str) -> str:
    """``<value>``, with the characters an IRI may not contain percent-encoded."""
    if _BAD_IRI_CHAR.search(value):
        value = _BAD_IRI_CHAR.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)
    return f"<{value}>"


def lit(value: Any, lang: str | None = None) -> str:
    """A literal as N-Triples, typed as ``industriegraph.analysis.export.triples.literal`` types it."""
    if isinstance(value, bool):
        return f'"{str(value).lower()}"^^<{XSD_BOOL}>'
    if isinstance(value, int):
        return f'"{value}"^^<{XSD_INT}>'
    if isinstance(value, float):
        return f'"{value!r}"^^<{XSD_DOUBLE}>'
    text = str(value)
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPE)
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def term(t: str | Lit) -> str:
    if isinstance(t, Lit):
        text = t.value.translate(_ESCAPE)
        if t.lang:
            return f'"{text}"@{t.lang}'
        return f'"{text}"^^<{t.datatype}>' if t.datatype else f'"{text}"'
    return iri(t)


def line(t: Triple) -> str:
    s, p, o = t
    return f"{iri(s)} {iri(p)} {term(o)} .\n"


def _minted(m: Mapper, kind: str, keys: Iterable[str]) -> list[str]:
    """``Mapper.minted`` for many rows at once (``keys``: the parts joined by ``\\x1f``), as ``<iri>``."""
    prefix = f"<{m.base}{kind}/"
    sha1 = hashlib.sha1
    return [f"{prefix}{sha1(k.encode()).hexdigest()[:16]}>" for k in keys]


def _rows(cols: dict[str, Any], label: str) -> list[dict[str, Any]]:
    """The nodes of a (small) table as property dicts with ``_label``."""
    keys = [k for k in cols if not k.startswith("_")]
    return [dict(zip(keys, row, strict=True)) | {"_label": label} for row in zip(*(cols[k] for k in keys), strict=True)]


class _Writer:
    """Lines (Python strings or Arrow string arrays of whole lines) written to a binary file; counts them."""

    def __init__(self, out: BinaryIO):
        self.out, self.buf, self.count = out, [], 0

    def extend(self, lines: Iterable[str]) -> None:
        self.buf.extend(lines)
        if len(self.buf) >= CHUNK:
            self.flush()

    def arrow(self, lines) -> None:
        """An Arrow string array (or chunked array) whose values are lines; nulls are no line."""
        self.flush()
        for chunk in lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]:
            if len(chunk) == 0:
                continue
            offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[chunk.offset : chunk.offset + len(chunk) + 1]
            self.out.write(memoryview(chunk.buffers()[2])[offsets[0] : offsets[-1]])
            self.count += len(chunk) - chunk.null_count

    def flush(self) -> None:
        self.count += len(self.buf)
        self.out.write("".join(self.buf).encode("utf-8"))
        self.buf = []


def _join(*parts):
    """Element-wise concatenation of Arrow string arrays and constant strings."""
    return pc.binary_join_element_wise(*parts, "")


def _first(keys: np.ndarray, seen: np.ndarray | None = None) -> np.ndarray | None:
    """Mask of the rows whose key is the first of its value (and not in ``seen``); None when that is every row."""
    _, index = np.unique(keys, return_index=True)
    mask = np.zeros(len(keys), dtype=bool)
    mask[index] = True
    if seen is not None and len(seen):
        mask &= ~np.isin(keys, seen)
    return None if mask.all() else mask


class BulkExport:
    """One export of a Ladybug graph (``graph.cypher_arrow`` with internal ids) to an N-Triples stream."""

    def __init__(self, graph, base: str, progress: Callable[[str, int, int], None] | None = None):
        self.graph = graph
        self.progress, self.done = progress, 0
        self.m = Mapper(base)
        self.roles: set[tuple[str, str]] = set()
        self.base_of: dict[int, int] = {}  # node table id -> index of its offset 0 in ids and iris
        self.ids = np.zeros(0, dtype=object)  # every node id (None in gaps), table after table
        self.iris = pa.array([], type=pa.string())  # their "<iri>"s
        self.sources: list[dict[str, Any]] = []
        self.states: list[dict[str, Any]] = []

    STEPS = len(NODES) + len(RELS) + 1  # one per table, then the file

    def tell(self, what: str) -> None:
        if self.progress:
            self.progress(f"writing {what} as RDF", self.done, self.STEPS)
        self.done += 1

    # -- nodes -------------------------------------------------------------------------------
    def provenance(self, subjects: list[str], evidence: list[list[str] | None]) -> Iterator[str]:
        src_pred, der_pred = f"<{DCT_SOURCE}>", f"<{WAS_DERIVED}>"
        source_iri: dict[str, str] = {}
        for s, evs in zip(subjects, evidence, strict=True):
            if not evs:
                continue
            docs: dict[str, None] = {}
            for ev in dict.fromkeys(evs):
                docs.setdefault(split_evidence(ev)[0])
                yield f"{s} {src_pred} {lit(ev)} .\n"
            for file in docs:
                o = source_iri.get(file)
                if o is None:
                    o = source_iri[file] = iri(self.m.source(file))
                yield f"{s} {der_pred} {o} .\n"

    def node_lines(self, spec: NodeType, cols: dict[str, list]) -> Iterator[str]:
        m = self.m
        ids = cols["id"]
        subjects = [f"<{m.node(i)}>" for i in ids]
        yield from (f"{s} <{RDF_TYPE}> <{expand(spec.rdf_class)}> .\n" for s in subjects)
        if spec.label == "Organization" and "kind" in cols:
            formal = f"<{RDF_TYPE}> <{expand(FORMAL_ORGANIZATION)}> .\n"
            yield from (f"{s} {formal}" for s, k in zip(subjects, cols["kind"], strict=True) if k in FORMAL_KINDS)
        if spec.scheme:
            scheme = iri(m.topic_scheme)
            yield from (f"{s} <{expand(IN_SCHEME)}> {scheme} .\n" for s in subjects)
            broader = cols.get("broader") or [None] * len(ids)
            top = f"<{expand(TOP_CONCEPT_OF)}> {scheme} .\n"
            yield from (f"{s} {top}" for s, b in zip(subjects, broader, strict=True) if not b)
        # predicates stated by more than one property: their lines go through one set per node
        preds: dict[str, list[str]] = {}
        plan = []
        for key in cols:
            if key.startswith("_") or key in ("evidence", "statements"):
                continue
            prop = spec.prop(key)
            t = prop.term if prop else f"ig:{key}"
            if t is None:
                continue
            p = f"<{expand(t)}>"
            preds.setdefault(p, []).append(key)
            plan.append((key, prop, p))
        shared = {p for p, keys in preds.items() if len(keys) > 1}
        seen: set[str] = set()
        for key, prop, p in plan:
            lang = "de" if prop and prop.lang else None
            as_iri = bool(prop and prop.iri)
            as_ref = bool(prop and prop.ref)
            out = []
            for s, value in zip(subjects, cols[key], strict=True):
                if value is None or value == [] or value == "":
                    continue
                for v in dict.fromkeys(value) if isinstance(value, list) else (value,):
                    if as_iri and isinstance(v, str) and _IRI_RE.match(v):
                        o = iri(v)
                    elif as_ref and isinstance(v, str) and ":" in v:
                        o = f"<{m.node(v)}>"
                    elif key == "id":
                        o = lit(v)
                    else:
                        o = lit(v, lang)
                    out.append(f"{s} {p} {o} .\n")
            if p in shared:
                out = [x for x in out if not (x in seen or seen.add(x))]
            yield from out
        yield from self.provenance(subjects, cols.get("evidence") or [None] * len(ids))

    def read_nodes(self, w: _Writer) -> None:
        ids: list[np.ndarray] = []
        # the Source nodes first: provenance names a source document by its node's IRI
        for spec in sorted(NODES, key=lambda spec: spec.label != "Source"):
            self.tell(f"{spec.label} nodes")
            table = self.graph.cypher_arrow(f"MATCH (n:{spec.label}) RETURN n")
            if table.num_rows == 0:
                continue
            cols = struct_columns(table, "n")
            tables, offsets = cols["_ID"]
            for tid in np.unique(tables):
                sel = tables == tid
                by_offset = np.full(int(offsets[sel].max()) + 1, None, dtype=object)
                by_offset[offsets[sel]] = np.asarray(cols["id"], dtype=object)[sel]
                self.base_of[int(tid)] = sum(len(a) for a in ids)
                ids.append(by_offset)
            if spec.label == "Source":
                self.sources = _rows(cols, "Source")
                self.m.sources = {n["file"]: self.m.node(n["id"]) for n in self.sources if n.get("file")}
            if spec.label == "State":
                self.states = _rows(cols, "State")
            w.extend(self.node_lines(spec, cols))
        self.ids = np.concatenate(ids) if ids else np.zeros(0, dtype=object)
        self.iris = pa.array([None if i is None else f"<{self.m.node(i)}>" for i in self.ids], type=pa.string())

    # -- relationships -------------------------------------------------------------------------
    def endpoints(self, cols: dict[str, Any], end: str) -> np.ndarray:
        """Index into ``self.ids``/``self.iris`` of the sources (``end="_SRC"``) or targets of a relationship table."""
        tables, offsets = cols[end]
        base = np.zeros(int(tables.max()) + 1, dtype=np.int64)
        for tid, b in self.base_of.items():
            if tid < len(base):
                base[tid] = b
        return base[tables] + offsets

    def links(self, w: _Writer, pred: str, subj: np.ndarray, obj: np.ndarray, seen: dict[str, np.ndarray]) -> None:
        """``subj pred obj`` per row (node indices), each link once over all tables stating ``pred``."""
        keys = subj * len(self.ids) + obj
        mask = _first(keys, seen.get(pred))
        seen[pred] = np.concatenate([seen.get(pred, np.zeros(0, np.int64)), keys])
        s, o = self.iris.take(subj), self.iris.take(obj)
        if mask is not None:
            s, o = s.filter(mask), o.filter(mask)
        w.arrow(_join(s, f" {pred} ", o, " .\n"))

    def rels(self, w: _Writer, spec: RelType, cols: dict[str, Any], seen: dict[str, np.ndarray]) -> None:
        gs, gd = self.endpoints(cols, "_SRC"), self.endpoints(cols, "_DST")
        src, dst = self.ids[gs].tolist(), self.ids[gd].tolist()
        n = len(src)
        keys = [k for k in cols if not k.startswith("_") and k != "evidence"]
        evidence = cols.get("evidence") or [None] * n
        if spec.nary is not None:
            nary = spec.nary
            roles = [r or nary.default_role for r in cols.get("role") or [None] * n]
            self.roles.update((r, nary.role_class) for r in set(roles))
            res_list = _minted(
                self.m, nary.path, (f"{a}\x1f{b}\x1f{r}" for a, b, r in zip(src, dst, roles, strict=True))
            )
            role_iri = {r: iri(self.m.role(r)) for r in set(roles)}
            res = pa.array(res_list, type=pa.string())
            s, o = self.iris.take(gs), self.iris.take(gd)
            role_arr = pa.array([role_iri[r] for r in roles], type=pa.string())
            first = _first(np.asarray(res_list, dtype=object).astype(str)) if len(set(res_list)) < n else None
            if first is not None:  # the same membership or post twice (other evidence): its statements once
                res, s, o, role_arr = (a.filter(first) for a in (res, s, o, role_arr))
            st, tt, rt, prop = (
                f"<{expand(t)}>" for t in (nary.source_term, nary.target_term, nary.role_term, spec.rdf_property)
            )
            w.arrow(_join(res, f" <{RDF_TYPE}> <{expand(nary.cls)}> .\n"))
            w.arrow(_join(res, f" {st} ", s, " .\n"))
            w.arrow(_join(res, f" {tt} ", o, " .\n"))
            w.arrow(_join(res, f" {rt} ", role_arr, " .\n"))
            w.arrow(_join(s, f" {prop} ", res, " .\n"))
            prov = self.provenance(res_list, evidence)
            w.extend(self._unique(list(prov), res_list) if first is not None else prov)
            self.links(w, f"<{expand(nary.shortcut)}>", gs, gd, seen)
            return
        t = spec.rdf_property
        p = f"<{expand(t.lstrip('^'))}>"
        subj, obj = (gd, gs) if t.startswith("^") else (gs, gd)
        self.links(w, p, subj, obj, seen)
        props = (
            [
                {k: v for k, v in zip(keys, row, strict=True) if v not in (None, "", [])}
                for row in zip(*(cols[k] for k in keys), strict=True)
            ]
            if keys
            else [{}] * n
        )
        rows = [i for i in range(n) if evidence[i] or props[i]]
        if not rows:
            return
        res = _minted(
            self.m,
            "statement",
            ("\x1f".join(map(str, (src[i], spec.type, dst[i], sorted(props[i].items())))) for i in rows),
        )
        subj_iri, obj_iri = self.iris.take(subj[rows]).to_pylist(), self.iris.take(obj[rows]).to_pylist()
        head = (
            f"<{RDF_TYPE}> <{expand('rdf:Statement')}> .\n",
            f"<{expand('rdf:subject')}>",
            f"<{expand('rdf:predicate')}> {p} .\n",
            f"<{expand('rdf:object')}>",
            f"<{expand('dcterms:type')}> {lit(spec.type)} .\n",
        )
        preds = {}
        for k in keys:
            prop = spec.prop(k)
            preds[k] = f"<{expand(prop.term) if prop and prop.term else IG + k}>"
        lines: list[str] = []
        for r, i, a, b in zip(res, rows, subj_iri, obj_iri, strict=True):
            lines += (
                f"{r} {head[0]}",
                f"{r} {head[1]} {a} .\n",
                f"{r} {head[2]}",
                f"{r} {head[3]} {b} .\n",
                f"{r} {head[4]}",
            )
            for k, value in sorted(props[i].items()):
                for v in value if isinstance(value, list) else (value,):
                    lines.append(f"{r} {preds[k]} {lit(v)} .\n")
        lines += self.provenance(res, [evidence[i] for i in rows])
        w.extend(self._unique(lines, res))

    @staticmethod
    def _unique(lines: list[str], minted: list[str]) -> list[str]:
        """``lines`` without repeats, checked only for the subjects minted more than once (rare)."""
        repeated = {k for k, c in Counter(minted).items() if c > 1}
        if not repeated:
            return lines
        seen: set[str] = set()
        return [x for x in lines if x.split(" ", 1)[0] not in repeated or not (x in seen or seen.add(x))]

    def read_rels(self, w: _Writer) -> list[dict[str, Any]]:
        seen: dict[str, np.ndarray] = {}
        located: list[dict[str, Any]] = []
        for spec in RELS:
            self.tell(f"{spec.type} relationships")
            table = self.graph.cypher_arrow(f"MATCH ()-[r:{spec.type}]->() RETURN r")
            if table.num_rows == 0:
                continue
            cols = struct_columns(table, "r")
            self.rels(w, spec, cols, seen)
            if spec.type == "LOCATED_IN":
                targets = dict.fromkeys(self.ids[self.endpoints(cols, "_DST")].tolist())
                located = [{"source": "", "target": t, "r": {"_label": "LOCATED_IN"}} for t in targets]
        return located


def write_ntriples(
    graph,
    out: BinaryIO,
    base: str,
    head: Callable[[Mapper], Iterable[Triple]],
    tail: Callable[[Mapper, set, list, list], Iterable[Triple]],
    progress: Callable[[str, int, int], None] | None = None,
) -> int:
    """Stream the graph as N-Triples to ``out``: ``head(mapper)`` first, the nodes and relationships, then
    ``tail(mapper, roles, nodes, located_in)`` (roles and the dataset description; ``nodes`` are the Source and
    State nodes, ``located_in`` the LOCATED_IN relationships, one per target). Returns the number of lines."""
    bulk = BulkExport(graph, base, progress)
    w = _Writer(out)
    w.extend(dict.fromkeys(line(t) for t in head(bulk.m)))
    bulk.read_nodes(w)
    located = bulk.read_rels(w)
    w.extend(dict.fromkeys(line(t) for t in tail(bulk.m, bulk.roles, bulk.sources + bulk.states, located)))
    w.flush()
    return w.count


def convert(nt: str | os.PathLike, path: str | os.PathLike, ox_format: str) -> None:
    """An N-Triples file in another serialisation (pyoxigraph, streaming)."""
    import pyoxigraph as ox

    ox.serialize(
        ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES),
        str(path),
        getattr(ox.RdfFormat, ox_format),
        prefixes=PREFIXES,
    )
