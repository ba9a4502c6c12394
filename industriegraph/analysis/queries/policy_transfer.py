"""Policy transfer: which initiatives elsewhere work on what a measure (or a topic) is about.

The question behind it: Hamburg agreed on hydrogen measures in its Masterplan; who in other Länder
already works on this and could be asked how they do it? Two kinds of evidence are combined, because
either alone misleads:

* Shared topics. Each initiative's topics come from its stated focus list (what the initiative says it
  does) or were tagged from its goals and description ('derived: text'); the measure's topics were tagged
  from its wording. A shared topic counts by its rarity over all initiatives (idf: "Wasserstoff" says more
  than "Vernetzung", which almost every initiative names), stated focus fully, text-derived topics half.
* Matching goal phrases. The measure's wording is searched in each initiative's goals and description
  with the German text search (stems, compounds: "Wasserstoffindustrienetz" meets "Wasserstoff"); the
  goal phrases that match are returned so the analyst can read why an initiative was proposed.

Initiatives located in the measure's own state (the state of the initiatives and partner organisations
behind its strategy, and of the organisations responsible for it: Hamburg for the Masterplan) are left out
unless ``include_same_state`` is true; the initiative that *is* the strategy is always left out.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

from industriegraph.analysis.queries import stored
from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.analysis.queries.measures import MEASURES_CYPHER, fetch_measures, resolve_measure, resolve_topic
from industriegraph.model.states import STATES, canonical_state
from industriegraph.text import topics as vocab
from industriegraph.text.search import Index

INITIATIVES_CYPHER = """
MATCH (i:Initiative)
OPTIONAL MATCH (i)-[:LOCATED_IN]->(st:State)
RETURN i.id AS id, i.name AS name, i.goals AS goals, i.description AS description, i.status AS status,
       collect(DISTINCT st.name) AS states
""".strip()

INITIATIVE_TOPICS_CYPHER = """
MATCH (i:Initiative)-[h:HAS_TOPIC]->(t:Topic)
RETURN i.id AS initiative, t.id AS topic, t.label AS label, h.derived AS derived
""".strip()

# Where a strategy is at home: the initiative that embodies it and its partner organisations.
STRATEGY_HOME_CYPHER = """
MATCH (s:Strategy)
WHERE s.id = $strategy
OPTIONAL MATCH (i:Initiative)-[:HAS_STRATEGY]->(s)
OPTIONAL MATCH (i)-[:LOCATED_IN]->(a:State)
OPTIONAL MATCH (o:Organization)-[:PARTNER_OF]->(s)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(b:State)
RETURN collect(DISTINCT i.id) AS initiatives, collect(DISTINCT a.name) AS initiative_states,
       collect(DISTINCT b.name) AS partner_states
""".strip()

RESPONSIBLE_STATES_CYPHER = """
MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m:Measure), (o)-[:LOCATED_IN]->(st:State)
WHERE m.id = $measure
RETURN collect(DISTINCT st.name) AS states
""".strip()

STRATEGY_HOMES_CYPHER = """
MATCH (s:Strategy)
OPTIONAL MATCH (i:Initiative)-[:HAS_STRATEGY]->(s)
OPTIONAL MATCH (i)-[:LOCATED_IN]->(a:State)
OPTIONAL MATCH (o:Organization)-[:PARTNER_OF]->(s)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(b:State)
RETURN s.id AS strategy, collect(DISTINCT i.id) AS initiatives, collect(DISTINCT a.name) AS initiative_states,
       collect(DISTINCT b.name) AS partner_states
