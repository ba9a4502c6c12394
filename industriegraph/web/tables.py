"""Every table of the explorer downloadable as CSV, and scrolling inside its container on small screens.

Pages are rendered as they are; a middleware (``install``) then

* wraps each ``<table>`` of an HTML page in ``<div class="table-scroll">`` and puts a link under it:
  the same address with ``csv_tabelle=N`` added;
* answers such an address with table N of the page as CSV (UTF-8 with a byte-order mark, so that
  spreadsheet programs read umlauts right; comma-separated, quoted as RFC 4180 says).

So a new page gets both without any code of its own.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import Response

PARAM = "csv_tabelle"
_TABLE_OPEN = re.compile(rb"<table\b[^>]*>")
_TABLE_CLOSE = re.compile(rb"</table>")
NO_CSV = b"data-no-csv"  # small tables explaining a value (``<table data-no-csv>``) get neither wrapper nor link


def csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_response(header: list[str], rows: list[list[Any]], filename: str) -> Response:
    return Response(
        csv_bytes(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


class _Tables(HTMLParser):
    """The text of every cell of every top-level table, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0
        self._ignored = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                if any(k == "data-no-csv" for k, _ in attrs):
                    self._ignored = True
                else:
                    self._ignored = False
                    self.tables.append([])
        elif self._ignored:
            return
        elif self._depth == 1 and tag == "tr":
            self._row = []
        elif self._depth == 1 and tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("br", "li") and self._cell is not None and self._cell:
            self._cell.append("; " if tag == "li" else " ")
        elif tag in ("details", "script", "style") and self._cell is not None:
            self._skip += tag != "details"  # details: its summary is kept, the rest too (plain text)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif self._ignored:
            return
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = re.sub(r"\s+", " ", "".join(self._cell)).strip().strip(";").strip()
            self._row.append(text)
            self._cell = None
        elif self._depth == 1 and tag == "tr" and self._row is not None:
            if self._row:
                self.tables[-1].append(self._row)
            self._row = None
        elif tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def tables_of(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _filename(path: str, n: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"
    return f"{slug}-tabelle-{n}.csv"


def _decorate(body: bytes, path: str, query: str) -> bytes:
    """Wrap each top-level table for scrolling and put its CSV link under it."""
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != PARAM]
    out = bytearray()
    pos = 0
    n = 0
    stack: list[bool] = []  # per open table: decorated?
    tokens = sorted(
        [(m.start(), m.end(), NO_CSV not in m.group(0)) for m in _TABLE_OPEN.finditer(body)]
        + [(m.start(), m.end(), None) for m in _TABLE_CLOSE.finditer(body)]
    )
    for start, end, decorate in tokens:
        if decorate is not None:
            top = decorate and not stack
            stack.append(top)
            if top:
                out += body[pos:start] + b'<div class="table-scroll" tabindex="0">'
                pos = start
        elif stack and stack.pop():
            n += 1
            href = f"{path}?{urlencode([*params, (PARAM, str(n))])}".replace("&", "&amp;")
            out += (
                body[pos:end]
                + (
                    f'</div><p class="csv-link"><a href="{href}" download>Tabelle als CSV herunterladen</a></p>'
                ).encode()
            )
            pos = end
    out += body[pos:]
    return bytes(out)


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def tables(request: Request, call_next):
        path = request.url.path
        if request.method != "GET" or path.startswith(("/api/", "/static/", "/openapi")):
            return await call_next(request)
        wanted = request.query_params.get(PARAM)
        response = await call_next(request)
        if not response.headers.get("content-type", "").startswith("text/html"):
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        if wanted is None:
            if b"<table" not in body:
                return Response(body, status_code=response.status_code, headers=headers)
            return Response(_decorate(body, path, request.url.query), status_code=response.status_code, headers=headers)
        if response.status_code != 200:
            return Response(body, status_code=response.status_code, headers=headers)
        found = tables_of(body.decode("utf-8", "replace"))
        if not wanted.isdigit() or not 1 <= int(wanted) <= len(found):
            return Response(
                f"Diese Seite hat keine Tabelle {wanted} (sie hat {len(found)}).".encode(),
                status_code=404,
                media_type="text/plain; charset=utf-8",
            )
        rows = found[int(wanted) - 1]
        return csv_response(rows[0] if rows else [], rows[1:], _filename(path, int(wanted)))
