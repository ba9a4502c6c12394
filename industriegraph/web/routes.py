"""The JSON API under ``/api``: a thin layer over ``Graph``, ``industriegraph.graph.search``, the query modules,
``industriegraph.analysis.match`` and the exporters.

Read-only by construction: every route is GET, no route takes Cypher, every statement the routes send is
a fixed text with parameters. Inputs are bounded (lengths, limits, offsets) and every list is paged.
"""

from __future__ import annotations

import inspect
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import networkx as nx
from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi import Query as Q
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response
from pydantic import BaseModel, Field

from industriegraph.analysis.queries import Query as QueryModule
from industriegraph.analysis.queries import QueryError, all_queries
from industriegraph.graph.facade import Graph, display_name, neighbour_key, neighbour_row
from industriegraph.graph.search import MAX_QUERY, SEARCH_LABELS, search
from industriegraph.model.schema import NODE_BY_LABEL, NODES, RADIUS, STATUS
from industriegraph.web.network import full_network

router = APIRouter(prefix="/api")

MAX_TEXT = 200  # characters of any free-text parameter
MAX_SEARCH = 100  # hits per page
MAX_NEIGHBOURS = 1000
MAX_EGO = 1000  # nodes of an ego network
MAX_ROWS = 1000  # rows per page of a query result
MAX_OFFSET = 1_000_000
MAX_TOP = 100  # peers in a match answer
MAX_GROUP = 50  # peer-group size bound
RECENT = 2048  # node and query answers kept in memory

RDF_MEDIA = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
RdfFormat = Literal["turtle", "jsonld", "ntriples", "rdfxml"]
SearchLabel = Literal[SEARCH_LABELS]  # type: ignore[valid-type]
Limit = Annotated[int, Q(ge=1, le=MAX_ROWS, description=f"Rows per page (1..{MAX_ROWS}).")]
Offset = Annotated[int, Q(ge=0, le=MAX_OFFSET, description="Rows to skip (paging).")]
NodeId = Annotated[
    str, PathParam(max_length=MAX_TEXT, description="Node id, e.g. `org:ihk-aachen` (see `/api/search`).")
]
TextParam = Annotated[str | None, Q(max_length=MAX_TEXT)]


