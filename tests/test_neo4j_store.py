"""The Neo4j store: every statement passes Neo4j's offline analyser; against a real server when NEO4J_URI is set."""

from __future__ import annotations

import os

import pytest

from industriegraph.model.schema import NODES, RELS
from industriegraph.store import cypher_lint
from industriegraph.store.neo4j import statements

from .conftest import SOURCES


def _require_linter() -> None:
    if not cypher_lint.available():
        reason = cypher_lint.unavailable_reason()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Neo4j's Cypher analyser must be installed by `make test` in CI: {reason}")
        pytest.skip(f"Neo4j's Cypher analyser is not installed ({reason}); run `npm ci`")


def test_every_statement_the_store_sends_passes_neo4j_analyser():
    _require_linter()
    sent = statements()
    assert len(sent) > len(NODES) + len(RELS)
    schema = {"labels": [n.label for n in NODES], "relationshipTypes": [r.type for r in RELS]}
    results = cypher_lint.lint(sent, schema)
    problems = {q: [str(d) for d in diags] for q, diags in zip(sent, results, strict=True) if diags}
    assert problems == {}


neo4j_uri = os.environ.get("NEO4J_URI")
needs_server = pytest.mark.skipif(not neo4j_uri, reason="NEO4J_URI is not set: no Neo4j server to test against")


@needs_server
@pytest.mark.neo4j
def test_build_into_neo4j_matches_ladybug(graph):
    from industriegraph.graph.facade import Graph
    from industriegraph.pipeline.build import build

    build(SOURCES, neo4j_uri)
    with Graph.open(neo4j_uri) as remote:
        assert remote.stats() == graph.stats()
        assert remote.node_link() == graph.node_link()
        # building twice stays idempotent on Neo4j too
        build(SOURCES, neo4j_uri)
        assert remote.stats() == graph.stats()
