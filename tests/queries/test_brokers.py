"""brokers on the real graph: betweenness and communities of the organisation–initiative network."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError, get
from industriegraph.analysis.queries.projection import membership_graph

BROKERS = get("brokers")


def test_top_broker_is_the_wiesbaden_industry_council(graph):
    # Report l. 2864-2868 and 8812-8814: the Industriebeirat Wiesbaden is chaired by the Wirtschaftsdezernat and
    # joined by chambers, two universities, the VhU and the unions DGB and IG BCE; DGB and IG BCE also belong to
    # other initiatives, so the shortest connections between those run through the Beirat.
    top = BROKERS.execute(graph)[0]
    assert (top["rank"], top["id"], top["label"]) == (1, "ini:industriebeirat-wiesbaden", "Initiative")
    assert top["degree"] == 9
    assert top["community_name"] == "Industriebeirat Wiesbaden"


def test_top_organisation_broker_is_ig_bce_linking_three_initiatives(graph):
    # IG BCE: member of the Industriebeirat Wiesbaden (l. 8814), of the Initiative Gesundheitsindustrie Hessen
    # (l. 7035) and founding member of the Initiativkreis Ruhr (l. 7122).
    rows = BROKERS.execute(graph, label="Organization", top=3)
    assert [r["name"] for r in rows][0] == "IG BCE"
    assert (rows[0]["kind"], rows[0]["degree"]) == ("Union", 3)
    assert rows[0]["betweenness"] > rows[1]["betweenness"] > 0
    assert {r["label"] for r in rows} == {"Organization"}
    g = membership_graph(graph)
    assert sorted(g.neighbors("org:ig-bce")) == [
        "ini:industriebeirat-wiesbaden",
        "ini:initiative-gesundheitsindustrie-hessen",
        "ini:initiativkreis-ruhr",
    ]


def test_masterplan_partners_form_one_community_named_after_the_masterplan(graph):
    rows = BROKERS.execute(graph, top=1000)
    hamburg = {r["id"] for r in rows if r["community_name"] == "Masterplan Industrie Hamburg"}
    assert hamburg == {
        "ini:masterplan-industrie-hamburg",
        "org:bwi-hamburg",  # report l. 2568: "neben der Wirtschaftsbehörde"
        "org:handelskammer-hamburg",
        "org:ivh",
        "org:dgb-nord",
        "org:senat-hamburg",
    }
    # The partners sit on no other initiative: they bridge nothing.
    assert all(r["betweenness"] == 0 for r in rows if r["id"] in hamburg and r["label"] == "Organization")


def test_every_community_is_named_after_its_best_connected_member(graph):
    rows = BROKERS.execute(graph, top=1000)
    g = membership_graph(graph)
    assert len(rows) == g.number_of_nodes()
    by_community: dict[int, list[dict]] = {}
    for r in rows:
        by_community.setdefault(r["community"], []).append(r)
    for members in by_community.values():
        names = {r["community_name"] for r in members}
        assert len(names) == 1
        best = min(members, key=lambda r: (-r["degree"], r["name"]))
        assert names == {best["name"]}
    sizes = [len(by_community[c]) for c in sorted(by_community)]
    assert sizes == sorted(sizes, reverse=True)


def test_two_runs_give_the_same_answer(graph):
    assert BROKERS.execute(graph, top=1000) == BROKERS.execute(graph, top=1000)


def test_filters_and_ordering(graph):
    rows = BROKERS.execute(graph, top=1000, label="Initiative", min_degree=3)
    assert rows and all(r["label"] == "Initiative" and r["degree"] >= 3 for r in rows)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["betweenness"] for r in rows] == sorted((r["betweenness"] for r in rows), reverse=True)
    assert len(BROKERS.execute(graph, top=5)) == 5


@pytest.mark.parametrize("params", [{"top": 0}, {"min_degree": -1}, {"label": "Person"}, {"top": "many"}])
def test_bad_parameters(graph, params):
    with pytest.raises(QueryError):
        BROKERS.execute(graph, **params)
