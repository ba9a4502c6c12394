"""The substring test before a regular expression scan: which strings an expression needs, and that skipping texts
without them never loses a match (checked on every line of every vendored document)."""

from __future__ import annotations

import re

from industriegraph.loaders import report_actors
from industriegraph.text.recognise.prefilter import Prefiltered, required_literals


def test_required_strings_of_sequences_branches_and_repeats():
    assert required_literals(re.compile(r"\bTräger(?:in)?\b")) == {"Träger"}
    # every alternative must contribute, else nothing is required
    assert required_literals(re.compile(r"(?:Handels|Handwerks)kammer|IHK")) == {"kammer", "IHK"}
    assert required_literals(re.compile(r"Kammer|\w+")) is None
    # an optional part is not required; a repeated one (at least once) is
    assert required_literals(re.compile(r"(?:Bundes)?agentur")) == {"agentur"}
    assert required_literals(re.compile(r"(?:ab)+(?:Netz)+")) == {"Netz"}
    # the most selective requirement of a sequence wins
    assert required_literals(re.compile(r"IG (?:Metall|BCE) Bezirk")) == {" Bezirk"}


def test_nothing_is_filtered_where_case_or_back_references_matter():
    assert required_literals(re.compile("kammer", re.IGNORECASE)) is None
    assert required_literals(re.compile("(?i:kammer) Nord")) is None
    assert required_literals(re.compile(r"(Nord)\1")) is None
    assert required_literals(re.compile(r"[A-Z]\w+")) is None


def test_filtered_scans_find_what_the_plain_scans_find(corpus):
    expressions = list(report_actors.ORG_PATTERNS) + [rx for rx, _, _ in report_actors.ROLE_CUES]
    assert sum(p.literals is not None for p in expressions) >= len(expressions) - 2  # the filter is in use
    lines = [doc.clean(n) for doc in corpus.values() for n in range(1, len(doc.lines) + 1)]
    skipped = 0
    for p in expressions:
        assert isinstance(p, Prefiltered)
        for line in lines:
            plain = [m.span() for m in p.rx.finditer(line)]
            assert [m.span() for m in p.finditer(line)] == plain, (p.rx.pattern, line)
            skipped += not p.possible(line)
    assert skipped > len(lines)  # most lines are skipped by most expressions


def test_the_report_list_intro_word_is_in_its_expression():
    """The announced-list pass tests LIST_INTRO_WORD before the expression: it must be a word every match holds."""
    rx = report_actors.LIST_INTRO_RE
    assert f"\\b{report_actors.LIST_INTRO_WORD}\\b" in rx.pattern
    assert rx.search("17 Peer-Meetings zu den FOLGENDEN Themen:")
    assert report_actors.LIST_INTRO_WORD in "17 Peer-Meetings zu den FOLGENDEN Themen:".lower()
