"""Plain-text sources, the errors every reader raises and the grammar of evidence strings (``file:place``): the
bottom of the reading stack, used by ``text.formats`` (the front stage for PDF, HTML and DOCX) and ``text.source``."""

from __future__ import annotations

import re
from pathlib import Path

from industriegraph.model.schema import EVIDENCE_PLACES


class SourceError(Exception):
    """A source document cannot be read or parsed; names the file and, where known, the line (and the column of a
    table: ``file.csv:7:3``); ``where`` replaces that prefix for a place that is no line (a spreadsheet's cell)."""

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None, where: str = ""):
        self.file, self.line, self.column, self.reason = file, line, column, message
        where = where or (f"{file}:{line}:{column}" if line and column else f"{file}:{line}" if line else file)
        super().__init__(f"{where}: {message}")


def read_source(path: Path) -> list[str]:
    """Read a text source strictly; raise ``SourceError`` naming file and line on bad input."""
    name = path.name
    if not path.exists():
        raise SourceError(name, "source file not found")
    if not path.is_file():
        raise SourceError(name, "not a regular file")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(name, "file is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(name, "binary content (NUL byte), not a text document", data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})", line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.split("\n")


# -- evidence strings: ``file:place`` (see SourceDoc.ev and text.formats) --------------------------------------------
PLACE_RE = re.compile(f":({EVIDENCE_PLACES})$")  # the grammar the schema declares (and the SHACL shapes check)


def split_evidence(evidence: str) -> tuple[str, str]:
    """``("file.pdf", "p12:l7")`` for ``file.pdf:p12:l7``, ``("a.txt", "3")`` for ``a.txt:3``; ``(evidence, "")``
    when the string names no place."""
    m = PLACE_RE.search(evidence)
    if not m:
        return evidence, ""
    return evidence[: m.start()], m.group(1)


_NUMBER_RE = re.compile(r"\d+")


def place_key(place: str) -> tuple[int, ...]:
    """A sort key that orders the places of one file as they follow each other (page, then line)."""
    return tuple(int(n) for n in _NUMBER_RE.findall(place)) or (0,)


def evidence_key(evidence: str) -> tuple[str, tuple[int, ...]]:
    file, place = split_evidence(evidence)
    return file, place_key(place)
