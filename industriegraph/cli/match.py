"""CLI for matchmaking: ``match``, ``peer-groups`` and ``match-eval`` (a thin layer over the analysis)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from industriegraph.cli.common import DbOpt, app, console, fail, note, open_graph, progress_bar


def _used(**params) -> str:
    """The parameters a result was computed with, as one line (unset ones shown as 'any')."""
    return ", ".join(f"{k}={v if v not in (None, [], '') else 'any'}" for k, v in params.items())


WeightsOpt = Annotated[
    str | None,
    typer.Option(
        "--weights",
        help="Change scoring weights: JSON object or key=value,key=value "
        "(topics, text, members, complement, same_region, other_region, radius, maturity).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command("match")
def match_cmd(
    name_or_id: Annotated[str, typer.Argument(help="The initiative: id (ini:…), name or alias, any spelling.")],
    top: Annotated[int, typer.Option("--top", "-n", help="How many peers to list.", min=1)] = 5,
    state: Annotated[
        list[str] | None,
        typer.Option("--state", help="Only peers located in this state (name or ISO code); repeatable."),
    ] = None,
    exclude_state: Annotated[
        list[str] | None, typer.Option("--exclude-state", help="No peers located in this state; repeatable.")
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", help="Only peers with this topic (concept id or label, narrower included).")
    ] = None,
    weights: WeightsOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who should meet this initiative: ranked peers with a score, reasons and existing connections."""
    from industriegraph.analysis.match import match

    filters = {"state": state, "exclude_state": exclude_state, "topic": topic}
    with open_graph(db) as g:
        try:
            peers = match(g, name_or_id, top=top, weights=weights, **{k: v for k, v in filters.items() if v})
        except ValueError as exc:
            raise fail(str(exc)) from None
    used = _used(top=top, weights=weights or "defaults", **filters)
    if as_json:
        print(json.dumps(peers, ensure_ascii=False, indent=1))
        note(f"match {name_or_id!r}: {len(peers)} peers; parameters: {used}")
        return
    console.print(f"[dim]match {name_or_id!r}; parameters: {used}[/dim]")
    if not peers:
        console.print("no peers pass the filters")
    for rank, p in enumerate(peers, start=1):
        ini = p["initiative"]
        console.print(f"[bold]{rank}. {ini['name']}[/bold]  [dim]{ini['id']}[/dim]  score {p['score']:.3f}")
        for reason in p["reasons"]:
            console.print(f"   • {reason}", soft_wrap=True)
        for c in p["alreadyConnected"]:
            console.print(f"   [yellow]already connected[/yellow] ({c['kind']}): {c['name']}", soft_wrap=True)


@app.command("peer-groups")
def peer_groups_cmd(
    topic: Annotated[
        str | None, typer.Option("--topic", help="Only initiatives with this topic (concept id or label).")
    ] = None,
    state: Annotated[
        list[str] | None, typer.Option("--state", help="Only initiatives located in this state; repeatable.")
    ] = None,
    size_min: Annotated[int, typer.Option("--size-min", help="Smallest group size.", min=1)] = 3,
    size_max: Annotated[int, typer.Option("--size-max", help="Largest group size.", min=1)] = 6,
    mode: Annotated[
        str,
        typer.Option(
            "--mode", help="similar: most alike together; mixed: a shared theme across regions and actor mixes."
        ),
    ] = "similar",
    weights: WeightsOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Split initiatives into peer-meeting groups, each with a theme, an input giver and why each member is there."""
    from industriegraph.analysis.match import peer_groups

    with open_graph(db) as g, progress_bar("partitioning", quiet=as_json) as step:
        try:
            result = peer_groups(
                g,
                topic=topic,
                state=state or None,
                size_min=size_min,
                size_max=size_max,
                mode=mode,
                weights=weights,
                progress=lambda done, total: step(f"partitioning: block {done} of {total}", done, total),
            )
        except ValueError as exc:
            raise fail(str(exc)) from None
    used = _used(
        topic=topic, state=state, size_min=size_min, size_max=size_max, mode=mode, weights=weights or "defaults"
    )
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        note(f"peer-groups: {len(result['groups'])} groups; parameters: {used}")
        return
    console.print(f"[dim]peer-groups; parameters: {used}[/dim]")
    if not result["groups"]:
        console.print("no initiatives pass the filters")
    for n, grp in enumerate(result["groups"], start=1):
        console.print(
            f"[bold]Group {n}: {grp['theme']}[/bold]  [dim]{len(grp['initiatives'])} initiatives, "
            f"cohesion {grp['cohesion']:.3f}[/dim]"
        )
        console.print(
            f"   input from: [cyan]{grp['inputFrom']['name']}[/cyan] — {grp['inputFrom']['why']}", soft_wrap=True
        )
        for x in grp["initiatives"]:
            console.print(f"   • {x['name']}: [dim]{x['why']}[/dim]", soft_wrap=True)


@app.command("match-eval")
def match_eval_cmd(
    k: Annotated[int, typer.Option("--k", help="Cut-off for the hit rate.", min=1)] = 5,
    runs: Annotated[int, typer.Option("--runs", help="Shuffles averaged for the random baselines.", min=1)] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random baselines.")] = 0,
    event_kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--event-kind",
            help="Event kinds whose co-participants count as true partners (default: "
            "peer-meeting, regional-event); repeatable.",
        ),
    ] = None,
    weights: WeightsOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Measure `match` against who actually met (same peer meeting, stated cooperation): hit rate, MRR, baselines."""
    from industriegraph.analysis.match import evaluate
    from industriegraph.analysis.match.evaluate import EVENT_KINDS

    with open_graph(db) as g:
        try:
            report = evaluate(
                g, weights=weights, k=k, runs=runs, seed=seed, event_kinds=tuple(event_kinds or EVENT_KINDS)
            )
        except ValueError as exc:
            raise fail(str(exc)) from None
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    table = Table(
        title=f"match-eval: {report['queries']} initiatives with a true partner, {report['pairs']} pairs "
        f"({', '.join(report['groundTruth']['eventKinds'])} + stated cooperation)"
    )
    table.add_column("method")
    table.add_column(f"hit@{k}", justify="right")
    table.add_column("MRR", justify="right")
    for name, m in report["methods"].items():
        table.add_row(name, f"{m[f'hit@{k}']:.3f}", f"{m['mrr']:.3f}")
    console.print(table)
    detail = Table(title="rank of the first true partner per initiative")
    detail.add_column("initiative")
    detail.add_column("rank", justify="right")
    for row in report["perInitiative"]:
        detail.add_row(row["name"], str(row["rank"]))
    console.print(detail)
