"""Masterplan measures by action field, responsible organisation and topic, and a German text search.

An analyst asks "what has Hamburg agreed on hydrogen, and who is responsible?" or "where do measures,
objectives and initiative goals talk about Fachkräfte?". The graph holds the measures with their action
field, responsible organisations and topic tags; the module fetches them with Cypher and filters and
ranks in Python (``industriegraph.text.search``), so both engines give the same answer.

The helpers here (measure shorthand like ``HF3-M2``, tolerant topic and organisation lookup) are also
used by ``policy_transfer``.
"""

from __future__ import annotations

import re
from typing import Any

from industriegraph.analysis.queries import stored
from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.text import topics as vocab
from industriegraph.text.normalize import norm
from industriegraph.text.search import Index

# Every measure with its place in a strategy (via its action field, or PART_OF for a package without fields),
# the organisations responsible for it and its topics.
MEASURES_CYPHER = """
MATCH (m:Measure)
OPTIONAL MATCH (f:ActionField)-[:HAS_MEASURE]->(m)
OPTIONAL MATCH (s:Strategy)-[:HAS_ACTION_FIELD]->(f)
OPTIONAL MATCH (m)-[:PART_OF]->(p:Strategy)
OPTIONAL MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m)
WITH m, f, s, p, collect(DISTINCT o.id) AS responsible_ids, collect(DISTINCT o.name) AS responsible
OPTIONAL MATCH (m)-[:HAS_TOPIC]->(t:Topic)
RETURN m.id AS id, m.number AS number, m.heading AS heading, m.text AS text, m.evidence AS evidence,
       coalesce(s.id, p.id) AS strategy_id, coalesce(s.title, p.title) AS strategy,
       f.number AS field, f.title AS field_title, responsible_ids, responsible,
       collect(DISTINCT t.id) AS topic_ids, collect(DISTINCT t.label) AS topics
""".strip()

OBJECTIVES_CYPHER = """
MATCH (s:Strategy)-[:HAS_ACTION_FIELD]->(f:ActionField)-[:HAS_OBJECTIVE]->(o:Objective)
OPTIONAL MATCH (o)-[:HAS_TOPIC]->(t:Topic)
RETURN o.id AS id, o.numeral AS numeral, o.text AS text, o.evidence AS evidence,
       s.id AS strategy_id, s.title AS strategy, f.number AS field, f.title AS field_title,
       collect(DISTINCT t.id) AS topic_ids, collect(DISTINCT t.label) AS topics
""".strip()

GOALS_CYPHER = """
MATCH (i:Initiative)
WHERE i.goals IS NOT NULL
RETURN i.id AS id, i.name AS name, i.goals AS goals, i.evidence AS evidence
""".strip()

RESPONSIBLE_CYPHER = """
MATCH (o:Organization)-[:RESPONSIBLE_FOR]->(m:Measure)
RETURN o.id AS id, o.name AS name, o.aliases AS aliases, count(DISTINCT m.id) AS measures
""".strip()

TOPICS_CYPHER = "MATCH (t:Topic) RETURN t.id AS id, t.label AS label"

KINDS = ("measure", "objective", "goal", "all")
COLUMNS = (
    "kind",
    "id",
    "ref",
    "strategy",
    "field",
    "number",
    "heading",
    "initiative",
    "text",
    "responsible",
    "topics",
    "score",
    "matched",
    "snippet",
    "evidence",
)


# -- shared helpers (also used by policy_transfer) --------------------------------------------------------


def measure_ref(row: dict[str, Any]) -> str:
    """Shorthand an analyst can type: "HF3-M2" for a measure of action field 3, "M5" without fields."""
    return (f"HF{row['field']}-" if row.get("field") is not None else "") + f"M{row['number']}"


def fetch_measures(graph) -> list[dict[str, Any]]:
    rows = stored.rows(graph, "measures", MEASURES_CYPHER)
    for r in rows:
        r["ref"] = measure_ref(r)
        r["responsible"] = sorted(x for x in r["responsible"] if x)
        r["responsible_ids"] = sorted(x for x in r["responsible_ids"] if x)  # collect() order differs by engine
        r["topic_ids"] = sorted(x for x in r["topic_ids"] if x)
        r["topics"] = sorted(x for x in r["topics"] if x)
    return sorted(rows, key=lambda r: (r["strategy"] or "", r["field"] or 0, r["number"] or 0, r["id"]))


_REF_RE = re.compile(
    r"^(?:hf|handlungsfeld)?\s*(\d+)\s*[-./: ]\s*(?:m|nr\.?|massnahme)?\s*(\d+)$|^(?:m|nr\.?)\s*(\d+)$"
)


