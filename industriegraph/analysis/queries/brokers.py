"""Who bridges otherwise separate parts of the organisation–initiative network (betweenness), and its communities."""

from __future__ import annotations

from typing import Any

import networkx as nx

from industriegraph.analysis.queries.base import Param, Query, QueryError
from industriegraph.analysis.queries.projection import COOPERATION_CYPHER, MEMBERSHIP_CYPHER, membership_graph

LOUVAIN_SEED = 42  # fixed so that communities (and their numbers) are the same on every run


def communities(g: nx.Graph) -> dict[str, tuple[int, str]]:
    """node id -> (community number, community name); name = the member with the highest degree, ties by name.

    Communities are numbered by size (largest first), ties by name, starting at 1.
    """
    found = nx.community.louvain_communities(g, seed=LOUVAIN_SEED) if g.number_of_nodes() else []
    named = []
    for members in found:
        best = min(members, key=lambda n: (-g.degree(n), g.nodes[n]["name"], n))
        named.append((members, g.nodes[best]["name"]))
    named.sort(key=lambda c: (-len(c[0]), c[1]))
    return {n: (number, name) for number, (members, name) in enumerate(named, start=1) for n in members}


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if params["top"] < 1:
        raise QueryError(f"parameter 'top' must be at least 1, got {params['top']}")
    if params["min_degree"] < 0:
        raise QueryError(f"parameter 'min_degree' must not be negative, got {params['min_degree']}")
    g = membership_graph(graph)
    betweenness = nx.betweenness_centrality(g, normalized=True)
    community = communities(g)
    rows = []
    for node_id, attrs in g.nodes(data=True):
        if params["label"] != "all" and attrs["label"] != params["label"]:
            continue
        if g.degree(node_id) < params["min_degree"]:
            continue
        number, name = community[node_id]
        rows.append(
            {
                "id": node_id,
                "name": attrs["name"],
                "label": attrs["label"],
                "kind": attrs["kind"],
                "betweenness": round(betweenness[node_id], 6),
                "degree": g.degree(node_id),
                "community": number,
                "community_name": name,
            }
        )
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["name"], r["id"]))
    return [{"rank": i, **r} for i, r in enumerate(rows[: params["top"]], start=1)]


QUERY = Query(
    name="brokers",
    description=(
        "Brokers of the organisation–initiative network: organisations and initiatives ranked by betweenness "
        "centrality (normalised, networkx) over the network of MEMBER_OF links (organisation to initiative) and "
        "COOPERATES_WITH links (initiative to initiative), with their degree there. A high score means many "
        "shortest connections between other actors run through this one. Each row also names the actor's community "
        "(Louvain with a fixed seed, numbered by size) after its best-connected member. Only actors with at least "
        "one such link take part; initiatives whose members the documents do not name are not in this network."
    ),
    parameters=(
        Param("top", int, 20, "How many actors to list (after filtering)."),
        Param("label", str, "all", "Which actors to list.", ("Organization", "Initiative", "all")),
        Param("min_degree", int, 1, "Only actors with at least this many links in the network."),
    ),
    columns=("rank", "id", "name", "label", "kind", "betweenness", "degree", "community", "community_name"),
    cypher=MEMBERSHIP_CYPHER,
    run=run,
    extra_cypher={"cooperation": COOPERATION_CYPHER},
)
