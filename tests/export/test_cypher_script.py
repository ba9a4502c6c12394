"""The Cypher load script: Neo4j's offline analyser accepts it, strings are escaped right, loading is idempotent.

Linting the whole real script takes about 20 s (the analyser spends ~4 ms per literal map), so the test lints
every statement with its UNWIND list cut to its first rows (all statement shapes) plus one statement listing every
distinct string literal of the file, exactly as written, that holds anything but ASCII letters, digits and
`` .:/_-`` (all escaping), in one analyser call: about 4 s instead of 20 s.
"""

from __future__ import annotations

import os
import re

import pytest
from typer.testing import CliRunner

import industriegraph.cli.export  # noqa: F401  (registers the export commands)
from industriegraph.analysis.export.cypher_script import cypher_literal, cypher_string, script, split_script, statements
from industriegraph.cli.main import app
from industriegraph.model.ddl import neo4j_constraints
from industriegraph.model.schema import NODES, RELS
from industriegraph.store import cypher_lint

SCHEMA = {"labels": [n.label for n in NODES], "relationshipTypes": [r.type for r in RELS], "parameters": {}}
STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
PLAIN_LITERAL = re.compile(r'"[A-Za-z0-9 .:/_-]*"')  # nothing to escape, nothing to get wrong
ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "'": "'", '"': '"', "\\": "\\"}
TRICKY = [
    'Verein "Pro Industrie" e. V.',
    "C:\\Pfad\\zu\\Datei \\n kein Zeilenumbruch",
    "Müller & Söhne – Straße, Köln",
    "zwei\nZeilen\r\nund\tTab",
    "Steuerzeichen \x01 und \x7f",
    "it's; // kein Kommentar /* auch nicht */",
    "Emoji 🏭 und 𝔘",
    "",
]


def _require_linter() -> None:
    if not cypher_lint.available():
        reason = cypher_lint.unavailable_reason()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Neo4j's Cypher analyser must be installed by `make test` in CI: {reason}")
        pytest.skip(f"Neo4j's Cypher analyser is not installed ({reason}); run `npm ci`")


def decode(literal: str) -> str:
    """Independent reading of a double-quoted Cypher string literal (escapes per the Cypher manual)."""
    assert literal[0] == literal[-1] == '"'
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        assert ch != '"', "unescaped quote"
        if ch != "\\":
            out.append(ch)
            i += 1
        elif body[i + 1] == "u":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(ESCAPES[body[i + 1]])
            i += 2
    return "".join(out)


@pytest.fixture(scope="module")
def written(graph, tmp_path_factory):
    data = graph.node_link()
    path = tmp_path_factory.mktemp("cypher") / "industriegraph.cypher"
    path.write_text(script(data), encoding="utf-8")
    return data, path.read_text(encoding="utf-8")


def _shape(statement: str, keep: int = 2) -> str:
    """The statement with its UNWIND list cut to the first ``keep`` rows."""
    if not statement.startswith("UNWIND [\n"):
        return statement
    lines = statement.split("\n")
    end = lines.index("] AS row")
    rows = [r.rstrip(",") for r in lines[1:end][:keep]]
    return "\n".join(["UNWIND [", ",\n".join(rows), *lines[end:]])


SHADOW_CASE = {
    "nodes": [
        {"id": "person:a", "label": "Person", "properties": {"name": "A"}},
        {"id": "event:e", "label": "Event", "properties": {"title": "E"}},
    ],
    "links": [
        {"source": "person:a", "target": "event:e", "type": "PARTICIPATED_IN", "properties": {"evidence": ["f:1"]}},
        {
            "source": "person:a",
            "target": "event:e",
            "type": "PARTICIPATED_IN",
            "properties": {"role": "speaker", "evidence": ["f:2"]},
        },
    ],
}


@pytest.fixture(scope="module")
def lint_problems(written):
    """Analyser diagnostics per group of queries, from one analyser run (starting it costs about 1 s)."""
    _require_linter()
    _, text = written
    strings = sorted({x for x in STRING_LITERAL.findall(text) if not PLAIN_LITERAL.fullmatch(x)})
    assert len(strings) > 500
    groups = {
        "escapes": [f"RETURN {cypher_string(t)} AS s" for t in TRICKY]
        + ["RETURN " + cypher_literal({"name": TRICKY[0], "`odd key`": [1, TRICKY[3]], "n": None}) + " AS m"],
        "script": [_shape(s) for s in split_script(text)] + ["RETURN [\n" + ",\n".join(strings) + "\n] AS strings"],
        "shadowed": statements(SHADOW_CASE),
    }
    queries = [q for qs in groups.values() for q in qs]
    results = cypher_lint.lint(queries, SCHEMA)
    problems, start = {}, 0
    for name, qs in groups.items():
        found = zip(qs, results[start : start + len(qs)], strict=True)
        problems[name] = {q[:300]: [str(d) for d in ds] for q, ds in found if ds}
        start += len(qs)
    return problems


def test_escaping_round_trips_and_passes_the_analyser(lint_problems):
    literals = [cypher_string(t) for t in TRICKY]
    assert [decode(x) for x in literals] == TRICKY
    assert all("\n" not in x and "\r" not in x for x in literals)  # a statement never spans lines inside a string
    assert lint_problems["escapes"] == {}


def test_script_passes_neo4j_analyser(written, lint_problems):
    data, text = written
    found = split_script(text)
    assert found == statements(data)
    assert found[: len(neo4j_constraints())] == neo4j_constraints()  # constraints first
    assert lint_problems["script"] == {}


def test_script_holds_every_node_and_relationship_once(written):
    data, text = written
    found = split_script(text)
    node_rows = sum(s.count("\n  {id: ") for s in found if "MERGE (n:" in s)
    rel_rows = sum(s.count('\n  {from: "') for s in found if "MATCH (a:" in s)
    assert (node_rows, rel_rows) == (len(data["nodes"]), len(data["links"])) == (447, 1820)
    for s in found[len(neo4j_constraints()) :]:
        assert "MERGE (" in s and "CREATE (" not in s, s[:200]  # nothing is created unconditionally
    assert "MERGE (a)-[r:MEMBER_OF {role: row.props.role}]->(b)\nSET r = row.props" in text
    assert "MERGE (n:Organization {id: row.id})\nSET n = row" in text
    assert len(found) == 73
    # every id the script mentions is a string literal that decodes to a node id of the graph
    ids = {decode(m) for m in re.findall(r'\{id: ("(?:[^"\\]|\\.)*")', text)}
    assert ids == {n["id"] for n in data["nodes"]}


def test_relationships_that_merge_would_confuse_are_matched_exactly(lint_problems):
    rels = [s for s in statements(SHADOW_CASE) if "PARTICIPATED_IN" in s]
    assert len(rels) == 2
    # the role-less one must not MERGE (it would also match the speaker relationship)
    exact = next(s for s in rels if "role IS NULL" in s)
    assert "MERGE (a)" not in exact and '"speaker"' not in exact
    assert any("MERGE (a)-[r:PARTICIPATED_IN {role: row.props.role}]->(b)" in s for s in rels)
    assert lint_problems["shadowed"] == {}


def test_cli_writes_script(built_db, tmp_path):
    out = tmp_path / "g.cypher"
    result = CliRunner().invoke(app, ["export", "cypher", str(out), "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    assert len(split_script(out.read_text(encoding="utf-8"))) == 73


# Loading the script into a running Neo4j (empty, then again) is tested in tests/neo4j/test_build.py.
