"""Triples as plain tuples, IRIs minted from node ids, and provenance: what every RDF writer here shares."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, NamedTuple
from urllib.parse import quote

from industriegraph.model.rdf import DEFAULT_BASE, DERIVED_FROM, PREF_LABEL, expand_curie
from industriegraph.model.schema import EVIDENCE, NODES
from industriegraph.text.source import split_evidence


@cache
def expand(curie: str) -> str:
    """``org:member`` -> full IRI (full IRIs pass through); ``industriegraph.model.rdf.expand_curie``, cached."""
    return expand_curie(curie)


class Lit(NamedTuple):
    """A literal: lexical value with an optional datatype IRI or language tag."""

    value: str
    datatype: str | None = None
    lang: str | None = None


Triple = tuple[str, str, "str | Lit"]

RDF_TYPE = expand("rdf:type")
XSD_INT = expand("xsd:integer")
WAS_DERIVED = expand(DERIVED_FROM)
DCT_SOURCE = expand(EVIDENCE.term)
PREF = expand(PREF_LABEL)


def label_path(label: str) -> str:
    """``ActionField`` -> ``action-field``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", label).lower()


_PREFIX_PATH = {n.prefix: label_path(n.label) for n in NODES}


class Mapper:
    """IRIs for one base IRI."""

    def __init__(self, base: str = DEFAULT_BASE):
        if not re.match(r"^[a-z][a-z0-9+.-]*:", base):
            raise ValueError(f"base IRI must be absolute (e.g. {DEFAULT_BASE}), got {base!r}")
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.sources: dict[str, str] = {}  # file name -> IRI of its Source node
        self._nodes: dict[str, str] = {}

    def node(self, node_id: str) -> str:
        iri = self._nodes.get(node_id)
        if iri is None:
            prefix, _, local = node_id.partition(":")
            path = _PREFIX_PATH.get(prefix, quote(prefix, safe=""))
            iri = self._nodes[node_id] = f"{self.base}{path}/{quote(local, safe='-._~')}"
        return iri

    def minted(self, kind: str, *parts: Any) -> str:
        digest = hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
        return f"{self.base}{kind}/{digest}"

    def role(self, role: str) -> str:
        return f"{self.base}role/{quote(re.sub(r'[^a-z0-9äöüß]+', '-', role.lower()).strip('-'), safe='-._~')}"

    def source(self, file: str) -> str:
        return self.sources.get(file) or f"{self.base}source/{re.sub(r'[^a-z0-9]+', '-', file.lower()).strip('-')}"

    @property
    def topic_scheme(self) -> str:
        return f"{self.base}topic"

    @property
    def role_scheme(self) -> str:
        return f"{self.base}role"


def literal(value: Any, lang: str | None = None) -> Lit:
    if isinstance(value, bool):
        return Lit(str(value).lower(), expand("xsd:boolean"))
    if isinstance(value, int):
        return Lit(str(value), XSD_INT)
    if isinstance(value, float):
        return Lit(repr(value), expand("xsd:double"))
    return Lit(str(value), None, lang)


def provenance(m: Mapper, subject: str, evidence: Iterable[str] | None) -> Iterator[Triple]:
    """``prov:wasDerivedFrom`` each source document and ``dcterms:source "file:line"`` per line."""
    docs: dict[str, None] = {}
    for ev in evidence or ():
        file = split_evidence(ev)[0]
        docs.setdefault(file)
        yield subject, DCT_SOURCE, Lit(ev)
    for file in docs:
        yield subject, WAS_DERIVED, m.source(file)
