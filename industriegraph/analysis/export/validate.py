"""SHACL validation of an RDF export: the project's own shapes and the DCAT-AP.de 3.0 shapes, offline.

DCAT-AP.de 3.0 is an overlay: the German file deactivates and re-words shapes of the EU base
shapes and only works together with them, so both go into one shapes graph, with the German
additions, the controlled-vocabulary shapes and the deprecation warnings of the same release.
pyshacl runs with ``inference='none'`` and never follows ``owl:imports`` (``dcat-ap-de-imports.ttl``,
which only imports remote vocabularies, is not loaded). Warnings (e.g. a contributor ID outside
GovData's list) are reported but do not make the file fail.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SHAPES_DIR = Path(__file__).resolve().parent / "shapes"
OWN_SHAPES = SHAPES_DIR / "industriegraph-shapes.ttl"  # generated: industriegraph.analysis.export.shapes
DCAT_DIR = SHAPES_DIR / "dcat-ap-de-3.0"
DCAT_SHAPES = (
    "dcat-ap-SHACL-EU-3.0.0.ttl",
    "dcat-ap-SHACL-DE.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-controlledvocabularies.ttl",
    "dcat-ap-de-deprecated.ttl",
)
SHAPE_SETS = ("industriegraph", "dcat-ap-de")


@dataclass(frozen=True)
class Message:
    shapes: str  # which shape set: industriegraph or dcat-ap-de
    severity: str  # Violation, Warning, Info
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        return f"[{self.shapes}] {self.severity}: {where}: {self.message}"


@dataclass
class Report:
    conforms: bool
    messages: list[Message] = field(default_factory=list)
    triples: int = 0

    @property
    def violations(self) -> list[Message]:
        return [m for m in self.messages if m.severity == "Violation"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.severity != "Violation"]


@cache
def shapes_graph(which: str):
    """The shapes graph of one set (parsed once per process): ours generated from the schema declaration
    (``OWN_SHAPES`` is the same text, written by ``make docs`` for readers), DCAT-AP.de's from the vendored files."""
    from rdflib import Graph

    from industriegraph.analysis.export.shapes import shapes_turtle

    g = Graph()
    if which == "industriegraph":
        g.parse(data=shapes_turtle(), format="turtle")
    for f in [] if which == "industriegraph" else [DCAT_DIR / f for f in DCAT_SHAPES]:
        g.parse(f, format="turtle")
    return g


def _short(graph, term: Any) -> str:
    from rdflib import URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - any IRI that cannot be shortened is shown in full
            return f"<{term}>"
    return str(term.n3(graph.namespace_manager)) if hasattr(term, "n3") else str(term)


def _messages(which: str, results_graph, data) -> list[Message]:
    from rdflib import RDF, URIRef
    from rdflib.namespace import SH

    out = []
    for res in results_graph.subjects(RDF.type, SH.ValidationResult):
        sev = results_graph.value(res, SH.resultSeverity)
        msgs = sorted(str(m) for m in results_graph.objects(res, SH.resultMessage))
        path = results_graph.value(res, SH.resultPath)
        out.append(
            Message(
                shapes=which,
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                focus=_short(data, results_graph.value(res, SH.focusNode)),
                path=_short(data, path) if isinstance(path, URIRef) else ("(complex path)" if path else ""),
                message="; ".join(msgs) or "constraint not met",
            )
        )
    return sorted(out, key=lambda m: (m.severity != "Violation", m.shapes, m.focus, m.path, m.message))


def validate(data: Any, which: tuple[str, ...] = SHAPE_SETS, fmt: str | None = None) -> Report:
    """Validate ``data`` (a path or an rdflib Graph) against the chosen shape sets."""
    from pyshacl import validate as shacl

    from industriegraph.analysis.export.rdf import PREFIXES, parse_rdf

    if isinstance(data, str | os.PathLike):
        data = parse_rdf(data, fmt)
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns, override=False)
    messages: list[Message] = []
    for name in which:
        if name not in SHAPE_SETS:
            raise ValueError(f"unknown shape set {name!r}; use {', '.join(SHAPE_SETS)}")
        _, results, _ = shacl(
            data,
            shacl_graph=shapes_graph(name),
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            allow_infos=True,
            do_owl_imports=False,
            advanced=True,
        )
        messages.extend(_messages(name, results, data))
    conforms = not any(m.severity == "Violation" for m in messages)
    return Report(conforms, messages, len(data))
