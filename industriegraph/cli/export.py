"""``industriegraph export neo4j-csv | cypher | gexf``: thin commands over ``industriegraph.analysis.export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from industriegraph.cli.common import DbOpt, err, export_app, open_graph, progress_bar


@export_app.command("neo4j-csv")
def export_neo4j_csv(
    directory: Annotated[Path, typer.Argument(help="Folder to write the CSV files, import.sh and constraints.cypher.")],
    db: DbOpt = None,
    database: Annotated[
        str, typer.Option("--database", help="Neo4j database name the printed import command targets.")
    ] = "neo4j",
) -> None:
    """CSV files for `neo4j-admin database import full`, one per label and per relationship type and label pair;
    prints the import command (also written to import.sh)."""
    from industriegraph.analysis.export.neo4j_csv import write_neo4j_csv, write_neo4j_csv_tables
    from industriegraph.graph.tables import can_bulk

    with open_graph(db) as g, progress_bar(f"exporting neo4j-admin CSV to {directory}") as step:
        if can_bulk(g):  # table by table from Arrow: bounded memory
            result = write_neo4j_csv_tables(g, directory, database=database, progress=step)
        else:
            data = g.node_link(step)
            step("writing CSV files", 1, 1)
            result = write_neo4j_csv(data, directory, database=database)
    rows = sum(result.counts.values())
    err.print(
        f"wrote {directory}: {len(result.node_files)} node files, {len(result.rel_files)} relationship files, "
        f"{rows} rows; run from that folder (or ./import.sh), then cypher-shell -f constraints.cypher:"
    )
    typer.echo(result.command)


@export_app.command("cypher")
def export_cypher(
    file: Annotated[Path, typer.Argument(help="Cypher script to write.")],
    db: DbOpt = None,
) -> None:
    """Idempotent Cypher script (constraints, then MERGE per label and relationship type) for `cypher-shell -f`."""
    from industriegraph.analysis.export.cypher_script import write_cypher, write_cypher_tables
    from industriegraph.graph.tables import can_bulk

    with open_graph(db) as g, progress_bar(f"exporting a Cypher script to {file}") as step:
        if can_bulk(g):  # table by table from Arrow: bounded memory
            counts = write_cypher_tables(g, file, progress=step)
        else:
            data = g.node_link(step)
            step("writing the script", 1, 1)
            counts = write_cypher(data, file)
    err.print(f"wrote {file}: {counts['statements']} statements for {counts['nodes']} nodes, {counts['links']} links")


@export_app.command("gexf")
def export_gexf(
    file: Annotated[Path, typer.Argument(help="GEXF file to write.")],
    db: DbOpt = None,
) -> None:
    """GEXF for Gephi: label = display name, attribute type = node label, every property as an attribute."""
    from industriegraph.analysis.export.gexf import write_gexf, write_gexf_tables
    from industriegraph.graph.tables import can_bulk

    with open_graph(db) as g, progress_bar(f"exporting GEXF to {file}") as step:
        if can_bulk(g):  # from Arrow, written as it goes: no networkx graph, no element tree
            counts = write_gexf_tables(g, file, progress=step)
        else:
            data = g.node_link(step)
            step("writing GEXF", 1, 1)
            counts = write_gexf(data, file)
    err.print(f"wrote {file}: {counts['nodes']} nodes, {counts['links']} links")
