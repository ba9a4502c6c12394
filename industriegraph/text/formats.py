"""The front stage: every file in a sources folder becomes the lines the loaders read, with the place of each line
in the user's own file. The loaders stay format-blind; evidence names the user's file and place:

========  ==========================================  ======================
suffix    extractor                                   place of a line
========  ==========================================  ======================
``.txt``  strict UTF-8 (``source.read_source``)       ``file.txt:12``
``.pdf``  text layer, pypdfium2 (line boxes)          ``file.pdf:p12:l7``  (page, line on the page)
``.html`` main content, trafilatura                   ``file.html:l40``    (line of the extracted text)
``.docx`` paragraphs and table rows, python-docx      ``file.docx:¶18``    (paragraph; ``¶18:z2`` row 2 of a table)
========  ==========================================  ======================

Any other suffix is read as plain UTF-8 text (as before). Quoting an evidence line must not extract the file again
per request: ``extract`` keeps each extraction in a small on-disk cache keyed by the file's SHA-256 (and in memory
per process), so ``show``, the API and the pages read the extracted lines the build produced (see ``quote_line``).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from industriegraph.model.user_cache import cache_root
from industriegraph.text.plain import SourceError, read_source, split_evidence

CACHE_VERSION = 2  # raise when an extractor changes what it returns


@dataclass
class Extracted:
    """The lines of one file as the loaders read them; ``places[i]`` is where line i+1 is in the user's file
    (None for plain text: the place is the line number itself); ``meta`` holds document metadata (title, date)."""

    lines: list[str]
    places: list[str] | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def place(self, n: int) -> str:
        return self.places[n - 1] if self.places else str(n)

    def line_of(self, place: str) -> int | None:
        """The 1-based line number a place names (the first line with it), None if unknown."""
        if self.places is None:
            return int(place) if place.isdigit() and 1 <= int(place) <= len(self.lines) else None
        return _index(tuple(self.places)).get(place)


@lru_cache(maxsize=16)
def _index(places: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, p in enumerate(places, 1):
        out.setdefault(p, i)
    return out


# -- PDF ------------------------------------------------------------------------------------------------------------
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_PDF_CHARS = str.maketrans({"\ufffe": "-", "\x02": "-", "\r": "", "\n": " ", **_LIGATURES})


def _pdf(path: Path) -> Extracted:
    """Lines of the PDF's text layer. pdfium gives one box per run of text; boxes on one baseline form a line
    (a wide gap between them becomes two spaces, as columns of a table); a gap between lines wider than the usual
    line pitch becomes an empty line (a paragraph break); the first line of each page starts with one space, the
    page-start mark of the text extractions the loaders read (``policy_document.PAGE_START_RE``); a short
    horizontal rule (footnote separator) becomes a line of spaces, as there. Lost ligatures (U+FFFD) stay for the
    corpus repairer of ``text.source``; presentation-form ligatures (U+FB01 "ﬁ" …) become their letters."""
    import pypdfium2 as pdfium

    name = path.name
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise SourceError(
                name, "encrypted PDF (password required): no text can be read; save it without password"
            ) from None
        raise SourceError(name, f"broken PDF, cannot be opened ({reason})") from None
    pages: list[list[tuple[float, float, str]]] = []
    try:
        if len(pdf) == 0:
            raise SourceError(name, "PDF has no pages")
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(_pdf_rows(textpage, page))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not any(pages):
        raise SourceError(name, "no text layer: scanned PDF, needs OCR")
    blank = [str(number) for number, rows in enumerate(pages, 1) if not rows]
    pitches = sorted(a[0] - b[0] for rows in pages for a, b in zip(rows, rows[1:], strict=False))
    pitch = pitches[len(pitches) // 10] if pitches else 0.0  # the plain line pitch: most pairs may have gaps
    lines: list[str] = []
    places: list[str] = []
    for number, rows in enumerate(pages, 1):
        previous = None
        for on_page, (top, _bottom, text) in enumerate(rows, 1):
            if previous is not None and previous - top > 1.35 * pitch:
                lines.append("")
                places.append(f"p{number}:l{on_page - 1}")
            lines.append(" " + text if on_page == 1 else text)
            places.append(f"p{number}:l{on_page}")
            previous = top
    meta = {"pages": str(len(pages))}
    if blank:
        meta["pages_without_text"] = ", ".join(blank)
    return Extracted(lines, places, meta)


LINE_END_RE = re.compile("\r?\n|\ufffe")
RULE = " " * 59  # a footnote rule, as the text extractions the loaders read show it (a long run of spaces)


def _pdf_rows(textpage, page) -> list[tuple[float, float, str]]:
    """(top, bottom, text) per printed line of a page, top to bottom; a short horizontal rule (a footnote separator)
    is a line of spaces."""
    import pypdfium2.raw as pdfium_c

    out = _pdf_lines(textpage)
    if out is None:  # text outside UCS-2 or chars pdfium leaves out: read box by box (slower, full Unicode)
        out = _pdf_boxes(textpage)
    width = page.get_width()
    box = [ctypes.c_float() for _ in range(4)]
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):  # raw calls: ~4x faster than page.get_objects()
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box))
        left, bottom, right, top = (v.value for v in box)
        if top - bottom < 2 and 30 < right - left < width / 2:
            out.append((top, bottom, RULE))
    out.sort(key=lambda r: -r[0])
    return out


def _pdf_lines(textpage) -> list[tuple[float, float, str]] | None:
    """Lines from the page's text in reading order (one call) with their boxes (one per line); runs on one line
    with a gap wider than the line is high (table cells) joined by two spaces. None when the text does not map
    one-to-one onto pdfium's chars."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:
        return None
    starts, start = [], 0
    for m in LINE_END_RE.finditer(text):  # "\r\n" ends a line; U+FFFE is a line-end hyphen pdfium joined
        starts.append((start, m.end() if m.group() == "\ufffe" else m.start()))
        start = m.end()
    starts.append((start, count))
    rows = []
    for s, e in starts:
        piece = text[s:e].translate(_PDF_CHARS)
        if not piece.strip():
            continue
        n = textpage.count_rects(s, e - s)
        boxes = [textpage.get_rect(k) for k in range(n)]
        if not boxes:
            continue
        top, bottom = max(b[3] for b in boxes), min(b[1] for b in boxes)
        if n > 1:
            piece = _with_gaps(textpage, text, s, e, top - bottom)
        middle = (top + bottom) / 2
        if rows and rows[-1][1] <= middle <= rows[-1][0]:  # a cell pdfium put on a line of its own
            rows[-1] = (max(top, rows[-1][0]), min(bottom, rows[-1][1]), rows[-1][2] + "  " + piece.strip())
        else:
            rows.append((top, bottom, piece.strip()))
    return rows


