"""Matchmaking, peer groups and their evaluation must give the same answers on both engines: every test here that
takes ``graph`` runs on the Ladybug graph and on the same graph built into Neo4j (skipped without a server outside
CI, see ``tests/conftest.py``)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def graph(request, graph):
    return graph if request.param == "ladybug" else request.getfixturevalue("neo4j_graph")
