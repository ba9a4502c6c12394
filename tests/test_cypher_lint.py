"""Neo4j's offline Cypher analyser as wired up by industriegraph.store.cypher_lint.

These pin what the analyser (npm @neo4j-cypher/language-support, version in package.json) says about statements of
the kinds our store sends, so the store's own tests can rely on "no Error diagnostics" meaning "Neo4j accepts it".
"""

from __future__ import annotations

import os

import pytest

from industriegraph.model.schema import NODES, RELS
from industriegraph.store import cypher_lint
from industriegraph.store.cypher_lint import Diagnostic

# the project's schema, as the Neo4j store and the query modules use it
LABELS = [n.label for n in NODES]
REL_TYPES = [r.type for r in RELS]

VALID = {
    "merge_rows": "UNWIND $rows AS r MERGE (n:Organization {id: r.id}) SET n += r.props",
    "constraint": "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "merge_links": (
        "UNWIND $rows AS r\n"
        "MATCH (a:Organization {id: r.src})\n"
        "MATCH (b:Initiative {id: r.dst})\n"
        "MERGE (a)-[l:MEMBER_OF]->(b)\n"
        "SET l += r.props"
    ),
    "index": "CREATE INDEX initiative_name IF NOT EXISTS FOR (n:Initiative) ON (n.name)",
    "read": (
        "MATCH (o:Organization)-[m:MEMBER_OF]->(i:Initiative)-[:LOCATED_IN]->(s:State {name: $state})\n"
        "WHERE m.role IN ['carrier', 'coordinator'] AND toLower(o.name) CONTAINS $q\n"
        "RETURN i.name AS initiative, collect(DISTINCT o.name) AS orgs, count(*) AS n\n"
        "ORDER BY n DESC, initiative SKIP $skip LIMIT $limit"
    ),
    "var_length": "MATCH p = (a:Initiative)-[:COOPERATES_WITH*1..3]-(b:Initiative) RETURN a.id, b.id, length(p)",
    "trailing_semicolon": "MATCH (n) DETACH DELETE n;",
}
INVALID = {
    "unclosed_node": "MATCH (n RETURN n",
    "undefined_variable": "MATCH (a:Initiative)\nRETURN b",
    # Ladybug (Kuzu) dialect that Neo4j rejects: DDL for node tables, bulk COPY, Kuzu-only functions.
    "ladybug_node_table": "CREATE NODE TABLE Organization(id STRING, PRIMARY KEY(id))",
    "ladybug_copy": "COPY Organization FROM 'organizations.csv'",
    "ladybug_list_contains": "MATCH (i:Initiative) WHERE list_contains(i.goals, $goal) RETURN i",
    "ladybug_procedure": "CALL show_tables() RETURN *",
    "two_statements": "MATCH (n) RETURN n; MATCH (m) RETURN m",
}
DEPRECATED = "MATCH (n:Initiative) WHERE id(n) = $nid RETURN n"
# Comma-joined MATCH of two unrelated nodes: Neo4j accepts it but warns (cartesian product); write two MATCH clauses.
CARTESIAN = (
    "UNWIND $rows AS r\nMATCH (a:Organization {id: r.src}), (b:Initiative {id: r.dst})\nMERGE (a)-[:MEMBER_OF]->(b)"
)


@pytest.fixture(scope="module")
def analyser() -> None:
    """Skip locally when node/npm package are missing; in CI (CI=true) that is a broken install and fails."""
    reason = cypher_lint.unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
        pytest.fail(f"Cypher analyser must be installed in CI: {reason}")
    pytest.skip(f"Cypher analyser not installed: {reason}")


@pytest.fixture(scope="module")
def results(analyser: None) -> dict[str, list[Diagnostic]]:
    """All unscoped cases linted in one batch (one node start)."""
    cases = {**VALID, **INVALID, "deprecated": DEPRECATED, "cartesian": CARTESIAN}
    return dict(zip(cases, cypher_lint.lint(list(cases.values())), strict=True))


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_neo4j_statements_have_no_diagnostics(results: dict[str, list[Diagnostic]], name: str) -> None:
    assert results[name] == []


def test_syntax_error_is_an_error_with_message_and_position(results: dict[str, list[Diagnostic]]) -> None:
    assert results["unclosed_node"] == [
        Diagnostic(
            "Error",
            "Invalid input 'RETURN': expected a graph pattern, a parameter, ')', ':', 'IS', 'WHERE' or '{'",
            1,
            10,
        )
    ]


