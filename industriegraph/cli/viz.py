"""``industriegraph viz``: the explorer's networks as standalone HTML files that work offline and by mail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from industriegraph.cli.common import DbOpt, app, console, fail, open_graph

EGO_COUNT = 5  # ego networks of the best-connected initiatives


def write_networks(graph, out: Path, ego_count: int = EGO_COUNT) -> list[dict[str, Any]]:
    """Write the organisation–initiative network, the IHK–union co-occurrence network, the policy-document
    network, ego networks of the ``ego_count`` initiatives with most members and an index.html into ``out``;
    returns what was written (file, title, nodes, edges)."""
    from industriegraph.graph.evidence import quote
    from industriegraph.pipeline.build import default_sources
    from industriegraph.web import network as viz

    out.mkdir(parents=True, exist_ok=True)
    full = viz.graph_to_networkx(graph)
    sources = default_sources()
    quote_fn = lambda ev: quote(ev, sources)  # noqa: E731
    ids = {
        f"{'org' if viz.node_label(a) == 'Organization' else 'ini'}|{a.get('name')}": n
        for n, a in full.nodes(data=True)
        if viz.node_label(a) in ("Organization", "Initiative")
    }
    cooc_rows = [
        dict(r, kind_a="IHK", kind_b="Union") for r in graph.query("cooccurrence", kind_a="IHK", kind_b="Union")
    ]
    cooc = viz.cooccurrence_network(cooc_rows, ids)
    for n, attrs in cooc.nodes(data=True):
        if n in full:
            attrs.update(full.nodes[n])
    networks = [
        (
            "organisationen-initiativen.html",
            "Organisationen und Initiativen",
            "Wer ist Mitglied oder Partner in welcher Initiative.",
            viz.organisation_network(full),
        ),
        (
            "kooperation-ihk-gewerkschaft.html",
            "IHKs und Gewerkschaften in gemeinsamen Initiativen",
            "Industrie- und Handelskammern und Gewerkschaften, die in denselben Initiativen vertreten sind.",
            cooc,
        ),
        (
            "masterplan.html",
            "Strategien: Handlungsfelder, Ziele und Maßnahmen",
            "Strategien mit ihren Handlungsfeldern, Zielen, Maßnahmen und den verantwortlichen Organisationen.",
            viz.strategy_network(full),
        ),
    ]
    members = {
        n: sum(1 for _, _, k in full.in_edges(n, keys=True) if k == "MEMBER_OF")
        for n, a in full.nodes(data=True)
        if viz.node_label(a) == "Initiative"
    }
    for n in sorted(members, key=lambda n: (-members[n], n))[:ego_count]:
        name = viz.caption(full.nodes[n], n)
        networks.append(
            (
                f"ego-{n.split(':', 1)[-1]}.html",
                f"Netzwerk: {name}",
                "Nachbarschaft bis zu zwei Schritte; Themen und Bundesländer werden nicht weiter verfolgt.",
                viz.ego_network(full, n, depth=2),
            )
        )
    written = []
    for file, title, description, g in networks:
        html = viz.render_network(g, title, description=description, quote_fn=quote_fn, standalone=True)
        (out / file).write_text(html, encoding="utf-8")
        written.append({"file": file, "title": title, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()})
    index = viz.environment().get_template("viz_index.html").render(files=written, app_css=viz.asset("style.css"))
    (out / "index.html").write_text(index, encoding="utf-8")
    return written


@app.command("viz")
def viz_command(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the HTML files into (created if missing).")],
    db: DbOpt = None,
    egos: Annotated[
        int, typer.Option("--egos", min=0, max=50, help="Number of ego networks (initiatives with most members).")
    ] = EGO_COUNT,
) -> None:
    """Write the networks as standalone HTML files (offline, one file each, to mail around) plus an index.html."""
    with open_graph(db) as graph:
        try:
            written = write_networks(graph, out, egos)
        except OSError as exc:
            raise fail(f"{out}: {exc}") from None
    for w in written:
        console.print(f"{out / w['file']}  {w['nodes']} nodes, {w['edges']} edges", highlight=False)
    console.print(f"{out / 'index.html'}", highlight=False)
