"""neo4j-admin import CSV: headers checked against the documented grammar, data read back equals the graph.

Grammar from the Neo4j Operations Manual, "Import header format" (docs-operations import/header-format.adoc):
each field is ``<name>:<field_type>``; ``ID``, ``START_ID``, ``END_ID`` optionally carry an ID space in parentheses;
``LABEL``, ``TYPE``, ``START_ID``, ``END_ID`` take no name; a property without type is ``string``; property types are
the listed ones, ``[]`` makes an array. Node files need an ``ID`` and relationship files ``START_ID``, ``END_ID``,
``TYPE``.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import industriegraph.cli.export  # noqa: F401  (registers the export commands)
from industriegraph.analysis.export.neo4j_csv import choose_array_delimiter, delimiter_option, write_neo4j_csv
from industriegraph.cli.main import app
from industriegraph.model.schema import NODES, RELS

PROPERTY_TYPES = {
    "int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
    "point", "date", "localtime", "time", "localdatetime", "datetime", "duration",
}  # fmt: skip
FIELD = re.compile(
    r"^(?P<name>[^:]*)"
    r"(?::(?:(?P<special>ID|START_ID|END_ID)(?:\((?P<space>[^()]+)\))?|(?P<marker>LABEL|TYPE|IGNORE)"
    r"|(?P<type>[a-z]+)(?P<array>\[\])?))?$"
)


def parse_header(line: str) -> list[dict]:
    """Each field of a header line as a dict; AssertionError when a field breaks the documented grammar."""
    fields = []
    for raw in line.split(","):
        m = FIELD.match(raw)
        assert m, f"not <name>:<field_type>: {raw!r}"
        f = m.groupdict()
        if f["type"]:
            assert f["type"] in PROPERTY_TYPES, f"undocumented property type in {raw!r}"
        if f["special"] in ("START_ID", "END_ID") or f["marker"] in ("LABEL", "TYPE"):
            assert f["name"] == "", f"{raw!r}: this field takes no name"
        if not (f["special"] or f["marker"]):
            assert f["name"], f"property without a name: {raw!r}"
        fields.append({**f, "raw": raw})
    return fields


def kinds(fields: list[dict]) -> Counter:
    return Counter(f["special"] or f["marker"] or "property" for f in fields)


@pytest.fixture(scope="module")
def exported(graph, tmp_path_factory):
    data = graph.node_link()
    return data, write_neo4j_csv(data, tmp_path_factory.mktemp("neo4j-csv"))


def test_headers_follow_the_documented_format(exported):
    _, out = exported
    spaces = set()
    for label, name in out.node_files.items():
        header = (out.directory / name).read_text(encoding="utf-8").splitlines()[0]
        fields = parse_header(header)
        k = kinds(fields)
        assert k["ID"] == 1 and k["LABEL"] == 1 and not (k["START_ID"] or k["END_ID"] or k["TYPE"])
        id_field = next(f for f in fields if f["special"] == "ID")
        assert id_field["raw"] == f"id:ID({label}-ID)"
        spaces.add(id_field["space"])
        props = [f["name"] for f in fields if not (f["special"] or f["marker"])]
        assert len(props) == len(set(props)) and "id" not in props
    for (_, src, dst), name in out.rel_files.items():
        header = (out.directory / name).read_text(encoding="utf-8").splitlines()[0]
        fields = parse_header(header)
        k = kinds(fields)
        assert k["START_ID"] == k["END_ID"] == k["TYPE"] == 1 and not (k["ID"] or k["LABEL"])
        start = next(f for f in fields if f["special"] == "START_ID")
        end = next(f for f in fields if f["special"] == "END_ID")
        assert (start["space"], end["space"]) == (f"{src}-ID", f"{dst}-ID")
        assert {start["space"], end["space"]} <= spaces
    assert (out.directory / "Initiative.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "id:ID(Initiative-ID),name,aliases:string[],radius,founded:long,foundedText,website,goals:string[],"
        "description,status,evidence:string[],statements,:LABEL"
    )
    assert (out.directory / "MEMBER_OF-Organization-Initiative.csv").read_text(encoding="utf-8").splitlines()[0] == (
        ":START_ID(Organization-ID),:END_ID(Initiative-ID),:TYPE,role,date,citation,evidence:string[]"
    )


def test_the_grammar_check_rejects_what_the_manual_does_not_allow():
    for bad in ("name:text", "x:ID:long", "role:START_ID(Org)", "labels:LABEL", ":string"):
        with pytest.raises(AssertionError):
            parse_header(bad)
    assert kinds(parse_header("movieId:ID(Movie-ID),title,year:int,tags:string[],:LABEL")) == Counter(
        {"ID": 1, "property": 3, "LABEL": 1}
    )


def _read(path: Path, delimiter: str) -> list[dict]:
    """Rows of an import file with values typed as the header says (empty field = absent)."""
    text = path.read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    fields = parse_header(next(iter(text.splitlines())))
    next(reader)
    rows = []
    for cells in reader:
        assert len(cells) == len(fields), f"{path.name}: {cells}"
        row = {}
        for f, cell in zip(fields, cells, strict=True):
            key = f["special"] or f["marker"] or f["name"]
            if cell == "":
                continue
            if f["array"]:
                row[key] = cell.split(delimiter)
            elif f["type"] == "long":
                row[key] = int(cell)
            else:
                row[key] = cell
        rows.append(row)
    return rows


def test_files_read_back_as_the_graph(exported):
    data, out = exported
    delim = out.array_delimiter
    assert delim == "\x1f"  # the real goals contain both ';' and '|'
    nodes = []
    for label, name in out.node_files.items():
        for row in _read(out.directory / name, delim):
            assert row.pop("LABEL") == label
            nodes.append((label, row.pop("ID"), row))
    expected = [
        (n["label"], n["id"], {k: v for k, v in n["properties"].items() if v not in (None, [])}) for n in data["nodes"]
    ]
    key = lambda t: t[1]  # noqa: E731
    assert sorted(nodes, key=key) == sorted(expected, key=key)
    assert len(nodes) == 447

    links = []
    for (type_, _, _), name in out.rel_files.items():
        for row in _read(out.directory / name, delim):
            assert row.pop("TYPE") == type_
            links.append(repr((type_, row.pop("START_ID"), row.pop("END_ID"), sorted(row.items()))))
    expected_links = [
        repr(
            (
                ln["type"],
                ln["source"],
                ln["target"],
                sorted((k, v) for k, v in ln["properties"].items() if v not in (None, [])),
            )
        )
        for ln in data["links"]
    ]
    assert Counter(links) == Counter(expected_links)
    assert len(links) == 1820


def test_embedded_quotes_are_doubled(exported):
    _, out = exported
    text = (out.directory / "Source.csv").read_text(encoding="utf-8")
    assert '""Bündnis für die Industrie der Zukunft' in text
    assert '\\"' not in text  # backslash escapes are not understood by the importer


def test_import_command_names_every_file_once(exported):
    _, out = exported
    args = out.arguments
    assert args[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert "--overwrite-destination" in args and "--array-delimiter=U+001F" in args
    assert "--multiline-fields=true" not in args  # no value holds a line break
    named = [a.split("=", 2) for a in args if a.startswith(("--nodes=", "--relationships="))]
    assert sorted(n[2] for n in named) == sorted(p.name for p in out.directory.glob("*.csv"))
    for option, label_or_type, file in named:
        if option == "--nodes":
            assert out.node_files[label_or_type] == file
        else:
            assert file.startswith(f"{label_or_type}-") and out.rel_files[tuple(file[:-4].split("-"))] == file
    assert {n[1] for n in named if n[0] == "--nodes"} == {n.label for n in NODES}
    assert {n[1] for n in named if n[0] == "--relationships"} == {r.type for r in RELS}
    script = (out.directory / "import.sh").read_text(encoding="utf-8")
    assert all(shlex.quote(a) in script for a in args[1:])
    assert (out.directory / "constraints.cypher").read_text(encoding="utf-8").count(";\n") >= len(NODES)


def test_delimiter_choice_and_multiline_values(tmp_path):
    assert choose_array_delimiter({"nodes": [], "links": []}) == ";"
    node = {"id": "org:a", "label": "Organization", "properties": {"name": 'Säge "&" Söhne\nGmbH', "aliases": ["a;b"]}}
    data = {"nodes": [node], "links": []}
    assert choose_array_delimiter(data) == "|"
    assert delimiter_option("\x1f") == "--array-delimiter=U+001F" and delimiter_option(";") == "--array-delimiter=;"
    out = write_neo4j_csv(data, tmp_path)
    assert out.multiline and "--multiline-fields=true" in out.arguments
    [row] = _read(tmp_path / "Organization.csv", out.array_delimiter)
    assert row["name"] == 'Säge "&" Söhne\nGmbH' and row["aliases"] == ["a;b"]


def test_cli_writes_files_and_prints_the_command(built_db, tmp_path):
    result = CliRunner().invoke(app, ["export", "neo4j-csv", str(tmp_path / "out"), "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("neo4j-admin database import full neo4j ")
    assert (tmp_path / "out" / "Organization.csv").is_file() and (tmp_path / "out" / "import.sh").is_file()
