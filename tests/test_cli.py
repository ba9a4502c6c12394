"""The CLI is a thin layer over the core: build, stats, show, export json, schema."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from industriegraph.cli import app

runner = CliRunner()


def test_build_json_summary_and_stats(tmp_path):
    db = tmp_path / "g.db"
    result = runner.invoke(app, ["build", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["Initiative"] == 96 or summary["counts"]["Initiative"] >= 95
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
