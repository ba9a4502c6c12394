"""How two actors are connected: the shortest chain of relationships between them, each step with its evidence."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.analysis.queries.projection import BOOKKEEPING, EXCLUDED_BY_DEFAULT, resolve
from industriegraph.graph.facade import display_name

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


# The actor network as arrays (computed once at build time; see ``industriegraph.store.derived``): every node
# except the bookkeeping ones, ids sorted, and for each node its neighbours sorted by id (CSR), which is the
# order networkx visits them in ``actor_graph`` (nodes and edges inserted sorted), so the breadth-first search
# below returns the very path ``nx.shortest_path`` returns there.
DATASET, VERSION = "actor-network", 1
ACTOR_EDGES_CYPHER = same("MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target")
ALL_NODES_CYPHER = {
    "ladybug": "MATCH (n) RETURN n.id AS id, label(n) AS label",
    "neo4j": "MATCH (n) RETURN n.id AS id, labels(n)[0] AS label",
}
STEP_CYPHER = same(
    """
MATCH (a)-[r]->(b)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS source, b.id AS target, r
""".strip()
)


def actor_arrays(graph) -> dict[str, np.ndarray]:
    nodes = graph.cypher_arrow(ALL_NODES_CYPHER[graph.dialect]).combine_chunks()
    keep = pc.invert(pc.is_in(nodes["label"], pa.array(list(BOOKKEEPING))))
    nodes = nodes.filter(keep).sort_by("id")
    ids = nodes["id"]
    edges = graph.cypher_arrow(ACTOR_EDGES_CYPHER[graph.dialect]).combine_chunks()
    a = pc.index_in(edges["source"], ids)
    b = pc.index_in(edges["target"], ids)
    ok = pc.and_(pc.and_(pc.is_valid(a), pc.is_valid(b)), pc.not_equal(a, b))
    a = a.filter(ok).to_numpy(zero_copy_only=False).astype(np.int64)
    b = b.filter(ok).to_numpy(zero_copy_only=False).astype(np.int64)
    n = len(ids)
    pairs = np.unique(np.concatenate([np.stack([a, b], 1), np.stack([b, a], 1)]), axis=0)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(pairs[:, 0], minlength=n), out=indptr[1:])
    labels = sorted(set(nodes["label"].to_pylist()))
    codes = pc.index_in(nodes["label"], pa.array(labels, pa.string())).to_numpy(zero_copy_only=False)
    return {
        "ids": np.array(ids.to_pylist(), dtype=str) if n else np.zeros(0, "<U1"),
        "label_names": np.array(labels, dtype=str) if labels else np.zeros(0, "<U1"),
        "labels": codes.astype(np.int16),
        "indptr": indptr,
        "indices": pairs[:, 1].astype(np.int32 if n < 2**31 else np.int64),
    }


def derive(graph) -> dict[str, np.ndarray]:
    return actor_arrays(graph)


def _shortest(indptr: np.ndarray, indices: np.ndarray, blocked: np.ndarray, source: int, target: int) -> list[int]:
    """networkx's bidirectional breadth-first search (``_bidirectional_pred_succ``) over CSR arrays, skipping
    blocked nodes: the same path it finds on the graph without them. [] when there is none."""
    if source == target:
        return [source]

    def adj(v: int) -> list[int]:
        return [w for w in indices[indptr[v] : indptr[v + 1]].tolist() if not blocked[w]]

    pred: dict[int, int | None] = {source: None}
    succ: dict[int, int | None] = {target: None}
    forward, reverse = [source], [target]
    meet = None
    while forward and reverse and meet is None:
        if len(forward) <= len(reverse):
            level, forward = forward, []
            for v in level:
                for w in adj(v):
                    if w not in pred:
                        forward.append(w)
                        pred[w] = v
                    if w in succ:
                        meet = w
                        break
                if meet is not None:
                    break
        else:
            level, reverse = reverse, []
            for v in level:
                for w in adj(v):
                    if w not in succ:
                        succ[w] = v
                        reverse.append(w)
                    if w in pred:
                        meet = w
                        break
                if meet is not None:
                    break
    if meet is None:
        return []
    path: list[int] = []
    w: int | None = meet
    while w is not None:
        path.append(w)
        w = pred[w]
    path.reverse()
    w = succ[path[-1]]
    while w is not None:
        path.append(w)
        w = succ[w]
    return path


def _steps(graph, ids: list[str]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The relationships between consecutive nodes of a path, as ``actor_graph`` keeps them on its edges."""
    wanted = {tuple(sorted(p)) for p in zip(ids, ids[1:], strict=False)}
    rels: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in graph.cypher(STEP_CYPHER[graph.dialect], ids=ids):
        key = tuple(sorted((row["source"], row["target"])))
        if key not in wanted:
            continue
        rels.setdefault(key, []).append(
            {
                "type": row["r"]["_label"],
                "source": row["source"],
                "target": row["target"],
                "evidence": sorted(row["r"].get("evidence") or []),
            }
        )
    return {k: sorted(v, key=lambda r: (r["type"], r["source"], r["target"])) for k, v in rels.items()}


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
    ds = graph.derived(DATASET, VERSION)
    net = {k: ds[k] for k in ("ids", "label_names", "labels", "indptr", "indices")} if ds else actor_arrays(graph)
    node_ids = net["ids"]
    blocked_labels = np.isin(net["label_names"], list(exclude))
    blocked = blocked_labels[net["labels"]] if len(net["labels"]) else np.zeros(0, bool)
    s, t = (int(np.searchsorted(node_ids, x["id"])) for x in (start, end))
    path = _shortest(net["indptr"], net["indices"], blocked, s, t)
    if not path or len(path) - 1 > params["max_hops"]:
        return []
    ids = [str(node_ids[k]) for k in path]
    nodes = graph.get_many(ids)
    rels = _steps(graph, ids)
    rows = []
    for step, node_id in enumerate(ids):
        relationship, evidence = "", []
        if step + 1 < len(ids):
            parts = []
            for rel in rels.get(tuple(sorted((node_id, ids[step + 1]))), []):
                parts.append(f"{rel['type']} ->" if rel["source"] == node_id else f"<- {rel['type']}")
                evidence.extend(e for e in rel["evidence"] if e not in evidence)
            relationship = " | ".join(parts)
        node = nodes[node_id]
        rows.append(
            {
                "step": step,
                "id": node_id,
                "name": display_name(node),
                "label": node["_label"],
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
        "No rows means no connection within max_hops. Found by breadth-first search over the actor network "
        "(stored at build time; fetched with Cypher on Neo4j), the same path networkx finds."
    ),
    parameters=(
        Param("from", str, None, "First actor: id, name or alias."),
        Param("to", str, None, "Second actor: id, name or alias."),
        Param("max_hops", int, 8, "Longest chain (relationships) still reported."),
        Param("via_vocabulary", bool, False, "Also route through Topic and State nodes."),
    ),
    columns=("step", "id", "name", "label", "relationship", "evidence"),
    cypher={"ladybug": STEP_CYPHER["ladybug"], "neo4j": NEO4J_SHORTEST_PATH},
    run=run,
    extra_cypher={"actor_nodes": ALL_NODES_CYPHER, "actor_relationships": ACTOR_EDGES_CYPHER, "steps": STEP_CYPHER},
)