def resolve_measure(measures: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    """A measure by id, by shorthand ("HF3-M2", "3.2", "HF3 M2"; "M5" in a package without action fields)
    or by a unique text fragment; QueryError listing close candidates otherwise."""
    key = wanted.strip()
    for m in measures:
        if m["id"] == key or m["id"] == f"measure:{key}":
            return m
    ref = _REF_RE.match(re.sub(r"\s+", " ", key.lower().replace("ß", "ss").replace("ä", "a")))
    if ref:
        if ref.group(3):
            found = [m for m in measures if m["field"] is None and m["number"] == int(ref.group(3))]
        else:
            found = [m for m in measures if m["field"] == int(ref.group(1)) and m["number"] == int(ref.group(2))]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise QueryError(
                f"measure {wanted!r} is ambiguous: " + "; ".join(f"{m['id']} ({m['strategy']})" for m in found)
            )
    else:
        frag = norm(key)
        found = [m for m in measures if frag and frag in norm(f"{m['heading'] or ''} {m['text'] or ''}")]
        if len(found) == 1:
            return found[0]
    from rapidfuzz import fuzz, process

    labels = {m["id"]: f"{m['ref']} {m['heading'] or ''} {(m['text'] or '')[:80]}" for m in measures}
    close = process.extract(key, labels, scorer=fuzz.WRatio, limit=5)
    hint = "; ".join(f"{m_id} ({labels[m_id][:60].strip()}…)" for _, _, m_id in close)
    raise QueryError(f"unknown measure {wanted!r}; give a measure id or a shorthand like HF3-M2. Closest: {hint}")


def resolve_topic(graph, wanted: str) -> list[str]:
    """Topic node ids for a vocabulary id, label or alternative label, including narrower concepts."""
    key = wanted.strip()
    cid = key.removeprefix("topic:")
    concept = None
    try:
        concept = vocab.get(cid)
    except KeyError:
        wanted_norm = norm(key)
        for c in vocab.concepts():
            if wanted_norm in {norm(c.id), norm(c.label), *(norm(a) for a in c.alt_labels)}:
                concept = c
                break
    if concept is None:
        from rapidfuzz import fuzz, process

        choices = {c.id: c.label for c in vocab.concepts()} | {
            f"{c.id}|{a}": a for c in vocab.concepts() for a in c.alt_labels
        }
        close = process.extract(key, choices, scorer=fuzz.WRatio, limit=5)
        ids = list(dict.fromkeys(k.split("|")[0] for _, _, k in close))
        raise QueryError(
            f"unknown topic {wanted!r}; closest: {', '.join(ids)} (all: {', '.join(c.id for c in vocab.concepts())})"
        )
    known = {r["id"] for r in stored.rows(graph, "topics", TOPICS_CYPHER)}
    return [f"topic:{c}" for c in vocab.descendants(concept.id) if f"topic:{c}" in known]


def resolve_responsible(graph, wanted: str) -> tuple[str, str]:
    """(id, name) of an organisation named responsible for measures: by id, name, alias, a unique part of
    the name ("Handelskammer") or a close spelling; QueryError with the accepted names otherwise."""
    orgs = graph.cypher(RESPONSIBLE_CYPHER)
    key = wanted.strip()
    w = norm(key)
    names = lambda o: [o["name"], *(o["aliases"] or [])]  # noqa: E731
    for test in (
        lambda o: o["id"] == key,
        lambda o: any(norm(n) == w for n in names(o)),
        lambda o: bool(w) and any(re.search(rf"\b{re.escape(w)}\b", norm(n)) for n in names(o)),
    ):
        found = [o for o in orgs if test(o)]
        if len(found) == 1:
            return found[0]["id"], found[0]["name"]
        if len(found) > 1:
            raise QueryError(f"responsible {wanted!r} is ambiguous: {', '.join(sorted(o['name'] for o in found))}")
    from rapidfuzz import fuzz

    scored = sorted(
        ((max(fuzz.WRatio(w, norm(n)) for n in names(o)), o["name"], o) for o in orgs),
        reverse=True,
        key=lambda x: (x[0], x[1]),
    )
    if scored and scored[0][0] >= 90 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][2]["id"], scored[0][2]["name"]
    raise QueryError(
        f"no organisation responsible for measures matches {wanted!r}; known: "
        + ", ".join(sorted(o["name"] for o in orgs))
    )


# -- the query -----------------------------------------------------------------------------------------


