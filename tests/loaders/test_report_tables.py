"""The report's participation table (Tabelle 2) as Statistic records: exact rows, base and evidence."""

from __future__ import annotations

import pytest

from industriegraph.loaders import network_report as nr
from industriegraph.model.records import LoadResult
from industriegraph.text.source import SourceDoc, SourceError

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
CAPTION = "Tabelle 2: Akteursbeteiligung in regionalen Industrieinitiativen"

# (label, count, percent) as printed, footnote markers ("Wissenschaft2") removed
EXPECTED = [
    ("Unternehmen", 62, 67),
    ("Kammern", 60, 65),
    ("Industrie- und Handelskammern", 59, 63),
    ("Wissenschaft", 56, 60),
    ("Politik und Verwaltung", 49, 53),
    ("Hochschulen/Universitäten", 49, 53),
    ("Verbände", 45, 48),
    ("Wirtschaftsförderung", 44, 47),
    ("Städte und Kommunen", 41, 44),
    ("Zivilgesellschaft", 40, 43),
    ("Gewerkschaften", 38, 41),
    ("Forschung", 35, 38),
    ("Arbeitgeberverband", 30, 32),
    ("IG Metall", 27, 29),
    ("Handwerkskammern", 22, 24),
    ("Agentur für Arbeit", 20, 22),
    ("DGB", 20, 22),
    ("Landesministerien", 14, 15),
    ("IG BCE", 10, 11),
    ("Berufsbildende Schulen", 7, 8),
]


@pytest.fixture(scope="module")
def stats(corpus):
    result = LoadResult()
    assert nr.parse_participation_tables(corpus[REPORT], result) == 20
    return [e for e in result.entities if e.label == "Statistic"]


def test_all_twenty_rows_in_printed_order(stats):
    assert [(s.props["label"], s.props["count"], s.props["percent"]) for s in stats] == EXPECTED
    assert {s.props["caption"] for s in stats} == {CAPTION}
    assert {s.props["base"] for s in stats} == {93}  # "Die 93 Initiativen wiesen die folgende Beteiligung …"
    assert stats[13].key == f"{REPORT}#Tabelle 2#IG Metall"


def test_evidence_is_the_row_the_caption_and_the_base_sentence(corpus, stats):
    doc = corpus[REPORT]
    for s in stats:
        lines = [int(e.rsplit(":", 1)[1]) for e in s.evidence]
        texts = [doc.clean(n) for n in lines]
        assert any(
            t.startswith(s.props["label"]) and t.endswith(f"{s.props['count']} {s.props['percent']}%") for t in texts
        ), (s.key, texts)
        assert CAPTION in texts
        assert any("Die 93 Initiativen" in t for t in texts)


def test_the_full_load_carries_the_statistics(corpus):
    labels = [e.props["label"] for e in nr.load(corpus[REPORT]).entities if e.label == "Statistic"]
    assert labels == [label for label, _, _ in EXPECTED]


def test_other_documents_have_no_participation_table(corpus):
    for name, doc in corpus.items():
        if name != REPORT:
            assert nr.parse_participation_tables(doc, LoadResult()) == 0, name


def _doc(tmp_path, text: str) -> SourceDoc:
    from industriegraph.text.source import open_corpus

    path = tmp_path / "bericht.txt"
    path.write_text(text, encoding="utf-8")
    return open_corpus([path])[0]


def test_caption_above_rows_and_no_stated_base(tmp_path):
    doc = _doc(
        tmp_path,
        "Einleitung ohne Zahl.\n\nTabelle 4: Beteiligung von Akteuren\n"
        "Akteur Anzahl Prozent\nIHK 5 50%\n\nGewerkschaft3 2 20 %\n\nWeiterer Text.\n",
    )
    result = LoadResult()
    assert nr.parse_participation_tables(doc, result) == 2
    assert [(e.key, e.props) for e in result.entities] == [
        (
            "bericht.txt#Tabelle 4#IHK",
            {"label": "IHK", "caption": "Tabelle 4: Beteiligung von Akteuren", "count": 5, "percent": 50, "base": None},
        ),
        (
            "bericht.txt#Tabelle 4#Gewerkschaft",
            {
                "label": "Gewerkschaft",
                "caption": "Tabelle 4: Beteiligung von Akteuren",
                "count": 2,
                "percent": 20,
                "base": None,
            },
        ),
    ]


def test_a_base_the_percentages_contradict_is_not_taken(tmp_path):
    doc = _doc(
        tmp_path,
        "Die 40 Initiativen wiesen folgende Beteiligung auf:\nAkteursgruppe Anzahl Prozent\n"
        "IHK 5 50%\nTabelle 3: Akteursbeteiligung\n",
    )
    result = LoadResult()
    nr.parse_participation_tables(doc, result)
    assert result.entities[0].props["base"] is None


def test_a_caption_without_rows_is_a_source_error(tmp_path):
    doc = _doc(tmp_path, "Text.\n\nTabelle 2: Akteursbeteiligung in Initiativen\n\nMehr Text ohne Zahlen.\n")
    with pytest.raises(SourceError, match="Tabelle 2"):
        nr.parse_participation_tables(doc, LoadResult())