def test_semantic_error_points_at_second_line(results: dict[str, list[Diagnostic]]) -> None:
    assert results["undefined_variable"] == [Diagnostic("Error", "Variable `b` not defined", 2, 8)]


def test_ladybug_ddl_is_rejected(results: dict[str, list[Diagnostic]]) -> None:
    assert results["ladybug_node_table"] == [
        Diagnostic("Error", "Invalid input 'TABLE': expected a graph pattern", 1, 13)
    ]
    assert results["ladybug_copy"][0] == Diagnostic(
        "Error", "Expected any of CYPHER, EXPLAIN, PROFILE or a statement", 1, 1
    )
    assert all(d.is_error for d in results["ladybug_copy"])


def test_ladybug_only_function_is_unknown_to_neo4j(results: dict[str, list[Diagnostic]]) -> None:
    [diag] = results["ladybug_list_contains"]
    assert (diag.severity, diag.line, diag.column) == ("Error", 1, 28)
    assert diag.message.startswith("Function list_contains is not present in the database")


def test_ladybug_only_procedure_is_unknown_to_neo4j(results: dict[str, list[Diagnostic]]) -> None:
    [diag] = results["ladybug_procedure"]
    assert (diag.severity, diag.line, diag.column) == ("Error", 1, 6)
    assert diag.message.startswith("Procedure show_tables is not present in the database")


def test_several_statements_in_one_string_are_an_error(results: dict[str, list[Diagnostic]]) -> None:
    assert results["two_statements"] == [
        Diagnostic("Error", "2 statements in one string; the Neo4j driver runs exactly one statement per call", 1, 21)
    ]


def test_deprecations_are_warnings_not_errors(results: dict[str, list[Diagnostic]]) -> None:
    diags = results["deprecated"]
    assert [d.severity for d in diags] == ["Warning", "Warning"]
    assert [d.message for d in diags] == [
        "Function id is deprecated.",
        "The query used a deprecated function. ('id' has been replaced by 'elementId or an application-generated id')",
    ]


def test_cartesian_product_is_a_warning(results: dict[str, list[Diagnostic]]) -> None:
    [diag] = results["cartesian"]
    assert (diag.severity, diag.line, diag.column) == ("Warning", 2, 1)
    assert diag.message.startswith("If a part of a query contains multiple disconnected patterns")
    assert diag.message.endswith("(identifier is: (b))")


def test_schema_flags_unknown_labels_and_undeclared_parameters(analyser: None) -> None:
    schema = {"labels": LABELS, "relationshipTypes": REL_TYPES, "parameters": {"rows": []}}
    known, unknown_label, unknown_param = cypher_lint.lint(
        [VALID["merge_links"], "MATCH (o:Organisation)-[:MEMBER]->(i:Initiative) RETURN o", "RETURN $limit"], schema
    )
    assert known == []
    assert [(d.severity, d.line, d.column) for d in unknown_label] == [("Warning", 1, 10), ("Warning", 1, 26)]
    assert unknown_label[0].message.startswith("Label Organisation is not present in the database")
    assert unknown_label[1].message.startswith("Relationship type MEMBER is not present in the database")
    assert unknown_param == [Diagnostic("Error", "Parameter $limit is not defined.", 1, 8)]


def test_errors_helper_on_a_batch_of_50(analyser: None) -> None:
    batch = [VALID["merge_rows"], INVALID["unclosed_node"]] * 25
    assert cypher_lint.errors(batch) == {
        INVALID["unclosed_node"]: [
            Diagnostic(
                "Error",
                "Invalid input 'RETURN': expected a graph pattern, a parameter, ')', ':', 'IS', 'WHERE' or '{'",
                1,
                10,
            )
        ]
    }


def test_bad_arguments_do_not_start_node() -> None:
    assert cypher_lint.lint([]) == []
    with pytest.raises(TypeError):
        cypher_lint.lint("MATCH (n) RETURN n")  # type: ignore[arg-type]


def test_missing_node_is_a_clear_runtime_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NODE", "/nonexistent/node")
    assert not cypher_lint.available()
    with pytest.raises(RuntimeError, match=r"Cypher analyser not available: node is not on PATH"):
        cypher_lint.lint(["RETURN 1"])
