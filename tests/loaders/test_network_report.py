"""The network-report loader on the real final report of the Servicestelle (Tabelle 1 + Steckbriefe)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict

import pytest

from industriegraph.loaders import network_report as nr
from industriegraph.model.records import Ref
from industriegraph.text.source import SourceError, open_corpus

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"


@pytest.fixture(scope="module")
def doc(corpus):
    return corpus[REPORT]


@pytest.fixture(scope="module")
def infos(doc):
    return nr.parse_initiatives(doc)


@pytest.fixture(scope="module")
def result(doc):
    return nr.load(doc)


@pytest.fixture(scope="module")
def by_key(infos):
    return {i.key: i for i in infos}


@pytest.fixture(scope="module")
def entities(result):
    return {e.key: e for e in result.entities if e.label == "Initiative"}


def _lines(doc, evidence):
    """The text of evidence lines ``file:line``; all must point into the report."""
    out = []
    for ev in evidence:
        name, _, n = ev.rpartition(":")
        assert name == REPORT
        out.append(doc.clean(int(n)))
    return out


def _links(result, type_, key):
    return [lk for lk in result.links if lk.type == type_ and lk.source == Ref("Initiative", key)]


# -- detection ---------------------------------------------------------------------------------


def test_detect_recognises_only_the_report(corpus):
    assert nr.detect(corpus[REPORT]) >= 0.9
    for name, other in corpus.items():
        if name != REPORT:
            assert nr.detect(other) < 0.5, name


# -- Tabelle 1 ---------------------------------------------------------------------------------


def test_table_has_93_initiatives_with_the_counts_the_report_states(infos):
    table = [i for i in infos if i.table_lines]
    assert len(table) == 93
    assert Counter(i.radius for i in table) == {"regional": 52, "landesweit": 24, "lokal": 17}
    first_state = Counter(i.states[0] for i in table)
    assert first_state["Nordrhein-Westfalen"] == 22
    assert first_state["Baden-Württemberg"] == 14
    assert first_state["Berlin"] == 9
    assert all(i.status == "active" for i in table)


def test_two_state_rows_keep_both_states_in_order(infos):
    two = {i.key: i.states for i in infos if len(i.states) == 2}
    assert two == {
        "Transformation Innovation Mobilität (TIM) – Transformationsnetzwerk für die Fahrzeug- und "
        "Zulieferindustrie in der Region Allgäu-Bodensee-Oberschwaben": ["Baden-Württemberg", "Bayern"],
        "H2 Süd e. V. – Die Wasserstoffinitiative Bayern & Baden-Württemberg": ["Bayern", "Baden-Württemberg"],
        "ReTraNetz Berlin-Brandenburg – Transformationsnetzwerk für die Fahrzeug- und Zulieferindustrie in der "
        "Region Berlin-Brandenburg": ["Berlin", "Brandenburg"],
        "Wasserstoffnetzwerk Lausitz „DurcH2atmen“": ["Brandenburg", "Sachsen"],
    }


def test_wrapped_table_names_are_joined(by_key, doc):
    info = by_key["Wasserstoffquell- und Wertschöpfungsregion Main-Elbe-LINK (h2-well)"]
    assert info.radius == "regional" and info.states == ["Thüringen"]
    first, last = info.table_lines
    assert doc.clean(first).startswith("Thüringen Wasserstoffquell-") and doc.clean(last) == "regional"
    assert "In|du|strie – Gemeinsam.Zukunft.Leben. Bonn/Rhein-Sieg" in by_key
    assert "Mecklenburg-Vorpommern" in by_key["Industrienetzwerk Neubrandenburg"].states


def test_located_in_links_follow_the_table_and_point_at_its_lines(result, entities, doc):
    assert len(entities) == 95
    for key, entity in entities.items():
        links = _links(result, "LOCATED_IN", key)
        assert links, key
        assert entity.props["status"] in {"active", "ended"}
        for link in links:
            text = " ".join(_lines(doc, link.evidence))
            assert link.target.label == "State"
            assert link.target.key.split("-")[0] in text, (key, link.target, text)
    tim = [k for k in entities if k.startswith("Transformation Innovation Mobilität (TIM)")][0]
    assert [lk.target.key for lk in _links(result, "LOCATED_IN", tim)] == ["Baden-Württemberg", "Bayern"]


def test_initiative_entities_carry_table_facts(entities, doc):
    e = entities["Allianz-Industrie 4.0 Baden-Württemberg"]
    assert e.props["name"] == "Allianz-Industrie 4.0 Baden-Württemberg"
    assert e.props["radius"] == "landesweit"
    assert e.props["status"] == "active"
    assert _lines(doc, e.evidence[:1]) == ["Baden-Württemberg Allianz-Industrie 4.0 Baden-Württemberg landesweit"]


# -- Steckbriefe -------------------------------------------------------------------------------


def test_every_profile_is_parsed_with_its_fields(doc):
    profiles = nr.parse_profiles(doc)
    assert len(profiles) == 93  # as the appendix intro announces; the table of contents is not parsed
    for p in profiles:
        assert p.state in nr.STATES, p.title
        assert p.founded_text and nr._founded_year(p.founded_text), p.title
        assert re.match(r"^https?://\S+$", p.website or ""), (p.title, p.website)
        assert p.goals and p.description, p.title
    # one profile describes its topics in prose only; prose is no topic
    assert [p.title for p in profiles if not p.topics] == ["Bündnis Pro Wirtschaft – weiter denken!"]


def test_profile_facts(entities, result, doc):
    e = entities["Allianz-Industrie 4.0 Baden-Württemberg"]
    assert e.props["founded"] == 2015 and e.props["foundedText"] == "2015"
    assert e.props["website"] == "https://www.i40-bw.de/"
    assert e.props["goals"] == [
        "Unterstützung von KMU bei der Umsetzung von Industrie 4.0-Technologien",
        "Vernetzung von Akteuren und Technologiefeldern",
        "Förderung von Innovationsprozessen",
        "Unterstützung bei der Ausbildung und Qualifizierung von Auszubildenden und Beschäftigten",
        "Stärkung der Unternehmen beim Thema Cybersicherheit",
    ]
    assert e.props["description"].startswith("Durch das gewachsene Netzwerk – die Anbindung an den VDMA")
    assert e.props["description"].endswith("und gezielte Handlungen ableiten.")
    topics = _links(result, "HAS_TOPIC", "Allianz-Industrie 4.0 Baden-Württemberg")
    assert [lk.target for lk in topics] == [
        Ref("Topic", "Digitalisierung"),
        Ref("Topic", "Industrie 4.0"),
        Ref("Topic", "Vernetzung der Akteure"),
    ]
    for lk in topics:
        assert lk.props["raw"] == lk.target.key
        assert _lines(doc, lk.evidence)[0] == "▪ " + lk.target.key


def test_wrapped_bullets_founded_text_and_websites(entities):
    aachen = entities["Aachener Industrie-Dialog"]
    assert (
        "Bekanntheit der regionalen Betriebe stärken und diese öffentlich präsenter miteinander vernetzen"
        in aachen.props["goals"]
    )
    # the Website line is cut; the repeated full URL below it wins
    assert aachen.props["website"] == (
        "https://www.aachen.de/DE/wirtschaft_technologie/projekte/industrie_dialog/industrie_dialog/index.html"
    )
    chem = entities["Chemie und Pharma am Hochrhein e. V."]
    assert chem.props["founded"] == 2013
    assert chem.props["foundedText"] == "2013 (seit 2019 eingetragener Verein)"
    assert entities["Masterplan Industrie Hamburg"].props["founded"] == 2007
    assert entities["Industrievereinigung Odenwaldkreis e. V."].props["website"] == "https://ivo-odw.de/"
    assert entities["Transformationsnetzwerk FuldaMobil"].props["website"] == "https://www.fd-mobil.de/"
    assert entities["Transformationswerkstatt Saar"].props["website"] == (
        "https://www.igmetall-bezirk-mitte.de/transformation/transformationswerkstatt-saar"
    )
    assert entities["Masterplan Industrie für die Stadt Frankfurt am Main"].props["website"] == (
        "https://ffmöglichmacher.de/"
    )
    assert entities["IH2K Nordwest"].props["website"] == (
        "https://www.ihk.de/emden/innovation/energie/energieveranstaltungen/ih2k-netzwerk-nordwest-5497342"
    )


def test_goals_inside_a_sentence_mentioning_bundesland_do_not_end_the_profile(entities):
    igh = entities["Initiative Gesundheitsindustrie Hessen"]
    assert igh.props["goals"][1] == (
        "Die Attraktivität von Investitionen in Forschung und Entwicklung sowie in "
        "die Produktion im Bundesland Hessen und darüber hinaus in Deutschland sichern"
    )
    assert igh.props["description"].startswith("Die Hessische Landesregierung, die IG BCE")


# -- reconciliation ----------------------------------------------------------------------------


def test_profiles_are_reconciled_one_to_one(infos):
    matched = [i for i in infos if i.table_lines and i.profile_lines]
    assert len(matched) == 91
    assert len({i.profile_lines for i in infos if i.profile_lines}) == 93
    differing = [i for i in matched if i.profile.title != i.key]
    assert len(differing) == 41
    pairs = {i.key: i.profile.title for i in matched}
    assert pairs["ATLAS – Automotive Transformationsplattform Südwestfalen"] == (
        "Automotive Transformationsplattform Südwestfalen (ATLAS)"
    )
    assert pairs["Industriebeirat Wiesbaden"] == "Wiesbadener Industriebeirat"
    assert pairs["Initiative Erfurter Kreuz e. V."] == "Erfurter Kreuz e. V."
    assert pairs["Offensive „Zukunft Ostwürttemberg“"] == "Zukunftsoffensive Ostwürttemberg"
    assert pairs["Zukunft durch Industrie e. V."] == "Zukunft durch Industrie e. V."
    assert pairs["Zukunft durch Industrie – Initiative Krefeld"] == "Zukunft durch Industrie – Initiative Krefeld"
    assert pairs["Transformationsnetzwerk transform_EMN"] == "transform_EMN"
    assert (
        pairs[
            "TrendAuto2030plus – Transformationsnetzwerk für die Fahrzeug- und Zulieferindustrie in der Region "
            "Aachen-Bonn-Köln-Gummersbach"
        ]
        == "TrendAuto2030 plus"
    )


def test_mistitled_profile_is_matched_by_content(by_key, result, doc):
    aachen = by_key["Aachener Industrie-Dialog"]
    assert aachen.matched_by == "content"
    assert aachen.profile.title == "transform_EMN -Dialog"
    assert "transform_EMN -Dialog" not in aachen.names  # a wrong title is no alias
    found = [f for f in result.findings if f.kind == "profile-matched-by-content"]
    assert len(found) == 1 and found[0].subject == Ref("Initiative", "Aachener Industrie-Dialog")
    texts = _lines(doc, found[0].evidence)
    assert "transform_EMN -Dialog" in texts
    assert any(t.startswith("▪ Der Aachener Industrie-Dialog ist") for t in texts)
    assert "Nordrhein-Westfalen Aachener Industrie-Dialog lokal" in texts


def test_ended_initiatives_are_kept(result, entities, doc):
    ended = {k for k, e in entities.items() if e.props["status"] == "ended"}
    assert ended == {"Partnernetzwerk 4.0 Sachsen-Anhalt", "Zukunft.Unternehmen.In Lippe"}
    lippe = entities["Zukunft.Unternehmen.In Lippe"]
    assert "radius" not in lippe.props and lippe.props["founded"] == 2014
    assert lippe.props["foundedText"] == "2014 –> aufgelöst 2023"
    assert [lk.target for lk in _links(result, "LOCATED_IN", "Zukunft.Unternehmen.In Lippe")] == [
        Ref("State", "Nordrhein-Westfalen")
    ]
    assert len(_links(result, "HAS_TOPIC", "Partnernetzwerk 4.0 Sachsen-Anhalt")) == 2
    findings = [f for f in result.findings if f.kind == "ended-initiative"]
    assert {f.subject.key for f in findings} == ended
    for f in findings:
        assert any("endeten" in t for t in _lines(doc, f.evidence))


def test_missing_profiles_and_state_conflicts(result, entities, doc):
    missing = {f.subject.key for f in result.findings if f.kind == "missing-profile"}
    assert missing == {
        "TRAIBER.NRW – Transformation der Automotive Industrie in der Bergischen Region",
        "Zukunftsinitiative Rheinland-Pfalz e. V.",
    }
    conflicts = {f.subject.key: f for f in result.findings if f.kind == "state-conflict"}
    assert set(conflicts) == {"HYPOS – Hydrogen Power Storage & Solutions e.V.", "TRIDELTA CAMPUS Hermsdorf e. V."}
    assert [re.sub(r"\s+", " ", t) for t in _lines(doc, conflicts["TRIDELTA CAMPUS Hermsdorf e. V."].evidence)] == [
        "Thüringen TRIDELTA CAMPUS Hermsdorf e. V. lokal",
        "Bundesland Nordrhein-Westfalen",
    ]
    # the table's state is kept
    assert [lk.target.key for lk in _links(result, "LOCATED_IN", "TRIDELTA CAMPUS Hermsdorf e. V.")] == ["Thüringen"]
    kinds = Counter(f.kind for f in result.findings)
    assert {
        k: kinds[k]
        for k in ("profile-matched-by-content", "ended-initiative", "missing-profile", "state-conflict", "table-noise")
    } == {
        "profile-matched-by-content": 1,
        "ended-initiative": 2,
        "missing-profile": 2,
        "state-conflict": 2,
        "table-noise": 0,
    }


def test_aliases(entities):
    atlas = entities["ATLAS – Automotive Transformationsplattform Südwestfalen"]
    assert atlas.aliases == ["Automotive Transformationsplattform Südwestfalen (ATLAS)", "ATLAS"]
    assert entities["Steuerungskreis Transformation der Berliner Industrie"].aliases == [
        "Steuerungskreis Transformation der Berliner Industrie (SKIP)",
        "SKIP",
    ]
    assert entities["Masterplan Industrie Hamburg"].aliases == []
    assert entities["Aachener Industrie-Dialog"].aliases == []
    # a brand shared by several initiatives is no alias of any of them
    assert all("In|du|strie" not in e.aliases for e in entities.values())


def test_name_score_handles_variants():
    assert nr.name_score("H2 Netzwerk Ruhr e. V.", "h2-netzwerk-ruhr e. V.") == 100
    assert (
        nr.name_score(
            "ATLAS – Automotive Transformationsplattform Südwestfalen",
            "Automotive Transformationsplattform Südwestfalen (ATLAS)",
        )
        == 100
    )
    assert nr.name_score("Zukunft durch Industrie e. V.", "Zukunft durch Industrie e. V.") > nr.name_score(
        "Zukunft durch Industrie – Initiative Krefeld", "Zukunft durch Industrie e. V."
    )
    unrelated = nr.name_score("Zukunftsinitiative Rheinland-Pfalz e. V.", "Zukunft.Unternehmen.In Lippe")
    assert unrelated < nr.MATCH_THRESHOLD


def test_all_evidence_points_at_text_lines(result, doc):
    mine = {"profile-matched-by-content", "ended-initiative", "missing-profile", "state-conflict"}
    records = (
        [e for e in result.entities if e.label == "Initiative"]
        + [lk for lk in result.links if lk.type in {"LOCATED_IN", "HAS_TOPIC"}]
        + [f for f in result.findings if f.kind in mine]
    )
    assert len(records) > 95
    for record in records:
        assert record.evidence, record
        assert all(_lines(doc, record.evidence)), record


def test_no_replacement_characters_are_stored(result):
    blob = repr(
        [asdict(e) for e in result.entities]
        + [asdict(lk) for lk in result.links]
        + [asdict(f) for f in result.findings]
    )
    assert "\ufffd" not in blob


# -- damaged documents -------------------------------------------------------------------------


def _cut(doc, tmp_path, lines):
    path = tmp_path / REPORT
    path.write_text("\n".join(lines), encoding="utf-8")
    return open_corpus([path])[0]


def test_document_cut_inside_a_profile_raises(doc, tmp_path):
    first = next(n for n in range(1, len(doc.lines)) if doc.clean(n) == "industry@work Dortmund")
    cut = _cut(doc, tmp_path, doc.lines[: first + 10])
    with pytest.raises(SourceError) as err:
        nr.load(cut)
    assert err.value.file == REPORT and err.value.line == first + 10
    assert "cut off" in str(err.value) and "industry@work Dortmund" in str(err.value)


def test_document_cut_between_profiles_raises(doc, tmp_path):
    last_title = next(n for n in range(1, len(doc.lines)) if doc.line(n).strip() == "Zukunft.Unternehmen.In Lippe")
    cut = _cut(doc, tmp_path, doc.lines[: last_title - 1])
    with pytest.raises(SourceError) as err:
        nr.load(cut)
    assert err.value.file == REPORT and err.value.line is not None
    assert "announces 93 profiles but 91" in str(err.value)


def test_document_without_table_raises(doc, tmp_path):
    lines = [line for line in doc.lines if "Name der Initiative" not in line]
    with pytest.raises(SourceError) as err:
        nr.load(_cut(doc, tmp_path, lines))
    assert err.value.file == REPORT and err.value.line == len(lines)
    assert "no initiatives table" in str(err.value)


def test_document_cut_inside_the_table_raises(doc, tmp_path):
    row = next(n for n in range(1, len(doc.lines)) if doc.clean(n).startswith("Saarland Zukunftsbündnis Saar"))
    with pytest.raises(SourceError) as err:
        nr.load(_cut(doc, tmp_path, doc.lines[:row]))
    assert err.value.file == REPORT and err.value.line == row
    assert "table is cut off" in str(err.value)
