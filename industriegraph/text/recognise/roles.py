"""Role cues (``roles.yaml``): where a text says in which role organisations take part, and whom a cue governs.

Shapes (see roles.yaml): a *heading* governs the organisations after it (after a colon, the list that
follows); an *agent* phrase governs the organisations after it ("initiiert von X"); a *noun* governs the
organisation next to it ("X ist Träger", "Träger ist X"); a *verb* governs the subject of its clause ("X und
Y haben den Verein gegründet") or, as a participle, the agent of a passive ("wird vom Ministerium gefördert").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from industriegraph.text.recognise import grammar
from industriegraph.text.recognise.lexicon import lexicon

W = r"[\wÄÖÜäöüß]"


@dataclass(frozen=True)
class RoleCue:
    start: int
    end: int
    role: str
    shape: str
    text: str


@cache
def _cue_re() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str]]]:
    """One expression for every cue; a suffix cue matches its own letters only (the word is widened to its start
    afterwards), which keeps the expression fast."""
    alts, meaning = [], {}
    roles = lexicon().vocab.roles
    order = sorted(range(len(roles)), key=lambda k: -len(roles[k].text))  # "Gründungsmitglieder" before "Mitglied"
    for i in order:
        cue = roles[i]
        words = [re.escape(w) for w in cue.text.split()]
        first = words[0]
        lead = r"(?<![\wÄÖÜäöüß])"
        if cue.match == "prefix":
            first += rf"{W}*"
        elif cue.match in ("suffix", "infix"):
            lead = ""
            first = first + (rf"{W}*" if cue.match == "infix" else "")
        body = r"\s+".join([first, *words[1:]])
        name = f"c{i}"
        alts.append(rf"(?P<{name}>{lead}{body}(?![\wÄÖÜäöüß]))")
        meaning[name] = (cue.role, cue.shape, cue.match)
    return re.compile("|".join(alts), re.IGNORECASE), meaning


# a word broken by a PDF line end and joined with a space ("ge- fördert", "Gemein- schaftsaufgabe"); not a
# shared part before a conjunction ("Metall- und Elektroindustrie")
_BROKEN = re.compile(r"(?<=[a-zäöüß])- (?=[a-zäöüß])(?!(?:und|oder|sowie|bis|bzw|and|or)\b)")


def _mended(text: str) -> tuple[str, list[int]]:
    """``text`` with broken words joined, and for every position of it the position in ``text``."""
    if "- " not in text:
        return text, []
    out, where, pos = [], [], 0
    for m in _BROKEN.finditer(text):
        out.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    out.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    return "".join(out), where


def find_cues(text: str) -> list[RoleCue]:
    """Role cues in ``text``, left to right, not overlapping (also across a word broken at a PDF line end)."""
    rx, meaning = _cue_re()
    out = []
    mended, where = _mended(text)
    for m in rx.finditer(mended):
        role, shape, match = meaning[m.lastgroup]
        start, end = (where[m.start()], where[m.end() - 1] + 1) if where else (m.start(), m.end())
        if (start, end) != (m.start(), m.end()):
            out.append(RoleCue(start, end, role, shape, text[start:end]))
            continue
        start = m.start()
        if match in ("suffix", "infix"):
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "ÄÖÜäöüß"):
                start -= 1  # the whole compound ("Projektförderung durch")
        if out and start < out[-1].end:
            continue
        word = text[start : m.end()]
        if role == "partner" and re.match(r"(?i)tarif", word):
            continue  # "Tarifpartner": the parties of collective bargaining
        out.append(RoleCue(start, m.end(), role, shape, word))
    return out


def is_subject(text: str, start: int) -> bool:
    """Does a mention at ``start`` open its clause: the sentence start, or right after a finite verb
    ("verabschiedete der Magistrat …"), not after a preposition?"""
    m = re.search(r"(?:^|(\S+)\s)(?:(?:der|die|das|dem|den|des|Der|Die|Das|auch)\s)?$", text[:start])
    if m is None:
        return False
    word = m.group(1)
    if word is None:
        return True
    word = word.strip(",;:")
    return (
        word[-1:].isalpha()
        and word.islower()
        and word not in grammar.PREPOSITIONS
        and word not in (grammar.CONJUNCTIONS)
    )


def announced_role(before: list[tuple[str, bool, list[RoleCue]]]) -> str | None:
    """The role that a sentence ending in a colon announces for the list after it ("Die Übereinkunft wird von
    folgenden Partnern getragen:"); ``before`` holds the preceding sentences (text, names organisations, cues),
    nearest last. Sentences that name nothing (a web address, a place) in between are skipped."""
    for text, has_orgs, cues in reversed(before):
        if not has_orgs and not cues:
            continue
        if text.rstrip().endswith(":") and cues:
            verbs = [c for c in cues if c.shape == "verb"]
            return (verbs or cues)[-1].role
        return None
    return None
