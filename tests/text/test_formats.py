"""Documents as users keep them: the Masterplan and the network report as PDF, a saved web page (HTML with navigation,
cookie banner and footer), the 2019 article as DOCX — all made by the tests from the vendored ``.txt`` sources — build
the same records as their ``.txt`` twins, with evidence pointing into the user's own file; encrypted, scanned-only
and broken files end the build with an error naming the file and what is missing, and the previous graph stays."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.facade import Graph
from industriegraph.loaders.registry import choose
from industriegraph.pipeline.build import build
from industriegraph.text import formats
from industriegraph.text.source import SourceDoc, open_corpus, place_key, source_files, split_evidence

from ..conftest import SOURCES
from ..documents import font_available, make_docx, make_html, make_pdf, printed_twin

pytestmark = pytest.mark.skipif(not font_available(), reason="DejaVu Sans (fonts-dejavu) is needed to render PDFs")

PLAN = "masterplan-industrie-hamburg"
REPORT = "servicestelle-industrieinitiativen-abschlussbericht"
PAGE = "buendnis-industrie-der-zukunft-hamburg"
ARTICLE = "senate-ivh-alliance-2019"
PAGE_TITLE = "Bündnis für die Industrie der Zukunft – hamburg.de"
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _own_cache(tmp_path_factory):
    """Extractions go to a cache of this module, not the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INDUSTRIEGRAPH_CACHE", str(tmp_path_factory.mktemp("extracted")))
        yield


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, Path]:
    """Two copies of the sources: the user's formats (report and Masterplan as PDF, the web page as HTML, the article
    as DOCX) and their ``.txt`` twins (the report as printed, without the two arrows the font cannot draw)."""
    user = tmp_path_factory.mktemp("user") / "sources"
    twins = tmp_path_factory.mktemp("twins") / "sources"
    for folder in (user, twins):
        shutil.copytree(SOURCES, folder)
        shutil.copy(SOURCES.parent / "aliases.yaml", folder.parent)  # the curated aliases, as beside data/sources
    for name in (PLAN, REPORT, PAGE, ARTICLE):
        (user / f"{name}.txt").unlink()
    make_pdf(SOURCES / f"{PLAN}.txt", user / f"{PLAN}.pdf")
    make_pdf(SOURCES / f"{REPORT}.txt", user / f"{REPORT}.pdf")
    printed_twin(SOURCES / f"{REPORT}.txt", twins / f"{REPORT}.txt")
    make_html(SOURCES / f"{PAGE}.txt", user / f"{PAGE}.html", title=PAGE_TITLE, date="2019-11-18")
    make_docx(SOURCES / f"{ARTICLE}.txt", user / f"{ARTICLE}.docx")
    return user, twins


@pytest.fixture(scope="module")
def corpora(folders) -> tuple[dict[str, SourceDoc], dict[str, SourceDoc]]:
    user, twins = folders
    return (
        {d.path.stem: d for d in open_corpus(source_files(user))},
        {d.path.stem: d for d in open_corpus(source_files(twins))},
    )


def _records(doc: SourceDoc) -> tuple[Counter, Counter, list[str]]:
    """Entity and link records of one document (file names replaced by the stem, evidence left out) and all
    evidence strings."""
    result = choose(doc).loader.load(doc)

    def norm(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr).replace(doc.name, doc.path.stem)

    entities = Counter((e.label, norm(e.key), norm(e.props)) for e in result.entities)
    links = Counter((ln.type, norm(ln.source), norm(ln.target), norm(ln.props)) for ln in result.links)
    evidence = [ev for e in result.entities for ev in e.evidence] + [ev for ln in result.links for ev in ln.evidence]
    evidence += [ev for e in result.entities for v in e.prop_evidence.values() for ev in _flatten(v)]
    return entities, links, evidence


def _flatten(v):
    for x in v:
        yield from (_flatten(x) if isinstance(x, list) else [x])


def _same_records(corpora, stem: str, suffix: str, place: str) -> Counter:
    user, twins = corpora
    doc = user[stem]
    assert doc.name == f"{stem}{suffix}"
    got_e, got_l, evidence = _records(doc)
    want_e, want_l, _ = _records(twins[stem])
    assert got_e == want_e, (sorted(got_e - want_e)[:3], sorted(want_e - got_e)[:3])
    assert got_l == want_l, (sorted(got_l - want_l)[:3], sorted(want_l - got_l)[:3])
    assert evidence and all(e.startswith(f"{stem}{suffix}:") for e in evidence), evidence[:5]
    assert all(re.fullmatch(place, split_evidence(e)[1]) for e in evidence), evidence[:5]
    return Counter(label for label, _, _ in got_e.elements())


