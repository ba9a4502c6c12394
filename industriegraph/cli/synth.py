"""``industriegraph synth``: write a large synthetic graph for benchmarks (``industriegraph.pipeline.synth``)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from industriegraph.cli.common import app, console, fail, forget_pandas_if_own_process, progress_bar
from industriegraph.pipeline.proportions import DEFAULTS
from industriegraph.store.base import default_db_path, is_neo4j_uri


@app.command()
def synth(
    initiatives: Annotated[int, typer.Option(help="Number of initiatives.")] = DEFAULTS["initiatives"],
    organizations: Annotated[int, typer.Option(help="Number of organisations.")] = DEFAULTS["organizations"],
    memberships: Annotated[
        int, typer.Option(help="Number of MEMBER_OF relationships (heavy-tailed degrees).")
    ] = DEFAULTS["memberships"],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same graph.")] = 1,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Ladybug database path (default: $INDUSTRIEGRAPH_DB, else ./industriegraph.db)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Generate a realistic large graph in the proportions of the real one and write it into a fresh database,
    swapped in only when complete (replaces the graph at --db)."""
    from industriegraph.pipeline.synth import synth as run_synth

    target = str(db) if db else str(default_db_path())
    if is_neo4j_uri(target):
        raise fail("synth writes a Ladybug database; give a path with --db", 2)
    forget_pandas_if_own_process()
    try:
        with progress_bar("generating", quiet=as_json) as step:
            report = run_synth(target, initiatives, organizations, memberships, seed, progress=step)
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        return
    from rich.table import Table  # only for the table: `--json` and the other commands start without it

    table = Table(
        title=f"Synthetic graph {report.target}: {report.seconds:.2f} s (generate {report.generate_seconds:.2f} s, "
        f"write {report.write_seconds:.2f} s more, derive {report.derive_seconds:.2f} s)"
    )
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for k, v in report.counts.items():
        table.add_row(k, f"{v:,}")
    console.print(table)
