"""The graph read as Arrow tables, one per node label and relationship type: the bulk path of the exports.

Why: ``Graph.nodes()``/``relationships()`` fetch every row through ``store.cypher`` and build a dict per node
with ``_plain`` (about 9 s for 110,000 nodes and 100,000 links), and sorting links by a ``json.dumps`` key cost 6 s
more. Here each table comes as one Arrow table (``Graph.cypher_arrow``), columns become Python lists in one call
(a string column with few distinct values through its dictionary) and the order is an Arrow sort. The RDF export
(``analysis.export.ntriples``) reads its tables with the same helpers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring  # the C escaper json.dumps(ensure_ascii=False) uses
from typing import TYPE_CHECKING, Any

from industriegraph.model.schema import NODES, RELS

if TYPE_CHECKING:
    import pyarrow as pa

Progress = Callable[[str, int, int], None]
CHUNK = 50_000  # links turned into dicts at a time (bounded memory for the dicts)


def pylist(field: Any) -> list:
    """An Arrow column as a Python list; a string column with few distinct values through its dictionary (the
    same string objects repeated: far faster than one object per row)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_string(field.type) and len(field) > 1000:
        encoded = pc.dictionary_encode(field)
        if len(encoded.dictionary) * 4 < len(field):
            values = np.asarray([*encoded.dictionary.to_pylist(), None], dtype=object)
            index = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()
            return values[index].tolist()
    return field.to_pylist()


def struct_columns(table: pa.Table, col: str) -> dict[str, Any]:
    """The fields of a struct column (a node or relationship) as Python lists; the internal ids (``_ID`` of a node,
    ``_SRC`` and ``_DST`` of a relationship) as a pair of numpy arrays (table, offset). Fields without any value
    are left out."""
    import numpy as np

    struct = table.column(col).combine_chunks()
    out: dict[str, Any] = {}
    for i, f in enumerate(struct.type):
        field = struct.field(i)
        if field.null_count == len(field) or f.name == "_LABEL" or (f.name == "_ID" and "_SRC" in out):
            continue
        if f.name in ("_ID", "_SRC", "_DST"):
            out[f.name] = tuple(
                np.asarray(field.field(k).to_numpy(zero_copy_only=False), dtype=np.int64) for k in ("table", "offset")
            )
        else:
            out[f.name] = pylist(field)
    return out


def _props(cols: dict[str, list], skip: tuple[str, ...], rows: Any) -> list[dict[str, Any]]:
    """Per row (indices ``rows``) the non-null properties, as ``store.rows.in_declared_order`` leaves them."""
    keys = [k for k in cols if not k.startswith("_") and k not in skip]
    lists = [cols[k] for k in keys]
    return [{k: v for k, v in zip(keys, (c[i] for c in lists), strict=True) if v is not None} for i in rows]


def struct_props(struct: Any, rows: Any) -> list[dict[str, Any]]:
    """``_props`` of rows ``rows`` of an Arrow struct array (a relationship column), converting only those rows:
    the links' properties stay Arrow until their chunk is written."""
    import pyarrow as pa

    part = struct.take(pa.array(rows, type=pa.int64()))
    cols = {f.name: pylist(part.field(i)) for i, f in enumerate(part.type) if not f.name.startswith("_")}
    return _props(cols, (), range(len(part)))


def rel_tables(
    graph: Any, groups: Iterable[tuple[Any, str, str]], progress: Progress | None = None, done: int = 0, total: int = 0
) -> Iterator[tuple[Any, str, str, pa.Table]]:
    """``(rel, src, dst, table)`` for each non-empty relationship table of ``groups`` ((relationship spec, start
    label, end label), read with ``rel_table``), reporting ``writing TYPE src->dst`` as step ``done`` onwards."""
    for step, (rel, src, dst) in enumerate(groups, done):
        if progress:
            progress(f"writing {rel.type} {src}->{dst}", step, total)
        table = rel_table(graph, rel.type, src, dst)
        if table.num_rows:
            yield rel, src, dst, table


def rel_table(graph: Any, type_: str, src: str = "", dst: str = "") -> pa.Table:
    """The relationships of type ``type_`` (from label ``src`` to ``dst`` when given) as columns ``source``,
    ``target`` and ``r``: a struct of the property columns in declared order, as ``RETURN r`` gives it less the
    internal fields. Asking for the properties, not ``r``, halves the table and the engine's peak memory (on
    1,000,000 memberships 60 MiB instead of 119, 459 MiB peak RSS instead of 603)."""
    import pyarrow as pa

    pattern = f"(a{':' + src if src else ''})-[r:{type_}]->(b{':' + dst if dst else ''})"
    probe = graph.cypher_arrow(f"MATCH {pattern} RETURN r LIMIT 1")
    if probe.num_rows == 0:
        return graph.cypher_arrow(f"MATCH {pattern} RETURN a.id AS source, b.id AS target, r")
    names = [f.name for f in probe.column("r").type if not f.name.startswith("_")]
    cols = "".join(f", r.`{k}` AS p{i}" for i, k in enumerate(names))
    table = graph.cypher_arrow(f"MATCH {pattern} RETURN a.id AS source, b.id AS target{cols}")
    fields = [table.column(f"p{i}").combine_chunks() for i in range(len(names))]
    struct = (
        pa.StructArray.from_arrays(fields, names=names)
        if names
        else pa.array([{}] * table.num_rows, type=pa.struct([]))
    )
    return pa.table({"source": table.column("source"), "target": table.column("target"), "r": struct})


