"""Rows as CSV: lists joined with '; ' so a spreadsheet shows them in one cell."""

from __future__ import annotations

import csv
from typing import IO, Any


def write_csv(out: IO[str], columns: list[str], rows: list[dict[str, Any]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(
            [
                "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                for v in (r.get(c) for c in columns)
            ]
        )
