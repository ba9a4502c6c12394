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


def install(env: Environment) -> None:
    env.globals.update(
        exact_hit=exact_hit,
        fmt=fmt,
        kind_label=kind_label,
        role_label=role_label,
        event_kind_label=event_kind_label,
        status_label=status_label,
        radius_label=radius_label,
    )
    env.filters["de"] = fmt
