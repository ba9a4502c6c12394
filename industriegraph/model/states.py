"""The sixteen German Länder with their ISO 3166-2 codes, and tolerant lookup by name."""

from __future__ import annotations

import re

STATES: dict[str, str] = {
    "Baden-Württemberg": "DE-BW",
    "Bayern": "DE-BY",
    "Berlin": "DE-BE",
    "Brandenburg": "DE-BB",
    "Bremen": "DE-HB",
    "Hamburg": "DE-HH",
    "Hessen": "DE-HE",
    "Mecklenburg-Vorpommern": "DE-MV",
    "Niedersachsen": "DE-NI",
    "Nordrhein-Westfalen": "DE-NW",
    "Rheinland-Pfalz": "DE-RP",
    "Saarland": "DE-SL",
    "Sachsen": "DE-SN",
    "Sachsen-Anhalt": "DE-ST",
    "Schleswig-Holstein": "DE-SH",
    "Thüringen": "DE-TH",
}
_EXTRA = {
    "nrw": "Nordrhein-Westfalen",
    "bavaria": "Bayern",
    "hesse": "Hessen",
    "saxony": "Sachsen",
    "lower saxony": "Niedersachsen",
    "thuringia": "Thüringen",
    "freie und hansestadt hamburg": "Hamburg",
}


def _norm(name: str) -> str:
    return re.sub(r"[\s\-‐–]+", " ", name).strip().lower()


_BY_NORM = {_norm(k): k for k in STATES} | _EXTRA


def canonical_state(name: str) -> str | None:
    """The German name of a Land for a spelling such as 'Baden- Württemberg' or 'NRW'; None if unknown."""
    return _BY_NORM.get(_norm(name))


def state_id(name: str) -> str:
    return "state:" + STATES[name].lower()
