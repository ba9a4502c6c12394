"""Differential test: every query module, with the parameter sets of ``tests/queries/cases.py``, gives the same rows
in the same order on Ladybug and on Neo4j; and every Cypher statement a module sends gives the same rows on both.

Module rows are compared exactly (the modules order their rows totally). Raw statements declare no ORDER BY, so
their rows are compared as multisets, and so are the lists ``collect()`` builds (their order is the engines' match
order, which nothing promises); everything else (types, nulls, list contents) must be equal.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from industriegraph.analysis.queries import all_queries, get

from ..queries.cases import CASES

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_module_gives_the_same_rows_on_both_engines(graph, neo4j_graph, case):
    query = get(case.module)
    expected = query.execute(graph, **case.params)
    assert expected or not case.nonempty, "the case should give rows on the real graph"
    assert query.execute(neo4j_graph, **case.params) == expected


def test_the_cases_cover_every_module_with_several_parameter_sets():
    names = [q.name for q in all_queries()]
    assert len(names) == 11
    for name in names:
        assert len([c for c in CASES if c.module == name]) >= 3, name


# Parameters the raw statements take, from the real graph.
PARAMS = {
    "id": "org:handelskammer-hamburg",
    "strategy": "strategy:masterplan-industrie-ein-buendnis-fuer-die-industrie-der-zukunft",
    "measure": "measure:masterplan-industrie-hamburg-txt-hf3-m4",
    "excluded": ["Topic", "State", "Source", "Finding", "Statistic"],
    "kind_a": "IHK",
    "kind_b": "Union",
    "ids": [
        "org:ivh",
        "org:handelskammer-hamburg",
        "strategy:masterplan-industrie-ein-buendnis-fuer-die-industrie-der-zukunft",
    ],
}
STATEMENTS = [
    pytest.param(q.all_cypher()["ladybug"][i], q.all_cypher()["neo4j"][i], id=f"{q.name}-{i}")
    for q in all_queries()
    for i in range(len(q.all_cypher()["ladybug"]))
    if not (q.name == "path" and i == 0)  # shortestPath in Neo4j vs the networkx projection in Ladybug
]


def _unordered(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_unordered(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("ladybug", "neo4j"), STATEMENTS)
def test_statement_gives_the_same_rows_on_both_engines(graph, neo4j_graph, ladybug, neo4j):
    params = {k: v for k, v in PARAMS.items() if f"${k}" in ladybug}
    expected = _unordered(graph.cypher(ladybug, **params))
    assert expected, "the statement should find something in the real graph"
    assert _unordered(neo4j_graph.cypher(neo4j, **params)) == expected


def test_neo4j_shortest_path_spelling_agrees_with_the_module(graph, neo4j_graph):
    """The Neo4j-only shortestPath statement of ``path`` finds a path as long as the one the module reports."""
    from industriegraph.analysis.queries.path import NEO4J_SHORTEST_PATH
    from industriegraph.analysis.queries.projection import EXCLUDED_BY_DEFAULT

    for a, b in (("org:ivh", "org:ig-bce"), ("org:handelskammer-hamburg", "org:dgb-nord")):
        rows = get("path").execute(graph, **{"from": a, "to": b, "max_hops": 12})
        found = neo4j_graph.cypher(NEO4J_SHORTEST_PATH, from_id=a, to_id=b, excluded=list(EXCLUDED_BY_DEFAULT))
        assert len(found) == 1
        assert (found[0]["ids"][0], found[0]["ids"][-1], len(found[0]["ids"])) == (a, b, len(rows))
