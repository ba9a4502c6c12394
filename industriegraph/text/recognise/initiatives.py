"""The initiative, alliance or plan a page is about, and where the page names it.

An initiative is named by a head word of ``initiatives.yaml`` with a name: a quoted one ("Bündnis „Zukunft der
Industrie“", "Projekt „MoLeWa“", "Alliance for the “Future of Industry”"), capitalised words
("Transformationsnetzwerk Ostwürttemberg", "Masterplan Industrie der Stadt Frankfurt am Main"), or a quoted
name that holds a head word („Düsseldorfer Erklärung“). Genitives are undone ("des Masterplans …" names the
"Masterplan …"); a word after an indefinite article ("ein Masterplan") names nothing. A page's subject is the
name its title gives, else the one it names most; shorter forms of it ("Masterplan Industrie") and an acronym
in brackets become aliases. A title line that is itself a name and comes back in the text (a Verein's page) is
the subject too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from industriegraph.text.recognise import grammar
from industriegraph.text.recognise.lexicon import fold, lexicon

OPEN, CLOSE = '„"“‚«', '“"”‘»'
QUOTED = re.compile(r"[„\"“‚«]([^„\"“”‚‘«»]{2,100})[“\"”‘»]")
# a capitalised word, a year (range), a numbered name, or a lower-case brand written like an address
# ("Verbundprojekt transform.by")
CAPW = r"(?:[A-ZÄÖÜ][\w.&|+'-]*[\w]|[A-ZÄÖÜ]|\d{4}(?:\s-\s\d{4})?|\d(?:\.\d)+|[a-z][a-z0-9-]+\.[a-z]{2,4}\b)"
# "… unter dem Namen „transform.by“": a name given as a name
NAMED_AS = re.compile(
    r"\b(?:unter\s(?:dem|einem)\s(?:Namen|Titel)|namens|mit\sdem\sNamen|called|named)\s"
    r"[„\"“‚«]([^„\"“”‚‘«»]{2,60})[“\"”‘»]"
)
CONNECT = r"(?:der|des|für(?:\s(?:die|den|das))?|am|im|zur|zum|in|of|for|for\sthe|and|und|&)"
INDEFINITE = {"ein", "eine", "einen", "einem", "einer", "eines", "a", "an", "another", "neues", "neue", "neuen"}


@dataclass
class InitiativeMention:
    start: int
    end: int
    name: str
    label: str
    quoted: bool = False
    word: str = ""  # the head word as written ("Bündnisses")
    acronym: str | None = None
    bare: bool = False  # the head word alone, no name


@cache
def _months() -> frozenset[str]:
    return frozenset(s for m in lexicon().vocab.months for s in m.spellings())


def _month(word: str) -> bool:
    return word.strip(",.") in _months()


@dataclass
class PageInitiative:
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    word: str = ""  # the head word in the nominative, for anaphora ("das Bündnis")
    lines: list[int] = field(default_factory=list)


@cache
def _word_re() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    alts, meaning = [], {}
    for i, w in enumerate(lexicon().vocab.initiative_words):
        core = re.escape(w.text)
        pre = r"[A-ZÄÖÜ][\wäöüß]*-?" if w.match == "suffix" else ""
        cap = core if w.match == "word" else core.lower()
        body = rf"(?:{core}|{pre}{cap})" if pre else core
        alts.append(rf"(?P<w{i}>(?<![\wÄÖÜäöüß-]){body}(?:ses|es|s)?(?![\wÄÖÜäöüß-]))")
        meaning[f"w{i}"] = (w.label, w.name)
    return re.compile("|".join(alts)), meaning


def head_words(text: str) -> list[str]:
    """Every initiative head word in ``text`` in the nominative, named or not ("ein Verbundprojekt")."""
    rx, _ = _word_re()
    return [grammar.uninflect_head(m.group(0)) for m in rx.finditer(text)]


def find_initiatives(text: str) -> list[InitiativeMention]:
    """Named initiatives in ``text`` (quoted names first, then capitalised ones), not overlapping."""
    rx, meaning = _word_re()
    out: list[InitiativeMention] = []
    for m in rx.finditer(text):
        label, how = meaning[m.lastgroup]
        word = m.group(0)
        before = text[: m.start()].split()
        if before and before[-1].lower() in INDEFINITE:
            continue
        compound = word[0].isupper() and not re.fullmatch(
            "|".join(re.escape(w.text) + "(?:ses|es|s)?" for w in lexicon().vocab.initiative_words), word
        )
        nom = grammar.uninflect_head(word)
        rest = text[m.end() :]
        lead = r"(\s(?:for|für|of)(?:\s(?:the|die|den|das))?)?(\s?:)?\s*"
        q = re.match(rf"{lead}[{OPEN}]([^{OPEN}{CLOSE}]{{2,100}})[{CLOSE}](?:\s\(([A-Za-zÄÖÜ][\w-]{{1,9}})\))?", rest)
        if q:
            inner = q.group(3).strip()
            if how == "inner" or compound or q.group(2):
                name = inner
            else:
                name = f"{nom}{q.group(1) or ''} {inner}"
            out.append(InitiativeMention(m.start(), m.end() + q.end(), name, label, True, word, q.group(4)))
            continue
        c = re.match(
            rf"((?:\s(?:für|for)(?:\s(?:die|den|das|the))?)?\s{CAPW}(?:(?:\s{CONNECT})*\s{CAPW}){{0,6}})", rest
        )
        if c and not rest.startswith("-") and not _month(rest.split()[0] if rest.split() else ""):
            tail = c.group(1)
            # a name ends with a capitalised word; a trailing verb-like or sentence word is not part of it
            words = tail.split()
            for k, w in enumerate(words):
                if _month(w):
                    words = words[:k]
                    break
            while words and (words[-1] in grammar.SENTENCE_WORDS or words[-1].lower() in grammar.PREPOSITIONS):
                words.pop()
            if words:
                name = " ".join(words) if how == "inner" else f"{nom} {' '.join(words)}"
                end = m.end() + rest.find(words[-1]) + len(words[-1])
                out.append(InitiativeMention(m.start(), end, name, label, False, word))
                continue
        if compound and len(word) > 8:
            # "im Zukunftsdialog": a reference without a name (an alias at most)
            out.append(InitiativeMention(m.start(), m.end(), nom, label, False, word, bare=True))
    # quoted names that hold a head word: „Düsseldorfer Erklärung“, „Zukunftsdialog Industrie“
    for q in QUOTED.finditer(text):
        inner = q.group(1).strip()
        hit = rx.search(inner)
        if hit and not any(o.start <= q.start() < o.end for o in out) and inner[:1].isupper() and len(inner) < 80:
            label = meaning[hit.lastgroup][0]
            out.append(InitiativeMention(q.start(1), q.end(1), inner, label, True, hit.group(0)))
    for q in NAMED_AS.finditer(text):
        if not any(o.start <= q.start(1) < o.end for o in out):
            out.append(InitiativeMention(q.start(1), q.end(1), q.group(1).strip(), "Initiative", True, ""))
    out.sort(key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[InitiativeMention] = []
    for o in out:
        if kept and o.start < kept[-1].end:
            continue
        kept.append(o)
    return kept


def _same(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " ")


def page_initiatives(title: str, mentions: list[tuple[InitiativeMention, int]], text: str) -> list[PageInitiative]:
    """Group the mentions of a page (each with its line) into initiatives, the page's subject first.

    ``title`` is the page's first line; ``text`` the whole page (to see whether a title name comes back)."""
    groups: list[PageInitiative] = []
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for mention, line in mentions:
        if mention.bare:
            continue
        g = next((g for g in groups if any(_same(mention.name, n) for n in [g.name, *g.aliases])), None)
        if g is None and mention.acronym:
            g = next((g for g in groups if mention.acronym in [g.name, *g.aliases]), None)
        if g is None:
            g = PageInitiative(mention.name, mention.label, word=grammar.uninflect_head(mention.word))
            groups.append(g)
        for n in (mention.name, mention.acronym):
            if n and n != g.name and n not in g.aliases:
                g.aliases.append(n)
        counts[g.name] += 1
        if line == 1 or title and mention.name in title:
            in_title.add(g.name)
        g.lines.append(line)
    # a title that is a name (no head word) and comes back in the text: a Verein's or network's own page
    t = title.strip()
    words = t.split()
    if t and not groups or t and not in_title:
        bare = re.sub(r"\s+e\.\s?V\.?$", "", t)
        name_like = 2 <= len(words) <= 8 and all(w[:1].isupper() or w in ("durch", "für", "und", "der") for w in words)
        if name_like and text.count(bare) >= 2:
            g = next((g for g in groups if _same(g.name, bare)), None)
            if g is None:
                g = PageInitiative(bare, "Initiative", word="")
                groups.insert(0, g)
            if t != g.name and t not in g.aliases:
                g.aliases.append(t)
            in_title.add(g.name)
            counts[g.name] += 2
    for mention, _ in mentions:  # a bare reference ("im Zukunftsdialog") is an alias of the one it begins
        if mention.bare:
            g = next((g for g in groups if fold(g.name).startswith(fold(mention.name) + " ")), None)
            if g is not None and mention.name not in g.aliases:
                g.aliases.append(mention.name)
    for g in groups:
        # the longest form the title gives is the name; the shorter forms are aliases
        forms = [g.name, *g.aliases]
        longest = max((f for f in forms if f in title and not re.fullmatch(r"[A-Za-z]{2,8}", f)), key=len,
                      default=None)  # fmt: skip
        if longest and longest != g.name:
            g.aliases = [f for f in forms if f != longest]
            counts[longest] = counts.pop(g.name, 0)
            g.name = longest
    groups.sort(key=lambda g: (g.name not in in_title, -counts[g.name], min(g.lines)))
    return groups
