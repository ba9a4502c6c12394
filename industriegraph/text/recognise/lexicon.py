"""Indexes over the vocabulary, built once per process: surface forms of bodies, Länder, legal forms, cues.

Spellings are compared in *folded* form: lower case, hyphens, dashes, slashes and quotation marks as spaces,
whitespace collapsed ("Industrie- und Handelskammer" and "Industrie und Handelskammer"
fold alike). Acronyms are compared case-sensitively ("BUND" is not "Bund").

The gazetteer finds every surface form of every body in a text in one pass (Aho–Corasick automaton from
``pyahocorasick`` when installed, else one compiled alternation); inflected forms ("des Deutschen
Gewerkschaftsbundes", "der Bundesvereinigung") are generated from the nominative names here, so the
vocabulary lists each name once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path

from industriegraph.model.user_cache import remembered
from industriegraph.model.vocab import Body, Land, Vocabulary, vocabulary, vocabulary_inputs
from industriegraph.text.recognise import grammar, offsets
from industriegraph.text.recognise.offsets import Offsets

try:  # optional accelerator; the fallback gives the same matches
    import ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - exercised when the package is absent
    ahocorasick = None

DASHES = "-‐‑‒–—―/"
QUOTES = "\"'„“”‚‘’«»‹›"
_FOLD_TABLE = str.maketrans({c: " " for c in DASHES + QUOTES})


def fold(text: str) -> str:
    """Comparison form of a spelling (see the module docstring)."""
    return " ".join(text.lower().translate(_FOLD_TABLE).split())


_SPACE_TABLE = str.maketrans({c: " " for c in DASHES + QUOTES})
_RUN = re.compile(r"\S+")


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``fold(text)`` with, for every character of the result, its offset in ``text`` (listed on first use).

    >>> folded, offsets = fold_with_map("Die  IHK–Nord")
    >>> folded, offsets[4], offsets[8]
    ('die ihk nord', 5, 9)
    """
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: keep the original there
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    low = low.translate(_SPACE_TABLE)

    def offsets() -> list[int]:
        idx: list[int] = []
        for m in _RUN.finditer(low):
            if idx:
                idx.append(m.start() - 1)
            idx.extend(range(m.start(), m.end()))
        return idx

    return " ".join(_RUN.findall(low)), Offsets(offsets)


# ------------------------------------------------------------------------------------------------
# Inflection of German names (grammar, not names): adjective endings and the genitive of a head noun.

ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_ADJ_RE = re.compile(r"^([A-ZÄÖÜ][\w-]*?(?:isch|sch|lich|ig|al|ell|iv|er|ar|or|ent|ant))(e|en|er|es|em)$")
_NOUN_GEN_RE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß-]*[a-zäöüß]$")


def inflections(name: str) -> set[str]:
    """Declined forms of a German name: leading adjectives with other endings, genitive -s/-es of the head."""
    words = name.split(" ")
    out = {name}
    n_adj = 0
    while n_adj < len(words) - 1 and _ADJ_RE.match(words[n_adj]):
        n_adj += 1
    variants = [words]
    if n_adj:
        for ending in ADJ_ENDINGS:
            variants.append([_ADJ_RE.match(w).group(1) + ending if i < n_adj else w for i, w in enumerate(words)])
    if not n_adj and len(words) > 1 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+e", words[0]):
        variants.append([words[0] + "n", *words[1:]])  # "Freie und Hansestadt" → "der Freien und Hansestadt"
    for v in variants:
        out.add(" ".join(v))
        head = n_adj if n_adj < len(v) else 0
        w = v[head]
        if _NOUN_GEN_RE.match(w) and not w.endswith(("s", "ß", "x", "z")) and len(w) > 3:
            for suffix in ("s", "es"):
                out.add(" ".join(v[:head] + [w + suffix] + v[head + 1 :]))
    return out


# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """One surface form of a body: the folded spelling, whether it is an acronym, the spelling as listed."""

    body: Body
    text: str  # the spelling as the vocabulary lists it (nominative)
    acronym: bool
    distinctive: bool  # names a place or is long enough to name this body alone anywhere
    variant: str = ""  # the (declined) spelling this form matches


_PLACE_WORD = re.compile(r"[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*")


