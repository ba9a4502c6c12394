"""Pages to browse the graph as a whole: all initiatives with filters (``/initiativen``), the Länder as a tile-grid
map (``/bundeslaender``), the brokers of the network (``/vermittler``), measure pages headed by their code, and the
start page whose figures say where they come from.

Every page calls the query modules the CLI and the API call; nothing here computes an answer of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from industriegraph.model.german import count, kind_label, number, radius_label, status_label
from industriegraph.model.schema import RADIUS, STATUS, label_de, plural_de, prop_label_de
from industriegraph.model.states import STATES
from industriegraph.text.source import split_evidence
from industriegraph.web import network as viz
from industriegraph.web import pages as base
from industriegraph.web.pages import PageError, _cached, _full, _graph, _render, _text_param, pages

router = APIRouter(include_in_schema=False)

# The sixteen Länder on a grid of 5 columns and 5 rows, roughly where they lie (no geodata needed).
TILES: dict[str, tuple[int, int]] = {
    "DE-SH": (0, 2),
    "DE-HB": (1, 1),
    "DE-HH": (1, 2),
    "DE-MV": (1, 3),
    "DE-NW": (2, 0),
    "DE-NI": (2, 1),
    "DE-ST": (2, 2),
    "DE-BE": (2, 3),
    "DE-BB": (2, 4),
    "DE-RP": (3, 0),
    "DE-HE": (3, 1),
    "DE-TH": (3, 2),
    "DE-SN": (3, 3),
    "DE-SL": (4, 0),
    "DE-BW": (4, 1),
    "DE-BY": (4, 2),
}
DECADES = (1990, 2000, 2010, 2020)


def _year(value: str | None, name: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or not 1800 <= int(value) <= 2100:
        raise PageError(400, f"„{name}“ muss ein Jahr zwischen 1800 und 2100 sein.")
    return int(value)


def _all_initiatives(request: Request) -> list[dict[str, Any]]:
    return _cached(request, "initiatives:all", lambda: _graph(request).query("initiatives"))


def _tally(rows: list[dict[str, Any]], key) -> list[tuple[str, int]]:
    c: Counter[str] = Counter()
    for r in rows:
        values = key(r)
        for v in values if isinstance(values, list) else [values]:
            c[v or "unbekannt"] += 1
    return sorted(c.items(), key=lambda x: (-x[1], x[0]))


@router.get("/initiativen", response_class=HTMLResponse)
@pages
def initiativen(
    request: Request,
    land: str | None = None,
    radius: str | None = None,
    thema: str | None = None,
    status: str | None = None,
    von: str | None = None,
    bis: str | None = None,
) -> HTMLResponse:
    from industriegraph.text import topics as vocab

    state = _text_param(land, "land") or None
    rad = _text_param(radius, "radius") or None
    topic = _text_param(thema, "thema") or None
    stat = _text_param(status, "status") or None
    year_from, year_to = _year(von, "von"), _year(bis, "bis")
    if state is not None and state not in STATES:
        raise PageError(400, f"Unbekanntes Bundesland „{state}“.")
    if rad is not None and rad not in RADIUS:
        raise PageError(400, f"Unbekannter Aktionsradius „{rad}“; erlaubt: {', '.join(RADIUS)}.")
    if stat is not None and stat not in STATUS:
        raise PageError(400, f"Unbekannter Status „{stat}“; erlaubt: {', '.join(STATUS)}.")
    concepts = sorted(vocab.concepts(), key=lambda c: c.label)
    if topic is not None and topic not in {c.id for c in concepts}:
        raise PageError(400, f"Unbekanntes Thema „{topic}“.")
    params = {
        "state": state,
        "radius": rad,
        "topic": topic,
        "status": stat,
        "founded_from": year_from,
        "founded_to": year_to,
    }
    given = {k: v for k, v in params.items() if v is not None}
    rows = _graph(request).query("initiatives", **given) if given else _all_initiatives(request)
    total = len(_all_initiatives(request))
    for r in rows:
        r["path"] = viz.entity_path(r["id"], "Initiative")
    counts = {
        label_de("State"): _tally(rows, lambda r: r["states"] or None),
        prop_label_de("Initiative", "radius"): [(radius_label(k), n) for k, n in _tally(rows, lambda r: r["radius"])],
        prop_label_de("Initiative", "status"): [(status_label(k), n) for k, n in _tally(rows, lambda r: r["status"])],
        "Gründung": _tally(rows, lambda r: f"{r['founded'] // 10 * 10}er" if r["founded"] else None),
    }
    return _render(
        request,
        "initiativen.html",
        title="Alle Initiativen",
        rows=rows,
        total=total,
        counts=counts,
        concepts=concepts,
        states=sorted(STATES),
        radii=RADIUS,
        statuses=STATUS,
        chosen={
            "land": state or "",
            "radius": rad or "",
            "thema": topic or "",
            "status": stat or "",
            "von": year_from or "",
            "bis": year_to or "",
        },
        filtered=bool(given),
    )


@router.get("/bundeslaender", response_class=HTMLResponse)
@pages
def bundeslaender(request: Request) -> HTMLResponse:
    rows = _all_initiatives(request)
    per: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for s in r["states"] or []:
            per[s].append(r)
    most = max((len(v) for v in per.values()), default=1)
    tiles = []
    for name, iso in STATES.items():
        row, col = TILES[iso]
        items = per.get(name, [])
        tiles.append(
            {
                "name": name,
                "code": iso.split("-")[1],
                "row": row + 1,
                "col": col + 1,
                "count": len(items),
                "ended": sum(1 for r in items if r["status"] == "ended"),
                "level": 0 if not items else 1 + round(3 * len(items) / most),
                "href": f"/initiativen?land={name}",
            }
        )
    without = sum(1 for r in rows if not r["states"])
    return _render(
        request,
        "bundeslaender.html",
        title="Initiativen nach Bundesland",
        tiles=tiles,
        table=sorted(tiles, key=lambda t: (-t["count"], t["name"])),
        total=len(rows),
        without=without,
    )


@router.get("/vermittler", response_class=HTMLResponse)
@pages
def vermittler(request: Request, art: str | None = None) -> HTMLResponse:
    label = _text_param(art, "art") or "all"
    if label not in ("all", "Organization", "Initiative"):
        raise PageError(400, "„art“ muss all, Organization oder Initiative sein.")
    rows = _cached(request, f"brokers:{label}", lambda: _graph(request).query("brokers", top=50, label=label))
    for r in rows:
        r["path"] = viz.entity_path(r["id"], r["label"])
        r["type"] = kind_label(r["kind"]) if r["kind"] else label_de(r["label"])  # (was the colour of the label)
        r["betweenness_de"] = number(r["betweenness"], 4)
    return _render(request, "vermittler.html", title="Vermittler im Netzwerk", rows=rows, art=label)


# -- the start page: figures with where they come from -----------------------------------------------------


def _origins(request: Request) -> dict[str, list[dict[str, Any]]]:
    """Where the initiatives and measures come from, computed from the graph: per source document (initiatives:
    ended ones apart) and per strategy (measures of an action field), each with a count and a link."""

    def build() -> dict[str, list[dict[str, Any]]]:
        graph = _graph(request)
        sources = {r["file"]: r["id"] for r in graph.cypher("MATCH (s:Source) RETURN s.file AS file, s.id AS id")}
        out: dict[str, list[dict[str, Any]]] = {"Initiative": [], "Measure": []}
        by_file: dict[tuple[str, bool], int] = Counter()
        for r in graph.cypher("MATCH (i:Initiative) RETURN i.evidence AS ev, i.status AS status"):
            files = sorted({split_evidence(e)[0] for e in r["ev"] or []})
            by_file[(files[0] if files else "", r["status"] == "ended")] += 1
        for (file, ended), n in sorted(by_file.items(), key=lambda x: (-x[1], x[0])):
            what = "beendet, im Text des Dokuments genannt" if ended else "aus dem Dokument"
            out["Initiative"].append(
                {
                    "count": n,
                    "text": f"{what} {file}" if file else "ohne Beleg",
                    "href": "/initiativen?status=ended"
                    if ended
                    else f"/knoten/{sources[file]}"
                    if file in sources
                    else None,
                }
            )
        in_fields = graph.cypher(
            "MATCH (s:Strategy)-[:HAS_ACTION_FIELD]->(:ActionField)-[:HAS_MEASURE]->(m:Measure) "
            "RETURN s.id AS id, s.title AS title, count(DISTINCT m) AS n"
        )
        for r in sorted(in_fields, key=lambda r: -r["n"]):
            out["Measure"].append(
                {"count": r["n"], "text": f"Handlungsfelder der Strategie „{r['title']}“", "href": "/massnahmen"}
            )
        loose = graph.cypher(
            "MATCH (m:Measure) WHERE NOT EXISTS { MATCH (:ActionField)-[:HAS_MEASURE]->(m) } RETURN m.evidence AS ev"
        )
        c: Counter[str] = Counter(sorted({split_evidence(e)[0] for e in r["ev"] or []} or {""})[0] for r in loose)
        for file, n in sorted(c.items(), key=lambda x: (-x[1], x[0])):
            out["Measure"].append(
                {
                    "count": n,
                    "text": f"Maßnahmenpaket ohne Handlungsfelder aus dem Dokument {file}",
                    "href": f"/knoten/{sources[file]}" if file in sources else None,
                }
            )
        return out

    return _cached(request, "origins", build)


@router.get("/", response_class=HTMLResponse)
@pages
def start(request: Request) -> HTMLResponse:
    full = _full(request)
    counts: dict[str, int] = defaultdict(int)
    for _, attrs in full.nodes(data=True):
        counts[viz.node_label(attrs)] += 1
    states = {
        v for u, v, k in full.edges(data="type") if k == "LOCATED_IN" and viz.node_label(full.nodes[u]) == "Initiative"
    }
    origins = _origins(request)
    links = {"Initiative": "/initiativen", "Measure": "/massnahmen", "Organization": "/vermittler?art=Organization"}
    figures = [
        {
            "label": plural_de(label),
            "count": counts.get(label, 0),
            "origin": origins.get(label),
            "href": links.get(label),
        }
        for label in base.FIGURES
    ]
    figures.insert(1, {"label": "Bundesländer mit Initiativen", "count": len(states), "href": "/bundeslaender"})
    evidence = sum(len(a.get("evidence") or []) for _, a in full.nodes(data=True))
    return _render(request, "start.html", title="industriegraph", figures=figures, evidence=evidence, plural=count)


# -- measure pages: code and short title, with the initiatives elsewhere -----------------------------------


def short_title(measure: dict[str, Any], width: int = 90, in_field: bool | None = None) -> str:
    """A short title of a measure, at most ``width`` characters: the first sentence of its text for measures in an
    action field (their heading is the field's section heading, the same for many), else its own heading."""
    import re

    if in_field is None:
        in_field = measure.get("field") is not None
    first_choice = measure.get("text") if in_field else measure.get("heading")
    text = " ".join(str(first_choice or measure.get("text") or measure.get("heading") or "").split())
    text = re.sub(r"(?<=[\w“”\"])[.,;:]?\d{1,3}(?=\s|$)", "", text)  # footnote digits glued to a word ("Hamburg“.34")
    # a sentence ends after a word of three or more letters (not "d. h.", "z. B.") before a capital letter
    first = re.split(r"(?<=[^\W\d_]{3}[.!?])\s+(?=[A-ZÄÖÜ])", text, maxsplit=1)[0]
    if len(first) <= width:
        return first.rstrip(".")
    cut = first.rfind(" ", 0, width)
    return first[: cut if cut > width // 2 else width].rstrip(",;: ") + " …"


def _measure_code(request: Request, node_id: str) -> str | None:
    def build() -> dict[str, str]:
        from industriegraph.analysis.queries.measures import fetch_measures, measure_ref

        return {m["id"]: measure_ref(m) for m in fetch_measures(_graph(request)) if m.get("number") is not None}

    return _cached(request, "measure-codes", build).get(node_id)


@router.get("/massnahme/{slug:path}", response_class=HTMLResponse)
@pages
def massnahme(request: Request, slug: str) -> HTMLResponse:
    slug = _text_param(slug, "id")
    node_id = slug if slug.startswith("measure:") else f"measure:{slug}"
    node = _graph(request).get(node_id)
    if node is None or node["_label"] != "Measure":
        raise PageError(404, f"Keine Maßnahme mit der Kennung „{node_id}“. Versuchen Sie die Suche.")
    code = _measure_code(request, node_id)
    title = short_title(node, in_field=bool(code and code.startswith("HF")))
    groups, topics, states = base._relations(request, node_id)
    try:
        transfer = _graph(request).query("policy-transfer", measure=node_id, top=5)
    except Exception:  # a measure the module cannot place (no topics, no home state) has no suggestions
        transfer = []
    for t in transfer:
        t["path"] = viz.entity_path(t["initiative_id"], "Initiative")
    return _render(
        request,
        "entity.html",
        title=f"{code}: {title}" if code else title,
        node=node,
        kind=viz.type_name(node),
        facts=base._facts(node),
        goals=[],
        evidence=base._evidence(request, node.get("evidence")),
        groups=groups,
        topics=topics,
        states=states,
        net=None,
        transfer=transfer,
    )


# -- coverage caveat beside co-occurrence results ------------------------------------------------------------


def coverage(request: Request) -> dict[str, int]:
    """How many initiatives name at least one member organisation: co-occurrence can only see those."""

    def build() -> dict[str, int]:
        graph = _graph(request)
        total = graph.cypher("MATCH (i:Initiative) RETURN count(i) AS n")[0]["n"]
        named = graph.cypher("MATCH (:Organization)-[:MEMBER_OF]->(i:Initiative) RETURN count(DISTINCT i) AS n")[0]["n"]
        return {"total": total, "named": named, "unnamed": total - named}

    return _cached(request, "coverage", build)


base.templates.env.globals.update(coverage=coverage, short_title=short_title, measure_code=_measure_code)
