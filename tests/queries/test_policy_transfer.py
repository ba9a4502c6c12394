"""Policy transfer: initiatives elsewhere that work on what a Masterplan measure is about (real graph)."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError
from industriegraph.analysis.queries.policy_transfer import COLUMNS

HYDROGEN_MEASURES = ("HF1-M15", "HF3-M4", "HF3-M6", "HF3-M10")  # HF4-M6 is a Weiterbildung measure
H2_INITIATIVES = {
    "H2Berlin e. V.",
    "HYPOS – Hydrogen Power Storage & Solutions e.V.",
    "H2 Süd e. V. – Die Wasserstoffinitiative Bayern & Baden-Württemberg",
    "Hydrogen Hub Aachen",
    "H2-Region Emsland",
    "Wasserstoffnetzwerk Lausitz „DurcH2atmen“",
    "H2 Netzwerk Ruhr e. V.",
    "H2BZ Netzwerk RLP e. V.",
    "Wasserstoffnetzwerk Nordostniedersachen H2.N.O.N.",
    "Wasserstoffquell- und Wertschöpfungsregion Main-Elbe-LINK (h2-well)",
}


def test_hh_win_measure_finds_the_hydrogen_initiatives(graph):
    # HF1 Nr. 15: Versorgung mit grünem Wasserstoff, Wasserstoffindustrienetz HH-WIN
    rows = graph.query("policy-transfer", measure="HF1-M15")
    assert [r["rank"] for r in rows] == list(range(1, 11))
    assert all(list(r) == list(COLUMNS) for r in rows)
    top9 = [r["initiative"] for r in rows[:9]]
    assert set(top9) == H2_INITIATIVES - {"Wasserstoffnetzwerk Lausitz „DurcH2atmen“"}
    assert rows == sorted(rows, key=lambda r: -r["score"])
    first = rows[0]
    assert "Wasserstoff" in first["shared_topics"]
    assert first["matching_goals"] and all(g for g in first["matching_goals"])
    for r in rows[:9]:
        assert "Wasserstoff" in r["shared_topics"]
        assert "Wasserstoff" in r["explanation"]


def test_hydrogen_measures_together_cover_the_hydrogen_initiatives(graph):
    found = set()
    for ref in HYDROGEN_MEASURES:
        found |= {r["initiative"] for r in graph.query("policy-transfer", measure=ref)}
    assert H2_INITIATIVES <= found


def test_no_hamburg_initiative_unless_asked(graph):
    for ref in (*HYDROGEN_MEASURES, "HF4-M6"):
        rows = graph.query("policy-transfer", measure=ref, top=100)
        assert all("Hamburg" not in r["states"] for r in rows), ref
        assert all(r["explanation"].strip() for r in rows), ref
        assert all(r["explanation"].endswith(".") for r in rows)
    rows = graph.query("policy-transfer", measure="HF1-M15", include_same_state=True, top=100)
    hamburg = [r["initiative"] for r in rows if "Hamburg" in r["states"]]
    assert hamburg == ["IVH Energy Efficiency Network of Hamburg Industry", "KLIMAready"]
    # the initiative that *is* the Masterplan is never proposed to itself
    assert "Masterplan Industrie Hamburg" not in {r["initiative"] for r in rows}


def test_matching_goals_are_real_goal_phrases(graph):
    rows = graph.query("policy-transfer", measure="HF1-M15")
    ruhr = next(r for r in rows if r["initiative"] == "H2 Netzwerk Ruhr e. V.")
    assert ruhr["matching_goals"] == [
        "Sichere und effiziente Energieversorgung (Wasserstoff als Speichermedium in der Energiewende)"
    ]
    assert ruhr["states"] == ["Nordrhein-Westfalen"]
    ini = graph.get(ruhr["initiative_id"])
    assert set(ruhr["matching_goals"]) <= set(ini["goals"])


def test_fachkraefte_measure_finds_fachkraefte_initiatives(graph):
    # HF4 Nr. 4: Begeisterung junger Menschen für technische Berufe (Young Talents, MINTforum, Schulen)
    rows = graph.query("policy-transfer", measure="HF4-M4")
    assert len(rows) == 10
    assert all("Fachkräftesicherung/Nachwuchsförderung" in r["shared_topics"] for r in rows)
    assert all("Hamburg" not in r["states"] for r in rows)
    oberes = next(r for r in rows if r["initiative"] == "Initiativkreis Oberes Wiesental e. V.")
    assert "Schulen" in oberes["explanation"]


def test_measure_can_be_named_in_several_ways(graph):
    by_ref = graph.query("policy-transfer", measure="HF3-M2", top=5)
    assert graph.query("policy-transfer", measure="3.2", top=5) == by_ref
    assert graph.query("policy-transfer", measure="hf3 m2", top=5) == by_ref
    assert graph.query("policy-transfer", measure="measure:masterplan-industrie-hamburg-txt-hf3-m2", top=5) == by_ref


def test_topic_mode(graph):
    rows = graph.query("policy-transfer", topic="wasserstoff", top=14)
    assert all("Wasserstoff" in r["shared_topics"] for r in rows)
    assert H2_INITIATIVES <= {r["initiative"] for r in rows}
    berlin = graph.query("policy-transfer", topic="H2", state="Berlin", top=30)
    assert "H2Berlin e. V." not in {r["initiative"] for r in berlin}


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="unknown measure 'HF9-M1'.*Closest"):
        graph.query("policy-transfer", measure="HF9-M1")
    with pytest.raises(QueryError, match="ambiguous"):
        graph.query("policy-transfer", measure="M1")  # measure 1 of both the 2019 German and English alliance texts
    with pytest.raises(QueryError, match="needs a measure"):
        graph.query("policy-transfer")
    with pytest.raises(QueryError, match="unknown topic"):
        graph.query("policy-transfer", topic="Quantencomputer")
    with pytest.raises(QueryError, match="unknown state"):
        graph.query("policy-transfer", topic="wasserstoff", state="Atlantis")
    with pytest.raises(QueryError, match="top"):
        graph.query("policy-transfer", measure="HF1-M15", top=0)
