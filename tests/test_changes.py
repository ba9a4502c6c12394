"""The change report of every build, ``--strict`` refusing a build that lost most of a source, and ``add``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.facade import Graph
from industriegraph.pipeline.build import build, cache_folder
from industriegraph.pipeline.changes import RefusedChange, manifest_path
from industriegraph.store.derived import sidecar

from .conftest import SOURCES

ROOT = Path(__file__).resolve().parents[1]
ALIASES = ROOT / "data" / "aliases.yaml"
REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
EXAMPLE = ROOT / "examples" / "mitglieder-thueringer-buendnis-fuer-industrie.csv"


def copy_graph(built_db: Path, to: Path) -> Path:
    """The session's graph with its manifest, derived data and load cache, as a build leaves them."""
    for src, dst in ((built_db, to), (sidecar(built_db), sidecar(to)), (manifest_path(built_db), manifest_path(to))):
        shutil.copy2(src, dst)
    shutil.copytree(cache_folder(built_db), cache_folder(to))
    return to


def export(db: Path, out: Path) -> bytes:
    with Graph.open(db) as g:
        g.export_json(out)
    return out.read_bytes()


def test_a_truncated_report_is_named_and_strict_refuses_the_swap(tmp_path, built_db):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / REPORT).write_bytes((SOURCES / REPORT).read_bytes()[:2000])
    db = copy_graph(built_db, tmp_path / "graph.db")
    before = {p: p.read_bytes() for p in (db, manifest_path(db), sidecar(db))}
    stated = len(json.loads(before[manifest_path(db)])["snapshot"][REPORT]["nodes"])
    assert stated > 250  # the report's initiatives, organisations, events, … and the findings citing it

    with pytest.raises(RefusedChange) as refused:
        build(sources, db, aliases=ALIASES, strict=True)
    assert f"{REPORT}: " in str(refused.value) and "more than half" in str(refused.value)
    assert all(p.read_bytes() == b for p, b in before.items())  # graph, manifest and derived data untouched
    # nor left behind: the fresh database the build opened while its child read (pipeline.build.open_fresh)
    assert not list(tmp_path.glob(".graph.db.building-*"))

    report = build(sources, db, aliases=ALIASES)
    named = [w for w in report.warnings if w.startswith(f"{REPORT}: ")]
    assert any(f"2 records instead of {stated} " in w for w in named), report.warnings
    assert any("read as web-page this time, as network-report" in w for w in named), report.warnings
    entry = next(s for s in report.changes["sources"] if s["file"] == REPORT)
    assert (entry["records"]["before"], entry["records"]["after"]) == (stated, 2)
    assert (
        len(entry["records"]["removed"]) >= stated - 2
        and "ini:thueringer-buendnis-fuer-industrie" in (entry["records"]["removed"])
    )
    others = [s for s in report.changes["sources"] if s["file"] != REPORT]
    assert all(not s["records"]["removed"] for s in others)
    assert db.read_bytes() != before[db]  # without --strict the build is swapped in, with the warning


def test_strict_refusal_through_the_cli(tmp_path, built_db):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / REPORT).write_bytes((SOURCES / REPORT).read_bytes()[:2000])
    db = copy_graph(built_db, tmp_path / "graph.db")
    before = db.read_bytes()
    args = ["build", "--db", str(db), "--sources", str(sources), "--aliases", str(ALIASES), "--strict", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "--strict refuses this build" in result.output and REPORT in result.output
    assert "left untouched" in result.output
    assert db.read_bytes() == before


def test_add_equals_a_rebuild_with_the_file(tmp_path, built_db):
    db = copy_graph(built_db, tmp_path / "added.db")
    result = CliRunner().invoke(app, ["add", str(EXAMPLE), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    new = next(s for s in report["changes"]["sources"] if s["file"] == EXAMPLE.name)
    assert new["status"] == "added" and new["kind"] == "member-list"
    assert "ini:thueringer-buendnis-fuer-industrie" in new["records"]["added"]
    assert len([k for k in new["links"]["added"] if k.startswith("MEMBER_OF ")]) == 9
    assert all(not s["records"]["removed"] for s in report["changes"]["sources"])
    derived = report["changes"]["derived"]  # the precomputed data is part of the report: new members move it
    assert derived["previous"] and derived["unchanged"] > 0 and not derived["added"] + derived["removed"]
    assert {"memberships/edge_org.npy", "brokers/betweenness.npy"} <= set(derived["changed"]), derived["changed"]

    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    shutil.copy(EXAMPLE, sources)
    rebuilt = tmp_path / "rebuilt.db"
    build(sources, rebuilt, aliases=ALIASES)
    assert export(db, tmp_path / "added.json") == export(rebuilt, tmp_path / "rebuilt.json")
    with Graph.open(db) as g:  # evidence in the added file is quoted from where it was added (the manifest)
        assert g.quote(f"{EXAMPLE.name}:7") == EXAMPLE.read_text(encoding="utf-8").splitlines()[6]

    with Graph.open(db) as g:  # the same file again, through the facade: read again, nothing changes
        members = g.cypher("MATCH ()-[m:MEMBER_OF]->() RETURN count(*) AS n")
        again = g.add(EXAMPLE)
        assert g.cypher("MATCH ()-[m:MEMBER_OF]->() RETURN count(*) AS n") == members  # reopened on the new graph
    changed = [s for s in again.changes["sources"] if any(s[x][y] for x in ("records", "links") for y in
               ("added", "removed", "changed"))]  # fmt: skip
    assert changed == []
    assert again.changes["derived"]["previous"] and again.changes["derived"]["changed"] == []  # derived: same bytes


def test_add_refuses_a_graph_without_manifest_and_a_clashing_name(tmp_path, built_db):
    db = copy_graph(built_db, tmp_path / "graph.db")
    clash = tmp_path / REPORT
    clash.write_text("Ein anderer Text.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["add", str(clash), "--db", str(db)])
    assert result.exit_code == 1 and "already has a source of this name" in result.output
    bad = tmp_path / "liste.csv"
    bad.write_text("Initiative;Organisation;Art\nNetzwerk A;Firma B;Raumschiff\n", encoding="utf-8")
    before = db.read_bytes(), manifest_path(db).read_bytes()
    result = CliRunner().invoke(app, ["add", str(bad), "--db", str(db)])
    assert result.exit_code == 1 and "liste.csv:2:3: column 'Art': unknown organisation kind" in result.output
    assert (db.read_bytes(), manifest_path(db).read_bytes()) == before
    manifest_path(db).unlink()
    result = CliRunner().invoke(app, ["add", str(EXAMPLE), "--db", str(db)])
    assert result.exit_code == 1 and "no build manifest" in result.output
