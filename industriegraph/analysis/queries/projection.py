"""Projections of the graph into networkx, fetched with Cypher, for the questions that need a graph algorithm.

Why a projection and not the whole graph: the vocabulary nodes (Topic, State) and the bookkeeping nodes (Source,
Finding, Statistic) touch almost everything, so a shortest path or a betweenness score computed through them says
"both are about Fachkräfte" or "both are in Hamburg" rather than who works with whom. The Cypher each projection sends
is declared here as module constants (per dialect) so the query modules can expose it (``Query.extra_cypher``) for
the Neo4j analyser and the docs. Also here: resolving a user-typed name to one node, shared by ``path`` and
``organization`` so both answer an unknown name the same way as ``industriegraph show``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from industriegraph.analysis.queries.base import QueryError, same
from industriegraph.graph.facade import display_name

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

#: Labels left out of the actor projection unless asked for: vocabulary hubs and bookkeeping nodes.
VOCABULARY = ("Topic", "State")
BOOKKEEPING = ("Source", "Finding", "Statistic")
EXCLUDED_BY_DEFAULT = VOCABULARY + BOOKKEEPING

# -- organisation–initiative network (brokers) ----------------------------------------------------
MEMBERSHIP_CYPHER = same(
    """
MATCH (o:Organization)-[r:MEMBER_OF]->(i:Initiative)
RETURN o.id AS source, o.name AS source_name, o.kind AS source_kind,
       i.id AS target, i.name AS target_name, r.role AS role
""".strip()
)
COOPERATION_CYPHER = same(
    """
MATCH (a:Initiative)-[r:COOPERATES_WITH]->(b:Initiative)
RETURN a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name, r.kind AS kind
""".strip()
)

# -- actor network (path): every node and relationship except the excluded labels -------------------
# Ladybug has label(n) and no labels(n); a node has exactly one label in this schema, so both say the same.
ACTOR_NODES_CYPHER = {
    "ladybug": "MATCH (n) WHERE NOT label(n) IN $excluded RETURN n",
    "neo4j": "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $excluded) RETURN n",
}
ACTOR_RELS_CYPHER = {
    "ladybug": """
MATCH (a)-[r]->(b)
WHERE NOT label(a) IN $excluded AND NOT label(b) IN $excluded
RETURN a.id AS source, b.id AS target, r
""".strip(),
    "neo4j": """
MATCH (a)-[r]->(b)
WHERE none(l IN labels(a) WHERE l IN $excluded) AND none(l IN labels(b) WHERE l IN $excluded)
RETURN a.id AS source, b.id AS target, r
""".strip(),
}


def membership_graph(graph: Graph, cooperation: bool = True) -> nx.Graph:
    """Organisations and initiatives linked by MEMBER_OF (and initiatives by COOPERATES_WITH).

    Only nodes with at least one such link are in it, so betweenness is normalised over the network itself and
    not diluted by the many initiatives whose members the documents do not name. Nodes and edges are inserted in
    sorted order so that algorithms that depend on iteration order (Louvain, BFS) give the same answer every run.
    Node attributes: label, name, kind (organisations only); edge attribute ``types`` (set of relationship types).
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], set[str]] = {}
    for r in graph.cypher(MEMBERSHIP_CYPHER[graph.dialect]):
        nodes[r["source"]] = {"label": "Organization", "name": r["source_name"], "kind": r["source_kind"]}
        nodes.setdefault(r["target"], {"label": "Initiative", "name": r["target_name"], "kind": None})
        edges.setdefault(tuple(sorted((r["source"], r["target"]))), set()).add("MEMBER_OF")
    if cooperation:
        for r in graph.cypher(COOPERATION_CYPHER[graph.dialect]):
            for node_id, name in ((r["source"], r["source_name"]), (r["target"], r["target_name"])):
                nodes.setdefault(node_id, {"label": "Initiative", "name": name, "kind": None})
            if r["source"] != r["target"]:
                edges.setdefault(tuple(sorted((r["source"], r["target"]))), set()).add("COOPERATES_WITH")
    g = nx.Graph()
    for node_id in sorted(nodes):
        g.add_node(node_id, **nodes[node_id])
    for a, b in sorted(edges):
        g.add_edge(a, b, types=sorted(edges[(a, b)]))
    return g


def actor_graph(graph: Graph, exclude: tuple[str, ...] = EXCLUDED_BY_DEFAULT) -> nx.Graph:
    """The whole graph, undirected, minus the nodes whose label is in ``exclude``.

    Node attributes: label, name (the caption ``show`` uses), kind. Edge attribute ``rels``: every relationship
    between the two nodes as dicts {type, source, target, evidence}, sorted, so a path can report direction and
    evidence of each step. Inserted in sorted order for deterministic shortest paths.
    """
    excluded = list(exclude)
    g = nx.Graph()
    for row in sorted(graph.cypher(ACTOR_NODES_CYPHER[graph.dialect], excluded=excluded), key=lambda r: r["n"]["id"]):
        n = row["n"]
        g.add_node(n["id"], label=n["_label"], name=display_name(n), kind=n.get("kind"))
    rels: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in graph.cypher(ACTOR_RELS_CYPHER[graph.dialect], excluded=excluded):
        if row["source"] == row["target"]:
            continue
        rel = {
            "type": row["r"]["_label"],
            "source": row["source"],
            "target": row["target"],
            "evidence": sorted(row["r"].get("evidence") or []),
        }
        rels.setdefault(tuple(sorted((row["source"], row["target"]))), []).append(rel)
    for a, b in sorted(rels):
        g.add_edge(a, b, rels=sorted(rels[(a, b)], key=lambda r: (r["type"], r["source"], r["target"])))
    return g


def resolve(graph: Graph, name_or_id: str | None, what: str = "name", labels: tuple[str, ...] = ()) -> dict[str, Any]:
    """The one node an analyst means by an id, name or alias (any case/spelling ``Graph.find`` accepts as exact).

    Unknown or only fuzzily matching names and ambiguous names raise QueryError listing the closest candidates, so
    the analyst can retry with the id. ``labels`` restricts which kinds of node are acceptable.
    """
    if name_or_id is None or not str(name_or_id).strip():
        raise QueryError(f"parameter {what!r} is required (a name, alias or id)")
    found = graph.find(str(name_or_id).strip())
    exact = [n for n in found if "_score" not in n]
    if labels:
        fitting = [n for n in exact if n["_label"] in labels]
        if exact and not fitting:
            others = "; ".join(f"{display_name(n)} ({n['id']}, {n['_label']})" for n in exact)
            raise QueryError(f"{what} {name_or_id!r} names no {' or '.join(labels)}: {others}")
        exact = fitting
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        hint = "; ".join(f"{display_name(n)} ({n['id']})" for n in sorted(exact, key=lambda n: n["id"]))
        raise QueryError(f"{what} {name_or_id!r} is ambiguous; use one of the ids: {hint}")
    candidates = [n for n in found if not labels or n["_label"] in labels]
    hint = "; ".join(f"{display_name(n)} ({n['id']})" for n in candidates)
    raise QueryError(f"nothing named {name_or_id!r}." + (f" Closest candidates: {hint}" if hint else ""))
