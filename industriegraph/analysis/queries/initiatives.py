"""Initiatives filtered by state, radius, topic, founding year and status; or counts per group."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from industriegraph.analysis.queries import stored
from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.model.schema import RADIUS, STATUS
from industriegraph.model.states import STATES, canonical_state
from industriegraph.text import topics

GROUPS = ("", "state", "radius", "topic", "status", "decade")

# One row per initiative with its states and topic concepts; filters are applied in Python on the
# fetched rows, because optional filters as null parameters ($x IS NULL OR …) do not bind in Ladybug.
INITIATIVES = """
MATCH (i:Initiative)
OPTIONAL MATCH (i)-[:LOCATED_IN]->(s:State)
WITH i, collect(DISTINCT s.name) AS states
OPTIONAL MATCH (i)-[h:HAS_TOPIC]->(t:Topic)
RETURN i.id AS id, i.name AS name, states, i.radius AS radius, i.founded AS founded, i.status AS status,
       collect(DISTINCT [t.id, t.label, coalesce(h.derived, '')]) AS topic_rows
"""


def state_param(value: str) -> str:
    codes = {code.lower(): name for name, code in STATES.items()}
    name = codes.get(value.strip().lower()) or canonical_state(value)
    if not name:
        raise QueryError(f"unknown state {value!r}; use a German name ({', '.join(STATES)}) or an ISO code (DE-HH)")
    return name


def topic_param(value: str) -> list[str]:
    """Graph ids of the concept a user names (id, 'topic:id' or label) and of all its narrower concepts."""
    key = value.strip().removeprefix("topic:").casefold()
    for c in topics.concepts():
        if key in (c.id.casefold(), c.label.casefold(), *(a.casefold() for a in c.alt_labels)):
            return [f"topic:{x}" for x in topics.descendants(c.id)]
    # a word of a label ("Fachkräfte" for "Fachkräftesicherung/Nachwuchsförderung"): the vocabulary's own matcher,
    # when what it recognised is most of what was typed ("Raumfahrtbahnhof" is not "Luft- und Raumfahrt")
    spans = topics.explain(value) if value.strip() else {}
    typed = len(value.strip().casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))
    if len(spans) == 1:
        concept, span = next(iter(spans.items()))
        if len(span) >= 0.75 * typed:
            return [f"topic:{x}" for x in topics.descendants(concept)]
    known = ", ".join(c.id for c in topics.concepts())
    raise QueryError(f"unknown topic {value!r}; use a concept id or label of the vocabulary: {known}")


def _topics_of(row: dict[str, Any], stated_only: bool) -> dict[str, str]:
    """Topic id -> label; Ladybug returns a row of nulls for an initiative without topics."""
    return {t[0]: t[1] for t in row["topic_rows"] if t and t[0] and not (stated_only and t[2])}


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    state = state_param(params["state"]) if params["state"] else None
    wanted_topics = set(topic_param(params["topic"])) if params["topic"] else None
    lo, hi = params["founded_from"], params["founded_to"]
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"founded_from ({lo}) is after founded_to ({hi})")
    selected = []
    for r in stored.rows(graph, "initiatives", INITIATIVES):
        tops = _topics_of(r, params["stated_only"])
        if state and state not in r["states"]:
            continue
        if params["radius"] and r["radius"] != params["radius"]:
            continue
        if params["status"] and r["status"] != params["status"]:
            continue
        if wanted_topics is not None and not wanted_topics & set(tops):
            continue
        if (lo is not None or hi is not None) and r["founded"] is None:
            continue
        if (lo is not None and r["founded"] < lo) or (hi is not None and r["founded"] > hi):
            continue
        selected.append({**r, "topics": tops})
    if params["group_by"]:
        return _grouped(selected, params["group_by"])
    rows = [
        {
            "id": r["id"],
            "name": r["name"],
            "states": sorted(r["states"]),
            "radius": r["radius"],
            "founded": r["founded"],
            "status": r["status"],
            "topics": sorted(r["topics"].values()),
            "group": None,
            "count": None,
            "initiatives": None,
        }
        for r in selected
    ]
    return sorted(rows, key=lambda r: (r["name"].casefold(), r["id"]))


def _keys(r: dict[str, Any], by: str) -> list[str | None]:
    """The groups an initiative falls into; several for two states or many topics, None when unknown."""
    if by == "state":
        return sorted(r["states"]) or [None]
    if by == "topic":  # a concept counts its narrower concepts' initiatives too, as the topic filter does
        ids = {x.removeprefix("topic:") for x in r["topics"]}
        ids |= {b for x in list(ids) for b in topics.broader_chain(x)}
        return sorted(topics.get(x).label for x in ids) or [None]
    if by == "decade":
        return [f"{r['founded'] // 10 * 10}s" if r["founded"] is not None else None]
    return [r[by]]


def _grouped(selected: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    groups: dict[str | None, list[str]] = defaultdict(list)
    for r in selected:
        for key in _keys(r, by):
            groups[key].append(r["name"])
    rows = [
        {
            "id": None,
            "name": None,
            "states": None,
            "radius": None,
            "founded": None,
            "status": None,
            "topics": None,
            "group": key,
            "count": len(names),
            "initiatives": sorted(names),
        }
        for key, names in groups.items()
    ]
    return sorted(rows, key=lambda r: (r["group"] is None, -r["count"], r["group"] or ""))


QUERY = Query(
    name="initiatives",
    description=(
        "Initiatives filtered by state (German name or ISO code such as DE-HH), radius (lokal, regional, "
        "landesweit), topic (a concept id or label of the topic vocabulary; narrower concepts are included, so "
        "'energie' also finds Wasserstoff), founding years and status (active, ended). Without group_by, one row per "
        "initiative with id, name, states, radius, founded, status and topics (group, count, initiatives are None). "
        "With group_by (state, radius, topic, status, decade), one row per group with its count and the initiative "
        "names (the per-initiative columns are None); an initiative in two states or with several topics counts in "
        "each of its groups, and a topic group includes its narrower concepts. Initiatives without the grouped "
        "value form the group None, listed last."
    ),
    parameters=(
        Param("state", str, None, "German state name or ISO 3166-2 code (DE-NW)."),
        Param("radius", str, None, "Aktionsradius as in Tabelle 1.", RADIUS),
        Param("topic", str, None, "Topic concept id or label (narrower concepts included)."),
        Param("founded_from", int, None, "Founded in or after this year (initiatives without a year are dropped)."),
        Param("founded_to", int, None, "Founded in or before this year (initiatives without a year are dropped)."),
        Param("status", str, None, "active or ended.", STATUS),
        Param(
            "stated_only",
            bool,
            False,
            "Topic filter and topics column use only stated topics, not those "
            "tagged from prose (HAS_TOPIC derived='text').",
        ),
        Param("group_by", str, "", "Count per state, radius, topic, status or decade instead of listing.", GROUPS),
    ),
    columns=("id", "name", "states", "radius", "founded", "status", "topics", "group", "count", "initiatives"),
    cypher=same(INITIATIVES.strip()),
    run=run,
)
