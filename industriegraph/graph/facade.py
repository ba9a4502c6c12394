"""``Graph``: the Python API for notebooks, and the core the CLI and the web app call."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from industriegraph.graph.plugins import analysis
from industriegraph.model.schema import NODE_BY_LABEL, NODES
from industriegraph.store.base import Store, open_store
from industriegraph.text.normalize import norm

if TYPE_CHECKING:  # networkx is imported where the graph is converted: opening the graph stays quick
    import networkx as nx

NODE_QUERY = "MATCH (n) RETURN n"
REL_QUERY = "MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, r"


def display_name(node: dict[str, Any]) -> str:
    spec = NODE_BY_LABEL.get(node.get("_label", ""))
    return str(node.get(spec.display) if spec else node.get("name") or node.get("id"))


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

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, path_or_uri: str | os.PathLike | None = None, **kwargs: Any) -> Graph:
        return cls(open_store(path_or_uri, **kwargs))

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def dialect(self) -> str:
        return self.store.dialect

    def cypher(self, text: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read query; rows as dicts, nodes as property dicts with ``_label``."""
        return self.store.cypher(text, params)

    # -- whole-graph views ----------------------------------------------------------
    def nodes(self) -> list[dict[str, Any]]:
        return [r["n"] for r in self.cypher(NODE_QUERY)]

    def relationships(self) -> list[dict[str, Any]]:
        return self.cypher(REL_QUERY)

    def stats(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type."""
        counts: dict[str, int] = {}
        for n in NODES:
            counts[n.label] = self.cypher(f"MATCH (n:{n.label}) RETURN count(n) AS c")[0]["c"]
        for r in self.relationships():
            counts[r["r"]["_label"]] = counts.get(r["r"]["_label"], 0) + 1
        return counts

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph, one edge per relationship.

        Node attribute ``type`` is the schema label (a Topic has a ``label`` property of its own); edge attribute
        ``type`` is the relationship type; all properties come along."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for n in self.nodes():
            g.add_node(n["id"], **{k: v for k, v in n.items() if k not in ("id", "_label")}, type=n["_label"])
        for r in self.relationships():
            props = {k: v for k, v in r["r"].items() if k != "_label"}
            g.add_edge(r["source"], r["target"], type=r["r"]["_label"], **props)
        return g

    def node_link(self) -> dict[str, list[dict[str, Any]]]:
        """Node-link form: {"nodes": [{id, label, properties}], "links": [{source, target, type, properties}]}."""
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

    def export_json(self, path: str | os.PathLike) -> dict[str, int]:
        data = self.node_link()
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        return {"nodes": len(data["nodes"]), "links": len(data["links"])}

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
        rows = self.cypher("MATCH (n) WHERE n.id = $id RETURN n", id=node_id)
        return rows[0]["n"] if rows else None

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        """Relationships of a node in both directions: type, direction, properties, the other node."""
        out = self.cypher("MATCH (a)-[r]->(b) WHERE a.id = $id RETURN r, b AS other", id=node_id)
        inc = self.cypher("MATCH (b)-[r]->(a) WHERE a.id = $id RETURN r, b AS other", id=node_id)
        rows = [{"direction": "out", **x} for x in out] + [{"direction": "in", **x} for x in inc]
        return sorted(rows, key=lambda x: (x["r"]["_label"], x["direction"], display_name(x["other"])))

    def find(self, name_or_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Nodes whose id, name, title or alias matches; exact matches first, then closest candidates."""
        node = self.get(name_or_id)
        if node:
            return [node]
        from rapidfuzz import fuzz, process

        wanted = norm(name_or_id)
        candidates: dict[str, tuple[str, dict[str, Any]]] = {}
        for n in self.nodes():
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
