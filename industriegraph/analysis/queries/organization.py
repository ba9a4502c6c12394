"""Everything the documents say one organisation does: initiatives, co-members, strategies, measures, events, people."""

from __future__ import annotations

from typing import Any

from industriegraph.analysis.queries.base import Param, Query, same
from industriegraph.analysis.queries.projection import resolve
from industriegraph.graph.facade import display_name
from industriegraph.model.schema import label_de

# Every relationship of the organisation, both directions. Ladybug names a relationship's type with label(r),
# Neo4j with type(r); otherwise the statements agree.
LINKS = {
    dialect: f"""
MATCH (o:Organization)-[r]->(x) WHERE o.id = $id
RETURN 'out' AS direction, {fn}(r) AS type, r AS rel, x AS other
UNION ALL
MATCH (o:Organization)<-[r]-(x) WHERE o.id = $id
RETURN 'in' AS direction, {fn}(r) AS type, r AS rel, x AS other
""".strip()
    for dialect, fn in (("ladybug", "label"), ("neo4j", "type"))
}
CO_MEMBERS = same(
    """
MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative)<-[c:MEMBER_OF]-(other:Organization)
WHERE o.id = $id AND other.id <> o.id
RETURN other.id AS target_id, other.name AS target, c.role AS role, i.name AS via, c.evidence AS evidence
""".strip()
)
MEASURE_CONTEXT = same(
    """
MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m:Measure) WHERE o.id = $id
OPTIONAL MATCH (s:Strategy)-[:HAS_ACTION_FIELD]->(f:ActionField)-[:HAS_MEASURE]->(m)
OPTIONAL MATCH (m)-[:PART_OF]->(p:Strategy)
RETURN m.id AS measure, f.number AS field, f.title AS field_title, s.title AS strategy, p.title AS package
""".strip()
)

# Rows come grouped in this order (relation names: the relationship type; '<- TYPE' for incoming ones).
ORDER = (
    "MEMBER_OF",
    "CO_MEMBER",
    "PARTNER_OF",
    "RESPONSIBLE_FOR",
    "PARTICIPATED_IN",
    "<- ORGANIZED_BY",
    "<- FUNDED_BY",
    "<- HOLDS_ROLE",
    "LOCATED_IN",
)
SHORT = 100  # measures are paragraphs; the row shows their beginning (the full text: `industriegraph show <id>`)


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT].rsplit(" ", 1)[0] + " …"


def _measure_via(row: dict[str, Any]) -> str:
    if row["field"] is not None:
        return f"{row['strategy'] or ''} / {label_de('ActionField')} {row['field']}: {row['field_title']}".strip(" /")
    return row["package"] or ""


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    org = resolve(graph, params["name"], "name", labels=("Organization",))
    context = {r["measure"]: _measure_via(r) for r in graph.cypher(MEASURE_CONTEXT[graph.dialect], id=org["id"])}
    rows = []
    for r in graph.cypher(cypher, id=org["id"]):
        relation = r["type"] if r["direction"] == "out" else f"<- {r['type']}"
        other = r["other"]
        name = display_name(other)
        via = context.get(other["id"], "") if other["_label"] == "Measure" else (r["rel"].get("programme") or "")
        rows.append(
            {
                "relation": relation,
                "target_id": other["id"],
                "target": _short(name) if other["_label"] == "Measure" else name,
                "role": r["rel"].get("role"),
                "via": via,
                "evidence": list(r["rel"].get("evidence") or []),
            }
        )
    for r in graph.cypher(CO_MEMBERS[graph.dialect], id=org["id"]):
        rows.append(
            {
                "relation": "CO_MEMBER",
                "target_id": r["target_id"],
                "target": r["target"],
                "role": r["role"],
                "via": r["via"],
                "evidence": list(r["evidence"] or []),
            }
        )
    rank = {name: i for i, name in enumerate(ORDER)}
    rows.sort(
        key=lambda x: (
            rank.get(x["relation"], len(ORDER)),
            x["relation"],
            x["via"],
            x["target_id"],
            x["role"] or "",
            x["evidence"],
        )
    )
    return rows


QUERY = Query(
    name="organization",
    description=(
        "One organisation's place in the graph: the initiatives it belongs to (MEMBER_OF, with its role), its "
        "co-members (CO_MEMBER: other organisations in the same initiatives, 'via' names the shared initiative and "
        "'role' is theirs), the strategies it is partner of, the measures it is responsible for ('via': strategy and "
        "Handlungsfeld), the events it took part in or organised, its people ('<- HOLDS_ROLE', with the office) and "
        "its state. Every row carries the evidence lines. The organisation is named by id, name or alias; unknown or "
        "ambiguous names are answered with the closest candidates."
    ),
    parameters=(Param("name", str, None, "The organisation: id, name or alias."),),
    columns=("relation", "target_id", "target", "role", "via", "evidence"),
    cypher=LINKS,
    run=run,
    extra_cypher={"co_members": CO_MEMBERS, "measure_context": MEASURE_CONTEXT},
)
