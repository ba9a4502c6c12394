"""The explorer's web application: JSON API under ``/api``, server-rendered pages, static files.

``create_app`` opens the graph read-only once and shares it with every request as
``request.app.state.graph`` (a ``Graph`` whose store is guarded by a lock, see ``LockedStore``).
Pages and API routes call the same core functions the CLI calls; nothing here writes to the graph.
"""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers

from industriegraph.graph.facade import Graph
from industriegraph.store.base import Store, default_db_path, is_neo4j_uri, open_store

MAX_URL_QUERY = 2048  # characters of query string; longer requests are refused before any work
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class LockedStore:
    """A read-only store whose calls run one at a time.

    Why: a Ladybug connection must not run queries from several threads at once, and the server
    answers requests from a thread pool. Measured with ``benchmarks/serve_bench.py``, one
    connection behind a lock is as fast as one connection per thread (the engine serialises
    small reads anyway) and needs no per-thread bookkeeping; the costly answers (search index,
    match features, exports) are cached above the store so the lock is held only for short reads.
    """

    def __init__(self, store: Store):
        self._store = store
        self._lock = threading.RLock()
        self.dialect = store.dialect
        self.path = getattr(store, "path", None)  # the Graph finds the build's derived data beside it

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return self._store.cypher(text, params)

    def arrow(self, text: str, params: dict[str, Any] | None = None) -> Any:
        with self._lock:
            arrow = getattr(self._store, "arrow", None)
            if arrow is None:
                import pyarrow as pa

                return pa.Table.from_pylist(self._store.cypher(text, params))
            return arrow(text, params or {})

    def create_schema(self) -> None:
        raise PermissionError("the explorer opens the graph read-only")

    def write(self, data: Any) -> None:
        raise PermissionError("the explorer opens the graph read-only")

    def close(self) -> None:
        with self._lock:
            self._store.close()


