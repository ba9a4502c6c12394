"""Dates in German and English prose ("3. März 2015", "March 3, 2015", "3 March 2015", "März 2015") as ISO
strings; month names come from ``months.yaml``."""

from __future__ import annotations

import re

from industriegraph.text.recognise.lexicon import lexicon

MONTH_NUM = {n.lower(): m.number for m in lexicon().vocab.months for n in (m.de, m.en)}
MONTH_RX = "|".join(sorted({n.capitalize() for n in MONTH_NUM}, key=len, reverse=True))
_MONTH_NUM, _MONTH_RX = MONTH_NUM, MONTH_RX


# The forms a date takes in German and English text: (expression, group of the year, the month, the day or None).
_FORMS = (
    (rf"(\d{{1,2}})\.\s*({_MONTH_RX})\s+(\d{{4}})", 3, 2, 1),  # 18. November 2019
    (rf"({_MONTH_RX})\s+(\d{{1,2}}),?\s+(\d{{4}})", 3, 1, 2),  # November 18, 2019
    (rf"(\d{{1,2}})\s+({_MONTH_RX})\s+(\d{{4}})", 3, 2, 1),  # 18 November 2019
    (rf"({_MONTH_RX})\s+(\d{{4}})", 2, 1, None),  # November 2019
)


def iso_date(text: str) -> str | None:
    """ISO date (or YYYY-MM) from a German or English date expression: the first form that matches."""
    t = text.strip()
    for expression, year, month, day in _FORMS:
        m = re.search(expression, t)
        if m:
            ym = f"{m.group(year)}-{_MONTH_NUM[m.group(month).lower()]:02d}"
            return f"{ym}-{int(m.group(day)):02d}" if day else ym
    return None


DATE_RX = re.compile("|".join(re.sub(r"\((?!\?)", "(?:", expression) for expression, *_ in _FORMS))


def dates(text: str) -> list[str]:
    return [d for d in (iso_date(m.group(0)) for m in DATE_RX.finditer(text)) if d]