class Cache:
    """Answers that never change while the app runs (the graph is read-only): stats, the networkx view
    (``get``), and the most recent node and query answers (``recent``, bounded)."""

    def __init__(self, recent_size: int = RECENT) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}
        self._key_locks: dict[str, threading.Lock] = {}
        self._recent: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._recent_size = recent_size

    def recent(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The answer for ``key`` if it was asked lately, else computed (and kept, dropping the oldest).
        Two requests for the same new key may both compute it; the answers are identical."""
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
        value = compute()
        with self._lock:
            self._recent[key] = value
            while len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)
        return value

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        """The cached value, computed once even when many requests ask at the same time."""
        with self._lock:
            if key in self._values:
                return self._values[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = compute()
            with self._lock:
                self._values[key] = value
            return value


def graph_of(request: Request) -> Graph:
    return request.app.state.graph


def cache_of(request: Request) -> Cache:
    return request.app.state.cache


def not_found(message: str) -> HTTPException:
    return HTTPException(status_code=404, detail=message)


def bad_input(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


# -- response models ----------------------------------------------------------------------------
class ErrorOut(BaseModel):
    detail: str = Field(description="What was wrong and what would be accepted.")


NOT_FOUND = {404: {"model": ErrorOut, "description": "Unknown id or name."}}


class SearchHitOut(BaseModel):
    id: str = Field(description="Node id.")
    label: str = Field(description="Node label (Initiative, Organization, …).")
    name: str = Field(description="Display name.")
    snippet: str = Field(description="Text around the first match, or the name.")
    score: float = Field(description="Relevance (name match plus German BM25 over the texts).")
    matched: list[str] = Field(description="Words of the texts that matched, as written.")


class SearchOut(BaseModel):
    query: str
    label: str | None
    total: int = Field(description="Hits in all pages.")
    limit: int
    offset: int
    hits: list[SearchHitOut]


class EvidenceOut(BaseModel):
    evidence: str = Field(description="`file:line` as stored.")
    file: str
    line: int | None
    quote: str | None = Field(description="The source line as it stands in data/sources/ (None if not found).")


class ValueOut(BaseModel):
    property: str = Field(description="Property name as in the schema.")
    value: Any = Field(description="The value (one item of a list property).")
    kept: bool = Field(description="False for a value another document states that the node does not hold.")
    node_evidence: bool = Field(description="True when no line is known for the value itself: the node's evidence.")
    evidence: list[EvidenceOut]


class NeighbourOut(BaseModel):
    type: str = Field(description="Relationship type.")
    direction: Literal["out", "in"] = Field(description="out: this node -> other; in: other -> this node.")
    id: str
    label: str
    name: str
    properties: dict[str, Any] = Field(description="Relationship properties (role, raw wording, evidence, …).")


class NodeOut(BaseModel):
    id: str
    label: str
    name: str
    properties: dict[str, Any] = Field(description="Node properties except id, evidence and statements.")
    evidence: list[EvidenceOut]
    values: list[ValueOut] = Field(description="Every property value with the lines that state it, quoted.")
    neighbours_total: int
    limit: int
    offset: int
    neighbours: list[NeighbourOut]


class EgoNodeOut(BaseModel):
    id: str
    label: str
    name: str
    depth: int = Field(description="Hops from the centre.")
    degree: int = Field(description="Relationships of the node in the whole graph.")
    properties: dict[str, Any]


class EgoLinkOut(BaseModel):
    source: str
    target: str
    type: str
    properties: dict[str, Any]


class EgoOut(BaseModel):
    center: str
    depth: int
    truncated: bool = Field(description="True when the limit cut nodes off.")
    nodes: list[EgoNodeOut]
    links: list[EgoLinkOut]


class ParamOut(BaseModel):
    name: str
    type: str
    default: Any
    description: str
    choices: list[Any] | None = None


class QueryInfoOut(BaseModel):
    name: str
    description: str
    parameters: list[ParamOut]
    columns: list[str]
    cypher: dict[str, str]
    url: str = Field(description="Where to run it.")


class QueryResultOut(BaseModel):
    name: str
    parameters: dict[str, Any] = Field(description="The parameters as given (before defaults).")
    columns: list[str]
    total: int
    limit: int
    offset: int
    rows: list[dict[str, Any]]


class Ref(BaseModel):
    id: str
    name: str
    status: str | None = None


class ScorePartOut(BaseModel):
    component: str = Field(description="Component code (topics, text, members, …).")
    label: str = Field(description="German name of the component.")
    value: float = Field(description="The component's value, 0..1.")
    weight: float
    contribution: float = Field(description="value × weight; the parts add up to the score.")


class ScoreExplainedOut(BaseModel):
    scale: str = Field(description="What the score means, in German.")
    max: float | None = Field(default=None, description="Highest possible score with these weights.")
    parts: list[ScorePartOut]


class PeerOut(BaseModel):
    initiative: Ref
    score: float
    reasons: list[str] = Field(description="Why, in German (one sentence per reason).")
    reasonCodes: list[dict[str, Any]] = Field(
        description="The same reasons machine-readable: `code` (shared-topics, similar-goals, same-region, …) "
        "and its values."
    )
    scoreExplained: ScoreExplainedOut
    alreadyConnected: list[dict[str, Any]]
    components: dict[str, float]


class MatchOut(BaseModel):
    initiative: Ref
    peers: list[PeerOut]


class GroupMemberOut(BaseModel):
    id: str
    name: str
    why: str = Field(description="Why this initiative is in the group (or gives the input), in German.")
    status: str | None = None


class PeerGroupOut(BaseModel):
    theme: str
    themeTopic: str | None
    inputFrom: GroupMemberOut = Field(description="Who gives the input at the meeting.")
    cohesion: float = Field(description="Mean pairwise similarity within the group.")
    cohesionExplained: ScoreExplainedOut | None = None
    alreadyConnected: list[dict[str, Any]] = Field(
        default_factory=list, description="Pairs of the group that already know each other, and how."
    )
    initiatives: list[GroupMemberOut]


class PeerGroupsOut(BaseModel):
    mode: str
    sizeMin: int
    sizeMax: int
    groups: list[PeerGroupOut]


class StatsOut(BaseModel):
    nodes: dict[str, int] = Field(description="Nodes per label.")
    relationships: dict[str, int] = Field(description="Relationships per type.")


# -- search and stats ---------------------------------------------------------------------------
@router.get("/search", response_model=SearchOut, tags=["search"])
def search_entities(
    request: Request,
    q: Annotated[
        str, Q(min_length=1, max_length=MAX_QUERY, description="Words to find: a name, acronym or topic word.")
    ],
    label: Annotated[SearchLabel | None, Q(description="Only nodes of this label.")] = None,
    limit: Annotated[int, Q(ge=1, le=MAX_SEARCH, description=f"Hits per page (1..{MAX_SEARCH}).")] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Search initiatives, organisations, people, strategies, measures, objectives, events, topics and states
    by name, alias and text (German-tolerant: inflections, umlaut spellings, compounds)."""
    try:
        result = search(graph_of(request), q, label=label, limit=limit, offset=offset)
    except ValueError as exc:
        raise bad_input(str(exc)) from None
    return {
        "query": q,
        "label": label,
        "total": result.total,
        "limit": limit,
        "offset": offset,
        "hits": [h.as_dict() for h in result.hits],
    }


def _stats(graph: Graph) -> dict[str, dict[str, int]]:
    counts = graph.stats()
    labels = {n.label for n in NODES}
    return {
        "nodes": {k: v for k, v in counts.items() if k in labels},
        "relationships": {k: v for k, v in sorted(counts.items()) if k not in labels},
    }


@router.get("/stats", response_model=StatsOut, tags=["graph"])
def stats(request: Request) -> dict[str, Any]:
    """Number of nodes per label and relationships per type."""
    graph = graph_of(request)
    return cache_of(request).get("stats", lambda: _stats(graph))


# -- nodes ----------------------------------------------------------------------------------------
LABEL_BY_PREFIX = {n.prefix: n.label for n in NODES}
# The label comes from the schema (the id's prefix), never from the request; the id is a parameter. Matching
# one label uses its primary-key index instead of scanning every node table (4x faster on Ladybug).
GET_CYPHER = {n.label: f"MATCH (n:{n.label}) WHERE n.id = $id RETURN n" for n in NODES}
OUT_CYPHER = {n.label: f"MATCH (a:{n.label})-[r]->(b) WHERE a.id = $id RETURN r, b AS other" for n in NODES}
IN_CYPHER = {n.label: f"MATCH (b)-[r]->(a:{n.label}) WHERE a.id = $id RETURN r, b AS other" for n in NODES}


def fetch_node(graph: Graph, node_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The node and its relationships in both directions (as ``Graph.get`` and ``Graph.neighbours``)."""
    label = LABEL_BY_PREFIX.get(node_id.partition(":")[0])
    if label is None:
        node = graph.get(node_id)
        return node, (graph.neighbours(node_id) if node else [])
    rows = graph.cypher(GET_CYPHER[label], id=node_id)
    if not rows:
        return None, []
    out = graph.cypher(OUT_CYPHER[label], id=node_id)
    inc = graph.cypher(IN_CYPHER[label], id=node_id)
    rels = [{"direction": "out", **x} for x in out] + [{"direction": "in", **x} for x in inc]
    rels.sort(key=neighbour_key)
    return rows[0]["n"], rels


def node_payload(request: Request, node_id: str, label: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A node with its quoted evidence and a page of its neighbours; 404 if unknown or of another label."""
    graph = graph_of(request)
    node, neighbours = cache_of(request).recent(("node", node_id), lambda: fetch_node(graph, node_id))
    if node is None or (label is not None and node["_label"] != label):
        what = label or "node"
        raise not_found(f"no {what} with id {node_id!r}; find ids with /api/search?q=…")
    page = neighbours[offset : offset + limit]
    # the quoted lines (a file read and a lookup per evidence string) are kept with the node: the graph and the
    # sources do not change while the app runs
    evidence, values = cache_of(request).recent(
        ("node-evidence", node_id), lambda: (graph.evidence(node.get("evidence")), graph.value_evidence(node))
    )
    return {
        "id": node["id"],
        "label": node["_label"],
        "name": display_name(node),
        "properties": {k: v for k, v in node.items() if k not in ("id", "_label", "evidence", "statements")},
        "evidence": evidence,
        "values": values,
        "neighbours_total": len(neighbours),
        "limit": limit,
        "offset": offset,
        "neighbours": [neighbour_row(x) for x in page],
    }


NeighbourLimit = Annotated[int, Q(ge=1, le=MAX_NEIGHBOURS, description=f"Neighbours per page (1..{MAX_NEIGHBOURS}).")]


def _networkx(request: Request) -> nx.MultiDiGraph:
    """The whole graph as networkx (``Graph.to_networkx``), built once per app and shared with the pages."""
    graph = graph_of(request)
    return cache_of(request).get("networkx", lambda: full_network(graph))


def ego_payload(graph: Graph, g: nx.MultiDiGraph, center: str, depth: int, limit: int) -> dict[str, Any]:
    """``Graph.ego`` as the API answers it: nodes nearer and better connected first, with their hops from the
    centre and their degree in the whole graph ``g``, and every relationship among them."""
    ego = graph.ego(center, depth, limit, view=g)
    hops = ego.graph["depth"]
    nodes = []
    for n in sorted(hops, key=lambda n: (hops[n], -g.degree(n), n)):
        attrs = ego.nodes[n]
        props = {k: v for k, v in attrs.items() if not k.startswith("_") and k not in ("type", "evidence")}
        nodes.append(
            {
                "id": n,
                "label": attrs["type"],
                "name": display_name({"_label": attrs["type"], "id": n, **props}),
                "depth": hops[n],
                "degree": g.degree(n),
                "properties": props,
            }
        )
    links = sorted(
        (
            {"source": u, "target": v, "type": d["type"], "properties": {k: x for k, x in d.items() if k != "type"}}
            for u, v, d in ego.edges(data=True)
        ),
        key=lambda x: (x["source"], x["type"], x["target"], json.dumps(x["properties"], sort_keys=True, default=str)),
    )
    return {"center": center, "depth": depth, "truncated": ego.graph["truncated"], "nodes": nodes, "links": links}


@router.get("/nodes/{node_id}/ego", response_model=EgoOut, tags=["graph"], responses=NOT_FOUND)
def ego(
    request: Request,
    node_id: NodeId,
    depth: Annotated[int, Q(ge=1, le=2, description="Hops from the node (1 or 2).")] = 1,
    limit: Annotated[int, Q(ge=1, le=MAX_EGO, description=f"Most nodes returned (1..{MAX_EGO}).")] = 200,
) -> dict[str, Any]:
    """The ego network of any node as nodes and links (for drawing)."""
    g = _networkx(request)
    if node_id not in g:
        raise not_found(f"no node with id {node_id!r}; find ids with /api/search?q=…")
    return ego_payload(graph_of(request), g, node_id, depth, limit)


@router.get("/nodes/{node_id}", response_model=NodeOut, tags=["graph"], responses=NOT_FOUND)
def node(request: Request, node_id: NodeId, limit: NeighbourLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Any node: properties, evidence with the quoted source line, neighbours (paged)."""
    return node_payload(request, node_id, None, limit, offset)


def _typed_route(label: str, path: str) -> None:
    prefix = NODE_BY_LABEL[label].prefix

    def typed(request: Request, node_id: NodeId, limit: NeighbourLimit = 100, offset: Offset = 0) -> dict[str, Any]:
        full = node_id if ":" in node_id else f"{prefix}:{node_id}"
        return node_payload(request, full, label, limit, offset)

    typed.__name__ = f"get_{path}"
    typed.__doc__ = (
        f"One {label} by id (`{prefix}:…`, or just the part after `{prefix}:`): properties, evidence with the "
        f"quoted source line, neighbours (paged). 404 for an unknown id or a node of another label."
    )
    router.add_api_route(
        f"/{path}/{{node_id}}", typed, methods=["GET"], response_model=NodeOut, tags=["entities"], responses=NOT_FOUND
    )


for _label, _path in (
    ("Initiative", "initiatives"),
    ("Organization", "organizations"),
    ("Person", "people"),
    ("Strategy", "strategies"),
    ("Measure", "measures"),
):
    _typed_route(_label, _path)


# -- query modules --------------------------------------------------------------------------------
PAGING = ("limit", "offset")
OUTPUT = ("format",)
QueryFormat = Annotated[
    Literal["json", "csv"],
    Q(description="json (default) or csv: the page of rows as CSV (UTF-8, comma, lists joined with '; ')."),
]


def rows_csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    """Rows as CSV: one column per declared column, lists joined with '; ', nested values as JSON."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c)
            if isinstance(v, list | tuple):
                v = "; ".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else str(x) for x in v)
            elif isinstance(v, dict):
                v = json.dumps(v, ensure_ascii=False, sort_keys=True)
            cells.append("" if v is None else v)
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def _describe(q: QueryModule) -> dict[str, Any]:
    d = q.describe()
    return {**d, "url": f"/api/queries/{q.name}"}


@router.get("/queries", response_model=list[QueryInfoOut], tags=["queries"])
def list_queries() -> list[dict[str, Any]]:
    """Every analyst query module with its description, parameters (type, default, choices), columns and Cypher."""
    return [_describe(q) for q in all_queries()]


def _param_annotation(p) -> Any:
    if p.choices:
        base: Any = Literal[tuple(p.choices)]  # type: ignore[valid-type]
        doc = f"{p.doc} One of: {', '.join(map(repr, p.choices))}."
        kwargs: dict[str, Any] = {}
    elif p.type is str:
        base, doc, kwargs = str, p.doc, {"max_length": MAX_TEXT}
    else:
        base, doc, kwargs = p.type, p.doc, {}
    if p.default not in (None, ""):
        doc += f" Default: {p.default!r}."
    return Annotated[base | None, Q(alias=p.name, description=doc, **kwargs)]


def run_query(
    request: Request, q: QueryModule, given: dict[str, Any], limit: int, offset: int, format: str = "json"
) -> Any:
    """Run a module with the given parameters, coerced and checked by its own Param declarations."""
    declared = {p.name for p in q.parameters}
    allowed = declared | set(PAGING) | set(OUTPUT)
    keys = [k for k, _ in request.query_params.multi_items()]
    unknown = sorted(set(keys) - allowed)
    if unknown:
        raise bad_input(f"{q.name}: unknown parameter(s) {', '.join(unknown)}; accepted: {', '.join(sorted(allowed))}")
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise bad_input(f"{q.name}: parameter(s) given more than once: {', '.join(repeated)}")
    params = {k: v for k, v in given.items() if v is not None}
    if "limit" in declared:  # a module's own row cap and the page size are the same wish
        params["limit"] = limit
    graph = graph_of(request)
    try:
        key = ("query", q.name, json.dumps(params, sort_keys=True, default=str))
        rows = cache_of(request).recent(key, lambda: q.execute(graph, **params))
    except QueryError as exc:
        raise bad_input(str(exc)) from None
    page = jsonable_encoder(rows[offset : offset + limit])
    if format == "csv":
        return Response(
            rows_csv(list(q.columns), page),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{q.name}.csv"'},
        )
    return {
        "name": q.name,
        "parameters": jsonable_encoder(params),
        "columns": list(q.columns),
        "total": len(rows),
        "limit": limit,
        "offset": offset,
        "rows": page,
    }


def _query_route(q: QueryModule) -> None:
    module_params = [p for p in q.parameters if p.name not in PAGING]
    names = {p.name: f"p_{i}" for i, p in enumerate(module_params)}  # Python names; the aliases are the real ones

    def endpoint(
        request: Request, limit: Limit = 100, offset: Offset = 0, format: QueryFormat = "json", **kwargs: Any
    ) -> Any:
        given = {p.name: kwargs.get(names[p.name]) for p in module_params}
        return run_query(request, q, given, limit, offset, format)

    sig = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
        inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, default=100, annotation=Limit),
        inspect.Parameter("offset", inspect.Parameter.KEYWORD_ONLY, default=0, annotation=Offset),
        inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, default="json", annotation=QueryFormat),
    ]
    for p in module_params:
        sig.append(
            inspect.Parameter(
                names[p.name], inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_param_annotation(p)
            )
        )
    endpoint.__signature__ = inspect.Signature(sig)  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{q.name.replace('-', '_')}"
    limit_note = " `limit` is also the module's own row cap." if any(p.name == "limit" for p in q.parameters) else ""
    router.add_api_route(
        f"/queries/{q.name}",
        endpoint,
        methods=["GET"],
        response_model=QueryResultOut,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
        tags=["queries"],
        summary=f"Query: {q.name}",
        description=f"{q.description}\n\nColumns: {', '.join(q.columns)}. Results are paged "
        f"(limit ≤ {MAX_ROWS}).{limit_note} Bad parameters answer 422 with the module's message.",
    )


