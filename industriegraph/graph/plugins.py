"""The facade's door to the analysis layer above it.

``Graph.query``, ``Graph.match`` and ``Graph.peer_groups`` are conveniences for notebook users, but the
functions behind them live in the analysis layer, which imports the facade and never the reverse. The
facade finds them through the entry-point group ``industriegraph.analysis`` (declared in pyproject.toml),
so the layers stay one-directional and another installed package can add query modules the same way.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

GROUP = "industriegraph.analysis"


@cache
def analysis(name: str) -> ModuleType:
    """The analysis module registered under ``name`` (``queries`` or ``match`` for the built-in ones)."""
    from importlib.metadata import entry_points  # ~50 ms: only when an analysis module is first needed

    for ep in entry_points(group=GROUP, name=name):
        return import_module(ep.value)
    raise LookupError(f"no analysis module {name!r} is registered (entry-point group {GROUP!r}); reinstall the package")
