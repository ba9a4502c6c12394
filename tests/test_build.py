"""The whole pipeline on the real sources: counts the report states, evidence, idempotence."""

from __future__ import annotations

import json
import re
from collections import Counter

from industriegraph.graph.evidence import quote
from industriegraph.pipeline.build import build
from industriegraph.text.normalize import norm

from .conftest import SOURCES

GENERIC = {
    "gmbh",
    "region",
    "stadt",
    "hamburg",
    "initiative",
    "netzwerk",
    "verband",
    "industrie",
    "und",
    "der",
    "die",
    "fuer",
    "des",
    "the",
    "e",
    "v",
    "landkreis",
    "kreis",
}


def test_initiatives_radius_and_states(graph):
    rows = graph.cypher("MATCH (i:Initiative) RETURN i.status AS status, i.radius AS radius, count(*) AS n")
    by = Counter()
    for r in rows:
        by[(r["status"], r["radius"])] += r["n"]
    active = {radius: n for (status, radius), n in by.items() if status == "active" and radius}
    assert active == {"regional": 52, "landesweit": 24, "lokal": 17}
    assert sum(n for (status, _), n in by.items() if status == "ended") == 2
    first = graph.cypher(
        "MATCH (i:Initiative)-[l:LOCATED_IN]->(s:State) WHERE l.position = 1 AND i.radius IS NOT NULL "
        "RETURN s.name AS state, count(*) AS n"
    )
    first_counts = {r["state"]: r["n"] for r in first}
    assert (first_counts["Nordrhein-Westfalen"], first_counts["Baden-Württemberg"], first_counts["Berlin"]) == (
        22,
        14,
        9,
    )
    two_state = graph.cypher(
        "MATCH (i:Initiative)-[l:LOCATED_IN]->(:State) WITH i, count(l) AS n WHERE n = 2 RETURN i.name AS name"
    )
    assert len(two_state) == 4  # the report: four initiatives span two Länder


def test_masterplan_in_graph(graph):
    plan = graph.cypher("MATCH (s:Strategy)-[:HAS_ACTION_FIELD]->(f:ActionField) RETURN s.id AS id, count(f) AS n")
    assert [r["n"] for r in plan] == [5]
    plan_id = plan[0]["id"]
    partners = graph.cypher(
        "MATCH (o:Organization)-[:PARTNER_OF]->(s:Strategy) WHERE s.id = $id RETURN o.name AS name", id=plan_id
    )
    assert {r["name"] for r in partners} == {
        "Senat der Freien und Hansestadt Hamburg",
        "Handelskammer Hamburg",
        "Industrieverband Hamburg e. V.",
        "Deutscher Gewerkschaftsbund Nord",
    }
    signers = graph.cypher(
        "MATCH (p:Person)-[r:SIGNED]->(s:Strategy) WHERE s.id = $id RETURN p.name AS name, r.role AS role", id=plan_id
    )
    assert len(signers) == 5 and all(r["role"] for r in signers)
    # the initiative of the report and the document itself are linked
    linked = graph.cypher(
        "MATCH (i:Initiative)-[:HAS_STRATEGY]->(s:Strategy) WHERE s.id = $id RETURN i.name AS name", id=plan_id
    )
    assert [r["name"] for r in linked] == ["Masterplan Industrie Hamburg"]


def test_one_node_per_real_organisation(graph):
    ivh = graph.find("IVH")
    assert len(ivh) == 1 and ivh[0]["name"] == "Industrieverband Hamburg e. V."
    assert graph.find("Industrieverband Hamburg e. V.")[0]["id"] == ivh[0]["id"]
    names = [norm(r["name"]) for r in graph.cypher("MATCH (o:Organization) RETURN o.name AS name")]
    assert len(names) == len(set(names)), [n for n, c in Counter(names).items() if c > 1]


def test_no_replacement_character_anywhere(graph):
    data = graph.node_link()
    text = json.dumps(data, ensure_ascii=False)
    assert "\ufffd" not in text


def test_every_node_and_relationship_has_resolvable_evidence(graph):
    data = graph.node_link()
    vocabulary = {"State", "Topic"}  # built-in vocabularies, not stated by a document
    for n in data["nodes"]:
        if n["label"] in vocabulary:
            continue
        ev = n["properties"].get("evidence") or []
        if n["label"] == "Source":
            continue
        assert ev, n["id"]
        assert all(quote(e, SOURCES) is not None for e in ev), n["id"]
    for ln in data["links"]:
        if ln["type"] == "BROADER":
            continue
        ev = ln["properties"].get("evidence") or []
        assert ev and all(quote(e, SOURCES) is not None for e in ev), ln


