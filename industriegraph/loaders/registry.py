"""Which loader reads which document: every registered loader rates it, the surest wins."""

from __future__ import annotations

from types import ModuleType

from industriegraph.loaders import network_report, policy_document, web_page
from industriegraph.text.source import SourceDoc, SourceError

LOADERS: list[ModuleType] = [network_report, policy_document, web_page]
MIN_CONFIDENCE = 0.5


def loader_for(doc: SourceDoc) -> ModuleType:
    """Pick the loader that recognises the document best, or fail naming the file."""
    scored = sorted(((m.detect(doc), i, m) for i, m in enumerate(LOADERS)), key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    if best_score < MIN_CONFIDENCE:
        kinds = ", ".join(m.KIND for m in LOADERS)
        raise SourceError(doc.name, f"unknown document format (not recognised as any of: {kinds})", 1)
    return best
