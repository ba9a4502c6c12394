"""``industriegraph serve``: the explorer (web pages and JSON API) on a local address."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer

from industriegraph.cli.common import DbOpt, SourcesOpt, app, err, fail
from industriegraph.store.base import is_neo4j_uri


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
    build: Annotated[
        bool, typer.Option("--build", help="Build the graph from the sources first if the database does not exist.")
    ] = False,
    sources: SourcesOpt = None,
) -> None:
    """Serve the explorer: pages for people, JSON API under /api (OpenAPI at /docs); read-only."""
    import uvicorn

    from industriegraph.web.app import create_app, resolve_db, warm

    target = resolve_db(db)
    if build and not is_neo4j_uri(target) and not Path(target).exists():
        from industriegraph.pipeline.build import build as build_graph
        from industriegraph.text.source import SourceError

        err.print(f"no graph at {target}; building it from the sources first")
        try:
            build_graph(sources, target)
        except SourceError as exc:
            raise fail(str(exc)) from None
    try:
        application = create_app(target, sources)  # evidence quotes come from the same folder
    except FileNotFoundError as exc:
        raise fail(str(exc), 2) from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Explorer: http://{shown}:{port}/")
    typer.echo(f"API: http://{shown}:{port}/api (OpenAPI: http://{shown}:{port}/docs); Ctrl+C stops.")
    # Draw every page once before the first visitor asks (networks, transfer suggestions, the downloads' exports,
    # templates), in the background so the server answers at once.
    threading.Thread(target=warm, args=(application,), name="warm-pages", daemon=True).start()
    uvicorn.run(application, host=host, port=port, log_level="warning")
