"""The comparison form of names, shared by resolution, look-ups and search: one normaliser for everyone."""

from __future__ import annotations

import re
import unicodedata

LEGAL_FORMS = {"e", "v", "ev", "gmbh", "mbh", "ggmbh", "ag", "se", "kg", "co", "eg"}
TITLES = {"dr", "prof", "ing", "dipl", "phd", "h", "c"}


def norm(name: str, label: str = "") -> str:
    """Comparison form of a name: ASCII-folded, lower case, no legal form, title or punctuation."""
    s = name.lower().replace("ß", "ss")
    s = s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    tokens = re.findall(r"[a-z0-9]+", s)
    drop = LEGAL_FORMS | (TITLES if label == "Person" else set())
    kept = [t for t in tokens if t not in drop]
    return " ".join(kept or tokens)


def slug(text: str, limit: int = 64) -> str:
    s = norm(text).replace(" ", "-")
    return s[:limit].rstrip("-") or "x"
