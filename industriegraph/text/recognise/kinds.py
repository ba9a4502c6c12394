"""The organisation kind of a name: the vocabulary's body if the name is one, else the cue words of kinds.yaml.

Cue semantics are those documented in ``model/vocab/kinds.yaml`` (word, prefix, suffix, infix, start,
circumfix; requirements founding_year, next_capitalised, legal_form:<id>); when cues of several kinds
match, the lowest rank decides, ties by the order of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from industriegraph.model.vocab import Cue
from industriegraph.text.recognise.lexicon import fold, lexicon

_WORD_SPLIT = re.compile(r"[^\wÄÖÜäöüß]+")
_YEAR = re.compile(r"\b(?:18|19|20)\d\d\b")


@dataclass(frozen=True)
class _Rule:
    kind: str
    rank: int
    order: int
    cue: Cue
    words: tuple[str, ...]  # cue words, lower case unless case sensitive
    variants: tuple[tuple[str, ...], ...]  # for legal-form cues: the variants as word tuples


def _split(text: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(text) if w]


@cache
def _rules() -> tuple[_Rule, ...]:
    vocab = lexicon().vocab
    out = []
    order = 0
    for kind in vocab.kinds:
        for cue in kind.cues:
            order += 1
            if cue.legal_form:
                lf = vocab.legal_form(cue.legal_form)
                variants = tuple(tuple(_split(v)) for v in lf.variants if _split(v))
                out.append(_Rule(kind.code, cue.rank, order, cue, (), variants))
            else:
                words = tuple(w if cue.case_sensitive else w.lower() for w in _split(cue.text))
                out.append(_Rule(kind.code, cue.rank, order, cue, words, ()))
    return tuple(sorted(out, key=lambda r: (r.rank, r.order)))


def _seq(hay: list[str], needle: tuple[str, ...]) -> list[int]:
    n = len(needle)
    return [i for i in range(len(hay) - n + 1) if tuple(hay[i : i + n]) == needle]


def _carries_legal_form(words: list[str], lf_id: str) -> bool:
    lf = lexicon().vocab.legal_form(lf_id)
    return any(_seq(words, tuple(_split(v))) for v in lf.variants if _split(v))


def _matches(rule: _Rule, name: str, words: list[str], lower: list[str]) -> bool:
    cue = rule.cue
    if rule.variants:
        return any(_seq(words, v) for v in rule.variants)
    hay = words if cue.case_sensitive else lower
    cw = rule.words
    if not cw:
        return False
    hits: list[int] = []  # index of the word after the cue, for next_capitalised
    if cue.match == "word":
        hits = [i + len(cw) for i in _seq(hay, cw)]
    elif cue.match == "start":
        hits = [len(cw)] if tuple(hay[: len(cw)]) == cw else []
    elif cue.match == "prefix":
        hits = [i + len(cw) for i in range(len(hay) - len(cw) + 1)
                if hay[i].startswith(cw[0]) and tuple(hay[i + 1 : i + len(cw)]) == cw[1:]]  # fmt: skip
    elif cue.match == "suffix":
        hits = [i + len(cw) for i in range(len(hay) - len(cw) + 1)
                if hay[i].endswith(cw[0]) and tuple(hay[i + 1 : i + len(cw)]) == cw[1:]]  # fmt: skip
    elif cue.match == "infix":
        text = name if cue.case_sensitive else name.lower()
        return fold(cue.text) in fold(text) if len(cw) > 1 else cw[0] in text
    elif cue.match == "circumfix":
        head, tail = (p.lower() for p in cue.text.split("…"))
        return any(w.startswith(head) and w.endswith(tail) and len(w) > len(head) + len(tail) for w in lower)
    if not hits:
        return False
    for req in cue.requires:
        if req == "founding_year" and not _YEAR.search(name):
            return False
        if req == "next_capitalised" and not any(i < len(words) and words[i][:1].isupper() for i in hits):
            return False
        if req.startswith("legal_form:") and not _carries_legal_form(words, req.split(":", 1)[1]):
            return False
    return True


def kind_by_cues(name: str) -> str | None:
    """The kind the cue words of kinds.yaml give a name, None when no cue matches."""
    words = _split(name)
    lower = [w.lower() for w in words]
    for rule in _rules():
        if _matches(rule, name, words, lower):
            return rule.kind
    return None


def body_kind(name: str) -> str | None:
    """The kind of the vocabulary body a name is, or starts with (an acronym or a full name: "VCI NRW", "IG
    Metall Baden-Württemberg" are branches of bodies of that kind); None otherwise."""
    lex = lexicon()
    forms = lex.lookup(name)
    if forms:
        kinds = {f.body.kind for f in forms}
        return kinds.pop() if len(kinds) == 1 else None
    tokens = name.split()
    for k in range(min(len(tokens) - 1, 6), 0, -1):
        head = " ".join(tokens[:k])
        forms = lex.acronyms.get(head) or (lex.forms.get(fold(head)) if k >= 2 else None)
        if forms:
            kinds = {f.body.kind for f in forms}
            return kinds.pop() if len(kinds) == 1 else None
    return None


@lru_cache(maxsize=8192)
def classify_kind(name: str) -> str:
    """The organisation kind of a name; ``Other`` when neither the vocabulary nor a cue tells."""
    return body_kind(name) or kind_by_cues(name) or "Other"