class Lexicon:
    """Everything the recognisers look up, derived from one :class:`Vocabulary`."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.bodies = {b.id: b for b in vocab.bodies}
        self.laender = vocab.laender
        self._land_words = self._land_spellings()
        self.cities = self._cities()
        self.forms: dict[str, list[Form]] = defaultdict(list)  # folded spelling -> forms
        self.acronyms: dict[str, list[Form]] = defaultdict(list)  # exact acronym -> forms
        strippable = _strippable(vocab)
        for b in vocab.bodies:
            if not b.is_current() and not b.names:
                continue
            for listed in b.all_names():
                for name in dict.fromkeys((listed, _without_legal_form(listed, strippable))):
                    for variant in inflections(name):
                        key = fold(variant)
                        if len(key) < 3 or any(f.body.id == b.id for f in self.forms[key]):
                            continue
                        distinctive = self._distinctive(variant) or not b.laender and len(variant) >= 12
                        self.forms[key].append(Form(b, name, False, distinctive, variant))
            for acr in (*b.acronyms, *(v.acronym for v in b.names if v.acronym)):
                if acr and not any(f.body.id == b.id for f in self.acronyms[acr]):
                    self.acronyms[acr].append(Form(b, acr, True, False))
        self._build_automaton()

    # -- Länder and places ------------------------------------------------------------------------
    def _land_spellings(self) -> dict[str, Land]:
        out: dict[str, Land] = {}
        for land in self.laender:
            for s in (land.iso.split("-")[1], *land.spellings()):
                out.setdefault(s, land)
        return out

    def land_spellings(self) -> dict[str, Land]:
        """Every spelling of every Land (names, genitives, adjectives, English names, ISO letters)."""
        return self._land_words

    def main_land(self, text: str) -> str | None:
        """The Land a text names most often, by a Land's spelling or a city in it (first named wins a tie)."""
        counts: Counter[str] = Counter()
        for word in _PLACE_WORD.findall(text):
            land = self._land_words.get(word) or self.cities.get(word)
            if land is not None:
                counts[land.name] += 1
        return counts.most_common(1)[0][0] if counts else None

    @cached_property
    def _land_forms(self) -> dict[str, tuple[str, ...]]:
        """Per Land its name, its English names and capitals-only short forms of three letters or more ("NRW")."""
        return {
            land.name: (land.name, *dict.fromkeys(x for x in (*land.english, *land.other) if x != land.name and (
                x in land.english or x.isupper() and len(x) >= 3)))
            for land in self.laender
        }  # fmt: skip

    def laender_in(self, text: str) -> list[str]:
        """The Länder a text names by one of those forms, also inflected ("Hamburgs", "Hamburger"), in the
        vocabulary's order."""
        return [
            name
            for name, forms in self._land_forms.items()
            if any(re.search(rf"\b{re.escape(f)}(?:s|er|ern)?\b(?!-)", text) for f in forms)
        ]

    @cached_property
    def city_state_adjectives(self) -> dict[str, str]:
        """The city-states, whose government is a Senate, with the adjective that names it ("Hamburger Senat")."""
        return {
            land.name: next(a for a in land.adjective if a == land.name + "er" or a[:1].isupper() and a.endswith("er"))
            for land in self.laender
            if land.city_state
        }

    def city_state_in(self, texts: Iterable[str]) -> str | None:
        """The one city-state the texts name (at a word start), None when they name none or several."""
        texts = list(texts)
        named = {c for c in self.city_state_adjectives if any(re.search(rf"\b{c}", t) for t in texts)}
        return named.pop() if len(named) == 1 else None

    def main_city(self, text: str) -> str | None:
        """The known city a text names most often."""
        counts = Counter(w for w in _PLACE_WORD.findall(text) if w in self.cities)
        return counts.most_common(1)[0][0] if counts else None

    def _cities(self) -> dict[str, Land]:
        """Seats of the vocabulary's bodies and Land capitals, with their Land (a place tells the Land)."""
        out: dict[str, Land] = {}
        by_name = {land.name: land for land in self.laender}
        for land in self.laender:
            out.setdefault(land.capital, land)
        for b in self.vocab.bodies:
            if b.city and len(b.laender) == 1:
                out.setdefault(b.city, by_name[b.laender[0]])
        return out

    def _distinctive(self, text: str) -> bool:
        """A form that names one body anywhere: several words, a place in it, or one proper word that is not
        a common head noun ("Gesamtmetall", "Bitkom"; not "Wirtschaftsbehörde")."""
        words = re.findall(r"[\wÄÖÜäöüß]+", text)
        if len(words) >= 2 or any(w in self._land_words or w in self.cities for w in words):
            return True
        return bool(words) and words[0][:1].isupper() and grammar.gender(words[0]) is None

    # -- gazetteer --------------------------------------------------------------------------------
    def _build_automaton(self) -> None:
        keys = sorted(self.forms)
        if ahocorasick is not None:
            a = ahocorasick.Automaton()
            for k in keys:
                a.add_word(k, k)
            a.make_automaton()
            self._automaton = a
            self._alternation = None
        else:  # pragma: no cover
            self._automaton = None
            self._alternation = re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))
        acr = sorted(self.acronyms, key=len, reverse=True)
        self._acronym_re = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(a) for a in acr) + r")(?![\w-]|\.\w)")

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, folded key) where a body's (non-acronym) surface form stands in ``text`` as whole
        words; overlapping hits are all returned."""
        folded, idx = fold_with_map(text)
        hits: list[tuple[int, int, str]] = []

        def add(fs: int, fe: int, key: str) -> None:
            if fs > 0 and folded[fs - 1].isalnum() or fe < len(folded) and folded[fe].isalnum():
                return
            hits.append((idx[fs], idx[fe - 1] + 1, key))

        if self._automaton is not None:
            for end, key in self._automaton.iter(folded):
                add(end - len(key) + 1, end + 1, key)
        else:  # pragma: no cover
            for m in self._alternation.finditer(folded):
                add(m.start(), m.end(), m.group(0))
        return hits

    def scan_acronyms(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(1)) for m in self._acronym_re.finditer(text)]

    def lookup(self, name: str) -> list[Form]:
        """Forms whose folded spelling equals the folded ``name`` (an acronym is looked up exactly too)."""
        return list(self.forms.get(fold(name), ())) or list(self.acronyms.get(name.strip(), ()))

    def lookup_variant(self, written: str) -> list[Form]:
        """Forms whose declined spelling begins ``written`` (longest first)."""
        f = fold(written)
        words = f.split()
        for k in range(len(words), 0, -1):
            got = self.forms.get(" ".join(words[:k]))
            if got:
                return list(got)
        return []

    def pick(self, forms: Iterable[Form], land: str | None) -> Body | None:
        """The one body the forms name, preferring the document's Land; None when that stays ambiguous."""
        bodies = {f.body.id: f.body for f in forms}
        if len(bodies) <= 1:
            return next(iter(bodies.values()), None)
        if land:
            here = [b for b in bodies.values() if land in b.laender]
            if len(here) == 1:
                return here[0]
        national = [b for b in bodies.values() if not b.laender and b.part_of is None]
        return national[0] if len(national) == 1 else None

    def land(self, spelling: str) -> Land | None:
        return self.vocab.land(spelling)


