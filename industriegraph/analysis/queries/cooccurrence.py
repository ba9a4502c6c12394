"""Which organisations of kind A share initiatives with organisations of kind B (default: IHKs and unions)."""

from __future__ import annotations

from typing import Any

import numpy as np

from industriegraph.analysis.queries import memberships
from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.analysis.queries.memberships import KIND_NAMES
from industriegraph.model.german import kind_codes
from industriegraph.model.kinds import KINDS

CYPHER = """
MATCH (a:Organization)-[:MEMBER_OF]->(i:Initiative)<-[:MEMBER_OF]-(b:Organization)
WHERE a.kind = $kind_a AND b.kind = $kind_b AND a.id <> b.id
RETURN a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name,
       count(DISTINCT i.id) AS shared, collect(DISTINCT i.name) AS initiatives
"""


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if params["top"] < 1:
        raise QueryError(f"parameter 'top' must be at least 1, got {params['top']}")
    m = memberships.arrays(graph)
    e_ini, e_org, kinds = m["edge_ini"], m["edge_org"], m["org_kinds"]
    n_org, n_ini = max(len(m["org_ids"]), 1), len(m["ini_ids"])
    edge_kind = kinds[e_org]
    a_sel = edge_kind == KIND_NAMES.index(params["kind_a"])
    b_sel = edge_kind == KIND_NAMES.index(params["kind_b"])
    a_ini, a_org = e_ini[a_sel].astype(np.int64), e_org[a_sel].astype(np.int64)
    b_org = e_org[b_sel].astype(np.int64)
    per_ini = np.bincount(e_ini[b_sel], minlength=n_ini)
    b_start = np.concatenate([[0], np.cumsum(per_ini)[:-1]])
    # every (a, b) pair that meets in an initiative: a's membership row repeated once per b of that initiative
    reps = per_ini[a_ini]
    total = int(reps.sum())
    if total == 0:
        return []
    row = np.repeat(np.arange(len(a_ini)), reps)
    within = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
    pa_org, pb_org = a_org[row], b_org[b_start[a_ini[row]] + within]
    keep = pa_org != pb_org
    pairs, shared = np.unique(pa_org[keep] * n_org + pb_org[keep], return_counts=True)
    ok = shared >= params["min_shared"]
    pairs, shared = pairs[ok], shared[ok]
    if len(pairs) > params["top"]:  # only pairs that can make the top: at least the top-th count
        floor = np.partition(shared, len(shared) - params["top"])[len(shared) - params["top"]]
        pairs, shared = pairs[shared >= floor], shared[shared >= floor]
    a, b = pairs // n_org, pairs % n_org
    names, ids = m["org_names"], m["org_ids"]
    order = np.lexsort((ids[b], ids[a], names[b], names[a], -shared))[: params["top"]]
    a, b, shared = a[order], b[order], shared[order]
    wanted = np.unique(np.concatenate([a, b]))
    mine = np.flatnonzero(np.isin(e_org, wanted))
    by_org = mine[np.argsort(e_org[mine], kind="stable")]  # their memberships grouped by organisation
    bounds = np.searchsorted(e_org[by_org], wanted), np.searchsorted(e_org[by_org], wanted, side="right")
    initiatives_of = {
        org: np.sort(e_ini[by_org[lo:hi]])
        for org, lo, hi in zip(wanted.tolist(), bounds[0].tolist(), bounds[1].tolist(), strict=True)
    }
    ini_names = m["ini_names"]
    return [
        {
            "a_name": str(names[x]),
            "b_name": str(names[y]),
            "shared": int(n),
            "initiatives": sorted(
                set(ini_names[np.intersect1d(initiatives_of[x], initiatives_of[y], assume_unique=True)].tolist())
            ),
        }
        for x, y, n in zip(a.tolist(), b.tolist(), shared.tolist(), strict=True)
    ]


QUERY = Query(
    name="cooccurrence",
    description=(
        "Organisations of kind A that take part in the same initiatives as organisations of kind B "
        "(default: IHKs and unions): one row per pair with the number of shared initiatives and their names. "
        "Kinds are those of the organisation vocabulary (IHK, Union, Handwerkskammer, University, …). Computed over "
        "the membership arrays stored at build time; the Cypher shows the same question as one statement."
    ),
    parameters=(
        Param("kind_a", str, "IHK", "Kind of the first organisation.", tuple(KINDS), aliases=kind_codes),
        Param("kind_b", str, "Union", "Kind of the second organisation.", tuple(KINDS), aliases=kind_codes),
        Param("min_shared", int, 1, "Only pairs sharing at least this many initiatives."),
        Param("top", int, 1000, "At most this many pairs, those sharing the most initiatives first."),
    ),
    columns=("a_name", "b_name", "shared", "initiatives"),
    cypher=same(CYPHER.strip()),
    run=run,
    extra_cypher={
        "memberships": memberships.EDGES_CYPHER,
        "organizations": memberships.ORGS_CYPHER,
        "initiatives": memberships.INITIATIVES_CYPHER,
    },
)