class RefuseOversized:
    """Refuse overlong query strings and request bodies before any work is done (a plain ASGI middleware:
    Starlette's ``@app.middleware("http")`` costs a task and a stream per request)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            problem = None
            if len(scope.get("query_string", b"")) > MAX_URL_QUERY:
                problem = (414, f"query string longer than {MAX_URL_QUERY} characters")
            elif scope["path"].startswith("/api/") and scope["method"] not in BODY_METHODS:
                headers = Headers(scope=scope)
                length = headers.get("content-length")
                if (length and length.strip() not in ("", "0")) or headers.get("transfer-encoding"):
                    problem = (413, "request bodies are not accepted")
            if problem is not None:
                await JSONResponse({"detail": problem[1]}, status_code=problem[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)


def resolve_db(db: str | os.PathLike | None = None) -> str:
    """Database path from the argument, else ``INDUSTRIEGRAPH_DB``, else ./industriegraph.db."""
    return str(db) if db else str(default_db_path())


def open_shared_graph(db: str | os.PathLike | None = None) -> Graph:
    """The graph for the server: read-only, thread-safe; FileNotFoundError when no database was built."""
    target = resolve_db(db)
    if not is_neo4j_uri(target) and not Path(target).exists():
        raise FileNotFoundError(
            f"{target}: no graph database here; run `industriegraph build --db {target}` first "
            "(or `industriegraph serve --build`)"
        )
    return Graph(LockedStore(open_store(target, read_only=True)))


def create_app(db: str | os.PathLike | None = None, sources: str | os.PathLike | None = None) -> FastAPI:
    """The explorer app on the graph at ``db`` (default: $INDUSTRIEGRAPH_DB, else ./industriegraph.db); evidence is
    quoted from ``sources`` (default: data/sources of the checkout)."""
    from industriegraph.graph.search import index_for
    from industriegraph.pipeline.folders import default_sources
    from industriegraph.web import (
        apidocs,
        explore,
        labels,
        matchmaking,
        opendata,
        overview,
        pages,
        quotes,
        routes,
        tables,
    )

    labels.install(pages.templates.env)
    folder = Path(sources) if sources is not None else default_sources()
    quotes.install(pages.templates.env, folder)

    # Opened here, not in a lifespan handler: the graph belongs to the app object, which test clients start
    # and stop many times; it is closed with ``app.state.graph.close()`` or when the process ends.
    graph = open_shared_graph(db)
    app = FastAPI(
        title="industriegraph",
        summary="Read-only JSON API of the knowledge graph of Germany's regional industry initiatives.",
        description=(
            "Search, entities with their evidence (the quoted source line) and neighbours, ego networks, "
            "the analyst query modules, matchmaking and peer groups, and downloads (JSON, GEXF, RDF). "
            "Every endpoint is GET-only; results are capped and paged; bad input gets a 4xx answer "
            'with a JSON body `{"detail": ...}`.'
        ),
        version="1.0",
        docs_url=None,  # FastAPI's Swagger UI loads scripts from a CDN; ours (apidocs) works offline
        redoc_url=None,
    )
    app.state.graph = graph
    app.state.db = resolve_db(db)
    graph.sources = folder
    app.state.cache = routes.Cache()
    index_for(graph)  # build the search index now, not on the first visitor's request

    app.add_middleware(RefuseOversized)

    app.include_router(routes.router)
    apidocs.mount(app)
    app.include_router(matchmaking.router)
    app.include_router(explore.router)
    app.include_router(overview.router)
    app.include_router(opendata.router)
    app.include_router(pages.router)
    tables.install(app)
    opendata.install(app)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR, check_dir=False), name="static")
    return app


WARM_ENTITY_PAGES = 2000  # ``warm`` draws every entity page when the graph has at most this many
FULL_COLLECTION_AFTER = 1000  # collections of the middle generation between full ones, once warm (Python: 10)


def page_paths(app: FastAPI) -> list[str]:
    """Every HTML page without parameters, and one entity page of each kind (an initiative, its node page)."""
    from fastapi.responses import HTMLResponse
    from fastapi.routing import APIRoute

    def routes(items) -> list:
        out = []
        for r in items:
            inner = getattr(r, "original_router", None)  # an included router (FastAPI keeps it wrapped)
            out += routes(inner.routes) if inner is not None else [r]
        return out

    paths = sorted(
        {
            r.path
            for r in routes(app.routes)
            if isinstance(r, APIRoute)
            and "GET" in r.methods
            and "{" not in r.path
            and r.response_class is HTMLResponse
            and r.path != "/docs"
        }
    )
    first = app.state.graph.cypher("MATCH (i:Initiative) RETURN i.id AS id ORDER BY i.id LIMIT 1")
    if first:
        paths += [f"/initiative/{first[0]['id'].split(':', 1)[1]}", f"/knoten/{first[0]['id']}"]
    return paths


def warm(app: FastAPI, entities: bool = True) -> None:
    """Draw every page once (and so compute what the pages cache: the networks, the transfer suggestions, the
    compiled templates), so that no visitor waits for a first load: ``serve`` runs it in
    a background thread as the server starts. ``entities``: every entity page too, when the graph has at most
    ``WARM_ENTITY_PAGES`` of them (real graph, busy machine: 2 s CPU without them, 9.5 s with them), and then the
    downloads (files beside the database, ``web.downloads``)."""
    from fastapi.testclient import TestClient

    from industriegraph.web import pages
    from industriegraph.web.network import PAGE_PATHS, entity_path

    pages.warm(app)
    client = TestClient(app)
    try:
        for path in page_paths(app):
            client.get(path)
        # the entity pages (each with its ego network's layout, 20-300 ms): all of them on a graph of the real
        # graph's size, none on a large one (there they are drawn when asked, and kept)
        graph = app.state.graph
        ids = (
            []
            if not entities
            else [
                (r["id"], label)
                for label in PAGE_PATHS
                for r in graph.cypher(
                    f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id LIMIT {WARM_ENTITY_PAGES + 1}"
                )
            ]
        )
        if entities and len(ids) <= WARM_ENTITY_PAGES:
            for node_id, label in ids:
                client.get(entity_path(node_id, label))
            # the downloads, as files beside the database (web.downloads): the page then shows their sizes
            from industriegraph.web.pages import RDF_FORMATS

            exports = ["/api/export/json", "/api/export/gexf"]
            for url in exports + [f"/api/export/rdf?format={value}" for value, _ in RDF_FORMATS]:
                client.get(url)
    except Exception:  # best effort: a page that fails here fails (and is reported) when a visitor asks for it
        pass
    # What is cached now lives as long as the server: moved out of the collector's reach, a full collection no
    # longer walks those ~200,000 objects (80-140 ms each time, a stall every visitor then waiting shares)
    gc.freeze()
    # Python runs a full collection once the objects that outlived two younger ones reach a quarter of those the
    # last full one kept; with the cache frozen it keeps almost none, so at 1,000 requests/s a full collection ran
    # every ~0.5 s (4-9 ms, nothing found). Counted in younger collections, this spaces them out
    gc.set_threshold(*gc.get_threshold()[:2], FULL_COLLECTION_AFTER)


def create_warm_app(db: str | os.PathLike | None = None) -> FastAPI:
    """``create_app`` with every page drawn once (``warm``): what ``serve`` runs (uvicorn factory for benchmarks)."""
    app = create_app(db)
    warm(app)
    return app
