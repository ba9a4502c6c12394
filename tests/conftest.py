"""Shared fixtures: the real vendored source documents, read once per test session."""

from __future__ import annotations

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
