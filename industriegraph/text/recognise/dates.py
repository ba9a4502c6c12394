"""Dates in German and English prose ("3. März 2015", "March 3, 2015", "3 March 2015", "März 2015") as ISO
strings; month names come from ``months.yaml``."""

from __future__ import annotations

import re

from industriegraph.text.recognise.lexicon import lexicon

MONTH_NUM = {n.lower(): m.number for m in lexicon().vocab.months for n in (m.de, m.en)}
MONTH_RX = "|".join(sorted({n.capitalize() for n in MONTH_NUM}, key=len, reverse=True))
_MONTH_NUM, _MONTH_RX = MONTH_NUM, MONTH_RX


def iso_date(text: str) -> str | None:
    """ISO date (or YYYY-MM) from a German or English date expression."""
    t = text.strip()
    m = re.search(rf"(\d{{1,2}})\.\s*({_MONTH_RX})\s+(\d{{4}})", t)
    if m:
        return f"{m.group(3)}-{_MONTH_NUM[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = re.search(rf"({_MONTH_RX})\s+(\d{{1,2}}),?\s+(\d{{4}})", t)
    if m:
        return f"{m.group(3)}-{_MONTH_NUM[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    m = re.search(rf"(\d{{1,2}})\s+({_MONTH_RX})\s+(\d{{4}})", t)
    if m:
        return f"{m.group(3)}-{_MONTH_NUM[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = re.search(rf"({_MONTH_RX})\s+(\d{{4}})", t)
    if m:
        return f"{m.group(2)}-{_MONTH_NUM[m.group(1).lower()]:02d}"
    return None


DATE_RX = re.compile(
    rf"\d{{1,2}}\.\s*(?:{_MONTH_RX})\s+\d{{4}}|(?:{_MONTH_RX})\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+(?:{_MONTH_RX})\s+\d{{4}}|(?:{_MONTH_RX})\s+\d{{4}}"
)


def dates(text: str) -> list[str]:
    return [d for d in (iso_date(m.group(0)) for m in DATE_RX.finditer(text)) if d]