def _mentions(org: dict, lines: list[str]) -> bool:
    text = norm(" ".join(lines))
    raw = " ".join(lines)
    names = [org["name"], *(org.get("aliases") or [])]
    if any(norm(n) and f" {norm(n)} " in f" {text} " for n in names):
        return True
    if any(re.search(rf"\b{re.escape(n)}\b", raw) for n in names if n.isupper() and len(n) >= 2):
        return True
    tokens = {t for n in names for t in norm(n).split() if len(t) >= 4 and t not in GENERIC}
    return bool(tokens) and any(t in text.split() for t in tokens)


def test_member_of_evidence_names_the_organisation(graph, corpus):
    rows = graph.cypher("MATCH (o:Organization)-[r:MEMBER_OF]->(i:Initiative) RETURN o, r, i.name AS initiative")
    assert len(rows) == 77  # measured after resolution: report links and the Masterplan partners, merged
    bad = []
    for row in rows:
        lines = []
        for e in row["r"]["evidence"]:
            file, _, line = e.rpartition(":")
            lines.append(corpus[file].clean(int(line)))
        if not _mentions(row["o"], lines):
            bad.append((row["o"]["name"], row["initiative"], row["r"]["evidence"]))
    assert not bad, bad


def test_rebuild_gives_the_same_export(tmp_path, graph):
    path = tmp_path / "again.db"
    build(SOURCES, path)
    from industriegraph.graph.facade import Graph

    with Graph.open(path) as again:
        assert again.node_link() == graph.node_link()


def test_to_networkx_keeps_types_and_properties(graph):
    g = graph.to_networkx()
    stats = graph.stats()
    assert g.number_of_nodes() == sum(
        stats[n]
        for n in (
            "Initiative",
            "Organization",
            "Topic",
            "State",
            "Measure",
            "Person",
            "Strategy",
            "Event",
            "Source",
            "Finding",
            "ActionField",
            "Objective",
            "Statistic",
        )
    )
    assert g.nodes["topic:wasserstoff"]["type"] == "Topic" and g.nodes["topic:wasserstoff"]["label"] == "Wasserstoff"
    assert g.nodes["state:de-hh"]["code"] == "DE-HH"
    member = [d for _, _, d in g.edges(data=True) if d["type"] == "MEMBER_OF"]
    assert len(member) == stats["MEMBER_OF"] and all(d["evidence"] for d in member)


def test_an_exported_neo4j_uri_does_not_redirect_a_plain_build(tmp_path):
    """``make neo4j`` prints NEO4J_URI to export; a `build` without ``--neo4j`` still writes the local file."""
    from typer.testing import CliRunner

    from industriegraph.cli.main import app

    db = tmp_path / "local.db"
    env = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "unused"}
    env["INDUSTRIEGRAPH_DB"] = str(db)  # no --db: the default database, as a plain `build` has it
    result = CliRunner().invoke(app, ["build", "--sources", str(SOURCES), "--json"], env=env)
    assert result.exit_code == 0, result.output[-500:]
    assert db.exists() and json.loads(result.stdout)["target"] == str(db)


def test_a_small_graph_is_read_on_one_thread_per_query(built_db, tmp_path, monkeypatch):
    """Reading the five sources' graph, a query has too little to do to gain from the engine's threads
    (``store.ladybug._query_threads``); a larger file, and writing, keep the engine's default (0)."""
    from industriegraph.store import ladybug as ladybug_store

    store = ladybug_store.LadybugStore(built_db, read_only=True)
    try:
        assert store.cypher("CALL current_setting('threads') RETURN *") == [{"threads": "1"}]
    finally:
        store.close()
    assert ladybug_store._query_threads(built_db, read_only=False) == 0
    written = ladybug_store.LadybugStore(tmp_path / "written.db")  # after writing, reading on the same connection
    try:
        written.create_schema()
        written.checkpoint()
        assert written.for_reading()
        assert written.cypher("CALL current_setting('threads') RETURN *") == [{"threads": "1"}]
        monkeypatch.setattr(ladybug_store, "ONE_THREAD_BELOW", 0)  # as if the files were larger
        assert not written.for_reading()
    finally:
        written.close()
    assert ladybug_store._query_threads(built_db, read_only=True) == 0
