"""Quote the source line an evidence string points at, per node and per property value: the one implementation behind
``Graph.quote``, ``Graph.evidence`` and ``value_evidence``, used by ``show``, the API, the pages and the network
tooltips.

Evidence is ``file.txt:12`` for plain text and the place in the user's own file for other formats
(``file.pdf:p12:l7``, ``file.html:l40``, ``file.docx:¶18``); those quote the line as extracted by the front stage
``text.formats``, whose extraction cache keeps quoting from re-reading a PDF per request."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from industriegraph.model.schema import NODE_BY_LABEL
from industriegraph.model.statements import decode
from industriegraph.text.formats import quote_line
from industriegraph.text.source import split_evidence

Folders = Path | Sequence[Path]  # the folder of the sources, or several searched in order
SHEETS = (".xlsx", ".ods")  # member lists as spreadsheets: a row's cells are its line


@lru_cache(maxsize=32)
def _sheet_lines(path: Path) -> tuple[str, ...]:
    from industriegraph.loaders import member_list

    return tuple(member_list.sheet_lines(path))


def _located(evidence: str, sources: Folders) -> tuple[int, str] | None:
    """The 1-based line number in the text as read and the raw line, from the first folder holding the file."""
    file, place = split_evidence(evidence)
    for folder in [sources] if isinstance(sources, str | Path) else sources:
        path = Path(folder) / file
        if not path.is_file():
            continue
        if path.suffix.lower() in SHEETS:
            lines = _sheet_lines(path)
            n = int(place) if place.isdigit() else 0
            return (n, lines[n - 1].strip()) if 1 <= n <= len(lines) else None
        found = quote_line(evidence, Path(folder))
        return (found[1], found[2].lines[found[1] - 1].strip()) if found else None
    return None


def quote(evidence: str, sources: Folders) -> str | None:
    """The raw text of the line (as extracted, for PDF, HTML and DOCX; a spreadsheet row's cells joined by " | "),
    or None when the file or line does not exist. ``sources``: the folder of the source documents, or several
    folders searched in order."""
    found = _located(evidence, sources)
    return found[1] if found else None


def evidence_rows(items: list[str] | None, sources: Folders) -> list[dict[str, Any]]:
    """Each evidence string with its file, line number and quoted line:
    ``{"evidence": "a.txt:3", "file": "a.txt", "line": 3, "quote": "…" or None}``; for PDF, HTML and DOCX ``line``
    is the line of the extracted text (``file.pdf:p12:l7`` names its page and line on the page)."""
    out = []
    for e in items or []:
        file, place = split_evidence(e)
        found = _located(e, sources)
        line = found[0] if found else (int(place) if place.isdigit() else None)
        out.append({"evidence": e, "file": file or e, "line": line, "quote": found[1] if found else None})
    return out


HIDDEN = ("id", "_label", "evidence", "statements")


def value_evidence(node: dict[str, Any], sources: Folders) -> list[dict[str, Any]]:
    """Every property value of a node with the lines that state it, quoted.

    One row per value (per item of a list that has statements): ``property``, ``value``, ``kept`` (False
    for a value another document states but the node does not hold, see ``industriegraph.model.statements``),
    ``node_evidence`` (True when no line is known for the value itself: its evidence is the node's) and
    ``evidence`` as ``[{"evidence": "file:line", "quote": …}]``. Properties in schema order."""
    stated = decode(node.get("statements"))
    spec = NODE_BY_LABEL.get(node.get("_label", ""))
    order = [p.name for p in spec.props] if spec else [k for k in node if k not in HIDDEN]
    order += [k for k in stated if k not in order]
    rows = []
    for key in order:
        value = node.get(key)
        if key in stated:
            listed = isinstance(value, list)
            for i, s in enumerate(stated[key]):
                rows.append(_row(key, s["value"], listed or i == 0, False, s["evidence"], sources))
        elif value not in (None, "", []):
            rows.append(_row(key, value, True, True, node.get("evidence") or [], sources))
    return rows


def _row(
    key: str, value: Any, kept: bool, node_evidence: bool, evidence: list[str], sources: Folders
) -> dict[str, Any]:
    return {
        "property": key,
        "value": value,
        "kept": kept,
        "node_evidence": node_evidence,
        "evidence": evidence_rows(evidence, sources),
    }
