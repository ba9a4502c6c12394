"""Kind co-occurrence: pairs of organisation kinds in the same initiatives, with conditional shares."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError


def _pair(rows, a, b):
    return next(r for r in rows if (r["kind_a"], r["kind_b"]) == (a, b))


def test_ihk_and_unions_share_two_initiatives_not_29_of_38(graph):
    rows = graph.query("kind-cooccurrence")
    r = _pair(rows, "IHK", "Union")
    ihk = {x["group"]: x for x in graph.query("participation", view="kinds")}["IHK"]["graph_initiatives"]
    # Industriebeirat Wiesbaden (IHK Wiesbaden, DGB, IG BCE) and the Hamburg Masterplan (Handelskammer, DGB Nord)
    assert r == {
        "kind_a": "IHK",
        "kind_b": "Union",
        "both": 2,
        "with_a": ihk,
        "with_b": 6,
        "share_b_given_a": round(2 / ihk, 3),
        "share_a_given_b": 0.333,
        "sentence": f"Where IHK takes part, Union takes part too in 2 of {ihk} initiatives; "
        "where Union takes part, IHK takes part too in 2 of 6.",
    }
    assert ihk >= 10


def test_counts_agree_with_the_memberships(graph):
    table = {
        r["id"]
        for r in graph.cypher(
            "MATCH (i:Initiative) WHERE i.status = 'active' AND i.radius IS NOT NULL RETURN i.id AS id"
        )
    }
    kinds: dict[str, set[str]] = {}
    for m in graph.cypher("MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative) RETURN o.kind AS k, i.id AS i"):
        if m["i"] in table:
            kinds.setdefault(m["k"], set()).add(m["i"])
    rows = graph.query("kind-cooccurrence", min_both=0)
    assert len(rows) == len(kinds) * (len(kinds) - 1) // 2
    for r in rows:
        assert r["kind_a"] < r["kind_b"]
        assert r["both"] == len(kinds[r["kind_a"]] & kinds[r["kind_b"]])
        assert (r["with_a"], r["with_b"]) == (len(kinds[r["kind_a"]]), len(kinds[r["kind_b"]]))
    positive = graph.query("kind-cooccurrence")
    assert positive == sorted(positive, key=lambda r: (-r["both"], r["kind_a"], r["kind_b"]))
    assert positive == [r for r in rows if r["both"] >= 1]


def test_kind_filter_puts_the_kind_first(graph):
    rows = graph.query("kind-cooccurrence", kind="Union")
    assert all(r["kind_a"] == "Union" for r in rows)
    # the Vereinigung der hessischen Unternehmerverbände is an employers' association (vocabulary: a BDA
    # Landesvereinigung); the name-only classifier had taken it for a business association
    assert [(r["kind_b"], r["both"]) for r in rows][:2] == [("BusinessAssociation", 2), ("EmployerAssociation", 2)]
    assert _pair(rows, "Union", "IHK")["share_b_given_a"] == 0.333
    assert _pair(rows, "Union", "BusinessAssociation")["share_b_given_a"] == 0.333
    assert graph.query("kind-cooccurrence", min_both=5) == []


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="kind"):
        graph.query("kind-cooccurrence", kind="Zunft")
    # German kind names are accepted (any case) and mean the kind code
    assert graph.query("kind-cooccurrence", kind="gewerkschaft") == graph.query("kind-cooccurrence", kind="Union")
    with pytest.raises(QueryError, match="min_both"):
        graph.query("kind-cooccurrence", min_both=-2)
    with pytest.raises(QueryError, match="min_both"):
        graph.query("kind-cooccurrence", min_both="many")