def test_masterplan_pdf_builds_the_records_of_its_twin(corpora):
    labels = _same_records(corpora, PLAN, ".pdf", r"p\d+:l\d+")
    assert (labels["ActionField"], labels["Objective"], labels["Measure"]) == (5, 14, 51)
    doc = corpora[0][PLAN]
    pages = {split_evidence(e)[1].split(":")[0] for e in doc.ev(*range(1, len(doc.lines) + 1))}
    assert len(pages) >= 20  # the plan's pages, with sentences running over page breaks


def test_report_pdf_builds_the_records_of_its_twin(corpora):
    labels = _same_records(corpora, REPORT, ".pdf", r"p\d+:l\d+")
    assert labels["Initiative"] >= 93
    # lost ligatures of the original (U+FFFD) reach the corpus repairer as in the .txt and are repaired alike
    repaired = []
    for doc in (corpora[0][REPORT], corpora[1][REPORT]):
        damaged = [n for n, line in enumerate(doc.lines, 1) if "\ufffd" in line]
        repaired.append(Counter(" ".join(doc.clean(n).split()) for n in damaged))
    assert sum(repaired[1].values()) > 600
    assert sum((repaired[0] & repaired[1]).values()) >= 0.97 * sum(repaired[1].values())
    assert any("Wirtschaft" in line for line in repaired[0])


def test_saved_web_page_builds_the_records_of_its_twin_without_page_chrome(corpora):
    _same_records(corpora, PAGE, ".html", r"l\d+")
    doc = corpora[0][PAGE]
    text = doc.text
    for chrome in ("Cookie", "Startseite", "Impressum", "Datenschutz", "Alle Rechte vorbehalten"):
        assert chrome not in text
    assert doc.meta["title"] == PAGE_TITLE
    assert doc.meta["date"] == "2019-11-18"


def test_docx_builds_the_records_of_its_twin(corpora):
    _same_records(corpora, ARTICLE, ".docx", r"¶\d+")
    doc = corpora[0][ARTICLE]
    assert doc.ev(3) == [f"{ARTICLE}.docx:¶3"]
    assert doc.line(3) == (SOURCES / f"{ARTICLE}.txt").read_text(encoding="utf-8").split("\n")[2].rstrip()


def test_pdf_line_reading_and_its_full_unicode_fallback_agree(folders):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(folders[0] / f"{PLAN}.pdf"))
    try:
        for page in pdf:
            textpage = page.get_textpage()
            fast = formats._pdf_lines(textpage)
            assert fast is not None
            slow = formats._pdf_boxes(textpage)
            assert [t for _, _, t in sorted(fast, key=lambda r: -r[0])] == [t for _, _, t in slow]
    finally:
        pdf.close()


def test_pdf_ligature_glyphs_become_letters_and_hyphens_stay(tmp_path):
    from fpdf import FPDF

    from ..documents import FONT

    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=10)
    pdf.add_page()
    for line in ("Ofﬁzielle Zertiﬁzierung und Einﬂuss der Wert-", "schöpfung in Baden-", "Württemberg"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "ligaturen.pdf"))
    got = formats.extract(tmp_path / "ligaturen.pdf")
    assert got.lines == [" Offizielle Zertifizierung und Einfluss der Wert-", "schöpfung in Baden-", "Württemberg"]
    assert got.places == ["p1:l1", "p1:l2", "p1:l3"]
    doc = open_corpus([tmp_path / "ligaturen.pdf"])[0]
    assert doc.joined(1, 3) == "Offizielle Zertifizierung und Einfluss der Wertschöpfung in Baden-Württemberg"


