"""Open data: the downloads page with licence, sizes and dates; entity URLs that answer RDF when asked
(``Accept: text/turtle`` or ``application/ld+json``); a read-only SPARQL endpoint over the RDF export.

SPARQL: the RDF export (``analysis.export.rdf.export_triples``) is loaded once per served graph into an in-memory
pyoxigraph ``Store``. Only queries run (SELECT, ASK, CONSTRUCT, DESCRIBE; ``Store.query`` cannot update, and other
forms are refused before parsing). Each query runs in its own daemon thread and the answer is given up after
``TIME_LIMIT`` seconds; at most ``WORKERS`` queries run at once. A thread cannot be stopped: a query that timed
out stops at the next result row it reads (streamed answers), or else holds its slot until it ends (aggregates),
so the bound keeps such queries from piling up, and being a daemon it never delays the server's shutdown.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from industriegraph.model.german import number
from industriegraph.web import network as viz
from industriegraph.web.pages import RDF_FORMATS, _cached, _graph, _render, pages

router = APIRouter(include_in_schema=False)

TIME_LIMIT = 10.0  # seconds per SPARQL query
WORKERS = 2
MAX_QUERY = 10_000  # characters of a SPARQL query
MAX_ROWS = 5_000
LICENCE = (
    "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
    "https://creativecommons.org/licenses/by/4.0/",
)
RDF_MEDIA = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/n-triples": "ntriples"}
_OX = {"turtle": "TURTLE", "jsonld": "JSON_LD", "ntriples": "N_TRIPLES"}
_FORM = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*(\w+)", re.IGNORECASE)
_COMMENT = re.compile(r"(?m)^\s*#.*$")
ALLOWED_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_BUSY = threading.BoundedSemaphore(WORKERS)


# -- downloads ---------------------------------------------------------------------------------------------


def human_size(n: int | None) -> str:
    if n is None:  # not produced yet: the page does not produce a download (web.downloads)
        return "wird beim ersten Abruf erzeugt"
    if n < 1024:
        return f"{number(n)} Byte"
    if n < 1024 * 1024:
        return f"{number(n / 1024, 1)} KB"
    return f"{number(n / 1024 / 1024, 1)} MB"


@router.get("/downloads", response_class=HTMLResponse)
@pages
def downloads(request: Request) -> HTMLResponse:
    from industriegraph.analysis.export.rdf import FORMATS
    from industriegraph.web.downloads import existing_size

    db = Path(getattr(request.app.state, "db", "") or "")
    built = datetime.fromtimestamp(db.stat().st_mtime, tz=UTC) if db.exists() else None
    stand = built.strftime("%d.%m.%Y, %H:%M UTC") if built else "unbekannt"

    files = [
        {
            "href": "/api/export/json",
            "name": "JSON (Knoten und Kanten)",
            "use": "Python, JavaScript, eigene Auswertungen",
            "size": human_size(existing_size(request.app, "industriegraph.json")),
        },
        {
            "href": "/api/export/gexf",
            "name": "GEXF",
            "use": "Gephi und andere Netzwerkwerkzeuge",
            "size": human_size(existing_size(request.app, "industriegraph.gexf")),
        },
    ]
    for value, name in RDF_FORMATS:
        files.append(
            {
                "href": f"/api/export/rdf?format={value}",
                "name": f"RDF: {name}",
                "use": "Linked Data, SPARQL; mit DCAT-AP.de-Beschreibung",
                "size": human_size(existing_size(request.app, f"industriegraph.{FORMATS[value]}")),
            }
        )
    return _render(request, "downloads.html", title="Downloads", files=files, stand=stand, licence=LICENCE)


# -- RDF of one entity (content negotiation) ---------------------------------------------------------------


def wanted_rdf(accept: str | None) -> str | None:
    """The RDF format an Accept header asks for before HTML (None: HTML wanted)."""
    best: tuple[float, str] | None = None
    for part in (accept or "").split(","):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        fmt = RDF_MEDIA.get(media.lower()) if media.lower() not in ("text/html", "application/xhtml+xml") else "html"
        if fmt and q > 0 and (best is None or q > best[0]):
            best = (q, fmt)
    return best[1] if best and best[1] != "html" else None


def entity_rdf(graph, node_id: str, fmt: str) -> bytes | None:
    """The node's triples and those of its relationships, serialised; None for an unknown id."""
    import pyoxigraph as ox

    from industriegraph.analysis.export.rdf import node_triples, rel_triples, role_triples, to_oxigraph
    from industriegraph.analysis.export.triples import Mapper
    from industriegraph.model.rdf import PREFIXES

    node = graph.get(node_id)
    if node is None:
        return None
    m = Mapper()
    m.sources = {r["file"]: m.node(r["id"]) for r in graph.cypher("MATCH (s:Source) RETURN s.id AS id, s.file AS file")}
    triples = list(node_triples(m, node))
    roles: set[str] = set()
    for r in graph.neighbours(node_id):
        src, dst = (node_id, r["other"]["id"]) if r["direction"] == "out" else (r["other"]["id"], node_id)
        triples.extend(rel_triples(m, src, dst, r["r"], roles))
    triples.extend(role_triples(m, roles))
    triples = list(dict.fromkeys(triples))
    return ox.serialize(to_oxigraph(triples), format=getattr(ox.RdfFormat, _OX[fmt]), prefixes=PREFIXES)


