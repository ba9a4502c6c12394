"""Passages: a document's lines joined into paragraphs, with a map from every character back to its line.

A line continues the previous one when that line is wrapped prose: it ends with a hyphen, comma or dash,
or with a word and the next line starts in lower case ("Landesvereinigung" / "der Unternehmensverbände").
A line that ends a sentence, a short title line, a bullet and a line after a blank line start new
paragraphs. Line-end hyphens are resolved as ``Repairer.join`` does ("Digitali-" + "sierung" is
"Digitalisierung", "Nordrhein-" + "Westfalen" keeps its hyphen).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from industriegraph.text.source import SourceDoc

BULLET_RE = re.compile(r"^\s*(?:[•▪◦·●■‣∙*–-]|\d{1,2}[.)](?!\d))\s+")
_END = '.!?:;“”"»)'
_ABBREV = re.compile(
    r"(?:\b(?:Dr|Prof|Gebr|bzw|ca|Nr|St|Co|inkl|vgl|z\.B|u\.a|e\.V|e\. V|o\.g|Mio|Mrd|Abs|Art|Str|Dipl|Ing|"
    r"sog|evtl|ggf|usw|etc|jr|Jr|Inc|Ltd|Corp|vs)|\b[A-ZÄÖÜa-zäöü]|(?<!\d)\d{1,2})\.$"
)


@dataclass
class Passage:
    """One paragraph: its text and, per joined line, where that line starts in the text."""

    text: str
    lines: list[int]
    starts: list[int]
    bullet: bool = False
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, pos: int) -> int:
        return self.lines[max(0, bisect_right(self.starts, pos) - 1)]

    def lines_for(self, start: int, end: int) -> list[int]:
        """The lines that the characters start..end-1 stand on."""
        a, b = self.line_at(start), self.line_at(max(start, end - 1))
        return [n for n in self.lines if a <= n <= b]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)


def _continues(prev: str, nxt: str) -> bool:
    prev, nxt = prev.rstrip(), nxt.strip()
    if not prev or not nxt or BULLET_RE.match(nxt):
        return False
    if prev[-1] in "-‐,–—/(&":
        return True
    if prev[-1] in _END:
        return False
    if nxt[0].islower():
        return True
    last = prev.split()[-1]
    # a line ending in a function word ("des", "für", "und") is wrapped
    return last.islower() and len(last) <= 6 and len(prev) >= 25


def _join(doc: SourceDoc, numbers: list[int]) -> tuple[str, list[int]]:
    return join_lines(doc, [doc.clean(n) for n in numbers])


_SPACES_RE = re.compile(r"\s+")


def join_lines(doc: SourceDoc, texts: list[str]) -> tuple[str, list[int]]:
    """Join cleaned lines like ``Repairer.join`` does (a wrapped word rejoined, a soft hyphen dropped),
    remembering where each line starts in the joined text."""
    out, starts = "", []
    for line in texts:
        line = _SPACES_RE.sub(" ", line).strip()
        if not out:
            starts.append(0)
            out = line
            continue
        head = out.rsplit(" ", 1)[-1]
        both = doc.repair.join([head, line])
        if both.startswith(head + " "):
            out += " "
        elif not both.startswith(head):  # a soft hyphen was removed
            out = out[:-1]
        starts.append(len(out))
        out += line
    return out, starts


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a full stop after an abbreviation, initial or ordinal does not end a sentence."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?][“”\"»]?(?=\s+[„\"“»(]?[A-ZÄÖÜ0-9])", text):
        if _ABBREV.search(text[max(0, m.start() - 8) : m.start() + 1]):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            out.append((a, b))
    return out


def passages(doc: SourceDoc, skip: set[int] | frozenset[int] = frozenset()) -> list[Passage]:
    """The document's paragraphs in order (lines in ``skip`` are left out, e.g. navigation debris)."""
    out: list[Passage] = []
    block: list[int] = []

    def flush() -> None:
        if block:
            text, starts = _join(doc, block)
            bullet = bool(BULLET_RE.match(doc.line(block[0])))
            p = Passage(text, list(block), starts, bullet)
            p.sentences = split_sentences(text)
            out.append(p)
            block.clear()

    for n in range(1, len(doc.lines) + 1):
        raw = doc.line(n)
        if not raw.strip() or n in skip:
            flush()
            continue
        if block and not _continues(doc.clean(block[-1]), doc.clean(n)):
            flush()
        block.append(n)
    flush()
    return out


_ABBREV_END = re.compile(r"(?:\b(?:Dr|Prof|Gebr|bzw|ca|Nr|St|Co|inkl|vgl|z\.B|u\.a|e\.V)|\b[A-Z])\.$")


def sentence_texts(text: str) -> list[str]:
    """Split a paragraph into sentences without breaking at "Dr." or "Gebr."."""
    out, start = [], 0
    for m in re.finditer(r"[.!?][“\"]?\s+(?=[A-ZÄÖÜ„\"“])", text):
        if _ABBREV_END.search(text[start : m.start() + 1]):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]
