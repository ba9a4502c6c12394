"""The vocabulary files load, are complete where we can count, and say where every fact comes from."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from industriegraph.model.vocab import FILES, VOCAB_DIR, VocabError, load, vocabulary

KIND_CODES = {
    "IHK", "Handwerkskammer", "ChamberOfLabour", "Union", "EmployerAssociation", "BusinessAssociation", "Company",
    "University", "ResearchInstitute", "Municipality", "StateGovernment", "FederalGovernment", "EmploymentAgency",
    "EconomicDevelopment", "Cluster", "School", "CivilSociety", "Other",
}  # fmt: skip
ISO = {
    "Baden-Württemberg": "DE-BW", "Bayern": "DE-BY", "Berlin": "DE-BE", "Brandenburg": "DE-BB", "Bremen": "DE-HB",
    "Hamburg": "DE-HH", "Hessen": "DE-HE", "Mecklenburg-Vorpommern": "DE-MV", "Niedersachsen": "DE-NI",
    "Nordrhein-Westfalen": "DE-NW", "Rheinland-Pfalz": "DE-RP", "Saarland": "DE-SL", "Sachsen": "DE-SN",
    "Sachsen-Anhalt": "DE-ST", "Schleswig-Holstein": "DE-SH", "Thüringen": "DE-TH",
}  # fmt: skip
TODAY = dt.date(2026, 11, 1)  # fixed, so that counts of current bodies do not drift with the calendar


@pytest.fixture(scope="module")
def v():
    return vocabulary()


def test_every_file_loads_and_every_entry_has_a_source(v):
    for name in FILES:
        entries = yaml.safe_load((VOCAB_DIR / name).read_text(encoding="utf-8"))
        assert entries, name
        for entry in entries:
            assert isinstance(entry.get("source"), str) and entry["source"].strip(), (name, entry)
            assert isinstance(entry.get("verified"), bool), (name, entry)
    assert len(v.bodies) > 200


def test_kinds_are_exactly_the_stored_codes(v):
    assert v.kind_codes == KIND_CODES
    assert {k.code for k in v.kinds if not k.formal} == {"Cluster", "Other"}
    # Other applies when nothing matches; its own cues only keep names out of another kind's broad suffix
    # (a "Bildungswerk" is not a company although "…werk" is a Company cue), so they rank before those.
    company = min(c.rank for c in v.kind("Company").cues)
    assert all(c.text and c.rank <= company for c in v.kind("Other").cues)


def test_every_kind_code_used_is_declared(v):
    used = {b.kind for b in v.bodies} | {p.kind for p in v.ministry_patterns}
    used |= {f.suggests for f in v.legal_forms if f.suggests}
    assert used <= v.kind_codes


def test_cues_reference_known_legal_forms_and_hold_no_body_names(v):
    legal = {f.id for f in v.legal_forms}
    body_names = {n.casefold() for b in v.bodies for n in (b.name, *b.acronyms)}
    for kind in v.kinds:
        for cue in kind.cues:
            if cue.legal_form:
                assert cue.legal_form in legal
            else:
                assert cue.text.casefold() not in body_names, (kind.code, cue.text)


def test_priority_order_of_the_old_rules(v):
    order = [k.code for k in sorted(v.kinds, key=lambda k: k.rank) if k.code not in ("Company", "CivilSociety")]
    assert order[:8] == ["EmploymentAgency", "Handwerkskammer", "ChamberOfLabour", "IHK", "Union",
                         "EmployerAssociation", "FederalGovernment", "StateGovernment"]  # fmt: skip
    park = next(c for c in v.kind("Company").cues if c.text == "Chemiepark")
    assert park.rank == 9 < v.kind("ResearchInstitute").rank


def test_ids_unique(v):
    for items in (v.bodies, v.legal_forms, v.laender, v.ministry_patterns):
        ids = [x.id for x in items]
        assert len(ids) == len(set(ids))


def test_acronyms_unique_per_kind_and_land(v):
    seen = Counter()
    for b in v.bodies:
        for acr in {a.casefold() for a in b.acronyms}:
            if not b.acronym_shared:
                seen[(b.kind, b.laender, acr)] += 1
    assert [k for k, n in seen.items() if n > 1] == []


def test_sixteen_laender_with_iso_codes(v):
    assert {land.name: land.iso for land in v.laender} == ISO
    assert {land.name for land in v.laender if land.city_state} == {"Berlin", "Bremen", "Hamburg"}
    for spelling, name in [("NRW", "Nordrhein-Westfalen"), ("Bavaria", "Bayern"), ("Lower Saxony", "Niedersachsen"),
                           ("niedersächsische", "Niedersachsen"), ("Baden-Württembergischer", "Baden-Württemberg"),
                           ("Saarlandes", "Saarland"), ("Nordrhein-Westfalens", "Nordrhein-Westfalen"),
                           ("Freistaat Bayern", "Bayern"), ("Freie und Hansestadt Hamburg", "Hamburg"),
                           ("Baden- Württemberg", "Baden-Württemberg"), ("DE-TH", "Thüringen")]:  # fmt: skip
        assert v.land(spelling).name == name, spelling
    assert v.land("Atlantis") is None


def test_bodies_reference_known_laender_and_bodies(v):
    ids = {b.id for b in v.bodies}
    for b in v.bodies:
        assert set(b.laender) <= set(ISO)
        assert b.part_of is None or b.part_of in ids
        assert set(b.member_of) <= ids


def test_79_ihks_as_the_dihk_publishes(v):
    # "Die DIHK ist die Dachorganisation der 79 Industrie- und Handelskammern" (dihk.de/de/ueber-uns/fakten)
    ihks = v.members("dihk")
    assert len(ihks) == 79
    assert all(b.kind == "IHK" and b.land for b in ihks)
    per_land = Counter(b.land for b in ihks)
    assert per_land["Nordrhein-Westfalen"] == 16 and per_land["Baden-Württemberg"] == 12
    assert per_land["Bayern"] == 9 and per_land["Hessen"] == 10  # BIHK: "neun bayerischen IHKs"; HIHK: "zehn"
    names = {b.name for b in ihks}
    for name in ("Industrie- und Handelskammer zu Köln", "Handelskammer Hamburg",
                 "Industrie- und Handelskammer Mittlerer Niederrhein",
                 "Industrie- und Handelskammer für München und Oberbayern"):  # fmt: skip
        assert name in names


def test_53_handwerkskammern_in_the_zdh(v):
    hwks = [b for b in v.members("zdh") if b.kind == "Handwerkskammer" and b.land]
    assert len(hwks) == 53
    per_land = Counter(
        b.land for b in hwks
    )  # kommunalwiki.boell.de: BW 8, NRW 7, NI 6, BY 6 (one per Regierungsbezirk)
    assert (per_land["Baden-Württemberg"], per_land["Nordrhein-Westfalen"], per_land["Niedersachsen"]) == (8, 7, 6)


def test_dgb_member_unions_and_bezirke(v):
    assert {b.id for b in v.members("dgb")} == {"ig-metall", "verdi", "ig-bce", "ig-bau", "gew", "evg", "ngg", "gdp"}
    assert len(v.branches("dgb")) == 9
    assert len(v.branches("ig-metall")) == 7
    bce = v.branches("ig-bce")
    assert len(bce) == 9 and len([b for b in bce if b.is_current(TODAY)]) == 7
    assert len(v.branches("ba")) == 10


def test_regional_branches_are_their_own_bodies(v):
    nord = v.body("dgb-nord")
    assert nord.part_of == "dgb" and nord.kind == "Union" and "DGB Nord" in nord.aliases
    assert set(nord.laender) == {"Hamburg", "Schleswig-Holstein", "Mecklenburg-Vorpommern"}
    assert v.body("ig-metall-mitte").part_of == "ig-metall"


def test_ministry_names_over_time(v):
    bmwe = v.body("bmwe")
    current = [n for n in bmwe.names if n.valid.contains(TODAY)]
    assert [(n.name, n.acronym) for n in current] == [("Bundesministerium für Wirtschaft und Energie", "BMWE")]
    at_2023 = [n.acronym for n in bmwe.names if n.valid.contains(dt.date(2023, 6, 1))]
    assert at_2023 == ["BMWK"]
    assert v.body("bdi").kind == "BusinessAssociation" and bmwe.kind == "FederalGovernment"


def test_code_named_bodies_are_in_the_vocabulary(v):
    known = {n.casefold() for b in v.bodies for n in (*b.all_names(), *b.acronyms)}
    for name in ("IVH", "Industrieverband Hamburg", "Hamburg Invest", "Nordmetall", "Südwestmetall", "Metall NRW",
                 "Chemie Nord", "CHEMPARK", "DIHK", "SIHK", "BDA", "VCI", "VDMA", "VDA", "BDI", "ZVEI", "VDI",
                 "Berlin Partner für Wirtschaft und Technologie", "Wirtschaftsvereinigung Stahl", "RWTH", "KIT",
                 "TUHH", "BWI", "DGB Nord", "Senat der Freien und Hansestadt Hamburg", "Kreativ Gesellschaft",
                 "Europäische Kommission", "IG Bergbau, Chemie, Energie", "Gewerkschaft Nahrung-Genuss-Gaststätten",
                 "Bundeswirtschaftsministerium", "Industrial Association of Hamburg",
                 "Hamburg Chamber of Commerce"):  # fmt: skip
        assert name.casefold() in known, name


def test_months_events_roles_functions(v):
    assert [m.number for m in v.months] == list(range(1, 13))
    assert "Jänner" in v.months[0].de_variants
    assert {r.role for r in v.roles} == {"member", "partner", "carrier", "founder", "initiator", "coordinator",
                                         "signatory", "steering", "advisory", "funder"}  # fmt: skip
    for text in ("Bündnispartner", "Träger", "Kerngruppe", "Lenkungskreis", "founded by", "gefördert von"):
        assert any(r.text == text for r in v.roles), text
    kinds = {k.kind for k in v.events}
    assert {"conference", "workshop", "meeting", "summit", "peer-meeting", "dialogue", "award"} <= kinds
    functions = {p.text for p in v.person_functions if p.type == "function"}
    assert {"Regierender Bürgermeister", "Federal Minister", "Hauptgeschäftsführer", "CEO"} <= functions


# -- validation errors name the file and the entry ------------------------------------------------------


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(VOCAB_DIR / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_copy_of_the_files_loads(draft):
    assert len(load(draft).bodies) == len(vocabulary().bodies)


def test_the_checked_vocabulary_is_kept_in_the_user_cache(tmp_path, monkeypatch):
    """Read and checked once, then unpickled from the user's cache: the same vocabulary either way; an entry that
    cannot be read is computed and written again."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = load(VOCAB_DIR)
    assert vocabulary.__wrapped__() == fresh  # computed, and written
    (entry,) = (tmp_path / "industriegraph" / "vocabulary").iterdir()
    assert vocabulary.__wrapped__() == fresh  # read back
    entry.write_bytes(b"not a pickle")
    assert vocabulary.__wrapped__() == fresh
    assert len(entry.read_bytes()) > 1000


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (
            "bodies.yaml",
            lambda d: d[1].update(kind="Chamber"),
            r"bodies\.yaml: entry 2 \(ihk-bodensee-oberschwaben\): 'kind'",
        ),
        ("bodies.yaml", lambda d: d[1].pop("source"), r"bodies\.yaml: entry 2 .*missing source"),
        ("bodies.yaml", lambda d: d[2].update(id=d[1]["id"]), r"bodies\.yaml: ihk-bodensee-oberschwaben: duplicate id"),
        ("bodies.yaml", lambda d: d[1].update(land="Bavaria"), r"unknown Land 'Bavaria'"),
        ("bodies.yaml", lambda d: d[1].update(member_of=["nobody"]), r"unknown body 'nobody'"),
        (
            "bodies.yaml",
            lambda d: d[1].update(acronyms=["BWIHK"], land="Baden-Württemberg"),
            r"acronym 'BWIHK' already names",
        ),
        ("bodies.yaml", lambda d: d[1].update(valid="2025-13"), r"not an ISO interval"),
        (
            "kinds.yaml",
            lambda d: d[0]["cues"].append({"legal_form": "xyz", "lang": "any"}),
            r"kinds\.yaml: entry 1 \(EmploymentAgency\).*unknown legal form",
        ),
        ("kinds.yaml", lambda d: d.append(dict(d[0])), r"duplicate kind code 'EmploymentAgency'"),
        ("legal_forms.yaml", lambda d: d[0].update(suggests="Firm"), r"suggests unknown kind 'Firm'"),
        ("roles.yaml", lambda d: d[0].update(role="sponsor"), r"roles\.yaml: entry 1 \(Mitglieder\): 'role'"),
        ("months.yaml", lambda d: d[0].update(colour="blue"), r"months\.yaml: entry 1 .*unknown key"),
        ("laender.yaml", lambda d: d[0].update(iso="DE-XX"), r"laender\.yaml: entry 1 \(bw\)"),
        ("cues.yaml", lambda d: d[0].update(patterns=["a"]), r"cues\.yaml: entry 1 \(web-navigation-lines\).*either"),
        ("cues.yaml", lambda d: d[0].pop("words"), r"cues\.yaml: entry 1 .*either 'words' or 'patterns'"),
        ("cues.yaml", lambda d: d[2].update(patterns=["(unclosed"]), r"cues\.yaml: entry 3 .*no regular expression"),
        ("cues.yaml", lambda d: d[-1].update(role="sponsor"), r"cues\.yaml: entry \d+ .*'role'"),
        ("cues.yaml", lambda d: d.append(dict(d[0])), r"duplicate cue id 'web-navigation-lines'"),
    ],
)
def test_invalid_entries_are_refused_with_file_and_entry(draft, file, change, message):
    _edit(draft / file, change)
    with pytest.raises(VocabError, match=message):
        load(draft)


def test_the_lexicon_kept_in_the_user_cache_refers_to_the_vocabulary_itself(tmp_path, monkeypatch):
    """The lexicon is unpickled from the user's cache too; it holds the very bodies and Länder of ``vocabulary()``
    (not copies) and answers as a freshly built one does."""
    from industriegraph.text.recognise.lexicon import Lexicon, lexicon

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    vocab = vocabulary()
    built = lexicon.__wrapped__()  # computed, and written
    (entry,) = (tmp_path / "industriegraph" / "lexicon").iterdir()
    read = lexicon.__wrapped__()  # read back
    assert read is not built and read.vocab is vocab
    assert all(f.body is vocab.body(f.body.id) for forms in read.forms.values() for f in forms)
    fresh = Lexicon(vocab)
    assert read.forms == fresh.forms and read.acronyms == fresh.acronyms and read.cities == fresh.cities
    text = "Die Handelskammer Hamburg, die IG Metall und der DGB Bezirk Nord trafen sich in Kiel."
    assert read.scan(text) == fresh.scan(text) and read.scan_acronyms(text) == fresh.scan_acronyms(text)
    assert read.scan(text) and read.scan_acronyms(text)
    assert entry.stat().st_size > 100_000
