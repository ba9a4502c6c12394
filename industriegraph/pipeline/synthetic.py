"""A synthetic graph at N times the size of the real one, for benchmarks.

The real resolved graph is copied N times (ids and names get a copy suffix); the shared
vocabularies (states, topics) are not copied, and a fixed share of memberships is rewired to
initiatives of other copies so the copies form one network rather than N islands. Seeded, so
two runs give the same graph.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from industriegraph.model.records import GraphData
from industriegraph.pipeline.build import default_sources, resolve_sources

SHARED_LABELS = {"State", "Topic"}
NAME_PROPS = ("name", "title", "label", "text", "message")


def scale(data: GraphData, factor: int, rewire: float = 0.1, seed: int = 7) -> GraphData:
    """``factor`` copies of ``data`` joined by rewired memberships."""
    rng = random.Random(seed)
    out = GraphData()
    shared_ids = {n["id"] for label in SHARED_LABELS for n in data.nodes.get(label, [])}
    for label in SHARED_LABELS:
        out.nodes[label] = [dict(n) for n in data.nodes.get(label, [])]

    def rid(node_id: str, k: int) -> str:
        return node_id if node_id in shared_ids or k == 0 else f"{node_id}~{k}"

    for k in range(factor):
        for label, nodes in data.nodes.items():
            if label in SHARED_LABELS:
                continue
            for n in nodes:
                copy: dict[str, Any] = dict(n, id=rid(n["id"], k))
                if k:
                    for p in NAME_PROPS:
                        if isinstance(copy.get(p), str) and label not in ("Finding",):
                            copy[p] = f"{copy[p]} ({k})"
                out.nodes[label].append(copy)
        for type_, rows in data.rels.items():
            for r in rows:
                if type_ == "BROADER" and k:
                    continue
                out.rels[type_].append(dict(r, **{"from": rid(r["from"], k), "to": rid(r["to"], k)}))
    initiatives = [n["id"] for n in out.nodes.get("Initiative", [])]
    for r in out.rels.get("MEMBER_OF", []):
        if rng.random() < rewire:
            r["to"] = rng.choice(initiatives)
    seen, unique = set(), []
    for r in out.rels.get("MEMBER_OF", []):
        key = (r["from"], r["to"], r.get("role"))
        if key not in seen:
            seen.add(key)
            unique.append(r)
    out.rels["MEMBER_OF"] = unique
    return out


def build_synthetic(path: Path, factor: int = 100, sources: Path | None = None) -> GraphData:
    """Write the scaled graph into a fresh Ladybug database at ``path``; returns the data."""
    from industriegraph.pipeline.build import _write_ladybug_atomically

    data, _ = resolve_sources(sources or default_sources())
    scaled = scale(data, factor)
    _write_ladybug_atomically(Path(path), scaled)
    return scaled
