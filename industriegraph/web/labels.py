"""German labels and number formatting for templates: one place the pages take them from.

The functions live in ``industriegraph.model.german`` (analysis and CLI need them too); ``install`` makes them
available in every template as ``fmt``, ``kind_label``, ``role_label``, ``event_kind_label``, ``status_label``.
"""

from __future__ import annotations

from jinja2 import Environment

from industriegraph.model.german import event_kind_label, kind_label, number, radius_label, role_label, status_label


def fmt(value, digits: int = 2) -> str:
    """A number in German notation for templates (integers without decimals)."""
    if isinstance(value, int):
        return number(value)
    return number(value, digits)


def exact_hit(query: str, hits) -> bool:
    """Whether a hit is named as the query (after normalisation: case, umlauts, legal forms, punctuation), or the
    query is a word of the texts a hit matched; otherwise the page says plainly that nothing was found."""
    from industriegraph.text.normalize import norm

    wanted = norm(query)
    if not wanted:
        return False
    for hit in hits:
        if norm(hit.name) == wanted or wanted in norm(hit.name).split():
            return True
        if any(norm(word) == wanted for word in getattr(hit, "matched", []) or []):
            return True
    return False


def codes_de(text: str) -> str:
    """A text with the schema codes it contains (organisation kinds, event kinds: search snippets show the
    searchable properties) replaced by their German labels."""
    import re

    from industriegraph.model.kinds import KINDS
    from industriegraph.model.schema import value_labels_de

    codes = {c: kind_label(c) for c in KINDS if c != kind_label(c)}
    codes.update({c: event_kind_label(c) for c in value_labels_de("Event", "kind")})
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes, key=len, reverse=True))) + r")(?![\w-])"
    )
    return pattern.sub(lambda m: codes[m.group(1)], str(text))


_EN = frozenset("the of and to for in is are be with by on from that this will can if as".split())
_DE = frozenset("der die das und zu für in ist sind mit von auf den dem des ein eine im zur zum wird".split())


def lang_of(text: str) -> str:
    """ "en" for a text from an English source (more English than German function words, at least two), else
    "de": names and wordings from English documents are marked ``lang="en"`` for screen readers."""
    import re

    words = re.findall(r"[a-zäöüß]+", str(text).lower())
    en = sum(w in _EN for w in words)
    de = sum(w in _DE for w in words)
    return "en" if en >= 2 and en > de else "de"


def install(env: Environment) -> None:
    env.globals.update(
        exact_hit=exact_hit,
        lang_of=lang_of,
        fmt=fmt,
        kind_label=kind_label,
        role_label=role_label,
        event_kind_label=event_kind_label,
        status_label=status_label,
        radius_label=radius_label,
    )
    env.filters["de"] = fmt
    env.filters["codes_de"] = codes_de
