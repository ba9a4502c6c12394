"""Quote the source line an evidence string (``file:line``) points at, per node and per property value: the one
implementation behind ``Graph.quote``, ``Graph.evidence`` and ``value_evidence``, used by ``show``, the API, the pages
and the network tooltips."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from industriegraph.model.schema import NODE_BY_LABEL
from industriegraph.model.statements import decode

Folders = Path | Sequence[Path]  # the folder of the sources, or several searched in order


@lru_cache(maxsize=32)
def _lines(path: Path) -> tuple[str, ...]:
    if path.suffix.lower() in (".xlsx", ".ods"):  # a spreadsheet (a member list): a row's cells
        from industriegraph.loaders import member_list

        return tuple(member_list.sheet_lines(path))
    try:
        return tuple(path.read_text(encoding="utf-8").split("\n"))
    except UnicodeDecodeError:
        return ()


def _path(file: str, sources: Folders) -> Path | None:
    for folder in [sources] if isinstance(sources, str | Path) else sources:
        if (Path(folder) / file).is_file():
            return Path(folder) / file
    return None


def quote(evidence: str, sources: Folders) -> str | None:
    """The raw text of the line (a spreadsheet's row: its cells joined by " | "), or None when the file or line
    does not exist. ``sources``: the folder of the source documents, or several folders searched in order."""
    file, _, line = evidence.rpartition(":")
    path = _path(file, sources)
    if not line.isdigit() or path is None:
        return None
    lines = _lines(path)
    n = int(line)
    return lines[n - 1].strip() if 1 <= n <= len(lines) else None


def evidence_rows(items: list[str] | None, sources: Folders) -> list[dict[str, Any]]:
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