for _q in all_queries():
    _query_route(_q)


@router.get("/queries/{name}", response_model=QueryResultOut, tags=["queries"], responses=NOT_FOUND)
def unknown_query(name: Annotated[str, PathParam(max_length=MAX_TEXT)]) -> dict[str, Any]:
    """Any other name: 404 with the list of modules (each module has its own route above)."""
    names = ", ".join(q.name for q in all_queries())
    raise not_found(f"unknown query {name!r}; available: {names}")


# -- matchmaking ----------------------------------------------------------------------------------
StateList = Annotated[
    list[Annotated[str, Field(max_length=MAX_TEXT)]] | None,
    Q(max_length=20, description="German state name or ISO code (DE-HH, HH); repeatable."),
]


@router.get("/match/{initiative}", response_model=MatchOut, tags=["matchmaking"], responses=NOT_FOUND)
def match(
    request: Request,
    initiative: Annotated[str, PathParam(max_length=MAX_TEXT, description="Initiative id, name or alias.")],
    top: Annotated[int, Q(ge=1, le=MAX_TOP, description=f"How many peers (1..{MAX_TOP}).")] = 5,
    state: StateList = None,
    exclude_state: StateList = None,
    topic: Annotated[
        str | None, Q(max_length=MAX_TEXT, description="Only peers with this topic (id or label).")
    ] = None,
    radius: Annotated[Literal[RADIUS] | None, Q(description="Only peers of this Aktionsradius.")] = None,  # type: ignore[valid-type]
    status: Annotated[Literal[STATUS] | None, Q(description="Only active or ended peers.")] = None,  # type: ignore[valid-type]
) -> dict[str, Any]:
    """Who should meet this initiative: ranked peers with score, reasons and existing connections."""
    from industriegraph.analysis.match import UnknownInitiative, features, resolve

    graph = graph_of(request)
    filters = {"state": state, "exclude_state": exclude_state, "topic": topic, "radius": radius, "status": status}
    f = features(graph)
    try:
        row = resolve(f, initiative)
        chosen = {k: v for k, v in filters.items() if v}
        key = ("match", f.ids[row], top, json.dumps(chosen, sort_keys=True))
        peers = cache_of(request).recent(key, lambda: graph.match(f.ids[row], top=top, **chosen))
    except UnknownInitiative as exc:
        raise not_found(str(exc)) from None
    except ValueError as exc:
        raise bad_input(str(exc)) from None
    return {"initiative": {"id": f.ids[row], "name": f.names[row]}, "peers": peers}


