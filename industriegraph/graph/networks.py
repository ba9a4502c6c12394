"""The graph as networkx, and ego networks: the one implementation behind ``Graph.to_networkx`` and
``Graph.ego``, used by the API, the pages, the network drawings and the ``viz`` command.

Convention: a ``MultiDiGraph`` with one node per graph node, keyed by id, whose attributes are the node's
properties (without ``id``) plus ``type``, the schema label (not ``label``: a Topic has a ``label`` property of
its own); and one edge per relationship, attributes ``type`` (the relationship type) plus its properties.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import networkx as nx

from industriegraph.model.schema import NODES, RELS

# ``type`` is the attribute of the label and of the relationship type: no declared property may be called so.
assert not any(p.name == "type" for spec in (*NODES, *RELS) for p in spec.all_props)


def to_networkx(nodes: Iterable[Mapping[str, Any]], relationships: Iterable[Mapping[str, Any]]) -> nx.MultiDiGraph:
    """``nodes`` as from ``Graph.nodes()`` (property dicts with ``_label``), ``relationships`` as from
    ``Graph.relationships()`` (``{"source", "target", "r"}``)."""
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k not in ("id", "_label")}, type=n["_label"])
    for r in relationships:
        g.add_edge(
            r["source"], r["target"], type=r["r"]["_label"], **{k: v for k, v in r["r"].items() if k != "_label"}
        )
    return g


def from_node_link(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """The same graph from ``Graph.node_link()`` form (``{"nodes": [{id, label, properties}], "links": […]}``)."""
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], **(n.get("properties") or {}), type=n.get("label"))
    for link in data["links"]:
        g.add_edge(link["source"], link["target"], type=link["type"], **(link.get("properties") or {}))
    return g


def induced_subgraph(g: nx.Graph, nodes: Iterable[Any]) -> nx.Graph:
    """``g``'s subgraph on ``nodes`` as a new graph of its class, nodes and edges in ``g``'s own order.

    ``g.subgraph(nodes)`` iterates the set ``nodes`` when it holds under half of ``g``, in an order that changes
    with the hash seed: spring layouts and drawings built from it differed from one process to the next.

    >>> g = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> list(induced_subgraph(g, {"d", "b"})), list(induced_subgraph(g, ["c", "b", "d"]).edges)
    (['b', 'd'], [('b', 'c'), ('c', 'd')])
    """
    keep = set(nodes)
    sub = g.__class__()
    sub.graph.update(g.graph)
    ordered = [v for v in g if v in keep]
    sub.add_nodes_from((v, g.nodes[v]) for v in ordered)
    edges = g.edges(ordered, keys=True, data=True) if g.is_multigraph() else g.edges(ordered, data=True)
    sub.add_edges_from(e for e in edges if e[1] in keep)
    return sub


def ego_network(
    g: nx.MultiDiGraph, centre: str, radius: int = 1, limit: int = 200, *, stop: Collection[str] = ()
) -> nx.MultiDiGraph:
    """The nodes within ``radius`` hops of ``centre`` (either direction) and every relationship among them.

    A walk outward, nearer nodes first and, at the same distance, better connected ones (more relationships in
    ``g``), then by id; at most ``limit`` nodes. Nodes whose label is in ``stop`` are reached but not walked
    through (topics or states would pull in half the graph). The answer is a copy of the subgraph with
    ``graph["centre"]``, ``graph["radius"]``, ``graph["truncated"]`` (the limit cut nodes off) and
    ``graph["depth"]`` (hops from the centre per node). ``KeyError`` for an unknown centre.
    """
    if centre not in g:
        raise KeyError(centre)
    seen = {centre: 0}
    frontier = deque([centre])
    truncated = False
    while frontier:
        here = frontier.popleft()
        if seen[here] >= radius or (here != centre and g.nodes[here].get("type") in stop):
            continue
        nxt = set(g.successors(here)) | set(g.predecessors(here))
        for other in sorted(nxt - seen.keys(), key=lambda n: (-g.degree(n), n)):
            if len(seen) >= limit:
                truncated = True
                break
            seen[other] = seen[here] + 1
            frontier.append(other)
    sub = induced_subgraph(g, seen)
    sub.graph.update(centre=centre, radius=radius, truncated=truncated, depth=seen)
    return sub
