"""What describes each initiative, fetched once per graph and kept as numpy matrices.

One pass of plain Cypher (both engines) reads every initiative's stated and derived topics, goals and
description, member organisations and their kinds, states, radius and founding year. The
*connections* (shared member organisations, the same event, a stated cooperation) are fetched too,
but they are never an input to the score: they only set the "already connected" flag and serve as
ground truth for ``match-eval`` (scoring on them would leak the answer the evaluation checks).

Matrices (rows = initiatives in id order):

* ``topics``: idf-weighted topic vectors, L2-normalised. A stated topic counts 1, a topic derived
  from prose 0.5, a broader concept of either 0.3 (so "Wasserstoff" meets "Energie").
* ``text``: tf-idf over German stems of goals + description (``textsearch.tokenize``), sublinear tf,
  L2-normalised, kept sparse as per-row term arrays plus a per-term posting list, because 100 copies
  of the corpus vocabulary would not fit a dense matrix comfortably.
* ``kinds``: member organisation kind counts, L2-normalised (zero rows for initiatives without members).
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from industriegraph.store.derived import JsonRows
from industriegraph.text.search import FOOTNOTE_RE, SOFT_HYPHEN, STOPWORDS, WORD_RE, stem
from industriegraph.text.stopwords import is_filler

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

STATED, DERIVED, BROADER = 1.0, 0.5, 0.3

Q_INITIATIVES = (
    "MATCH (i:Initiative) RETURN i.id AS id, i.name AS name, i.aliases AS aliases, i.radius AS radius, "
    "i.founded AS founded, i.goals AS goals, i.description AS description, i.status AS status"
)
Q_TOPICS = "MATCH (t:Topic) RETURN t.id AS id, t.label AS label, t.broader AS broader"
Q_HAS_TOPIC = "MATCH (i:Initiative)-[h:HAS_TOPIC]->(t:Topic) RETURN i.id AS ini, t.id AS topic, h.derived AS derived"
Q_STATES = "MATCH (i:Initiative)-[:LOCATED_IN]->(s:State) RETURN i.id AS ini, s.name AS state"
Q_MEMBERS = (
    "MATCH (o:Organization)-[m:MEMBER_OF]->(i:Initiative) "
    "RETURN i.id AS ini, o.id AS org, o.name AS name, o.kind AS kind, m.role AS role"
)
Q_EVENTS = (
    "MATCH (i:Initiative)-[p:PARTICIPATED_IN]->(e:Event) "
    "RETURN i.id AS ini, e.id AS event, e.title AS title, e.kind AS kind, p.role AS role"
)
Q_EVENT_TOPICS = "MATCH (e:Event)-[:HAS_TOPIC]->(t:Topic) RETURN e.id AS event, t.id AS topic"
Q_COOPERATION = "MATCH (a:Initiative)-[c:COOPERATES_WITH]->(b:Initiative) RETURN a.id AS a, b.id AS b, c.kind AS kind"


@dataclass
class Features:
    """Everything ``match``, ``peer_groups`` and ``match-eval`` need, indexed by row number."""

    ids: list[str]
    names: list[str]
    aliases: list[list[str]]
    radius: list[str | None]
    radius_code: np.ndarray  # per initiative: its radius's place among the distinct ones (sorted), -1 when unknown
    founded: np.ndarray  # float, nan when unknown
    status: list[str | None]
    goals: list[list[str]]
    description: list[str]
    states: list[frozenset[str]]
    topic_ids: list[str]
    topic_labels: dict[str, str]
    topic_broader: dict[str, str | None]
    stated: list[frozenset[str]]  # stated topic ids per initiative
    derived: list[frozenset[str]]  # topic ids derived from prose (not stated)
    topic_idf: np.ndarray
    topics: np.ndarray  # n x T, L2-normalised
    vocab: list[str]
    term_idf: np.ndarray
    text_rows: list[tuple[np.ndarray, np.ndarray]]  # per initiative: term indices, L2-normalised weights
    postings: list[tuple[np.ndarray, np.ndarray]]  # per term: initiative rows, weights
    surfaces: list[dict[int, str]]  # per initiative: term index -> first surface form
    kind_names: list[str]
    kinds: np.ndarray  # n x K, L2-normalised counts
    kind_sets: list[frozenset[str]]
    members: list[dict[str, str]]  # org id -> org name
    member_count: np.ndarray
    state_ids: np.ndarray  # n x S boolean
    state_names: list[str]
    events: list[dict[str, tuple[str, str, str]]]  # event id -> (title, kind, role)
    event_topics: dict[str, frozenset[str]]
    cooperation: dict[tuple[str, str], str]  # (a, b) both orders -> kind
    index: dict[str, int] = field(default_factory=dict)
    vocab_index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {i: k for k, i in enumerate(self.ids)}
        self.vocab_index = {s: k for k, s in enumerate(self.vocab)}

    def __len__(self) -> int:
        return len(self.ids)

    def filler(self, word: str) -> bool:
        """Whether a word (a surface form or stem of these texts) says nothing as a reason (``is_filler``)."""
        return is_filler(word)


def stems_of(goals: list[str], description: str) -> tuple[Counter[str], dict[str, str]]:
    """Stem counts of the texts and the first surface form of each stem. The same words as
    ``textsearch.tokenize`` keeps (no stopwords, numbers or footnote digits), without building tokens;
    stems shorter than 3 letters dropped."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for text in [*goals, description]:
        if not text:
            continue
        if SOFT_HYPHEN in text:
            text = text.replace(SOFT_HYPHEN, " ")
        for word in WORD_RE.findall(text):
            fn = FOOTNOTE_RE.match(word)
            if fn:
                word = fn.group(1)
            low = word.lower()
            if len(low) < 2 or low in STOPWORDS or word.isdigit():
                continue
            s = stem(word)
            if len(s) < 3:
                continue
            counts[s] += 1
            if s not in surface:
                surface[s] = word
    return counts, surface


