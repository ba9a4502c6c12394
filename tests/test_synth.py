"""``industriegraph synth``: counts as asked, heavy-tailed memberships, valid against the schema, seeded, atomic."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest
from typer.testing import CliRunner

from industriegraph.cli.main import app
from industriegraph.graph.facade import Graph
from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import MEMBER_ROLES, NODES, RADIUS, REL_BY_TYPE, RELS, STATUS
from industriegraph.pipeline import synth as synth_module
from industriegraph.pipeline.synth import generate, synth

SIZES = {"initiatives": 300, "organizations": 3000, "memberships": 20000}


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "synth.db"
    report = synth(path, seed=3, **SIZES)
    return path, report


def test_counts_as_asked(synth_db):
    path, report = synth_db
    with Graph.open(path) as g:
        stats = g.stats()
    assert stats["Initiative"] == 300
    assert stats["Organization"] == 3000
    assert stats["MEMBER_OF"] == 20000
    assert stats == {k: v for k, v in report.counts.items()} | {k: stats[k] for k in stats if k not in report.counts}
    # the other labels grow with the initiatives, in the real graph's ratio (97 initiatives, 59 measures, 52 events)
    assert stats["Measure"] == round(59 * 300 / 97)
    assert stats["Event"] == round(52 * 300 / 97)
    assert stats["State"] == 16 and stats["Topic"] == 37
    # each COPY timed, one per label and per (type, from, to) with rows
    assert "MEMBER_OF/Organization->Initiative" in report.copy_seconds and "Organization" in report.copy_seconds
    labels = {n.label for n in NODES if stats.get(n.label)}
    assert labels <= set(report.copy_seconds)
    pairs = {k.split("/")[1] for k in set(report.copy_seconds) - labels}
    assert {"Organization->Initiative", "Initiative->Topic", "Measure->Topic"} <= pairs
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in report.copy_seconds.values())


def test_membership_degrees_are_heavy_tailed(synth_db):
    path, _ = synth_db
    with Graph.open(path) as g:
        rows = g.cypher("MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative) RETURN o.id AS o, i.id AS i")
    assert len({(r["o"], r["i"]) for r in rows}) == len(rows)  # no organisation twice in one initiative
    org = np.array(sorted(Counter(r["o"] for r in rows).values(), reverse=True))
    size = np.array(list(Counter(r["i"] for r in rows).values()))
    mean = len(rows) / SIZES["organizations"]
    # far from Poisson: a few organisations are in very many initiatives
    assert org.max() > 8 * mean
    assert org[: len(org) // 100].sum() > 0.08 * len(rows)  # the top 1 % hold more than 8 % of memberships
    assert org.var() > 5 * org.mean()
    # initiative sizes are spread but bounded
    assert size.max() <= synth_module.MAX_SIZE_FACTOR * np.ceil(len(rows) / SIZES["initiatives"])
    assert size.min() >= 1


def test_valid_against_the_schema(synth_db):
    path, _ = synth_db
    with Graph.open(path) as g:
        for node in NODES:
            declared = {p.name for p in node.all_props}
            for n in g.cypher(f"MATCH (n:{node.label}) RETURN n"):
                n = n["n"]
                assert set(n) - {"_label"} <= declared
                assert n["id"].startswith(f"{node.prefix}:")
                for p in node.props:
                    if p.values and n.get(p.name) is not None:
                        assert n[p.name] in p.values, (node.label, p.name, n[p.name])
                if node.label not in ("State", "Topic", "Source"):
                    assert n["evidence"], n["id"]
        kinds = {r["k"] for r in g.cypher("MATCH (o:Organization) RETURN DISTINCT o.kind AS k")}
        assert kinds <= set(KINDS) and len(kinds) >= 10
        assert {r["r"] for r in g.cypher("MATCH ()-[m:MEMBER_OF]->() RETURN DISTINCT m.role AS r")} <= set(MEMBER_ROLES)
        assert {r["x"] for r in g.cypher("MATCH (i:Initiative) RETURN DISTINCT i.radius AS x")} <= {*RADIUS, None}
        assert {r["x"] for r in g.cypher("MATCH (i:Initiative) RETURN DISTINCT i.status AS x")} <= {*STATUS, None}
        for rel in RELS:
            rows = g.cypher(
                f"MATCH (a)-[r:{rel.type}]->(b) RETURN label(a) AS a, label(b) AS b, r.evidence AS ev, count(*) AS c"
            )
            for r in rows:
                assert (r["a"], r["b"]) in REL_BY_TYPE[rel.type].pairs
                if rel.type not in ("BROADER", "MEMBER_OF"):  # (synthetic memberships: the initiative's evidence)
                    assert r["ev"], rel.type
            if rel.type not in ("HAS_STRATEGY",):
                assert rows, f"no {rel.type} in the synthetic graph"


def test_seeded_and_deterministic():
    a = generate(seed=5, initiatives=50, organizations=400, memberships=1500)
    b = generate(seed=5, initiatives=50, organizations=400, memberships=1500)
    c = generate(seed=6, initiatives=50, organizations=400, memberships=1500)
    assert a.nodes.keys() == b.nodes.keys()
    assert all(a.nodes[k].equals(b.nodes[k]) for k in a.nodes)
    assert all(x[3].equals(y[3]) for x, y in zip(a.rels, b.rels, strict=True))
    member = [t for typ, _, _, t in a.rels if typ == "MEMBER_OF"][0]
    other = [t for typ, _, _, t in c.rels if typ == "MEMBER_OF"][0]
    assert not member.equals(other)


def test_impossible_sizes_are_refused():
    with pytest.raises(ValueError, match="cannot be unique"):
        generate(initiatives=2, organizations=3, memberships=7)
    with pytest.raises(ValueError, match="at least one member"):  # was an endless loop
        generate(initiatives=3, organizations=4, memberships=2)


@pytest.mark.parametrize("sizes", [(20, 30, 550), (5, 10, 50), (40, 200, 3000)])
def test_dense_memberships_are_unique(sizes):
    """Nearly every pair taken: many rounds of drawing repeats again (and the uniform rounds after 20)."""
    n_ini, n_org, m = sizes
    tables = generate(initiatives=n_ini, organizations=n_org, memberships=m, seed=2)
    member = [t for typ, _, _, t in tables.rels if typ == "MEMBER_OF"][0]
    pairs = set(zip(member["from"].to_pylist(), member["to"].to_pylist(), strict=True))
    assert len(pairs) == member.num_rows == m
    org_ids = set(tables.nodes["Organization"]["id"].to_pylist())
    assert {o for o, _ in pairs} <= org_ids
    assert {i for _, i in pairs} == set(tables.nodes["Initiative"]["id"].to_pylist())


def test_memberships_come_in_organisation_order():
    """Sorted by their source, as the engine copies relationships fastest (pipeline.synth)."""
    tables = generate(initiatives=30, organizations=200, memberships=900, seed=3)
    member = [t for typ, _, _, t in tables.rels if typ == "MEMBER_OF"][0]
    rows = list(zip(member["from"].to_pylist(), member["to"].to_pylist(), strict=True))
    assert rows == sorted(rows)


def test_atomic_failure_leaves_the_old_graph(tmp_path, monkeypatch):
    path = tmp_path / "g.db"
    synth(path, seed=1, initiatives=20, organizations=100, memberships=300)
    before = path.read_bytes()

    def broken(self, nodes, rels, **options):
        raise RuntimeError("disk full")

    from industriegraph.store.ladybug import LadybugStore

    monkeypatch.setattr(LadybugStore, "copy_tables", broken)
    with pytest.raises(RuntimeError):
        synth(path, seed=2, initiatives=20, organizations=100, memberships=300)
    assert path.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} <= {"g.db", "g.db.derived"}  # no leftovers of the failed run


def test_cli(tmp_path):
    path = tmp_path / "cli.db"
    args = ["synth", "--db", str(path), "--initiatives", "30", "--organizations", "200", "--memberships", "600"]
    result = CliRunner().invoke(app, [*args, "--seed", "4", "--json"])
    assert result.exit_code == 0, result.output
    assert '"MEMBER_OF": 600' in result.output
    bad = CliRunner().invoke(app, ["synth", "--db", str(path), "--initiatives", "2", "--organizations", "2"])
    assert bad.exit_code == 2 and "cannot be unique" in bad.output


READ_BACK = (
    "MATCH (o)-[m:MEMBER_OF]->(i) RETURN o.id AS org, m.role AS r, i.id AS ini ORDER BY org, ini",
    "MATCH (a)-[h:HAS_TOPIC]->(t) RETURN a.id AS s, t.id AS topic, h.derived AS d ORDER BY s, topic, d",
    "MATCH (n) RETURN label(n) AS l, count(*) AS c ORDER BY l",
    "MATCH ()-[r]->() RETURN label(r) AS l, count(*) AS c ORDER BY l",
)


def test_large_copies_commit_alone_with_the_same_result(tmp_path):
    """``alone_from``: big COPYs committed on their own, the small ones between them together; the same graph as
    with one transaction (the engine's scan order differs between the two, as it did for each COPY alone)."""
    from industriegraph.store.ladybug import LadybugStore

    tables = generate(seed=4, initiatives=40, organizations=300, memberships=2500)
    reads = []
    for alone_from in (None, 500):
        store = LadybugStore(tmp_path / f"g-{alone_from}.db")
        try:
            store.create_schema()
            timings: dict[str, tuple[float, float]] = {}
            store.copy_tables(tables.nodes, tables.rels, alone_from=alone_from, timings=timings)
            assert timings["MEMBER_OF/Organization->Initiative"][0] >= 0
            reads.append([store.cypher(q) for q in READ_BACK])
        finally:
            store.close()
    assert reads[0] == reads[1]
    assert len(reads[0][0]) == 2500


def test_a_node_table_the_writer_thread_cannot_copy_fails_the_block_and_keeps_nothing(tmp_path):
    """Node tables are copied on a thread of their own while the next ones are generated (``node_copies``): its
    error reaches the caller, and the transaction's other tables are not kept."""
    import pyarrow as pa

    from industriegraph.store.ladybug import LadybugStore

    tables = generate(seed=1, initiatives=5, organizations=20, memberships=40)
    store = LadybugStore(tmp_path / "g.db")
    try:
        store.create_schema()
        with pytest.raises(RuntimeError, match="(?i)copy|duplicat|primary"):
            with store.node_copies() as nodes:
                nodes.put("Organization", tables.nodes["Organization"])
                twice = pa.concat_tables([tables.nodes["Initiative"], tables.nodes["Initiative"]])
                nodes.put("Initiative", twice)  # every id twice: the primary key refuses
        assert store.cypher("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    finally:
        store.close()


def test_deferred_checkpoints_keep_the_log_until_the_checkpoint(tmp_path):
    """A fresh database being filled (``write_ladybug_atomically``) defers checkpoints: committed rows stay in the
    log, readable at once, until ``checkpoint`` writes them into the file and empties the log."""
    from industriegraph.store.ladybug import LadybugStore

    tables = generate(seed=2, initiatives=40, organizations=300, memberships=2500)
    path = tmp_path / "g.db"
    wal = tmp_path / "g.db.wal"
    store = LadybugStore(path)
    try:
        store.create_schema()
        store.defer_checkpoints()
        store.copy_tables(tables.nodes, tables.rels)
        assert wal.stat().st_size > 0
        counted = store.cypher(READ_BACK[3])
        assert {r["l"]: r["c"] for r in counted}["MEMBER_OF"] == 2500
        store.checkpoint()
        assert not wal.exists() or wal.stat().st_size == 0
    finally:
        store.close()
    reopened = LadybugStore(path, read_only=True)
    try:
        assert reopened.cypher(READ_BACK[3]) == counted
    finally:
        reopened.close()


def test_null_columns_at_the_end_of_a_large_copy_are_added_after_it(tmp_path, monkeypatch):
    """A large COPY leaves out its last all-null columns and adds them back after (``LadybugStore._copy``): the
    columns keep their declared order and read as nulls. A table that already holds rows keeps all its columns
    (dropping one would lose its values), so a later COPY into it writes them as declared."""
    from industriegraph.model.records import GraphData
    from industriegraph.store import ladybug as ladybug_store

    monkeypatch.setattr(ladybug_store, "NULL_TAIL_FROM", 2)  # every COPY of two rows or more counts as large
    data = GraphData()
    data.nodes["Event"] = [{"id": "ev:1"}, {"id": "ev:2"}]
    data.nodes["Initiative"] = [{"id": "ini:a", "name": "A"}, {"id": "ini:b", "name": "B"}]
    data.nodes["Measure"] = [{"id": "m:1"}, {"id": "m:2"}]
    data.nodes["Topic"] = [{"id": "topic:x"}]

    def topic(label: str, key: str, **props: object) -> dict:
        return {"_from": label, "_to": "Topic", "from": key, "to": "topic:x", "raw": "r", **props}

    data.rels["HAS_TOPIC"] = [  # copied by pair in this order: events, initiatives, measures
        *(topic("Event", e) for e in ("ev:1", "ev:2")),  # into the empty table: derived and evidence added after
        *(topic("Initiative", i, evidence=[f"f:{i}"]) for i in ("ini:a", "ini:b")),
        *(topic("Measure", m) for m in ("m:1", "m:2")),  # null at the end, but the table holds rows by now
    ]
    store = ladybug_store.LadybugStore(tmp_path / "g.db")
    executed: list[str] = []
    execute = store.conn.execute
    monkeypatch.setattr(store.conn, "execute", lambda q, *a: executed.append(q) or execute(q, *a))
    try:
        store.create_schema()
        store.write(data)
        info = store.cypher("CALL table_info('HAS_TOPIC') RETURN name")
        assert [r["name"] for r in info] == ["raw", "derived", "evidence"]
        rows = store.cypher("MATCH (a)-[t:HAS_TOPIC]->() RETURN a.id AS a, t.raw AS raw, t.derived AS d, "
                            "t.evidence AS ev")  # fmt: skip
        assert sorted(rows, key=lambda r: r["a"]) == [
            {"a": "ev:1", "raw": "r", "d": None, "ev": None},
            {"a": "ev:2", "raw": "r", "d": None, "ev": None},
            {"a": "ini:a", "raw": "r", "d": None, "ev": ["f:ini:a"]},
            {"a": "ini:b", "raw": "r", "d": None, "ev": ["f:ini:b"]},
            {"a": "m:1", "raw": "r", "d": None, "ev": None},
            {"a": "m:2", "raw": "r", "d": None, "ev": None},
        ]
        assert [q for q in executed if q.startswith("ALTER TABLE HAS_TOPIC DROP")] == [
            "ALTER TABLE HAS_TOPIC DROP evidence",
            "ALTER TABLE HAS_TOPIC DROP derived",
        ]  # for the events' COPY only
        assert store.cypher("MATCH (i:Initiative) RETURN i.id AS id, i.name AS name, i.evidence AS ev ORDER BY id") == [
            {"id": "ini:a", "name": "A", "ev": None},
            {"id": "ini:b", "name": "B", "ev": None},
        ]
        assert any(q.startswith("ALTER TABLE Initiative DROP") for q in executed)  # node tables too
    finally:
        store.close()


def _everything(store) -> tuple[list[str], list[str]]:
    """Every node and every relationship with its properties, as sorted JSON lines."""
    nodes = store.cypher("MATCH (n) RETURN n")
    rels = store.cypher("MATCH (a)-[r]->(b) RETURN a.id AS a, b.id AS b, r")
    return tuple(sorted(json.dumps(row, sort_keys=True, default=str) for row in rows) for rows in (nodes, rels))


def test_tables_copied_on_two_connections_at_once_hold_the_same_graph(tmp_path, monkeypatch):
    """A fresh database opened for ``concurrent_writes`` (the build's and ``synth``'s, ``open_fresh``) copies its
    tables on two connections at once (``_copy_side_by_side``), with or without ``alone_from``, and a large COPY
    still leaves out its null columns meanwhile: the graph is the one a single connection writes."""
    from industriegraph.store import ladybug as ladybug_store

    tables = generate(seed=5, initiatives=40, organizations=300, memberships=2500)
    monkeypatch.setattr(ladybug_store, "NULL_TAIL_FROM", 1000)  # the memberships' null columns left out
    side_by_side: list[int] = []
    copy_side_by_side = ladybug_store.LadybugStore._copy_side_by_side

    def counted(self, *args):
        side_by_side.append(1)
        return copy_side_by_side(self, *args)

    monkeypatch.setattr(ladybug_store.LadybugStore, "_copy_side_by_side", counted)
    graphs = []
    for concurrent, alone_from in ((False, None), (True, None), (True, 500)):
        store = ladybug_store.LadybugStore(tmp_path / f"g-{concurrent}-{alone_from}.db", concurrent_writes=concurrent)
        try:
            store.create_schema()
            store.copy_tables(tables.nodes, tables.rels, alone_from=alone_from)
            graphs.append(_everything(store))
        finally:
            store.close()
    assert side_by_side == [1, 1]
    assert graphs[0] == graphs[1] == graphs[2]
    assert len(graphs[0][1]) == sum(t.num_rows for *_, t in tables.rels)


def test_an_error_on_the_second_connection_reaches_the_caller(tmp_path):
    """A COPY that fails on the second connection fails ``copy_tables`` (a membership without its person)."""
    import pyarrow as pa

    from industriegraph.pipeline.synth import node_table, rel_table
    from industriegraph.store.ladybug import LadybugStore, _two_shares

    nodes = {
        "Organization": node_table("Organization", ["org:a", "org:b"], name=["A", "B"]),
        "Initiative": node_table("Initiative", ["ini:x"], name=["X"]),
    }
    members = rel_table("MEMBER_OF", pa.array(["org:a", "org:b"]), pa.array(["ini:x", "ini:x"]))
    nobody = rel_table("HOLDS_ROLE", pa.array(["person:nobody"]), pa.array(["org:a"]))
    rels = [("MEMBER_OF", "Organization", "Initiative", members), ("HOLDS_ROLE", "Person", "Organization", nobody)]
    store = LadybugStore(tmp_path / "g.db", concurrent_writes=True)
    try:
        store.create_schema()
        second = _two_shares([c for c in store._copies(nodes, rels) if "/" in c[0]])[1]
        assert [name for name, _, _ in second] == ["HOLDS_ROLE/Person->Organization"]
        with pytest.raises(RuntimeError, match="person:nobody"):
            store.copy_tables(nodes, rels)
    finally:
        store.close()
