"""The organisation–initiative memberships as arrays, for the co-occurrence questions.

Computed once at build time and stored (``industriegraph.store.derived``, dataset "memberships"); on Neo4j or
without the stored file, fetched with the Cypher below. Organisations and initiatives are numbered in id order;
``edges`` holds each distinct (organisation, initiative) membership once, sorted by initiative then organisation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from industriegraph.analysis.queries.base import same
from industriegraph.model.kinds import KINDS

DATASET, VERSION = "memberships", 1
KIND_NAMES = (*KINDS, "")  # "" for an organisation without a kind
ORGS_CYPHER = same("MATCH (o:Organization) RETURN o.id AS id, o.name AS name, o.kind AS kind")
INITIATIVES_CYPHER = same(
    "MATCH (i:Initiative) RETURN i.id AS id, i.name AS name, i.status AS status, i.radius AS radius"
)
EDGES_CYPHER = same("MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative) RETURN o.id AS org, i.id AS initiative")


def _strings(values: list[Any]) -> np.ndarray:
    return np.array(["" if v is None else str(v) for v in values], dtype=str) if values else np.zeros(0, "<U1")


def compute(graph) -> dict[str, np.ndarray]:
    import pyarrow as pa
    import pyarrow.compute as pc

    d = graph.dialect
    orgs = graph.cypher_arrow(ORGS_CYPHER[d]).combine_chunks().sort_by("id")
    inis = graph.cypher_arrow(INITIATIVES_CYPHER[d]).combine_chunks().sort_by("id")
    edges = graph.cypher_arrow(EDGES_CYPHER[d]).combine_chunks()
    o = pc.index_in(edges["org"], orgs["id"]).to_numpy(zero_copy_only=False).astype(np.int64)
    i = pc.index_in(edges["initiative"], inis["id"]).to_numpy(zero_copy_only=False).astype(np.int64)
    n_org = max(orgs.num_rows, 1)
    key = np.unique(i * n_org + o)
    kinds = pc.index_in(pc.fill_null(orgs["kind"], ""), pa.array(KIND_NAMES, pa.string()))
    return {
        "org_ids": _strings(orgs["id"].to_pylist()),
        "org_names": _strings(orgs["name"].to_pylist()),
        "org_kinds": kinds.fill_null(len(KIND_NAMES) - 1).to_numpy(zero_copy_only=False).astype(np.int16),
        "ini_ids": _strings(inis["id"].to_pylist()),
        "ini_names": _strings(inis["name"].to_pylist()),
        "ini_status": _strings(inis["status"].to_pylist()),
        "ini_has_radius": pc.is_valid(inis["radius"]).to_numpy(zero_copy_only=False),
        "edge_ini": (key // n_org).astype(np.int32),
        "edge_org": (key % n_org).astype(np.int32),
    }


def arrays(graph) -> dict[str, np.ndarray]:
    ds = graph.derived(DATASET, VERSION)
    if ds is None:
        return compute(graph)
    return _Lazy(ds)


class _Lazy(dict):
    """Members of the stored dataset, loaded when first used."""

    def __init__(self, ds: Any):
        super().__init__()
        self._ds = ds

    def __missing__(self, key: str) -> np.ndarray:
        value = self[key] = self._ds[key]
        return value


def in_scope(m: dict[str, np.ndarray], scope: str) -> dict[str, np.ndarray]:
    """The memberships of the initiatives in ``scope`` ("all", or "table": the active initiatives of the initiatives
    table, those with a radius; ``participation.SCOPE_PARAM``): ``scope`` (a mask over the initiatives), ``edge_ini``
    and ``edge_org`` of the memberships kept, and ``present``, kind x initiative: whether an organisation of that
    kind (``KIND_NAMES``) is a member."""
    scoped = np.ones(len(m["ini_ids"]), dtype=bool)
    if scope != "all":
        scoped = (m["ini_status"] == "active") & m["ini_has_radius"]
    keep = scoped[m["edge_ini"]]
    e_ini, e_org = m["edge_ini"][keep], m["edge_org"][keep]
    present = np.zeros((len(KIND_NAMES), len(scoped)), dtype=bool)
    present[m["org_kinds"][e_org], e_ini] = True
    return {"scope": scoped, "edge_ini": e_ini, "edge_org": e_org, "present": present}
