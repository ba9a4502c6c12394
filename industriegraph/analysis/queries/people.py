"""Who signed which strategy and who holds which office in which organisation."""

from __future__ import annotations

from typing import Any

from industriegraph.analysis.queries.base import Param, Query, QueryError

RELATIONS = ("", "signed", "holds_role")

# The relationship type comes back generically: Ladybug spells it label(r), Neo4j type(r).
# The target is a Strategy (title) for SIGNED and an Organization (name) for HOLDS_ROLE.
_TEMPLATE = """
MATCH (p:Person)-[r:SIGNED|HOLDS_ROLE]->(x)
RETURN p.id AS person_id, p.name AS person, {rel_type} AS relation, r.role AS role,
       r.organization AS on_behalf_of, x.id AS target_id, x.title AS strategy, x.name AS organization,
       r.evidence AS evidence
"""
CYPHER = {
    "ladybug": _TEMPLATE.format(rel_type="label(r)").strip(),
    "neo4j": _TEMPLATE.format(rel_type="type(r)").strip(),
}


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    raw = graph.cypher(cypher)
    # offices by person and role, to name the organisation a signatory signed for
    offices: dict[tuple[str, str], set[str]] = {}
    for r in raw:
        if r["relation"] == "HOLDS_ROLE":
            offices.setdefault((r["person_id"], r["role"] or ""), set()).add(r["organization"])
    rows = []
    for r in raw:
        if r["relation"] == "SIGNED":
            orgs = sorted(offices.get((r["person_id"], r["role"] or ""), set()))
            org = r["on_behalf_of"] or ("; ".join(orgs) if orgs else None)
            rows.append(
                {
                    "person": r["person"],
                    "role": r["role"],
                    "organization": org,
                    "relation": "signed",
                    "strategy": r["strategy"],
                    "evidence": list(r["evidence"] or []),
                }
            )
        elif r["relation"] == "HOLDS_ROLE":
            rows.append(
                {
                    "person": r["person"],
                    "role": r["role"],
                    "organization": r["organization"],
                    "relation": "holds_role",
                    "strategy": None,
                    "evidence": list(r["evidence"] or []),
                }
            )
        else:  # pragma: no cover - the pattern allows only the two types
            raise QueryError(f"unexpected relationship {r['relation']!r}")
    rows = [r for r in rows if _keep(r, params)]
    return sorted(
        rows, key=lambda r: (r["person"], r["relation"], r["strategy"] or "", r["organization"] or "", r["role"] or "")
    )


def _keep(row: dict[str, Any], params: dict[str, Any]) -> bool:
    def has(value: str | None, wanted: str | None) -> bool:
        return not wanted or wanted.casefold() in (value or "").casefold()

    return (
        (not params["relation"] or row["relation"] == params["relation"])
        and has(row["person"], params["person"])
        and has(row["organization"], params["organization"])
        and has(row["strategy"], params["strategy"])
    )


QUERY = Query(
    name="people",
    description=(
        "People in the graph with what they did: signatories of strategies (SIGNED, relation 'signed', with the "
        "strategy, the role as printed under the signature and the organisation they signed for — stated on the "
        "signature, else the organisation where the person holds that same role) and office holders (HOLDS_ROLE, "
        "relation 'holds_role', with role and organisation). One row per stated relationship with its evidence; "
        "filters match parts of names, case-insensitively."
    ),
    parameters=(
        Param("person", str, None, "Part of the person's name."),
        Param("organization", str, None, "Part of the organisation's name."),
        Param("strategy", str, None, "Part of the strategy's title (signatures only then)."),
        Param("relation", str, "", "Only 'signed' or only 'holds_role' rows.", RELATIONS),
    ),
    columns=("person", "role", "organization", "relation", "strategy", "evidence"),
    cypher=CYPHER,
    run=run,
)