def node_items(graph: Any, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Every node as ``{id, label, properties}``, by id (``Graph.node_link()["nodes"]``)."""
    items: list[dict[str, Any]] = []
    for done, spec in enumerate(NODES):
        if progress:
            progress(f"reading {spec.label} nodes", done, len(NODES))
        table = graph.cypher_arrow(f"MATCH (n:{spec.label}) RETURN n")
        if table.num_rows == 0:
            continue
        cols = struct_columns(table, "n")
        ids = cols["id"]
        props = _props(cols, ("id",), range(len(ids)))
        items += ({"id": i, "label": spec.label, "properties": p} for i, p in zip(ids, props, strict=True))
    items.sort(key=lambda n: n["id"])
    return items


def link_items(
    graph: Any, progress: Progress | None = None, *, ascii_ties: bool = True
) -> tuple[int, Iterator[dict[str, Any]]]:
    """Every relationship as ``{source, target, type, properties}`` in the order of ``Graph.node_link()`` (source,
    type, target, then the properties as sorted JSON; ``ascii_ties=False``: that JSON with ``ensure_ascii=False``,
    the order of ``Graph.relationships()``): the number of links and an iterator that builds their dicts a chunk at
    a time. The tables are read and sorted as Arrow; the properties key is computed only for links that tie on
    (source, type, target)."""
    order = link_order(graph, progress, ascii_ties=ascii_ties)
    if order is None:
        return 0, iter(())
    return len(order.row), order.items()


class LinkOrder:
    """The links in ``node_link()`` order, still as Arrow columns and (table, row) pairs: ``items()`` builds their
    dicts a chunk at a time, in that order or any other (``positions``: indices into that order)."""

    def __init__(self, keys: pa.Table, part: Any, row: Any, cols_of: list[Any]) -> None:
        self.sources, self.targets, self.types = keys.column("source"), keys.column("target"), keys.column("type")
        self.part, self.row, self.cols_of = part, row, cols_of

    def items(self, positions: Any = None) -> Iterator[dict[str, Any]]:
        import numpy as np
        import pyarrow as pa

        n = len(self.row)
        for start in range(0, n, CHUNK):
            stop = min(start + CHUNK, n)
            if positions is None:
                src = self.sources.slice(start, stop - start).to_pylist()
                dst = self.targets.slice(start, stop - start).to_pylist()
                typ = pylist(self.types.slice(start, stop - start).combine_chunks())
                p, r = self.part[start:stop], self.row[start:stop]
            else:
                at = positions[start:stop]
                idx = pa.array(at, type=pa.int64())
                src, dst = self.sources.take(idx).to_pylist(), self.targets.take(idx).to_pylist()
                typ = pylist(self.types.take(idx).combine_chunks())
                p, r = self.part[at], self.row[at]
            props: list[dict[str, Any] | None] = [None] * len(r)
            for k in np.unique(p).tolist():
                where = np.flatnonzero(p == k)
                for i, d in zip(where.tolist(), struct_props(self.cols_of[k], r[where]), strict=True):
                    props[i] = d
            for s, t, y, d in zip(src, dst, typ, props, strict=True):
                yield {"source": s, "target": t, "type": y, "properties": d}


def link_order(graph: Any, progress: Progress | None = None, *, ascii_ties: bool = True) -> LinkOrder | None:
    """The links of the graph in ``node_link()`` order (see ``link_items``); ``None`` when there are none."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    parts: list[pa.Table] = []
    cols_of: list[Any] = []  # per table its relationship column (an Arrow struct array)
    for done, spec in enumerate(RELS):
        if progress:
            progress(f"reading {spec.type} relationships", done, len(RELS))
        table = rel_table(graph, spec.type)
        if table.num_rows == 0:
            continue
        n = table.num_rows
        parts.append(
            pa.table(
                {
                    "source": table.column("source").combine_chunks(),
                    "type": pa.array([spec.type] * n, type=pa.string()),
                    "target": table.column("target").combine_chunks(),
                    "part": pa.array(np.full(n, len(cols_of), dtype=np.int32)),
                    "row": pa.array(np.arange(n, dtype=np.int64)),
                }
            )
        )
        cols_of.append(table.column("r").combine_chunks())
    if not parts:
        return None
    keys = pa.concat_tables(parts)
    del parts
    order = pc.sort_indices(keys, sort_keys=[("source", "ascending"), ("type", "ascending"), ("target", "ascending")])
    keys = keys.take(order)
    part = np.array(keys.column("part").to_numpy())  # writable copies: ties are reordered in place
    row = np.array(keys.column("row").to_numpy())
    # runs of links with the same (source, type, target): ordered by their properties as sorted JSON
    same = np.ones(max(len(row) - 1, 0), dtype=bool)
    for name in ("source", "type", "target"):
        c = keys.column(name).combine_chunks()
        same &= pc.equal(c.slice(1), c.slice(0, len(c) - 1)).to_numpy(zero_copy_only=False)
    if same.any():
        tied = np.flatnonzero(same)
        starts = tied[np.concatenate([[True], np.diff(tied) > 1])]
        ends = tied[np.concatenate([np.diff(tied) > 1, [True]])] + 2
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            pairs = list(zip(part[a:b].tolist(), row[a:b].tolist(), strict=True))
            props = [struct_props(cols_of[p], [r])[0] for p, r in pairs]
            ranked = sorted(
                range(len(pairs)), key=lambda i: json.dumps(props[i], sort_keys=True, ensure_ascii=ascii_ties)
            )
            part[a:b] = [pairs[i][0] for i in ranked]
            row[a:b] = [pairs[i][1] for i in ranked]
    return LinkOrder(keys, part, row, cols_of)


def can_bulk(graph: Any) -> bool:
    """Whether the graph's store answers queries as Arrow with internal ids (Ladybug; a wrapper such as the
    explorer's locked store may offer ``arrow`` over any store, so the dialect decides)."""
    store = graph.store
    return getattr(store, "dialect", None) == "ladybug" and getattr(store, "arrow", None) is not None


# -- node-link JSON, written item by item -------------------------------------------------------------------
def _json_value(value: Any, pad: str) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`` writes it when it starts a
    line indented by ``pad`` (strings, integers and lists of strings directly, anything else through json)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if not value:
            return "[]"
        inner = pad + " "
        return "[\n" + ",\n".join(inner + encode_basestring(v) for v in value) + "\n" + pad + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + pad)


