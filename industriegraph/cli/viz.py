"""``industriegraph viz``: the explorer's networks as standalone HTML files that work offline and by mail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from industriegraph.cli.common import DbOpt, app, console, fail, open_graph, progress_bar


@app.command("viz")
def viz_command(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the HTML files into (created if missing).")],
    db: DbOpt = None,
    egos: Annotated[
        int, typer.Option("--egos", min=0, max=50, help="Number of ego networks (initiatives with most members).")
    ] = 5,
) -> None:
    """Write the networks as standalone HTML files (offline, one file each, to mail around) plus an index.html;
    a network of more than 1,000 nodes is drawn as its best-connected 1,000 (the file says what was left out)."""
    from industriegraph.web.network import write_networks  # imported here: the command line starts quickly

    with open_graph(db) as graph, progress_bar(f"drawing networks into {out}") as step:
        try:
            written = write_networks(graph, out, egos, step)
        except OSError as exc:
            raise fail(f"{out}: {exc}") from None
    for w in written:
        console.print(f"{out / w['file']}  {w['nodes']} nodes, {w['edges']} edges", highlight=False)
    console.print(f"{out / 'index.html'}", highlight=False)
