"""Everything the documents say one organisation does: initiatives, co-members, strategies, measures, events, people."""

from __future__ import annotations

from typing import Any

from industriegraph.analysis.queries.base import Param, Query, same
from industriegraph.analysis.queries.projection import resolve
from industriegraph.graph.facade import display_name
from industriegraph.model.schema import NODES, label_de

# Every relationship of the organisation, both directions: only what the rows show (the other node's label, id and
# caption property, the relationship's role, programme and evidence), not whole nodes with their statements (5.6 ms
# -> 0.9 ms for Handelskammer Hamburg on Ladybug). Ladybug names a type with label(), Neo4j with type() and labels().
_CAPTIONS = sorted({spec.display for spec in NODES})
LINKS = {
    dialect: "\nUNION ALL\n".join(
        f"""MATCH (o:Organization){arrow}(x) WHERE o.id = $id
RETURN '{direction}' AS direction, {rel_type}(r) AS type, r.role AS role, r.programme AS programme,
       r.evidence AS evidence, {node_label} AS node_label, x.id AS id, """
        + ", ".join(f"x.{p} AS {p}" for p in _CAPTIONS)
        for direction, arrow in (("out", "-[r]->"), ("in", "<-[r]-"))
    )
    for dialect, rel_type, node_label in (("ladybug", "label", "label(x)"), ("neo4j", "type", "labels(x)[0]"))
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
    links = graph.cypher(cypher, id=org["id"])
    context = (
        {r["measure"]: _measure_via(r) for r in graph.cypher(MEASURE_CONTEXT[graph.dialect], id=org["id"])}
        if any(r["node_label"] == "Measure" for r in links)
        else {}
    )
    rows = []
    for r in links:
        relation = r["type"] if r["direction"] == "out" else f"<- {r['type']}"
        name = display_name({**r, "_label": r["node_label"]})
        via = context.get(r["id"], "") if r["node_label"] == "Measure" else (r["programme"] or "")
        rows.append(
            {
                "relation": relation,
                "target_id": r["id"],
                "target": _short(name) if r["node_label"] == "Measure" else name,
                "role": r["role"],
                "via": via,
                "evidence": list(r["evidence"] or []),
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
