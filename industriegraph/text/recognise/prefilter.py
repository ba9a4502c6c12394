"""A cheap substring test before an expensive regular expression scan.

Many vocabulary expressions (organisation names by their head nouns, role cues) are long and start with optional
capitalised words, so scanning a sentence costs a try at every word; most sentences contain none of the words
the expression cannot match without. ``required_literals`` reads those words from the parsed expression, and
``Prefiltered`` runs the expression only on a text that contains one of them. The answers are those of the plain
expression: the test only skips texts on which it cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser behind ``re.compile`` (Python 3.11+); without it nothing is filtered
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _sre = _sre_parse = None

MIN_LITERAL = 2  # a single character is too common to save a scan


def required_literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``rx`` contains at least one, or None when no useful set is found
    (case-insensitive expressions, back-references, requirements shorter than ``MIN_LITERAL``)."""
    if _sre_parse is None or rx.flags & re.IGNORECASE or not isinstance(rx.pattern, str):
        return None
    try:
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
    except Exception:  # noqa: BLE001 - an expression this reading does not understand is simply not filtered
        return None
    try:
        return _need(list(parsed))
    except _Unfilterable:
        return None


class _Unfilterable(Exception):
    """An element (case-insensitive group, …) that makes the whole expression unfilterable."""


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirement sets: the one whose shortest string is longer, then the smaller."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _need(items: list) -> frozenset[str] | None:
    """Requirement set of a sequence of parsed elements: the best of its literal runs and its elements' sets."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        if len(run) >= MIN_LITERAL:
            best = _better(best, frozenset(["".join(run)]))
        run = []
        if op is None:
            break
        best = _better(best, _element(op, arg))
    return best


def _element(op, arg) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        if add_flags & _sre.SRE_FLAG_IGNORECASE:
            raise _Unfilterable
        return _need(list(sub))
    if op is _sre.ATOMIC_GROUP:
        return _need(list(arg))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _high, sub = arg
        return _need(list(sub)) if low >= 1 else None
    if op is _sre.BRANCH:
        out: set[str] = set()
        for alternative in arg[1]:
            got = _need(list(alternative))
            if got is None:
                return None
            out |= got
        return frozenset(out)
    if op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
        raise _Unfilterable  # a back-reference's text is not known; keep it simple
    return None  # character classes, anchors, look-arounds: no requirement taken from them


class Prefiltered:
    """A compiled expression that is not run on a text lacking all of its required strings."""

    __slots__ = ("rx", "literals")

    def __init__(self, rx: re.Pattern[str]):
        self.rx = rx
        found = required_literals(rx)
        self.literals = None if found is None else tuple(sorted(found, key=lambda s: (-len(s), s)))

    def possible(self, text: str) -> bool:
        """False when ``text`` cannot hold a match."""
        if self.literals is None:
            return True
        for lit in self.literals:  # a plain loop: twice as fast as any() over a generator here
            if lit in text:
                return True
        return False

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text) if self.possible(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.possible(text) else None
