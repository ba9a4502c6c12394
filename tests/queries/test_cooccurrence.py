"""IHK–union co-occurrence on the real graph."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError


def test_masterplan_partners_put_handelskammer_and_dgb_nord_together(graph):
    rows = graph.query("cooccurrence")
    pair = [
        r for r in rows if r["a_name"] == "Handelskammer Hamburg" and r["b_name"] == "Deutscher Gewerkschaftsbund Nord"
    ]
    assert pair == [
        {
            "a_name": "Handelskammer Hamburg",
            "b_name": "Deutscher Gewerkschaftsbund Nord",
            "shared": 1,
            "initiatives": ["Masterplan Industrie Hamburg"],
        }
    ]
    assert all(set(r) == {"a_name", "b_name", "shared", "initiatives"} for r in rows)
    assert rows == sorted(rows, key=lambda r: (-r["shared"], r["a_name"], r["b_name"]))


def test_every_pair_really_shares_its_initiatives(graph):
    kinds = {r["name"]: r["kind"] for r in graph.cypher("MATCH (o:Organization) RETURN o.name AS name, o.kind AS kind")}
    members = {}
    for r in graph.cypher("MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative) RETURN o.name AS o, i.name AS i"):
        members.setdefault(r["o"], set()).add(r["i"])
    rows = graph.query("cooccurrence", kind_a="IHK", kind_b="Union")
    assert rows
    for r in rows:
        assert kinds[r["a_name"]] == "IHK" and kinds[r["b_name"]] == "Union"
        assert set(r["initiatives"]) == members[r["a_name"]] & members[r["b_name"]]
        assert r["shared"] == len(r["initiatives"])


def test_parameters_are_checked(graph):
    with pytest.raises(QueryError, match="kind_a"):
        graph.query("cooccurrence", kind_a="Chamber")
    with pytest.raises(QueryError, match="unknown parameter"):
        graph.query("cooccurrence", colour="red")
    assert graph.query("cooccurrence", min_shared="5") == []
