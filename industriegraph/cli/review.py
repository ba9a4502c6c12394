"""CLI for reviewing what the build joined on similarity alone: ``review`` lists the candidates,
``review accept|reject|unsure ID`` records a decision in the judgement file (a thin layer over ``Graph.candidates``
and ``Graph.judge``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from industriegraph.cli.common import DbOpt, app, console, fail, open_graph

review_app = typer.Typer(
    help="Review the merges and links the build made on similarity alone (German output).",
    invoke_without_command=True,
)
app.add_typer(review_app, name="review")

FileOpt = Annotated[
    Path | None,
    typer.Option("--file", help="Judgement file to write (default: aliases.yaml beside the sources folder)."),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Why: a short note kept with the decision.")]
AuthorOpt = Annotated[
    str | None, typer.Option("--author", help="Who decides (default: $USER).", envvar="USER", show_envvar=False)
]
IdArg = Annotated[str, typer.Argument(help="The candidate's id as `review` lists it (or its unambiguous start).")]
KIND_DE = {"merge-candidate": "Zusammenführung", "link-candidate": "Zuordnung"}
OPEN_DE = "offen"


def _decision_de(code: str | None) -> str:
    from industriegraph.model.schema import value_label_de

    return value_label_de("Finding", "decision", code) if code else OPEN_DE


@review_app.callback()
def review(
    ctx: typer.Context,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the candidates as JSON.")] = False,
    open_only: Annotated[bool, typer.Option("--open", help="Only candidates nobody has judged (not unsure).")] = False,
) -> None:
    """List the candidates: names joined or looked up on similarity alone, with score and evidence lines."""
    if ctx.invoked_subcommand is not None:
        return
    with open_graph(db) as g:
        rows = g.candidates(include_unsure=not open_only)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        console.print(
            "Keine Kandidaten: der letzte Build hat nichts allein nach Ähnlichkeit zusammengeführt oder zugeordnet."
        )
        return
    from rich.table import Table  # only for the table: `--json` and the other commands start without it

    from industriegraph.model.schema import prop_label_de

    table = Table(title=f"{len(rows)} Kandidaten zur Prüfung")
    for col, justify, fold in (
        (prop_label_de("Finding", "candidate"), "left", False),
        ("Art", "left", False),
        ("Name 1", "left", True),
        ("Name 2", "left", True),
        ("%", "right", False),
        ("Stand", "left", False),
    ):
        table.add_column(col, justify=justify, overflow="fold", no_wrap=not fold)
    for c in rows:
        table.add_row(
            c["id"],
            KIND_DE.get(c["kind"], c["kind"]),
            c["names"][0],
            c["names"][1],
            str(c["score"]),
            _decision_de(c["decision"]),
        )
    console.print(table)
    for c in rows:
        console.print(f"Zeilen {c['id']}: {', '.join(c['evidence'])}", soft_wrap=True, highlight=False)
    console.print("Entscheiden: industriegraph review accept|reject|unsure KENNUNG [--note TEXT]")


def _decide(db: str | None, candidate_id: str, decision: str, note: str | None, author: str | None, file: Path | None):
    with open_graph(db) as g:
        try:
            entry = g.judge(candidate_id, decision, author=author, note=note, path=file)
        except KeyError:
            raise fail(f"kein Kandidat mit der Kennung {candidate_id!r} (Liste: industriegraph review)", 2) from None
    names = " / ".join([entry["name"], *entry["aliases"]])
    console.print(
        f"{entry['file']}: „{names}“ als {_decision_de(decision)} eingetragen ({entry['date']}); "
        "der nächste Build berücksichtigt es."
    )


@review_app.command("accept")
def accept(candidate_id: IdArg, note: NoteOpt = None, author: AuthorOpt = None, file: FileOpt = None, db: DbOpt = None):
    """The two names mean one entity: the next build keeps them merged and no longer lists them."""
    _decide(db, candidate_id, "same", note, author, file)


@review_app.command("reject")
def reject(candidate_id: IdArg, note: NoteOpt = None, author: AuthorOpt = None, file: FileOpt = None, db: DbOpt = None):
    """The two names mean different entities: the next build keeps them apart and no longer lists them."""
    _decide(db, candidate_id, "different", note, author, file)


@review_app.command("unsure")
def unsure(candidate_id: IdArg, note: NoteOpt = None, author: AuthorOpt = None, file: FileOpt = None, db: DbOpt = None):
    """Not decidable yet: the build keeps what it did and lists the candidate as unsure."""
    _decide(db, candidate_id, "unsure", note, author, file)