@router.get("/peer-groups", response_model=PeerGroupsOut, tags=["matchmaking"])
def peer_groups(
    request: Request,
    topic: Annotated[str | None, Q(max_length=MAX_TEXT, description="Only initiatives with this topic.")] = None,
    state: StateList = None,
    size_min: Annotated[int, Q(ge=1, le=MAX_GROUP, description="Smallest group size.")] = 3,
    size_max: Annotated[int, Q(ge=1, le=MAX_GROUP, description="Largest group size.")] = 6,
    mode: Annotated[
        Literal["similar", "mixed"], Q(description="similar: alike initiatives meet; mixed: different ones.")
    ] = "similar",
    radius: Annotated[Literal[RADIUS] | None, Q(description="Only initiatives of this Aktionsradius.")] = None,  # type: ignore[valid-type]
    status: Annotated[Literal[STATUS] | None, Q(description="Only active or ended initiatives.")] = None,  # type: ignore[valid-type]
) -> dict[str, Any]:
    """Peer-meeting groups with a theme, who gives the input, and why each member is there."""
    filters = {k: v for k, v in {"radius": radius, "status": status}.items() if v}
    graph = graph_of(request)
    options = dict(topic=topic, state=state, size_min=size_min, size_max=size_max, mode=mode, **filters)
    try:  # a partition takes a noticeable fraction of a second: answers are kept like query results
        key = ("peer-groups", json.dumps(options, sort_keys=True))
        result = cache_of(request).recent(key, lambda: graph.peer_groups(**options))
    except ValueError as exc:
        raise bad_input(str(exc)) from None
    return {"sizeMin": size_min, "sizeMax": size_max, **jsonable_encoder(result)}


