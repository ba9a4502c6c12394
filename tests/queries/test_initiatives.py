"""Initiatives by state, radius, topic, founding years, status; and counts per group."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError


def _counts(rows):
    return {r["group"]: r["count"] for r in rows}


def test_radius_counts_among_active_initiatives_are_those_of_tabelle_1(graph):
    rows = graph.query("initiatives", group_by="radius", status="active")
    # 52 regional, 24 landesweit, 17 lokal = the 93 rows of Tabelle 1; KLIMAready (web page) has no radius
    assert _counts(rows) == {"regional": 52, "landesweit": 24, "lokal": 17, None: 1}
    assert rows[-1]["initiatives"] == ["KLIMAready"] and rows[0]["id"] is None


def test_state_by_name_or_code(graph):
    by_name = graph.query("initiatives", state="Hamburg")
    assert by_name == graph.query("initiatives", state="DE-HH")
    assert [r["name"] for r in by_name] == [
        "IVH Energy Efficiency Network of Hamburg Industry",
        "KLIMAready",
        "Masterplan Industrie Hamburg",
    ]
    assert [r["name"] for r in graph.query("initiatives", state="Hamburg", radius="landesweit")] == [
        "Masterplan Industrie Hamburg"
    ]
    m = by_name[2]
    assert (m["states"], m["radius"], m["status"], m["group"], m["count"]) == (
        ["Hamburg"],
        "landesweit",
        "active",
        None,
        None,
    )


def test_topic_includes_narrower_concepts(graph):
    h2 = [r["name"] for r in graph.query("initiatives", topic="wasserstoff", stated_only=True)]
    assert h2 == [
        "ChemDelta Bavaria",
        "H2 Netzwerk Ruhr e. V.",
        "H2 Niederrhein Kreis Wesel",
        "H2 Süd e. V. – Die Wasserstoffinitiative Bayern & Baden-Württemberg",
        "H2-Region Emsland",
        "H2Berlin e. V.",
        "H2BZ Initiative Hessen e. V.",
        "H2BZ Netzwerk RLP e. V.",
        "Hydrogen Hub Aachen",
        "HYPOS – Hydrogen Power Storage & Solutions e.V.",
        "IH2K Nordwest",
        "In4Climate.RR",
        "Klimahafen Gelsenkirchen",
        "Netzwerk Großbeerenstraße e. V.",
        "SaaleWirtschaft e. V.",
        "Schlüssel zu Innovationen 2030 - Strategie für Innovation, Dienstleistungen und Industrie Land Bremen",
        "Wasserstoffnetzwerk Lausitz „DurcH2atmen“",
        "Wasserstoffnetzwerk Nordostniedersachen H2.N.O.N.",
        "Wasserstoffquell- und Wertschöpfungsregion Main-Elbe-LINK (h2-well)",
        "Zukunftsbündnis Saar",
    ]
    with_prose = {r["name"] for r in graph.query("initiatives", topic="Wasserstoff")}
    assert with_prose - set(h2) == {
        "Automotive Transformation Strategy für Südwest-Baden-Württemberg (AuToS SW-BW)",
        "MoLeWa | Mobilität – Leipzig im Wandel.",
    }
    energy = {r["name"] for r in graph.query("initiatives", topic="topic:energie")}
    assert with_prose < energy
    groups = _counts(graph.query("initiatives", group_by="topic"))
    assert groups["Energie"] == len(energy) and groups["Wasserstoff"] == len(with_prose)


def test_founding_years_and_status(graph):
    # The report: "47 Prozent der Initiativen (44 Initiativen) gründeten sich zwischen 2018 und 2023"; the profiles
    # give 43 founding years in that range (two table rows have no profile, hence no year in the documents).
    rows = graph.query("initiatives", founded_from=2018, founded_to=2023, status="active")
    assert len([r for r in rows if r["radius"]]) == 43
    assert len([r for r in graph.query("initiatives", status="active") if r["radius"] and r["founded"] is None]) == 2
    oldest = graph.query("initiatives", founded_to=1959)
    assert [(r["name"], r["founded"]) for r in oldest] == [("Industrievereinigung Odenwaldkreis e. V.", 1950)]
    assert [r["name"] for r in graph.query("initiatives", status="ended")] == [
        "Partnernetzwerk 4.0 Sachsen-Anhalt",
        "Zukunft.Unternehmen.In Lippe",
    ]
    assert _counts(graph.query("initiatives", group_by="decade"))["1950s"] == 1
    assert _counts(graph.query("initiatives", group_by="state"))["Nordrhein-Westfalen"] == 23


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="unknown state"):
        graph.query("initiatives", state="Bavaria-West")
    with pytest.raises(QueryError, match="unknown topic"):
        graph.query("initiatives", topic="Raumfahrtbahnhof")
    with pytest.raises(QueryError, match="radius"):
        graph.query("initiatives", radius="national")
    with pytest.raises(QueryError, match="group_by"):
        graph.query("initiatives", group_by="colour")
    with pytest.raises(QueryError, match="founded_from"):
        graph.query("initiatives", founded_from=2020, founded_to=2010)
