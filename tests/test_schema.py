"""The schema declaration drives the Ladybug DDL, the Neo4j constraints and docs/schema.md."""

from __future__ import annotations

from pathlib import Path

import ladybug

from industriegraph.model.ddl import ladybug_ddl, neo4j_constraints
from industriegraph.model.docs import schema_markdown
from industriegraph.model.schema import NODES, RELS

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_LABELS = {
    "Initiative",
    "Organization",
    "Person",
    "State",
    "Topic",
    "Strategy",
    "ActionField",
    "Objective",
    "Measure",
    "Event",
    "Source",
}
REQUIRED_TYPES = {
    "MEMBER_OF",
    "FUNDED_BY",
    "LOCATED_IN",
    "HAS_TOPIC",
    "PARTNER_OF",
    "SIGNED",
    "HOLDS_ROLE",
    "HAS_ACTION_FIELD",
    "HAS_OBJECTIVE",
    "HAS_MEASURE",
    "RESPONSIBLE_FOR",
    "REFERENCES",
    "PARTICIPATED_IN",
    "COOPERATES_WITH",
    "ORGANIZED_BY",
}


def test_required_labels_types_and_properties():
    labels = {n.label: {p.name for p in n.all_props} for n in NODES}
    assert REQUIRED_LABELS <= set(labels)
    assert {r.type for r in RELS} >= REQUIRED_TYPES
    assert {
        "id",
        "name",
        "aliases",
        "radius",
        "founded",
        "foundedText",
        "website",
        "goals",
        "description",
        "status",
        "evidence",
    } <= labels["Initiative"]
    assert {"id", "number", "heading", "text", "evidence"} <= labels["Measure"]
    assert all("evidence" in {p.name for p in r.all_props} for r in RELS)


def test_ladybug_ddl_creates_every_table(tmp_path):
    conn = ladybug.Connection(ladybug.Database(str(tmp_path / "g.db")))
    for statement in ladybug_ddl():
        conn.execute(statement)
    tables = {row[1] for row in conn.execute("CALL show_tables() RETURN *").get_all()}
    assert tables == {n.label for n in NODES} | {r.type for r in RELS}


def test_neo4j_constraints_cover_every_label():
    statements = neo4j_constraints()
    for n in NODES:
        assert f"FOR (n:{n.label}) REQUIRE n.id IS UNIQUE" in "\n".join(statements)
    assert all("IF NOT EXISTS" in s for s in statements)


def test_schema_docs_are_generated_and_current():
    assert (ROOT / "docs" / "schema.md").read_text(encoding="utf-8") == schema_markdown(), (
        "docs/schema.md is stale: run `make docs`"
    )
