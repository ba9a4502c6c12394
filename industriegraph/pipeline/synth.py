"""``industriegraph synth``: a large synthetic graph in the proportions of the real one, for benchmarks.

Generated with numpy from a seed and written straight into a fresh Ladybug database with Arrow tables and
``COPY``, beside the target and swapped in only when complete, like a build. What it looks like:

* Initiatives, organisations and memberships in the numbers asked for (default 10,000 / 100,000 /
  1,000,000); every other label (people, strategies, action fields, objectives, measures, events, findings)
  and relationship type grows with the number of initiatives, in the ratio of the real graph
  (``proportions.py``, counted on a build of data/sources/). States and topics are the real vocabularies.
* Organisation kinds, initiatives' Länder, radius, status, founding years, topics (stated, derived from
  prose, on measures), event kinds, membership roles: drawn from the real graph's frequencies.
* Membership degrees are heavy-tailed: an organisation's propensity to join is lognormal (sigma 1.5) times
  its kind's over- or under-representation among members in the real graph (an IHK joins about ten times
  as often as a company); initiative sizes are lognormal (sigma 1), bounded by ``MAX_SIZE_FACTOR`` times
  the mean. 70 % of an initiative's members come from its own Land, so the network has regional structure.
* Goals, descriptions and measure texts are German phrases built from the topic vocabulary's labels and
  synonyms, so text search, matchmaking and policy transfer have words to work on.
Evidence points at synthetic documents (``synth-*.txt``) that do not exist: the graph is for measuring.
"""

from __future__ import annotations

import hashlib
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import NODE_BY_LABEL, REL_BY_TYPE, label_de, value_label_de
from industriegraph.model.states import STATES, state_id
from industriegraph.pipeline import proportions as P
from industriegraph.pipeline.gc_pause import cyclic_gc_paused
from industriegraph.text import topics as vocab

Progress = Callable[[str, int, int], None]
DEFAULTS = P.DEFAULTS
P_LOCAL = 0.7  # share of an initiative's members from its own Land
ORG_SIGMA, INI_SIGMA = 1.5, 1.0  # lognormal spread of organisation propensity and initiative size
MAX_SIZE_FACTOR = 20  # an initiative has at most this many times the mean number of members
KIND_FLOOR = 0.1  # kinds without a membership in the real graph still join, rarely
SOURCES = {
    "initiatives": "synth-initiativen.txt",
    "organizations": "synth-organisationen.txt",
    "strategies": "synth-strategien.txt",
    "events": "synth-veranstaltungen.txt",
    "findings": "synth-befunde.txt",
}
_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "STRING[]": pa.list_(pa.string())}
# synthetic names are "<German kind label> <number>", so a page or a search shows what the node is
KIND_WORDS = {code: value_label_de("Organization", "kind", code) for code in KINDS}
GOAL_TEMPLATES = (
    "{x} in der Region stärken",
    "Vernetzung der Akteure rund um {x}",
    "Unternehmen bei {x} unterstützen",
    "{x} voranbringen und sichtbar machen",
    "Gemeinsame Projekte zu {x} anstoßen",
    "Fachkräfte für {x} gewinnen und qualifizieren",
    "Den Dialog über {x} mit Politik und Gesellschaft führen",
    "Standortbedingungen für {x} verbessern",
)
MEASURE_TEMPLATES = (
    "Der Senat und die Partner bauen {x} aus und prüfen dazu {y}.",
    "Ein Programm zu {x} wird aufgelegt, das auch {y} berücksichtigt.",
    "Die Partner entwickeln gemeinsam Angebote für {x} und {y}.",
    "Für {x} werden Flächen, Förderung und Beratung gebündelt; {y} wird mitgedacht.",
)
ROLES_HELD = ("Präses", "Vorsitzende", "Geschäftsführer", "Bürgermeisterin", "Vorstandsvorsitzender")


@dataclass
class SynthReport:
    target: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    generate_seconds: float = 0.0
    write_seconds: float = 0.0
    derive_seconds: float = 0.0
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # per step, all threads (a shared machine's
    # wall times vary with the other load; CPU seconds less so)
    copy_seconds: dict[str, tuple[float, float]] = field(default_factory=dict)  # per COPY: wall, CPU

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "counts": self.counts,
            "seconds": round(self.seconds, 3),
            "generate_seconds": round(self.generate_seconds, 3),
            "write_seconds": round(self.write_seconds, 3),
            "derive_seconds": round(self.derive_seconds, 3),
            "cpu_seconds": {k: round(v, 3) for k, v in self.cpu_seconds.items()},
            "copy_seconds": {
                k: [round(wall, 3), round(cpu, 3)]
                for k, (wall, cpu) in sorted(self.copy_seconds.items(), key=lambda kv: -kv[1][1])
            },
        }


@dataclass
class Tables:
    """Arrow tables ready for COPY: nodes by label, relationships as (type, from label, to label, table)."""

    nodes: dict[str, pa.Table] = field(default_factory=dict)
    rels: list[tuple[str, str, str, pa.Table]] = field(default_factory=list)
    node_ready: Callable[[str, pa.Table], None] | None = None  # told of each node table as soon as it is complete

    def add_node(self, node_label: str, ids: list[str] | pa.Array, /, **columns: Any) -> None:
        """The node table of ``node_label`` (``node_table``; a column may be called "label"), told to
        ``node_ready`` at once."""
        self.nodes[node_label] = table = node_table(node_label, ids, **columns)
        if self.node_ready is not None:
            self.node_ready(node_label, table)

    def counts(self) -> dict[str, int]:
        out = {label: t.num_rows for label, t in sorted(self.nodes.items())}
        rel_counts: dict[str, int] = {}
        for type_, _, _, t in self.rels:
            rel_counts[type_] = rel_counts.get(type_, 0) + t.num_rows
        return out | dict(sorted(rel_counts.items()))


