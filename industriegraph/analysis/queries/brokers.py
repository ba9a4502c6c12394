"""Who bridges otherwise separate parts of the organisation–initiative network (betweenness), and its communities."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from industriegraph.analysis.queries.base import Param, Query, QueryError, same

LOUVAIN_SEED = 42  # fixed so that communities (and their numbers) are the same on every run
# Up to this many actors in the network: exact betweenness and networkx's Louvain (as on the real graph). Larger
# networks: betweenness estimated from SAMPLES sources and igraph's multilevel Louvain, so a network of a million
# memberships answers in seconds (exact Brandes there is O(nodes x edges), about 10^11 steps).
EXACT_LIMIT = 5000
SAMPLES, SAMPLE_SEED = 64, 42
DATASET, VERSION = "brokers", 1
COLUMNS = ("id", "name", "label", "kind", "betweenness", "degree", "community", "community_name")

EDGES_CYPHER = same("MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative) RETURN o.id AS source, i.id AS target")
COOPERATION_EDGES_CYPHER = same(
    "MATCH (a:Initiative)-[:COOPERATES_WITH]->(b:Initiative) RETURN a.id AS source, b.id AS target"
)
ORGS_CYPHER = same("MATCH (o:Organization) RETURN o.id AS id, o.name AS name, o.kind AS kind")
INITIATIVES_CYPHER = same("MATCH (i:Initiative) RETURN i.id AS id, i.name AS name")


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


def _igraph(edges: np.ndarray, n: int):
    import igraph as ig  # imported when computing, not when a stored result is read

    g = ig.Graph(n=n, directed=False)
    g.add_edges(edges)
    return g


def _betweenness(g, n: int) -> np.ndarray:
    """Normalised betweenness of the undirected igraph ``g`` with ``n`` nodes: exact up to EXACT_LIMIT nodes,
    else estimated from SAMPLES sources drawn with a fixed seed (Brandes and Pich: dependencies from the sampled
    sources, scaled by n / SAMPLES). igraph's exact scores equal networkx's."""
    if n <= 2:
        return np.zeros(n)
    if n <= EXACT_LIMIT:
        raw = np.array(g.betweenness(directed=False))
    else:
        sources = np.sort(np.random.default_rng(SAMPLE_SEED).choice(n, size=SAMPLES, replace=False))
        raw = np.array(g.betweenness(directed=False, sources=sources.tolist(), targets=None)) * (n / SAMPLES)
    return raw / ((n - 1) * (n - 2) / 2)


def _large_communities(g) -> np.ndarray:
    """Community number (unsorted) of each node by igraph's multilevel (Louvain) method, seeded."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(LOUVAIN_SEED))
    try:
        return np.array(g.community_multilevel().membership)
    finally:
        ig.set_random_number_generator(random)


