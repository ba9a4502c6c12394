"""path on the real graph: shortest chains between actors, with direction and evidence."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError, get

PATH = get("path")


def chain(**params):
    return PATH.execute(params.pop("graph"), **params)


def test_handelskammer_to_dgb_nord_runs_through_the_masterplan(graph):
    # Masterplan l. 29-31: "Die Partner des Hamburger Masterplans Industrie – Senat …, Handelskammer Hamburg,
    # Industrieverband Hamburg e. V., Deutscher Gewerkschaftsbund Nord".
    rows = chain(graph=graph, **{"from": "Handelskammer Hamburg", "to": "Deutscher Gewerkschaftsbund Nord"})
    assert [(r["step"], r["id"], r["relationship"]) for r in rows] == [
        (0, "org:handelskammer-hamburg", "MEMBER_OF ->"),
        (1, "ini:masterplan-industrie-hamburg", "<- MEMBER_OF"),
        (2, "org:dgb-nord", ""),
    ]
    assert "masterplan-industrie-hamburg.txt:31" in rows[0]["evidence"]
    assert "masterplan-industrie-hamburg.txt:31" in rows[1]["evidence"]
    assert rows[2]["evidence"] == []
    assert [r["label"] for r in rows] == ["Organization", "Initiative", "Organization"]


def test_ids_and_names_give_the_same_chain(graph):
    by_name = chain(graph=graph, **{"from": "Handelskammer Hamburg", "to": "Deutscher Gewerkschaftsbund Nord"})
    by_id = chain(graph=graph, **{"from": "org:handelskammer-hamburg", "to": "org:dgb-nord"})
    assert by_name == by_id


def test_handelskammer_reaches_the_2019_alliance_through_the_masterplan_strategy(graph):
    rows = chain(graph=graph, **{"from": "Handelskammer Hamburg", "to": "Bündnis für die Industrie der Zukunft"})
    assert [r["id"] for r in rows] == [
        "org:handelskammer-hamburg",
        "strategy:masterplan-industrie-ein-buendnis-fuer-die-industrie-der-zukunft",
        "strategy:buendnis-fuer-die-industrie-der-zukunft",
    ]
    assert rows[0]["relationship"] == "PARTNER_OF ->"
    assert "REFERENCES" in rows[1]["relationship"]


def test_hamburg_and_wiesbaden_meet_through_a_regional_branch_and_its_national_body(graph):
    # No document names one organisation in both; the DGB's Bezirk Nord (a Masterplan partner) is PART_OF the
    # DGB (a member of the Industriebeirat Wiesbaden), as the vocabulary of bodies states.
    ends = {"from": "Handelskammer Hamburg", "to": "Industriebeirat Wiesbaden"}
    rows = chain(graph=graph, **ends)
    assert [r["id"] for r in rows] == [
        "org:handelskammer-hamburg",
        "ini:masterplan-industrie-hamburg",
        "org:dgb-nord",
        "org:dgb",
        "ini:industriebeirat-wiesbaden",
    ]
    assert rows[2]["relationship"] == "PART_OF ->"


def test_topics_connect_where_actors_do_not(graph):
    ends = {"from": "Handelskammer Hamburg", "to": "Industriebeirat Wiesbaden"}
    rows = chain(graph=graph, via_vocabulary=True, **ends)
    assert [r["id"] for r in rows][:2] == ["org:handelskammer-hamburg", "ini:masterplan-industrie-hamburg"]
    assert rows[2]["label"] == "Topic" and rows[2]["relationship"] == "<- HAS_TOPIC"
    assert rows[1]["relationship"] == "HAS_TOPIC ->" and rows[1]["evidence"]
    assert rows[-1]["id"] == "ini:industriebeirat-wiesbaden"
    assert chain(graph=graph, via_vocabulary=True, max_hops=2, **ends) == []


def test_max_hops_cuts_longer_chains(graph):
    ends = {"from": "Handelskammer Hamburg", "to": "Deutscher Gewerkschaftsbund Nord"}
    assert chain(graph=graph, max_hops=1, **ends) == []
    assert len(chain(graph=graph, max_hops=2, **ends)) == 3


def test_deterministic(graph):
    ends = {"from": "Handelskammer Hamburg", "to": "Industriebeirat Wiesbaden", "via_vocabulary": True}
    assert chain(graph=graph, **ends) == chain(graph=graph, **ends)


def test_unknown_name_lists_the_closest_candidates(graph):
    with pytest.raises(QueryError, match=r"nothing named 'DGB Nordd'.*org:dgb-nord"):
        chain(graph=graph, **{"from": "Handelskammer Hamburg", "to": "DGB Nordd"})


def test_alias_file_spellings_resolve(graph):
    rows = chain(graph=graph, **{"from": "Handelskammer Hamburg", "to": "DGB Nord"})
    assert rows[-1]["id"] == "org:dgb-nord"


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="'from' is required"):
        chain(graph=graph, to="Handelskammer Hamburg")
    with pytest.raises(QueryError, match="max_hops"):
        chain(graph=graph, max_hops=0, **{"from": "Handelskammer Hamburg", "to": "IG BCE"})
    with pytest.raises(QueryError, match="via_vocabulary=true"):
        chain(graph=graph, **{"from": "Handelskammer Hamburg", "to": "state:de-hh"})
    with pytest.raises(QueryError):
        chain(graph=graph, via_vocabulary="perhaps", **{"from": "Handelskammer Hamburg", "to": "IG BCE"})
