"""Masterplan measures by field, responsible organisation, topic and text, on the real graph."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError
from industriegraph.analysis.queries.measures import COLUMNS

MASTERPLAN = "Masterplan Industrie – Ein Bündnis für die Industrie der Zukunft"
PARTNERS = [
    "Deutscher Gewerkschaftsbund Nord",
    "Handelskammer Hamburg",
    "Industrieverband Hamburg e. V.",
    "Senat der Freien und Hansestadt Hamburg",
]
SENAT = ["Senat der Freien und Hansestadt Hamburg"]


def test_field_1_has_17_measures_in_order(graph):
    rows = graph.query("measures", field=1)
    assert [r["ref"] for r in rows] == [f"HF1-M{n}" for n in range(1, 18)]
    assert all(list(r) == list(COLUMNS) for r in rows)
    assert {r["kind"] for r in rows} == {"measure"} and {r["strategy"] for r in rows} == {MASTERPLAN}
    assert rows[0]["heading"] == "Flächen" and rows[16]["heading"] == "Sonstige Infrastruktur"
    assert rows[14]["text"].startswith("Insbesondere auch die Energieversorgungsinfrastruktur muss zukunftsfähig")
    assert rows[14]["evidence"][0] == "masterplan-industrie-hamburg.txt:881"


def test_hydrogen_measures_and_who_is_responsible(graph):
    # Masterplan: HF1 Nr. 15 (HH-WIN, grüner Wasserstoff), HF3 Nr. 4 (erneuerbar erzeugter Wasserstoff),
    # HF3 Nr. 6 (Cluster Erneuerbare Energien einschließlich Wasserstoffwirtschaft), HF3 Nr. 10 (Green Hydrogen
    # Hub, IPCEI-Wasserstoff-Vorhaben), HF4 Nr. 6 (Weiterbildung „Expert*innen Qualifizierung Wasserstoffsysteme“);
    # the 2019 Bündnis, measure 5 (Windstrom in grünen Wasserstoff).
    rows = graph.query("measures", topic="wasserstoff")
    masterplan = {r["ref"]: r["responsible"] for r in rows if r["strategy"] == MASTERPLAN}
    assert masterplan == {"HF1-M15": [], "HF3-M4": SENAT, "HF3-M6": PARTNERS, "HF3-M10": SENAT, "HF4-M6": SENAT}
    assert [(r["ref"], r["strategy"]) for r in rows if r["strategy"] != MASTERPLAN] == [
        ("M5", "Bündnis für die Industrie der Zukunft")
    ]
    assert all("Wasserstoff" in r["topics"] for r in rows)
    # the same by label, alternative label and with the broader concept (Energie includes Wasserstoff)
    assert graph.query("measures", topic="Wasserstoff") == rows
    assert graph.query("measures", topic="H2") == rows
    energy = {r["id"] for r in graph.query("measures", topic="energie")}
    assert {r["id"] for r in rows} < energy


def test_text_search_finds_hydrogen_measures_objective_and_goals(graph):
    rows = graph.query("measures", text="Wasserstoff", limit=0)
    by_kind = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)
    masterplan = [r["ref"] for r in by_kind["measure"] if r["strategy"] == MASTERPLAN]
    assert sorted(masterplan) == ["HF1-M15", "HF3-M10", "HF3-M4", "HF3-M6", "HF4-M6"]
    assert [r["ref"] for r in by_kind["objective"]] == ["HF1-ZIII"]
    goals = {r["initiative"] for r in by_kind["goal"]}
    assert {
        "H2Berlin e. V.",
        "H2-Region Emsland",
        "Hydrogen Hub Aachen",
        "Wasserstoffnetzwerk Lausitz „DurcH2atmen“",
        "HYPOS – Hydrogen Power Storage & Solutions e.V.",
        "H2 Süd e. V. – Die Wasserstoffinitiative Bayern & Baden-Württemberg",
    } <= goals
    hf36 = next(r for r in rows if r["ref"] == "HF3-M6")
    assert hf36["matched"] == ["Wasserstoffwirtschaft"]  # compound, footnote marker 48 cut off
    assert "Wasserstoffwirtschaft" in hf36["snippet"]
    assert rows == sorted(rows, key=lambda r: -r["score"])
    assert all(r["score"] > 0 for r in rows)
    # every goal row really mentions hydrogen
    assert all("wasserstoff" in r["text"].lower() for r in by_kind["goal"])


def test_text_search_tolerates_inflection(graph):
    flaechen = graph.query("measures", text="Fläche", kind="measure", limit=3)
    assert [r["ref"] for r in flaechen] == ["HF1-M3", "HF1-M2", "HF1-M1"]
    assert "Industrieflächen" in flaechen[0]["matched"]
    goals = graph.query("measures", text="qualifizieren", kind="goal", limit=0)
    assert all(any(w.lower().startswith(("qualifizier", "hochqualifiz")) for w in r["matched"]) for r in goals)
    assert "ATLAS – Automotive Transformationsplattform Südwestfalen" in {r["initiative"] for r in goals}


def test_responsible_is_resolved_tolerantly(graph):
    rows = graph.query("measures", responsible="Handelskammer Hamburg")
    assert [r["ref"] for r in rows] == [
        "HF1-M6",
        "HF2-M1",
        "HF2-M2",
        "HF2-M5",
        "HF3-M2",
        "HF3-M5",
        "HF3-M6",
        "HF3-M9",
        "HF4-M1",
        "HF4-M2",
        "HF4-M3",
        "HF4-M4",
        "HF4-M5",
        "HF4-M7",
        "HF4-M8",
        "HF5-M1",
        "HF5-M2",
        "HF5-M4",
    ]
    assert all("Handelskammer Hamburg" in r["responsible"] for r in rows)
    assert graph.query("measures", responsible="handelskammer") == rows
    assert [r["ref"] for r in graph.query("measures", responsible="IFB Hamburg")] == ["HF2-M12", "HF3-M9"]
    assert len(graph.query("measures", responsible="IVH")) == 20
    both = graph.query("measures", responsible="Handelskammer Hamburg", field=3, topic="wasserstoff")
    assert [r["ref"] for r in both] == ["HF3-M6"]


def test_objectives_by_field(graph):
    rows = graph.query("measures", field=3, kind="objective")
    assert [(r["ref"], r["heading"]) for r in rows] == [
        ("HF3-ZI", "Klima, Energie und Umwelt"),
        ("HF3-ZII", "Klima, Energie und Umwelt"),
        ("HF3-ZIII", "Klima, Energie und Umwelt"),
    ]
    assert rows[2]["text"].startswith("eine Stärkung der Kreislaufwirtschaft")


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="Handelskammer Hamburg"):
        graph.query("measures", responsible="IHK Köln")
    with pytest.raises(QueryError, match="unknown topic 'Quantencomputer'"):
        graph.query("measures", topic="Quantencomputer")
    with pytest.raises(QueryError, match="kind"):
        graph.query("measures", kind="paragraph")
    with pytest.raises(QueryError, match="no searchable words"):
        graph.query("measures", text="und die der")
    with pytest.raises(QueryError, match="field"):
        graph.query("measures", field="drei")
    assert graph.query("measures", field=9) == []
