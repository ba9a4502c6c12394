"""Generate the schema reference page (docs/schema.md) from the schema declaration."""

from __future__ import annotations

from industriegraph.model.ddl import ladybug_ddl, neo4j_constraints
from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import NODES, RELS


def _prop_rows(props) -> list[str]:
    rows = []
    for p in props:
        values = f" Values: {', '.join(f'`{v}`' for v in p.values)}." if p.values and len(p.values) < 8 else ""
        rows.append(f"| `{p.name}` | `{p.type}` | {p.doc}{values} |")
    return rows


def schema_markdown() -> str:
    """The whole reference page; a test checks that docs/schema.md equals this."""
    out = [
        "# Schema reference",
        "",
        "Generated from `industriegraph/model/schema.py` by `industriegraph schema --docs`; do not edit by hand.",
        "Every node has `id` and `evidence`; every relationship has `evidence` (`file:line` strings).",
        "",
        "## Node labels",
        "",
    ]
    for n in NODES:
        out += [
            f"### {n.label}",
            "",
            f"{n.doc} Id prefix `{n.prefix}:`; RDF class `{n.rdf_class}`.",
            "",
            "| property | type | meaning |",
            "|---|---|---|",
            *_prop_rows(n.all_props),
            "",
        ]
    out += ["## Relationship types", ""]
    for r in RELS:
        pairs = ", ".join(f"{a} → {b}" for a, b in r.pairs)
        out += [
            f"### {r.type}",
            "",
            f"{r.doc} ({pairs}); RDF `{r.rdf_property}`.",
            "",
            "| property | type | meaning |",
            "|---|---|---|",
            *_prop_rows(r.all_props),
            "",
        ]
    out += ["## Organisation kinds", "", "| kind | meaning |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in KINDS.items()]
    out += [
        "",
        "## Ladybug DDL",
        "",
        "```cypher",
        *[s + ";" for s in ladybug_ddl()],
        "```",
        "",
        "## Neo4j constraints and indexes",
        "",
        "```cypher",
        *[s + ";" for s in neo4j_constraints()],
        "```",
        "",
    ]
    return "\n".join(out)
