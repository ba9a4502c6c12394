"""The bulk exports (Arrow tables, one label or relationship table at a time) write the same bytes as the
reference path over ``Graph.node_link()``, on the real graph and on a small synthetic one with parallel links."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from industriegraph.analysis.export.cypher_script import write_cypher, write_cypher_tables
from industriegraph.analysis.export.gexf import write_gexf, write_gexf_tables
from industriegraph.analysis.export.neo4j_csv import write_neo4j_csv, write_neo4j_csv_tables


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic graph plus parallel links: the same membership with and without a role (MERGE on the role-less
    one would match both: the exact form), stated again with other evidence, and a repeated topic link; and an
    organisation whose name needs escaping in XML, CSV and Cypher."""
    from industriegraph.graph.facade import Graph
    from industriegraph.pipeline.synth import synth

    db = tmp_path_factory.mktemp("bulk") / "synth.db"
    synth(db, seed=7, initiatives=30, organizations=200, memberships=2000)
    with Graph.open(db, read_only=False) as g:
        for type_, extra in (("MEMBER_OF", ["role: 'partner', ", "", "role: 'lead', "]), ("HAS_TOPIC", ["", ""])):
            a, la, b, lb = g.cypher(
                f"MATCH (a)-[r:{type_}]->(b) RETURN a.id AS a, label(a) AS la, b.id AS b, label(b) AS lb LIMIT 1"
            )[0].values()
            for line, props in enumerate(extra, start=7):
                g.store.conn.execute(
                    f"MATCH (a:{la} {{id: $a}}), (b:{lb} {{id: $b}}) "
                    f"CREATE (a)-[:{type_} {{{props}evidence: $ev}}]->(b)",
                    {"a": a, "b": b, "ev": [f"synth-zweitquelle.txt:{line}"]},
                )
        g.store.conn.execute(
            "MATCH (o:Organization) WITH o ORDER BY o.id LIMIT 1 SET o.name = $name",
            {"name": 'Ä "q" & <x>\nzweite\tZeile\r'},
        )
    with Graph.open(db) as g:
        yield g


def same_tree(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert not mismatch and not errors, mismatch or errors


@pytest.mark.parametrize("which", ["graph", "synthetic"])
def test_neo4j_csv_from_tables_is_the_reference(which, request, tmp_path):
    g = request.getfixturevalue(which)
    ref = write_neo4j_csv(g.node_link(), tmp_path / "ref")
    bulk = write_neo4j_csv_tables(g, tmp_path / "bulk")
    assert (bulk.counts, bulk.rel_files, bulk.command) == (ref.counts, ref.rel_files, ref.command)
    assert sum(ref.counts.values()) > 2000
    same_tree(tmp_path / "ref", tmp_path / "bulk")


@pytest.mark.parametrize("which", ["graph", "synthetic"])
def test_cypher_from_tables_is_the_reference(which, request, tmp_path):
    g = request.getfixturevalue(which)
    ref = write_cypher(g.node_link(), tmp_path / "ref.cypher")
    bulk = write_cypher_tables(g, tmp_path / "bulk.cypher")
    assert bulk == ref
    assert (tmp_path / "bulk.cypher").read_bytes() == (tmp_path / "ref.cypher").read_bytes()
    if which == "synthetic":
        assert "OPTIONAL MATCH (a)-[old:MEMBER_OF]->(b)" in (tmp_path / "bulk.cypher").read_text()


@pytest.mark.parametrize("which", ["graph", "synthetic"])
def test_gexf_from_tables_is_what_networkx_writes(which, request, tmp_path):
    g = request.getfixturevalue(which)
    ref = write_gexf(g.node_link(), tmp_path / "ref.gexf")  # the header has today's date: both written now
    bulk = write_gexf_tables(g, tmp_path / "bulk.gexf")
    assert bulk == ref
    assert (tmp_path / "bulk.gexf").read_bytes() == (tmp_path / "ref.gexf").read_bytes()
    if which == "synthetic":
        assert "&quot;q&quot; &amp; &lt;x&gt;&#10;zweite&#09;Zeile&#13;" in (tmp_path / "bulk.gexf").read_text()
