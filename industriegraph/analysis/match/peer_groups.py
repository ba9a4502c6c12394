"""``peer_groups``: partition initiatives into peer-meeting groups, each with a theme and an input giver.

How the partition is found (deterministic, no randomness):

1. Number of groups ``k``: group sizes as close to the middle of [size_min, size_max] as the bounds
   allow; every group then gets ``m // k`` or ``m // k + 1`` members, which is within the bounds.
2. Seeds: the most central initiative, then repeatedly the one least similar to all seeds so far
   (farthest-point seeding spreads the seeds over the different themes).
3. Assignment: the initiatives most clearly close to a seed first, each to the group it is most similar
   to on average among the groups with room left.
4. Local search: swap two initiatives of different groups whenever that raises the total similarity
   inside groups; repeat until no swap helps (or 50 sweeps). Sizes never change, so bounds hold.

Similarity is the ``match`` score with the mode's weights: ``similar`` uses the defaults (same
topics, goals, region, maturity together); ``mixed`` (``score.MIXED``) keeps topics and goals but
penalises the same state and the same member mix, so groups share a theme across regions and actors.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from industriegraph.analysis.match.features import Features, features
from industriegraph.analysis.match.recommend import candidate_mask
from industriegraph.analysis.match.score import MIXED, Weights, combine, pairwise, shared_terms, shared_topics

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

MODES = ("similar", "mixed")
MAX_SWEEPS = 50
MAX_INITIATIVES = 4000  # the pairwise matrices grow with the square: 3,000 initiatives take ~1.3 GB and ~6 s
ACTIVE_ROLES = frozenset({"input", "organizer", "presenter", "speaker"})


def group_count(m: int, size_min: int, size_max: int) -> int:
    """How many groups: sizes nearest the middle of the bounds; ValueError when no partition fits."""
    if size_min < 1 or size_max < size_min:
        raise ValueError(f"size bounds must satisfy 1 <= size-min <= size-max, got {size_min}..{size_max}")
    lo, hi = math.ceil(m / size_max), m // size_min
    if lo > hi:
        raise ValueError(
            f"{m} initiatives cannot be split into groups of {size_min} to {size_max}; widen the size bounds"
        )
    return min(max(round(m / ((size_min + size_max) / 2)), lo), hi)


def partition(sim: np.ndarray, k: int) -> np.ndarray:
    """Group number of each item: sizes m//k or m//k+1, high total similarity inside groups."""
    m = len(sim)
    q, r = divmod(m, k)
    s = sim.copy()
    np.fill_diagonal(s, 0.0)
    # farthest-point seeding
    seeds = [int(np.argmax(s.sum(axis=1)))]
    closeness = s[seeds[0]].copy()
    closeness[seeds[0]] = np.inf
    while len(seeds) < k:
        nxt = int(np.argmin(closeness))
        seeds.append(nxt)
        closeness = np.maximum(closeness, s[nxt])
        closeness[nxt] = np.inf
    group = np.full(m, -1)
    size = np.zeros(k, dtype=int)
    aff = np.zeros((m, k))  # aff[i, g]: total similarity of i to the members of g
    for g, i in enumerate(seeds):
        group[i] = g
        size[g] = 1
        aff[:, g] += s[:, i]
    extra = 0  # groups already at q + 1
    rest = [i for i in range(m) if group[i] < 0]
    rest.sort(key=lambda i: (-aff[i].max(), i))
    for i in rest:
        full = (size >= q + 1) | ((size >= q) & (extra >= r))
        avg = np.where(full, -np.inf, aff[i] / np.maximum(size, 1))
        g = int(np.argmax(avg))
        if size[g] == q:
            extra += 1
        group[i] = g
        size[g] += 1
        aff[:, g] += s[:, i]
    # local search: best improving swap per item, sweep until stable
    for _ in range(MAX_SWEEPS):
        improved = False
        for i in range(m):
            gi = group[i]
            delta = aff[i, group] - aff[i, gi] + aff[np.arange(m), gi] - aff[np.arange(m), group] - 2 * s[i]
            delta[group == gi] = -np.inf
            j = int(np.argmax(delta))
            if delta[j] <= 1e-9:
                continue
            gj = group[j]
            aff[:, gi] += s[:, j] - s[:, i]
            aff[:, gj] += s[:, i] - s[:, j]
            group[i], group[j] = gj, gi
            improved = True
        if not improved:
            break
    return group


def _theme(f: Features, members: list[int]) -> tuple[str, str | None]:
    """The topic (label, id) most characteristic of the group: shared by most members, rarer topics first;
    a common goal term when no topic is shared by two or more."""
    col = {t: j for j, t in enumerate(f.topic_ids)}
    counts: Counter[str] = Counter()
    for k in members:
        for t in f.stated[k]:
            counts[t] += 1.0
        for t in f.derived[k]:
            counts[t] += 0.6
    having = {t: sum(t in (f.stated[k] | f.derived[k]) for k in members) for t in counts}
    # coverage counts twice (a theme the whole group shares), rarity once (not the topic everyone has)
    scored = [(counts[t] * having[t] * f.topic_idf[col[t]], t) for t in counts if having[t] >= 2]
    if scored:
        _, best = max(scored, key=lambda x: (x[0], x[1]))
        return f.topic_labels.get(best, best), best
    terms: Counter[int] = Counter()
    for k in members:
        terms.update(set(f.text_rows[k][0].tolist()))
    common = [(n * f.term_idf[j], j) for j, n in terms.items() if n >= 2]
    if common:
        _, j = max(common)
        word = next((f.surfaces[k][j] for k in members if j in f.surfaces[k]), f.vocab[j])
        return f"„{word}“ (common goal term)", None
    return "general exchange of experience", None