def _props_json(props: dict[str, Any], pad: str) -> str:
    if not props:
        return "{}"
    deep = pad + "  "
    body = ",\n".join(f"{deep}{encode_basestring(k)}: {_json_value(props[k], deep)}" for k in sorted(props))
    return "{\n" + body + "\n" + pad + " }"


LINK_KEYS, NODE_KEYS = ["properties", "source", "target", "type"], ["id", "label", "properties"]


def item_json(item: dict[str, Any], pad: str = "  ") -> str:
    """One node or link of the node-link document, byte for byte as ``json.dumps(…, ensure_ascii=False, indent=1,
    sort_keys=True)`` writes it inside the top-level lists (``pad``: two spaces). The pure-Python encoder json.dumps
    uses with ``indent`` took 11 s for 110,000 nodes and 100,000 links; this writes the known shape directly."""
    inner = pad + " "
    keys = sorted(item)
    if keys == LINK_KEYS and isinstance(item["properties"], dict) and isinstance(item["type"], str):
        return (
            f'{pad}{{\n{inner}"properties": {_props_json(item["properties"], pad)},\n'
            f'{inner}"source": {_json_value(item["source"], inner)},\n'
            f'{inner}"target": {_json_value(item["target"], inner)},\n'
            f'{inner}"type": {encode_basestring(item["type"])}\n{pad}}}'
        )
    if keys == NODE_KEYS and isinstance(item["properties"], dict):
        return (
            f'{pad}{{\n{inner}"id": {_json_value(item["id"], inner)},\n'
            f'{inner}"label": {_json_value(item["label"], inner)},\n'
            f'{inner}"properties": {_props_json(item["properties"], pad)}\n{pad}}}'
        )
    parts = []
    for key in keys:
        value = item[key]
        text = (
            _props_json(value, pad)
            if isinstance(value, dict) and all(isinstance(k, str) for k in value)
            else (_json_value(value, inner))
        )
        parts.append(f"{inner}{_json_value(key, inner)}: {text}")
    return pad + "{\n" + ",\n".join(parts) + "\n" + pad + "}"


def write_node_link_json(
    out: Any, nodes: list[dict[str, Any]], links: Iterator[dict[str, Any]], n_links: int, progress: Progress | None
) -> None:
    """The node-link document (``links`` first: keys sorted) to the binary file ``out``, a chunk of items at a
    time."""
    total = n_links + len(nodes)

    def section(name: str, items: Iterator[dict[str, Any]], done: int, last: bool) -> int:
        out.write(f' "{name}": ['.encode())
        buf: list[str] = []
        first = True
        for item in items:
            buf.append(item_json(item))
            if len(buf) >= CHUNK:
                out.write((("\n" if first else ",\n") + ",\n".join(buf)).encode("utf-8"))
                done, first, buf = done + len(buf), False, []
                if progress:
                    progress(f"writing {name}", done, total)
        if buf:
            out.write((("\n" if first else ",\n") + ",\n".join(buf)).encode("utf-8"))
            done, first = done + len(buf), False
        out.write(("]" if first else "\n ]").encode() + (b"\n" if last else b",\n"))
        return done

    out.write(b"{\n")
    done = section("links", links, 0, False)
    section("nodes", iter(nodes), done, True)
    out.write(b"}")