# -- small helpers --------------------------------------------------------------------------------------


def _shares(table: dict[Any, int]) -> tuple[list[Any], np.ndarray]:
    keys = list(table)
    p = np.array([table[k] for k in keys], dtype=float)
    return keys, p / p.sum()


def _draw(rng: np.random.Generator, table: dict[Any, int], n: int) -> np.ndarray:
    """Indices into ``list(table)`` drawn with the table's frequencies."""
    _, p = _shares(table)
    return rng.choice(len(p), size=n, p=p)


def _take(values: list[Any], idx: np.ndarray, type_: pa.DataType | None = None) -> pa.Array:
    return pa.array(values, type=type_ or pa.string()).take(pa.array(idx, type=pa.int64()))


def _lists(values: pa.Array, offsets: np.ndarray | None = None) -> pa.Array:
    """One list per row: each row's value alone, or slices of ``values`` at ``offsets``."""
    if offsets is None:
        offsets = np.arange(len(values) + 1, dtype=np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), values)


def _numbers(values: np.ndarray, width: int = 0) -> pa.Array:
    text = pc.cast(pa.array(np.asarray(values, dtype=np.int64)), pa.string())
    return pc.utf8_lpad(text, width, "0") if width else text


def _join(*parts: pa.Array | str, sep: str = "") -> pa.Array:
    return pc.binary_join_element_wise(*parts, sep)


def _evidence(file: str, lines: np.ndarray) -> pa.Array:
    return _lists(_join(f"{file}:", _numbers(np.asarray(lines) + 1)))


def _empty_lists(n: int) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], type=pa.string()))


def _table(spec_props, n: int, columns: dict[str, Any]) -> pa.Table:
    """All declared properties in order; what is not given is null."""
    arrays = {}
    for p in spec_props:
        value = columns.get(p.name)
        t = _ARROW[p.type]
        if value is None:
            arrays[p.name] = pa.nulls(n, type=t)
        elif isinstance(value, pa.Array | pa.ChunkedArray):
            arrays[p.name] = value.cast(t) if value.type != t else value
        else:
            arrays[p.name] = pa.array(value, type=t)
    unknown = set(columns) - {p.name for p in spec_props}
    if unknown:
        raise ValueError(f"not in the schema: {sorted(unknown)}")
    return pa.table(arrays)


def node_table(node_label: str, ids: list[str] | pa.Array, **columns: Any) -> pa.Table:
    return _table(NODE_BY_LABEL[node_label].all_props, len(ids), {"id": ids, **columns})


def rel_table(type_: str, src: pa.Array, dst: pa.Array, **columns: Any) -> pa.Table:
    props = _table(REL_BY_TYPE[type_].all_props, len(src), columns)
    return pa.table({"from": src, "to": dst, **{c: props[c] for c in props.column_names}})


def _link(out, type_: str, src_label: str, dst_label: str, src: pa.Array, i, dst: pa.Array, j, **columns: Any) -> None:
    """Add a relationship table to ``out``: from the ids at positions ``i`` of ``src`` to those at ``j`` of ``dst``."""
    table = rel_table(type_, src.take(pa.array(i)), dst.take(pa.array(j)), **columns)
    out.rels.append((type_, src_label, dst_label, table))


def _ids(prefix: str, n: int) -> pa.Array:
    return _join(f"{prefix}:synth-", _numbers(np.arange(n), max(5, len(str(n)))))


def _scaled(count: int, ratio: float) -> int:
    return max(1, round(count * ratio)) if count else 0


def _top_k_rows(rng: np.random.Generator, p: np.ndarray, k: np.ndarray, exclude: np.ndarray | None = None):
    """Per row, ``k[row]`` distinct columns drawn without replacement with probabilities ``p`` (Gumbel top-k):
    returns (row index, column index) arrays."""
    n, m = len(k), len(p)
    keys = np.log(p)[None, :] + rng.gumbel(size=(n, m))
    if exclude is not None:
        keys[exclude] = -np.inf
    order = np.argsort(-keys, axis=1)
    k = np.minimum(k, m if exclude is None else (~exclude).sum(axis=1))
    take = np.arange(m)[None, :] < k[:, None]
    rows = np.nonzero(take)[0]
    return rows, order[take]


