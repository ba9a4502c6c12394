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

More than ``BLOCK_SIZE`` initiatives (a national network): the pairwise matrices would grow with the square
(10,000 initiatives: 800 MB per matrix), so the initiatives are first split into blocks of about
``BLOCK_SIZE`` that each hold a whole number of groups: spherical k-means (farthest-point seeds, balanced
assignment) on a short vector per initiative (its topic vector and its Länder, weighted as in the score);
each block is then partitioned exactly as above. Groups never span blocks; the explanations are the same.

Similarity is the ``match`` score with the mode's weights: ``similar`` uses the defaults (same
topics, goals, region, maturity together); ``mixed`` (``score.MIXED``) keeps topics and goals but
penalises the same state and the same member mix, so groups share a theme across regions and actors.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from industriegraph.analysis.match.features import Features, described_connections, features
from industriegraph.analysis.match.recommend import candidate_mask
from industriegraph.analysis.match.score import (
    COMPONENTS,
    MIXED,
    Weights,
    combine,
    pairwise,
    shared_topics,
    telling_terms,
    weighted_parts,
)
from industriegraph.model.german import count, kind_label, number

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

MODES = ("similar", "mixed")
MAX_SWEEPS = 50
BLOCK_SIZE = 1200  # above this many initiatives, partition in blocks (1,200: ~0.2 GB of matrices, ~1 s each)
KMEANS_ROUNDS = 8
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


def _embedding(f: Features, rows: np.ndarray, w: Weights) -> np.ndarray:
    """A short vector per initiative whose dot products follow the score's main parts: the topic vector (weight
    ``topics``) and the Länder (weight ``same_region``, when positive), L2-normalised."""
    parts = [f.topics[rows] * math.sqrt(max(w.topics, 0.0))]
    if w.same_region > 0 and f.state_ids.size:
        s = f.state_ids[rows].astype(float)
        norm = np.linalg.norm(s, axis=1, keepdims=True)
        parts.append(np.divide(s, norm, out=np.zeros_like(s), where=norm > 0) * math.sqrt(w.same_region))
    x = np.hstack(parts)
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)


def _balanced(x: np.ndarray, centres: np.ndarray, capacity: list[int]) -> np.ndarray:
    """Assign each row to a centre, at most ``capacity[c]`` rows each: the rows with the clearest preference
    first, each to its most similar centre with room left."""
    sim = x @ centres.T
    top2 = -np.sort(-sim, axis=1)[:, :2] if sim.shape[1] > 1 else np.hstack([sim, sim])
    order = np.lexsort((np.arange(len(x)), -(top2[:, 0] - top2[:, 1])))
    room = np.array(capacity)
    out = np.empty(len(x), dtype=np.int64)
    prefs = np.argsort(-sim, axis=1, kind="stable")
    for i in order.tolist():
        for c in prefs[i].tolist():
            if room[c] > 0:
                out[i] = c
                room[c] -= 1
                break
    return out


def blocks(x: np.ndarray, capacity: list[int]) -> np.ndarray:
    """Block number of each row (deterministic): spherical k-means with farthest-point seeds and, in every
    round, the balanced assignment, so block b gets exactly ``capacity[b]`` rows."""
    n_blocks = len(capacity)
    seeds = [int(np.argmax(x @ x.mean(axis=0)))]
    closeness = x @ x[seeds[0]]
    closeness[seeds[0]] = np.inf
    while len(seeds) < n_blocks:
        nxt = int(np.argmin(closeness))
        seeds.append(nxt)
        closeness = np.maximum(closeness, x @ x[nxt])
        closeness[nxt] = np.inf
    centres = x[seeds].copy()
    assign = _balanced(x, centres, capacity)
    for _ in range(KMEANS_ROUNDS):
        for c in range(n_blocks):
            mean = x[assign == c].mean(axis=0)
            norm = np.linalg.norm(mean)
            centres[c] = mean / norm if norm > 0 else mean
        new = _balanced(x, centres, capacity)
        if np.array_equal(new, assign):
            break
        assign = new
    return assign


