"""``match``: who should meet whom. Resolve the initiative, score it against all others, explain the top ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from industriegraph.analysis.match.features import Features, described_connections, features
from industriegraph.analysis.match.score import Weights, combine, explain_score, one_vs_all, reason_items
from industriegraph.model.schema import RADIUS, STATUS
from industriegraph.text.normalize import norm

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

FILTERS = ("state", "exclude_state", "topic", "radius", "status", "exclude_status")


class UnknownInitiative(ValueError):
    """No initiative has this id, name or alias; ``candidates`` are the closest ones as (id, name)."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        self.name = name
        self.candidates = candidates
        hint = "; ".join(f"{n} ({i})" for i, n in candidates)
        super().__init__(f"no initiative named {name!r}." + (f" Closest candidates: {hint}" if hint else ""))


def resolve(f: Features, name_or_id: str, limit: int = 5) -> int:
    """Row of the initiative with this id, or whose name or alias matches exactly after normalisation
    (as ``show`` resolves names); otherwise UnknownInitiative with the closest candidates."""
    if name_or_id in f.index:
        return f.index[name_or_id]
    wanted = norm(name_or_id)
    keys: dict[str, tuple[str, int]] = {}
    for k, (name, aliases) in enumerate(zip(f.names, f.aliases, strict=True)):
        for text in (name, *aliases):
            key = f"{k}|{text}"
            keys[key] = (norm(text), k)
            if keys[key][0] == wanted:
                return k
    from rapidfuzz import fuzz, process  # only for the hint of an unknown name

    scored = process.extract(wanted, {k: t for k, (t, _) in keys.items()}, scorer=fuzz.WRatio, limit=limit * 4)
    seen: dict[int, None] = {}
    for _, _, key in scored:
        seen.setdefault(keys[key][1], None)
    raise UnknownInitiative(name_or_id, [(f.ids[k], f.names[k]) for k in list(seen)[:limit]])


def _state_name(value: str) -> str:
    """A German state name, ISO code (DE-HE) or its short form (HE) -> the canonical name."""
    if len(value.strip()) == 2 and value.strip().isalpha():
        value = f"DE-{value.strip()}"
    from industriegraph.analysis.queries.initiatives import state_param  # only for a filter: the vocabularies

    return state_param(value)


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def candidate_mask(f: Features, **filters: Any) -> np.ndarray:
    """Which initiatives pass the filters: state / exclude_state (names, ISO codes DE-HE or HE; one or several),
    topic (concept id or label, narrower concepts included), radius, status, exclude_status (e.g. "ended")."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter(s) {', '.join(sorted(unknown))}; accepted: {', '.join(FILTERS)}")
    mask = np.ones(len(f), dtype=bool)
    col = {s: j for j, s in enumerate(f.state_names)}
    wanted = [_state_name(s) for s in _as_list(filters.get("state"))]
    if wanted:
        cols = [col[s] for s in wanted if s in col]
        mask &= f.state_ids[:, cols].any(axis=1) if cols else False
    excluded = [col[s] for s in (_state_name(s) for s in _as_list(filters.get("exclude_state"))) if s in col]
    if excluded:
        mask &= ~f.state_ids[:, excluded].any(axis=1)
    topic_names = _as_list(filters.get("topic"))
    if topic_names:
        from industriegraph.analysis.queries.initiatives import topic_param  # only for a filter: the vocabularies

        topics = {t for name in topic_names for t in topic_param(name)}
        if topics:
            mask &= np.array([bool((f.stated[k] | f.derived[k]) & topics) for k in range(len(f))])
    for key, allowed in (("radius", RADIUS), ("status", STATUS)):
        values = _as_list(filters.get(key))
        bad = [v for v in values if v not in allowed]
        if bad:
            raise ValueError(f"unknown {key} {bad[0]!r}; use one of {', '.join(allowed)}")
        if values:
            attr = f.radius if key == "radius" else f.status
            mask &= np.array([v in values for v in attr])
    dropped = _as_list(filters.get("exclude_status"))
    bad = [v for v in dropped if v not in STATUS]
    if bad:
        raise ValueError(f"unknown status {bad[0]!r}; use one of {', '.join(STATUS)}")
    if dropped:
        mask &= np.array([v not in dropped for v in f.status])
    return mask


def scores(f: Features, q: int, weights: Weights) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Score of every initiative for ``q`` (self set to -inf) and the components behind it."""
    comp = one_vs_all(f, q)
    total = combine(comp, weights)
    total[q] = -np.inf
    return total, comp


def match(
    graph: Graph,
    initiative: str,
    top: int = 5,
    weights: Weights | dict[str, float] | str | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    """Ranked peers of an initiative (id, name or alias): score, reasons, and how they are already connected.

    ``weights``: a ``Weights`` or changes to the defaults (dict, JSON, ``key=value``); ``filters``:
    state, exclude_state, topic, radius, status (they restrict the candidates, not the initiative itself).
    """
    f = features(graph)
    w = weights if isinstance(weights, Weights) else Weights().with_changes(weights)
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    q = resolve(f, initiative)
    total, comp = scores(f, q, w)
    mask = candidate_mask(f, **filters)
    mask[q] = False
    idx = np.flatnonzero(mask)
    if not len(idx):
        return []
    # best first, ties by id (rows are in id order): lexsort on (row, -score)
    order = idx[np.lexsort((idx, -total[idx]))][:top]
    out = []
    for b in order.tolist():
        c = {name: float(v[b]) for name, v in comp.items()}
        items = reason_items(f, q, b, c, w)
        out.append(
            {
                "initiative": {"id": f.ids[b], "name": f.names[b], "status": f.status[b]},
                "score": round(float(total[b]), 4),
                "reasons": [str(x["text"]) for x in items],
                "reasonCodes": [{k: v for k, v in x.items() if k != "text"} for x in items],
                "scoreExplained": explain_score(c, w),
                "alreadyConnected": described_connections(f, q, b),
                "components": {k: round(v, 4) for k, v in c.items()},
            }
        )
    return out
