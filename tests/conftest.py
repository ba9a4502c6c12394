"""Shared fixtures: the real vendored source documents, read once per test session; the real graph built once into
Ladybug and, when a Neo4j server is given (``NEO4J_URI``, exported by ``make test``), once into Neo4j."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from industriegraph.text.source import SourceDoc, open_corpus, source_files

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"


@pytest.fixture(scope="session")
def corpus() -> dict[str, SourceDoc]:
    """All vendored documents by file name, with the corpus-wide text repairer attached."""
    return {doc.name: doc for doc in open_corpus(source_files(SOURCES))}


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The real graph, built once from the vendored sources into a fresh Ladybug file."""
    from industriegraph.pipeline.build import build

    path = tmp_path_factory.mktemp("graph") / "industriegraph.db"
    build(SOURCES, path)
    return path


@pytest.fixture(scope="session")
def graph(built_db):
    """The real graph, opened read-only for the whole session."""
    from industriegraph.graph.facade import Graph

    g = Graph.open(built_db)
    yield g
    g.close()


# -- Neo4j ------------------------------------------------------------------------------------------------------


def neo4j_uri() -> str:
    """The test server's URI. Without one the test skips with the reason; with CI=true that is a failure."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return uri
    reason = "NEO4J_URI is not set: no Neo4j server to test against (`make test` starts one)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; in CI the Neo4j tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_build():
    """The real sources built once into the (shared, fresh) Neo4j test server through the CLI's ``build --neo4j``.

    Returns the URI, the build report, and the resolved graph data the build wrote (recorded on the way, so tests
    that must rewrite the graph do not parse the sources again). Tests that change the server's graph restore it.
    """
    from typer.testing import CliRunner

    import industriegraph.pipeline.build as pipeline
    from industriegraph.cli.main import app

    uri = neo4j_uri()
    seen = {}
    resolve = pipeline.resolve_sources

    def recording(*args, **kwargs):
        seen["data"], rows = resolve(*args, **kwargs)
        return seen["data"], rows

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "resolve_sources", recording)
        result = CliRunner().invoke(app, ["build", "--neo4j", uri, "--sources", str(SOURCES), "--json"])
    if result.exit_code != 0:
        pytest.fail(f"build --neo4j {uri} failed (exit {result.exit_code}): {result.output[-2000:]}")
    return {"uri": uri, "report": json.loads(result.stdout), "data": seen["data"]}


@pytest.fixture(scope="session")
def neo4j_graph(neo4j_build):
    """The real graph in Neo4j, open for the whole session."""
    from industriegraph.graph.facade import Graph

    g = Graph.open(neo4j_build["uri"])
    yield g
    g.close()


@pytest.fixture(scope="session", params=["ladybug", "neo4j"])
def engine_graph(request):
    """The real graph on each engine in turn (tests that must pass on both)."""
    return request.getfixturevalue("graph" if request.param == "ladybug" else "neo4j_graph")
