"""For every pair of organisation kinds: in how many initiatives both take part, with conditional shares."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np

from industriegraph.analysis.queries import memberships
from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.analysis.queries.memberships import KIND_NAMES
from industriegraph.analysis.queries.participation import SCOPE, SCOPE_PARAM
from industriegraph.model.german import kind_codes
from industriegraph.model.kinds import KINDS

# (initiative, kind) pairs; the pair statistics are computed in Python so both engines agree.
PAIRS = """
MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative)
RETURN DISTINCT i.id AS initiative, o.kind AS kind
"""


def _sentence(a: str, b: str, both: int, with_a: int, with_b: int) -> str:
    return (
        f"Where {a} takes part, {b} takes part too in {both} of {with_a} initiatives; "
        f"where {b} takes part, {a} takes part too in {both} of {with_b}."
    )


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if params["min_both"] < 0:
        raise QueryError("parameter 'min_both' must be 0 or more")
    present = memberships.in_scope(memberships.arrays(graph), params["scope"])["present"]
    counts = present.sum(axis=1)
    index = {KIND_NAMES[k]: k for k in np.flatnonzero(counts).tolist() if KIND_NAMES[k]}
    overlap = present.astype(np.int32) @ present.T.astype(np.int32)
    wanted = params["kind"]
    rows = []
    for a, b in combinations(sorted(index), 2):
        if wanted and wanted not in (a, b):
            continue
        if wanted == b:  # the asked-for kind always comes first
            a, b = b, a
        both = int(overlap[index[a], index[b]])
        if both < params["min_both"]:
            continue
        with_a, with_b = int(counts[index[a]]), int(counts[index[b]])
        rows.append(
            {
                "kind_a": a,
                "kind_b": b,
                "both": both,
                "with_a": with_a,
                "with_b": with_b,
                "share_b_given_a": round(both / with_a, 3),
                "share_a_given_b": round(both / with_b, 3),
                "sentence": _sentence(a, b, both, with_a, with_b),
            }
        )
    return sorted(rows, key=lambda r: (-r["both"], r["kind_a"], r["kind_b"]))


QUERY = Query(
    name="kind-cooccurrence",
    description=(
        "For every pair of organisation kinds (IHK, Union, University, Municipality …): in how many initiatives "
        "organisations of both kinds take part (MEMBER_OF), how many have each kind at all, and the conditional "
        "shares in both directions ('where an IHK takes part, a union takes part in x of y'), with the sentence. "
        "Kinds that take part in no initiative are left out; pairs are unordered (kind_a before kind_b "
        "alphabetically, or the asked-for kind first). Counts rest on the memberships the documents name, which "
        "are few: the report's own claim that unions took part in 29 of 38 cases where IHKs did comes from its "
        "survey and cannot be reproduced from the stated links (compare the participation query)."
    ),
    parameters=(
        Param("min_both", int, 1, "Only pairs sharing at least this many initiatives (0 lists every pair)."),
        Param("kind", str, None, "Only pairs with this kind (it becomes kind_a).", tuple(KINDS), aliases=kind_codes),
        SCOPE_PARAM,
    ),
    columns=("kind_a", "kind_b", "both", "with_a", "with_b", "share_b_given_a", "share_a_given_b", "sentence"),
    cypher=same(PAIRS.strip()),
    run=run,
    extra_cypher={
        "scope": same(SCOPE.strip()),
        "memberships": memberships.EDGES_CYPHER,
        "organizations": memberships.ORGS_CYPHER,
        "initiatives": memberships.INITIATIVES_CYPHER,
    },
)
