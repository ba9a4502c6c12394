"""The benchmark graph: N copies of the real graph, joined, deterministic."""

from __future__ import annotations

from industriegraph.pipeline.build import resolve_sources
from industriegraph.pipeline.synthetic import scale

from .conftest import SOURCES


def test_scale_multiplies_and_stays_consistent():
    data, _ = resolve_sources(SOURCES)
    big = scale(data, 3)
    assert len(big.nodes["Initiative"]) == 3 * len(data.nodes["Initiative"])
    assert big.nodes["Topic"] == data.nodes["Topic"]
    ids = [n["id"] for nodes in big.nodes.values() for n in nodes]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(r["from"] in known and r["to"] in known for rows in big.rels.values() for r in rows)
    assert scale(data, 3).rels == big.rels
