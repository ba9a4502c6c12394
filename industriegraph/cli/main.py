"""The ``industriegraph`` command: a thin layer that parses input, calls the core and formats output."""

from __future__ import annotations

import atexit
import copy
import gc
import json
import os
import sys
import threading
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from industriegraph.cli.common import (
    DbOpt,
    SourcesOpt,
    app,
    console,
    err,
    export_app,
    fail,
    forget_pandas_if_own_process,
    is_server_error,
    mark_own_process,
    open_graph,
    progress_bar,
)

# Heavy modules (networkx, pandas, fastapi, rdflib, pyoxigraph, rapidfuzz, ladybug, the loaders) are imported
# inside the commands that need them, so that every command starts quickly (tests/test_cli_start.py).


@app.command()
def build(
    db: DbOpt = None,
    neo4j: Annotated[
        str | None,
        typer.Option(
            "--neo4j",
            help="Build into Neo4j at this URI (bolt:// or neo4j://); "
            "user and password from --user/--password or NEO4J_USER/NEO4J_PASSWORD. Only when given: an exported "
            "NEO4J_URI (as `make neo4j` prints it) does not turn a plain `build` into a Neo4j build.",
        ),
    ] = None,
    user: Annotated[str | None, typer.Option(help="Neo4j user.", envvar="NEO4J_USER")] = None,
    password: Annotated[str | None, typer.Option(help="Neo4j password.", envvar="NEO4J_PASSWORD")] = None,
    sources: SourcesOpt = None,
    aliases: Annotated[
        Path | None,
        typer.Option(
            help="Judgement file: alias decisions and reviewed candidates (default: aliases.yaml beside the "
            "sources folder; see `review`)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse a text that no specialised loader recognises (default: the general reader reads it, "
            "with a warning naming the file), and a build in which a source loses more than half of its records "
            "or is read as another kind of document (default: a warning).",
        ),
    ] = False,
) -> None:
    """Build the graph from the source documents into a fresh database, swapped in only on success, and print
    per source what changed since the previous build."""
    from industriegraph.pipeline.build import build as build_graph

    target = db if db is not None else neo4j
    report = _run_build(
        lambda step: build_graph(
            sources, target, aliases=aliases, progress=step, user=user, password=password, strict=strict
        ),
        target,
        as_json,
    )
    if as_json:
        return
    from rich.table import Table  # only for the tables (~30 ms): before the build it delayed the build's start

    table = Table(title=f"Built {report.target} in {report.seconds:.2f} s")
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for k, v in report.counts.items():
        table.add_row(k, str(v))
    console.print(table)
    src = Table(title="Sources")
    for col in ("file", "kind", "records", "links", "findings"):
        src.add_column(col)
    for row in report.sources:
        src.add_row(*(str(row[c]) for c in ("file", "kind", "records", "links", "findings")))
    console.print(src)
    console.print(f"{report.findings} data-quality findings (see `industriegraph show` / the quality query).")
    _print_changes(report)


def _run_build(run, target, as_json: bool):
    """Run a build (``run(progress)``) with a progress bar unless JSON is asked for; print warnings, and the report
    as JSON when asked. A bad source or a refused change: exit 1, the previous graph stays."""
    from industriegraph.model.judgements import JudgementError
    from industriegraph.pipeline.changes import RefusedChange
    from industriegraph.text.source import SourceError

    forget_pandas_if_own_process()
    try:
        if as_json:
            report = run(None)
        else:
            # the build reads its texts in two processes (pipeline.forked): a bar redrawn at each step, no thread
            with progress_bar("reading sources", own_thread=False) as step:
                report = run(step)
    except (SourceError, JudgementError, RefusedChange) as exc:
        raise fail(f"{exc}\nThe existing graph was left untouched.") from None
    except Exception as exc:
        if is_server_error(exc):
            raise fail(f"{target}: {exc}\nThe existing graph was left untouched.") from None
        raise
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    return report


def _print_changes(report) -> None:
    from collections import Counter

    from rich.table import Table

    from industriegraph.pipeline.changes import counts

    if report.changes is None:
        return
    if not report.changes["previous"]:
        console.print("No previous build to compare with (no build manifest beside the database).")
        return
    rows = counts(report.changes)
    derived = report.changes.get("derived") or {}
    moved = [(what, derived.get(what) or []) for what in ("changed", "added", "removed")]
    if not rows and not any(members for _, members in moved):
        console.print("Changes since the previous build: none.")
        return
    if rows:
        table = Table(title="Changes since the previous build")
        for col in rows[0]:
            table.add_column(col, justify="left" if col in ("file", "status", "kind") else "right")
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        console.print(table)
    if derived.get("previous") and any(members for _, members in moved):
        parts = []
        for what, members in moved:
            per_dataset = Counter(m.split("/", 1)[0] for m in members)
            if per_dataset:
                parts.append(f"{what} " + ", ".join(f"{d} ({n})" for d, n in sorted(per_dataset.items())))
        console.print(
            f"Derived data, members per dataset: {'; '.join(parts)}; {derived['unchanged']} members unchanged "
            "(--json lists them)."
        )


