"""Enumerations: which mentions a list joins, and the items of a list that no other recogniser named.

A list joins its items with commas, "und", "sowie", "oder", "&" (an article or "auch" may follow the
separator: "…, die IHK zu Leipzig, die Agentur für Arbeit …", "neben dem X auch das Y"). Its items may be
names nothing else recognises ("Unternehmen wie die Bietigheimer Wohnbau, Hofmeister, Olymp oder Valeo";
"die Maschinenfabrik Köppern aus Hattingen"): ``items`` splits the list and ``name_item`` decides whether an
item is a name ("X aus Y" names a company X in Y).
"""

from __future__ import annotations

import re

from industriegraph.text.recognise import grammar
from industriegraph.text.recognise.lexicon import lexicon

SEPARATOR = re.compile(
    r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:(?:und|sowie|oder|and|or)\s+)?|\s(?:und|sowie|oder|and|or|&|auch|ebenso)\s+|\s*;\s*)"
    r"(?:(?:der|die|das|dem|den|des|auch|ebenso|the)\s+)*$"
)
_SPLIT = re.compile(r",\s+(?:(?:und|sowie|oder)\s+)?|\s+(?:und|sowie|oder|and|or)\s+")
# A list ends where the clause goes on: a dash aside, a colon or semicolon, a closing bracket, a verb.
# (a full stop inside a sentence belongs to an abbreviation: "e. V.", "J.D. Neuhaus")
_LIST_END = re.compile(r"\s[-–—]\s(?![A-ZÄÖÜ][\w-]*\s[A-ZÄÖÜ])|[;:!?](?:\s|$)|\.$")
COMPANY_CONTEXT = re.compile(r"(?i)\b(?:\w*unternehmen|firmen|firma|betriebe|companies|company|firms)\b")


def chains(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """A chain number per span (sorted): neighbours joined by a list separator share a number."""
    ids, cur = [], 0
    for i, (a, _) in enumerate(spans):
        if i and not SEPARATOR.match(text[spans[i - 1][1] : a]):
            cur += 1
        ids.append(cur)
    return ids


def list_region(text: str, start: int) -> tuple[int, int]:
    """The stretch of ``text`` from ``start`` that a list can fill: to a dash aside, colon, semicolon or the end."""
    m = _LIST_END.search(text, start)
    return start, (m.start() if m else len(text))


def items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Item spans of the list in text[start:end] (separators removed, leading articles dropped)."""
    out = []
    pos = start
    region = text[start:end]
    depth = 0
    cuts = []
    for m in _SPLIT.finditer(region):
        # never cut inside brackets or quotes
        before = region[: m.start()]
        depth = before.count("(") - before.count(")") + (before.count("„") - before.count("“"))
        if depth == 0 and not re.search(r"-$", before):
            cuts.append((start + m.start(), start + m.end()))
    for a, b in cuts:
        out.append((pos, a))
        pos = b
    out.append((pos, end))
    cleaned = []
    for a, b in out:
        m = re.match(r"\s*(?:(?:der|die|das|dem|den|des|auch|ebenso|neben|the)\s+)*", text[a:b])
        a += m.end()
        while b > a and text[b - 1] in " ,":
            b -= 1
        if b > a:
            cleaned.append((a, b))
    return cleaned


def name_item(item: str) -> tuple[str, bool] | None:
    """The name an unrecognised list item gives, and whether it reads as a company ("X aus Y"); None when the
    item is no name (a quantity, a common noun, lower-case words, a place alone)."""
    t = item.strip().strip("\"„“”'")
    place = re.search(r"\s+aus\s+[A-ZÄÖÜ][\w-]*(?:\s[A-ZÄÖÜ][\w-]*)?$", t)
    company = bool(place)
    if place:
        t = t[: place.start()]
    t = t.strip().strip("\"„“”'")
    words = t.split()
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return None
    if words[0] in grammar.SENTENCE_WORDS or words[0].lower() in grammar.NUMBER_WORDS:
        return None
    if any(w[:1].islower() and w not in ("&", "und", "für", "der", "des", "von", "de", "van") for w in words[1:]):
        return None
    lex = lexicon()
    if t in lex.land_spellings() or t in lex.cities or grammar.gender(words[-1]) and len(words) == 1:
        return None
    if re.search(r"\d", t) and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", t):
        return None
    return t, company
