"""People named with a function ("Präsidentin Jane Doe", "Jane Doe, Hauptgeschäftsführer der X", "der
Bundesminister für Wirtschaft, Max Muster,", "First Chairman of X John Doe", "BDI-Präsident Max Muster").

Functions come from ``person_functions.yaml`` (with compounds: "Bundeswirtschaftsminister",
"Klimaschutz- und Wirtschaftsministerin", "IG-Metall-Vorsitzender"); a phrase listed there as not a person
("Regierende Bürgermeister", "Konzernrepräsentanz Berlin") never becomes one. For each person the recogniser
tells where the function names an organisation: a span of the text after the function ("der IHK NRW",
"Industriekreis Düsseldorf"), an acronym glued to it ("BDI-"), or, for an office of government, the office
itself ("Bundesminister für Wirtschaft und Energie" is the minister of the "Bundesministerium für …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from industriegraph.text.recognise import grammar
from industriegraph.text.recognise.lexicon import lexicon
from industriegraph.text.recognise.orgs import is_org_word, is_plural_head

TITLE = r"(?:(?:Dr|Prof|Dipl)\.(?:-[A-Z][a-z]+\.)?(?:\s?[a-z]{1,6}\.)*\s+)*"
NAME_WORD = r"[A-ZÄÖÜ][a-zäöüßéèáàíóúñ]+(?:-[A-ZÄÖÜ][a-zäöüßé]+)?"
NAME = rf"{NAME_WORD}(?:\s[A-Z]\.)?(?:\s(?:von|van|de|zu|von der)\s)?\s?{NAME_WORD}"


@dataclass
class PersonMention:
    start: int
    end: int  # the name's span
    name: str
    honorific: str
    function: str
    function_start: int
    function_end: int
    government: bool
    org_start: int | None = None  # where a phrase naming the organisation starts (after the function)
    org_end: int | None = None
    org_acronym: str | None = None  # "BDI-Präsident"
    affiliation: tuple[int, int] | None = None  # "(Basler Haar-Kosmetik)": a company in brackets, no office


@cache
def _functions() -> tuple[re.Pattern[str], dict[str, bool], frozenset[str]]:
    forms: dict[str, bool] = {}
    nots = set()
    for f in lexicon().vocab.person_functions:
        if f.type == "function":
            for t in (f.text, *f.forms):
                forms[t] = forms.get(t, False) or f.government
        else:
            nots.add(f.text)
    alts = sorted(forms, key=len, reverse=True)
    # compounds: "Bundeswirtschaftsminister", "Klimaschutz- und Wirtschaftsministerin", "BDI-Präsidenten"
    prefix = r"(?:[A-ZÄÖÜ][\wäöüß]*-\s(?:und|and)\s)?(?:[A-ZÄÖÜ][\wÄÖÜäöüß]*-)*(?:[A-ZÄÖÜ][a-zäöüß]+)??"
    body = "|".join(re.escape(a) if i == 0 else re.escape(a) for i, a in enumerate(alts))
    rx = re.compile(rf"(?<![\wÄÖÜäöüß])(?P<pre>{prefix})(?P<f>{body}|(?<=[a-zß])(?:{body.lower()}))(?![\wäöüß])")
    return rx, forms, frozenset(nots)


def _name_ok(name: str, nots: frozenset[str]) -> bool:
    """A person's name: no sentence word, no declined adjective, no organisation head noun ("Deutschen
    Industrie", "Industriekreis Düsseldorf"), not a phrase listed as no person."""
    words = name.replace("-", " ").split()
    if any(w in grammar.SENTENCE_WORDS or grammar.is_adjective(w) and w.endswith(("en", "em", "es")) for w in words):
        return False
    if any(len(e) >= 4 and w.lower().endswith(e) for w in words for e in grammar.ENDINGS):
        return False
    if any(is_org_word(w) or is_plural_head(w) or grammar.is_plural_noun(w) for w in words):
        return False  # also no plural noun ("den Städten Halle (Saale)")
    return name not in nots and not any(name.startswith(n) for n in nots)


def _gov(function: str) -> bool:
    _, forms, _ = _functions()
    return any(function.endswith(f) or function.lower().endswith(f.lower()) and forms[f] for f in forms if forms[f])


