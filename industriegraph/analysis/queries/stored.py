"""Graph-wide reads of the query modules, stored by the build (derived dataset "reads").

The measures with their strategy, responsible organisations and topics, the objectives, the initiatives' goals,
the initiatives with their states and topics: each module filters and ranks these rows in Python, and fetching
them (several OPTIONAL MATCHes over the whole graph) costs more than the rest of the question. They depend only on
the graph, so the build runs each statement once and stores its rows; a module reads them with ``rows`` (a fresh
copy per call) and runs the statement itself on Neo4j or without the stored file.
"""

from __future__ import annotations

from typing import Any

DATASET, VERSION = "reads", 1


def rows(graph, name: str, cypher: str) -> list[dict[str, Any]]:
    """The rows of the stored read ``name`` (statement ``cypher``, see ``industriegraph.analysis.derived``); run on
    the graph when there is no stored copy."""
    ds = graph.derived(DATASET, VERSION)
    if ds is not None and name in ds:
        return ds.fresh(name)
    return graph.cypher(cypher)
