"""Where the project's source documents are: a module of its own, so that quoting evidence (``show``, the explorer)
does not import the build and with it every loader (~0.4 s CPU in a fresh process)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def default_sources() -> Path:
    """``data/sources`` of the project checkout, else of the working directory."""
    here = PACKAGE_ROOT / "data" / "sources"
    return here if here.is_dir() else Path("data") / "sources"