""".strip()
ALL_RESPONSIBLE_STATES_CYPHER = """
MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m:Measure), (o)-[:LOCATED_IN]->(st:State)
RETURN m.id AS measure, collect(DISTINCT st.name) AS states
""".strip()

COLUMNS = ("rank", "initiative_id", "initiative", "states", "score", "shared_topics", "matching_goals", "explanation")

W_STATED, W_DERIVED = 1.0, 0.5  # weight of a shared topic by how the initiative came to have it
BROADER_SHARE = 0.5  # a topic implies its broader topic at this share of its own weight
TOPIC_WEIGHT = 10.0  # identical topic profiles (cosine 1)
GOAL_WEIGHT = 3.0  # the best-matching goal phrase of all initiatives
MIN_GOAL_SHARE = 0.35  # a goal phrase "matches" when its score is at least this share of the best one
MAX_GOALS = 3

# Words of a measure that say where or by whom, not what: they would match initiatives for the wrong reason.
PLACE_WORDS = (
    *STATES,
    *(p for s in STATES for p in s.split("-")),
    "Hamburger",
    "Hansestadt",
    "Metropolregion",
    "Senat",
    "Partner",
    "Masterplan",
    "Masterplans",
    "Bündnis",
    "Bündnisses",
    "Region",
    "regional",
    "Freie",
)
# Words every industry text uses; sharing them says nothing about working on the same thing.
GENERIC_WORDS = tuple(
    """
    Industrie industriell Unternehmen Zukunft zukünftig wichtig Thema Themen Bereich Bereiche Projekt Projekte
    Entwicklung entwickeln Arbeit stärken Stärkung unterstützen Unterstützung Aufbau Ausbau gemeinsam neu
    Möglichkeit Akteur Rahmen Beitrag Ziel Maßnahme Prozess Einsatz Nutzung beispielsweise Jahr Jahren Initiative
    erfolgreich aktiv Form Frage Fragen Schritt zentral Weg Art Ebene Seite gestalten durchführen Durchführung
""".split()
)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„])")


def _home_states(graph, measure: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(states, initiative ids) that stand behind a measure's strategy."""
    states: set[str] = set()
    own: set[str] = set()
    if measure.get("strategy_id"):
        for r in graph.cypher(STRATEGY_HOME_CYPHER, strategy=measure["strategy_id"]):
            states |= {s for s in r["initiative_states"] + r["partner_states"] if s}
            own |= {i for i in r["initiatives"] if i}
    for r in graph.cypher(RESPONSIBLE_STATES_CYPHER, measure=measure["id"]):
        states |= {s for s in r["states"] if s}
    return states, own


def _vector(mass: dict[str, float], idf: dict[str, float], implied: bool = True) -> dict[str, float]:
    """idf-weighted topic vector; repeated mentions count sublinearly (1 + log). With ``implied`` (the
    initiative side) each topic implies its broader ones at half weight: an initiative on Wasserstoff also
    works on Energie, but two initiatives on different Branchen are not alike for that reason."""
    vec: dict[str, float] = {}
    for t, m in mass.items():
        vec[t] = max(vec.get(t, 0.0), idf.get(t, 0.0) * ((1 + math.log(m)) if m >= 1 else m))
        if not implied:
            continue
        try:
            chain = vocab.broader_chain(t.removeprefix("topic:"))
        except KeyError:
            chain = []
        for b in chain:
            bt = f"topic:{b}"
            vec[bt] = max(vec.get(bt, 0.0), BROADER_SHARE * vec[t] * idf.get(bt, 0.0) / (idf.get(t) or 1.0))
    return vec


def _norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in a.values()))


def _cosine(a: dict[str, float], b: dict[str, float], na: float | None = None, nb: float | None = None) -> float:
    """Cosine of two sparse vectors; ``na``/``nb``: their norms when already known (a ranking compares one
    measure's vector with every initiative's, for every measure)."""
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    na = _norm(a) if na is None else na
    nb = _norm(b) if nb is None else nb
    return dot / (na * nb) if na and nb else 0.0


def _goal_matches(
    initiatives: list[dict[str, Any]], text: str, indexes: dict | None = None
) -> dict[str, list[tuple[float, str, tuple[str, ...]]]]:
    """Per initiative: (score, phrase, matched words) of its goals/description that share wording with ``text``.
    ``indexes`` keeps the search index per set of initiatives for the next call."""
    key = tuple(i["id"] for i in initiatives)
    cached = indexes.get(key) if indexes is not None else None
    if cached is None:
        docs = {}
        for ini in initiatives:
            for n, goal in enumerate(ini["goals"] or []):
                docs[f"{ini['id']}\t{n}"] = goal
            for n, sentence in enumerate(_SENTENCE_RE.split(ini["description"] or "")):
                if sentence.strip():
                    docs[f"{ini['id']}\td{n}"] = sentence.strip()
        cached = (Index(docs), docs)
        if indexes is not None:
            indexes[key] = cached
    index, docs = cached
    hits = index.search(
        text, decompose=True, ignore=PLACE_WORDS + GENERIC_WORDS, snippets=False, min_share=MIN_GOAL_SHARE
    )
    if not hits:
        return {}
    floor = MIN_GOAL_SHARE * hits[0].score
    out: dict[str, list[tuple[float, str, tuple[str, ...]]]] = defaultdict(list)
    for h in hits:
        if h.score < floor:
            break
        ini_id, part = h.doc_id.split("\t")
        out[ini_id].append((h.score, docs[h.doc_id], h.terms))
    return out


