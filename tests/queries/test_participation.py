"""Participation per actor group: graph memberships beside the report's Tabelle 2 figures."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError
from industriegraph.analysis.queries.participation import GROUPS
from industriegraph.model.kinds import KINDS

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"


@pytest.fixture(scope="module")
def rows(graph):
    return {r["group"]: r for r in graph.query("participation")}


def test_every_tabelle_2_group_shows_the_stated_figure_with_its_evidence(rows):
    stated = {g: (rows[g]["report_count"], rows[g]["report_percent"]) for g in GROUPS}
    assert stated["IG Metall"] == (27, 29) and stated["DGB"] == (20, 22) and stated["IG BCE"] == (10, 11)
    assert stated["Unternehmen"] == (62, 67) and stated["Gewerkschaften"] == (38, 41)
    assert stated["Berufsbildende Schulen"] == (7, 8)
    for g in GROUPS:
        assert f"{REPORT}:892" in rows[g]["evidence"]  # the caption of Tabelle 2


def _table_members(graph) -> dict[str, set[str]]:
    """Kind -> initiatives of the 93 (active, with a radius) where an organisation of that kind is a member."""
    out: dict[str, set[str]] = {}
    for m in graph.cypher(
        "MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative) WHERE i.status = 'active' "
        "AND i.radius IS NOT NULL RETURN o.kind AS kind, i.name AS name"
    ):
        out.setdefault(m["kind"], set()).add(m["name"])
    return out


def test_graph_counts_are_the_documented_memberships(graph, rows):
    members = _table_members(graph)
    for group, (kinds, _) in GROUPS.items():
        if kinds:
            expected = set().union(*(members.get(k, set()) for k in kinds))
            assert set(rows[group]["initiatives"]) == expected, group
        r = rows[group]
        assert r["graph_initiatives"] == len(r["initiatives"])
        assert r["graph_share"] == round(r["graph_initiatives"] / 93, 3)
        assert r["coverage"] == round(r["graph_initiatives"] / r["report_count"], 3)
    # memberships stated in the documents (report profiles, Masterplan partners)
    assert rows["Gewerkschaften"]["initiatives"] == [
        "Gesellschaft für Transformationsmanagement Saar mbH",
        "Industriebeirat Wiesbaden",
        "Initiative Gesundheitsindustrie Hessen",
        "Initiativkreis Ruhr GmbH",
        "Masterplan Industrie Hamburg",
        "Masterplan Industrie für die Stadt Frankfurt am Main",
    ]
    assert rows["IG Metall"]["initiatives"] == ["Gesellschaft für Transformationsmanagement Saar mbH"]
    assert rows["DGB"]["initiatives"] == [
        "Industriebeirat Wiesbaden",
        "Masterplan Industrie Hamburg",
        "Masterplan Industrie für die Stadt Frankfurt am Main",
    ]
    assert rows["IG BCE"]["initiatives"] == [
        "Industriebeirat Wiesbaden",
        "Initiative Gesundheitsindustrie Hessen",
        "Initiativkreis Ruhr GmbH",
    ]
    assert {
        "Hydrogen Hub Aachen",
        "Industriebeirat Wiesbaden",
        "Masterplan Industrie Hamburg",
        "Wasserstoffnetzwerk Lausitz „DurcH2atmen“",
    } <= set(rows["Industrie- und Handelskammern"]["initiatives"])
    # the one Handwerkskammer sits beside IHK Wiesbaden, so Kammern adds nothing to the IHKs
    assert rows["Kammern"]["initiatives"] == rows["Industrie- und Handelskammern"]["initiatives"]
    # the documents support only a small part of the report's survey figures
    assert all(rows[g]["coverage"] < 0.5 for g in GROUPS)
    # one civil-society member is named: VfL Bochum 1848 in the IndustrieInitiative Mittleres Ruhrgebiet
    assert rows["Zivilgesellschaft"]["graph_initiatives"] == 1


def test_scope_is_the_93_initiatives_of_tabelle_1(graph, rows):
    # KLIMAready (a web page, no radius) has a Cluster as carrier: outside the table scope, inside scope=all
    assert "KLIMAready" not in rows["Cluster"]["initiatives"]
    every = {r["group"]: r for r in graph.query("participation", scope="all", view="kinds")}
    assert "KLIMAready" in every["Cluster"]["initiatives"]
    assert every["Union"]["graph_share"] == round(every["Union"]["graph_initiatives"] / 97, 3)


def test_views_and_parameters(graph):
    report = graph.query("participation", view="report")
    assert [r["group"] for r in report][:3] == ["Unternehmen", "Kammern", "Industrie- und Handelskammern"]
    assert len(report) == 20
    kinds = graph.query("participation", view="kinds", min_initiatives=1)
    assert {r["group"] for r in kinds} <= set(KINDS) and all(r["graph_initiatives"] >= 1 for r in kinds)
    assert [r["graph_initiatives"] for r in kinds] == sorted((r["graph_initiatives"] for r in kinds), reverse=True)
    assert kinds[0]["group"] == "IHK"
    with pytest.raises(QueryError, match="view"):
        graph.query("participation", view="table")
    with pytest.raises(QueryError, match="min_initiatives"):
        graph.query("participation", min_initiatives=-1)
