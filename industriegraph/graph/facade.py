"""``Graph``: the Python API for notebooks, and the core the CLI and the web app call."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from industriegraph.graph.plugins import analysis
from industriegraph.model.schema import NODE_BY_LABEL, NODES, RELS
from industriegraph.store.base import Store, open_store
from industriegraph.store.derived import Dataset, open_derived
from industriegraph.text.normalize import norm

if TYPE_CHECKING:  # networkx is imported where the graph is converted: opening the graph stays quick
    import networkx as nx
    import numpy as np  # numpy too: the name index and `find` import it (`stats` starts without it)
    import pyarrow as pa

NODE_QUERY = "MATCH (n) RETURN n"
REL_QUERY = "MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, r"
_UNSET = object()
_LABEL_BY_PREFIX = {n.prefix: n.label for n in NODES}
NAMES_DATASET, NAMES_VERSION = "names", 1


def name_index(graph: Graph) -> dict[str, Any]:
    """Every node's display name and aliases, normalised as ``find`` compares them, with the node's id, label by
    label in schema order (fuzzy ties are broken in this order), and their sorted order (``order``) for exact
    lookup: the build stores this (derived dataset "names") so ``find`` answers without reading every node."""
    candidates: dict[str, tuple[str, str]] = {}
    for spec in NODES:  # label by label in schema order, by id within a label, fetched as Arrow
        if spec.label in ("Finding", "Source"):
            continue
        aliases = "n.aliases" if any(p.name == "aliases" for p in spec.props) else "[]"
        table = graph.cypher_arrow(
            f"MATCH (n:{spec.label}) RETURN n.id AS id, n.{spec.display} AS display, {aliases} AS aliases "
            "ORDER BY id"  # the same tie order on every engine
        )
        for node_id, shown, alias_list in zip(
            *(table[c].to_pylist() for c in ("id", "display", "aliases")), strict=True
        ):
            for text in [str(shown), *(alias_list or [])]:
                candidates[f"{node_id}|{text}"] = (norm(text), node_id)
    import numpy as np

    keys = np.array([k for k, _ in candidates.values()], dtype=str) if candidates else np.zeros(0, "<U1")
    ids = np.array([i for _, i in candidates.values()], dtype=str) if candidates else np.zeros(0, "<U1")
    return {"keys": keys, "ids": ids, "order": np.argsort(keys, kind="stable")}


def _rel_key(row: dict[str, Any]) -> tuple[str, str, str, str]:
    props = {k: v for k, v in row["r"].items() if k != "_label"}
    return (row["source"], row["r"]["_label"], row["target"], json.dumps(props, sort_keys=True, ensure_ascii=False))


def display_name(node: dict[str, Any]) -> str:
    spec = NODE_BY_LABEL.get(node.get("_label", ""))
    return str(node.get(spec.display) if spec else node.get("name") or node.get("id"))


def neighbour_key(x: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """The order of ``Graph.neighbours``: type, direction, the other node's name and id, then the properties (a
    total order, so parallel relationships come in the same order from every engine)."""
    rel = json.dumps(x["r"], sort_keys=True, ensure_ascii=False)
    return (x["r"]["_label"], x["direction"], display_name(x["other"]), x["other"]["id"], rel)


def neighbour_row(x: dict[str, Any]) -> dict[str, Any]:
    """One row of ``Graph.neighbours`` in the plain form the CLI and the API print: type, direction, the other
    node's id, label and name, the relationship's properties."""
    return {
        "type": x["r"]["_label"],
        "direction": x["direction"],
        "id": x["other"]["id"],
        "label": x["other"]["_label"],
        "name": display_name(x["other"]),
        "properties": {k: v for k, v in x["r"].items() if k != "_label"},
    }


class Graph:
    """An open industriegraph, on Ladybug (a path) or Neo4j (a bolt:// or neo4j:// URI)."""

    def __init__(self, store: Store, sources: str | os.PathLike | None = None, derived: bool = True):
        self.store = store
        self._sources = Path(sources) if sources is not None else None
        self._source_folders: list[Path] | None = None
        self.use_derived = derived
        self._derived: Any = _UNSET

    @classmethod
    def open(
        cls,
        path_or_uri: str | os.PathLike | None = None,
        *,
        sources: str | os.PathLike | None = None,
        derived: bool = True,
        **kwargs: Any,
    ) -> Graph:
        """Open a graph; ``sources`` is the folder of the source documents that evidence quotes come from
        (default: ``data/sources`` of the checkout); ``derived=False`` ignores the data the build derived and
        computes everything on the fly."""
        return cls(open_store(path_or_uri, **kwargs), sources, derived=derived)

    def derived(self, name: str, version: int) -> Dataset | None:
        """A dataset the build derived from this graph (``industriegraph.store.derived``), or None when there is
        none in this version (Neo4j, an older build, ``derived=False``): the caller then computes on the fly."""
        if not self.use_derived:
            return None
        if self._derived is _UNSET:
            path = getattr(self.store, "path", None)
            self._derived = open_derived(path) if isinstance(path, Path) else None
        return self._derived.dataset(name, version) if self._derived is not None else None

    def cypher_arrow(self, text: str, **params: Any) -> pa.Table:
        """A read query's result as an Arrow table: fast for large results (scalar and list columns only)."""
        arrow = getattr(self.store, "arrow", None)
        if arrow is not None:
            return arrow(text, params)
        import pyarrow as pa

        return pa.Table.from_pylist(self.store.cypher(text, params))

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._derived not in (None, _UNSET):
            self._derived.close()
        self.store.close()

    def add(self, file: str | os.PathLike, *, strict: bool = False) -> Any:
        """Add one document to this (Ladybug) graph, as ``industriegraph add`` does: the graph's sources plus
        ``file``, resolved together and swapped in atomically (``pipeline.build.add``); the graph is then reopened
        on the new database. Returns the build report with the change report in ``changes``; a bad document raises
        ``SourceError`` and the graph stays as it was."""
        from industriegraph.pipeline.build import add

        path = getattr(self.store, "path", None)
        if not isinstance(path, Path):
            raise ValueError("add works on a Ladybug database; build Neo4j from a sources folder")
        self.close()
        try:
            return add(file, path, strict=strict)
        finally:
            self.store = open_store(path)
            self._derived = _UNSET
            self._source_folders = None
            self._ids_of_index = self._keys_sorted = None

    @property
    def dialect(self) -> str:
        return self.store.dialect

    def cypher(self, text: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read query; rows as dicts, nodes as property dicts with ``_label``."""
        return self.store.cypher(text, params)

    # -- whole-graph views ----------------------------------------------------------
    # Sorted here, not with ORDER BY: the engines return matches in different orders, and a total order over
    # relationships needs the type (label(r) in Ladybug, type(r) in Neo4j) and the properties.
    def nodes(self) -> list[dict[str, Any]]:
        """Every node, by id."""
        return sorted((r["n"] for r in self.cypher(NODE_QUERY)), key=lambda n: n["id"])

    def relationships(self) -> list[dict[str, Any]]:
        """Every relationship as {source, target, r}, by source, type, target and properties."""
        return sorted(self.cypher(REL_QUERY), key=_rel_key)

    def stats(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type."""
        counts: dict[str, int] = {}
        for n in NODES:
            counts[n.label] = self.cypher(f"MATCH (n:{n.label}) RETURN count(n) AS c")[0]["c"]
        # counted in the store, not by fetching every relationship with its properties (0.25 s -> 0.02 s)
        rel_type = "type(r)" if self.dialect == "neo4j" else "label(r)"
        found = {row["t"]: row["c"] for row in self.cypher(f"MATCH ()-[r]->() RETURN {rel_type} AS t, count(*) AS c")}
        counts.update((r.type, found[r.type]) for r in RELS if found.get(r.type))
        counts.update((t, c) for t, c in sorted(found.items()) if t not in counts and c)
        return counts

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph, one edge per relationship.

        Node attribute ``type`` is the schema label (a Topic has a ``label`` property of its own); edge attribute
        ``type`` is the relationship type; all properties come along (see ``industriegraph.graph.networks``)."""
        from industriegraph.graph import networks, tables  # networkx loads on first use: opening stays quick

        if not tables.can_bulk(self):
            return networks.to_networkx(self.nodes(), self.relationships())
        # read as Arrow tables (graph.tables), in the same order as nodes() and relationships()
        return networks.from_node_link(
            {"nodes": tables.node_items(self), "links": tables.link_items(self, ascii_ties=False)[1]}
        )

    def ego(
        self,
        node_id: str,
        radius: int = 1,
        limit: int = 200,
        *,
        stop: Collection[str] = (),
        view: nx.MultiDiGraph | None = None,
    ) -> nx.MultiDiGraph:
        """The ego network of a node: everything within ``radius`` hops, nearer and better connected nodes
        first, at most ``limit`` nodes; labels in ``stop`` are not walked through. ``view`` is a
        ``to_networkx()`` graph to walk (callers that keep one save building it); ``KeyError`` for an unknown
        node. See ``industriegraph.graph.networks.ego_network`` for the attributes of the answer."""
        g = view if view is not None else self.to_networkx()
        from industriegraph.graph import networks

        return networks.ego_network(g, node_id, radius, limit, stop=stop)

    # -- evidence --------------------------------------------------------------------------------
    @property
    def sources(self) -> Path:
        """The folder of the source documents the evidence points into."""
        if self._sources is None:
            from industriegraph.pipeline.folders import default_sources

            self._sources = default_sources()
        return self._sources

    @sources.setter
    def sources(self, folder: str | os.PathLike) -> None:
        self._sources = Path(folder)
        self._source_folders = None

    def _folders(self) -> list[Path]:
        """Where evidence is quoted from: the sources folder, then the folders of the files the build manifest lists
        (a document added with ``industriegraph add`` from elsewhere)."""
        if self._source_folders is None:
            from industriegraph.pipeline.changes import read_manifest

            path = getattr(self.store, "path", None)
            manifest = read_manifest(path) if isinstance(path, Path) else None
            listed = [Path(f["path"]).parent for f in (manifest or {}).get("files", []) if f.get("path")]
            self._source_folders = list(dict.fromkeys([self.sources, *listed]))
        return self._source_folders

    def quote(self, evidence: str) -> str | None:
        """The source line an evidence string points at (``file:line``; ``file.pdf:p12:l7``, ``file.html:l40``,
        ``file.docx:¶18``: the line as extracted), or None if there is no such line."""
        from industriegraph.graph.evidence import quote  # quoting needs the text readers, a fresh `match` not

        return quote(evidence, self._folders())

    def evidence(self, items: list[str] | None) -> list[dict[str, Any]]:
        """Evidence strings with file, line and the quoted line (``{"evidence", "file", "line", "quote"}``)."""
        from industriegraph.graph.evidence import evidence_rows

        return evidence_rows(items, self._folders())

    def value_evidence(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        """Every property value of a node with the lines that state it, quoted (see ``graph.evidence.value_evidence``):
        values other documents state instead are kept too, marked ``kept: False``."""
        from industriegraph.graph.evidence import value_evidence

        return value_evidence(node, self._folders())

    # -- review (industriegraph.model.judgements) --------------------------------------------------
    def candidates(self, *, include_unsure: bool = True) -> list[dict[str, Any]]:
        """The merges and links the build made on similarity alone, for review: ``id``, ``kind``
        (merge-candidate / link-candidate), ``label``, ``names`` (both, as written), ``kinds``, ``score``,
        ``decision`` (None when open, "unsure"), ``node`` (the node concerned), ``message`` and ``evidence``
        (lines of both names). Stored with the graph, so no source is read. Best score first, then by id."""
        rows = self.cypher(
            "MATCH (f:Finding) WHERE f.kind IN ['merge-candidate', 'link-candidate'] RETURN f ORDER BY f.id"
        )
        out = []
        for r in rows:
            f = r["f"]
            if f.get("decision") and not include_unsure:
                continue
            out.append(
                {
                    "id": f["candidate"],
                    "kind": f["kind"],
                    "label": f.get("about"),
                    "names": list(f.get("names") or []),
                    "kinds": [k or None for k in f.get("kinds") or []],
                    "score": f.get("score"),
                    "decision": f.get("decision"),
                    "node": f.get("subject"),
                    "message": f.get("message"),
                    "evidence": list(f.get("evidence") or []),
                }
            )
        return sorted(out, key=lambda c: (-(c["score"] or 0), c["id"]))

    def candidate(self, candidate_id: str) -> dict[str, Any] | None:
        """One candidate by its id (or an unambiguous beginning of it)."""
        found = [c for c in self.candidates() if c["id"].startswith(candidate_id.strip().lower())]
        return found[0] if len(found) == 1 else None

    def judge(
        self,
        candidate_id: str,
        decision: str,
        *,
        author: str | None = None,
        note: str | None = None,
        path: str | os.PathLike | None = None,
    ) -> dict[str, Any]:
        """Record a decision (same / different / unsure) on a candidate in the judgement file (default:
        ``aliases.yaml`` beside the sources folder); the next build honours it. ``KeyError`` for an unknown id.
        Returns the recorded entry as a dict."""
        from dataclasses import asdict

        from industriegraph.model.judgements import record
        from industriegraph.pipeline.build import judgement_file

        c = self.candidate(candidate_id)
        if c is None:
            raise KeyError(candidate_id)
        target = Path(path) if path is not None else judgement_file(self.sources)
        return {"file": str(target), **asdict(record(target, c, decision, author=author, note=note))}

    def node_link(self, progress: Callable[[str, int, int], None] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Node-link form: {"nodes": [{id, label, properties}], "links": [{source, target, type, properties}]}.

        On Ladybug read as Arrow tables (``graph.tables``: 7x faster on a large graph); elsewhere, and as the
        reference the tests compare with, from ``nodes()`` and ``relationships()`` (``node_link_rows``)."""
        from industriegraph.graph import tables

        if not tables.can_bulk(self):
            return self.node_link_rows()
        nodes = tables.node_items(self, progress)
        _, links = tables.link_items(self, progress)
        return {"nodes": nodes, "links": list(links)}

    def node_link_rows(self) -> dict[str, list[dict[str, Any]]]:
        """``node_link()`` from rows (``nodes()``, ``relationships()``): any engine."""
        nodes = sorted(
            (
                {
                    "id": n["id"],
                    "label": n["_label"],
                    "properties": {k: v for k, v in n.items() if k not in ("id", "_label")},
                }
                for n in self.nodes()
            ),
            key=lambda n: n["id"],
        )
        links = sorted(
            (
                {
                    "source": r["source"],
                    "target": r["target"],
                    "type": r["r"]["_label"],
                    "properties": {k: v for k, v in r["r"].items() if k != "_label"},
                }
                for r in self.relationships()
            ),
            key=lambda ln: (ln["source"], ln["type"], ln["target"], json.dumps(ln["properties"], sort_keys=True)),
        )
        return {"nodes": nodes, "links": links}

    def export_json(
        self, path: str | os.PathLike, progress: Callable[[str, int, int], None] | None = None
    ) -> dict[str, int]:
        """``node_link()`` as JSON (indent 1, sorted keys), written item by item: byte-identical to
        ``json.dumps(self.node_link(), ensure_ascii=False, indent=1, sort_keys=True)``."""
        from industriegraph.graph import tables

        if tables.can_bulk(self):
            nodes = tables.node_items(self, progress)
            n_links, links = tables.link_items(self, progress)
        else:
            data = self.node_link_rows()
            nodes, n_links, links = data["nodes"], len(data["links"]), iter(data["links"])
        with open(path, "wb") as out:
            tables.write_node_link_json(out, nodes, links, n_links, progress)
        return {"nodes": len(nodes), "links": n_links}

    # -- analyst questions ---------------------------------------------------------
    def query(self, query_name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a query module by name (see ``industriegraph.analysis.queries``); parameters are checked and coerced."""
        return analysis("queries").get(query_name).execute(self, **params)

    def query_df(self, query_name: str, /, **params: Any):
        """The same as a pandas DataFrame (needs pandas), columns in the module's declared order."""
        import pandas as pd

        q = analysis("queries").get(query_name)
        return pd.DataFrame(q.execute(self, **params), columns=list(q.columns))

    # -- matchmaking (industriegraph.analysis.match) -----------------------------------------
    def match(self, initiative: str, top: int = 5, **filters: Any) -> list[dict[str, Any]]:
        """Ranked peers of an initiative with score, reasons and existing connections
        (see ``industriegraph.analysis.match``).
        Filters: state, exclude_state, topic, radius, status; ``weights=`` changes the scoring weights."""
        return analysis("match").match(self, initiative, top=top, **filters)

    def peer_groups(self, **options: Any) -> dict[str, Any]:
        """Peer-meeting groups with theme, input giver and reasons (topic, state, size_min, size_max, mode, …)."""
        return analysis("match").peer_groups(self, **options)

    # -- single entities -----------------------------------------------------------
    def get(self, node_id: str) -> dict[str, Any] | None:
        label = _LABEL_BY_PREFIX.get(node_id.partition(":")[0])
        if label is not None:  # ids start with their label's prefix: look in that table only (an index lookup)
            rows = self.cypher(f"MATCH (n:{label}) WHERE n.id = $id RETURN n", id=node_id)
            if rows:
                return rows[0]["n"]
        rows = self.cypher("MATCH (n) WHERE n.id = $id RETURN n", id=node_id)
        return rows[0]["n"] if rows else None

    def get_many(self, node_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Nodes by id (those that exist)."""
        by_label: dict[str | None, list[str]] = {}
        for node_id in node_ids:
            by_label.setdefault(_LABEL_BY_PREFIX.get(node_id.partition(":")[0]), []).append(node_id)
        out: dict[str, dict[str, Any]] = {}
        for label, ids in by_label.items():
            match = f"MATCH (n:{label})" if label else "MATCH (n)"
            for r in self.cypher(f"{match} WHERE n.id IN $ids RETURN n", ids=ids):
                out[r["n"]["id"]] = r["n"]
        missing = [i for i in node_ids if i not in out]
        if missing and any(label for label in by_label):
            for r in self.cypher("MATCH (n) WHERE n.id IN $ids RETURN n", ids=missing):
                out[r["n"]["id"]] = r["n"]
        return out

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        """Relationships of a node in both directions: type, direction, properties, the other node."""
        out = self.cypher("MATCH (a)-[r]->(b) WHERE a.id = $id RETURN r, b AS other", id=node_id)
        inc = self.cypher("MATCH (b)-[r]->(a) WHERE a.id = $id RETURN r, b AS other", id=node_id)
        rows = [{"direction": "out", **x} for x in out] + [{"direction": "in", **x} for x in inc]
        return sorted(rows, key=neighbour_key)

    def _index_ids(self, index: Dataset) -> frozenset[str]:
        if getattr(self, "_ids_of_index", None) is None:
            self._ids_of_index = frozenset(index["ids"].tolist())
        return self._ids_of_index

    def _sorted_keys(self, index: Dataset) -> np.ndarray:
        if getattr(self, "_keys_sorted", None) is None:
            self._keys_sorted = index["keys"][index["order"]]
        return self._keys_sorted

    def find(self, name_or_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Nodes whose id, name, title or alias matches; exact matches first, then closest candidates."""
        index = self.derived(NAMES_DATASET, NAMES_VERSION)
        if index is None or _LABEL_BY_PREFIX.get(name_or_id.partition(":")[0]) or name_or_id in self._index_ids(index):
            node = self.get(name_or_id)  # (without a label prefix and unknown to the index: no scan of every table)
            if node:
                return [node]
        import numpy as np

        wanted = norm(name_or_id)
        if index is not None:  # the build's name index: no scan of every node
            keys, ids, order = index["keys"], index["ids"], index["order"]
            sorted_keys = self._sorted_keys(index)
            lo, hi = np.searchsorted(sorted_keys, wanted, "left"), np.searchsorted(sorted_keys, wanted, "right")
            if hi > lo:
                hits = list(dict.fromkeys(ids[np.sort(order[lo:hi])].tolist()))
                found = self.get_many(hits)
                return [found[i] for i in hits if i in found]
        from rapidfuzz import fuzz, process  # only for candidates: an exact name needs none

        if index is not None:
            scored = process.extract(wanted, keys.tolist(), scorer=fuzz.WRatio, limit=limit * 4)
            best: dict[str, float] = {}
            for _, score, k in scored:
                best.setdefault(str(ids[k]), round(score, 1))
            ordered = list(best)[:limit]
            nodes = self.get_many(ordered)
            return [{**nodes[i], "_score": best[i]} for i in ordered if i in nodes]
        candidates: dict[str, tuple[str, dict[str, Any]]] = {}
        rank = {spec.label: i for i, spec in enumerate(NODES)}
        for n in sorted(self.nodes(), key=lambda n: (rank.get(n["_label"], len(rank)), n["id"])):  # as name_index
            if n["_label"] in ("Finding", "Source"):
                continue
            for text in [display_name(n), *(n.get("aliases") or [])]:
                candidates[f"{n['id']}|{text}"] = (norm(text), n)
        exact = [n for key, (t, n) in candidates.items() if t == wanted]
        if exact:
            return list({n["id"]: n for n in exact}.values())
        scored = process.extract(
            wanted, {k: t for k, (t, _) in candidates.items()}, scorer=fuzz.WRatio, limit=limit * 4
        )
        seen: dict[str, dict[str, Any]] = {}
        for _, score, key in scored:
            n = candidates[key][1]
            if n["id"] not in seen:
                seen[n["id"]] = {**n, "_score": round(score, 1)}
        return list(seen.values())[:limit]