def test_pdf_with_scanned_pages_among_text_pages_is_read_with_a_warning(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    from industriegraph.pipeline.build import load_documents

    from ..documents import FONT

    folder = tmp_path / "sources"
    folder.mkdir()
    Image.new("L", (200, 280), 235).save(tmp_path / "scan.png")
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=9)
    pdf.add_page()
    for line in (SOURCES / "klimaready-cluster-bruecke-allermoehe.txt").read_text(encoding="utf-8").split("\n"):
        pdf.multi_cell(0, 4, line.strip() or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.image(str(tmp_path / "scan.png"), x=10, y=10, w=190)
    pdf.output(str(folder / "blog.pdf"))
    warnings: list[str] = []
    _, results, _ = load_documents(folder, warnings=warnings)
    assert results[0].entities
    scanned = [w for w in warnings if "no text layer" in w]
    assert len(scanned) == 1 and scanned[0].startswith("blog.pdf: no text layer on page(s) 2 "), warnings


def test_evidence_places():
    assert split_evidence("a.txt:12") == ("a.txt", "12")
    assert split_evidence("bericht.pdf:p12:l7") == ("bericht.pdf", "p12:l7")
    assert split_evidence("seite.html:l40") == ("seite.html", "l40")
    assert split_evidence("artikel.docx:¶18") == ("artikel.docx", "¶18")
    assert split_evidence("no place") == ("no place", "")
    assert sorted(["p2:l1", "p12:l7", "p2:l10"], key=place_key) == ["p2:l1", "p2:l10", "p12:l7"]
    doc = SourceDoc(Path("a.txt"), ["x", "y"])
    assert doc.ev(2, 1, 2) == ["a.txt:1", "a.txt:2"]  # plain text exactly as before


@pytest.fixture(scope="module")
def user_graph(folders, tmp_path_factory) -> Path:
    user, _ = folders
    path = tmp_path_factory.mktemp("usergraph") / "g.db"
    build(user, path)
    return path


def test_build_from_user_formats_equals_the_txt_build_and_quotes_the_extracted_lines(
    user_graph, built_db, folders, monkeypatch
):
    user, _ = folders
    with Graph.open(built_db) as g:
        want = g.stats()
    with Graph.open(user_graph, sources=user) as g:
        assert g.stats() == want
        titles = {r["file"]: r["title"] for r in g.cypher("MATCH (s:Source) RETURN s.file AS file, s.title AS title")}
        assert titles[f"{PAGE}.html"] == PAGE_TITLE  # the page title stands for the web page
        published = g.cypher("MATCH (s:Source {file: $f}) RETURN s.published AS d", f=f"{PAGE}.html")
        assert published == [{"d": "2019-11-18"}]
        rows = g.cypher(
            "MATCH (i:Initiative) WHERE i.founded IS NOT NULL RETURN i.id AS id, i.evidence AS ev ORDER BY i.id LIMIT 1"
        )
        node = g.get(rows[0]["id"])
        pdf_ev = next(e for e in node["evidence"] if e.startswith(f"{REPORT}.pdf:p"))
        # quoting reads the extraction the build kept: no PDF is read again per request
        formats._extract.cache_clear()
        monkeypatch.setitem(formats.EXTRACTORS, ".pdf", lambda path: pytest.fail(f"re-extracted {path}"))
        n = formats.extract(user / f"{REPORT}.pdf").line_of(split_evidence(pdf_ev)[1])
        assert g.quote(pdf_ev) == formats.extract(user / f"{REPORT}.pdf").lines[n - 1].strip() != ""
        founded = [r for r in g.value_evidence(node) if r["property"] == "founded"]
        assert founded
        assert all(e["quote"] and e["evidence"].startswith(f"{REPORT}.pdf:p") for e in founded[0]["evidence"])
        assert "Gründung" in founded[0]["evidence"][0]["quote"]


def test_show_quotes_pdf_lines(user_graph, folders):
    user, _ = folders
    args = ["show", "Masterplan Industrie", "--db", str(user_graph), "--sources", str(user), "--full"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert re.search(rf"{PLAN}\.pdf:p\d+:l\d+", result.output), result.output[:2000]


def test_pages_and_api_quote_the_user_files_and_name_the_page_title(user_graph, folders):
    from fastapi.testclient import TestClient

    from industriegraph.web.app import create_app

    user, _ = folders
    app = create_app(user_graph, sources=user)
    try:
        with TestClient(app) as client, Graph.open(user_graph, sources=user) as g:
            strategy = g.cypher(
                "MATCH (m:Measure)-[:PART_OF]->(s:Strategy) WHERE m.id CONTAINS 'buendnis' RETURN DISTINCT s.id AS id"
            )[0]["id"]
            page = client.get(f"/knoten/{strategy}")
            assert page.status_code == 200
            assert re.search(rf"{PAGE}\.html:l\d+ · „{re.escape(PAGE_TITLE)}“", page.text), page.text[:3000]
            initiative = g.cypher("MATCH (i:Initiative) RETURN i.id AS id ORDER BY i.id LIMIT 1")[0]["id"]
            body = client.get(f"/api/nodes/{initiative}").json()
            rows = [e for e in body["evidence"] if e["evidence"].startswith(f"{REPORT}.pdf:p")]
            assert rows and all(e["quote"] and e["file"] == f"{REPORT}.pdf" and e["line"] for e in rows)
    finally:
        app.state.graph.close()


def test_rdf_export_keeps_the_places_and_conforms_to_the_shapes(user_graph, folders, tmp_path):
    from industriegraph.analysis.export.rdf import export_rdf
    from industriegraph.analysis.export.validate import validate

    user, _ = folders
    path = tmp_path / "g.ttl"
    with Graph.open(user_graph, sources=user) as g:
        export_rdf(g, path, "turtle", modified="2025-01-31")
    text = path.read_text(encoding="utf-8")
    assert re.search(rf'"{REPORT}\.pdf:p\d+:l\d+"', text) and f'"{ARTICLE}.docx:¶' in text
    report = validate(path, ("industriegraph",))
    assert report.conforms, [m.message for m in report.violations][:5]


# -- bad files ------------------------------------------------------------------------------------------------------
def _encrypted(folder: Path) -> str:
    from pypdf import PdfReader, PdfWriter

    make_pdf(SOURCES / f"{PLAN}.txt", folder / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(folder / "plain.pdf"))
    writer.encrypt(user_password="geheim", algorithm="AES-256")
    with open(folder / f"{PLAN}.pdf", "wb") as fh:
        writer.write(fh)
    (folder / "plain.pdf").unlink()
    return f"{PLAN}.pdf: encrypted PDF (password required)"


def _scanned(folder: Path) -> str:
    from fpdf import FPDF
    from PIL import Image

    Image.new("L", (400, 560), 235).save(folder / "scan.png")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(folder / "scan.png"), x=10, y=10, w=190)
    pdf.output(str(folder / "gescannt.pdf"))
    (folder / "scan.png").unlink()
    return "gescannt.pdf: no text layer: scanned PDF, needs OCR"


def _truncated(folder: Path) -> str:
    make_pdf(SOURCES / f"{ARTICLE}.txt", folder / "kaputt.pdf")
    data = (folder / "kaputt.pdf").read_bytes()
    (folder / "kaputt.pdf").write_bytes(data[: len(data) // 2])
    return "kaputt.pdf: broken PDF, cannot be opened"


def _broken_docx(folder: Path) -> str:
    make_docx(SOURCES / f"{ARTICLE}.txt", folder / "protokoll.docx")
    data = (folder / "protokoll.docx").read_bytes()
    (folder / "protokoll.docx").write_bytes(data[: len(data) // 2])
    return "protokoll.docx: broken DOCX, cannot be opened"


def _encrypted_docx(folder: Path) -> str:
    # Word saves a password-protected .docx as an OLE compound file (EncryptedPackage), not as a zip
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    (folder / "vertraulich.docx").write_bytes(header + "EncryptedPackage".encode("utf-16-le") + bytes(2048))
    return "vertraulich.docx: encrypted (password-protected) or old binary Word file, not DOCX"


def _empty_page(folder: Path) -> str:
    (folder / "seite.html").write_text(
        "<html><head><title>Start</title></head><body><nav><a href='/'>Startseite</a></nav></body></html>",
        encoding="utf-8",
    )
    return "seite.html: no main text found in the web page"


BAD = {"encrypted-pdf": _encrypted, "scanned-pdf": _scanned, "truncated-pdf": _truncated,
       "broken-docx": _broken_docx, "encrypted-docx": _encrypted_docx,
       "navigation-only-html": _empty_page}  # fmt: skip


def _fingerprint(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.parent.iterdir()) if p.is_file()}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file_fails_naming_file_and_what_is_missing_and_keeps_the_graph(case, user_graph, tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    message = BAD[case](folder)
    before = _fingerprint(user_graph)
    result = runner.invoke(app, ["build", "--db", str(user_graph), "--sources", str(folder)])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split()), result.output
    assert _fingerprint(user_graph) == before
    assert not list(user_graph.parent.glob(".*building*"))
