"""Documents as users keep them, made from the vendored ``.txt`` sources: PDF (fpdf2, DejaVu), a saved web page
(HTML with navigation, cookie banner and footer around the article) and DOCX (python-docx). Used by the format
tests and ``benchmarks/formats_bench.py``; the files go to temporary folders, never into the repository."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"


def font_available() -> bool:
    return FONT.is_file()


def txt_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _printed_lines(path: Path) -> list[str]:
    return printable(path.read_text(encoding="utf-8")).split("\n")


@lru_cache(maxsize=1)
def _missing_pattern() -> re.Pattern[str]:
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(FONT)).getBestCmap()
    text = "".join(p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt"))
    missing = sorted({c for c in text if c not in "\n\t" and ord(c) not in cmap})
    return re.compile("(?:" + "|".join(re.escape(c) for c in missing) + ") ?" if missing else "(?!)")


def printable(text: str) -> str:
    """``text`` without the characters the test font cannot draw (the report's arrows "⮚" and "🡪", each with the
    space after it): the text a PDF made by ``make_pdf`` really carries."""
    return _missing_pattern().sub("", text)


def printed_twin(txt: Path, out: Path) -> Path:
    """The ``.txt`` twin of ``make_pdf(txt)``: ``txt`` as printed (see ``printable``)."""
    out.write_text(printable(txt.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def make_pdf(txt: Path, out: Path, *, font_size: float = 8.0, width_mm: float | None = None) -> Path:
    """Render each line of ``txt`` (as ``printable``) as printed lines of a PDF in DejaVu Sans: a line wider than the
    text column wraps onto the next printed line, an empty line leaves a paragraph gap, pages break where the
    original's pages broke (the extraction marks a page's first line with leading space; sentences run over page
    breaks) or where a page is full. Runs of two or more spaces (table columns in the extraction) become positional
    gaps, as PDF writers set table cells; a run of spaces alone (the footnote rule) a drawn rule; footnote URLs are
    small print. Page furniture (numbers, running heads) is what the ``.txt`` already holds."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=font_size)
    pdf.add_page()
    line_h = font_size * 0.42
    width = width_mm or 0
    for line in _printed_lines(txt):
        text = line.strip()
        if not text and len(line) >= 15:  # the footnote rule of the original, extracted as a run of spaces
            pdf.line(pdf.l_margin, pdf.get_y() + line_h / 2, pdf.l_margin + 50, pdf.get_y() + line_h / 2)
            pdf.ln(line_h)
            continue
        if not text:
            pdf.ln(line_h * 0.6)
            continue
        if re.match(r"^ {1,2}\S", line) and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()  # the extraction marks the first line of each page of the original with leading space
        small = re.fullmatch(r"(\d{1,3} )?https?://\S+", text) is not None  # footnote URLs: small print
        pdf.set_font_size(font_size * 0.7 if small else font_size)
        parts = re.split(r"\s{2,}", text)
        gap = 4.0  # mm between the columns of a table row: a positional gap, as PDF writers set table cells
        if len(parts) > 1 and sum(pdf.get_string_width(p) for p in parts) + gap * len(parts) <= pdf.epw:
            x = pdf.l_margin
            for part in parts:
                pdf.set_x(x)
                pdf.cell(pdf.get_string_width(part), line_h, part)
                x = pdf.get_x() + gap
            pdf.ln(line_h)
        elif pdf.get_string_width(text) <= (width or pdf.epw):
            pdf.cell(width, line_h, " ".join(parts), new_x="LMARGIN", new_y="NEXT")
        else:  # wider than the column: wrapped over printed lines
            pdf.multi_cell(width, line_h, " ".join(parts), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


def _article(txt: Path) -> str:
    """The article as HTML: a bulleted line ("• Heading") with the indented lines after it is a list item with a heading
    and its paragraph (an accordion, as on hamburg.de); every other non-empty line is a paragraph."""
    out: list[str] = []
    in_list = False
    for line in txt_lines(txt):
        text = line.strip()
        bullet = re.match(r"^\s*[•▪]\s+(.+)$", line)
        if bullet:
            if in_list:
                out.append("</li>")
            else:
                out.append("<ul>")
            out.append(f"<li><h3>{html.escape(bullet.group(1).strip())}</h3>")
            in_list = True
        elif in_list and text and line[:1].isspace():
            out.append(f"<p>{html.escape(text)}</p>")
        else:
            if in_list:
                out.append("</li></ul>")
                in_list = False
            if text:
                out.append(f"<p>{html.escape(text)}</p>")
    if in_list:
        out.append("</li></ul>")
    return "\n".join(out)


def make_html(txt: Path, out: Path, *, title: str, date: str) -> Path:
    """A web page as a browser saves it: a cookie banner, header with navigation, the article and a footer with
    links."""
    body = _article(txt)
    page = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="article:published_time" content="{date}">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu
bieten. Mit der Nutzung stimmen Sie der Cookie-Richtlinie zu.</p><button>Alle akzeptieren</button>
<button>Nur notwendige Cookies</button></div>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/wirtschaft">Wirtschaft</a></li>
<li><a href="/politik">Politik &amp; Verwaltung</a></li><li><a href="/service">Service</a></li>
<li><a href="/kontakt">Kontakt</a></li></ul></nav></header>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main>
<footer><ul><li><a href="/impressum">Impressum</a></li><li><a href="/datenschutz">Datenschutz</a></li>
<li><a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></li></ul>
<p>© 2026 Alle Rechte vorbehalten</p></footer>
</body></html>
"""
    out.write_text(page, encoding="utf-8")
    return out


def make_docx(txt: Path, out: Path) -> Path:
    """A Word document with one paragraph per line of ``txt`` (empty lines as empty paragraphs)."""
    from docx import Document

    doc = Document()
    for line in txt_lines(txt):
        doc.add_paragraph(line.rstrip())
    doc.save(str(out))
    return out