def _topic_goal_matches(initiatives: list[dict[str, Any]], concepts: set[str]) -> dict[str, list]:
    """Topic mode: the goals whose wording the vocabulary tags with one of the wanted concepts."""
    out: dict[str, list[tuple[float, str, tuple[str, ...]]]] = defaultdict(list)
    for ini in initiatives:
        for goal in ini["goals"] or []:
            found = concepts & set(vocab.match(goal))
            if found:
                explained = vocab.explain(goal)
                out[ini["id"]].append((1.0, goal, tuple(sorted({explained[c] for c in found}))))
    return out


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _related(held: set[str], wanted: set[str]) -> list[str]:
    """Topics an initiative holds that are narrower than a wanted one (they count for it, at half weight)."""

    return sorted(t for t in held - wanted if _broader_ids(t) & wanted)


@lru_cache(maxsize=4096)
def _broader_ids(topic_id: str) -> frozenset[str]:
    """The node ids of a topic node's broader concepts (none for an id outside the vocabulary)."""
    try:
        return frozenset(f"topic:{b}" for b in vocab.broader_chain(topic_id.removeprefix("topic:")))
    except KeyError:
        return frozenset()


def _explain(
    stated: list[str],
    derived: list[str],
    goals: list[tuple[float, str, tuple[str, ...]]],
    subject: str,
    status: str | None,
    related: list[str] = (),
) -> str:
    parts = []
    if stated:
        parts.append(f"names {_join(stated)} as its focus")
    if derived:
        parts.append(f"{'also ' if stated else ''}addresses {_join(derived)} in its goals/description")
    if related:
        parts.append(f"works on the related topic{'s' if len(related) > 1 else ''} {_join(related)}")
    if goals:
        words = list(dict.fromkeys(w for _, _, ws in goals for w in ws))[:6]
        n = len(goals)
        parts.append(
            f"{n} goal phrase{'s' if n > 1 else ''} share{'' if n > 1 else 's'} wording with {subject} "
            f"({', '.join(words)})"
        )
    sentence = "; ".join(parts)
    sentence = sentence[0].upper() + sentence[1:]
    if status == "ended":
        sentence += " (initiative has ended)"
    return sentence + "."


DATASET, VERSION = "policy-transfer", 1
STORED_TOP = 100  # the build stores each measure's best this many (a longer list is ranked on the fly)


def _context(graph) -> dict[str, Any]:
    """What every ranking needs from the graph: the initiatives, their topic weights, stated topics, idf."""
    initiatives = stored.rows(graph, "transfer-initiatives", INITIATIVES_CYPHER)
    holders: dict[str, set[str]] = defaultdict(set)
    mass: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # initiative -> topic -> weight sum
    stated: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for e in stored.rows(graph, "initiative-topics", INITIATIVE_TOPICS_CYPHER):
        holders[e["topic"]].add(e["initiative"])
        labels[e["topic"]] = e["label"]
        mass[e["initiative"]][e["topic"]] += W_DERIVED if e["derived"] == "text" else W_STATED
        if e["derived"] != "text":
            stated[e["initiative"]].add(e["topic"])
    n = len(initiatives)
    idf = {t: math.log((n + 1) / (len(h) + 0.5)) for t, h in holders.items()}
    return {"initiatives": initiatives, "mass": mass, "stated": stated, "labels": labels, "idf": idf}