def _with_gaps(textpage, text: str, s: int, e: int, height: float) -> str:
    """The line ``text[s:e]`` with two spaces where a space spans a gap wider than ``height`` (a table's columns)."""
    out = []
    for i in range(s, e):
        ch = text[i]
        if ch == " " and out and out[-1] != " " and s < i < e - 1:
            right = textpage.get_charbox(i - 1)[2]
            left = textpage.get_charbox(i + 1)[0]
            out.append("  " if left - right > 0.8 * height else " ")
        elif ch != " ":
            out.append(ch.translate(_PDF_CHARS))
    return "".join(out)


def _pdf_boxes(textpage) -> list[tuple[float, float, str]]:
    """(top, bottom, text) per printed line, text read box by box (``get_text_bounded``: full Unicode)."""
    boxes = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).translate(_PDF_CHARS)
        if text.strip():
            boxes.append((top, bottom, left, right, text.strip()))
    boxes.sort(key=lambda b: (-b[0], b[2]))
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for box in boxes:
        middle = (box[0] + box[1]) / 2
        if rows and rows[-1][0][1] <= middle <= rows[-1][0][0]:
            rows[-1].append(box)
        else:
            rows.append([box])
    out = []
    for row in rows:
        row.sort(key=lambda b: b[2])
        text, right = "", None
        for top, bottom, left, r, piece in row:
            if right is not None:
                text += "  " if left - right > 0.8 * (top - bottom) else " "
            text += piece
            right = r
        out.append((max(b[0] for b in row), min(b[1] for b in row), text))
    return out


