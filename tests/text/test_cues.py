"""Cue words of kinds of document (``cues.yaml`` through ``text/recognise/cues.py``), on sentences written for
the test."""

from __future__ import annotations

import pytest

from industriegraph.text.recognise import cues


def test_regex_joins_a_groups_alternatives_with_its_case_rule():
    signing = cues.regex("web-signing-cue")
    assert signing.search("Die Partner unterzeichneten am Montag die Erklärung.")
    assert signing.search("The agreement was SIGNED in May.")  # the group ignores case
    assert not signing.search("Die Partner trafen sich am Montag.")
    sister = cues.regex("report-sister-cue")
    assert sister.search("Die gleichnamige Initiative im Nachbarkreis")
    assert not sister.search("Die GLEICHNAMIGE Initiative")  # this group keeps case


def test_pattern_is_usable_inside_a_larger_expression():
    import re

    rx = re.compile(rf"\b(?:{cues.pattern('web-agreement-word')}) für die Zukunft")
    assert rx.search("Das Bündnis für die Zukunft tagt.")
    assert not rx.search("Der Verein für die Zukunft tagt.")


def test_words_are_a_set_of_literal_lines():
    nav = cues.words("web-navigation")
    assert "nach oben" in nav and "weiterlesen" in nav
    assert "Nach oben" not in nav  # literal: the loader lower-cases the line first
    assert cues.words("web-contact") <= nav


def test_entries_keep_file_order_role_side_and_kind():
    role_cues = cues.entries("report-role-cue")
    assert [(c.role, c.side) for c in role_cues[:2]] == [("carrier", "any"), ("carrier", "any")]
    assert all(c.role and c.side for c in role_cues)
    formats = {c.words[0]: c.kind for c in cues.entries("web-event-format")}
    assert formats["Auftaktveranstaltung"] == "kickoff"
    assert list(formats).index("Auftaktveranstaltung") < list(formats).index("Auftakt")


def test_unknown_group_is_an_error():
    with pytest.raises(KeyError, match="no group 'web-nothing'"):
        cues.entries("web-nothing")


def test_fill_replaces_placeholders_and_refuses_unfilled_ones():
    assert cues.fill(r"Park\s<PLACE>", {"PLACE": "[A-Z]\\w+"}) == r"Park\s[A-Z]\w+"
    with pytest.raises(KeyError, match="unfilled placeholder"):
        cues.fill(r"Park\s<PLACE>", {})


def test_regexes_compile_one_expression_per_entry():
    parts = {"NOUNSEQ": r"[A-Z]\w+(?:\s[A-Z]\w+)*", "PLACE": r"[A-Z]\w+", "CAP_H": r"[A-Z][\w-]*", "CAP": r"[A-Z]\w*"}
    patterns = cues.regexes("report-org-pattern", **parts)
    assert len(patterns) == len(cues.entries("report-org-pattern"))
    text = "Die Handwerkskammer Trier und das Chemiepark Knapsack trafen sich."
    hits = {m.group(0) for rx in patterns for m in rx.finditer(text)}
    assert {"Handwerkskammer Trier", "Chemiepark Knapsack"} <= hits
    assert not any(rx.search("ein ganz gewöhnlicher Satz ohne Namen") for rx in patterns)


def test_event_heads_carry_their_kind():
    heads = [(cues.regex_of(c), c.kind) for c in cues.entries("report-event-head")]
    kinds = [k for rx, k in heads if rx.match("Fokusgruppe Wasserstoff 2023")]
    assert kinds == ["focus-group"]
    assert not any(rx.match("Ein Bericht über Fokusgruppen") for rx, _ in heads)
