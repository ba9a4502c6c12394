"""The explorer's web application: JSON API under ``/api``, server-rendered pages, static files.

``create_app`` opens the graph read-only once and shares it with every request as
``request.app.state.graph`` (a ``Graph`` whose store is guarded by a lock, see ``LockedStore``).
Pages and API routes call the same core functions the CLI calls; nothing here writes to the graph.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

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
    """The explorer app on the graph at ``db`` (default: $INDUSTRIEGRAPH_DB, else ./industriegraph.db), quoting
    evidence from ``sources`` (default: data/sources)."""
    from industriegraph.graph.search import index_for
    from industriegraph.pipeline.build import default_sources
    from industriegraph.web import apidocs, explore, labels, matchmaking, opendata, pages, quotes, routes, tables

    labels.install(pages.templates.env)
    sources = Path(sources) if sources else default_sources()
    quotes.install(pages.templates.env, sources)

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
    graph.sources = sources
    app.state.cache = routes.Cache()
    index_for(graph)  # build the search index now, not on the first visitor's request

    @app.middleware("http")
    async def refuse_oversized(request: Request, call_next):
        """Refuse overlong query strings and request bodies before any work is done."""
        if len(request.url.query) > MAX_URL_QUERY:
            return JSONResponse({"detail": f"query string longer than {MAX_URL_QUERY} characters"}, status_code=414)
        if request.url.path.startswith("/api/") and request.method not in BODY_METHODS:
            length = request.headers.get("content-length")
            if (length and length.strip() not in ("", "0")) or request.headers.get("transfer-encoding"):
                return JSONResponse({"detail": "request bodies are not accepted"}, status_code=413)
        return await call_next(request)

    app.include_router(routes.router)
    apidocs.mount(app)
    app.include_router(matchmaking.router)
    app.include_router(explore.router)
    app.include_router(opendata.router)
    app.include_router(pages.router)
    tables.install(app)
    opendata.install(app)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR, check_dir=False), name="static")
    return app