# -- HTML -----------------------------------------------------------------------------------------------------------
def _html(path: Path) -> Extracted:
    """The main content of a saved web page (trafilatura: navigation, cookie banners, footers and sidebars dropped)
    as a browser shows it as text: one line per heading or paragraph with an empty line between them, a list item
    as "  • first block" with its further blocks indented below it, a table row as cells separated by two spaces.
    Title and publication date are kept as metadata."""
    import trafilatura
    from lxml import etree

    name = path.name
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(name, "file is empty")
    xml = trafilatura.extract(
        data,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    lines: list[str] = []
    if xml:
        main = etree.fromstring(xml.encode("utf-8")).find("main")
        for block in main if main is not None else []:
            _html_block(block, lines)
    while lines and not lines[-1]:
        lines.pop()
    if not any(line.strip() for line in lines):
        raise SourceError(name, "no main text found in the web page (empty, script-only or not HTML)")
    meta: dict[str, str] = {}
    info = trafilatura.extract_metadata(data)
    if info is not None:
        for key in ("title", "date", "url", "sitename"):
            value = getattr(info, key, None)
            if value:
                meta[key] = str(value)
    return Extracted(lines, [f"l{i}" for i in range(1, len(lines) + 1)], meta)


def _flat(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _html_block(block, lines: list[str]) -> None:
    """Append one block of trafilatura's XML (head, p, list, table, quote …) and the empty line after it."""
    if block.tag == "list":
        for item in block.iter("item"):
            parts = [_flat(child) for child in item if child.tag not in ("list",)] or [_flat(item)]
            if item.text and item.text.strip() and len(item):
                parts.insert(0, " ".join(item.text.split()))
            parts = [p for p in parts if p]
            if not parts:
                continue
            lines.append("  • " + parts[0])
            lines.extend("    " + p for p in parts[1:])
    elif block.tag == "table":
        for row in block.iter("row"):
            cells = [_flat(cell) for cell in row.iter("cell")]
            if any(cells):
                lines.append("  ".join(c for c in cells if c))
    else:
        text = _flat(block)
        if not text:
            return
        lines.append(text)
    lines.append("")


# -- DOCX -----------------------------------------------------------------------------------------------------------
def _docx(path: Path) -> Extracted:
    """Every paragraph of the body in order (place ``¶n``, empty paragraphs counted as Word shows them) and every
    table row as one line, cells separated by two spaces (place ``¶n:zk``: row k of the table after paragraph n)."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = path.name
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(name, "encrypted (password-protected) or old binary Word file, not DOCX: no text can be read")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(name, f"broken DOCX, cannot be opened ({exc})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    places: list[str] = []
    paragraph = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraph += 1
            lines.append(block.text.replace("\n", " ").rstrip())
            places.append(f"¶{paragraph}")
        elif isinstance(block, Table):
            for k, row in enumerate(block.rows, 1):
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                lines.append("  ".join(cells))
                places.append(f"¶{paragraph}:z{k}")
    if not any(line.strip() for line in lines):
        raise SourceError(name, "DOCX contains no text")
    meta = {}
    core = document.core_properties
    if core.title:
        meta["title"] = core.title
    if core.created:
        meta["date"] = core.created.date().isoformat()
    return Extracted(lines, places, meta)


def _text(path: Path) -> Extracted:
    return Extracted(read_source(path))


EXTRACTORS: dict[str, Callable[[Path], Extracted]] = {
    ".txt": _text,
    ".pdf": _pdf,
    ".html": _html,
    ".htm": _html,
    ".docx": _docx,
}


def extractor(path: Path) -> Callable[[Path], Extracted]:
    """The extractor for a file by its suffix; plain text for any suffix not listed."""
    return EXTRACTORS.get(path.suffix.lower(), _text)


# -- cache ----------------------------------------------------------------------------------------------------------
def cache_dir() -> Path:
    """Where extractions are kept: ``$INDUSTRIEGRAPH_CACHE`` or ``$XDG_CACHE_HOME/industriegraph/extracted``."""
    if os.environ.get("INDUSTRIEGRAPH_CACHE"):
        return Path(os.environ["INDUSTRIEGRAPH_CACHE"])
    return cache_root() / "extracted"


def extract(path: Path) -> Extracted:
    """The lines and places of one file; ``SourceError`` naming the file when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path.name, "source file not found")
    if not path.is_file():
        raise SourceError(path.name, "not a regular file")
    stat = path.stat()
    return _extract(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _extract(path: Path, mtime_ns: int, size: int) -> Extracted:
    read = extractor(path)
    if read is _text:
        return _text(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cached = cache_dir() / f"{digest}-v{CACHE_VERSION}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        return Extracted(data["lines"], data["places"], data["meta"])
    except (OSError, ValueError, KeyError):
        pass
    result = read(path)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
        tmp.write_text(
            json.dumps({"lines": result.lines, "places": result.places, "meta": result.meta}, ensure_ascii=False),
            encoding="utf-8",
        )
        tmp.replace(cached)
    except OSError:
        pass  # a read-only cache only costs a re-extraction next time
    return result


def quote_line(evidence: str, sources: Path) -> tuple[Path, int, Extracted] | None:
    """The file, 1-based line number and extraction an evidence string points at, None when it names no line."""
    file, place = split_evidence(evidence)
    path = Path(sources) / file
    if not place or not path.is_file():
        return None
    try:
        extracted = extract(path)
    except SourceError:
        return None
    n = extracted.line_of(place)
    return (path, n, extracted) if n else None
