"""Text repair on the real corpus: ligatures and soft hyphens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from industriegraph.text.source import (
    HYPHENATED_RE,
    REPLACEMENT,
    Repairer,
    SourceError,
    hyphenated_pairs,
    read_source,
)

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
MASTERPLAN = "masterplan-industrie-hamburg.txt"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Wirtscha\ufffd", "Wirtschaft"),
        ("Transforma\ufffdon", "Transformation"),
        ("Mi\ufffdel", "Mittel"),
        ("Fachkrä\ufffdesicherung", "Fachkräftesicherung"),
        ("Wür\ufffdemberg", "Württemberg"),
        ("Ini\ufffda\ufffdve", "Initiative"),
        ("Inves\ufffd\ufffdon", "Investition"),
        ("wassersto\ufffdetriebenen", "wasserstoffbetriebenen"),
        ("Querschni\ufffdstechnologien", "Querschnittstechnologien"),
    ],
)
def test_ligatures_repaired_from_corpus_vocabulary(corpus, damaged, repaired):
    assert corpus[REPORT].repair.fix(damaged) == repaired


def test_every_damaged_line_is_repaired(corpus):
    doc = corpus[REPORT]
    damaged = [n for n in range(1, len(doc.lines) + 1) if REPLACEMENT in doc.line(n)]
    assert len(damaged) == 646  # the README's count
    assert all(REPLACEMENT not in doc.clean(n) for n in damaged)


def test_soft_hyphens_removed_real_ones_kept(corpus):
    r = corpus[MASTERPLAN].repair
    assert r.join(["Deutscher Ge-", "", "werkschaftsbund Nord"]) == "Deutscher Gewerkschaftsbund Nord"
    assert r.join(["die gesamte industrielle Wert-", "schöpfung"]) == "die gesamte industrielle Wertschöpfung"
    assert r.join(["Baden-", "Württemberg"]) == "Baden-Württemberg"
    assert r.join(["Aus-", "und Weiterbildung"]) == "Aus- und Weiterbildung"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_fix_never_leaves_replacement_character(text):
    assert REPLACEMENT not in Repairer(["Wirtschaft Transformation"]).fix(text)


@given(st.text(alphabet=st.sampled_from("ab1_-\n \r²é\ufffd\u2028"), max_size=80))
def test_hyphenated_pairs_are_the_expressions_matches(text):
    """Read from the lines with a hyphen only (the corpus is read before a build forks), the same pairs in order."""
    assert hyphenated_pairs(text) == HYPHENATED_RE.findall(text)


def test_read_source_rejects_bad_input(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"line one\nline two\x00\x01\n")
    (tmp_path / "latin.txt").write_bytes("ok\nok\nK\xf6ln\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(SourceError, match=r"bin.txt:2: binary"):
        read_source(tmp_path / "bin.txt")
    with pytest.raises(SourceError, match=r"latin.txt:3: not valid UTF-8"):
        read_source(tmp_path / "latin.txt")
    with pytest.raises(SourceError, match="empty"):
        read_source(tmp_path / "empty.txt")
    with pytest.raises(SourceError, match="missing.txt: source file not found"):
        read_source(tmp_path / "missing.txt")
