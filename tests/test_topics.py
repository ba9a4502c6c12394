"""The topic vocabulary and matcher, checked on real phrases of the vendored documents."""

from __future__ import annotations

import re

import pytest

from industriegraph.text import topics
from industriegraph.text.source import SourceDoc

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
MASTERPLAN = "masterplan-industrie-hamburg.txt"
BULLET = "\u25aa"


# -- vocabulary structure ------------------------------------------------------------------


def test_ids_are_unique_slugs_and_broader_links_resolve():
    ids = [c.id for c in topics.concepts()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids), ids
    for c in topics.concepts():
        assert c.keywords, c.id
        if c.broader is not None:
            assert topics.get(c.broader).broader is None, f"{c.id}: hierarchy deeper than two levels"


def test_report_categories_and_document_concepts_are_present():
    labels = {c.label: c.id for c in topics.concepts()}
    assert {
        "Stärkung des Wirtschaftsstandortes": "wirtschaftsstandort",
        "Fachkräftesicherung/Nachwuchsförderung": "fachkraefte",
        "Vernetzung": "vernetzung",
        "Transformation": "transformation",
        "Mobilität": "mobilitaet",
        "Innovation": "innovation",
        "Stärkung der Industrieakzeptanz": "industrieakzeptanz",
        "Industriepolitik vor Ort": "industriepolitik",
        "Gesellschaftlicher Dialog": "gesellschaftlicher-dialog",
        "Digitalisierung": "digitalisierung",
        "Wasserstoff": "wasserstoff",
        "Industrie 4.0": "industrie-4-0",
    }.items() <= labels.items()


def test_hierarchy_navigation():
    assert topics.broader_chain("wasserstoff") == ["energie"]
    assert topics.broader_chain("qualifizierung") == ["fachkraefte"]
    assert topics.broader_chain("industrie-4-0") == ["digitalisierung"]
    assert topics.broader_chain("energie") == []
    assert topics.narrower("energie") == ["wasserstoff"]
    assert topics.descendants("nachhaltigkeit") == ["nachhaltigkeit", "klimaschutz", "kreislaufwirtschaft"]
    assert "flaechen-infrastruktur" in topics.narrower("wirtschaftsstandort")
    assert "wasserstoff" not in topics.top_concepts() and "energie" in topics.top_concepts()
    with pytest.raises(KeyError, match="unknown topic concept 'hydrogen'"):
        topics.get("hydrogen")


def test_every_label_and_alt_label_matches_its_own_concept():
    """The vocabulary must recognise its own words, else the keywords drifted from the labels."""
    misses = [
        (c.id, lab) for c in topics.concepts() for lab in (c.label, *c.alt_labels) if c.id not in topics.match(lab)
    ]
    assert misses == []


# -- matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # profile bullets of the report, raw (with U+FFFD for lost ligatures) and repaired
        ("Fachkr\u00e4\ufffde sichern und gewinnen", ["fachkraefte"]),
        ("Transforma\ufffdon", ["transformation"]),
        ("Wirtscha\ufffd fördern", ["wirtschaftsstandort"]),
        ("A\ufffdrak\ufffdvität der Industrie: Kommunika\ufffdon und Posi\ufffdonierung", ["industrieakzeptanz"]),
        ("Vernetzung der Akteure", ["vernetzung"]),
        ("Stärkung der Industriewertschätzung", ["industrieakzeptanz"]),
        ("Nachwuchsförderung in den MINT-Bereichen durch Aktivitäten mit Kindergärten/Schulen", ["fachkraefte"]),
        ("Strategieentwicklung für den Markthochlauf der H2-Produktion", ["wasserstoff"]),
        ("H2-Mobilität", ["wasserstoff", "mobilitaet"]),
        ("Wasserstoffnutzung in der Chemischen Industrie", ["wasserstoff", "chemie"]),
        ("Digitalisierung (Industrie 4.0)", ["digitalisierung", "industrie-4-0"]),
        (
            "Infrastruktur, Mobilität und Energiewende",
            ["flaechen-infrastruktur", "mobilitaet", "energie", "transformation"],
        ),
        ("Antriebs-, Mobilitäts- und Energiewende", ["automobil", "mobilitaet", "energie", "transformation"]),
        ("Standort- und Netzwerkmarketing", ["standortmarketing", "wirtschaftsstandort", "vernetzung"]),
        ("Start-up und Geschäftsmodelle", ["gruendung", "innovation"]),
        ("Gründung", ["gruendung"]),
        ("Energie- und Ressourceneffizienz", ["energie", "kreislaufwirtschaft"]),
        ("Handlungsfeld 3: Klima, Energie und Umwelt", ["klimaschutz", "energie", "nachhaltigkeit"]),
        ("Verwaltungsprozesse und Behördenservice", ["verwaltung-genehmigung"]),
        (
            "Zügige Planungs- und Genehmigungsverfahren für Inves\ufffd\ufffdon und Infrastrukturausbau",
            ["verwaltung-genehmigung", "ansiedlung", "flaechen-infrastruktur"],
        ),
        # compounds and inflection
        ("Wasserstoffwirtschaft", ["wasserstoff"]),
        ("wasserstoffbasierte Prozesswärme", ["wasserstoff"]),
        ("Nachwuchskräfte", ["fachkraefte"]),
        ("Fachkraeftegewinnung", ["fachkraefte"]),
        ("Luft- und Raumfahrt", ["luftfahrt"]),
        ("Gro\u00df-Elektrolyse zur Erzeugung von grünem Wasserstoff im Hamburger Hafen", ["wasserstoff", "logistik"]),
    ],
)
def test_match_real_phrases(text, expected):
    assert topics.match(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Motivation und Prozess der Gründung",  # founding of the initiative, not start-ups
        "Gründung 2014",  # the profile's founding-year field
        "IG Metall",
        "Industriegewerkschaft Metall",
        "IG Bergbau, Chemie, Energie",
        "Betriebsklima",
        "Der Bürgermeister der Stadt",
        "Hamburgische Bürgerschaft",
        "Fraunhofer-Gesellschaft",
        "Akteure aus Wissenschaft, Wirtschaft, Politik, Verwaltung",
        "H2O",
        "Website https://www.h2-hh.de/de/",
        "Bundesland Nordrhein-Westfalen",
        "Eine Initiative mit Werkstattcharakter",
        "",
    ],
)
def test_no_false_positives(text):
    assert topics.match(text) == []


