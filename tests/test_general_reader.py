"""A readable text that no specialised loader claims is read by the general reader with a warning naming the
file; ``build --strict`` refuses it; text that is not prose is refused as before."""

from __future__ import annotations

from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.facade import Graph

runner = CliRunner()

CONTENTS = """2. Bericht zur Umsetzung des Masterplans Industrie Musterstadt
Inhalt
1. Einleitung ............................................. 3
2.1 Handlungsfeld „Fachkräfte“ .............................. 4
2.2 Handlungsfeld „Flächen“ ................................. 6
"""


def _folder(tmp_path, name: str, text: str):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_unclaimed_text_is_read_with_a_warning_naming_the_file(tmp_path):
    folder = _folder(tmp_path, "inhalt.txt", CONTENTS)
    db = tmp_path / "g.db"
    result = runner.invoke(app, ["build", "--sources", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert "warning: inhalt.txt: no specialised loader recognises this text" in result.output
    with Graph.open(db) as g:
        titles = {r["t"] for r in g.cypher("MATCH (s:Strategy) RETURN s.title AS t")}
    assert "Masterplan Industrie Musterstadt" in titles


def test_strict_refuses_what_only_the_general_reader_would_read(tmp_path):
    folder = _folder(tmp_path, "inhalt.txt", CONTENTS)
    result = runner.invoke(app, ["build", "--strict", "--sources", str(folder), "--db", str(tmp_path / "g.db")])
    assert result.exit_code != 0
    assert "inhalt.txt:1: no specialised loader recognises this text" in result.output


def test_a_table_of_numbers_is_still_refused(tmp_path):
    folder = _folder(tmp_path, "numbers.txt", "1;2;3\n4;5;6\n")
    result = runner.invoke(app, ["build", "--sources", str(folder), "--db", str(tmp_path / "g.db")])
    assert result.exit_code != 0
    assert "numbers.txt:1: unknown document format" in result.output
