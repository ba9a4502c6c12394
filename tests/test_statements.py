"""Values keep their evidence: per-value statements, value conflicts as findings, `show` and the pages quoting them."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.evidence import quote, value_evidence
from industriegraph.graph.facade import Graph
from industriegraph.model import statements
from industriegraph.model.records import FIELDS, PROSE, LoadResult
from industriegraph.pipeline.build import build
from industriegraph.resolve import resolve
from tests.conftest import SOURCES

runner = CliRunner()
ERFURT = "ini:initiative-erfurter-kreuz"
REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
# A short web page that gives an initiative of the report another founding year (the report's profile says 2009).
EXTRA_NAME = "erfurter-kreuz-jubilaeum.txt"
EXTRA = """Zehn Jahre Netzwerk am Erfurter Kreuz

Die „Initiative Erfurter Kreuz“ wurde im Mai 2011 in Arnstadt gegründet und verbindet seither die Unternehmen \
im Industriegebiet Erfurter Kreuz in Thüringen miteinander.

Heute zählt das Netzwerk mehr als achtzig Mitgliedsunternehmen aus Industrie, Handwerk und Dienstleistung, die \
sich gemeinsam um Fachkräfte, Ausbildung und Verkehrsanbindung kümmern.
"""


@pytest.fixture(scope="module")
def conflict_sources(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("conflict") / "sources"
    shutil.copytree(SOURCES, folder)
    (folder / EXTRA_NAME).write_text(EXTRA, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def conflict_db(conflict_sources) -> Path:
    path = conflict_sources.parent / "graph.db"
    build(conflict_sources, path, aliases=SOURCES.parent / "aliases.yaml")
    return path


@pytest.fixture(scope="module")
def conflict_graph(conflict_db):
    g = Graph.open(conflict_db)
    yield g
    g.close()


def _line_of(evidence: list[str], sources: Path) -> str:
    return " ".join(quote(e, sources) or "" for e in evidence)


# -- the resolver, on records -----------------------------------------------------------------------------


def _records(year_a: int, year_b: int, spec_b: int = FIELDS) -> list[LoadResult]:
    a, b = LoadResult(specificity=FIELDS), LoadResult(specificity=spec_b)
    a.add(
        "Initiative",
        "Netzwerk Nord",
        ["a.txt:1", "a.txt:7"],
        prop_evidence={"founded": ["a.txt:7"], "goals": [["a.txt:3"], ["a.txt:4"]]},
        founded=year_a,
        radius="regional",
        goals=["Fachkräfte sichern", "Wasserstoff nutzen"],
    )
    b.add("Initiative", "Netzwerk Nord", ["b.txt:2"], founded=year_b, goals=["Wasserstoff nutzen", "Digitalisierung"])
    return [a, b]


def test_disagreeing_values_are_both_kept_and_named_by_a_finding():
    data = resolve(_records(2009, 2011, spec_b=PROSE))
    (node,) = data.nodes["Initiative"]
    assert node["founded"] == 2009  # the profile field (FIELDS) before prose, whatever the file names
    stated = statements.decode(node["statements"])
    assert stated["founded"] == [
        {"value": 2009, "evidence": ["a.txt:7"]},
        {"value": 2011, "evidence": ["b.txt:2"]},
    ]
    # lists are joined, one statement per item with its own lines
    assert node["goals"] == ["Fachkräfte sichern", "Wasserstoff nutzen", "Digitalisierung"]
    assert [s["evidence"] for s in stated["goals"]] == [["a.txt:3"], ["a.txt:4", "b.txt:2"], ["b.txt:2"]]
    # radius rests on record a's evidence only, which is not all of the node's: recorded as well
    assert stated["radius"] == [{"value": "regional", "evidence": ["a.txt:1", "a.txt:7"]}]
    (finding,) = [f for f in data.nodes["Finding"] if f["kind"] == "value-conflict"]
    assert finding["subject"] == node["id"]
    assert finding["evidence"] == ["a.txt:7", "b.txt:2"]
    for part in ("2009 (a.txt:7)", "2011 (b.txt:2)", "Übernommen: 2009", "Widersprüchliche Angaben"):
        assert part in finding["message"]


def test_equally_specific_documents_keep_the_value_stated_first():
    data = resolve(_records(2011, 2009))
    (node,) = data.nodes["Initiative"]
    assert node["founded"] == 2011  # a.txt:7 comes before b.txt:2
    assert [s["value"] for s in statements.decode(node["statements"])["founded"]] == [2011, 2009]


def test_agreeing_documents_make_no_finding_and_merge_their_lines():
    data = resolve(_records(2009, 2009))
    (node,) = data.nodes["Initiative"]
    assert statements.decode(node["statements"])["founded"] == [{"value": 2009, "evidence": ["a.txt:7", "b.txt:2"]}]
    assert not [f for f in data.nodes.get("Finding", []) if f["kind"] == "value-conflict"]


def test_a_value_resting_on_the_whole_node_evidence_has_no_statement():
    res = LoadResult()
    res.add("Initiative", "Netzwerk Süd", ["c.txt:1", "c.txt:2"], radius="lokal")
    (node,) = resolve([res]).nodes["Initiative"]
    assert "radius" not in statements.decode(node["statements"])
    rows = value_evidence({**node, "_label": "Initiative"}, Path("."))
    radius = next(r for r in rows if r["property"] == "radius")
    assert radius["node_evidence"] and [e["evidence"] for e in radius["evidence"]] == ["c.txt:1", "c.txt:2"]


def test_statements_are_deterministic():
    one, two = resolve(_records(2009, 2011)), resolve(_records(2009, 2011))
    assert one.nodes["Initiative"] == two.nodes["Initiative"]
    text = one.nodes["Initiative"][0]["statements"]
    assert text == statements.encode(statements.decode(text)) and ": " not in text and ", " not in text[:20]


# -- the real report: per-value lines --------------------------------------------------------------------------


def test_per_value_evidence_points_at_the_line_stating_the_value(graph, corpus):
    checked = {"founded": 0, "radius": 0, "website": 0, "goals": 0}
    for node in graph.cypher("MATCH (n:Initiative) RETURN n"):
        stated = statements.decode(node["n"].get("statements"))
        for prop in checked:
            for s in stated.get(prop, []):
                lines = [corpus[e.rpartition(":")[0]].clean(int(e.rpartition(":")[2])) for e in s["evidence"]]
                text = " ".join(lines)
                value = str(s["value"])
                if prop == "website":
                    value = re.sub(r"^https?://", "", value)[:12]
                elif prop == "goals":
                    value = " ".join(value.split()[:3])
                assert value in text, (node["n"]["id"], prop, s)
                checked[prop] += 1
    assert checked["founded"] >= 80 and checked["radius"] >= 90 and checked["website"] >= 80 and checked["goals"] > 300
    h2 = statements.decode(graph.get("ini:h2berlin")["statements"])
    assert h2["founded"] == [{"value": 2020, "evidence": [f"{REPORT}:6339"]}]
    assert h2["radius"][0]["evidence"] == [f"{REPORT}:565"]


# -- a second source with another founding year ----------------------------------------------------------------


def test_conflicting_founding_year_keeps_both_values_with_their_lines(conflict_graph, conflict_sources):
    node = conflict_graph.get(ERFURT)
    assert node["founded"] == 2009  # the report's profile field is more specific than the web page
    founded = statements.decode(node["statements"])["founded"]
    assert [s["value"] for s in founded] == [2009, 2011]
    assert founded[0]["evidence"] == [f"{REPORT}:6079"] and founded[1]["evidence"] == [f"{EXTRA_NAME}:3"]
    assert "Gründung" in _line_of(founded[0]["evidence"], conflict_sources)
    assert "2009" in _line_of(founded[0]["evidence"], conflict_sources)
    assert "2011" in _line_of(founded[1]["evidence"], conflict_sources)
    findings = conflict_graph.cypher(
        "MATCH (f:Finding) WHERE f.kind = 'value-conflict' AND f.subject = $id RETURN f", id=ERFURT
    )
    assert len(findings) == 1
    f = findings[0]["f"]
    assert f["evidence"] == [f"{EXTRA_NAME}:3", f"{REPORT}:6079"]
    assert f"2009 ({REPORT}:6079)" in f["message"] and f"2011 ({EXTRA_NAME}:3)" in f["message"]


def test_conflict_build_changes_nothing_else(conflict_graph, graph):
    """Besides the new document's own records, the extra page adds one finding and one statement."""
    before = {n["id"]: n for n in graph.nodes()}
    after = {n["id"]: n for n in conflict_graph.nodes()}
    new = set(after) - set(before)
    own = {i for i in new if all(e.startswith(f"{EXTRA_NAME}:") for e in after[i].get("evidence") or ["-"])}
    assert {i for i in new - own if not i.startswith("source:")} == {
        next(i for i in new if i.startswith("finding:value-conflict"))
    }
    assert set(before) <= set(after)
    assert after["ini:h2berlin"] == before["ini:h2berlin"]


