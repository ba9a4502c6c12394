"""The Neo4j store: every statement it sends passes Neo4j's offline analyser."""

from __future__ import annotations

import os

import pytest

from industriegraph.model.schema import NODES, RELS
from industriegraph.store import cypher_lint
from industriegraph.store.neo4j import statements


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


# The tests against a running server (build, constraints, rebuilds, failed builds) are in tests/neo4j/.
