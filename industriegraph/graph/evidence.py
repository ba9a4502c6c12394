"""Quote the source line an evidence string (``file:line``) points at: the one implementation behind
``Graph.quote`` and ``Graph.evidence``, used by ``show``, the API, the pages and the network tooltips."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=32)
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").split("\n"))


def quote(evidence: str, sources: Path) -> str | None:
    """The raw text of the line, or None when the file or line does not exist."""
    file, _, line = evidence.rpartition(":")
    path = Path(sources) / file
    if not line.isdigit() or not path.is_file():
        return None
    lines = _lines(path)
    n = int(line)
    return lines[n - 1].strip() if 1 <= n <= len(lines) else None


def evidence_rows(items: list[str] | None, sources: Path) -> list[dict[str, Any]]:
    """Each evidence string with its file, line number and quoted line:
    ``{"evidence": "a.txt:3", "file": "a.txt", "line": 3, "quote": "…" or None}``."""
    out = []
    for e in items or []:
        file, _, line = e.rpartition(":")
        out.append(
            {
                "evidence": e,
                "file": file or e,
                "line": int(line) if line.isdigit() else None,
                "quote": quote(e, sources),
            }
        )
    return out