def test_show_prints_each_value_with_its_line(conflict_db, conflict_sources):
    args = ["show", ERFURT, "--db", str(conflict_db), "--sources", str(conflict_sources)]
    summary = runner.invoke(app, args, env={"COLUMNS": "250"}).output
    assert "Evidence per value" in summary and "(--full)" in summary
    result = runner.invoke(app, [*args, "--full"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Evidence per value" in out
    assert "founded: 2011 (stated elsewhere, not kept)" in out
    assert f"{EXTRA_NAME}:3: Die „Initiative Erfurter Kreuz“ wurde im Mai 2011" in out
    assert f"{REPORT}:6079: Gründung" in out
    shown = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert set(shown) == {"node", "evidence", "neighbours", "values"}  # the old keys stay
    founded = [v for v in shown["values"] if v["property"] == "founded"]
    assert [(v["value"], v["kept"]) for v in founded] == [(2009, True), (2011, False)]
    assert founded[1]["evidence"][0]["quote"].startswith("Die „Initiative Erfurter Kreuz“ wurde im Mai 2011")


def test_entity_page_and_api_quote_the_line_per_value(conflict_db, conflict_sources):
    from industriegraph.web.app import create_app

    web = create_app(conflict_db)
    web.state.graph.sources = conflict_sources
    with TestClient(web) as client:
        page = client.get("/initiative/initiative-erfurter-kreuz")
        assert page.status_code == 200
        assert "<h2>Belege je Angabe</h2>" in page.text
        line = quote(f"{EXTRA_NAME}:3", conflict_sources)
        quoted = htmllib.escape(line, quote=False)
        assert f'<blockquote class="evidence">{quoted}<cite>{EXTRA_NAME}:3</cite>' in page.text
        assert "abweichende Angabe, nicht übernommen" in page.text
        body = client.get(f"/api/nodes/{ERFURT}").json()
        assert "statements" not in body["properties"] and body["properties"]["founded"] == 2009
        founded = [v for v in body["values"] if v["property"] == "founded"]
        assert founded[1]["evidence"][0] == {
            "evidence": f"{EXTRA_NAME}:3",
            "file": EXTRA_NAME,
            "line": 3,
            "quote": line,
        }
    web.state.graph.close()


def test_conflict_export_is_deterministic(conflict_graph, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    conflict_graph.export_json(a)
    conflict_graph.export_json(b)
    assert a.read_bytes() == b.read_bytes()
    node = next(n for n in json.loads(a.read_text(encoding="utf-8"))["nodes"] if n["id"] == ERFURT)
    assert json.loads(node["properties"]["statements"])["founded"][1]["value"] == 2011