def _without_legal_form(name: str, strippable: tuple[str, ...]) -> str:
    for v in strippable:
        if name.endswith(" " + v):
            return name[: -len(v) - 1].rstrip(" ,")
    return name


def _strippable(vocab: Vocabulary) -> tuple[str, ...]:
    """Legal forms written as abbreviations ("GmbH", "e. V."); a spelled-out form ("Stiftung", "eingetragener
    Verein") is part of the name."""
    out = []
    for lf in vocab.legal_forms:
        for v in lf.variants:
            if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{4,}", v) or " " in v and not re.search(r"[.&]", v):
                continue
            out.append(v)
    return tuple(out)


@cache
def lexicon() -> Lexicon:
    """The lexicon of the shipped vocabulary, kept in the user's cache as the vocabulary is (``model.user_cache``):
    reading it takes ~10 ms, building it ~40 ms, which a build spent before it could fork. It refers to the very
    bodies and Länder of ``vocabulary()``, not to copies."""
    vocab = vocabulary()
    code = [Path(__file__), Path(grammar.__file__), Path(offsets.__file__)]
    shared = {"vocabulary": (vocab,)} | {f.name: getattr(vocab, f.name) for f in fields(vocab)}
    return remembered("lexicon", [*vocabulary_inputs(), *code], lambda: Lexicon(vocab), shared=shared)