@app.command()
def add(
    file: Annotated[Path, typer.Argument(help="The document to add (a text or a member list: .csv, .yaml, .xlsx …).")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary and change report as JSON.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse what `build --strict` refuses (the graph stays as it is).")
    ] = False,
) -> None:
    """Add one document to the graph: the graph's sources plus FILE, resolved together and swapped in atomically
    (the same result as a full build with FILE among the sources); prints what changed."""
    from industriegraph.pipeline.build import add as add_file

    report = _run_build(lambda step: add_file(file, db, progress=step, strict=strict), db, as_json)
    if as_json:
        return
    console.print(f"Added {file.name} to {report.target} in {report.seconds:.2f} s.")
    _print_changes(report)


@app.command()
def stats(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Count nodes per label and relationships per type."""
    with open_graph(db) as g:
        counts = g.stats()
    if as_json:
        print(json.dumps(counts, indent=1))
        return
    from rich.table import Table  # only for the table

    table = Table(title="industriegraph")
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for k, v in counts.items():
        table.add_row(k, str(v))
    console.print(table)


@app.command()
def show(
    name_or_id: Annotated[str, typer.Argument(help="Id (e.g. org:handelskammer-hamburg) or name, any spelling.")],
    db: DbOpt = None,
    sources: SourcesOpt = None,
    full: Annotated[
        bool, typer.Option("--full", help="Every property, evidence line and neighbour (default: a summary).")
    ] = False,
    top: Annotated[int, typer.Option("--top", help="Neighbours listed per relationship type in the summary.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (always complete).")] = False,
) -> None:
    """Show one entity: a summary (properties, evidence count, per-value evidence, relationships counted per type
    with the top neighbours); --full lists every evidence line with its quote and every neighbour."""
    from collections import Counter

    from industriegraph.graph.facade import display_name, neighbour_row

    with open_graph(db) as g:
        if sources:
            g.sources = sources
        found = g.find(name_or_id)
        if not found or "_score" in found[0]:
            hint = "; ".join(f"{display_name(n)} ({n['id']})" for n in found)
            raise fail(f"nothing named {name_or_id!r}." + (f" Closest candidates: {hint}" if hint else ""))
        node = found[0]
        neighbours = g.neighbours(node["id"])
        evidence = [{"evidence": e["evidence"], "quote": e["quote"]} for e in g.evidence(node.get("evidence"))]
        values = g.value_evidence(node)
    # in the summary, neighbours linked more than once (several roles, several documents) come first
    degree = Counter(x["other"]["id"] for x in neighbours)

    def clip(text: str, width: int = 100) -> str:
        text = " ".join(str(text).split())
        return text if full or len(text) <= width else text[: width - 1].rstrip() + "…"

    if as_json:
        print(
            json.dumps(
                {
                    "node": node,
                    "evidence": evidence,
                    "neighbours": [neighbour_row(x) for x in neighbours],
                    "values": values,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    console.print(f"[bold]{display_name(node)}[/bold]  [dim]{node['_label']} {node['id']}[/dim]")
    shown = "everything (--full)" if full else f"summary, top {top} per relationship type; --full for everything"
    console.print(f"[dim]shown: {shown}[/dim]")
    for k, v in node.items():
        if k not in ("id", "_label", "evidence", "statements") and v not in (None, [], ""):
            console.print(f"  [cyan]{k}[/cyan]: {clip(v, 160)}")
    if len(found) > 1:
        console.print(f"  [yellow]also matching:[/yellow] {', '.join(n['id'] for n in found[1:])}")
    console.print(f"[bold]Evidence[/bold] ({len(evidence)} lines)")
    for e in evidence if full else evidence[:2]:
        console.print(f"  {e['evidence']}: [italic]{clip(e['quote'] or '(line not found)')}[/italic]")
    if not full and len(evidence) > 2:
        console.print(f"  [dim]… {len(evidence) - 2} more (--full)[/dim]")
    if full:
        _print_values(values)
    elif any(not v["node_evidence"] for v in values):
        console.print(f"[bold]Evidence per value[/bold]: {sum(not v['node_evidence'] for v in values)} values (--full)")
    groups: dict[tuple[str, str], list] = {}
    for x in neighbours:
        groups.setdefault((x["r"]["_label"], x["direction"]), []).append(x)
    console.print(f"[bold]Neighbours[/bold] ({len(neighbours)} relationships)")
    for (rtype, direction), items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        arrow = "→" if direction == "out" else "←"
        console.print(f"  {arrow} {rtype}: {len(items)}")
        ranked = items if full else sorted(items, key=lambda x: (-degree[x["other"]["id"]], display_name(x["other"])))
        for x in ranked if full else ranked[:top]:
            role = x["r"].get("role") or x["r"].get("raw") or ""
            console.print(f"      {clip(display_name(x['other']), 80)} [dim]{x['other']['id']}[/dim] {role}")
        if not full and len(items) > top:
            console.print(f"      [dim]… {len(items) - top} more[/dim]")


def _print_values(values: list[dict]) -> None:
    """Each property value with the lines that state it; a value only the node's evidence supports says so."""
    if not values:
        return
    console.print("[bold]Evidence per value[/bold]")
    for row in values:
        value = "; ".join(map(str, row["value"])) if isinstance(row["value"], list) else row["value"]
        note = "" if row["kept"] else " [yellow](stated elsewhere, not kept)[/yellow]"
        if row["node_evidence"]:
            note += " [dim](see Evidence above)[/dim]" if row["evidence"] else " [dim](no source line)[/dim]"
        console.print(f"  [cyan]{row['property']}[/cyan]: {value}{note}", soft_wrap=True)
        if row["node_evidence"]:
            continue
        for e in row["evidence"]:
            console.print(f"    {e['evidence']}: [italic]{e['quote'] or '(line not found)'}[/italic]", soft_wrap=True)


def _param_pairs(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise fail(f"--param expects key=value, got {pair!r}", 2)
        out[key.strip()] = value
    return out


@app.command("queries")
def list_queries(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable list.")] = False) -> None:
    """List every query module with its description, parameters, columns and Cypher per dialect."""
    from industriegraph.analysis.queries import all_queries

    described = [q.describe() for q in all_queries()]
    if as_json:
        print(json.dumps(described, ensure_ascii=False, indent=1, default=str))
        return
    for q in described:
        console.print(f"[bold]{q['name']}[/bold]  {q['description']}")
        for p in q["parameters"]:
            choices = f" (one of {', '.join(map(str, p['choices']))})" if p.get("choices") else ""
            console.print(
                f"  --param {p['name']}=… [dim]{p['type']}, default {p['default']!r}{choices}[/dim] {p['description']}"
            )
        console.print(f"  columns: {', '.join(q['columns'])}")
        for dialect, text in q["cypher"].items():
            console.print(f"  [cyan]{dialect}[/cyan]: {' '.join(text.split())}", soft_wrap=True)
        console.print()


TABLE_ROWS = 500  # rows `query` prints as a table unless --rows says otherwise


@app.command("query")
def run_query(
    name: Annotated[str, typer.Argument(help="Query module name (see `industriegraph queries`).")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Parameter as key=value; repeatable.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    db: DbOpt = None,
    rows_shown: Annotated[
        int,
        typer.Option("--rows", help="At most this many rows in a table (csv and json give all).", min=1),
    ] = TABLE_ROWS,
) -> None:
    """Run one analyst question and print the result as a table, CSV or JSON."""
    from industriegraph.analysis.queries import QueryError, get
    from industriegraph.cli.tabular import write_csv

    if fmt not in ("table", "csv", "json"):
        raise fail("--format must be table, csv or json", 2)
    try:
        query = get(name)
        params = _param_pairs(param or [])
        with open_graph(db) as g:
            rows = query.execute(g, **params)
    except QueryError as exc:
        raise fail(str(exc), 2) from None
    used = ", ".join(f"{k}={v!r}" for k, v in query.bind(params).items())
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        err.print(f"{name}: {len(rows)} rows; parameters: {used}")
    elif fmt == "csv":
        write_csv(sys.stdout, list(query.columns), rows)
        err.print(f"{name}: {len(rows)} rows; parameters: {used}")
    else:
        from rich.table import Table

        # a table is for reading: laying out a million rows took rich minutes before the first line appeared
        shown = rows[:rows_shown]
        more = f"; the first {len(shown):,} shown, all with --format csv or json" if len(shown) < len(rows) else ""
        table = Table(title=f"{name} ({len(rows):,} rows)", caption=f"parameters: {used}{more}")
        for c in query.columns:
            table.add_column(c)
        for r in shown:
            table.add_row(*(_cell(r.get(c)) for c in query.columns))
        console.print(table)


CELL_ITEMS = 20  # list items a table cell shows (a cell listing 10,000 initiatives took rich a minute to wrap)


def _cell(value) -> str:
    """A value as table text; a long list is cut to its first ``CELL_ITEMS`` with the number left out.

    >>> _cell(list(range(25)))[-30:]
    '15; 16; 17; 18; 19; … (5 more)'
    """
    if isinstance(value, list):
        more = f"; … ({len(value) - CELL_ITEMS:,} more)" if len(value) > CELL_ITEMS else ""
        return "; ".join(map(str, value[:CELL_ITEMS])) + more
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


@export_app.command("json")
def export_json(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")], db: DbOpt = None
) -> None:
    """Node-link JSON: {"nodes":[{id,label,properties}],"links":[{source,target,type,properties}]}."""
    with open_graph(db) as g, progress_bar(f"exporting JSON to {output}") as step:
        counts = g.export_json(output, step)
    err.print(f"wrote {output}: {counts['nodes']} nodes, {counts['links']} links")


@app.command()
def schema(
    docs: Annotated[Path | None, typer.Option(help="Write the schema reference page to this file.")] = None,
    dialect: Annotated[str, typer.Option(help="Print DDL for 'ladybug' or 'neo4j'.")] = "ladybug",
) -> None:
    """Print the DDL generated from the schema declaration, or write the reference page."""
    from industriegraph.model.ddl import ladybug_ddl, neo4j_constraints
    from industriegraph.model.docs import schema_markdown

    if docs:
        docs.write_text(schema_markdown(), encoding="utf-8")
        err.print(f"wrote {docs}")
        return
    if dialect not in ("ladybug", "neo4j"):
        raise fail("--dialect must be ladybug or neo4j", 2)
    for s in ladybug_ddl() if dialect == "ladybug" else neo4j_constraints():
        print(s + ";")


# Larger areas keep their commands in their own modules; importing them registers the commands on ``app``.
from industriegraph.cli import export, match, rdf, review, serve, synth, viz  # noqa: E402, F401

# Commands whose numeric work is a few matrix-vector products: OpenBLAS starts a thread pool when numpy is imported,
# and its threads spin while they wait, ~55 ms CPU of a fresh process here for nothing (a user's own
# OPENBLAS_NUM_THREADS wins).
ONE_BLAS_THREAD = frozenset({"match"})
# a command's process is short-lived: Python's young-generation collection every 50,000 new objects instead of
# every 700 (``match`` made 32 collections after its start, 6-8 ms; the build pauses the collector itself,
# ``pipeline.gc_pause``); the server, which lives long, keeps the defaults
ONE_SHOT_GC_THRESHOLD = 50_000


def app_for(args: list[str]) -> typer.Typer:
    """The app as it runs ``args``: holding only the command they name, when they name one. Before it runs a
    command typer turns every registered command's signature into options (~20 ms of a fresh process for our 25
    commands), and ``match`` need not wait for ``build``'s options. Help, and anything else, gets the whole app.

    >>> [c.callback.__name__ for c in app_for(["match", "H2Berlin"]).registered_commands]
    ['match_cmd']
    >>> app_for(["--help"]) is app and app_for(["no-such-command"]) is app
    True
    """
    if not args or args[0].startswith("-"):
        return app
    from typer.main import get_command_name

    commands = [c for c in app.registered_commands if (c.name or get_command_name(c.callback.__name__)) == args[0]]
    groups = [g for g in app.registered_groups if g.name == args[0]]
    if len(commands) + len(groups) != 1:
        return app
    lean = copy.copy(app)
    lean.registered_commands, lean.registered_groups = commands, groups
    # a Typer holding one command would run it as the program itself (typer's single-command mode, where
    # "match" would be read as the initiative's name): a callback that does nothing keeps it a group
    lean.callback()(_nothing)
    return lean


def _nothing() -> None:
    """The lean app's group callback (``app_for``)."""


def main() -> None:
    mark_own_process()
    if len(sys.argv) > 1 and sys.argv[1] in ONE_BLAS_THREAD:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if len(sys.argv) < 2 or sys.argv[1] != "serve":
        gc.set_threshold(ONE_SHOT_GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        app_for(sys.argv[1:])(prog_name="industriegraph")
        code = 0
    except BrokenPipeError:
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"): printed, status 1
            print(exc.code, file=sys.stderr)
            code = 1
    leave(code)


def leave(code: int) -> NoReturn:
    """End the command's process without taking its objects apart one by one: after a build that took ~0.2 s
    (hundreds of megabytes of records, documents and caches) that the operating system frees at once. Exit
    handlers run and output is flushed as in a normal exit; while other threads run (a server's), the normal
    exit, which waits for them, is taken."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), a closed stream: nothing to flush to
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
