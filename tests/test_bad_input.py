"""Bad sources end the build with an error naming the file (and line), exit code != 0,
and leave the previous graph untouched."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.facade import Graph

from .conftest import SOURCES

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def good_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "g.db"
    result = runner.invoke(app, ["build", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    with Graph.open(path) as g:
        snapshot = g.node_link()
    return path, snapshot


def _copy_sources(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    return folder


def _truncate(folder):
    path = folder / REPORT
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _binary(folder):
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")


def _latin1(folder):
    (folder / "alt.txt").write_bytes("Masterplan Industrie\nK\xf6ln und D\xfcsseldorf\n".encode("latin-1"))


def _unknown(folder):
    (folder / "notes.txt").write_text("1;2;3\n4;5;6\n", encoding="utf-8")


def _missing(folder):
    shutil.rmtree(folder)


CASES = {
    "truncated": (_truncate, REPORT),
    "binary": (_binary, "scan.txt:2"),
    "wrong-encoding": (_latin1, "alt.txt:2"),
    "unknown-format": (_unknown, "notes.txt:1"),
    "missing-folder": (_missing, "sources"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_source_fails_and_keeps_previous_graph(case, good_db, tmp_path):
    path, snapshot = good_db
    damage, where = CASES[case]
    folder = _copy_sources(tmp_path)
    damage(folder)
    result = runner.invoke(app, ["build", "--db", str(path), "--sources", str(folder)])
    assert result.exit_code != 0
    assert where in result.output, result.output
    with Graph.open(path) as g:
        assert g.node_link() == snapshot
    assert not list(path.parent.glob(".*building*"))