def _node_id_of(path: str) -> str | None:
    from urllib.parse import unquote

    from industriegraph.model.schema import NODE_BY_LABEL

    parts = path.strip("/").split("/", 1)
    if len(parts) != 2 or not parts[1]:
        return None
    page, slug = parts[0], unquote(parts[1])
    if page == "knoten":
        return slug
    for label, name in viz.PAGE_PATHS.items():
        if name == page:
            prefix = NODE_BY_LABEL[label].prefix
            return slug if slug.startswith(f"{prefix}:") else f"{prefix}:{slug}"
    return None


def install(app: FastAPI) -> None:
    """Answer entity URLs with RDF when the Accept header asks for Turtle, JSON-LD or N-Triples."""
    app.add_middleware(NegotiateMiddleware)


class NegotiateMiddleware:
    """``install``'s middleware, plain ASGI (Starlette's ``@app.middleware("http")`` costs a task and a stream
    per request, and this one looks at every request)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import Headers

        fmt = wanted_rdf(Headers(scope=scope).get("accept"))
        node_id = _node_id_of(scope["path"]) if fmt else None
        if node_id is None:
            await self.app(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        body = await run_in_threadpool(entity_rdf, scope["app"].state.graph, node_id, fmt)
        if body is None:
            response = Response(f"Kein Eintrag mit der Kennung {node_id}.\n", status_code=404, media_type="text/plain")
        else:
            media = {v: k for k, v in RDF_MEDIA.items()}[fmt]
            response = Response(body, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"})
        await response(scope, receive, send)


# -- SPARQL ------------------------------------------------------------------------------------------------


class SparqlError(ValueError):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def store_of(request: Request):
    """The RDF export in an in-memory pyoxigraph Store, loaded once per app (per served graph)."""

    def build():
        import pyoxigraph as ox

        from industriegraph.analysis.export.rdf import export_triples, to_oxigraph

        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in to_oxigraph(export_triples(_graph(request))))
        return store

    return _cached(request, "sparql-store", build)


def query_form(text: str) -> str:
    m = _FORM.match(_COMMENT.sub("", text))
    return m.group(1).upper() if m else ""


def run_sparql(store, text: str, limit: float | None = None) -> dict[str, Any]:
    """Run a read-only query with a time limit: {"form", "columns", "rows"} (SELECT), {"form", "boolean"} (ASK),
    {"form", "turtle"} (CONSTRUCT, DESCRIBE); SparqlError 400 (bad or not allowed), 503 (busy), 504 (too slow)."""
    limit = TIME_LIMIT if limit is None else limit
    if len(text) > MAX_QUERY:
        raise SparqlError(400, f"Die Abfrage ist länger als {MAX_QUERY} Zeichen.")
    form = query_form(text)
    if form not in ALLOWED_FORMS:
        raise SparqlError(400, f"Nur {', '.join(ALLOWED_FORMS)} sind erlaubt (gefunden: „{form or 'nichts'}“).")
    if not _BUSY.acquire(blocking=False):
        raise SparqlError(503, "Gerade laufen zu viele Abfragen; bitte gleich noch einmal versuchen.")

    answers: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            answers.put((True, _evaluate(store, text, form, time.monotonic() + limit)))
        except Exception as exc:  # pyoxigraph: SyntaxError for a malformed query, OSError for an evaluation error
            answers.put((False, exc))
        finally:
            _BUSY.release()

    threading.Thread(target=work, name="sparql-query", daemon=True).start()
    try:
        ok, value = answers.get(timeout=limit)
    except queue.Empty:
        raise SparqlError(
            504, f"Die Abfrage brauchte länger als {number(limit, 0)} Sekunden und wurde abgebrochen."
        ) from None
    if not ok:
        raise SparqlError(400, f"Die Abfrage ist fehlerhaft: {value}")
    return value


def _term(t) -> str:
    import pyoxigraph as ox

    if t is None:
        return ""
    if isinstance(t, ox.Literal | ox.NamedNode):
        return t.value
    return str(t)


def _evaluate(store, text: str, form: str, deadline: float) -> dict[str, Any]:
    import pyoxigraph as ox

    result = store.query(text)
    if form == "ASK":
        return {"form": form, "boolean": bool(result)}
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples = []
        for t in result:
            triples.append(t)
            if len(triples) >= MAX_ROWS * 10 or time.monotonic() > deadline:
                break
        return {"form": form, "turtle": ox.serialize(triples, format=ox.RdfFormat.TURTLE).decode("utf-8")}
    columns = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append([_term(solution[c]) for c in columns])
        if len(rows) >= MAX_ROWS or time.monotonic() > deadline:
            break
    return {"form": form, "columns": columns, "rows": rows, "truncated": len(rows) >= MAX_ROWS}


@router.get("/sparql", response_class=HTMLResponse)
@pages
def sparql_page(request: Request, query: str | None = None, beispiel: str | None = None) -> HTMLResponse:
    from industriegraph.analysis.export.rdf import sparql_queries

    samples = sparql_queries()
    text = (query or "").strip()
    if not text and beispiel in samples:
        text = samples[beispiel]
    answer, error, status = None, None, 200
    if text:
        try:
            answer = run_sparql(store_of(request), text)
        except SparqlError as exc:
            error, status = str(exc), exc.status
    return _render(
        request,
        "sparql.html",
        status=status,
        title="SPARQL-Abfragen",
        samples=samples,
        query=text,
        chosen=beispiel or "",
        answer=answer,
        error=error,
        limit=number(TIME_LIMIT, 0),
    )


@router.get("/api/sparql")
def sparql_api(request: Request, query: str) -> Response:
    """Read-only SPARQL 1.1 over the RDF export (SELECT, ASK: SPARQL JSON results; CONSTRUCT, DESCRIBE:
    Turtle). Each query has a time limit; other forms are refused with 400."""
    try:
        answer = run_sparql(store_of(request), query)
    except SparqlError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)
    if answer["form"] == "ASK":
        return JSONResponse({"head": {}, "boolean": answer["boolean"]}, media_type="application/sparql-results+json")
    if "turtle" in answer:
        return Response(answer["turtle"], media_type="text/turtle; charset=utf-8")
    bindings = [
        {c: {"type": "literal", "value": v} for c, v in zip(answer["columns"], row, strict=True) if v != ""}
        for row in answer["rows"]
    ]
    return JSONResponse(
        {"head": {"vars": answer["columns"]}, "results": {"bindings": bindings}},
        media_type="application/sparql-results+json",
    )
