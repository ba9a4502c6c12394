"""Data-quality findings of the build."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"


def _subjects(graph, kind):
    return [r["subject_name"] for r in graph.query("quality", kind=kind)]


def test_report_findings(graph):
    assert _subjects(graph, "state-conflict") == [
        "HYPOS – Hydrogen Power Storage & Solutions e.V.",
        "TRIDELTA CAMPUS Hermsdorf e. V.",
    ]
    assert _subjects(graph, "profile-matched-by-content") == ["Aachener Industrie-Dialog"]
    assert _subjects(graph, "ended-initiative") == [
        "Partnernetzwerk 4.0 Sachsen-Anhalt",
        "Zukunft.Unternehmen.In Lippe",
    ]
    assert _subjects(graph, "missing-profile") == [
        "TRAIBER.NRW – Transformation der Automotive Industrie in der Bergischen Region",
        "Zukunftsinitiative Rheinland-Pfalz e. V.",
    ]
    tridelta = graph.query("quality", kind="state-conflict")[1]
    assert tridelta["subject"] == "ini:tridelta-campus-hermsdorf"
    assert "Thüringen" in tridelta["message"] and "Nordrhein-Westfalen" in tridelta["message"]
    assert tridelta["evidence"] == [f"{REPORT}:766", f"{REPORT}:8574"] and tridelta["count"] is None


def test_summary_counts_per_kind(graph):
    summary = {r["kind"]: r["count"] for r in graph.query("quality", summary=True)}
    assert {
        k: summary[k] for k in ("state-conflict", "profile-matched-by-content", "ended-initiative", "missing-profile")
    } == {"state-conflict": 2, "profile-matched-by-content": 1, "ended-initiative": 2, "missing-profile": 2}
    assert sum(summary.values()) == len(graph.query("quality"))
    assert graph.query("quality", kind="ended-initiative", summary="true") == [
        {
            "kind": "ended-initiative",
            "count": 2,
            "message": None,
            "subject": None,
            "subject_name": None,
            "evidence": None,
        }
    ]


def test_bad_parameters(graph):
    with pytest.raises(QueryError, match="kinds in this graph"):
        graph.query("quality", kind="typo")
    with pytest.raises(QueryError, match="summary"):
        graph.query("quality", summary="maybe")
