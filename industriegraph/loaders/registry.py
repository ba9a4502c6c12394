"""Which loader reads which document: every registered loader rates it, the surest wins.

A readable text that no loader claims (every score below ``MIN_CONFIDENCE``) is read by the general reader
(``web_page``, which reads any prose with the shared recognisers) and the choice says so, so that the build
can warn naming the file; with ``strict`` such a text is refused instead. Text that is not prose (a delimited
table, numbers only) is refused either way, as are broken encodings, binary and empty files (``text.source``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from industriegraph.loaders import network_report, policy_document, web_page
from industriegraph.text.source import SourceDoc, SourceError

LOADERS: list[ModuleType] = [network_report, policy_document, web_page]
GENERAL = web_page
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Choice:
    loader: ModuleType
    fallback: bool  # no loader claimed the text: the general reader reads it
    score: float


def readable(doc: SourceDoc) -> bool:
    """Prose the general reader can read: some words of three letters or more, not a delimited table."""
    words = re.findall(r"[^\W\d_]{3,}", doc.text)
    lines = [ln for ln in doc.lines if ln.strip()]
    delimited = sum(1 for ln in lines if ln.count(";") >= 2 or ln.count("\t") >= 2)
    return len(words) >= 5 and delimited <= len(lines) / 2


def choose(doc: SourceDoc, strict: bool = False) -> Choice:
    """The loader for a document, or a ``SourceError`` naming the file when none may read it."""
    scored = sorted(((m.detect(doc), i, m) for i, m in enumerate(LOADERS)), key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    if best_score >= MIN_CONFIDENCE:
        return Choice(best, False, best_score)
    kinds = ", ".join(m.KIND for m in LOADERS)
    if not readable(doc):
        raise SourceError(doc.name, f"unknown document format (not recognised as any of: {kinds})", 1)
    if strict:
        raise SourceError(
            doc.name,
            f"no specialised loader recognises this text (not any of: {kinds}); --strict refuses what only the "
            "general reader would read",
            1,
        )
    return Choice(GENERAL, True, best_score)
