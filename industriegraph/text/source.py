"""Reading source documents and repairing PDF-extraction damage, shared by every loader.

Two kinds of damage are repaired here, both from the corpus's own vocabulary rather
than a word list of ours, so that a new document brings its own evidence:

* lost ligatures: PDF extraction replaced "ft", "tt", "ti", "ffb", … by U+FFFD
  ("Wirtscha\\ufffd" is "Wirtschaft"). Each damaged word is repaired with the candidate
  that is most frequent in the clean words of the corpus, else with the candidate a
  character n-gram model of the clean text likes best.
* soft line-end hyphens: "Wert-" + "schöpfung" is "Wertschöpfung", but "Baden-" +
  "Württemberg" and "Aus-" + "und" keep their hyphen.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from industriegraph.text.formats import extract
from industriegraph.text.plain import (  # noqa: F401  (re-exported: the names every reader uses)
    PLACE_RE,
    SourceError,
    evidence_key,
    place_key,
    read_source,
    split_evidence,
)

REPLACEMENT = "\ufffd"

# Ligatures (and ligature runs) that PDF extraction turned into one U+FFFD, most common first.
LIGATURES = (
    "ti",
    "ft",
    "tt",
    "ff",
    "fi",
    "fl",
    "tf",
    "fb",
    "fh",
    "fk",
    "ffi",
    "ffl",
    "ffb",
    "fft",
    "tti",
    "ttf",
)
COMMON_LIGATURES = {"ti", "ft", "tt"}  # the rest get a prior penalty in the n-gram fallback

WORD_RE = re.compile(r"[^\W\d_]+(?:[\ufffd][^\W\d_]*)*|[\ufffd][^\W\d_\ufffd]*(?:[\ufffd][^\W\d_]*)*")
DAMAGED_RE = re.compile(r"[^\W\d_\ufffd]*\ufffd[^\W\d_\ufffd]*(?:\ufffd[^\W\d_\ufffd]*)*")
WORD_HYPHEN_END_RE = re.compile(r"([^\W\d_]+)-$")
LEADING_WORD_RE = re.compile(r"[^\W\d_]+")
SPACES_RE = re.compile(r"\s+")
HYPHENATED_RE = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
CONJUNCTIONS = {"und", "oder", "bzw", "sowie", "als", "wie", "noch", "u", "and", "or"}


# Numbers written as words, as documents announce counts ("fünf Handlungsfelder", "three fields of action").
NUMBER_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


# Capitalised German words that begin a sentence or phrase but are never part of an organisation's name.
PHRASE_START_WORDS = frozenset(
    {"Am", "Auf", "Bei", "Beim", "Das", "Dem", "Den", "Der", "Des", "Die", "Ein", "Eine", "Einer", "Hierbei", "Im",
     "In", "Mit", "Und", "Unternehmen", "Von", "Zu", "Zum", "Zur"}
)  # fmt: skip


def number_value(word: str) -> int | None:
    """12 for "12", "zwölf" or "Twelve"; None for anything else."""
    word = word.strip()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


@dataclass
class SourceDoc:
    """One source document: raw lines (1-based), its file name, and helpers for evidence."""

    path: Path
    lines: list[str]
    repair: Repairer = field(repr=False, default=None)  # type: ignore[assignment]
    places: list[str] | None = None  # where each line is in the user's file (``text.formats``); None: line number
    meta: dict[str, str] = field(default_factory=dict)  # document metadata from the file (title, date)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, n: int) -> str:
        """The raw line n (1-based)."""
        return self.lines[n - 1]

    def clean(self, n: int) -> str:
        """Line n with ligatures repaired and whitespace trimmed."""
        return self.repair.fix(self.lines[n - 1]).strip()

    def ev(self, *numbers: int) -> list[str]:
        """Evidence strings for the given 1-based line numbers: ``file:line`` for plain text, the place in the user's
        file for other formats (``file.pdf:p12:l7``, ``file.html:l40``, ``file.docx:¶18``; see ``text.formats``)."""
        if self.places is None:
            return [f"{self.name}:{n}" for n in sorted(set(numbers))]
        return list(dict.fromkeys(f"{self.name}:{self.places[n - 1]}" for n in sorted(set(numbers))))

    def line_of(self, place: str) -> int | None:
        """The 1-based line number an evidence place names (``12``; ``p12:l7``, ``l40``, ``¶18`` for other
        formats), None if the document has no such line."""
        if self.places is None:
            return int(place) if place.isdigit() and 1 <= int(place) <= len(self.lines) else None
        if not hasattr(self, "_place_index"):
            index: dict[str, int] = {}
            for i, p in enumerate(self.places, 1):
                index.setdefault(p, i)
            self._place_index = index
        return self._place_index.get(place)

    def joined(self, start: int, end: int) -> str:
        """Lines start..end (inclusive) repaired and joined into one string."""
        return self.repair.join(self.lines[start - 1 : end])


def words(text: str) -> Iterable[str]:
    return WORD_RE.findall(text)


def hyphenated_pairs(text: str) -> list[tuple[str, str]]:
    """``HYPHENATED_RE.findall(text)``, read from the lines that hold a hyphen only: a match holds a hyphen and no
    line break, and the kept lines joined by line breaks keep every word boundary (a cold build reads its whole
    corpus before it forks: 29 ms for the five sources' 578,000 characters, 10 ms so).

    >>> hyphenated_pairs("Aus- und Weiterbildung\\nWasserstoff-Netzwerk und E-Mobilität\\nohne Strich")
    [('Wasserstoff', 'Netzwerk'), ('E', 'Mobilität')]
    """
    return HYPHENATED_RE.findall("\n".join(line for line in text.split("\n") if "-" in line))


class Repairer:
    """Repairs ligature damage and soft hyphens using the vocabulary of a corpus."""

    def __init__(self, texts: Iterable[str]):
        self.freq: Counter[str] = Counter()
        self.hyphenated: set[str] = set()
        for text in texts:
            self.freq.update([w.lower() for w in words(text) if REPLACEMENT not in w])
            self.hyphenated.update(f"{a}-{b}".lower() for a, b in hyphenated_pairs(text))
        self._fix_word = lru_cache(maxsize=None)(self._fix_word_uncached)
        # ``_term`` by window: the candidates of a damaged word share every window away from its hole
        self._terms: dict[str, float] = {}

    @cached_property
    def grams(self) -> Counter[str]:
        """Character 1- to 5-grams of the padded words, each counted as often as its word occurs: made when a
        damaged word is first scored (~0.2 s on the five sources; a corpus without lost ligatures never needs it).
        Counted per word frequency (most words occur once) by Counter's C loop, then weighted."""
        grams: Counter[str] = Counter()
        by_freq: dict[int, list[str]] = {}
        for w, n in self.freq.items():
            by_freq.setdefault(n, []).append(f"^{w}$")
        for n, padded_words in by_freq.items():
            counted = Counter(
                [p[i : i + k] for p in padded_words for k in (1, 2, 3, 4, 5) for i in range(len(p) - k + 1)]
            )
            if n == 1:
                grams.update(counted)
            else:
                for g, c in counted.items():
                    grams[g] += c * n
        return grams

    @cached_property
    def total(self) -> int:
        return sum(n for g, n in self.grams.items() if len(g) == 1) or 1

    # -- ligatures -------------------------------------------------------
    def _score(self, candidate: str) -> float:
        """Log-probability of a word under a stupid-backoff character 5-gram model of the clean text: the sum, in
        order, of each letter's term given the up to four before it (``_term``)."""
        padded = f"^{candidate.lower()}$"
        terms = self._terms
        score = 0.0
        for i in range(1, len(padded)):
            window = padded[max(0, i - 4) : i + 1]
            term = terms.get(window)
            if term is None:
                term = terms[window] = self._term(window)
            score += term
        return score

    def _term(self, window: str) -> float:
        """The log-probability term of the last letter of ``window`` after the letters before it (at most four)."""
        last = len(window) - 1
        penalty = 0.0
        for k in (4, 3, 2, 1, 0):
            hist = window[max(0, last - k) : last]
            num = self.grams.get(hist + window[last], 0)
            den = self.grams.get(hist, 0) if hist else self.total
            if num and den:
                return math.log(num / den) + penalty
            penalty += math.log(0.4)
        return math.log(1e-6)

    def _fix_word_uncached(self, word: str) -> str:
        holes = word.count(REPLACEMENT)
        if holes == 0:
            return word
        parts = word.split(REPLACEMENT)
        candidates, prior = [], {}
        for combo in itertools.product(LIGATURES, repeat=min(holes, 3)):
            combo = combo + ("ti",) * (holes - len(combo))
            cand = "".join(p + (combo[i] if i < holes else "") for i, p in enumerate(parts))
            candidates.append(cand)
            prior[cand] = -3.0 * sum(lig not in COMMON_LIGATURES for lig in combo)
        known = [c for c in candidates if self.freq.get(c.lower())]
        if known:
            return max(known, key=lambda c: self.freq[c.lower()])
        counts = self._segments_each([c.lower() for c in candidates])
        compounds = [(n, c) for c, n in zip(candidates, counts, strict=True) if n]
        if compounds:
            fewest = min(n for n, _ in compounds)
            return max((c for n, c in compounds if n == fewest), key=lambda c: self._score(c) + prior[c])
        return max(candidates, key=lambda c: self._score(c) + prior[c])

    def _segments(self, word: str) -> int:
        """Fewest known words (length >= 3, optional linking "s") that compose ``word``; 0 if none."""
        return self._segments_each([word])[0]

    def _segments_each(self, words: list[str]) -> list[int]:
        """``_segments`` of each word. The search reads the word left to right (the entry for each end depends only
        on the letters before it), so a word continues from the state the previous one had at the end of their
        common beginning: the candidates of one damaged word differ only in the letters put into its holes."""
        out: list[int] = []
        prev, best, reached = "", [0], [0]
        for word in words:
            common = 0
            for a, b in zip(prev, word, strict=False):
                if a != b:
                    break
                common += 1
            best = best[: common + 1] + [0] * (len(word) - common)
            reached = reached[: bisect.bisect_right(reached, common)]
            self._compose(word, max(3, common + 1), best, reached)
            out.append(best[len(word)])
            prev = word
        return out

    def _compose(self, word: str, first_end: int, best: list[int], reached: list[int]) -> None:
        """The composition search over the ends ``first_end``..``len(word)``, in place: ``best[end]`` the fewest
        known words composing ``word[:end]`` (0: none), ``reached`` the start and every end composed so far, in
        order (the only useful starts)."""
        freq = self.freq
        for end in range(first_end, len(word) + 1):
            for start in reached:
                if start < end - 30 or start > end - 3:
                    continue
                piece = word[start:end]
                if freq.get(piece) or (piece[-1] == "s" and freq.get(piece[:-1])):
                    n = best[start] + 1
                    if not best[end] or n < best[end]:
                        best[end] = n
            if best[end]:
                reached.append(end)

    def fix(self, text: str) -> str:
        """Return ``text`` with every U+FFFD replaced by the most likely ligature letters."""
        if REPLACEMENT not in text:
            return text
        text = DAMAGED_RE.sub(lambda m: self._fix_word(m.group(0)), text)
        return text.replace(REPLACEMENT, "")

    # -- hyphens and wrapped lines -----------------------------------------
    def join(self, lines: Iterable[str]) -> str:
        """Join wrapped lines into one string, removing soft hyphens and keeping real ones."""
        out = ""
        for raw in lines:
            line = self.fix(raw).strip()
            if not line:
                continue
            if not out:
                out = line
                continue
            # the word before a line-end hyphen: looked for in the last token only (a search of the whole string so
            # far made joining a long paragraph quadratic); ``out`` is built from stripped lines, so "$" is its end
            m = WORD_HYPHEN_END_RE.search(out.rsplit(None, 1)[-1]) if out.endswith("-") else None
            if m:
                nxt = LEADING_WORD_RE.match(line)
                nxt_word = nxt.group(0) if nxt else ""
                if nxt_word and nxt_word[0].islower():
                    if nxt_word.lower().rstrip(".") in CONJUNCTIONS:
                        out += " " + line  # "Aus- und Weiterbildung"
                    elif f"{m.group(1)}-{nxt_word}".lower() in self.hyphenated and (
                        (m.group(1) + nxt_word).lower() not in self.freq
                    ):
                        out += line  # a real compound hyphen seen elsewhere on one line
                    else:
                        out = out[:-1] + line  # soft hyphen
                else:
                    out += line  # "Baden-" + "Württemberg"
            else:
                out += " " + line
        return SPACES_RE.sub(" ", out).strip()


SKIP_FILES = {"README.md", "README", "LICENSE", ".gitkeep"}


def source_files(folder: Path) -> list[Path]:
    """The documents in a sources folder (its README/provenance table excluded), sorted by name."""
    if not folder.is_dir():
        raise SourceError(str(folder), "sources folder not found")
    files = sorted(
        p for p in folder.iterdir() if p.is_file() and p.name not in SKIP_FILES and not p.name.startswith(".")
    )
    if not files:
        raise SourceError(str(folder), "no source documents in folder")
    return files


def open_corpus(paths: Iterable[Path]) -> list[SourceDoc]:
    """Read every document strictly (PDF, HTML and DOCX through the front stage ``text.formats``) and attach one
    Repairer built from all of them."""
    docs = []
    for path in paths:
        got = extract(path)
        docs.append(SourceDoc(path, got.lines, places=got.places, meta=dict(got.meta)))
    repairer = Repairer(doc.text for doc in docs)
    for doc in docs:
        doc.repair = repairer
    return docs