def test_energy_stem_does_not_fire_inside_synergie():
    assert topics.match("Synergien zwischen den ansässigen Unternehmen herstellen") == ["vernetzung"]


def test_explain_names_the_triggering_words():
    assert topics.explain("Fachkrä\ufffdegewinnung und Wasserstoffwirtschaft") == {
        "fachkraefte": "fachkraeft",
        "wasserstoff": "wasserstoff",
    }


# -- coverage on the documents --------------------------------------------------------------


def focus_bullets(doc: SourceDoc) -> list[tuple[int, int]]:
    """Line spans of the bullets between "Inhaltliche Schwerpunkte" and "Ziele" in every profile."""
    spans: list[tuple[int, int]] = []
    n, total = 1, len(doc.lines)
    while n <= total:
        if doc.clean(n).startswith("Inhaltliche Schwerpunkte"):
            m, current = n + 1, None
            while m <= total and not doc.clean(m).startswith("Ziele"):
                text = doc.clean(m)
                if text.startswith(BULLET):
                    if current:
                        spans.append(current)
                    current = (m, m)
                elif text and current:
                    current = (current[0], m)  # wrapped bullet
                m += 1
            if current:
                spans.append(current)
            n = m
        n += 1
    return spans


def test_profile_focus_bullets_are_covered(corpus, record_property):
    doc = corpus[REPORT]
    bullets = []
    for start, end in focus_bullets(doc):
        text = doc.joined(start, end).lstrip(BULLET).strip()
        if text != "Inhaltliche Schwerpunkte":  # one profile repeats its heading as a bullet
            bullets.append((start, end, text))
    assert len(bullets) == 489
    unmapped = [(start, text) for start, _, text in bullets if not topics.match(text)]
    coverage = 1 - len(unmapped) / len(bullets)
    record_property("topic_coverage", f"{len(bullets) - len(unmapped)}/{len(bullets)} = {coverage:.4f}")
    print(
        f"\nfocus bullets mapped: {len(bullets) - len(unmapped)}/{len(bullets)} = {coverage:.4f}; unmapped: {unmapped}"
    )
    assert coverage >= 0.9, unmapped
    assert [text for _, text in unmapped] == [
        "Eine Initiative mit Werkstattcharakter",
        "Entwicklungspotentiale",
        "Sonstige",
    ]


def test_raw_damaged_lines_match_like_repaired_ones(corpus):
    """The matcher's own ligature handling agrees with the corpus repairer on every focus bullet."""
    doc = corpus[REPORT]
    spans = focus_bullets(doc)
    damaged = [(s, e) for s, e in spans if any("\ufffd" in doc.line(i) for i in range(s, e + 1))]
    assert len(damaged) > 100
    diffs = []
    for start, end in damaged:
        raw = " ".join(doc.line(i) for i in range(start, end + 1)).strip().lstrip(BULLET)
        repaired = doc.joined(start, end).lstrip(BULLET)
        if topics.match(raw) != topics.match(repaired):
            diffs.append((start, raw, topics.match(raw), topics.match(repaired)))
    assert diffs == []


def test_masterplan_lines_on_hydrogen_map_to_wasserstoff(corpus):
    doc = corpus[MASTERPLAN]
    mentions = re.compile(r"wasserstoff|hydrogen|elektroly")
    lines = [n for n in range(1, len(doc.lines) + 1) if mentions.search(topics.normalize(doc.clean(n)))]
    assert len(lines) == 19  # prose and footnote lines; pure URL lines are not statements
    assert [n for n in lines if "wasserstoff" not in topics.match(doc.clean(n))] == []
    assert "wasserstoff" not in topics.match("https://norddeutschewasserstoffstrategie.de/")


def test_masterplan_hydrogen_network_measure(corpus):
    """Measure 15 of Handlungsfeld 1 (HH-WIN), joined over its wrapped lines, carries its topics."""
    doc = corpus[MASTERPLAN]
    start = next(n for n in range(1, len(doc.lines) + 1) if doc.clean(n).startswith("15. Insbesondere"))
    end = next(n for n in range(start, len(doc.lines) + 1) if doc.clean(n).startswith("16. ")) - 1
    assert topics.match(doc.joined(start, end)) == [
        "energie",
        "flaechen-infrastruktur",
        "wasserstoff",
        "klimaschutz",
    ]
