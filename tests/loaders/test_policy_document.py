"""The Masterplan-type loader on the real Masterplan Industrie Hamburg (and truncated copies of it)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from industriegraph.loaders import policy_document
from industriegraph.text.source import SourceError, open_corpus

DOC = "masterplan-industrie-hamburg.txt"
PLAN = "Masterplan Industrie – Ein Bündnis für die Industrie der Zukunft"

# Counted by reading the document: Ziele I.–III. (field 5: I.–II.) and the numbered measures.
OBJECTIVES = {1: 3, 2: 3, 3: 3, 4: 3, 5: 2}
MEASURES = {1: 17, 2: 12, 3: 10, 4: 8, 5: 4}
TITLES = {
    1: "Flächen und Infrastruktur",
    2: "Innovation und Digitalisierung",
    3: "Klima, Energie und Umwelt",
    4: "Arbeit, Bildung und Qualifizierung",
    5: "Industrie und Gesellschaft",
}
PARTNERS = {
    "Senat der Freien und Hansestadt Hamburg": "StateGovernment",
    "Handelskammer Hamburg": "IHK",
    "Industrieverband Hamburg e. V.": "BusinessAssociation",
    "Deutscher Gewerkschaftsbund Nord": "Union",
}
SIGNATORIES = {
    "Melanie Leonhard": (
        "Senatorin und Präses der Behörde für Wirtschaft und Innovation",
        "Freie und Hansestadt Hamburg",
    ),
    "Norbert Aust": ("Präses", "Handelskammer Hamburg"),
    "Matthias Boxberger": ("Vorstandsvorsitzender", "Industrieverband Hamburg e. V."),
    "Laura Pooth": ("Vorsitzende", "Deutscher Gewerkschaftsbund Nord"),
    "Peter Tschentscher": ("Erster Bürgermeister und Präsident des Senats", "Freie und Hansestadt Hamburg"),
}


@pytest.fixture(scope="module")
def doc(corpus):
    return corpus[DOC]


@pytest.fixture(scope="module")
def result(doc):
    return policy_document.load(doc)


def entities(result, label):
    return {e.key: e for e in result.entities if e.label == label}


def links(result, type_):
    return [link for link in result.links if link.type == type_]


def test_detect_prefers_the_masterplan(corpus):
    assert policy_document.KIND == "policy-document"
    assert policy_document.detect(corpus[DOC]) >= 0.8
    for name in corpus:
        if name != DOC:
            assert policy_document.detect(corpus[name]) < 0.3, name


def test_plan_strategy(result):
    plans = [e for e in result.entities if e.label == "Strategy" and e.key == PLAN]
    assert len(plans) == 1
    plan = plans[0]
    assert plan.props["title"] == PLAN
    assert "year" not in plan.props  # the document does not state its own year
    assert "Hamburger Masterplan Industrie" in plan.aliases
    assert "Masterplan Industrie" in plan.aliases
    assert [f.kind for f in result.findings if f.subject == plan.ref] == ["undated-plan"]


def test_five_action_fields_with_exact_objective_and_measure_counts(result):
    fields = entities(result, "ActionField")
    assert {e.props["number"]: e.props["title"] for e in fields.values()} == TITLES
    by_key = {e.key: e for e in result.entities}
    objectives, measures = Counter(), Counter()
    for link in links(result, "HAS_OBJECTIVE"):
        objectives[fields[link.source.key].props["number"]] += 1
        assert by_key[link.target.key].label == "Objective"
    for link in links(result, "HAS_MEASURE"):
        measures[fields[link.source.key].props["number"]] += 1
    assert dict(objectives) == OBJECTIVES
    assert dict(measures) == MEASURES
    assert len(entities(result, "Objective")) == sum(OBJECTIVES.values()) == 14
    assert len(entities(result, "Measure")) == sum(MEASURES.values()) == 51
    assert {link.target.key for link in links(result, "HAS_ACTION_FIELD")} == set(fields)
    assert {link.source.key for link in links(result, "HAS_ACTION_FIELD")} == {PLAN}


def test_no_action_field_from_the_2017_edition(result):
    titles = {e.props["title"] for e in entities(result, "ActionField").values()}
    for old in (
        "Flächen für die Industrie",
        "Verkehr als Bedingung für Industrie",
        "Innovationsmetropole Hamburg",
        "Industrie und Umwelt",
        "Energie für die Industrie",
        "Fachkräfte für die Industrie",
        "Industrie 4.0",
        "3D-Druck",
    ):
        assert old not in titles


def test_measure_numbering_restarts_without_gaps_and_keys_are_unique(result, doc):
    numbers = defaultdict(list)
    for link in links(result, "HAS_MEASURE"):
        field = int(link.source.key.rsplit("#HF", 1)[1])
        measure = entities(result, "Measure")[link.target.key]
        numbers[field].append(measure.props["number"])
        assert measure.key == f"{doc.name}#HF{field}-M{measure.props['number']}"
    for field, nums in numbers.items():
        assert nums == list(range(1, MEASURES[field] + 1)), field
    keys = [(e.label, e.key) for e in result.entities if e.label in ("Measure", "Objective", "ActionField")]
    assert len(keys) == len(set(keys))


def test_objectives_are_numbered_and_joined(result, doc):
    objectives = entities(result, "Objective")
    assert objectives[f"{doc.name}#HF1-ZIII"].props == {
        "numeral": "III",
        "text": "die Infrastruktur (Verkehr, insbesondere im Hafen; Glasfasernetze und 5G-Anwendungen; Wasserstoff) "
        "auszubauen und die Mobilitätswende zu unterstützen.",
    }
    assert (
        objectives[f"{doc.name}#HF1-ZI"].props["text"] == "Industrieflächen und -gebiete zu erhalten und "
        "weiterzuentwickeln"
    )
    hf4 = objectives[f"{doc.name}#HF4-ZI"].props["text"]
    assert hf4.startswith("im Rahmen der vier Säulen der Hamburger Fachkräftestrategie zu unterstützen: geeignete")
    assert hf4.endswith(
        "Eine Erhöhung des Grades an Diversität der Beschäftigten kann hierbei helfen, den "
        "Fachkräftemangel auszugleichen"
    )
    assert [objectives[f"{doc.name}#HF5-Z{n}"].props["numeral"] for n in ("I", "II")] == ["I", "II"]


def test_measure_headings_and_text(result, doc):
    measures = entities(result, "Measure")
    heading = {k: m.props["heading"] for k, m in measures.items()}
    for n in range(1, 18):
        expected = (
            "Flächen"
            if n <= 8
            else "Wirtschaftsverkehr und Erreichbarkeit der Industriestandorte"
            if n <= 14
            else "Sonstige Infrastruktur"
        )
        assert heading[f"{doc.name}#HF1-M{n}"] == expected
    for n in range(1, 13):
        expected = (
            "Neue Technologien in der Produktion"
            if n <= 4
            else "Digitalisierung"
            if n <= 7
            else "Transfer zwischen Wirtschaft und Wissenschaft"
        )
        assert heading[f"{doc.name}#HF2-M{n}"] == expected
    for field in (3, 4, 5):
        for n in range(1, MEASURES[field] + 1):
            assert heading[f"{doc.name}#HF{field}-M{n}"] is None
    m7 = measures[f"{doc.name}#HF1-M7"].props["text"]
    # joined over a page break with a footnote block in between, soft hyphen removed
    assert "Derzeit wird die Starkregengefahrenkarte für Hamburg erarbeitet" in m7
    assert m7.endswith(
        "sind Förderungen von Pilot- und Forschungsprojekten im industriellen Bereich grundsätzlich denkbar."
    )
    m2 = measures[f"{doc.name}#HF1-M2"].props["text"]
    assert "a. Die Freie und Hansestadt Hamburg engagiert sich" in m2 and "d. Wasserwirtschaftliche" in m2
    assert measures[f"{doc.name}#HF5-M4"].props["text"].endswith("aktiv zu unterstützen.")
    for m in measures.values():  # footnote blocks and link lines are not measure text
        assert "https://" not in m.props["text"], m.key
        assert "Dialog und Monitoring" not in m.props["text"]


def test_partners(result):
    orgs = entities(result, "Organization")
    partner_links = links(result, "PARTNER_OF")
    assert len(partner_links) == 4
    assert {link.source.key for link in partner_links} == set(PARTNERS)
    assert {link.target.key for link in partner_links} == {PLAN}
    for name, kind in PARTNERS.items():
        assert orgs[name].props["kind"] == kind
    assert orgs["Freie und Hansestadt Hamburg"].props["kind"] == "StateGovernment"


def test_signatories(result, doc):
    people = entities(result, "Person")
    assert set(people) == set(SIGNATORIES)
    signed = {link.source.key: link for link in links(result, "SIGNED")}
    assert len(links(result, "SIGNED")) == 5
    for name, (role, org) in SIGNATORIES.items():
        assert signed[name].target.key == PLAN
        assert signed[name].props == {"role": role, "organisation": org}
    holds = {(link.source.key, link.target.key): link.props["role"] for link in links(result, "HOLDS_ROLE")}
    assert holds == {(name, org): role for name, (role, org) in SIGNATORIES.items()}
    assert people["Melanie Leonhard"].aliases == ["Dr. Melanie Leonhard"]
    assert people["Melanie Leonhard"].props["honorific"] == "Dr."
    assert people["Norbert Aust"].props["honorific"] == "Prof."
    assert "honorific" not in people["Laura Pooth"].props
    for name, person in people.items():  # the evidence line names the person as written
        line = int(person.evidence[0].rsplit(":", 1)[1])
        assert name in doc.clean(line)


def test_referenced_strategies_with_footnote_urls(result):
    strategies = {k: e for k, e in entities(result, "Strategy").items() if k != PLAN}
    assert set(strategies) == {
        "Koalitionsvertrag der Bundesregierung",
        "Bündnis für die Industrie der Zukunft",
        "Hamburger Klimaplan",
        "Norddeutsche Wasserstoffstrategie",
        "Wasserstoff-Importstrategie",
        "Regionale Innovationsstrategie",
        "Strategische Leitlinien der Wirtschaftscluster",
        "Hamburger Fachkräftestrategie",
    }
    url = {k: e.props.get("url") for k, e in strategies.items()}
    assert url["Hamburger Klimaplan"] == "https://www.hamburg.de/klimaplan"
    assert url["Norddeutsche Wasserstoffstrategie"] == "https://norddeutschewasserstoffstrategie.de/"
    # split over two lines in the footnote; the link line shows the hyphen is real
    assert (
        url["Wasserstoff-Importstrategie"] == "https://www.hamburg.de/bwi/medien/15949734/2022-03-04-bwi-wasserstoff/"
    )
    assert (
        url["Koalitionsvertrag der Bundesregierung"]
        == "https://www.bundesregierung.de/breg-de/aktuelles/koalitionsvertrag-2021-1990800"
    )
    assert url["Hamburger Fachkräftestrategie"] is None  # no footnote
    refs = {(link.source.key, link.target.key) for link in links(result, "REFERENCES")}
    assert {(PLAN, k) for k in strategies} <= refs
    assert ("masterplan-industrie-hamburg.txt#HF2-M8", "Regionale Innovationsstrategie") in refs
    assert len(refs) == len(strategies) + 1


def test_responsible_actors(result, doc):
    resp = defaultdict(set)
    for link in links(result, "RESPONSIBLE_FOR"):
        resp[link.target.key.split("#")[1]].add(link.source.key)
    assert resp["HF1-M6"] == set(PARTNERS)  # "Die Partner des Masterplans Industrie werden …"
    assert resp["HF5-M3"] == {"Behörde für Wirtschaft und Innovation"}  # "Daneben führt die Behörde …"
    assert resp["HF1-M16"] == {"Senat der Freien und Hansestadt Hamburg", "Freie und Hansestadt Hamburg"}
    assert "Hamburg Invest Entwicklungsgesellschaft mbH" in resp["HF1-M2"]
    assert resp["HF2-M12"] == {"Freie und Hansestadt Hamburg", "Hamburgische Investitions- und Förderbank"}
    assert "HF1-M10" not in resp or not resp["HF1-M10"] & set(PARTNERS)  # partners are only informed there
    orgs = entities(result, "Organization")
    assert orgs["Hamburgische Investitions- und Förderbank"].aliases == ["IFB Hamburg"]
    assert orgs["Hamburg Invest Entwicklungsgesellschaft mbH"].aliases == ["HIE"]
    for link in links(result, "RESPONSIBLE_FOR"):
        assert link.source.key in orgs
        lines = [int(ev.rsplit(":", 1)[1]) for ev in link.evidence]
        text = doc.repair.join([doc.line(n) for n in lines if n > 100])  # the measure line(s), not the preamble
        assert (
            "Partner" in text
            or link.source.key.split()[0][:6] in text
            or any(a in text for a in orgs[link.source.key].aliases)
        ), link


def test_every_evidence_line_exists_and_no_replacement_characters(result, doc):
    records = list(result.entities) + list(result.links) + list(result.findings)
    for rec in records:
        assert rec.evidence, rec
        for ev in rec.evidence:
            name, line = ev.rsplit(":", 1)
            assert name == doc.name
            assert 1 <= int(line) <= len(doc.lines) and doc.line(int(line)).strip(), ev
    assert "\ufffd" not in repr(records)


def _copy(tmp_path, doc, lines):
    path = tmp_path / doc.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return open_corpus([path])[0]


def test_wrapped_action_field_heading_without_announcement(tmp_path, doc):
    lines = list(doc.lines)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("Handlungsfeld 3:"))
    lines[at] = " Handlungsfeld 3: Klima, Energie "
    lines[at + 1] = "und Umwelt "
    announce = next(i for i, line in enumerate(lines) if "folgende fünf Handlungsfelder" in line)
    lines[announce] = lines[announce].replace("fünf ", "")
    for i in range(announce + 1, announce + 11):
        lines[i] = ""  # drop the announced list "1) … 5) …"
    result = policy_document.load(_copy(tmp_path, doc, lines))
    fields = {e.props["number"]: e for e in result.entities if e.label == "ActionField"}
    assert fields[3].props["title"] == "Klima, Energie und Umwelt"
    assert fields[3].evidence == [f"{doc.name}:{at + 1}", f"{doc.name}:{at + 2}"]
    assert sum(e.label == "Measure" for e in result.entities) == 51


def test_truncated_plan_raises_naming_file_and_line(tmp_path, doc):
    # cut right before Handlungsfeld 3: the plan announces five action fields, so loading two would
    # silently present a part of the plan as the whole
    cut = next(i for i, line in enumerate(doc.lines) if line.strip().startswith("Handlungsfeld 3:"))
    short = _copy(tmp_path, doc, doc.lines[:cut])
    assert policy_document.detect(short) >= 0.8
    with pytest.raises(SourceError) as err:
        policy_document.load(short)
    assert err.value.file == doc.name
    assert err.value.line == cut
    assert "announces 5 Handlungsfelder" in str(err.value) and "truncated" in str(err.value)


def test_measure_gap_raises_at_the_line_after_the_gap(tmp_path, doc):
    lines = list(doc.lines)
    five = next(i for i, line in enumerate(lines) if line.strip().startswith("5. Bei der Planung neuer Nachbar"))
    lines[five] = lines[five].replace("5. ", "", 1)  # the number of measure 5 lost
    six = next(i for i in range(five, len(lines)) if lines[i].strip().startswith("6. "))
    with pytest.raises(SourceError) as err:
        policy_document.load(_copy(tmp_path, doc, lines))
    assert (err.value.file, err.value.line) == (doc.name, six + 1)
    assert "measure 6 follows measure 4" in str(err.value)


def test_footnote_marks_are_not_glued_to_words(result):
    texts = [e.props["text"] for e in result.entities if e.label in ("Measure", "Objective")]
    assert not [t for t in texts if re.search(r"[a-zäöüß]{3}\d{1,3}\b", t)]
    assert any("Wirtschaftsförderung " in t or "Wirtschaftsförderung," in t for t in texts)
