"""Which organisations of kind A share initiatives with organisations of kind B (default: IHKs and unions)."""

from __future__ import annotations

from typing import Any

from industriegraph.analysis.queries.base import Param, Query, same
from industriegraph.model.german import kind_codes
from industriegraph.model.kinds import KINDS

CYPHER = """
MATCH (a:Organization)-[:MEMBER_OF]->(i:Initiative)<-[:MEMBER_OF]-(b:Organization)
WHERE a.kind = $kind_a AND b.kind = $kind_b AND a.id <> b.id
RETURN a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name,
       count(DISTINCT i.id) AS shared, collect(DISTINCT i.name) AS initiatives
"""


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = graph.cypher(cypher, kind_a=params["kind_a"], kind_b=params["kind_b"])
    out = [
        {"a_name": r["a_name"], "b_name": r["b_name"], "shared": r["shared"], "initiatives": sorted(r["initiatives"])}
        for r in rows
        if r["shared"] >= params["min_shared"]
    ]
    return sorted(out, key=lambda r: (-r["shared"], r["a_name"], r["b_name"]))


QUERY = Query(
    name="cooccurrence",
    description=(
        "Organisations of kind A that take part in the same initiatives as organisations of kind B "
        "(default: IHKs and unions): one row per pair with the number of shared initiatives and their names. "
        "Kinds are those of the organisation vocabulary (IHK, Union, Handwerkskammer, University, …)."
    ),
    parameters=(
        Param("kind_a", str, "IHK", "Kind of the first organisation.", tuple(KINDS), aliases=kind_codes),
        Param("kind_b", str, "Union", "Kind of the second organisation.", tuple(KINDS), aliases=kind_codes),
        Param("min_shared", int, 1, "Only pairs sharing at least this many initiatives."),
    ),
    columns=("a_name", "b_name", "shared", "initiatives"),
    cypher=same(CYPHER.strip()),
    run=run,
)
