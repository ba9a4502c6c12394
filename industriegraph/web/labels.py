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


def install(env: Environment) -> None:
    env.globals.update(
        fmt=fmt,
        kind_label=kind_label,
        role_label=role_label,
        event_kind_label=event_kind_label,
        status_label=status_label,
        radius_label=radius_label,
    )
    env.filters["de"] = fmt