def broker_table(graph) -> dict[str, np.ndarray]:
    """Every actor of the membership network with betweenness, degree and community, best broker first."""
    d = graph.dialect
    edges_t = graph.cypher_arrow(EDGES_CYPHER[d]).combine_chunks()
    coop = graph.cypher_arrow(COOPERATION_EDGES_CYPHER[d]).combine_chunks()
    orgs = graph.cypher_arrow(ORGS_CYPHER[d]).combine_chunks()
    inis = graph.cypher_arrow(INITIATIVES_CYPHER[d]).combine_chunks()
    src = pa.concat_arrays([edges_t["source"].combine_chunks(), coop["source"].combine_chunks()])
    dst = pa.concat_arrays([edges_t["target"].combine_chunks(), coop["target"].combine_chunks()])
    ids = pc.unique(pa.concat_arrays([src, dst])).sort() if len(src) else pa.array([], pa.string())
    n = len(ids)
    a = pc.index_in(src, ids).to_numpy(zero_copy_only=False).astype(np.int64)
    b = pc.index_in(dst, ids).to_numpy(zero_copy_only=False).astype(np.int64)
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    key = np.unique(lo * max(n, 1) + hi)
    pairs = np.stack([key // max(n, 1), key % max(n, 1)], axis=1)
    degree = np.bincount(pairs.ravel(), minlength=n)
    org_pos = pc.index_in(ids, orgs["id"])
    is_org = pc.is_valid(org_pos).to_numpy(zero_copy_only=False)
    org_at = org_pos.fill_null(0).to_numpy(zero_copy_only=False)
    ini_at = pc.index_in(ids, inis["id"]).fill_null(0).to_numpy(zero_copy_only=False)
    id_list = ids.to_pylist()
    org_names = orgs["name"].to_pylist()
    org_kinds = orgs["kind"].to_pylist()
    ini_names = inis["name"].to_pylist()
    names = [org_names[int(org_at[k])] if is_org[k] else ini_names[int(ini_at[k])] for k in range(n)]
    kinds = [org_kinds[int(org_at[k])] if is_org[k] else None for k in range(n)]
    labels = ["Organization" if is_org[k] else "Initiative" for k in range(n)]
    ig_graph = _igraph(pairs, n)
    betweenness = _betweenness(ig_graph, n)
    if n <= EXACT_LIMIT:
        g = nx.Graph()
        for k in range(n):
            g.add_node(id_list[k], name=names[k])
        g.add_edges_from((id_list[x], id_list[y]) for x, y in pairs.tolist())
        community = communities(g)
        numbers = [community[i][0] for i in id_list]
        community_names = [community[i][1] for i in id_list]
    else:
        raw = _large_communities(ig_graph)
        groups: dict[int, list[int]] = {}
        for k, c in enumerate(raw.tolist()):
            groups.setdefault(c, []).append(k)
        named = []
        for members in groups.values():
            best = min(members, key=lambda k: (-degree[k], names[k], id_list[k]))
            named.append((members, names[best]))
        named.sort(key=lambda c: (-len(c[0]), c[1]))
        numbers, community_names = [0] * n, [""] * n
        for number, (members, name) in enumerate(named, start=1):
            for k in members:
                numbers[k], community_names[k] = number, name
    rounded = np.round(betweenness, 6)
    order = sorted(range(n), key=lambda k: (-rounded[k], -degree[k], names[k], id_list[k]))
    return {
        "id": _strings([id_list[k] for k in order]),
        "name": _strings([names[k] for k in order]),
        "label": _strings([labels[k] for k in order]),
        "kind": _strings([kinds[k] or "" for k in order]),
        "betweenness": rounded[order].astype(float),
        "degree": degree[order].astype(np.int64),
        "community": np.array([numbers[k] for k in order], dtype=np.int64),
        "community_name": _strings([community_names[k] for k in order]),
    }


def _strings(values: list[str]) -> np.ndarray:
    """A numpy unicode array (stored without pickling, read back without pyarrow)."""
    return np.array(values, dtype=str) if values else np.zeros(0, dtype="<U1")


def derive(graph) -> dict[str, Any]:
    return broker_table(graph)


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if params["top"] < 1:
        raise QueryError(f"parameter 'top' must be at least 1, got {params['top']}")
    if params["min_degree"] < 0:
        raise QueryError(f"parameter 'min_degree' must not be negative, got {params['min_degree']}")
    ds = graph.derived(DATASET, VERSION)
    table = {c: ds[c] for c in COLUMNS} if ds is not None else broker_table(graph)
    mask = table["degree"] >= params["min_degree"]
    if params["label"] != "all":
        mask &= table["label"] == params["label"]
    rows = np.flatnonzero(mask)[: params["top"]]
    out = []
    for rank, k in enumerate(rows.tolist(), start=1):
        row = {c: table[c][k].item() for c in COLUMNS}
        row["kind"] = row["kind"] or None
        out.append({"rank": rank, **row})
    return out


QUERY = Query(
    name="brokers",
    description=(
        "Brokers of the organisation–initiative network: organisations and initiatives ranked by betweenness "
        "centrality (normalised; exact up to 5,000 actors, above that estimated from 64 sampled sources) over the "
        "network of MEMBER_OF links (organisation to initiative) and "
        "COOPERATES_WITH links (initiative to initiative), with their degree there. A high score means many "
        "shortest connections between other actors run through this one. Each row also names the actor's community "
        "(Louvain with a fixed seed, numbered by size) after its best-connected member. Computed once when the graph "
        "is built. Only actors with at least "
        "one such link take part; initiatives whose members the documents do not name are not in this network."
    ),
    parameters=(
        Param("top", int, 20, "How many actors to list (after filtering)."),
        Param("label", str, "all", "Which actors to list.", ("Organization", "Initiative", "all")),
        Param("min_degree", int, 1, "Only actors with at least this many links in the network."),
    ),
    columns=("rank", "id", "name", "label", "kind", "betweenness", "degree", "community", "community_name"),
    cypher=EDGES_CYPHER,
    run=run,
    extra_cypher={
        "cooperation": COOPERATION_EDGES_CYPHER,
        "organizations": ORGS_CYPHER,
        "initiatives": INITIATIVES_CYPHER,
    },
)
