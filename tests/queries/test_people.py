"""Signatories and office holders."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError

MASTERPLAN = "Masterplan Industrie – Ein Bündnis für die Industrie der Zukunft"


def test_the_masterplans_five_signatories_with_roles_and_organisations(graph):
    rows = graph.query("people", strategy="Masterplan Industrie", relation="signed")
    assert [(r["person"], r["role"], r["organization"]) for r in rows] == [
        ("Laura Pooth", "Vorsitzende", "Deutscher Gewerkschaftsbund Nord"),
        ("Matthias Boxberger", "Vorstandsvorsitzender", "Industrieverband Hamburg e. V."),
        (
            "Melanie Leonhard",
            "Senatorin und Präses der Behörde für Wirtschaft und Innovation",
            "Senat der Freien und Hansestadt Hamburg",
        ),
        ("Norbert Aust", "Präses", "Handelskammer Hamburg"),
        (
            "Peter Tschentscher",
            "Erster Bürgermeister und Präsident des Senats",
            "Senat der Freien und Hansestadt Hamburg",
        ),
    ]
    assert {r["strategy"] for r in rows} == {MASTERPLAN}
    assert rows[0]["evidence"] == [
        "masterplan-industrie-hamburg.txt:155",
        "masterplan-industrie-hamburg.txt:157",
        "masterplan-industrie-hamburg.txt:159",
    ]


def test_offices_and_the_2019_alliance(graph):
    offices = graph.query("people", relation="holds_role", organization="Industrieverband")
    assert [(r["person"], r["role"]) for r in offices] == [
        ("Matthias Boxberger", "Chairman"),
        ("Matthias Boxberger", "Vorstandsvorsitzender"),
    ]
    assert all(r["strategy"] is None for r in offices)
    alliance = graph.query("people", strategy="Bündnis für die Industrie der Zukunft", relation="signed")
    assert {(r["person"], r["strategy"]) for r in alliance} >= {
        ("Matthias Boxberger", "Bündnis für die Industrie der Zukunft"),
        ("Peter Tschentscher", "Bündnis für die Industrie der Zukunft"),
    }
    everyone = graph.query("people")
    assert len(everyone) == 15 and {r["relation"] for r in everyone} == {"signed", "holds_role"}
    assert [r["person"] for r in graph.query("people", person="westhagemann")] == ["Michael Westhagemann"]


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="relation"):
        graph.query("people", relation="knows")
    with pytest.raises(QueryError, match="unknown parameter"):
        graph.query("people", colour="red")
