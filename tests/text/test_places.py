"""The Land and city a text names most (``Lexicon.main_land`` / ``main_city``), on sentences written for the test."""

from __future__ import annotations

from industriegraph.text.recognise.lexicon import lexicon


def test_main_land_counts_land_spellings_and_cities():
    lex = lexicon()
    text = "Die Runde in Dresden sprach über Sachsen.\nEin Gast kam aus Bayern, die Förderung aus Sachsen."
    assert lex.main_land(text) == "Sachsen"  # Dresden and twice "Sachsen" against one "Bayern"
    assert lex.main_land("Die Münchner Gespräche in München und Bayerns Industrie.") == "Bayern"
    assert lex.main_land("Ein Text ohne Ortsangabe.") is None


def test_main_land_tie_goes_to_the_first_named():
    lex = lexicon()
    assert lex.main_land("Erst Hessen, dann Thüringen.") == "Hessen"
    assert lex.main_land("Erst Thüringen, dann Hessen.") == "Thüringen"


def test_main_city_only_counts_known_cities():
    lex = lexicon()
    assert lex.main_city("Treffen in Hamburg, danach in Dresden und wieder in Dresden.") == "Dresden"
    assert lex.main_city("Treffen in Sachsen und Bayern.") is None  # Länder are no cities


def test_laender_in_reads_names_english_names_short_forms_and_inflections():
    lex = lexicon()
    assert lex.laender_in("Die Hamburger Industrie und Bayerns Mittelstand") == ["Bayern", "Hamburg"]
    assert lex.laender_in("A new alliance in North Rhine-Westphalia") == ["Nordrhein-Westfalen"]
    assert lex.laender_in("Das NRW-Bündnis tagt.") == []  # a hyphenated compound names no Land
    assert lex.laender_in("Das Bündnis in NRW tagt.") == ["Nordrhein-Westfalen"]


def test_city_states_and_their_senate_adjective():
    lex = lexicon()
    assert lex.city_state_adjectives["Hamburg"] == "Hamburger"
    assert set(lex.city_state_adjectives) == {"Berlin", "Bremen", "Hamburg"}
    assert lex.city_state_in(["Der Senat tagt in Bremen.", "Weitere Termine folgen."]) == "Bremen"
    assert lex.city_state_in(["Bremen und Hamburg vereinbaren …"]) is None  # two city-states: unclear
    assert lex.city_state_in(["Der Senat tagt."]) is None
