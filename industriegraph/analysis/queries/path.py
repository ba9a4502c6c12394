"""How two actors are connected: the shortest chain of relationships between them, each step with its evidence."""

from __future__ import annotations

from typing import Any

import networkx as nx

from industriegraph.analysis.queries.base import Param, Query, QueryError
from industriegraph.analysis.queries.projection import (
    ACTOR_NODES_CYPHER,
    ACTOR_RELS_CYPHER,
    BOOKKEEPING,
    EXCLUDED_BY_DEFAULT,
    actor_graph,
    resolve,
)

# Ladybug has no shortestPath(); there the path is found by networkx over the actor projection (ACTOR_*_CYPHER),
# which is also what run() does on Neo4j so both engines give the same answer. The Neo4j spelling below is the
# equivalent single statement, for analysts who want to run it in the Neo4j browser.
NEO4J_SHORTEST_PATH = """
MATCH (a {id: $from_id})
MATCH (b {id: $to_id})
MATCH p = shortestPath((a)-[*..12]-(b))
WHERE all(n IN nodes(p) WHERE n = a OR n = b OR none(l IN labels(n) WHERE l IN $excluded))
RETURN [n IN nodes(p) | n.id] AS ids,
       [r IN relationships(p) | {type: type(r), from: startNode(r).id, evidence: r.evidence}] AS steps
""".strip()


def _step(g: nx.Graph, here: str, there: str) -> tuple[str, list[str]]:
    """'MEMBER_OF ->' / '<- PARTNER_OF' for every relationship between two consecutive nodes, and their evidence."""
    parts, evidence = [], []
    for rel in g.edges[here, there]["rels"]:
        parts.append(f"{rel['type']} ->" if rel["source"] == here else f"<- {rel['type']}")
        evidence.extend(e for e in rel["evidence"] if e not in evidence)
    return " | ".join(parts), evidence


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if params["max_hops"] < 1:
        raise QueryError(f"parameter 'max_hops' must be at least 1, got {params['max_hops']}")
    start = resolve(graph, params["from"], "from")
    end = resolve(graph, params["to"], "to")
    exclude = BOOKKEEPING if params["via_vocabulary"] else EXCLUDED_BY_DEFAULT
    for what, node in (("from", start), ("to", end)):
        if node["_label"] in exclude:
            hint = (
                " (pass via_vocabulary=true to route through topics and states)"
                if node["_label"] not in BOOKKEEPING
                else ""
            )
            raise QueryError(f"{what}: {node['id']} is a {node['_label']}; paths run between actors{hint}")
    g = actor_graph(graph, exclude)
    try:
        ids = nx.shortest_path(g, start["id"], end["id"])
    except nx.NetworkXNoPath:
        return []
    if len(ids) - 1 > params["max_hops"]:
        return []
    rows = []
    for step, node_id in enumerate(ids):
        relationship, evidence = _step(g, node_id, ids[step + 1]) if step + 1 < len(ids) else ("", [])
        attrs = g.nodes[node_id]
        rows.append(
            {
                "step": step,
                "id": node_id,
                "name": attrs["name"],
                "label": attrs["label"],
                "relationship": relationship,
                "evidence": evidence,
            }
        )
    return rows


QUERY = Query(
    name="path",
    description=(
        "The shortest chain of relationships between two actors (organisations, initiatives, people, strategies, "
        "measures, events), named by id, name or alias. One row per node on the chain, from the first actor "
        "(step 0) to the second; 'relationship' is the relationship(s) to the next node with their direction "
        "('MEMBER_OF ->' or '<- MEMBER_OF') and 'evidence' the lines stating them. Topics and states are left out "
        "unless via_vocabulary is true, so the chain shows who works with whom rather than shared keywords. "
        "No rows means no connection within max_hops. Found with networkx over a Cypher projection, on both engines."
    ),
    parameters=(
        Param("from", str, None, "First actor: id, name or alias."),
        Param("to", str, None, "Second actor: id, name or alias."),
        Param("max_hops", int, 8, "Longest chain (relationships) still reported."),
        Param("via_vocabulary", bool, False, "Also route through Topic and State nodes."),
    ),
    columns=("step", "id", "name", "label", "relationship", "evidence"),
    cypher={"ladybug": ACTOR_RELS_CYPHER["ladybug"], "neo4j": NEO4J_SHORTEST_PATH},
    run=run,
    extra_cypher={"actor_nodes": ACTOR_NODES_CYPHER, "actor_relationships": ACTOR_RELS_CYPHER},
)
