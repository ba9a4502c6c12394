"""No organisation or initiative name, and no name taken from the five sources, in the code that reads texts.

What the loaders (``industriegraph/loaders/``) and the text layer (``industriegraph/text/``) know about names
lives in the vocabulary (``industriegraph/model/vocab/``); code only holds grammar and the layout of kinds of
document. This test reads every string literal of those modules (docstrings excluded: they document with
examples; comments are not literals) and fails when one contains, as whole words after case-folding and with
regular-expression escapes removed:

1. a name that stands in a vocabulary file: every body's name, former names, aliases and English names (four
   characters or more; a single word that is one of ``kinds.yaml``'s cue words, such as "Arbeitskammer", is a
   kind noun, not a name) and its acronyms of three letters or more, compared case-sensitively ("BUND" is an
   acronym, "Bund" a word) (``bodies.yaml``);
2. a multi-word proper name from ``data/sources/``. German capitalises every noun, so "two capitalised words"
   would also catch headings such as "Vereinbarungen und Maßnahmen" that describe a kind of document. A phrase
   of the sources counts as a proper name when the sources themselves mark it as one:
   * it is defined with an acronym: "Industrieverband Hamburg (IVH)" — the capitalised run before "(ABC)";
   * it carries a legal form: "Hamburg Kreativ Gesellschaft mbH" — the capitalised run before GmbH, e. V., AG …;
   * it is a quoted title of several words with a head word of ``initiatives.yaml``: „Bündnis für die Industrie
     der Zukunft“ (a quoted action-field title such as „Flächen und Infrastruktur“ is a topic, not a name);
   * it is a run of capitalised words that holds a place: a Land spelling or a city the vocabulary knows
     ("Masterplan Industrie Hamburg", "Gewerbepark Allermöhe" does not qualify, "Handelskammer Hamburg" does).
   Runs are two to six words (connectors "für", "und", "der", "des", "die", "am", "im", "zu" allowed inside).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from industriegraph.model.vocab import vocabulary

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = [ROOT / "industriegraph" / "loaders", ROOT / "industriegraph" / "text"]
SOURCES = ROOT / "data" / "sources"

WORD = r"[A-ZÄÖÜ][\wÄÖÜäöüß.&'|+-]*[\wÄÖÜäöüß]"
CONNECTOR = r"(?:für|und|der|des|die|am|im|zu|of|the|for|and|&|–|-)"
RUN = rf"{WORD}(?:\s(?:{CONNECTOR}\s)*{WORD}){{1,5}}"
LEGAL = r"(?:GmbH|gGmbH|mbH|AG|SE|KG|e\.\s?V\.)"
FUNCTION_WORDS = {
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "In", "Im", "Mit", "Von", "Für", "Und", "Am", "Auf",
    "Bei", "Zu", "Zur", "Zum", "Als", "Auch", "The", "A", "An", "Of", "And", "For", "With", "By",
}  # fmt: skip


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\wÄÖÜäöüß]+", " ", text.lower()).split())


def _cue_words() -> set[str]:
    out = set()
    for kind in vocabulary().kinds:
        out |= {kind.label_de.lower(), kind.label_de_plural.lower()}
        out |= {c.text.lower() for c in kind.cues if c.text}
    return out


def _vocabulary_names() -> tuple[dict[str, str], dict[str, str]]:
    """(folded names, acronyms as written)."""
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    cues = _cue_words()
    for b in vocabulary().bodies:
        for name in b.all_names():
            if len(name) >= 4 and not (" " not in name and name.lower() in cues):
                names.setdefault(fold(name), f"bodies.yaml {b.id}: {name}")
        for acr in (*b.acronyms, *(v.acronym for v in b.names if v.acronym)):
            if acr and len(re.sub(r"\W", "", acr)) >= 3:
                acronyms.setdefault(acr, f"bodies.yaml {b.id}: acronym {acr}")
    return {k: v for k, v in names.items() if k}, acronyms


def _trim(run: str) -> str:
    words = run.split()
    while words and (words[0] in FUNCTION_WORDS or not words[0][:1].isupper()):
        words.pop(0)
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words)


def _source_names() -> dict[str, str]:
    v = vocabulary()
    places = {s for land in v.laender for s in land.spellings()} | {b.city for b in v.bodies if b.city}
    out: dict[str, str] = {}
    for path in sorted(SOURCES.glob("*.txt")):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        found = []
        found += [m.group(1) for m in re.finditer(rf"({RUN})\s\([A-ZÄÖÜ][\w]{{1,8}}\)", text)]
        found += [m.group(1) for m in re.finditer(rf"({RUN})\s{LEGAL}", text)]
        found += [
            m.group(1)
            for m in re.finditer(r"„([^“”]{3,80})[“”]", text)
            if len(m.group(1).split()) >= 2 and any(w.text.lower() in m.group(1).lower() for w in v.initiative_words)
        ]
        found += [m.group(0) for m in re.finditer(RUN, text) if any(w in places for w in m.group(0).split())]
        for phrase in found:
            phrase = _trim(phrase)
            if len(phrase.split()) >= 2:
                out.setdefault(fold(phrase), f"{path.name}: {phrase}")
    return out


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out.append((node.lineno, node.value))
    return out


def _plain(literal: str) -> str:
    """A string literal with regular-expression syntax turned into spaces ("\\bIVH\\b" -> " IVH ")."""
    s = re.sub(r"\\[abBdDsSwWnrtfv]", " ", literal)
    return re.sub(r"\(\?[:=!<P][^)]*?\)?|[\\^$*+?{}\[\]()|]", " ", s)


@pytest.fixture(scope="module")
def forbidden() -> tuple[dict[str, str], dict[str, str]]:
    names, acronyms = _vocabulary_names()
    return names | _source_names(), acronyms


def test_the_rule_sees_names(forbidden):
    """The collection itself works: it holds vocabulary names and proper names of the sources, not headings."""
    names, acronyms = forbidden
    assert fold("Industrie- und Handelskammer zu Köln") in names
    assert "IVH" in acronyms and "BUND" in acronyms
    assert fold("Industrieverband Hamburg") in names
    assert fold("Bündnis für die Industrie der Zukunft") in names
    assert fold("Vereinbarungen und Maßnahmen") not in names
    assert fold("Das Besondere an der Initiative ist") not in names
    assert fold("Arbeitskammer") not in names


def test_no_name_in_loaders_or_text_code(forbidden):
    names, acronyms = forbidden
    offences = []
    keys = sorted(names, key=len, reverse=True)
    for folder in CODE_DIRS:
        for path in sorted(folder.rglob("*.py")):
            for line, literal in _literals(path):
                plain = _plain(literal)
                folded = f" {fold(plain)} "
                hit = next((names[k] for k in keys if f" {k} " in folded), None)
                hit = hit or next(
                    (acronyms[a] for a in acronyms if re.search(rf"(?<![\\w.]){re.escape(a)}(?![\\w])", plain)), None
                )
                if hit:
                    offences.append(f"{path.relative_to(ROOT)}:{line}: {hit}")
    assert offences == [], "names belong in the vocabulary:\n" + "\n".join(offences)