# -- downloads ------------------------------------------------------------------------------------
def _download(request: Request, name: str, media_type: str, write: Callable[[Path], Any]) -> Response:
    """The export file ``name``, produced on the first request and kept (``web.downloads``), sent from disk."""
    from fastapi.responses import FileResponse

    from industriegraph.web import downloads

    path = downloads.produce(request.app, name, write)
    return FileResponse(path, media_type=media_type, filename=name)


def write_json_export(graph: Graph, path: Path) -> None:
    path.write_bytes(json.dumps(graph.node_link(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def write_gexf_export(graph: Graph, path: Path) -> None:
    from industriegraph.analysis.export.gexf import write_gexf

    write_gexf(graph.node_link(), path)


@router.get(
    "/export/json",
    tags=["downloads"],
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "Node-link JSON of the whole graph."}},
)
def export_json(request: Request) -> Response:
    """The whole graph as node-link JSON (nodes with label and properties, links with type and properties)."""
    graph = graph_of(request)
    return _download(request, "industriegraph.json", "application/json", lambda p: write_json_export(graph, p))


@router.get(
    "/export/gexf",
    tags=["downloads"],
    response_class=Response,
    responses={200: {"content": {"application/gexf+xml": {}}, "description": "GEXF 1.2 for Gephi."}},
)
def export_gexf(request: Request) -> Response:
    """The whole graph as GEXF for Gephi (label = display name, type = node label, properties as attributes)."""
    graph = graph_of(request)
    return _download(request, "industriegraph.gexf", "application/gexf+xml", lambda p: write_gexf_export(graph, p))


@router.get(
    "/export/rdf",
    tags=["downloads"],
    response_class=Response,
    responses={
        200: {"content": {m: {} for m in RDF_MEDIA.values()}, "description": "RDF with a DCAT-AP.de description."}
    },
)
def export_rdf(
    request: Request,
    format: Annotated[RdfFormat, Q(description="Serialisation: turtle, jsonld, ntriples or rdfxml.")] = "turtle",
) -> Response:
    """The whole graph as RDF (W3C ORG, SKOS, PROV, Dublin Core) with its DCAT-AP.de 3.0 dataset description."""
    from industriegraph.analysis.export.rdf import FORMATS
    from industriegraph.analysis.export.rdf import export_rdf as write_rdf

    graph = graph_of(request)
    name = f"industriegraph.{FORMATS[format]}"
    return _download(request, name, RDF_MEDIA[format], lambda p: write_rdf(graph, p, format))
