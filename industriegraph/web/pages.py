"""Server-rendered pages of the explorer (German interface, Jinja2, no front-end build step).

Every page calls the same core functions as the CLI and the JSON API (search, query modules,
matchmaking) on ``request.app.state.graph``. Answers that never change while the app runs (the
networkx view, the Masterplan's transfer suggestions) are cached on the app. Networks are drawn
with our packaged vis-network and ``static/network.js``; no page loads anything from another host.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from industriegraph.graph.facade import display_name
from industriegraph.model.german import german_date
from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import (
    NODE_BY_LABEL,
    label_de,
    plural_de,
    rel_label_de,
    value_label_de,
    value_labels_de,
)
from industriegraph.web import network as viz

STATIC_DIR = Path(__file__).parent / "static"
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=viz.environment())
templates.env.globals.update(entity_path=viz.entity_path, type_name=viz.type_name, urlencode=urlencode)

PAGE_SIZE = 50
MAX_PAGE = 500
MAX_TEXT = 200
EGO_DEPTH = 2
EGO_MAX = 120
TRANSFER_TOP = 3
VALUE_QUOTES = 3  # quoted lines per property value on an entity page
NAV = (
    ("/", "Start"),
    ("/suche", "Suche"),
    ("/initiativen", plural_de("Initiative")),
    ("/bundeslaender", plural_de("State")),
    ("/kooperation", "Kooperation"),
    ("/vermittler", "Vermittler"),
    ("/netzwerk", "Gesamtnetz"),
    ("/massnahmen", plural_de("Measure")),
    ("/peer-meetings", "Peer-Meetings"),
    ("/qualitaet", "Datenqualität"),
    ("/pruefung", "Prüfung"),
    ("/downloads", "Downloads"),
    ("/sparql", "SPARQL"),
)
# Start-page figures (German plurals from the schema declaration).
FIGURES = ("Initiative", "Organization", "Person", "Strategy", "ActionField", "Measure", "Event", "Topic")
HIDDEN_PROPS = {"id", "_label", "evidence", "statements", "goals", "sha256"}


class PageError(Exception):
    """A page that cannot be shown: rendered as a German error page with this status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# -- shared plumbing ---------------------------------------------------------------------------------------


def _graph(request: Request):
    return request.app.state.graph


def _cached(request: Request, key: str, compute):
    """Computed once per app: the graph is read-only while it is served."""
    return request.app.state.cache.get(f"pages:{key}", compute)


def _full(request: Request) -> nx.MultiDiGraph:
    """The whole graph as networkx (``Graph.to_networkx`` with the filter attributes), once per app; the API's
    ego networks walk the same view."""
    return request.app.state.cache.get("networkx", lambda: viz.full_network(_graph(request)))


def _evidence(request: Request, evidence: list[str] | None) -> list[dict[str, Any]]:
    return _graph(request).evidence(evidence)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("nav", NAV)
    context.setdefault("current", request.url.path)
    return templates.TemplateResponse(request, name, context, status_code=status)


def _error(request: Request, exc: PageError) -> HTMLResponse:
    titles = {400: "Ungültige Anfrage", 404: "Nicht gefunden"}
    return _render(
        request, "fehler.html", status=exc.status, title=titles.get(exc.status, "Fehler"), message=exc.message
    )