def _partition_rows(
    f: Features, rows: np.ndarray, k: int, w: Weights, progress: Callable[[int, int], None] | None = None
) -> list[list[int]]:
    """The groups (feature rows) of ``rows``: one exact partition, or one per block above ``BLOCK_SIZE``."""
    m = len(rows)
    if m <= BLOCK_SIZE:
        group = partition(combine(pairwise(f, rows), w), k)
        if progress:
            progress(1, 1)
        return [[int(rows[i]) for i in np.flatnonzero(group == g)] for g in range(k)]
    q, r = divmod(m, k)
    sizes = [q + 1] * r + [q] * (k - r)  # the sizes the single partition would have
    per_block = max(1, BLOCK_SIZE // (q + 1))
    chunks = [sizes[i : i + per_block] for i in range(0, k, per_block)]
    assign = blocks(_embedding(f, rows, w), [sum(c) for c in chunks])
    out: list[list[int]] = []
    for b, chunk in enumerate(chunks):
        block_rows = rows[np.flatnonzero(assign == b)]
        group = partition(combine(pairwise(f, block_rows), w), len(chunk))
        out.extend([int(block_rows[i]) for i in np.flatnonzero(group == g)] for g in range(len(chunk)))
        if progress:
            progress(b + 1, len(chunks))
    return out


def _theme_candidates(f: Features, members: list[int]) -> list[tuple[float, str]]:
    """Topics shared by two or more members, scored by coverage and rarity, best first."""
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
    return sorted(scored, key=lambda x: (-x[0], x[1]))


def _term_theme(f: Features, members: list[int]) -> str:
    """A common goal term as the theme when no topic is shared by two or more members."""
    terms: Counter[int] = Counter()
    for k in members:
        terms.update(set(f.text_rows[k][0].tolist()))
    common = []
    surfaces = [f.surfaces[k] for k in members]  # a stored row is a dict built on each access: once per member
    for j, n in terms.items():
        word = next((row[j] for row in surfaces if j in row), f.vocab[j])
        if n >= 2 and not f.filler(word):
            common.append((n * f.term_idf[j], word))
    if common:
        _, word = max(common)
        return f"„{word}“ (gemeinsamer Begriff der Ziele)"
    return "allgemeiner Erfahrungsaustausch"


def _themes(f: Features, groups: list[list[int]]) -> list[tuple[str, str | None]]:
    """A distinct theme per group: its best topic; where several groups have the same best topic, each of them
    adds its best further topic that the others of that set do not add (or its most common Land), so that
    "Wasserstoff" three times becomes "Wasserstoff – Energie", "Wasserstoff – Chemie und Pharma", …"""
    cands = [_theme_candidates(f, m) for m in groups]
    primary = [cs[0][1] if cs else None for cs in cands]
    out: list[tuple[str, str | None]] = []
    for g, t in enumerate(primary):
        if t is None:
            out.append((_term_theme(f, groups[g]), None))
            continue
        label = f.topic_labels.get(t, t)
        clash = [h for h, p in enumerate(primary) if p == t]
        if len(clash) > 1:
            taken: set[str] = set(primary) - {None}  # type: ignore[arg-type]
            for h in clash:  # in group order, so every group of the set gets a different second topic
                second = next((x for _, x in cands[h][1:] if x not in taken), None)
                if h == g:
                    if second:
                        label = f"{label} – {f.topic_labels.get(second, second)}"
                    else:
                        # the most common state, ties by name (most_common would keep the order of the sets, which
                        # changes with each process's string hashing)
                        counts = Counter(s for k in groups[g] for s in f.states[k])
                        state = min(counts, key=lambda s: (-counts[s], s)) if counts else None
                        label = f"{label} – {state}" if state else f"{label} ({clash.index(g) + 1})"
                    break
                if second:
                    taken.add(second)
        out.append((label, t))
    return out


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
        bits.append(f"gegründet {int(f.founded[best])}")
    if f.member_count[best]:
        bits.append(
            count(int(f.member_count[best]), "Mitgliedsorganisation", "Mitgliedsorganisationen") + " im Graphen"
        )
    if acts[best]:
        bits.append(
            count(acts[best], "passende Veranstaltung", "passende Veranstaltungen") + " als Impulsgeber oder Ausrichter"
        )
    has = _has_topic(f, best, topic)
    lead = (
        "nennt das Thema als Schwerpunkt"
        if has == "stated"
        else "arbeitet am Thema"
        if has
        else "die erfahrenste Initiative der Gruppe"
    )
    return best, lead + (f" ({', '.join(bits)})" if bits else "")


def _why(
    f: Features, k: int, members: list[int], sim: np.ndarray, pos: dict[int, int], topic: str | None, mode: str
) -> str:
    parts = []
    has = _has_topic(f, k, topic)
    if has == "stated":
        parts.append("nennt das Thema als Schwerpunkt")
    elif has == "derived":
        parts.append("die Ziele behandeln das Thema")
    others = [o for o in members if o != k]
    if others:
        nearest = max(others, key=lambda o: (sim[pos[k], pos[o]], f.ids[o]))
        tops = [f.topic_labels.get(t, t) for t in shared_topics(f, k, nearest)[:3]]
        words = telling_terms(f, nearest, k, limit=3)
        link = f"am nächsten an {f.names[nearest]}"
        detail = "; ".join(
            x
            for x in (
                f"gemeinsame Themen: {', '.join(tops)}" if tops else "",
                f"gemeinsame Begriffe: {', '.join(words)}" if words else "",
            )
            if x
        )
        parts.append(link + (f" ({detail})" if detail else ""))
    if mode == "mixed":
        own = ", ".join(sorted(f.states[k])) or "unbekanntes Bundesland"
        kinds = ", ".join(sorted(kind_label(x) for x in f.kind_sets[k]))
        parts.append(f"bringt {own}" + (f" und Mitglieder der Art {kinds}" if kinds else "") + " in die Mischung ein")
    elif f.states[k]:
        parts.append(f"Region: {', '.join(sorted(f.states[k]))}")
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
    progress: Callable[[int, int], None] | None = None,
    **filters: Any,
) -> dict[str, Any]:
    """Partition the chosen initiatives (filters as for ``match``) into peer groups within the size bounds.

    ``limit``: only the first N chosen initiatives in id order (for benchmarks). ``year``: reference year
    for the age of an initiative when choosing who gives the input. ``progress(done, total)`` is called after
    each block partitioned.
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
    k = group_count(m, size_min, size_max)
    groups = _partition_rows(f, rows, k, w, progress)
    themes = _themes(f, groups)
    wd = w.as_dict()
    out = []
    for members, (label, topic_id) in zip(groups, themes, strict=True):
        lead, lead_why = _input_from(f, members, topic_id, year)
        comps = pairwise(f, np.array(members, dtype=np.int64))  # the group's own pairs (the same values)
        sim = combine(comps, w)
        pos = {x: i for i, x in enumerate(members)}
        pairs_n = max(len(members) * (len(members) - 1), 1)

        def mean(matrix: np.ndarray, pairs_n: int = pairs_n) -> float:
            return float((matrix.sum() - np.trace(matrix)) / pairs_n)

        cohesion = mean(sim)
        parts = weighted_parts({name: mean(comps[name]) for name in COMPONENTS if wd[name]}, wd)
        known = []
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                links = described_connections(f, a, b)
                if links:
                    known.append({"a": f.ids[a], "b": f.ids[b], "links": links})
        out.append(
            {
                "theme": label,
                "themeTopic": topic_id,
                "inputFrom": {"id": f.ids[lead], "name": f.names[lead], "status": f.status[lead], "why": lead_why},
                "cohesion": round(cohesion, 4),
                "cohesionExplained": {
                    "scale": "mittlere Übereinstimmung aller Paare der Gruppe "
                    "(Punktzahl wie bei den Partnervorschlägen, "
                    f"Gewichte der Art „{'gemischt' if mode == 'mixed' else 'ähnlich'}“); "
                    f"höchstens {number(float(sum(x for x in wd.values() if x > 0)))}",
                    "max": round(float(sum(x for x in wd.values() if x > 0)), 4),
                    "parts": parts,
                },
                "alreadyConnected": known,
                "initiatives": [
                    {
                        "id": f.ids[x],
                        "name": f.names[x],
                        "status": f.status[x],
                        "why": _why(f, x, members, sim, pos, topic_id, mode),
                    }
                    for x in sorted(members, key=lambda x: f.names[x].casefold())
                ],
            }
        )
    out.sort(key=lambda grp: (grp["theme"].casefold(), grp["initiatives"][0]["id"]))
    return {"mode": mode, "sizeMin": size_min, "sizeMax": size_max, "groups": out}