def _has_topic(f: Features, k: int, topic: str | None) -> str:
    if topic is None:
        return ""
    if topic in f.stated[k]:
        return "stated"
    if topic in f.derived[k]:
        return "derived"
    return ""


def _input_from(f: Features, members: list[int], topic: str | None, year: int) -> tuple[int, str]:
    """The member best placed to give the input: has the theme, then oldest, most members, most related activity."""

    def activity(k: int) -> int:
        return sum(
            1
            for ev, (_, _, role) in f.events[k].items()
            if role in ACTIVE_ROLES and (topic is None or topic in f.event_topics.get(ev, frozenset()))
        )

    ages = {k: (year - f.founded[k]) if not np.isnan(f.founded[k]) else 0.0 for k in members}
    acts = {k: activity(k) for k in members}
    top_age = max(ages.values()) or 1.0
    top_members = max(f.member_count[k] for k in members) or 1.0
    top_act = max(acts.values()) or 1

    def experience(k: int) -> float:
        return ages[k] / top_age + f.member_count[k] / top_members + acts[k] / top_act

    best = max(
        members, key=lambda k: ({"stated": 2, "derived": 1, "": 0}[_has_topic(f, k, topic)], experience(k), f.ids[k])
    )
    bits = []
    if not np.isnan(f.founded[best]):
        bits.append(f"founded {int(f.founded[best])}")
    if f.member_count[best]:
        bits.append(f"{int(f.member_count[best])} member organisations in the graph")
    if acts[best]:
        bits.append(f"{acts[best]} related events as presenter/organiser")
    has = _has_topic(f, best, topic)
    lead = "states the theme as a topic" if has == "stated" else "works on the theme" if has else "most experienced"
    return best, lead + (f" ({', '.join(bits)})" if bits else "")


def _why(
    f: Features, k: int, members: list[int], sim: np.ndarray, pos: dict[int, int], topic: str | None, mode: str
) -> str:
    parts = []
    has = _has_topic(f, k, topic)
    if has == "stated":
        parts.append("states the theme as a topic")
    elif has == "derived":
        parts.append("its goals address the theme")
    others = [o for o in members if o != k]
    if others:
        nearest = max(others, key=lambda o: (sim[pos[k], pos[o]], f.ids[o]))
        tops = [f.topic_labels.get(t, t) for t in shared_topics(f, k, nearest)[:3]]
        words = [f.surfaces[k].get(j, f.vocab[j]) for j, _ in shared_terms(f, k, nearest)[:3]]
        link = f"closest to {f.names[nearest]}"
        detail = "; ".join(
            x
            for x in (
                f"shared topics: {', '.join(tops)}" if tops else "",
                f"common terms: {', '.join(words)}" if words else "",
            )
            if x
        )
        parts.append(link + (f" ({detail})" if detail else ""))
    if mode == "mixed":
        own = ", ".join(sorted(f.states[k])) or "unknown state"
        kinds = ", ".join(sorted(f.kind_sets[k]))
        parts.append(f"brings {own}" + (f" and {kinds} members" if kinds else "") + " to the mix")
    elif f.states[k]:
        parts.append(f"region: {', '.join(sorted(f.states[k]))}")
    return "; ".join(parts)


def peer_groups(
    graph: Graph,
    topic: str | list[str] | None = None,
    state: str | list[str] | None = None,
    size_min: int = 3,
    size_max: int = 6,
    mode: str = "similar",
    weights: Weights | dict[str, float] | str | None = None,
    limit: int | None = None,
    year: int = 2024,
    **filters: Any,
) -> dict[str, Any]:
    """Partition the chosen initiatives (filters as for ``match``) into peer groups within the size bounds.

    ``limit``: only the first N chosen initiatives in id order (for benchmarks). ``year``: reference year
    for the age of an initiative when choosing who gives the input.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    f = features(graph)
    base = MIXED if mode == "mixed" else Weights()
    w = weights if isinstance(weights, Weights) else base.with_changes(weights)
    rows = np.flatnonzero(candidate_mask(f, topic=topic, state=state, **filters))
    if limit is not None:
        rows = rows[:limit]
    m = len(rows)
    if m == 0:
        return {"mode": mode, "groups": []}
    if m > MAX_INITIATIVES:
        raise ValueError(
            f"{m} initiatives are too many for one partition (at most {MAX_INITIATIVES}); "
            "narrow them down with --topic or --state"
        )
    k = group_count(m, size_min, size_max)
    sim = combine(pairwise(f, rows), w)
    group = partition(sim, k)
    pos = {int(r): i for i, r in enumerate(rows.tolist())}
    out = []
    for g in range(k):
        members = [int(rows[i]) for i in np.flatnonzero(group == g)]
        label, topic_id = _theme(f, members)
        lead, lead_why = _input_from(f, members, topic_id, year)
        idx = [pos[x] for x in members]
        inner = sim[np.ix_(idx, idx)]
        cohesion = float((inner.sum() - np.trace(inner)) / max(len(idx) * (len(idx) - 1), 1))
        out.append(
            {
                "theme": label,
                "themeTopic": topic_id,
                "inputFrom": {"id": f.ids[lead], "name": f.names[lead], "why": lead_why},
                "cohesion": round(cohesion, 4),
                "initiatives": [
                    {"id": f.ids[x], "name": f.names[x], "why": _why(f, x, members, sim, pos, topic_id, mode)}
                    for x in sorted(members, key=lambda x: f.names[x].casefold())
                ],
            }
        )
    out.sort(key=lambda grp: (grp["theme"].casefold(), grp["initiatives"][0]["id"]))
    return {"mode": mode, "sizeMin": size_min, "sizeMax": size_max, "groups": out}
