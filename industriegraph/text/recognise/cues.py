"""Cue words of a kind of document (``cues.yaml``) as the loaders use them: a group's alternatives joined into
one expression, its words as a set, or its entries in file order (role cues with their side, event words with
their kind)."""

from __future__ import annotations

import re
from functools import cache

from industriegraph.model.vocab import DocumentCue
from industriegraph.text.recognise.lexicon import lexicon


@cache
def entries(group: str) -> tuple[DocumentCue, ...]:
    """The group's entries in file order; an unknown group is an error, not an empty list."""
    found = tuple(c for c in lexicon().vocab.cues if c.group == group)
    if not found:
        raise KeyError(f"cues.yaml has no group {group!r}")
    return found


def fill(template: str, parts: dict[str, str]) -> str:
    """A name pattern with its placeholders ("<PLACE>") replaced by the loader's expressions."""
    for key, value in parts.items():
        template = template.replace(f"<{key}>", value)
    if re.search(r"<[A-Z_]+>", template):
        raise KeyError(f"unfilled placeholder in {template!r}")
    return template


def pattern(group: str, **parts: str) -> str:
    """The group's alternatives as one expression source ("A|B|C"), for use inside a larger expression."""
    return fill("|".join(p for c in entries(group) for p in c.patterns), parts)


@cache
def regex(group: str, **parts: str) -> re.Pattern[str]:
    """The group's alternatives compiled, case-insensitive when the group's first entry says so."""
    return re.compile(pattern(group, **parts), re.IGNORECASE if entries(group)[0].ignorecase else 0)


def regex_of(entry: DocumentCue, **parts: str) -> re.Pattern[str]:
    """One entry's alternatives compiled."""
    return re.compile(fill("|".join(entry.patterns), parts), re.IGNORECASE if entry.ignorecase else 0)


def regexes(group: str, **parts: str) -> list[re.Pattern[str]]:
    """One compiled expression per entry of the group, in file order."""
    return [regex_of(c, **parts) for c in entries(group)]


@cache
def words(group: str) -> frozenset[str]:
    """The group's literal words."""
    return frozenset(w for c in entries(group) for w in c.words)
