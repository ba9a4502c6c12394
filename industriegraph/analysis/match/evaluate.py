"""``match-eval``: do the recommendations find the peers that actually met, according to the documents?

Ground truth (never a score input): two initiatives are *true partners* when they took part in the
same event of the given kinds (default: peer meetings and regional events, where initiatives present
or organise together) or when a document states a cooperation between them (sister initiatives,
cooperation partners). For every initiative with at least one true partner, all other initiatives are
ranked and we measure

* hit rate at k: share of initiatives with a true partner among the top k,
* mean reciprocal rank: mean of 1 / rank of the first true partner.

Baselines: ``random`` (a uniformly random order; seeded, averaged over ``runs`` shuffles) and
``same-state`` (initiatives of the same state first, random order within each tier; averaged too).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np

from industriegraph.analysis.match.features import Features, features
from industriegraph.analysis.match.recommend import scores
from industriegraph.analysis.match.score import Weights

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

EVENT_KINDS = ("peer-meeting", "regional-event")


def ground_truth(
    f: Features, event_kinds: tuple[str, ...] = EVENT_KINDS, cooperation: bool = True
) -> dict[int, set[int]]:
    """Row -> rows of its true partners (symmetric, no self pairs)."""
    by_event: dict[str, set[int]] = defaultdict(set)
    for k, evs in enumerate(f.events):
        for ev, (_, kind, _) in evs.items():
            if kind in event_kinds:
                by_event[ev].add(k)
    truth: dict[int, set[int]] = defaultdict(set)
    for rows in by_event.values():
        for a in rows:
            truth[a] |= rows - {a}
    if cooperation:
        for a_id, b_id in f.cooperation:
            a, b = f.index[a_id], f.index[b_id]
            truth[a].add(b)
            truth[b].add(a)
    return {a: b for a, b in sorted(truth.items()) if b}


def _first_hit_rank(order: np.ndarray, positives: set[int]) -> int:
    for rank, row in enumerate(order.tolist(), start=1):
        if row in positives:
            return rank
    return len(order) + 1


def _ranks_ours(f: Features, truth: dict[int, set[int]], weights: Weights) -> dict[int, int]:
    out = {}
    rows = np.arange(len(f))
    for q, positives in truth.items():
        total, _ = scores(f, q, weights)
        order = rows[np.lexsort((rows, -total))]
        out[q] = _first_hit_rank(order[order != q], positives)
    return out


def _ranks_random(f: Features, truth: dict[int, set[int]], rng: np.random.Generator, same_state: bool) -> list[int]:
    out = []
    for q, positives in truth.items():
        others = np.array([k for k in range(len(f)) if k != q])
        perm = rng.permutation(others)
        if same_state:
            tier = (f.state_ids[perm] & f.state_ids[q]).any(axis=1)
            perm = np.concatenate([perm[tier], perm[~tier]])
        out.append(_first_hit_rank(perm, positives))
    return out


def _metrics(ranks: list[int] | np.ndarray, k: int) -> dict[str, float]:
    r = np.asarray(ranks, dtype=float)
    return {f"hit@{k}": round(float((r <= k).mean()), 4), "mrr": round(float((1.0 / r).mean()), 4)}


def evaluate(
    graph: Graph,
    weights: Weights | dict[str, float] | str | None = None,
    k: int = 5,
    runs: int = 200,
    seed: int = 0,
    event_kinds: tuple[str, ...] = EVENT_KINDS,
    cooperation: bool = True,
) -> dict[str, Any]:
    """Hit rate at ``k`` and MRR of ``match`` and the two baselines, and each query's rank."""
    f = features(graph)
    w = weights if isinstance(weights, Weights) else Weights().with_changes(weights)
    truth = ground_truth(f, tuple(event_kinds), cooperation)
    if not truth:
        raise ValueError(f"no initiative pairs in the ground truth (event kinds {', '.join(event_kinds)})")
    ours = _ranks_ours(f, truth, w)
    rng = np.random.default_rng(seed)
    methods: dict[str, dict[str, float]] = {"match": _metrics(list(ours.values()), k)}
    for name, same in (("random", False), ("same-state", True)):
        runs_metrics = [_metrics(_ranks_random(f, truth, rng, same), k) for _ in range(runs)]
        methods[name] = {m: round(float(np.mean([x[m] for x in runs_metrics])), 4) for m in runs_metrics[0]}
    return {
        "k": k,
        "queries": len(truth),
        "pairs": sum(len(v) for v in truth.values()) // 2,
        "groundTruth": {"eventKinds": list(event_kinds), "cooperation": cooperation},
        "weights": w.as_dict(),
        "methods": methods,
        "perInitiative": [
            {
                "id": f.ids[q],
                "name": f.names[q],
                "truePartners": sorted(f.ids[p] for p in truth[q]),
                "rank": ours[q],
            }
            for q in truth
        ],
    }