def _codes(values: list[str | None]) -> np.ndarray:
    """Each value's place among the distinct ones (sorted); -1 for none or empty."""
    codes = {v: k for k, v in enumerate(sorted({v for v in values if v}))}
    return np.array([codes[v] if v else -1 for v in values], dtype=np.int64)


def _l2(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def extract(graph: Graph) -> Features:
    """Read the graph once and build the feature matrices."""
    rows = sorted(graph.cypher(Q_INITIATIVES), key=lambda r: r["id"])
    ids = [r["id"] for r in rows]
    index = {i: k for k, i in enumerate(ids)}
    n = len(ids)

    # topics
    topic_rows = sorted(graph.cypher(Q_TOPICS), key=lambda r: r["id"])
    topic_ids = [t["id"] for t in topic_rows]
    tindex = {t: k for k, t in enumerate(topic_ids)}
    broader = {t["id"]: t["broader"] for t in topic_rows}
    stated: list[set[str]] = [set() for _ in ids]
    derived: list[set[str]] = [set() for _ in ids]
    for r in graph.cypher(Q_HAS_TOPIC):
        k = index.get(r["ini"])
        if k is None:
            continue
        (derived if r["derived"] else stated)[k].add(r["topic"])
    raw = np.zeros((n, len(topic_ids)))
    for k in range(n):
        for t in derived[k] - stated[k]:
            raw[k, tindex[t]] = DERIVED
        for t in stated[k]:
            raw[k, tindex[t]] = STATED
        for t in stated[k] | derived[k]:
            b = broader.get(t)
            while b is not None and b in tindex:
                raw[k, tindex[b]] = max(raw[k, tindex[b]], BROADER)
                b = broader.get(b)
    df = (raw > 0).sum(axis=0)
    topic_idf = np.log((1 + n) / (1 + df)) + 1.0
    topics = _l2(raw * topic_idf)

    # text
    bags = [stems_of(list(r["goals"] or []), r["description"] or "") for r in rows]
    term_df: Counter[str] = Counter()
    for counts, _ in bags:
        term_df.update(counts.keys())
    vocab = sorted(term_df)
    vindex = {s: k for k, s in enumerate(vocab)}
    term_idf = np.array([math.log((1 + n) / (1 + term_df[s])) + 1.0 for s in vocab])
    text_rows: list[tuple[np.ndarray, np.ndarray]] = []
    surfaces: list[dict[int, str]] = []
    post_rows: dict[int, list[int]] = defaultdict(list)
    post_vals: dict[int, list[float]] = defaultdict(list)
    for k, (counts, surface) in enumerate(bags):
        idx = np.array([vindex[s] for s in counts], dtype=np.int64)
        w = np.array([(1 + math.log(c)) for c in counts.values()]) * term_idf[idx] if len(idx) else np.zeros(0)
        norm = float(np.linalg.norm(w))
        if norm:
            w = w / norm
        text_rows.append((idx, w))
        surfaces.append({vindex[s]: surface[s] for s in counts})
        for j, v in zip(idx.tolist(), w.tolist(), strict=True):
            post_rows[j].append(k)
            post_vals[j].append(v)
    postings = [(np.array(post_rows[j], dtype=np.int64), np.array(post_vals[j])) for j in range(len(vocab))]

    # members and their kinds
    members: list[dict[str, str]] = [{} for _ in ids]
    kind_counts: list[Counter[str]] = [Counter() for _ in ids]
    # a million rows on a large graph: fetched as Arrow and encoded, not converted row by row
    import pyarrow as pa
    import pyarrow.compute as pc

    mem = graph.cypher_arrow(Q_MEMBERS).combine_chunks()
    if mem.num_rows:
        enc = pc.dictionary_encode(mem["org"]).combine_chunks()
        codes = enc.indices.to_numpy(zero_copy_only=False)
        orgs = enc.dictionary.to_pylist()
        first = pa.array(np.unique(codes, return_index=True)[1])
        org_names, org_kinds = mem["name"].take(first).to_pylist(), mem["kind"].take(first).to_pylist()
        at = pc.index_in(mem["ini"], pa.array(ids, pa.string())).fill_null(-1).to_numpy(zero_copy_only=False)
        for k, c in zip(at.tolist(), codes.tolist(), strict=True):
            if k < 0 or orgs[c] in members[k]:
                continue
            members[k][orgs[c]] = org_names[c]
            kind_counts[k][org_kinds[c] or "Other"] += 1
    kind_names = sorted({kind for c in kind_counts for kind in c})
    kindex = {x: j for j, x in enumerate(kind_names)}
    kmat = np.zeros((n, len(kind_names)))
    for k, c in enumerate(kind_counts):
        for kind, cnt in c.items():
            kmat[k, kindex[kind]] = cnt

    # states
    states: list[set[str]] = [set() for _ in ids]
    for r in graph.cypher(Q_STATES):
        k = index.get(r["ini"])
        if k is not None:
            states[k].add(r["state"])
    state_names = sorted({s for ss in states for s in ss})
    sindex = {s: j for j, s in enumerate(state_names)}
    smat = np.zeros((n, len(state_names)), dtype=bool)
    for k, ss in enumerate(states):
        for s in ss:
            smat[k, sindex[s]] = True

    # connections: flag and evaluation ground truth only
    events: list[dict[str, tuple[str, str, str]]] = [{} for _ in ids]
    # in a fixed order: the first row of an event names its title, kind and role (the engine's order varies)
    for r in sorted(graph.cypher(Q_EVENTS), key=lambda r: tuple(str(r[c] or "") for c in sorted(r))):
        k = index.get(r["ini"])
        if k is not None:
            events[k].setdefault(r["event"], (r["title"] or r["event"], r["kind"] or "", r["role"] or ""))
    event_topics: dict[str, set[str]] = defaultdict(set)
    for r in graph.cypher(Q_EVENT_TOPICS):
        event_topics[r["event"]].add(r["topic"])
    cooperation: dict[tuple[str, str], str] = {}
    for r in graph.cypher(Q_COOPERATION):
        if r["a"] != r["b"]:
            cooperation[(r["a"], r["b"])] = cooperation[(r["b"], r["a"])] = r["kind"] or "cooperation"

    return Features(
        ids=ids,
        names=[r["name"] or r["id"] for r in rows],
        aliases=[list(r["aliases"] or []) for r in rows],
        radius=[r["radius"] for r in rows],
        radius_code=_codes([r["radius"] for r in rows]),
        founded=np.array([float(r["founded"]) if r["founded"] is not None else np.nan for r in rows]),
        status=[r["status"] for r in rows],
        goals=[list(r["goals"] or []) for r in rows],
        description=[r["description"] or "" for r in rows],
        states=[frozenset(s) for s in states],
        topic_ids=topic_ids,
        topic_labels={t["id"]: t["label"] or t["id"] for t in topic_rows},
        topic_broader=broader,
        stated=[frozenset(s) for s in stated],
        derived=[frozenset(d - s) for s, d in zip(stated, derived, strict=True)],
        topic_idf=topic_idf,
        topics=topics,
        vocab=vocab,
        term_idf=term_idf,
        text_rows=text_rows,
        postings=postings,
        surfaces=surfaces,
        kind_names=kind_names,
        kinds=_l2(kmat),
        kind_sets=[frozenset(c) for c in kind_counts],
        members=members,
        member_count=np.array([len(m) for m in members], dtype=float),
        state_ids=smat,
        state_names=state_names,
        events=events,
        event_topics={e: frozenset(t) for e, t in event_topics.items()},
        cooperation=cooperation,
    )


# -- stored at build time (industriegraph.store.derived) -------------------------------------------------

# 2: per-initiative lists as JSON rows (parsed per row), not whole JSON; 3: names, radius and status as rows too,
# the radius as codes
DATASET, VERSION = "match-features", 3
_JSON_FIELDS = (
    "ids", "topic_ids", "topic_labels", "topic_broader", "vocab", "kind_names", "state_names", "event_topics",
)  # fmt: skip
_ARRAY_FIELDS = ("radius_code", "founded", "topic_idf", "topics", "term_idf", "kinds", "member_count", "state_ids")
_SET_FIELDS = ("states", "stated", "derived", "kind_sets")
# one JSON value per initiative, stored as ``derived.json_rows``: ``match`` reads the rows of the initiative and of
# the peers it shows, not 10,000 (parsing all names alone took a fresh process ~3 ms)
_PLAIN_ROW_FIELDS = ("names", "radius", "status", "aliases", "goals", "description")
_ROW_FIELDS = (*_PLAIN_ROW_FIELDS, *_SET_FIELDS, "events")


def _csr(rows: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(a) for a, _ in rows])
    a = np.concatenate([a for a, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    b = np.concatenate([b for _, b in rows]) if rows else np.zeros(0)
    return indptr, a.astype(np.int64), b.astype(float)


class _CSRRows:
    """``rows[k]`` -> (indices, values) of row k, sliced from CSR arrays."""

    def __init__(self, indptr: np.ndarray, a: np.ndarray, b: np.ndarray):
        self.indptr, self.a, self.b = indptr, a, b

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def __getitem__(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        s, e = self.indptr[k], self.indptr[k + 1]
        return self.a[s:e], self.b[s:e]


class _DictRows:
    """``rows[k]`` -> {key: value} of row k, from CSR offsets and two aligned columns (keys may be indices into
    a lookup list)."""

    def __init__(self, indptr: np.ndarray, keys: Any, values: Any, key_of: Any = None):
        self.indptr, self.keys, self.values, self.key_of = indptr, keys, values, key_of

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def __getitem__(self, k: int) -> dict:
        s, e = int(self.indptr[k]), int(self.indptr[k + 1])
        keys = self.keys[s:e]
        keys = keys.tolist()
        values = self.values[s:e].tolist()
        if self.key_of is not None:
            keys = [self.key_of[x] for x in keys]
        return dict(zip(keys, values, strict=True))


def to_dataset(f: Features) -> dict[str, Any]:
    """The features as members of a derived dataset (JSON, numpy arrays, Arrow tables)."""
    from industriegraph.store.derived import json_rows

    out: dict[str, Any] = {name: getattr(f, name) for name in _JSON_FIELDS}
    out.update({name: np.asarray(getattr(f, name)) for name in _ARRAY_FIELDS})
    rows: dict[str, list[Any]] = {name: list(getattr(f, name)) for name in _PLAIN_ROW_FIELDS}
    rows.update({name: [sorted(x) for x in getattr(f, name)] for name in _SET_FIELDS})
    rows["events"] = [[[e, *v] for e, v in sorted(f.events[k].items())] for k in range(len(f))]
    for name, values in rows.items():
        pair = json_rows(values)
        out[f"{name}_blob"], out[f"{name}_offsets"] = pair["blob"], pair["offsets"]
    out["text_indptr"], out["text_idx"], out["text_w"] = _csr(list(f.text_rows))
    out["post_indptr"], out["post_rows"], out["post_vals"] = _csr(list(f.postings))
    surfaces = [f.surfaces[k].get(int(j), "") for k in range(len(f)) for j in f.text_rows[k][0].tolist()]
    org_index: dict[str, int] = {}
    org_names: list[str] = []
    member_rows = []
    for k in range(len(f)):
        row = []
        for org, name in sorted(f.members[k].items()):  # in id order: the rows come in the engine's order
            if org not in org_index:
                org_index[org] = len(org_names)
                org_names.append(name)
            row.append(org_index[org])
        member_rows.append((np.array(row, dtype=np.int64), np.zeros(len(row))))
    indptr, orgs, _ = _csr(member_rows)
    out["member_indptr"], out["member_org"] = indptr, orgs
    # strings as numpy unicode arrays: stored without pickling, read back without pyarrow (whose first conversion
    # imports pandas where it is installed, which would cost a fresh process most of its time)
    out["surfaces"] = _strings(surfaces)
    # the reason filter's verdict on every word a reason can show (the stop-word list takes a fresh process ~30 ms)
    out["filler_words"] = sorted(w for w in {*surfaces, *f.vocab} if w and is_filler(w))
    out["org_ids"], out["org_names"] = _strings(list(org_index)), _strings(org_names)
    out["cooperation"] = [[a, b, kind] for (a, b), kind in sorted(f.cooperation.items())]
    return out


class StoredFeatures(Features):
    """Features read from the derived file: each field is loaded on first use, so a ``match`` in a fresh process
    reads only what it needs."""

    def __init__(self, ds: Any):  # noqa: D107 - deliberately not the dataclass __init__
        self._ds = ds

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        ds = self.__dict__["_ds"]
        if name in _JSON_FIELDS or name in _ARRAY_FIELDS:
            value: Any = ds[name]
        elif name in _ROW_FIELDS:
            convert = frozenset if name in _SET_FIELDS else _events if name == "events" else None
            value = JsonRows(ds[f"{name}_blob"], ds[f"{name}_offsets"], convert)
        elif name == "text_rows":
            value = _CSRRows(ds["text_indptr"], ds["text_idx"], ds["text_w"])
        elif name == "postings":
            value = _CSRRows(ds["post_indptr"], ds["post_rows"], ds["post_vals"])
        elif name == "surfaces":
            value = _DictRows(ds["text_indptr"], ds["text_idx"], ds["surfaces"])
        elif name == "members":
            value = _OrgRows(ds["member_indptr"], ds["member_org"], ds["org_ids"], ds["org_names"])
        elif name == "cooperation":
            value = {}
            for a, b, kind in ds["cooperation"]:
                value[(a, b)] = kind
        elif name == "filler_words":
            value = frozenset(ds["filler_words"])
        elif name == "index":
            value = {i: k for k, i in enumerate(self.ids)}
        elif name == "vocab_index":
            value = {s: k for k, s in enumerate(self.vocab)}
        else:
            raise AttributeError(name)
        setattr(self, name, value)
        return value

    def filler(self, word: str) -> bool:
        """``is_filler``, answered from the build's list (every surface form and stem of these texts is judged)."""
        return word in self.filler_words


def _events(row: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """A stored events row back to {event id: (title, kind, role)}."""
    return {e[0]: tuple(e[1:]) for e in row}


class _OrgRows:
    """``members[k]`` -> {org id: org name} of initiative k."""

    def __init__(self, indptr: np.ndarray, orgs: np.ndarray, ids: np.ndarray, names: np.ndarray):
        self.indptr, self.orgs, self.ids, self.names = indptr, orgs, ids, names

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def __getitem__(self, k: int) -> dict[str, str]:
        idx = self.orgs[self.indptr[k] : self.indptr[k + 1]]
        return dict(zip(self.ids[idx].tolist(), self.names[idx].tolist(), strict=True))


def _strings(values: list[str]) -> np.ndarray:
    return np.array(values, dtype=str) if values else np.zeros(0, dtype="<U1")


_CACHE: weakref.WeakKeyDictionary[Any, Features] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def features(graph: Graph) -> Features:
    """The features of ``graph``: read from what the build derived when it is there, else built on first use;
    cached for the lifetime of the Graph object."""
    with _CACHE_LOCK:  # two first requests of the server must not both extract
        feats = _CACHE.get(graph)
        if feats is None:
            ds = graph.derived(DATASET, VERSION)
            feats = _CACHE[graph] = StoredFeatures(ds) if ds is not None else extract(graph)
    return feats


def text_dense(f: Features, rows: np.ndarray) -> np.ndarray:
    """Dense tf-idf rows for a subset of initiatives (columns: only the terms they use), for pairwise work."""
    used = sorted({int(j) for r in rows for j in f.text_rows[int(r)][0]})
    col = {j: c for c, j in enumerate(used)}
    m = np.zeros((len(rows), len(used)))
    for i, r in enumerate(rows):
        idx, w = f.text_rows[int(r)]
        for j, v in zip(idx.tolist(), w.tolist(), strict=True):
            m[i, col[j]] = v
    return m


def connections(f: Features, a: int, b: int) -> list[dict[str, str]]:
    """Why two initiatives already know each other: shared member organisations, same events, stated cooperation."""
    out: list[dict[str, str]] = []
    ia, ib = f.ids[a], f.ids[b]
    if (ia, ib) in f.cooperation:
        out.append({"kind": f"cooperation:{f.cooperation[(ia, ib)]}", "id": ib, "name": f.names[b]})
    members_a, events_a = f.members[a], f.events[a]  # stored rows are built on each access: once each
    for org in sorted(members_a.keys() & f.members[b].keys()):
        out.append({"kind": "shared-member", "id": org, "name": members_a[org]})
    for ev in sorted(events_a.keys() & f.events[b].keys()):
        title, kind, _ = events_a[ev]
        out.append({"kind": f"same-event:{kind}", "id": ev, "name": title})
    return out


def connection_text(link: dict[str, str]) -> str:
    """How two initiatives already know each other, in German (one item of ``connections``)."""
    from industriegraph.model.german import event_kind_label
    from industriegraph.model.schema import label_de, value_label_de

    kind, _, sub = link["kind"].partition(":")
    if kind == "cooperation":
        # The schema's name of the cooperation kind: "Schwesterinitiative" says it all; a stated cooperation
        # ("Zusammenarbeit", or an undeclared kind as written) reads "… vereinbart".
        label = value_label_de("COOPERATES_WITH", "kind", sub or "cooperation")
        return label if sub == "sister" else f"{label} vereinbart"
    if kind == "shared-member":
        return f"gemeinsames Mitglied: {link['name']}"
    if kind == "same-event":
        return f"gemeinsame Veranstaltung ({event_kind_label(sub) or label_de('Event')}): {link['name']}"
    return link.get("name", kind)


def described_connections(f: Features, a: int, b: int) -> list[dict[str, str]]:
    """``connections`` with the German ``text`` of each."""
    return [{**c, "text": connection_text(c)} for c in connections(f, a, b)]