def _rank(
    ctx: dict[str, Any],
    measure: dict[str, Any] | None,
    wanted_topics: set[str],
    subject: str,
    home: set[str],
    own: set[str],
    include_same_state: bool,
    indexes: dict | None = None,
) -> list[dict[str, Any]]:
    """Every initiative with a score above 0, best first (``rank`` not yet set)."""
    mass, stated, labels, idf = ctx["mass"], ctx["stated"], ctx["labels"], ctx["idf"]
    vectors = ctx.setdefault("vectors", {})  # initiative -> (topic vector, its norm), kept for the next measure
    m_vec = _vector({t: 1.0 for t in wanted_topics}, idf, implied=False)
    m_norm = _norm(m_vec)
    candidates = [
        i
        for i in ctx["initiatives"]
        if i["id"] not in own and (include_same_state or not home & set(i["states"] or []))
    ]
    if measure is not None:
        goals = _goal_matches(candidates, f"{measure['heading'] or ''}\n{measure['text'] or ''}", indexes)
    else:
        goals = _topic_goal_matches(candidates, {t.removeprefix("topic:") for t in wanted_topics})
    best_goal = max((g[0][0] for g in goals.values()), default=0.0)

    rows = []
    for ini in candidates:
        held = mass.get(ini["id"], {})
        shared = sorted(wanted_topics & set(held), key=lambda t: (-idf[t], labels[t]))
        known = vectors.get(ini["id"])
        if known is None:
            vec = _vector(held, idf)
            known = vectors[ini["id"]] = (vec, _norm(vec))
        topic_score = TOPIC_WEIGHT * _cosine(m_vec, known[0], m_norm, known[1])
        g = goals.get(ini["id"], [])[:MAX_GOALS]
        if measure is not None:
            goal_score = sum(s * 0.5**k for k, (s, _, _) in enumerate(g)) / (best_goal or 1.0) * GOAL_WEIGHT
        else:
            goal_score = GOAL_WEIGHT * sum(0.5**k for k in range(len(g))) / sum(0.5**k for k in range(MAX_GOALS))
        score = topic_score + goal_score
        if score <= 0:
            continue
        rows.append(
            {
                "initiative_id": ini["id"],
                "initiative": ini["name"],
                "states": sorted(ini["states"] or []),
                "score": round(score, 3),
                "shared_topics": [labels[t] for t in shared],
                "matching_goals": [phrase for _, phrase, _ in g],
                "explanation": _explain(
                    [labels[t] for t in shared if t in stated[ini["id"]]],
                    [labels[t] for t in shared if t not in stated[ini["id"]]],
                    g,
                    subject,
                    ini["status"],
                    [labels[t] for t in _related(set(held), wanted_topics)],
                ),
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["initiative"], r["initiative_id"]))
    return rows


def _finish(rows: list[dict[str, Any]], top: int | None) -> list[dict[str, Any]]:
    rows = rows[:top]
    for k, r in enumerate(rows, 1):
        r["rank"] = k
    return [{c: r[c] for c in COLUMNS} for r in rows]


MAX_DERIVED_PAIRS = 2_000_000  # measures x initiatives above which the build stores no rankings (synthetic graphs)


def ranking_inputs(graph) -> dict[str, Any] | None:
    """What ``rank_measures`` ranks from, read from the graph (None when it holds more than MAX_DERIVED_PAIRS
    measures x initiatives: then rankings are not stored). A process that forks after reading them lets its child
    rank without a database connection of its own (``analysis.derived``)."""
    n_measures = graph.cypher("MATCH (m:Measure) RETURN count(m) AS n")[0]["n"]
    n_initiatives = graph.cypher("MATCH (i:Initiative) RETURN count(i) AS n")[0]["n"]
    if n_measures * n_initiatives > MAX_DERIVED_PAIRS:
        return None  # ranked on the fly, per measure asked
    strategies: dict[str, tuple[set[str], set[str]]] = {}
    for r in graph.cypher(STRATEGY_HOMES_CYPHER):
        strategies[r["strategy"]] = (
            {s for s in r["initiative_states"] + r["partner_states"] if s},
            {i for i in r["initiatives"] if i},
        )
    responsible = {r["measure"]: {s for s in r["states"] if s} for r in graph.cypher(ALL_RESPONSIBLE_STATES_CYPHER)}
    return {"context": _context(graph), "strategies": strategies, "responsible": responsible,
            "measures": fetch_measures(graph)}  # fmt: skip


