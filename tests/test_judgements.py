"""Judgements: what the build joins on similarity alone becomes a candidate; a decision recorded with
``industriegraph review`` is honoured by the next build; the judgement file stays readable and diff-friendly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.facade import Graph
from industriegraph.model.judgements import (
    Judgement,
    JudgementError,
    dump_judgements,
    read_judgements,
    write_judgements,
)
from industriegraph.model.records import LoadResult, Ref
from industriegraph.pipeline.build import build
from industriegraph.resolve import candidate_id, read_alias_file, resolve
from tests.conftest import SOURCES

runner = CliRunner()
# Two short texts that spell one network differently ("Wasserstoff-Netzwerk Nordhesen" with a typo): only the
# similarity of the two spellings joins them.
FIRST = """Wasserstoffnetzwerk Nordhessen startet

Das „Wasserstoffnetzwerk Nordhessen“ wurde im Mai 2021 in Kassel gegründet und verbindet Unternehmen der Region.

Partner sind die Industrie- und Handelskammer Kassel-Marburg und die Universität Kassel.
"""
SECOND = """Zwei Jahre Wasserstoff in Nordhessen

Das „Wasserstoff-Netzwerk Nordhesen“ hat seit 2021 mehr als vierzig Mitglieder gewonnen.

Die Geschäftsstelle sitzt in Kassel in Hessen.
"""
NAMES = {"Wasserstoffnetzwerk Nordhessen", "Wasserstoff-Netzwerk Nordhesen"}


@pytest.fixture()
def small(tmp_path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "netzwerk-kassel.txt").write_text(FIRST, encoding="utf-8")
    (sources / "bericht-region.txt").write_text(SECOND, encoding="utf-8")
    shutil.copy(SOURCES.parent / "aliases.yaml", tmp_path / "aliases.yaml")
    return sources


def _build(sources: Path) -> Graph:
    db = sources.parent / "graph.db"
    build(sources, db)
    return Graph.open(db, sources=sources)


def _initiatives(g: Graph) -> list[str]:
    return sorted(r["n"] for r in g.cypher("MATCH (i:Initiative) RETURN i.name AS n"))


def _cli(sources: Path, *args: str):
    result = runner.invoke(app, ["review", *args, "--db", str(sources.parent / "graph.db")])
    assert result.exit_code == 0, result.output
    return result


def test_a_merge_on_similarity_alone_is_a_candidate_listed_by_graph_cli_and_json(small):
    with _build(small) as g:
        assert len(_initiatives(g)) == 1  # the machine merged them
        (c,) = g.candidates()
        node = g.get(c["node"])
        assert g.quote(c["evidence"][0]) is not None
    assert c["kind"] == "merge-candidate" and c["label"] == "Initiative" and c["decision"] is None
    assert set(c["names"]) == NAMES and c["score"] >= 94
    assert c["id"] == candidate_id("Initiative", *c["names"])  # stable: from the names, not the build
    assert {e.rpartition(":")[0] for e in c["evidence"]} == {"netzwerk-kassel.txt", "bericht-region.txt"}
    assert node["_label"] == "Initiative"
    listed = json.loads(_cli(small, "--json").output)
    assert [x["id"] for x in listed] == [c["id"]]
    table = _cli(small).output
    assert c["id"] in table and "Zusammenführung" in table and "offen" in table


def test_reject_keeps_the_two_apart_accept_merges_unsure_stays_listed(small):
    file = small.parent / "aliases.yaml"
    with _build(small) as g:
        (c,) = g.candidates()
    out = _cli(small, "reject", c["id"][:6], "--note", "zwei Netzwerke", "--author", "prüferin", "--file", str(file))
    out = out.output
    assert "verschieden" in out
    (entry,) = [j for j in read_judgements(file) if j.candidate == c["id"]]
    assert (entry.decision, entry.author, entry.note, set(entry.names)) == (
        "different",
        "prüferin",
        "zwei Netzwerke",
        NAMES,
    )
    assert entry.date and len(entry.date) == 10
    with _build(small) as g:
        assert set(_initiatives(g)) == NAMES  # kept apart
        assert g.candidates() == []  # and no longer a candidate

    # a second decision on the same candidate replaces the first: one decision per pair
    _judge_directly(small, c, "same")
    assert [j.decision for j in read_judgements(file) if j.candidate == c["id"]] == ["same"]
    with _build(small) as g:
        assert len(_initiatives(g)) == 1
        assert g.candidates() == []  # accepted: merged, not listed

    _judge_directly(small, c, "unsure")
    with _build(small) as g:
        assert len(_initiatives(g)) == 1  # the machine's merge stands
        (again,) = g.candidates()
        assert (again["id"], again["decision"]) == (c["id"], "unsure")
        assert g.candidates(include_unsure=False) == []
    assert "unsicher" in _cli(small).output


def _judge_directly(sources: Path, c: dict, decision: str) -> None:
    """Judge through the CLI although the current graph may no longer list the candidate: from the graph of a
    build without judgements."""
    plain = sources.parent / "plain"
    plain.mkdir(exist_ok=True)
    build(sources, plain / "graph.db", aliases=plain / "none.yaml")
    with Graph.open(plain / "graph.db", sources=sources) as g:
        g.judge(c["id"], decision, author="prüfer", path=sources.parent / "aliases.yaml")


def test_unknown_candidate_id_is_a_clear_error(small):
    _build(small).close()
    result = runner.invoke(app, ["review", "accept", "ffffffff", "--db", str(small.parent / "graph.db")])
    assert result.exit_code == 2
    assert "ffffffff" in result.output and "industriegraph review" in result.output


def test_the_judgement_file_is_canonical_sorted_and_rewrites_to_the_same_bytes(tmp_path):
    real = SOURCES.parent / "aliases.yaml"
    entries = read_judgements(real)
    assert len(entries) == 8 and all(j.decision == "same" and j.author and j.date for j in entries)
    assert dump_judgements(entries) == real.read_text(encoding="utf-8")  # the file is in canonical form
    assert [j.sort_key() for j in entries] == sorted(j.sort_key() for j in entries)
    copy = tmp_path / "aliases.yaml"
    write_judgements(copy, entries)
    write_judgements(copy, read_judgements(copy))
    assert copy.read_bytes() == real.read_bytes()
    # a new decision lands in its sorted place as one block; everything else stays byte for byte
    write_judgements(
        copy,
        [
            *entries,
            Judgement("Initiative", "Netzwerk B", ["Netzwerk A"], decision="different", author="x", date="2026-11-27"),
        ],
    )
    text = copy.read_text(encoding="utf-8")
    assert "- label: Initiative\n  name: Netzwerk B\n  other: Netzwerk A\n  decision: different\n" in text
    assert text.index("label: Initiative") < text.index("label: Organization")
    assert yaml.safe_load(text)[0]["other"] == "Netzwerk A"
    # the eight alias decisions of the older form keep working
    assert [(j.label, j.name, j.aliases) for j in read_alias_file(real)] == [
        (j.label, j.name, j.aliases) for j in entries
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- label: Organization\n  name: A\n  aliases: [B]\n- label: Organisation\n  name: C\n", 4, "label"),
        ("- label: Initiative\n  name: A\n  other: B\n  decision: maybe\n", 1, "decision"),
        ("- label: Initiative\n  name: A\n  decision: different\n", 1, "other"),
        ("- label: Initiative\n  name: A\n  other: B\n  colour: red\n", 1, "colour"),
        ("- label: Initiative\n  name: A: B\n", 2, "YAML"),
    ],
)
def test_a_bad_judgement_file_names_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JudgementError) as exc:
        read_judgements(path)
    assert f"aliases.yaml:{line}:" in str(exc.value) and words in str(exc.value)


# -- on the resolver's records: link look-ups and a "different" that no chain of similar names undoes ------------


def _records(*names: str, link_to: str | None = None) -> LoadResult:
    r = LoadResult()
    for i, name in enumerate(names, 1):
        r.add("Initiative", name, f"n{i}.txt:{i}")
    r.add("Organization", "Universität Kassel", "u.txt:1", kind="University")
    if link_to:
        r.link("MEMBER_OF", Ref("Organization", "Universität Kassel"), Ref("Initiative", link_to), "u.txt:2")
    return r


def _verdict(c: dict, decision: str) -> Judgement:
    return Judgement(c["about"], c["names"][0], [c["names"][1]], decision=decision, candidate=c["candidate"])


def test_a_link_looked_up_on_similarity_is_a_candidate_and_its_judgement_is_honoured():
    records = _records("Wasserstoffnetzwerk Nordhessen", link_to="Wasserstoffnetzwerk Nordhesen")
    data = resolve([records])
    (c,) = [f for f in data.nodes["Finding"] if f["kind"] == "link-candidate"]
    assert c["names"] == ["Wasserstoffnetzwerk Nordhesen", "Wasserstoffnetzwerk Nordhessen"]
    assert c["subject"] == data.rels["MEMBER_OF"][0]["to"] and "u.txt:2" in c["evidence"]
    assert "Ähnlichkeit" in c["message"] and c["candidate"] in c["message"]

    rejected = resolve([records], [_verdict(c, "different")])
    assert rejected.rels["MEMBER_OF"] == []  # no longer linked: the reference is unresolved, a finding says so
    kinds = [f["kind"] for f in rejected.nodes["Finding"]]
    assert "link-candidate" not in kinds and "unresolved-name" in kinds

    accepted = resolve([records], [_verdict(c, "same")])
    assert accepted.rels["MEMBER_OF"] == data.rels["MEMBER_OF"]
    assert [f for f in accepted.nodes["Finding"] if f["kind"] == "link-candidate"] == []


def test_a_pair_judged_different_stays_apart_even_through_a_third_similar_name():
    a, b, between = "Wasserstoffnetzwerk Nordhessen", "Wasserstoffnetzwerk Nordhesen", "Wasserstofnetzwerk Nordhessen"
    data = resolve([_records(a, b, between)])
    assert len(data.nodes["Initiative"]) == 1
    ids = {candidate_id("Initiative", x, y) for x, y in ((a, b), (a, between), (b, between))}
    listed = {f["candidate"] for f in data.nodes["Finding"] if f["kind"] == "merge-candidate"}
    assert listed and listed <= ids
    apart = Judgement("Initiative", a, [b], decision="different", candidate=candidate_id("Initiative", a, b))
    kept = resolve([_records(a, b, between)], [apart])
    groups = sorted(sorted([n["name"], *n.get("aliases", [])]) for n in kept.nodes["Initiative"])
    assert len(groups) == 2 and not any(a in g and b in g for g in groups)


def test_a_bad_judgement_file_fails_the_build_naming_file_and_line_and_keeps_the_graph(small):
    _build(small).close()
    db = small.parent / "graph.db"
    before = db.stat().st_mtime_ns
    bad = small.parent / "bad.yaml"
    bad.write_text("- label: Initiative\n  name: A\n  other: B\n  decision: vielleicht\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--db", str(db), "--sources", str(small), "--aliases", str(bad), "--json"])
    assert result.exit_code == 1
    assert "bad.yaml:1:" in result.output and "vielleicht" in result.output and "untouched" in result.output
    assert db.stat().st_mtime_ns == before
