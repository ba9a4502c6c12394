"""Generate the schema reference page (docs/schema.md) from the schema declaration."""

from __future__ import annotations

from industriegraph.model.ddl import ladybug_ddl, neo4j_constraints
from industriegraph.model.kinds import KINDS
from industriegraph.model.rdf import PREFIXES
from industriegraph.model.schema import NODE_BY_LABEL, NODES, RELS, Prop


def _term(p: Prop) -> str:
    if p.term is None:
        return "—"
    how = " (IRI)" if p.iri or p.ref else (" @de" if p.lang else "")
    return f"`{p.term}`{how}"


def _values(p: Prop) -> str:
    if p.values and len(p.values) < 8:
        return (
            " Values: "
            + ", ".join(f"`{v}` ({p.value_de[v]})" if p.value_de.get(v, v) != v else f"`{v}`" for v in p.values)
            + "."
        )
    if not p.values and p.value_de:
        return " Known values: " + ", ".join(f"`{v}` ({de})" for v, de in p.value_de.items()) + "."
    return ""


def _prop_rows(props) -> list[str]:
    rows = []
    for p in props:
        pattern = f" Pattern `{p.pattern}`." if p.pattern else ""
        rows.append(f"| `{p.name}` | {p.de} | `{p.type}` | {_term(p)} | {p.doc}{_values(p)}{pattern} |")
    return rows


def _required(items) -> str:
    return ", ".join(" or ".join(f"`{x}`" for x in item) if isinstance(item, tuple) else f"`{item}`" for item in items)


def schema_markdown() -> str:
    """The whole reference page; a test checks that docs/schema.md equals this."""
    out = [
        "# Schema reference",
        "",
        "Generated from `industriegraph/model/schema.py` by `industriegraph schema --docs`; do not edit by hand.",
        "Every node has `id` and `evidence`; every relationship has `evidence` (`file:line` strings).",
        "German names are what the explorer shows; RDF terms are what the RDF export states",
        "(a property without a standard term is `ig:<name>`; `@de`: a German literal; `—`: not a literal).",
        "",
        "| prefix | namespace |",
        "|---|---|",
        *[f"| `{k}` | `{v}` |" for k, v in PREFIXES.items()],
        "",
        "## Node labels",
        "",
        "| label | German | plural | RDF class |",
        "|---|---|---|---|",
        *[f"| [{n.label}](#{n.label.lower()}) | {n.de} | {n.plural_de} | `{n.rdf_class}` |" for n in NODES],
        "",
    ]
    for n in NODES:
        required = f" Every {n.label} has {_required(n.required)}." if n.required else ""
        out += [
            f"### {n.label}",
            "",
            f"{n.doc} German „{n.de}“, plural „{n.plural_de}“. Id prefix `{n.prefix}:`; RDF class "
            f"`{n.rdf_class}`.{required}",
            "",
            "| property | German | type | RDF | meaning |",
            "|---|---|---|---|---|",
            *_prop_rows(n.all_props),
            "",
        ]
    out += [
        "## Relationship types",
        "",
        "| type | seen from the source | seen from the target | RDF |",
        "|---|---|---|---|",
        *[f"| [{r.type}](#{r.type.lower()}) | {r.de[0]} | {r.de[1]} | `{r.rdf_property}` |" for r in RELS],
        "",
    ]
    for r in RELS:
        pairs = ", ".join(f"{a} → {b}" for a, b in r.pairs)
        nary = ""
        if r.nary:
            nary = (
                f" Stated as an `{r.nary.cls}` with `{r.nary.source_term}`, `{r.nary.target_term}` and "
                f"`{r.nary.role_term}` (an `{r.nary.role_class}`), and the shortcut `{r.nary.shortcut}`."
            )
        out += [
            f"### {r.type}",
            "",
            f"{r.doc} ({pairs}); „A {r.de[0]} B“, „B {r.de[1]} A“; RDF `{r.rdf_property}`.{nary}",
            "",
            "| property | German | type | RDF | meaning |",
            "|---|---|---|---|---|",
            *_prop_rows(r.all_props),
            "",
        ]
    kind = NODE_BY_LABEL["Organization"].prop("kind")
    out += ["## Organisation kinds", "", "| kind | German | meaning |", "|---|---|---|"]
    out += [f"| `{k}` | {kind.value_de[k]} | {v} |" for k, v in KINDS.items()]
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