def _documents(graph, kinds: set[str], params: dict[str, Any], topic_ids: list[str] | None) -> list[dict[str, Any]]:
    """Rows (without score) of the selected kinds that pass the field / responsible / topic filters."""
    out: list[dict[str, Any]] = []
    responsible_id = None
    if params["responsible"]:
        responsible_id, _ = resolve_responsible(graph, params["responsible"])
    wanted_topics = set(topic_ids or ())
    wanted_concepts = {t.removeprefix("topic:") for t in wanted_topics}
    if "measure" in kinds:
        for m in fetch_measures(graph):
            if params["field"] is not None and m["field"] != params["field"]:
                continue
            if responsible_id and responsible_id not in m["responsible_ids"]:
                continue
            if topic_ids is not None and not wanted_topics & set(m["topic_ids"]):
                continue
            out.append(
                {
                    "kind": "measure",
                    "id": m["id"],
                    "ref": m["ref"],
                    "strategy": m["strategy"],
                    "field": m["field"],
                    "number": m["number"],
                    "heading": m["heading"],
                    "initiative": None,
                    "text": m["text"],
                    "responsible": m["responsible"],
                    "topics": m["topics"],
                    "evidence": m["evidence"] or [],
                    "_search": f"{m['heading'] or ''}\n{m['text'] or ''}",
                }
            )
    if "objective" in kinds and not responsible_id:
        for o in stored.rows(graph, "objectives", OBJECTIVES_CYPHER):
            if params["field"] is not None and o["field"] != params["field"]:
                continue
            topic_list = sorted(x for x in o["topic_ids"] if x)
            if topic_ids is not None and not wanted_topics & set(topic_list):
                continue
            out.append(
                {
                    "kind": "objective",
                    "id": o["id"],
                    "ref": f"HF{o['field']}-Z{o['numeral']}",
                    "strategy": o["strategy"],
                    "field": o["field"],
                    "number": None,
                    "heading": o["field_title"],
                    "initiative": None,
                    "text": o["text"],
                    "responsible": [],
                    "topics": sorted(x for x in o["topics"] if x),
                    "evidence": o["evidence"] or [],
                    "_search": o["text"] or "",
                }
            )
    if "goal" in kinds and not responsible_id and params["field"] is None:
        labels = {c.id: c.label for c in vocab.concepts()}
        for i in stored.rows(graph, "goals", GOALS_CYPHER):
            for n, goal in enumerate(i["goals"] or [], 1):
                concepts = vocab.match(goal)
                if topic_ids is not None and not wanted_concepts & set(concepts):
                    continue
                out.append(
                    {
                        "kind": "goal",
                        "id": i["id"],
                        "ref": f"goal-{n}",
                        "strategy": None,
                        "field": None,
                        "number": n,
                        "heading": None,
                        "initiative": i["name"],
                        "text": goal,
                        "responsible": [],
                        "topics": sorted(labels[c] for c in concepts),
                        "evidence": i["evidence"] or [],
                        "_search": goal,
                    }
                )
    return out


_KIND_ORDER = {k: n for n, k in enumerate(KINDS)}


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    text = (params["text"] or "").strip()
    kind = params["kind"] or ("all" if text else "measure")
    kinds = set(KINDS[:3]) if kind == "all" else {kind}
    if params["limit"] is not None and params["limit"] < 0:
        raise QueryError("parameter 'limit' must be >= 0 (0: no limit)")
    topic_ids = resolve_topic(graph, params["topic"]) if params["topic"] else None
    docs = _documents(graph, kinds, params, topic_ids)
    if text:
        keys = [f"{n}" for n in range(len(docs))]
        hits = Index(zip(keys, (d["_search"] for d in docs), strict=True)).search(text)
        if not hits and not any(True for _ in Index({"q": text}).tokens["q"]):
            raise QueryError(f"text {text!r} has no searchable words (only stopwords or numbers)")
        rows = []
        for h in hits:
            d = docs[int(h.doc_id)]
            rows.append({**d, "score": round(h.score, 3), "matched": list(h.terms), "snippet": h.snippet})
        rows.sort(key=lambda r: (-r["score"], _KIND_ORDER[r["kind"]], r["id"], r["number"] or 0))
    else:
        rows = [{**d, "score": None, "matched": [], "snippet": None} for d in docs]
        rows.sort(
            key=lambda r: (
                _KIND_ORDER[r["kind"]],
                r["strategy"] or "",
                r["initiative"] or "",
                r["field"] or 0,
                r["number"] or 0,
                r["id"],
            )
        )
    if params["limit"]:
        rows = rows[: params["limit"]]
    return [{c: r[c] for c in COLUMNS} for r in rows]


QUERY = Query(
    name="measures",
    description=(
        "Measures of the policy documents (Masterplan Industrie: Handlungsfeld -> Maßnahmen) filtered by action "
        "field, by the organisation named responsible (name or alias, tolerant), and by topic (vocabulary id or "
        "label, narrower topics included), with their responsible organisations and topics. With `text`, a German "
        "full-text search (stems, umlauts, compounds: 'Wasserstoff' finds 'Wasserstoffwirtschaft') over measures, "
        "objectives (Ziele) and initiative goals, ranked by BM25 with the matched words and a snippet. Without "
        "`text` only measures are listed unless `kind` says otherwise."
    ),
    parameters=(
        Param("field", int, None, "Action field (Handlungsfeld) number."),
        Param("responsible", str, None, "Organisation named responsible (name, alias or id; tolerant)."),
        Param("topic", str, None, "Topic: vocabulary id (e.g. wasserstoff) or label; narrower topics included."),
        Param("text", str, None, "Words to search for (German; inflection and compounds tolerated)."),
        Param(
            "kind",
            str,
            None,
            "What to list or search: measure, objective, goal or all (default: measure, or all with text).",
            KINDS,
        ),
        Param("limit", int, 100, "At most this many rows (0: all)."),
    ),
    columns=COLUMNS,
    cypher=same(MEASURES_CYPHER),
    run=run,
    extra_cypher={
        "objectives": same(OBJECTIVES_CYPHER),
        "goals": same(GOALS_CYPHER),
        "responsible": same(RESPONSIBLE_CYPHER),
        "topics": same(TOPICS_CYPHER),
    },
)
