"""Matching names against each other: a folded matching form, short names a title carries, a similarity
score, and whether an acronym abbreviates a name. Shared by the loaders (the network report's table-to-profile
reconciliation, the web page's and the policy document's acronym definitions).

Similarity uses ``rapidfuzz`` (token set, token order and plain ratios).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from rapidfuzz import fuzz

from industriegraph.model.vocab import Body
from industriegraph.text.recognise.lexicon import fold

LEGAL_FORM_RE = re.compile(r"\b(e\.\s?v\.?|gmbh|mbh|ag|ggmbh)(?=\s|$)", re.IGNORECASE)


def _fold(text: str) -> str:
    text = text.casefold().replace("ß", "ss")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(a, b)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@cache
def norm_name(text: str) -> str:
    """A matching form of a name: case, umlauts, legal forms, hyphens and punctuation folded."""
    text = LEGAL_FORM_RE.sub(" ", text)
    text = _fold(text)
    text = re.sub(r"(?<=[a-z0-9])-\s*(?=[a-z0-9])", "", text)
    text = re.sub(r"[^a-z0-9@]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def acronyms(name: str) -> list[str]:
    """Short names a title carries: parenthesised acronyms and a one-word lead before a dash."""
    out = []
    for m in re.finditer(r"\(([^()]{2,20})\)", name):
        inner = m.group(1).strip()
        if len(inner.split()) <= 3 and re.search(r"[A-Z0-9]", inner):
            out.append(inner)
    lead = re.match(r"^(\S+)\s+[–|]\s+", name)
    if lead and re.search(r"[A-Z].*[A-Z]|\d", lead.group(1)):
        out.append(lead.group(1))
    return out


@cache
def _variants(name: str) -> tuple[str, ...]:
    """The matching forms of a name: whole, and without its parenthesised parts (memoised: the network report's
    reconciliation compares every profile with every table row)."""
    base = norm_name(name)
    stripped = norm_name(re.sub(r"\([^()]*\)", " ", name))
    return (base, stripped) if stripped and stripped != base else (base,)


def name_score(a: str, b: str) -> float:
    """Similarity of two names 0..100: token set and token order, plus shared acronyms."""
    best = 0.0
    for x in _variants(a):
        for y in _variants(b):
            s = 0.5 * fuzz.token_set_ratio(x, y) + 0.5 * fuzz.token_sort_ratio(x, y)
            best = max(best, s, fuzz.ratio(x, y), fuzz.ratio(x.replace(" ", ""), y.replace(" ", "")))
    if _shares_acronym(a, b) or _shares_acronym(b, a):
        best = max(best, 90.0)
    return best


@cache
def _short_names(name: str) -> tuple[tuple[str, ...], frozenset[str], frozenset[str], str]:
    """Of a name, memoised: its short names' keys (folded, spaces removed), the same as a set, its words, and
    the whole name folded without spaces."""
    keys = tuple(norm_name(x).replace(" ", "") for x in acronyms(name))
    return keys, frozenset(keys), frozenset(norm_name(name).split()), norm_name(name).replace(" ", "")


def _shares_acronym(a: str, b: str) -> bool:
    """True when a short name of ``a`` is a word, a short name or the whole (spacing aside) of ``b``."""
    _, short_b, words_b, whole_b = _short_names(b)
    for key in _short_names(a)[0]:
        if len(key) >= 3 and (key in short_b or key in words_b or key == whole_b):
            return True
    return False


def acronym_fits(acr: str, name: str) -> bool:
    """Does an acronym plausibly abbreviate a name ("IVH" ~ "Industrieverband Hamburg")?"""
    words = [
        w
        for w in re.split(r"[\s-]+", name)
        if w.lower() not in {"für", "der", "des", "und", "of", "the", "for", "and", "die", "das"}
    ]
    if not words or not acr or words[0][0].upper() != acr[0].upper() or len(words) > len(acr):
        return False
    flat, pos = " ".join(words).lower(), 0
    for ch in acr.lower():
        pos = flat.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return acr[-1].lower() in words[-1].lower()


def acronym_abbreviates(abbr: str, name: str) -> bool:
    """Whether ``abbr`` (e.g. "IVH") abbreviates ``name`` ("Industrieverband Hamburg e. V.")."""
    words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", name) if w[0].isupper() and w not in {"V", "GmbH", "mbH"}]
    letters = abbr.replace(" ", "").lower()
    if not words or not letters or words[0][0].lower() != letters[0]:
        return False

    def match(li: int, wi: int, ci: int) -> bool:
        if li == len(letters):
            return len(words) - wi - 1 <= 1  # at most one unmatched trailing word ("DGB" … "Nord")
        if wi >= len(words):
            return False
        word = words[wi].lower()
        # next letter starts the next word …
        if wi + 1 < len(words) and words[wi + 1][0].lower() == letters[li] and match(li + 1, wi + 1, 1):
            return True
        # … or starts a compound part inside the current word
        for k in range(max(ci, 3), len(word)):
            if word[k] == letters[li] and match(li + 1, wi, k + 1):
                return True
        return False

    return match(1, 0, 1)


def is_branch_of(name: str, body: Body) -> bool:
    """Is ``name`` a body's name or acronym followed by a place or region ("IG Metall Aalen", "DGB NRW")?"""
    f = fold(name)
    for base in sorted({*body.all_names(), *body.acronyms}, key=len, reverse=True):
        b = fold(base)
        if f == b:
            return False
        if f.startswith(b + " ") or f.startswith(b + "-"):
            rest = name[len(base) :].strip(" -")
            if re.search(r"\b(?:GmbH|gGmbH|AG|mbH|e\.\s?V\.?)$", rest):
                return False  # a company of its own ("DIHK Service GmbH"), not a regional branch
            return bool(rest) and all(w[:1].isupper() or w in ("/", "-") for w in re.split(r"[\s/]+", rest) if w)
    return False