def _text_param(value: str | None, name: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise PageError(400, f"Der Parameter „{name}“ ist länger als {MAX_TEXT} Zeichen.")
    return value


def _page_param(value: str | None) -> int:
    if value in (None, ""):
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise PageError(400, f"„seite“ muss eine Zahl zwischen 1 und {MAX_PAGE} sein.")
    return int(value)


def pages(handler):
    """Turn PageError into a rendered error page (the router's handlers stay plain)."""
    import functools

    @functools.wraps(handler)
    def wrapper(request: Request, *args: Any, **kwargs: Any):
        try:
            return handler(request, *args, **kwargs)
        except PageError as exc:
            return _error(request, exc)

    return wrapper


# -- start and search ------------------------------------------------------------------------------------


# the start page: industriegraph/web/explore.py


@router.get("/suche", response_class=HTMLResponse)
@pages
def suche(request: Request, q: str | None = None, typ: str | None = None, seite: str | None = None) -> HTMLResponse:
    from industriegraph.graph.search import SEARCH_LABELS, search

    query = _text_param(q, "q")
    label = _text_param(typ, "typ") or None
    if label is not None and label not in SEARCH_LABELS:
        raise PageError(400, f"Unbekannter Typ „{label}“; erlaubt: {', '.join(SEARCH_LABELS)}.")
    page = _page_param(seite)
    result = None
    if query:
        try:
            result = search(_graph(request), query, label=label, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        except ValueError as exc:
            raise PageError(400, str(exc)) from None
    pages_total = max(1, -(-result.total // PAGE_SIZE)) if result else 1
    types = [(label_, label_de(label_)) for label_ in SEARCH_LABELS]
    return _render(
        request,
        "suche.html",
        title=f"Suche: {query}" if query else "Suche",
        q=query,
        typ=label or "",
        page=page,
        pages_total=pages_total,
        result=result,
        types=types,
        page_size=PAGE_SIZE,
    )


# -- entity pages ----------------------------------------------------------------------------------------


def _facts(node: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(German name, value, kind) of the properties worth showing; kind tells the template how to show it."""
    out = []
    label = node["_label"]
    spec = NODE_BY_LABEL.get(label)
    order = [p.name for p in spec.props] if spec else list(node)
    for key in order:
        value = node.get(key)
        if key in HIDDEN_PROPS or value in (None, "", []) or (spec and key == spec.display and key != "text"):
            continue
        if key == "foundedText" and str(value).strip() == str(node.get("founded")):
            continue  # says nothing the founding year does not
        kind = "text"
        if key == "date":
            value = german_date(value)
        if key in ("website", "url") and str(value).startswith(("http://", "https://")):
            kind = "link"
        elif key in ("subject", "broader") and isinstance(value, str) and ":" in value:
            kind = "node"
        elif key == "aliases":
            kind = "verbatim"  # spellings as the sources print them: not translated
        name, shown = viz.fact(label, key, value)
        out.append((name, value if kind not in ("text", "verbatim") else shown, kind))
    return out


def _values(request: Request, node: dict[str, Any]) -> list[dict[str, Any]]:
    """Each property value with the quoted lines that state it; empty for a node without per-value statements
    (its values all rest on the node's own evidence, quoted under "Belege")."""
    if not node.get("statements"):
        return []
    out = []
    for row in _graph(request).value_evidence(node):
        name, value = viz.fact(node["_label"], row["property"], row["value"])
        quoted = [{"ref": e["evidence"], "text": e["quote"]} for e in row["evidence"]]
        out.append(
            {
                "name": name,
                "value": value,
                "kept": row["kept"],
                "node_evidence": row["node_evidence"],
                "evidence": quoted[:VALUE_QUOTES],
                "more": max(0, len(quoted) - VALUE_QUOTES),
            }
        )
    return out


def _relations(request: Request, node_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """Neighbours grouped by relationship (German heading), the topics and the states of a node."""
    graph = _graph(request)
    rows = graph.neighbours(node_id)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    topics: dict[str, dict[str, Any]] = {}
    states: list[str] = []
    for r in rows:
        rel, other = r["r"], r["other"]
        rtype = rel["_label"]
        if rtype == "HAS_TOPIC" and r["direction"] == "out":
            t = topics.setdefault(other["id"], {"id": other["id"], "name": display_name(other), "stated": False})
            t["stated"] = t["stated"] or rel.get("derived") != "text"
            continue
        if rtype == "LOCATED_IN" and r["direction"] == "out":
            states.append(display_name(other))
        heading = rel_label_de(rtype, r["direction"])
        group = groups.setdefault((rtype, r["direction"]), {"heading": heading, "type": rtype, "items": []})
        extra = [value_label_de(rtype, k, rel[k]) for k in ("role", "kind") if rel.get(k)]
        same = next((x for x in group["items"] if x["id"] == other["id"]), None)
        if same is not None:  # one row per organisation, its roles joined
            same["extra"] = ", ".join(x for x in dict.fromkeys([*same["extra"].split(", "), *extra]) if x)
            same["evidence"] += graph.evidence((rel.get("evidence") or [])[:3])
            continue
        group["items"].append(
            {
                "id": other["id"],
                "name": display_name(other),
                "label": other["_label"],
                "path": viz.entity_path(other["id"], other["_label"]),
                "type": viz.type_name(other),
                "extra": ", ".join(extra),
                "evidence": graph.evidence((rel.get("evidence") or [])[:3]),
            }
        )
    ordered = sorted(groups.values(), key=lambda g: (g["type"] == "HAS_TOPIC", -len(g["items"]), g["heading"]))
    topic_list = sorted(topics.values(), key=lambda t: (not t["stated"], t["name"]))
    return ordered, topic_list, states


def _entity(request: Request, node_id: str, label: str | None = None) -> HTMLResponse:
    def draw() -> tuple[str, bytes] | None:
        node = _graph(request).get(node_id)
        return None if node is None else (node["_label"], bytes(_entity_page(request, node_id, node).body))

    # the graph is read-only: a page once drawn (or an id once missing) stays so; a page asked again costs no query
    drawn = request.app.state.cache.recent(("page", node_id), draw)
    if drawn is None:
        raise PageError(404, f"Keinen Eintrag mit der Kennung „{node_id}“ gefunden. Versuchen Sie die Suche.")
    if label is not None and drawn[0] != label:
        return RedirectResponse(viz.entity_path(node_id, drawn[0]), status_code=307)
    return HTMLResponse(drawn[1])


def _entity_page(request: Request, node_id: str, node: dict[str, Any]) -> HTMLResponse:
    groups, topics, states = _relations(request, node_id)
    full = _full(request)
    net = None
    if node_id in full:
        ego = _graph(request).ego(node_id, EGO_DEPTH, EGO_MAX, stop=viz.HUBS, view=full)
        if ego.number_of_nodes() > 1:
            net = viz.network_context(ego, "netz", quote_fn=_graph(request).quote, link_pages=True, height="560px")
    return _render(
        request,
        "entity.html",
        title=viz.caption(node, node_id),
        node=node,
        kind=viz.type_name(node),
        facts=_facts(node),
        goals=node.get("goals") or [],
        evidence=_evidence(request, node.get("evidence")),
        values=_values(request, node),
        groups=groups,
        topics=topics,
        states=states,
        net=net,
    )


def _typed(label: str):
    prefix = NODE_BY_LABEL[label].prefix

    @pages
    def handler(request: Request, slug: str) -> HTMLResponse:
        slug = _text_param(slug, "id")
        node_id = slug if slug.startswith(f"{prefix}:") else f"{prefix}:{slug}"
        return _entity(request, node_id, label)

    handler.__name__ = f"page_{label.lower()}"
    return handler


for _label, _page in viz.PAGE_PATHS.items():
    router.add_api_route(f"/{_page}/{{slug:path}}", _typed(_label), methods=["GET"], response_class=HTMLResponse)


@router.get("/knoten/{node_id:path}", response_class=HTMLResponse)
@pages
def knoten(request: Request, node_id: str) -> HTMLResponse:
    node_id = _text_param(node_id, "id")
    node = _graph(request).get(node_id)
    if node is not None and node["_label"] in viz.PAGE_PATHS:
        return RedirectResponse(viz.entity_path(node_id, node["_label"]), status_code=307)
    return _entity(request, node_id)


# -- co-occurrence ---------------------------------------------------------------------------------------


def _name_ids(request: Request) -> dict[str, str]:
    """ "org|<name>" / "ini|<name>" -> node id, so query rows that carry names can link to pages."""
    return _cached(request, "name-ids", lambda: viz.name_ids(_full(request)))


@router.get("/kooperation", response_class=HTMLResponse)
@pages
def kooperation(request: Request, art_a: str | None = None, art_b: str | None = None) -> HTMLResponse:
    kind_a = _text_param(art_a, "art_a") or "IHK"
    kind_b = _text_param(art_b, "art_b") or "Union"
    for name, value in (("art_a", kind_a), ("art_b", kind_b)):
        if value not in KINDS:
            raise PageError(400, f"Unbekannte Organisationsart „{value}“ für „{name}“.")
    rows = _graph(request).query("cooccurrence", kind_a=kind_a, kind_b=kind_b)
    pairs = _graph(request).query("kind-cooccurrence", kind=kind_a, min_both=0, scope="all")
    overall = next((p for p in pairs if {p["kind_a"], p["kind_b"]} == {kind_a, kind_b}), None)
    ids = _name_ids(request)
    for r in rows:
        r["kind_a"], r["kind_b"] = kind_a, kind_b
        r["a_path"] = _path_for(ids.get(f"org|{r['a_name']}"), "Organization")
        r["b_path"] = _path_for(ids.get(f"org|{r['b_name']}"), "Organization")
        r["links"] = [(name, _path_for(ids.get(f"ini|{name}"), "Initiative")) for name in r["initiatives"]]
    net = None
    if rows:
        g = viz.kind_cooccurrence_network(_graph(request), _full(request), kind_a, kind_b, rows)
        net = viz.network_context(g, "netz", quote_fn=_graph(request).quote, link_pages=True, height="520px")
    kinds = sorted(KINDS, key=viz.kind_name)
    return _render(
        request,
        "kooperation.html",
        title="Kooperation zwischen Organisationsarten",
        kinds=[(k, viz.kind_name(k)) for k in kinds],
        kind_a=kind_a,
        kind_b=kind_b,
        name_a=viz.kind_name(kind_a),
        name_b=viz.kind_name(kind_b),
        rows=rows,
        overall=overall,
        net=net,
    )


def _path_for(node_id: str | None, label: str) -> str | None:
    return viz.entity_path(node_id, label) if node_id else None


# -- the Masterplan --------------------------------------------------------------------------------------


def _transfer(request: Request, measure_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Top initiatives elsewhere per measure (policy-transfer query), computed once per app."""

    def build() -> dict[str, list[dict[str, Any]]]:
        out = {}
        graph = _graph(request)
        for mid in measure_ids:
            out[mid] = graph.query("policy-transfer", measure=mid, top=TRANSFER_TOP)
        return out

    return _cached(request, "transfer:" + ",".join(measure_ids), build)


@router.get("/massnahmen", response_class=HTMLResponse)
@pages
def massnahmen(request: Request) -> HTMLResponse:
    from industriegraph.analysis.queries.measures import OBJECTIVES_CYPHER, fetch_measures

    graph = _graph(request)
    measures = [m for m in fetch_measures(graph) if m["field"] is not None]
    objectives = graph.cypher(OBJECTIVES_CYPHER)
    fields = graph.cypher(
        "MATCH (s:Strategy)-[:HAS_ACTION_FIELD]->(f:ActionField) "
        "RETURN s.id AS strategy_id, s.title AS strategy, s.evidence AS s_evidence, "
        "f.id AS id, f.number AS number, f.title AS title, f.evidence AS evidence"
    )
    transfer = _transfer(request, sorted(m["id"] for m in measures))
    ids = {m["id"] for m in measures}
    strategies: dict[str, dict[str, Any]] = {}
    for f in sorted(fields, key=lambda f: (f["strategy"] or "", f["number"] or 0)):
        s = strategies.setdefault(
            f["strategy_id"],
            {
                "id": f["strategy_id"],
                "title": f["strategy"],
                "path": viz.entity_path(f["strategy_id"], "Strategy"),
                "fields": [],
            },
        )
        s["fields"].append(
            {
                **f,
                "objectives": sorted(
                    (o for o in objectives if o["field"] == f["number"] and o["strategy_id"] == f["strategy_id"]),
                    key=lambda o: o["id"],
                ),
                "measures": [
                    {
                        **m,
                        "path": viz.entity_path(m["id"], "Measure"),
                        "evidence_quotes": _evidence(request, (m["evidence"] or [])[:1]),
                        "responsible_links": [
                            (name, viz.entity_path(rid, "Organization"))
                            for rid, name in zip(
                                m["responsible_ids"], _names(request, m["responsible_ids"]), strict=True
                            )
                        ],
                        "transfer": transfer.get(m["id"], []),
                    }
                    for m in measures
                    if m["strategy_id"] == f["strategy_id"] and m["field"] == f["number"] and m["id"] in ids
                ],
            }
        )
    for s in strategies.values():
        s["n_measures"] = sum(len(f["measures"]) for f in s["fields"])
    total = sum(s["n_measures"] for s in strategies.values())
    return _render(
        request,
        "massnahmen.html",
        title="Maßnahmen des Masterplans",
        strategies=list(strategies.values()),
        total=total,
        top=TRANSFER_TOP,
    )


def _names(request: Request, node_ids: list[str]) -> list[str]:
    full = _full(request)
    return [viz.caption(full.nodes[i], i) if i in full else i for i in node_ids]


# -- peer meetings: industriegraph/web/matchmaking.py ---------------------------------------------------


# -- data quality and downloads --------------------------------------------------------------------------


@router.get("/qualitaet", response_class=HTMLResponse)
@pages
def qualitaet(request: Request) -> HTMLResponse:
    summary = _graph(request).query("quality", summary=True)
    findings = _graph(request).query("quality")
    full = _full(request)
    for f in findings:
        subject = f["subject"]
        f["path"] = viz.entity_path(subject, viz.node_label(full.nodes[subject])) if subject in full else None
        f["quotes"] = _evidence(request, f["evidence"])
    return _render(
        request,
        "qualitaet.html",
        title="Datenqualität",
        summary=summary,
        findings=findings,
        kind_names=value_labels_de("Finding", "kind"),
    )


@router.get("/pruefung", response_class=HTMLResponse)
@pages
def pruefung(request: Request) -> HTMLResponse:
    """What the build joined on similarity alone (``Graph.candidates``), read-only, with both names' lines quoted;
    decisions are taken with ``industriegraph review``."""
    graph = _graph(request)
    candidates = graph.candidates()
    nodes = graph.get_many(sorted({c["node"] for c in candidates if c["node"]}))
    for c in candidates:
        node = nodes.get(c["node"] or "")
        c["path"] = viz.entity_path(node["id"], viz.node_label(node)) if node else None
        c["node_name"] = display_name(node) if node else None
        c["quotes"] = _evidence(request, c["evidence"])
    return _render(
        request,
        "pruefung.html",
        title="Prüfung",
        candidates=candidates,
        kind_names=value_labels_de("Finding", "kind"),
        decision_names=value_labels_de("Finding", "decision"),
    )


RDF_FORMATS = (
    ("turtle", "Turtle (.ttl)"),
    ("jsonld", "JSON-LD (.jsonld)"),
    ("ntriples", "N-Triples (.nt)"),
    ("rdfxml", "RDF/XML (.rdf)"),
)


# the downloads page: industriegraph/web/opendata.py


def warm(app) -> None:
    """Compute the pages' cached answers (networkx view, the Masterplan's transfer suggestions, ~10 s on the
    real graph) before the first visitor asks; meant for a background thread started with the app."""
    from types import SimpleNamespace

    from industriegraph.analysis.queries.measures import fetch_measures

    request = SimpleNamespace(app=app)
    _full(request)  # type: ignore[arg-type]
    measures = [m for m in fetch_measures(app.state.graph) if m["field"] is not None]
    _transfer(request, sorted(m["id"] for m in measures))  # type: ignore[arg-type]
