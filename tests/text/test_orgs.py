"""Organisation mentions on sentences written for the test (not taken from any source or benchmark text)."""

from __future__ import annotations

import pytest

from industriegraph.text.recognise.orgs import OrgContext, find_orgs


def names(text: str, land: str | None = None) -> list[str]:
    return [o.name for o in find_orgs(text, OrgContext(land=land)) if not o.generic and not o.weak]


def test_inflected_names_come_out_in_the_nominative():
    got = names("Der Vorschlag der Industrie- und Handelskammer zu Köln fand die Zustimmung des Deutschen "
                "Gewerkschaftsbundes und des Bundesverbands der Deutschen Industrie.")  # fmt: skip
    assert got == [
        "Industrie- und Handelskammer zu Köln",
        "Deutscher Gewerkschaftsbund",
        "Bundesverband der Deutschen Industrie",
    ]


def test_names_with_commas_and_und_stay_whole():
    got = names(
        "Mit am Tisch saßen die IG Bergbau, Chemie, Energie, das Ministerium für Finanzen und Wirtschaft "
        "Baden-Württemberg und der Arbeitgeberverband der Eisen- und Metallindustrie für Musterstadt und "
        "Umgebung e. V.",
        "Baden-Württemberg",
    )
    assert got == [
        "IG Bergbau, Chemie, Energie",
        "Ministerium für Finanzen und Wirtschaft Baden-Württemberg",
        "Arbeitgeberverband der Eisen- und Metallindustrie für Musterstadt und Umgebung e. V.",
    ]


def test_name_with_acronym_and_acronym_with_name():
    found = find_orgs("Die Musterstädter Wirtschaftsförderungsgesellschaft mbH (MWG) und ZVEI – Landesstelle Nord "
                      "arbeiten zusammen; die MWG lädt ein.")  # fmt: skip
    assert [(o.name, o.acronym) for o in found if not o.generic][:2] == [
        ("Musterstädter Wirtschaftsförderungsgesellschaft mbH", "MWG"),
        ("ZVEI – Landesstelle Nord", "ZVEI"),
    ]


def test_acronyms_take_the_vocabularys_full_name():
    found = find_orgs("DGB, ver.di und BDI unterstützen den Aufruf.")
    assert [(o.name, o.kind) for o in found] == [
        ("Deutscher Gewerkschaftsbund", "Union"),
        ("Vereinte Dienstleistungsgewerkschaft", "Union"),
        ("Bundesverband der Deutschen Industrie", "BusinessAssociation"),
    ]


def test_ministry_patterns_keep_their_land():
    assert names("Das Ministerium für Wirtschaft, Innovation und Energie des Landes Brandenburg fördert.") == [
        "Ministerium für Wirtschaft, Innovation und Energie des Landes Brandenburg"
    ]
    assert names("Gefördert vom Bundesministerium für Wirtschaft und Klimaschutz für drei Jahre.") == [
        "Bundesministerium für Wirtschaft und Klimaschutz"
    ]


def test_branches_of_a_body_keep_their_qualifier():
    assert names("Dabei sind IG Metall Baden-Württemberg, VCI NRW und VDMA e. V. Nordrhein-Westfalen.") == [
        "IG Metall Baden-Württemberg",
        "VCI NRW",
        "VDMA e. V. Nordrhein-Westfalen",
    ]


def test_shared_head_noun():
    assert names("Beteiligt sind die Industriegewerkschaften Metall, BCE und BAU.") == [
        "Industriegewerkschaft Metall",
        "Industriegewerkschaft Bergbau, Chemie, Energie",
        "Industriegewerkschaft Bauen-Agrar-Umwelt",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Gewerkschaften und Kammern der Region arbeiten zusammen.",  # kind nouns, no names
        "Das Treffen fand in der Region Musterland statt.",  # a place after a locative
        "Der Bundesminister für Wirtschaft sprach.",  # an office, not the ministry
        "Die Gewerkschaftsseite blieb stumm.",  # a cue only inside a compound about something else
    ],
)
def test_no_organisation(text):
    assert names(text) == []


def test_kinds_of_found_names():
    text = "Die Goethe-Universität, das Stadtplanungsamt Musterstadt, die Härterei Muster GmbH sind dabei."
    kinds = {o.name: o.kind for o in find_orgs(text)}
    assert kinds["Goethe-Universität"] == "University"
    assert kinds["Stadtplanungsamt Musterstadt"] == "Municipality"
    assert kinds["Härterei Muster GmbH"] == "Company"
