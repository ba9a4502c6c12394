"""The CLI is a thin layer over the core: build, stats, show, export json, schema."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from industriegraph.cli.main import app

runner = CliRunner()


def test_build_json_summary_and_stats(tmp_path):
    db = tmp_path / "g.db"
    result = runner.invoke(app, ["build", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["Initiative"] == 97  # 93 of Tabelle 1, 2 ended, KLIMAready, the IVH network
    assert {s["kind"] for s in summary["sources"]} == {"network-report", "policy-document", "web-page"}
    stats = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(stats.stdout)["Initiative"] == summary["counts"]["Initiative"]


def test_show_quotes_evidence_and_lists_neighbours(built_db):
    result = runner.invoke(app, ["show", "IVH", "--db", str(built_db), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["node"]["name"] == "Industrieverband Hamburg e. V."
    assert all(e["quote"] for e in shown["evidence"])
    assert any(n["type"] == "PARTNER_OF" for n in shown["neighbours"])


def test_show_unknown_name_fails_with_candidates(built_db):
    result = runner.invoke(app, ["show", "Handelskammer Hamburgg Nord", "--db", str(built_db)])
    assert result.exit_code == 1
    assert "Closest candidates" in result.output and "Handelskammer Hamburg" in result.output


def test_export_json_node_link(built_db, tmp_path):
    out = tmp_path / "graph.json"
    result = runner.invoke(app, ["export", "json", "-o", str(out), "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"nodes", "links"}
    assert set(data["nodes"][0]) == {"id", "label", "properties"}
    assert set(data["links"][0]) == {"source", "target", "type", "properties"}


def test_missing_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "run `industriegraph build` first" in result.output


def test_cli_reference_is_generated_and_complete():
    from pathlib import Path

    from industriegraph.cli.doc import reference, undocumented

    assert undocumented() == []
    path = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    assert path.read_text(encoding="utf-8") == reference() + "\n", "docs/cli.md is stale: run `make docs`"


def test_queries_json_lists_modules_with_both_dialects():
    result = runner.invoke(app, ["queries", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    names = {q["name"] for q in listed}
    assert {"cooccurrence", "people", "quality"} <= names
    for q in listed:
        assert set(q) == {"name", "description", "parameters", "columns", "cypher"}
        assert set(q["cypher"]) == {"ladybug", "neo4j"}


def test_query_formats_and_bad_parameters(built_db):
    db = ["--db", str(built_db)]
    as_json = runner.invoke(app, ["query", "cooccurrence", *db, "--format", "json"])
    rows = json.loads(as_json.stdout)
    assert {
        "a_name": "Handelskammer Hamburg",
        "b_name": "Deutscher Gewerkschaftsbund Nord",
        "shared": 1,
        "initiatives": ["Masterplan Industrie Hamburg"],
    } in rows
    as_csv = runner.invoke(app, ["query", "cooccurrence", *db, "-f", "csv"])
    assert as_csv.stdout.splitlines()[0] == "a_name,b_name,shared,initiatives"
    assert len(as_csv.stdout.splitlines()) == len(rows) + 1
    table = runner.invoke(app, ["query", "cooccurrence", *db])
    assert table.exit_code == 0 and "Handelskammer" in table.stdout
    assert f"cooccurrence ({len(rows)} rows)" in table.stdout and "first" not in table.stdout
    short = runner.invoke(app, ["query", "cooccurrence", *db, "--rows", "2"])
    assert short.exit_code == 0 and "the first 2 shown, all with --format csv or json" in " ".join(short.stdout.split())
    assert sum("│" in line and "Handelskammer" in line for line in short.stdout.splitlines()) <= 2
    bad = runner.invoke(app, ["query", "cooccurrence", *db, "--param", "kind_a=Chamber"])
    assert bad.exit_code == 2 and "kind_a" in bad.output
    unknown = runner.invoke(app, ["query", "nosuch", *db])
    assert unknown.exit_code == 2 and "available:" in unknown.output
    malformed = runner.invoke(app, ["query", "cooccurrence", *db, "--param", "kind_a"])
    assert malformed.exit_code == 2 and "key=value" in malformed.output
