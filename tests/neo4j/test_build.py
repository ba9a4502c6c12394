"""The build into a real Neo4j server: CLI, constraints, the same graph as Ladybug, idempotent rebuilds, failed builds
that leave the previous graph untouched, and the ``export cypher`` script loaded through the driver.

The server is shared by the whole session (``neo4j_build`` builds the real sources into it once); a test that
changes its graph restores it before it ends.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import industriegraph.cli.export  # noqa: F401  (registers the export commands)
from industriegraph.cli.main import app
from industriegraph.model.ddl import neo4j_constraints
from industriegraph.model.schema import NODES

from ..conftest import SOURCES

pytestmark = pytest.mark.neo4j


def _restore(neo4j_graph, neo4j_build) -> None:
    """Write the session's graph again (one transaction replaces whatever is there)."""
    from industriegraph.store.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_build["uri"])
    try:
        store.write(neo4j_build["data"])
    finally:
        store.close()


def _unordered(data: dict) -> tuple[list[str], list[str]]:
    def key(x):
        return json.dumps(x, sort_keys=True, ensure_ascii=False)

    return sorted(map(key, data["nodes"])), sorted(map(key, data["links"]))


def test_cli_build_into_neo4j_gives_the_ladybug_graph(neo4j_build, neo4j_graph, graph):
    report = neo4j_build["report"]
    assert report["target"] == neo4j_build["uri"]
    assert report["counts"] == {k: v for k, v in graph.stats().items() if v}
    assert neo4j_graph.stats() == graph.stats()


def test_constraints_and_indexes_are_present(neo4j_graph):
    constraints = {
        r["name"]: r for r in neo4j_graph.cypher("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties")
    }
    for n in NODES:
        c = constraints[f"{n.label.lower()}_id"]
        assert (c["type"], c["labelsOrTypes"], c["properties"]) == ("UNIQUENESS", [n.label], ["id"])
    indexes = {r["name"] for r in neo4j_graph.cypher("SHOW INDEXES YIELD name")}
    wanted = {s.split()[2] for s in neo4j_constraints() if s.startswith("CREATE INDEX")}
    assert wanted <= indexes


def test_export_json_from_neo4j_equals_the_ladybug_export(neo4j_build, built_db, tmp_path):
    runner = CliRunner()
    out = {}
    for name, db in (("ladybug", str(built_db)), ("neo4j", neo4j_build["uri"])):
        path = tmp_path / f"{name}.json"
        result = runner.invoke(app, ["export", "json", "-o", str(path), "--db", db])
        assert result.exit_code == 0, result.output
        out[name] = json.loads(path.read_text(encoding="utf-8"))
    assert len(out["neo4j"]["nodes"]) == 447
    assert _unordered(out["neo4j"]) == _unordered(out["ladybug"])


def test_rebuild_is_idempotent(neo4j_build, neo4j_graph, graph):
    from industriegraph.pipeline.build import build

    before = neo4j_graph.cypher("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    build(SOURCES, neo4j_build["uri"])
    assert neo4j_graph.stats() == graph.stats()
    assert neo4j_graph.node_link() == graph.node_link()
    assert neo4j_graph.cypher("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n") == before


def test_a_broken_source_leaves_the_previous_graph_untouched(neo4j_build, neo4j_graph, graph, tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "broken.txt").write_bytes(b"\xff\xfe kein UTF-8 \x00\x01")
    result = CliRunner().invoke(app, ["build", "--neo4j", neo4j_build["uri"], "--sources", str(folder)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "untouched" in result.output
    assert neo4j_graph.stats() == graph.stats()


def test_a_write_failing_halfway_rolls_back_to_the_previous_graph(neo4j_build, neo4j_graph, graph, monkeypatch):
    """The clear and every write are one transaction: a failure after the clear and the nodes changes nothing."""
    import industriegraph.store.neo4j as store_module

    written = []
    rel_statement = store_module.rel_statement

    def failing(type_, src, dst):
        written.append(type_)
        return rel_statement(type_, src, dst) if len(written) < 5 else "RETURN nonsense("

    monkeypatch.setattr(store_module, "rel_statement", failing)
    store = store_module.Neo4jStore(neo4j_build["uri"])
    try:
        with pytest.raises(Exception, match="nonsense|Invalid input"):
            store.write(neo4j_build["data"])
    finally:
        store.close()
    assert len(written) == 5
    try:
        assert neo4j_graph.node_link() == graph.node_link()
    except AssertionError:
        _restore(neo4j_graph, neo4j_build)
        raise


def test_the_cypher_script_loads_into_an_empty_neo4j_and_again_gives_the_graph(neo4j_build, neo4j_graph, graph):
    """``export cypher`` run statement by statement through the driver, into an emptied server, twice."""
    from industriegraph.analysis.export.cypher_script import script, split_script
    from industriegraph.store.neo4j import clear_statement

    data = graph.node_link()
    statements = split_script(script(data))
    driver = neo4j_graph.store.driver
    try:
        with driver.session(database=neo4j_graph.store.database) as session:
            session.run(clear_statement()).consume()
            assert session.run("MATCH (n) RETURN count(n) AS n").single()["n"] == 0
            for statement in statements:
                session.run(statement).consume()
            assert neo4j_graph.node_link() == data
            for statement in statements:  # a second run changes nothing (MERGE on ids and identifying properties)
                session.run(statement).consume()
        assert neo4j_graph.node_link() == data
    finally:
        if neo4j_graph.stats() != graph.stats() or neo4j_graph.node_link() != data:
            _restore(neo4j_graph, neo4j_build)
