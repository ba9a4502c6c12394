"""What every CLI command shares: the app objects, common options, error exit, opening the graph.

Command modules (``cli.py`` and the ``cli_*.py`` files of larger areas) import from here, and
``cli.py`` imports the area modules so their commands register on ``app``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the facade imports the store and networkx: only commands that open the graph pay for it
    from rich.console import Console

    from industriegraph.graph.facade import Graph

app = typer.Typer(
    help="Knowledge graph of Germany's regional industry initiatives.", no_args_is_help=True, add_completion=False
)
export_app = typer.Typer(help="Write the graph in another format.", no_args_is_help=True)
app.add_typer(export_app, name="export")


class _LazyConsole:
    """A rich Console made on first use: importing rich costs a fresh process ~20 ms, and a command that prints
    JSON (``match --json``) needs none."""

    def __init__(self, stderr: bool = False):
        self._stderr = stderr
        self._console: Console | None = None

    def get(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return self._console

    def __getattr__(self, name: str):
        return getattr(self.get(), name)


console = _LazyConsole()
err = _LazyConsole(stderr=True)


class _Process:
    """Whether the console script runs the command in its own process (``cli.main.main``), not when ``app`` is
    called inside another program (tests, ``CliRunner``): only then may process-wide settings such as
    ``pipeline.nopandas.forget_pandas`` be made."""

    own = False


def mark_own_process() -> None:
    _Process.own = True


def forget_pandas_if_own_process() -> None:
    """A command whose process ends with it (build, add, synth) need not import pandas: its libraries only look
    for it (``pipeline.nopandas``, 0.25-0.8 s). Done by the pipeline before it first uses pyarrow."""
    if _Process.own:
        from industriegraph.pipeline.nopandas import forget_pandas_before_use

        forget_pandas_before_use()


def note(message: str) -> None:
    """One line to stderr without rich (a JSON command's summary: not wrapped, so it stays greppable)."""
    typer.echo(message, err=True)


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="Ladybug database path (default: $INDUSTRIEGRAPH_DB, else ./industriegraph.db) or a Neo4j URI."
    ),
]
SourcesOpt = Annotated[
    Path | None, typer.Option("--sources", help="Folder of source documents (default: data/sources).")
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error unwrapped to stderr (file names and lines must stay greppable) and return Exit."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def open_graph(db: str | None) -> Graph:
    """Open the graph or exit 2 with the reason (e.g. no database built yet)."""
    from industriegraph.graph.facade import Graph

    try:
        return Graph.open(db)
    except FileNotFoundError as exc:
        raise fail(str(exc), 2) from None
    except Exception as exc:
        if is_server_error(exc):
            raise fail(f"{db}: {exc}", 2) from None
        raise


@contextmanager
def progress_bar(
    description: str, *, quiet: bool = False, own_thread: bool = True
) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr for a long command: yields ``step(text, done, total)``. ``quiet`` (JSON output
    for scripts) yields a step that does nothing. Rich redraws the bar from a thread of its own (the elapsed
    time runs on between steps); ``own_thread=False`` redraws it at each step instead, for work that forks
    (``pipeline.forked`` forks only a process without other threads). Rich's progress module is imported only here."""
    if quiet:
        yield lambda text, done, total: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err.get(),
        transient=True,
        auto_refresh=own_thread,
    ) as bar:
        task = bar.add_task(description, total=None)

        def step(text: str, done: int, total: int) -> None:
            bar.update(task, description=text, completed=done, total=total, refresh=not own_thread)

        yield step


def is_server_error(exc: BaseException) -> bool:
    """Whether an exception is the Neo4j driver's word that the server cannot be reached or refused us
    (unreachable host, wrong password): the user gets one line, not a traceback."""
    return type(exc).__module__.startswith("neo4j.")