def find_people(text: str) -> list[PersonMention]:
    rx, forms, nots = _functions()
    out: list[PersonMention] = []
    taken: list[tuple[int, int]] = []
    for m in rx.finditer(text):
        fs, fe = m.start(), m.end()
        function = m.group(0)
        pre = m.group("pre")
        acronym = None
        if pre and pre.endswith("-") and " " not in pre:
            cand = pre[:-1].replace("-", " ")
            if cand in lexicon().acronyms or cand.replace(" ", "").isupper():
                acronym = cand
        government = any(function.lower().endswith(f.lower()) for f, g in forms.items() if g)
        rest = text[fe:]
        # (a) function + organisation phrase + name: "Präsident des BDI, Ulrich Grillo", "Minister Zypries"
        # (b) function + name: "Oberbürgermeister Dr. Stephan Keller"
        nm = re.match(rf"\s({TITLE})({NAME}|{NAME_WORD})(?![\wäöüß])", rest)
        org_span = None
        if not nm:
            om = re.match(
                r"(\s(?:der|des|of|of the|von|vom|im|in der)\s[^,;:()]{2,120}?|\s(?:für|for)\s[^,;:()]{2,120}?)"
                rf",\s({TITLE})({NAME})(?=[,\s:;.])",
                rest,
            )
            if om:
                org_span = (fe + om.start(1), fe + om.end(1))
                nm_start = fe + om.start(2)
                name = om.group(3)
                honor = om.group(2).strip()
                end = fe + om.end(3)
            else:
                # "Chairman of IG Metall Jörg Hofmann": the longest run of capitalised words after "of" that
                # leaves a name
                om = None
                for cut in range(4, 0, -1):
                    om = re.match(rf"(\s(?:of|of the)\s[A-Z][\w.]*(?:\s[A-Z][\w.]*){{{cut - 1}}})\s({TITLE})({NAME})\b",
                                  rest)  # fmt: skip
                    if om and _name_ok(om.group(3), nots):
                        break
                    om = None
                if om:
                    org_span = (fe + om.start(1), fe + om.end(1))
                    nm_start = fe + om.start(2)
                    name, honor, end = om.group(3), om.group(2).strip(), fe + om.end(3)
                else:
                    continue
        else:
            nm_start = fe + nm.start(1)
            name, honor, end = nm.group(2), nm.group(1).strip(), fe + nm.end(2)
        if not _name_ok(name, nots):
            continue
        if any(a < end and nm_start < b for a, b in taken):
            continue
        p = PersonMention(nm_start, end, name, honor, function, fs, fe, government, org_acronym=acronym)
        if org_span:
            p.org_start, p.org_end = org_span
        out.append(p)
        taken.append((nm_start, end))
    # (c) name, function [organisation]: "Ralf Stoffels, Vorsitzender der IHK NRW", "Jane Doe, CEO of X"
    for m in re.finditer(rf"({TITLE})({NAME}),\s(?:(?:der|die|the)\s)?", text):
        fm = rx.match(text, m.end())
        if not fm:  # "Ulrich Grillo, gerade wiedergewählter Präsident des …": adverb and adjective before it
            adj = re.match(r"(?:[a-zäöüß]+\s)?([a-zäöüß]+)\s", text[m.end() :])
            if adj and adj.group(1).endswith(("e", "er", "es", "en", "em")):  # an inflected attribute
                fm = rx.match(text, m.end() + adj.end())
        if not fm or any(a < m.end(2) and m.start(2) < b for a, b in taken):
            continue
        name = m.group(2)
        if not _name_ok(name, nots):
            continue
        function = fm.group(0)
        fe = fm.end()
        om = re.match(
            r"(?:\s(?:und|and)\s[^,;]*?)?\s(?:(?:der|des|of|of the|von|vom)\s)?([^,;:()]{2,120}?)(?=[,;:()]|$)",
            text[fe:],
        )
        p = PersonMention(m.start(2), m.end(2), name, m.group(1).strip(), function, fm.start(), fe,
                          _gov(function), org_acronym=None)  # fmt: skip
        if om and om.group(1)[:1].isupper() or om and om.group(1)[:1] in '„"':
            p.org_start, p.org_end = fe + om.start(1), fe + om.end(1)
        out.append(p)
        taken.append((m.start(2), m.end(2)))
    # (d) affiliation in brackets after a name: "Dr. Michael Allert (Basler Haar-Kosmetik)"
    for m in re.finditer(rf"({TITLE})({NAME})\s\(([^()]{{2,60}})\)", text):
        if any(a < m.end(2) and m.start(2) < b for a, b in taken):
            for p in out:
                if p.start == m.start(2):
                    p.affiliation = (m.start(3), m.end(3))
            continue
        if not _name_ok(m.group(2), nots):
            continue
        out.append(PersonMention(m.start(2), m.end(2), m.group(2), m.group(1).strip(), "", m.start(2), m.start(2),
                                 False, affiliation=(m.start(3), m.end(3))))  # fmt: skip
        taken.append((m.start(2), m.end(2)))
    return sorted(out, key=lambda p: p.start)


def office_body(function: str) -> str | None:
    """The body a government office names: "Bundesminister für Wirtschaft" → "Bundesministerium für Wirtschaft",
    "Bundeswirtschaftsminister" → "Bundeswirtschaftsministerium"; None for other functions."""
    m = re.match(r"^(.*?minister)(?:in|s)?(\s(?:für|der)\s.+)?$", function)
    if not m:
        return None
    return m.group(1) + "ium" + (m.group(2) or "")
