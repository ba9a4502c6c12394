"""CLI for the RDF export and its SHACL validation: ``export rdf`` and ``validate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from industriegraph.cli.common import DbOpt, app, export_app, fail, open_graph, progress_bar
from industriegraph.model.rdf import DEFAULT_BASE, ENGINES, FORMATS


@export_app.command("rdf")
def export_rdf(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", help=f"Serialisation: {', '.join(FORMATS)}.", case_sensitive=False)
    ] = "turtle",
    base_iri: Annotated[
        str, typer.Option("--base-iri", help="Base of the data IRIs ({base}{label}/{slug}).")
    ] = DEFAULT_BASE,
    engine: Annotated[
        str,
        typer.Option("--engine", help=f"Serialiser: {', '.join(ENGINES)} (pyoxigraph: fast, bulk; rdflib: reference)."),
    ] = "pyoxigraph",
    db: DbOpt = None,
) -> None:
    """RDF in W3C ORG, SKOS, PROV and Dublin Core terms, with a DCAT-AP.de 3.0 description of the export."""
    from industriegraph.analysis.export.rdf import export_rdf as run

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    with open_graph(db) as g, progress_bar(f"exporting RDF ({fmt}) to {output}") as step:
        try:
            counts = run(g, output, fmt, base_iri, engine, progress=step)
        except ValueError as exc:
            raise fail(str(exc)) from None
    typer.echo(f"wrote {output}: {counts['triples']} triples ({fmt})", err=True)


@app.command("validate")
def validate_rdf(
    file: Annotated[Path, typer.Argument(help="RDF file to check (format from the suffix: .ttl .nt .jsonld .rdf).")],
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"Serialisation if the suffix does not tell: {', '.join(FORMATS)}.")
    ] = None,
    shapes: Annotated[
        list[str] | None,
        typer.Option("--shapes", help="Shape set to run (repeatable): industriegraph, dcat-ap-de. Default: both."),
    ] = None,
    warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="Also print warnings.")] = True,
) -> None:
    """Check an RDF export against the project's SHACL shapes and the DCAT-AP.de 3.0 shapes (offline).

    Exit 1 with the shapes' messages if there is any violation.
    """
    from industriegraph.analysis.export.validate import SHAPE_SETS, validate

    if not file.exists():
        raise fail(f"{file}: no such file", 2)
    which = tuple(shapes or SHAPE_SETS)
    try:
        report = validate(file, which, fmt)
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    except Exception as exc:  # noqa: BLE001 - a parse error of the user's file, reported with its reason
        raise fail(f"{file}: cannot read as RDF: {exc}", 2) from None
    for m in report.violations + (report.warnings if warnings else []):
        typer.echo(str(m))
    verdict = "conforms" if report.conforms else f"does NOT conform: {len(report.violations)} violation(s)"
    typer.echo(f"{file}: {report.triples} triples, {verdict} ({', '.join(which)}); {len(report.warnings)} warning(s)")
    if not report.conforms:
        raise typer.Exit(1)