def rank_measures(inputs: dict[str, Any] | None, part: tuple[float, float] = (0.0, 1.0)) -> dict[str, Any] | None:
    """Every measure's ranking (its best STORED_TOP) with the default parameters (own state left out), by measure
    id, from ``ranking_inputs`` without database access (None stays None): what the build stores and the Masterplan
    page and ``policy-transfer --measure`` read instead of ranking per request.

    ``part`` = (a, b): only the measures from the fraction a to b of all (in their fixed order), so that two
    processes can share the work; the parts (0, x) and (x, 1) together are the whole, in the same order."""
    if inputs is None:
        return None
    ctx, every = inputs["context"], inputs["measures"]
    indexes: dict = {}  # measures with the same candidates (one strategy) share one goal index
    out = {}
    for measure in every[round(part[0] * len(every)) : round(part[1] * len(every))]:
        # (what _home_states asks per measure, for all measures at once)
        states, own = inputs["strategies"].get(measure.get("strategy_id") or "", (set(), set()))
        home = states | inputs["responsible"].get(measure["id"], set())
        ranking = _rank(ctx, measure, set(measure["topic_ids"]), "the measure", home, own, False, indexes)
        out[measure["id"]] = {"complete": len(ranking) <= STORED_TOP, "rows": ranking[:STORED_TOP]}
    return out


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if not params["measure"] and not params["topic"]:
        raise QueryError("policy-transfer needs a measure (id or shorthand like HF3-M2) or a topic")
    if params["top"] is not None and params["top"] < 1:
        raise QueryError("parameter 'top' must be >= 1")
    measure = None
    if params["measure"]:
        measure = resolve_measure(fetch_measures(graph), params["measure"])
        wanted_topics = set(measure["topic_ids"])
        subject = "the measure"
        ds = graph.derived(DATASET, VERSION)
        if ds is not None and not (params["topic"] or params["state"] or params["include_same_state"]):
            top = params["top"]
            ranking = ds.fresh(measure["id"]) if measure["id"] in ds else None
            if ranking is not None and (ranking["complete"] or (top is not None and top <= STORED_TOP)):
                return _finish(ranking["rows"], top)
    else:
        wanted_topics = set()
    if params["topic"]:
        topic_ids = resolve_topic(graph, params["topic"])
        wanted_topics = set(topic_ids) if measure is None else wanted_topics & set(topic_ids) or set(topic_ids)
        if measure is None:
            subject = "the topic"

    home, own = _home_states(graph, measure) if measure else (set(), set())
    if params["state"]:
        state = canonical_state(params["state"])
        if state is None:
            raise QueryError(f"unknown state {params['state']!r}; one of: {', '.join(STATES)}")
        home = {state}
    rows = _rank(_context(graph), measure, wanted_topics, subject, home, own, params["include_same_state"])
    return _finish(rows, params["top"])


QUERY = Query(
    name="policy-transfer",
    description=(
        "For a measure (id, or shorthand like HF3-M2 = Handlungsfeld 3, Maßnahme 2) or a topic: the initiatives "
        "elsewhere that work on the same thing, ranked by shared topics (rare topics and stated focus weigh more "
        "than common or text-derived ones) and by goal phrases that share wording with the measure (German stems "
        "and compounds), with the matching goals and a one-sentence explanation. Initiatives in the measure's own "
        "state (Hamburg for the Masterplan) are left out unless include_same_state is true; `state` names the "
        "home state explicitly (needed to exclude one in topic mode)."
    ),
    parameters=(
        Param("measure", str, None, "Measure id or shorthand (HF3-M2, 3.2; M5 in a package without fields)."),
        Param(
            "topic",
            str,
            None,
            "Topic (vocabulary id or label, narrower included) instead of, or to narrow, a measure's topics.",
        ),
        Param("top", int, 10, "Number of initiatives to return."),
        Param("include_same_state", bool, False, "Also list initiatives located in the measure's own state."),
        Param("state", str, None, "Home state to leave out (default: the state behind the measure's strategy)."),
    ),
    columns=COLUMNS,
    cypher=same(INITIATIVES_CYPHER),
    run=run,
    extra_cypher={
        "initiative_topics": same(INITIATIVE_TOPICS_CYPHER),
        "strategy_home": same(STRATEGY_HOME_CYPHER),
        "responsible_states": same(RESPONSIBLE_STATES_CYPHER),
        "measures": same(MEASURES_CYPHER),
    },
)
