"""Every query module declares what the issue asks for; Ladybug spellings run, Neo4j spellings pass the analyser."""

from __future__ import annotations

import json
import os

import pytest

from industriegraph.analysis.queries import all_queries, get
from industriegraph.analysis.queries.base import DIALECTS
from industriegraph.model.schema import NODES, RELS
from industriegraph.store import cypher_lint

from .cases import CASES

REQUIRED = {
    "cooccurrence",
    "kind-cooccurrence",
    "participation",
    "initiatives",
    "organization",
    "brokers",
    "path",
    "measures",
    "policy-transfer",
    "people",
    "quality",
}


def test_all_required_modules_are_registered_and_described():
    queries = {q.name: q for q in all_queries()}
    assert REQUIRED <= set(queries)
    for q in queries.values():
        assert len(q.description) > 60, q.name
        assert q.columns, q.name
        assert set(q.cypher) == set(DIALECTS), q.name
        json.dumps(q.describe(), default=str)


ACTORS = {  # the parameters a module needs before it can answer anything
    "organization": {"name": "Handelskammer Hamburg"},
    "path": {"from": "Handelskammer Hamburg", "to": "Deutscher Gewerkschaftsbund Nord"},
    "policy-transfer": {"measure": "HF3-M4"},
}


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: q.name)
def test_ladybug_spelling_runs_and_returns_the_declared_columns(graph, query):
    rows = query.execute(graph, **ACTORS.get(query.name, {}))
    assert rows, query.name
    assert all(set(r) == set(query.columns) for r in rows)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_shared_cases_run_on_ladybug(graph, case):
    """The cases the Neo4j differential test compares (tests/neo4j/test_queries.py) answer here as declared."""
    query = get(case.module)
    rows = query.execute(graph, **case.params)
    assert rows or not case.nonempty
    assert all(list(r) == list(query.columns) for r in rows)
    assert query.execute(graph, **case.params) == rows  # deterministic, so the comparison across engines is exact


def test_neo4j_spellings_pass_the_offline_analyser():
    if not cypher_lint.available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Cypher analyser missing in CI: {cypher_lint.unavailable_reason()}")
        pytest.skip(f"Cypher analyser not installed: {cypher_lint.unavailable_reason()}")
    texts = [t for q in all_queries() for t in q.all_cypher()["neo4j"]]
    schema = {"labels": [n.label for n in NODES], "relationshipTypes": [r.type for r in RELS]}
    problems = {
        t: [str(d) for d in diags] for t, diags in zip(texts, cypher_lint.lint(texts, schema), strict=True) if diags
    }
    assert problems == {}


def test_dataframe_helper_keeps_declared_columns(graph):
    pd = pytest.importorskip("pandas")
    df = graph.query_df("cooccurrence", kind_a="IHK", kind_b="Union")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["a_name", "b_name", "shared", "initiatives"]
    assert df.to_dict("records") == graph.query("cooccurrence", kind_a="IHK", kind_b="Union")
