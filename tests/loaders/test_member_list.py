"""Member lists: the example file, German and English columns, YAML and xlsx, and every kind of bad row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.evidence import quote
from industriegraph.loaders import member_list
from industriegraph.text.source import SourceError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mitglieder-thueringer-buendnis-fuer-industrie.csv"
HEADER = "initiative,organisation,kind,role,land,source,date\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_list_gives_memberships_with_the_row_as_evidence():
    result = member_list.load_file(EXAMPLE)
    links = [ln for ln in result.links if ln.type == "MEMBER_OF"]
    assert len(links) == 9
    first = links[0]
    assert first.source.key == "Thüringer Ministerium für Wirtschaft, Wissenschaft und Digitale Gesellschaft"
    assert first.target.key == "Thüringer Bündnis für Industrie"
    assert first.evidence == [f"{EXAMPLE.name}:2"]
    assert first.props == {"role": "member", "citation": first.props["citation"]}
    assert first.props["citation"].startswith("http://www.ihre-industrie.de/")
    signed = links[5]
    assert (signed.props["role"], signed.props["date"], signed.evidence) == (
        "signatory",
        "2016-09-20",
        [f"{EXAMPLE.name}:7"],
    )
    kinds = {e.key: e.props["kind"] for e in result.entities if e.label == "Organization"}
    assert kinds["IG Metall Bezirk Mitte"] == "Union"
    assert kinds["Verband der Wirtschaft Thüringens"] == "EmployerAssociation"
    located = [ln for ln in result.links if ln.type == "LOCATED_IN"]
    assert [(ln.target.key, ln.props["position"]) for ln in located] == [("Thüringen", 1)]


def test_english_columns_codes_dates_and_a_quoted_line_break(tmp_path):
    path = write(
        tmp_path,
        "list.csv",
        HEADER
        + 'Netzwerk A,"Firma B\nGmbH",company,Partner,NRW,,01.05.2024\n'
        + "Netzwerk A,Hochschule C,university,coordinator,by,,2024-05\n",
    )
    result = member_list.load_file(path)
    links = [ln for ln in result.links if ln.type == "MEMBER_OF"]
    assert [(ln.source.key, ln.props["role"], ln.props["date"], ln.evidence) for ln in links] == [
        ("Firma B GmbH", "partner", "2024-05-01", ["list.csv:2"]),
        ("Hochschule C", "coordinator", "2024-05", ["list.csv:4"]),  # the row after a two-line cell
    ]
    states = [(ln.target.key, ln.props["position"]) for ln in result.links if ln.type == "LOCATED_IN"]
    assert states == [("Nordrhein-Westfalen", 1), ("Bayern", 2)]


def test_yaml_rows(tmp_path):
    path = write(
        tmp_path,
        "list.yaml",
        "- Initiative: Netzwerk A\n  Organisation: Firma B GmbH\n  Rolle: Träger\n  Datum: 2023\n"
        "- initiative: Netzwerk A\n  organisation: IG Metall\n",
    )
    links = [ln for ln in member_list.load_file(path).links if ln.type == "MEMBER_OF"]
    assert [(ln.source.key, ln.props["role"], ln.props.get("date"), ln.evidence) for ln in links] == [
        ("Firma B GmbH", "carrier", "2023", ["list.yaml:1"]),
        ("IG Metall", "member", None, ["list.yaml:5"]),
    ]


@pytest.mark.parametrize(
    ("row", "where", "words"),
    [
        ("Netzwerk A,Firma B,Raumschiff,,,,\n", "list.csv:3:3", "unknown organisation kind 'Raumschiff'"),
        (",Firma B,,,,,\n", "list.csv:3:1", "missing initiative"),
        ("Netzwerk A,,,,,,\n", "list.csv:3:2", "missing organisation"),
        ("Netzwerk A,Firma B,,,Atlantis,,\n", "list.csv:3:5", "unknown Land 'Atlantis'"),
        ("Netzwerk A,Firma B,,,,,31.02.2024\n", "list.csv:3:7", "not a date: '31.02.2024'"),
        ("Netzwerk A,Firma B,,Kaiser,,,\n", "list.csv:3:4", "unknown role 'Kaiser'"),
        ("Netzwerk A\n", "list.csv:3:2", "missing organisation"),  # a short row
    ],
)
def test_a_bad_row_names_file_line_and_column(tmp_path, row, where, words):
    path = write(tmp_path, "list.csv", HEADER + "Netzwerk A,Firma Z,,,,,\n" + row)
    with pytest.raises(SourceError) as exc:
        member_list.load_file(path)
    assert str(exc.value).startswith(f"{where}: ")
    assert words in str(exc.value)


def test_bad_header_and_yaml_key(tmp_path):
    path = write(tmp_path, "list.csv", "Initiative;Organisation;Farbe\nA;B;rot\n")
    with pytest.raises(SourceError, match=r"^list\.csv:1:3: unknown column 'Farbe'"):
        member_list.load_file(path)
    path = write(tmp_path, "list.csv", "Organisation;Rolle\nB;Partner\n")
    with pytest.raises(SourceError, match=r"^list\.csv:1: no column 'initiative'"):
        member_list.load_file(path)
    path = write(tmp_path, "list.yaml", "- initiative: A\n  organisation: B\n  land: Mars\n")
    with pytest.raises(SourceError, match=r"^list\.yaml:3:9: column 'land': unknown Land 'Mars'"):
        member_list.load_file(path)


def test_xlsx_rows_and_a_bad_cell_named_by_sheet_row_and_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Mitglieder"
    sheet.append(["Initiative", "Organisation", "Art", "Rolle", "Bundesland", "Quelle", "Datum"])
    import datetime

    sheet.append(["Netzwerk A", "Firma B GmbH", "Unternehmen", "Mitglied", "Hessen", "", datetime.date(2024, 3, 1)])
    path = tmp_path / "list.xlsx"
    book.save(path)
    links = [ln for ln in member_list.load_file(path).links if ln.type == "MEMBER_OF"]
    assert [(ln.source.key, ln.props["date"], ln.evidence) for ln in links] == [
        ("Firma B GmbH", "2024-03-01", ["list.xlsx:2"])
    ]
    assert (
        quote("list.xlsx:2", tmp_path) == "Netzwerk A | Firma B GmbH | Unternehmen | Mitglied | Hessen |  | 2024-03-01"
    )
    sheet.append(["Netzwerk A", "Firma C", "Raumschiff"])
    book.save(path)
    with pytest.raises(SourceError) as exc:
        member_list.load_file(path)
    assert str(exc.value).startswith("list.xlsx: sheet 'Mitglieder', row 3, column C: ")


def test_a_bad_row_fails_the_build_and_leaves_the_graph(tmp_path, built_db):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", sources)
    shutil.copy(EXAMPLE, sources)
    (sources / EXAMPLE.name).write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("Mitte;Gewerkschaft;Mitglied;Thüringen", "Mitte;;;Thüringn", 1),
        encoding="utf-8",
    )
    db = tmp_path / "graph.db"
    shutil.copy2(built_db, db)
    before = db.read_bytes()
    result = CliRunner().invoke(app, ["build", "--db", str(db), "--sources", str(sources), "--aliases",
                                      str(ROOT / "data" / "aliases.yaml")])  # fmt: skip
    assert result.exit_code == 1
    assert f"{EXAMPLE.name}:4:5: column 'Land': unknown Land 'Thüringn'" in result.output
    assert "left untouched" in result.output
    assert db.read_bytes() == before


def write_ods(path: Path, sheet: str, rows: list[list[str]]) -> None:
    """A minimal OpenDocument spreadsheet (mimetype, manifest, content.xml), as LibreOffice reads it."""
    import zipfile
    from xml.sax.saxutils import escape

    ns = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    cells = (
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>' for v in r
        )
        + "</table:table-row>"
        for r in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        + " ".join(f'xmlns:{k}="{v}"' for k, v in ns.items())
        + f' office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        + "".join(cells)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)


def test_ods_rows_and_a_bad_cell(tmp_path):
    path = tmp_path / "liste.ods"
    rows = [["Initiative", "Organisation", "Land"], ["Netzwerk A", "Firma B GmbH", "Hessen"]]
    write_ods(path, "Mitglieder", rows)
    links = [ln for ln in member_list.load_file(path).links if ln.type == "MEMBER_OF"]
    assert [(ln.source.key, ln.target.key, ln.evidence) for ln in links] == [
        ("Firma B GmbH", "Netzwerk A", ["liste.ods:2"])
    ]
    write_ods(path, "Mitglieder", [*rows, ["Netzwerk A", "Firma C", "Mars"]])
    with pytest.raises(SourceError) as exc:
        member_list.load_file(path)
    assert str(exc.value).startswith("liste.ods: sheet 'Mitglieder', row 3, column C: column 'Land': unknown Land")


def test_a_spreadsheet_that_is_none(tmp_path):
    path = write(tmp_path, "list.xlsx", "initiative,organisation\nA,B\n")
    with pytest.raises(SourceError, match=r"^list\.xlsx: not a readable spreadsheet"):
        member_list.load_file(path)
