"""Name matching, acronym fits and dates (moved out of the loaders into text.recognise), on strings written for
the test."""

from __future__ import annotations

from industriegraph.text.recognise.dates import dates, iso_date
from industriegraph.text.recognise.names import acronym_abbreviates, acronym_fits, acronyms, name_score, norm_name
from industriegraph.text.recognise.passage import sentence_texts


def test_norm_name_and_short_names():
    assert norm_name("Muster-Netzwerk Süd e. V.") == "musternetzwerk sued"
    assert acronyms("Musterverband Nord (MVN)") == ["MVN"]
    assert acronyms("MVN – Musterverband Nord") == ["MVN"]
    assert name_score("Muster Netzwerk Süd e. V.", "muster-netzwerk-süd") == 100
    assert name_score("Musterverband Nord (MVN)", "MVN") >= 90
    assert name_score("Musterverband Nord", "Zukunft Beispielstadt") < 60


def test_acronyms_abbreviate_names():
    assert acronym_fits("MVN", "Musterverband Nord")
    assert not acronym_fits("XYZ", "Musterverband Nord")
    assert acronym_abbreviates("MVN", "Musterverband Nord e. V.")
    assert acronym_abbreviates("IVM", "Industrieverband Musterstadt")
    assert not acronym_abbreviates("ABC", "Musterverband Nord")


def test_dates_in_german_and_english():
    assert iso_date("am 3. März 2015") == "2015-03-03"
    assert iso_date("March 3, 2015") == "2015-03-03"
    assert iso_date("3 March 2015") == "2015-03-03"
    assert iso_date("im Mai 2019") == "2019-05"
    assert iso_date("irgendwann") is None
    assert dates("Vom 1. Juni 2020 bis Juli 2021.") == ["2020-06-01", "2021-07"]


def test_sentence_texts_keep_abbreviations():
    assert sentence_texts("Dr. Muster sprach. Die Gebr. Beispiel AG folgte. Ende.") == [
        "Dr. Muster sprach.",
        "Die Gebr. Beispiel AG folgte.",
        "Ende.",
    ]


def test_roman_numerals_branches_and_announced_roles():
    from industriegraph.text.recognise import grammar
    from industriegraph.text.recognise.lexicon import lexicon
    from industriegraph.text.recognise.names import is_branch_of
    from industriegraph.text.recognise.roles import announced_role, find_cues

    assert [grammar.roman_value(x) for x in ("I", "IV", "IX", "XII")] == [1, 4, 9, 12]
    body = lexicon().bodies["ig-metall"]
    assert is_branch_of("IG Metall Aalen/Heidenheim", body)
    assert not is_branch_of("IG Metall", body) and not is_branch_of("IG Metall Service GmbH", body)
    line = "Das Bündnis wird von folgenden Partnern getragen:"
    assert announced_role([(line, False, find_cues(line)), ("www.muster.example", False, [])]) == "carrier"
    assert announced_role([("Die Muster AG lädt ein.", True, [])]) is None