def _unique_pairs(rng: np.random.Generator, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    key = a.astype(np.int64) * (int(b.max(initial=0)) + 1) + b
    _, first = np.unique(key, return_index=True)
    first.sort()
    return a[first], b[first]


# -- the generator ----------------------------------------------------------------------------------------


def _initiative_sizes(rng: np.random.Generator, n: int, m: int, cap: int) -> np.ndarray:
    """Members per initiative: lognormal, each in [1, cap], summing to exactly m."""
    raw = rng.lognormal(0.0, INI_SIGMA, size=n)
    scale = m / raw.sum()
    sizes = np.ones(n, dtype=np.int64)
    for _ in range(30):
        sizes = np.clip(np.rint(raw * scale), 1, cap).astype(np.int64)
        if sizes.sum() == m:
            break
        scale *= m / max(sizes.sum(), 1)
    diff = int(m - sizes.sum())
    while diff:
        room = np.flatnonzero(sizes < cap) if diff > 0 else np.flatnonzero(sizes > 1)
        pick = rng.choice(room, size=min(abs(diff), len(room)), replace=False)
        sizes[pick] += 1 if diff > 0 else -1
        diff = int(m - sizes.sum())
    return sizes


def _weighted(rng: np.random.Generator, candidates: np.ndarray, cum: np.ndarray, n: int) -> np.ndarray:
    """``n`` candidates drawn with the weights whose cumulative sums are ``cum``. The draws are looked up in sorted
    order (numpy's binary search starts from the previous hit: a million draws 0.2 s -> 0.09 s), same result."""
    draws = rng.random(n) * cum[-1]
    order = np.argsort(draws)
    hit = np.empty(n, dtype=np.int64)
    hit[order] = np.searchsorted(cum, draws[order], side="right")
    return candidates[hit.clip(0, len(candidates) - 1)]


def _repeats(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct key's first position (keys sorted, and those positions), and a mask of the other positions."""
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    first = np.r_[True, sorted_key[1:] != sorted_key[:-1]] if len(key) else np.zeros(0, dtype=bool)
    dup = np.zeros(len(key), dtype=bool)
    dup[order[~first]] = True
    return sorted_key[first], order[first], dup


def _still_repeated(kept_key, kept_pos, pos, new_key, m):
    """After the positions ``pos`` got ``new_key``: the repeats as a full stable sort would mark them (each key kept
    at its lowest position), found by merging only the redrawn keys into the kept ones (sorted by key) instead
    of sorting all ``m`` keys again each round (a million keys: ~0.07 s a round). Returns the new kept arrays and
    the mask of repeats."""
    slot = np.searchsorted(kept_key, new_key).clip(0, max(len(kept_key) - 1, 0))
    hit = np.unique(slot[kept_key[slot] == new_key]) if len(kept_key) else np.zeros(0, dtype=np.int64)
    cand_key = np.concatenate([new_key, kept_key[hit]])
    cand_pos = np.concatenate([pos, kept_pos[hit]])
    order = np.lexsort((cand_pos, cand_key))
    cand_key, cand_pos = cand_key[order], cand_pos[order]
    wins = np.r_[True, cand_key[1:] != cand_key[:-1]] if len(cand_key) else np.zeros(0, dtype=bool)
    dup = np.zeros(m, dtype=bool)
    dup[cand_pos[~wins]] = True
    kept_key, kept_pos = np.delete(kept_key, hit), np.delete(kept_pos, hit)
    at = np.searchsorted(kept_key, cand_key[wins])
    return np.insert(kept_key, at, cand_key[wins]), np.insert(kept_pos, at, cand_pos[wins]), dup


def _memberships(
    rng: np.random.Generator, ini_state: np.ndarray, org_state: np.ndarray, org_w: np.ndarray, m: int
) -> tuple[np.ndarray, np.ndarray]:
    n_ini, n_org = len(ini_state), len(org_state)
    cap = max(1, min(n_org, MAX_SIZE_FACTOR * math.ceil(m / n_ini)))
    sizes = _initiative_sizes(rng, n_ini, m, cap)
    ini = np.repeat(np.arange(n_ini), sizes)
    org = np.empty(m, dtype=np.int64)
    all_orgs = np.arange(n_org)
    all_cum = np.cumsum(org_w)
    local = rng.random(m) < P_LOCAL
    org[~local] = _weighted(rng, all_orgs, all_cum, int((~local).sum()))
    member_state = ini_state[ini]
    for s in np.unique(ini_state):
        want = local & (member_state == s)
        cands = np.flatnonzero(org_state == s)
        if len(cands) == 0:
            org[want] = _weighted(rng, all_orgs, all_cum, int(want.sum()))
        else:
            org[want] = _weighted(rng, cands, np.cumsum(org_w[cands]), int(want.sum()))
    # no organisation twice in one initiative: draw again for repeats (uniformly after a few rounds)
    kept_key, kept_pos, dup = _repeats(ini * n_org + org)
    for round_ in range(200):
        if not dup.any():
            break
        pos = np.flatnonzero(dup)
        k = len(pos)
        org[pos] = _weighted(rng, all_orgs, all_cum, k) if round_ < 20 else rng.integers(0, n_org, size=k)
        kept_key, kept_pos, dup = _still_repeated(kept_key, kept_pos, pos, ini[pos] * n_org + org[pos], m)
    # nearly full initiatives can still hold a repeat after 200 rounds: pick among the organisations not in them
    for p in np.flatnonzero(dup):
        free = np.setdiff1d(all_orgs, org[(ini == ini[p]) & ~dup])
        org[p] = rng.choice(free)
        dup[p] = False
    return org, ini


def check_sizes(initiatives: int, organizations: int, memberships: int) -> None:
    """ValueError unless a graph of these sizes can be generated (every initiative with a member, no pair twice)."""
    n_ini, n_org, m = initiatives, organizations, memberships
    if n_ini < 1 or n_org < 1 or m < 0:
        raise ValueError("need at least one initiative and one organisation, and no negative memberships")
    if m < n_ini:
        raise ValueError(f"every initiative has at least one member: need at least {n_ini} memberships, not {m}")
    if m > n_ini * n_org:
        raise ValueError(f"{m} memberships cannot be unique with {n_ini} initiatives and {n_org} organisations")


def generate(
    initiatives: int = DEFAULTS["initiatives"],
    organizations: int = DEFAULTS["organizations"],
    memberships: int = DEFAULTS["memberships"],
    seed: int = 1,
    node_ready: Callable[[str, pa.Table], None] | None = None,
) -> Tables:
    """The synthetic graph as Arrow tables (deterministic for a seed). ``node_ready(label, table)`` is told of each
    node table as soon as it is complete (``synth`` copies it into the store while the rest is generated)."""
    check_sizes(initiatives, organizations, memberships)
    n_ini, n_org, m = initiatives, organizations, memberships
    rng = np.random.default_rng(seed)
    ratio = n_ini / P.REAL_INITIATIVES
    out = Tables(node_ready=node_ready)
    concepts = vocab.concepts()
    topic_keys = [c.id for c in concepts]
    label_of = {c.id: c.label for c in concepts}
    words_of = {c.id: [c.label, *c.alt_labels] for c in concepts}
    state_names = list(P.STATES)

    def topic_p(table: dict[str, int]) -> np.ndarray:
        p = np.array([table.get(t, 0) for t in topic_keys], dtype=float) + 1e-9
        return p / p.sum()

    # -- vocabularies
    out.add_node(
        "State", [state_id(s) for s in STATES], name=list(STATES), code=list(STATES.values()), evidence=[[]] * 16
    )
    out.add_node(
        "Topic",
        [f"topic:{c.id}" for c in concepts],
        label=[c.label for c in concepts],
        broader=[f"topic:{c.broader}" if c.broader else None for c in concepts],
        evidence=[[]] * len(concepts),
    )
    narrow = [c for c in concepts if c.broader]
    out.rels.append(
        (
            "BROADER",
            "Topic",
            "Topic",
            rel_table(
                "BROADER",
                pa.array([f"topic:{c.id}" for c in narrow]),
                pa.array([f"topic:{c.broader}" for c in narrow]),
                evidence=[[]] * len(narrow),
            ),
        )
    )
    sources = list(SOURCES.values())
    digest = [hashlib.sha256(f"{seed}:{n_ini}:{n_org}:{m}:{f}".encode()).hexdigest() for f in sources]
    out.add_node(
        "Source",
        [f"source:{f.removesuffix('.txt')}" for f in sources],
        title=[f"Synthetischer Datensatz ({f})" for f in sources],
        file=sources,
        kind=["synthetic"] * len(sources),
        sha256=digest,
        evidence=[[]] * len(sources),
    )

    # -- initiatives
    ini_ids = _ids("ini", n_ini)
    ini_state = _draw(rng, P.STATES, n_ini)
    second = rng.random(n_ini) < P.SECOND_STATE / P.REAL_INITIATIVES
    second_state = (ini_state + rng.integers(1, len(state_names), size=n_ini)) % len(state_names)
    radius_keys = list(P.RADIUS)
    status_keys = list(P.STATUS)
    founded_bins = list(P.FOUNDED)
    founded = np.array(founded_bins)[_draw(rng, P.FOUNDED, n_ini)] + rng.integers(0, 5, size=n_ini)
    founded = np.minimum(founded, 2024)
    has_year = rng.random(n_ini) < 94 / 97
    n_stated = np.clip(rng.poisson(618 / 97, size=n_ini), 1, len(topic_keys))
    st_rows, st_cols = _top_k_rows(rng, topic_p(P.TOPICS_STATED), n_stated)
    stated_mask = np.zeros((n_ini, len(topic_keys)), dtype=bool)
    stated_mask[st_rows, st_cols] = True
    n_derived = rng.poisson(363 / 97, size=n_ini)
    de_rows, de_cols = _top_k_rows(rng, topic_p(P.TOPICS_DERIVED), n_derived, exclude=stated_mask)
    first_topic = np.zeros(n_ini, dtype=np.int64)
    first_topic[st_rows[::-1]] = st_cols[::-1]  # the first stated topic of each initiative
    n_goals = np.array(list(P.GOALS))[_draw(rng, P.GOALS, n_ini)]
    stated_lists: list[list[int]] = [[] for _ in range(n_ini)]
    for r, c in zip(st_rows.tolist(), st_cols.tolist(), strict=True):
        stated_lists[r].append(c)
    template = rng.integers(0, len(GOAL_TEMPLATES), size=(n_ini, 8))
    word_pick = rng.integers(0, 1 << 30, size=(n_ini, 8))
    names, goals, descriptions = [], [], []
    for k in range(n_ini):
        tops = stated_lists[k]
        st = state_names[ini_state[k]]
        names.append(f"Initiative {label_of[topic_keys[tops[0]]]} {st} {k + 1}")
        gs = []
        for j in range(int(n_goals[k])):
            words = words_of[topic_keys[tops[j % len(tops)]]]
            gs.append(GOAL_TEMPLATES[template[k, j]].format(x=words[word_pick[k, j] % len(words)]))
        goals.append(gs)
        about = " und ".join(label_of[topic_keys[t]] for t in tops[:2])
        descriptions.append(f"Die Initiative verbindet Unternehmen und Institutionen in {st} zu {about}.")
    out.add_node(
        "Initiative",
        ini_ids,
        name=names,
        aliases=_empty_lists(n_ini),
        radius=_take(radius_keys, _draw(rng, P.RADIUS, n_ini)),
        founded=pa.array(np.where(has_year, founded, 0), mask=~has_year),
        foundedText=pa.array(founded.astype(str), mask=~has_year),
        website=[f"https://initiative-{k + 1}.example.org/" for k in range(n_ini)],
        goals=goals,
        description=descriptions,
        status=_take(status_keys, _draw(rng, P.STATUS, n_ini)),
        evidence=_evidence(SOURCES["initiatives"], np.arange(n_ini)),
    )
    ini_arr = ini_ids
    ini_evidence = out.nodes["Initiative"]["evidence"].combine_chunks()
    topic_arr = pa.array([f"topic:{t}" for t in topic_keys])
    topic_labels = [label_of[t] for t in topic_keys]

    def has_topic(src_label: str, src: pa.Array, rows: np.ndarray, cols: np.ndarray, derived: str | None, ev):
        t = rel_table(
            "HAS_TOPIC",
            src.take(pa.array(rows)),
            topic_arr.take(pa.array(cols)),
            raw=_take(topic_labels, cols),
            derived=pa.nulls(len(rows), pa.string()) if derived is None else pa.array([derived] * len(rows)),
            evidence=ev.take(pa.array(rows)),
        )
        out.rels.append(("HAS_TOPIC", src_label, "Topic", t))

    has_topic("Initiative", ini_arr, st_rows, st_cols, None, ini_evidence)
    has_topic("Initiative", ini_arr, de_rows, de_cols, "text", ini_evidence)
    state_arr = pa.array([state_id(s) for s in state_names])
    loc_ini = np.concatenate([np.arange(n_ini), np.flatnonzero(second)])
    loc_state = np.concatenate([ini_state, second_state[second]])
    _link(
        out,
        "LOCATED_IN",
        "Initiative",
        "State",
        ini_arr,
        loc_ini,
        state_arr,
        loc_state,
        position=np.concatenate([np.ones(n_ini, dtype=np.int64), np.full(int(second.sum()), 2)]),
        evidence=ini_evidence.take(pa.array(loc_ini)),
    )

    # -- organisations
    kind_keys = list(P.ORG_KINDS)
    org_kind = _draw(rng, P.ORG_KINDS, n_org)
    org_share = np.array([P.ORG_KINDS[k] for k in kind_keys], dtype=float) / sum(P.ORG_KINDS.values())
    member_share = np.array([P.MEMBERSHIPS_BY_KIND.get(k, 0) for k in kind_keys], dtype=float) / sum(
        P.MEMBERSHIPS_BY_KIND.values()
    )
    kind_factor = np.maximum(member_share / org_share, KIND_FLOOR)
    org_w = rng.lognormal(0.0, ORG_SIGMA, size=n_org) * kind_factor[org_kind]
    org_state = _draw(rng, P.STATES, n_org)
    org_ids = _ids("org", n_org)
    org_names = _join(
        _take([KIND_WORDS[k] for k in kind_keys], org_kind),
        _take(state_names, org_state),
        _numbers(np.arange(1, n_org + 1)),
        sep=" ",
    )
    org_evidence = _evidence(SOURCES["organizations"], np.arange(n_org))
    out.add_node(
        "Organization",
        org_ids,
        name=org_names,
        aliases=_empty_lists(n_org),
        kind=_take(kind_keys, org_kind),
        evidence=org_evidence,
    )
    org_arr = org_ids
    located = np.flatnonzero(rng.random(n_org) < P.ORGS_LOCATED / 112)
    _link(
        out,
        "LOCATED_IN",
        "Organization",
        "State",
        org_arr,
        located,
        state_arr,
        org_state[located],
        position=np.ones(len(located), dtype=np.int64),
        evidence=org_evidence.take(pa.array(located)),
    )

    # -- memberships
    m_org, m_ini = _memberships(rng, ini_state, org_state, org_w, m)
    m_role = _draw(rng, P.MEMBER_ROLES, m)
    # in organisation order (they come by initiative): the engine's COPY of a million relationships sorted by
    # their source took 1.12 s against 1.41 s sorted by their target and 1.51 s in random order
    by_org = np.argsort(m_org * n_ini + m_ini)
    _link(
        out,
        "MEMBER_OF",
        "Organization",
        "Initiative",
        org_arr,
        m_org[by_org],
        ini_arr,
        m_ini[by_org],
        role=_take(list(P.MEMBER_ROLES), m_role[by_org]),
        # no per-row evidence: a list column of a million rows costs seconds in COPY; the membership's
        # initiative carries the evidence line
        evidence=pa.nulls(m, pa.list_(pa.string())),
    )
    org_cum = np.cumsum(org_w)

    def some_orgs(n: int) -> np.ndarray:
        return _weighted(rng, np.arange(n_org), org_cum, n)

    # -- people
    n_person = _scaled(P.NODES["Person"], ratio)
    person_ids = _ids("person", n_person)
    person_arr = person_ids
    out.add_node(
        "Person",
        person_ids,
        name=[f"Person {k + 1}" for k in range(n_person)],
        aliases=[[]] * n_person,
        honorific=pa.array(["Dr." if k % 4 == 0 else None for k in range(n_person)], type=pa.string()),
        evidence=_evidence(SOURCES["strategies"], np.arange(n_person)),
    )
    n_holds = _scaled(P.RELS["HOLDS_ROLE"], ratio)
    h_p, h_o = _unique_pairs(rng, rng.integers(0, n_person, n_holds), some_orgs(n_holds))
    _link(
        out,
        "HOLDS_ROLE",
        "Person",
        "Organization",
        person_arr,
        h_p,
        org_arr,
        h_o,
        role=_take(list(ROLES_HELD), rng.integers(0, len(ROLES_HELD), len(h_p))),
        evidence=_evidence(SOURCES["strategies"], h_p),
    )

    # -- strategies, action fields, objectives, measures
    n_strat = _scaled(P.NODES["Strategy"], ratio)
    n_field = _scaled(P.NODES["ActionField"], ratio)
    n_obj = _scaled(P.NODES["Objective"], ratio)
    n_measure = _scaled(P.NODES["Measure"], ratio)
    strat_ids = _ids("strategy", n_strat)
    strat_arr = strat_ids
    strat_topic = _draw(rng, P.TOPICS_MEASURE, n_strat)
    strat_state = _draw(rng, P.STATES, n_strat)
    strat_ev = _evidence(SOURCES["strategies"], np.arange(n_strat))
    out.add_node(
        "Strategy",
        strat_ids,
        title=[
            f"Masterplan {topic_labels[t]} {state_names[s]} {k + 1}"
            for k, (t, s) in enumerate(zip(strat_topic.tolist(), strat_state.tolist(), strict=True))
        ],
        aliases=[[]] * n_strat,
        year=rng.integers(2015, 2025, n_strat),
        url=[f"https://strategie-{k + 1}.example.org/" for k in range(n_strat)],
        evidence=strat_ev,
    )
    plans = max(1, min(n_strat, round(n_field / 5)))  # strategies with action fields (the real one has 5)
    field_strat = np.arange(n_field) % plans
    field_no = np.zeros(n_field, dtype=np.int64)
    for s in range(plans):
        idx = np.flatnonzero(field_strat == s)
        field_no[idx] = np.arange(1, len(idx) + 1)
    field_ids = _ids("field", n_field)
    field_arr = field_ids
    field_topic = _draw(rng, P.TOPICS_MEASURE, n_field)
    out.add_node(
        "ActionField",
        field_ids,
        number=field_no,
        title=[f"{label_de('ActionField')} {topic_labels[t]}" for t in field_topic.tolist()],
        evidence=strat_ev.take(pa.array(field_strat)),
    )
    out.rels.append(
        (
            "HAS_ACTION_FIELD",
            "Strategy",
            "ActionField",
            rel_table(
                "HAS_ACTION_FIELD",
                strat_arr.take(pa.array(field_strat)),
                field_arr,
                evidence=strat_ev.take(pa.array(field_strat)),
            ),
        )
    )
    obj_field = rng.integers(0, n_field, n_obj)
    obj_ids = _ids("objective", n_obj)
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    obj_no = np.zeros(n_obj, dtype=np.int64)
    for f in np.unique(obj_field):
        idx = np.flatnonzero(obj_field == f)
        obj_no[idx] = np.arange(len(idx))
    obj_topic = _draw(rng, P.TOPICS_MEASURE, n_obj)
    out.add_node(
        "Objective",
        obj_ids,
        numeral=[numerals[k % len(numerals)] for k in obj_no.tolist()],
        text=[f"{words_of[topic_keys[t]][-1]} zu erhalten und weiterzuentwickeln" for t in obj_topic.tolist()],
        evidence=strat_ev.take(pa.array(field_strat[obj_field])),
    )
    out.rels.append(
        (
            "HAS_OBJECTIVE",
            "ActionField",
            "Objective",
            rel_table(
                "HAS_OBJECTIVE",
                field_arr.take(pa.array(obj_field)),
                obj_ids,
                evidence=strat_ev.take(pa.array(field_strat[obj_field])),
            ),
        )
    )
    obj_topics_n = np.clip(rng.poisson(P.OBJECTIVE_TOPICS / P.NODES["Objective"], n_obj), 0, None)
    o_rows, o_cols = _top_k_rows(rng, topic_p(P.TOPICS_MEASURE), obj_topics_n)
    has_topic("Objective", obj_ids, o_rows, o_cols, "text", strat_ev.take(pa.array(field_strat[obj_field])))

    in_fields = rng.random(n_measure) < P.MEASURES_IN_FIELDS / P.NODES["Measure"]
    if plans >= n_strat:
        in_fields[:] = True
    measure_ids = _ids("measure", n_measure)
    measure_arr = measure_ids
    m_field = rng.integers(0, n_field, n_measure)
    m_pkg = rng.integers(plans, max(plans + 1, n_strat), n_measure).clip(0, n_strat - 1)
    owner = np.where(in_fields, m_field, n_field + m_pkg)  # number measures within their field or package
    m_no = np.zeros(n_measure, dtype=np.int64)
    order = np.argsort(owner, kind="stable")
    starts = np.r_[0, np.flatnonzero(np.diff(owner[order])) + 1]
    counts = np.diff(np.r_[starts, n_measure])
    m_no[order] = np.arange(n_measure) - np.repeat(starts, counts) + 1
    m_topics_n = np.clip(rng.poisson(266 / 59, n_measure), 1, None)
    me_rows, me_cols = _top_k_rows(rng, topic_p(P.TOPICS_MEASURE), m_topics_n)
    m_first = np.zeros(n_measure, dtype=np.int64)
    m_second = np.zeros(n_measure, dtype=np.int64)
    m_first[me_rows[::-1]] = me_cols[::-1]
    m_second[:] = m_first
    for r, c in zip(me_rows.tolist(), me_cols.tolist(), strict=True):
        if c != m_first[r] and m_second[r] == m_first[r]:
            m_second[r] = c
    m_strat = np.where(in_fields, field_strat[m_field], m_pkg)
    m_ev = strat_ev.take(pa.array(m_strat))
    m_template = rng.integers(0, len(MEASURE_TEMPLATES), n_measure)
    out.add_node(
        "Measure",
        measure_ids,
        number=m_no,
        heading=[topic_labels[t] for t in m_first.tolist()],
        text=[
            MEASURE_TEMPLATES[tp].format(x=words_of[topic_keys[a]][-1], y=topic_labels[b])
            for tp, a, b in zip(m_template.tolist(), m_first.tolist(), m_second.tolist(), strict=True)
        ],
        evidence=m_ev,
    )
    has_topic("Measure", measure_arr, me_rows, me_cols, "text", m_ev)
    fi = np.flatnonzero(in_fields)
    _link(
        out,
        "HAS_MEASURE",
        "ActionField",
        "Measure",
        field_arr,
        m_field[fi],
        measure_arr,
        fi,
        evidence=m_ev.take(pa.array(fi)),
    )
    pk = np.flatnonzero(~in_fields)
    _link(
        out, "PART_OF", "Measure", "Strategy", measure_arr, pk, strat_arr, m_pkg[pk], evidence=m_ev.take(pa.array(pk))
    )
    n_resp = _scaled(P.RESPONSIBLE_FOR, ratio)
    r_o, r_m = _unique_pairs(rng, some_orgs(n_resp), rng.integers(0, n_measure, n_resp))
    _link(
        out,
        "RESPONSIBLE_FOR",
        "Organization",
        "Measure",
        org_arr,
        r_o,
        measure_arr,
        r_m,
        evidence=m_ev.take(pa.array(r_m)),
    )
    n_ref = _scaled(P.RELS["REFERENCES"], ratio)
    a, b = rng.integers(0, n_strat, n_ref), rng.integers(0, n_strat, n_ref)
    a, b = _unique_pairs(rng, a[a != b], b[a != b])
    _link(out, "REFERENCES", "Strategy", "Strategy", strat_arr, a, strat_arr, b, evidence=strat_ev.take(a))
    n_partner = _scaled(P.RELS["PARTNER_OF"], ratio)
    po, ps = _unique_pairs(rng, some_orgs(n_partner), rng.integers(0, n_strat, n_partner))
    _link(out, "PARTNER_OF", "Organization", "Strategy", org_arr, po, strat_arr, ps, evidence=strat_ev.take(ps))
    n_signed = _scaled(P.RELS["SIGNED"], ratio)
    sp, ss = _unique_pairs(rng, rng.integers(0, n_person, n_signed), rng.integers(0, n_strat, n_signed))
    _link(
        out,
        "SIGNED",
        "Person",
        "Strategy",
        person_arr,
        sp,
        strat_arr,
        ss,
        role=_take(list(ROLES_HELD), rng.integers(0, len(ROLES_HELD), len(sp))),
        evidence=strat_ev.take(ss),
    )
    n_has_strategy = _scaled(P.RELS["HAS_STRATEGY"], ratio)
    hi, hs = _unique_pairs(
        rng, rng.choice(n_ini, n_has_strategy, replace=n_has_strategy > n_ini), rng.integers(0, n_strat, n_has_strategy)
    )
    _link(out, "HAS_STRATEGY", "Initiative", "Strategy", ini_arr, hi, strat_arr, hs, evidence=strat_ev.take(hs))

    # -- events
    n_event = _scaled(P.NODES["Event"], ratio)
    event_ids = _ids("event", n_event)
    event_arr = event_ids
    event_kinds = list(P.EVENT_KINDS)
    e_kind = _draw(rng, P.EVENT_KINDS, n_event)
    e_topic = _draw(rng, P.TOPICS_STATED, n_event)
    e_state = _draw(rng, P.STATES, n_event)
    e_ev = _evidence(SOURCES["events"], np.arange(n_event))
    year = rng.integers(2019, 2026, n_event)
    month = rng.integers(1, 13, n_event)
    out.add_node(
        "Event",
        event_ids,
        title=[
            f"{event_kinds[k].replace('-', ' ').title()} {topic_labels[t]} {i + 1}"
            for i, (k, t) in enumerate(zip(e_kind.tolist(), e_topic.tolist(), strict=True))
        ],
        kind=_take(event_kinds, e_kind),
        date=[f"{y}-{mo:02d}" for y, mo in zip(year.tolist(), month.tolist(), strict=True)],
        location=_take(state_names, e_state),
        evidence=e_ev,
    )
    actors = {"Initiative": (ini_arr, n_ini), "Organization": (org_arr, n_org), "Person": (person_arr, n_person)}
    for label in ("Initiative", "Organization", "Person"):
        roles = {role: c for (lab, role), c in P.PARTICIPATION.items() if lab == label}
        n = sum(_scaled(c, ratio) for c in roles.values())
        who = some_orgs(n) if label == "Organization" else rng.integers(0, actors[label][1], n)
        pw, pe = _unique_pairs(rng, who, rng.integers(0, n_event, n))
        out.rels.append(
            (
                "PARTICIPATED_IN",
                label,
                "Event",
                rel_table(
                    "PARTICIPATED_IN",
                    actors[label][0].take(pa.array(pw)),
                    event_arr.take(pa.array(pe)),
                    role=_take(list(roles), _draw(rng, roles, len(pw))),
                    evidence=e_ev.take(pa.array(pe)),
                ),
            )
        )
    n_org_by = _scaled(1, ratio)
    for label, (arr, n_actor) in (("Organization", actors["Organization"]), ("Initiative", actors["Initiative"])):
        ev_idx = rng.integers(0, n_event, n_org_by)
        who = some_orgs(n_org_by) if label == "Organization" else rng.integers(0, n_actor, n_org_by)
        ev_idx, who = _unique_pairs(rng, ev_idx, who)
        out.rels.append(
            (
                "ORGANIZED_BY",
                "Event",
                label,
                rel_table(
                    "ORGANIZED_BY",
                    event_arr.take(pa.array(ev_idx)),
                    arr.take(pa.array(who)),
                    evidence=e_ev.take(pa.array(ev_idx)),
                ),
            )
        )
    n_funded = _scaled(1, ratio)
    fi_, fo = _unique_pairs(rng, rng.integers(0, n_ini, n_funded), some_orgs(n_funded))
    _link(
        out,
        "FUNDED_BY",
        "Initiative",
        "Organization",
        ini_arr,
        fi_,
        org_arr,
        fo,
        programme=pa.nulls(len(fi_), pa.string()),
        evidence=ini_evidence.take(pa.array(fi_)),
    )
    fe, fo = _unique_pairs(rng, rng.integers(0, n_event, n_funded), some_orgs(n_funded))
    _link(out, "FUNDED_BY", "Event", "Organization", event_arr, fe, org_arr, fo, evidence=e_ev.take(pa.array(fe)))
    n_coop = _scaled(P.RELS["COOPERATES_WITH"], ratio)
    ca, cb = rng.integers(0, n_ini, n_coop), rng.integers(0, n_ini, n_coop)
    ca, cb = _unique_pairs(rng, ca[ca != cb], cb[ca != cb])
    _link(
        out,
        "COOPERATES_WITH",
        "Initiative",
        "Initiative",
        ini_arr,
        ca,
        ini_arr,
        cb,
        kind=_take(list(P.COOPERATION_KINDS), _draw(rng, P.COOPERATION_KINDS, len(ca))),
        evidence=ini_evidence.take(pa.array(ca)),
    )

    # -- findings
    n_find = _scaled(P.NODES["Finding"], ratio)
    f_kind = _draw(rng, P.FINDING_KINDS, n_find)
    f_subject = rng.integers(0, n_ini, n_find)
    finding_kinds = list(P.FINDING_KINDS)
    out.add_node(
        "Finding",
        _ids("finding", n_find),
        kind=_take(finding_kinds, f_kind),
        message=[f"{finding_kinds[k]}: {names[s]}" for k, s in zip(f_kind.tolist(), f_subject.tolist(), strict=True)],
        subject=ini_arr.take(pa.array(f_subject)),
        evidence=_evidence(SOURCES["findings"], np.arange(n_find)),
    )
    return out


# -- writing --------------------------------------------------------------------------------------------


@cyclic_gc_paused()
def synth(
    target: str | os.PathLike,
    initiatives: int = DEFAULTS["initiatives"],
    organizations: int = DEFAULTS["organizations"],
    memberships: int = DEFAULTS["memberships"],
    seed: int = 1,
    progress: Progress | None = None,
) -> SynthReport:
    """Generate the synthetic graph and write it into a fresh Ladybug database at ``target``, atomically.

    Each node table is copied into the store on a thread of its own as soon as it is generated, while the rest is
    generated (the engine leaves Python's lock while it copies); the relationships follow, each type at once (a
    COPY into a relationship table that already holds rows is much slower), the memberships on one connection and
    the other types on a second one meanwhile (``LadybugStore.copy_tables``)."""
    from industriegraph.pipeline.build import write_ladybug_atomically

    check_sizes(initiatives, organizations, memberships)  # before a database is made
    start, cpu_start = time.perf_counter(), time.process_time()
    if progress:
        progress("generating and writing nodes", 0, 3)
    # relationships of large graphs: COPYs of 50,000 rows or more committed on their own (one transaction over a
    # million memberships held ~180 MB more and took 0.5 s more CPU), the small ones between them together; small
    # graphs: one transaction (a commit costs ~25 ms, a graph has ~40 tables)
    alone_from = None if initiatives + organizations + memberships < 200_000 else 50_000
    copy_seconds: dict[str, tuple[float, float]] = {}
    steps: dict[str, float] = {}
    made: list[Tables] = []

    def write(store) -> None:
        with store.node_copies(timings=copy_seconds) as nodes:
            made.append(generate(initiatives, organizations, memberships, seed, node_ready=nodes.put))
            steps["generated"] = time.perf_counter()
        if progress:
            progress("writing relationships", 1, 3)
        store.copy_tables({}, made[0].rels, alone_from=alone_from, timings=copy_seconds)
        steps["written"], steps["cpu_written"] = time.perf_counter(), time.process_time()

    timings = write_ladybug_atomically(Path(target), write, progress=progress)
    end = time.perf_counter()
    report = SynthReport(str(target), made[0].counts(), end - start, steps["generated"] - start)
    report.derive_seconds = timings.get("derive", 0.0)
    report.copy_seconds = copy_seconds
    # the load's wall time = generate_seconds + write_seconds; writing the node tables ran during the generation
    report.write_seconds = end - start - report.generate_seconds - report.derive_seconds
    report.cpu_seconds = {
        "load": steps["cpu_written"] - cpu_start,  # generating and writing overlap: one figure, all threads
        "derive": time.process_time() - steps["cpu_written"],
    }
    if progress:
        progress("done", 3, 3)
    return report
