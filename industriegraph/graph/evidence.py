"""Quote the source line an evidence string (``file:line``) points at."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=32)
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").split("\n"))


def quote(evidence: str, sources: Path) -> str | None:
    """The raw text of the line, or None when the file or line does not exist."""
    file, _, line = evidence.rpartition(":")
    path = sources / file
    if not line.isdigit() or not path.is_file():
        return None
    lines = _lines(path)
    n = int(line)
    return lines[n - 1].strip() if 1 <= n <= len(lines) else None
