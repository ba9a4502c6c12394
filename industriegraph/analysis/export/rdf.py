"""RDF export: the graph in W3C ORG, SKOS, PROV and Dublin Core terms, with a DCAT-AP.de description.

The mapping is driven by the schema declaration (``industriegraph.model.schema``): every node gets
its label's ``rdf_class``, every relationship its type's ``rdf_property``. A property written
``^p`` is stated in the inverse direction (target ``p`` source), e.g. ``RESPONSIBLE_FOR``
(Organization -> Measure) becomes ``measure prov:wasAttributedTo organisation``. Two properties
stand for n-ary W3C ORG patterns rather than a plain triple:

* ``org:hasMembership`` (MEMBER_OF): an ``org:Membership`` with ``org:member``, ``org:organization``
  and ``org:role``; the shortcut ``org:memberOf`` is stated as well.
* ``org:holds`` (HOLDS_ROLE): an ``org:Post`` with ``org:heldBy``, ``org:postIn`` and ``org:role``;
  the person also gets the shortcut ``org:memberOf`` of the organisation.

IRIs are ``{base}{label-path}/{slug}`` from the node ids (``org:ihk-wiesbaden`` ->
``{base}organization/ihk-wiesbaden``), so exporting twice gives the same IRIs; memberships, posts
and relationship statements get ``{base}membership|post|statement/{hash}`` with a hash of their
endpoints, type and properties. Node properties without a standard term use the project
vocabulary ``IG`` (fixed, independent of the base IRI, so the shipped shapes and queries work for
any base).

Provenance (every node, membership, post and relationship with evidence): ``prov:wasDerivedFrom``
the source document (``{base}source/{slug}``, a ``foaf:Document``) and one ``dcterms:source``
literal ``"file:line"`` per evidence line. Relationships that carry evidence or properties are also
stated as a standard RDF reification (``rdf:Statement`` with ``rdf:subject/predicate/object``), on
which the provenance and the edge properties (``ig:role``, ``ig:raw`` …) hang.

Two writers share one triple stream: pyoxigraph (fast, the default) and rdflib (the reference;
used by the tests to parse back and query). Terms are plain Python values: an IRI is a ``str``,
a literal a ``Lit`` tuple.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from industriegraph.analysis.export.dcat import describe
from industriegraph.analysis.export.triples import (
    ENGINES,
    FORMATS,
    PREF,
    RDF_TYPE,
    Lit,
    Mapper,
    Triple,
    expand,
    literal,
    provenance,
)
from industriegraph.model.kinds import FORMAL_KINDS
from industriegraph.model.rdf import (
    DEFAULT_BASE,
    GERMAN_LABELS,
    GERMAN_PROPS,
    ID_PROPS,
    IG,
    IRI_PROPS,
    PREFIXES,
    PROPERTY_TERMS,
)
from industriegraph.model.schema import NODE_BY_LABEL, REL_BY_TYPE


def node_triples(m: Mapper, node: dict[str, Any]) -> Iterator[Triple]:
    label = node["_label"]
    spec = NODE_BY_LABEL[label]
    s = m.node(node["id"])
    yield s, RDF_TYPE, expand(spec.rdf_class)
    if label == "Organization" and node.get("kind") in FORMAL_KINDS:
        yield s, RDF_TYPE, expand("org:FormalOrganization")
    if label == "Topic":
        yield s, expand("skos:inScheme"), m.topic_scheme
        if not node.get("broader"):
            yield s, expand("skos:topConceptOf"), m.topic_scheme
    yield s, expand("dcterms:identifier"), Lit(node["id"])
    for key, value in node.items():
        # per-value statements stay out of RDF: provenance is per node (prov:wasDerivedFrom, dcterms:source)
        if key in ("id", "_label", "evidence", "statements") or value is None or value == [] or value == "":
            continue
        term = PROPERTY_TERMS.get(key, f"ig:{key}")
        if term is None:
            continue
        p = expand(term)
        lang = "de" if key in GERMAN_PROPS or (label in GERMAN_LABELS and key in ("label", "name")) else None
        for v in value if isinstance(value, list) else [value]:
            if key in IRI_PROPS and isinstance(v, str) and re.match(r"^https?://\S+$", v):
                yield s, p, v
            elif key in ID_PROPS and isinstance(v, str) and ":" in v:
                yield s, p, m.node(v)
            else:
                yield s, p, literal(v, lang)
    yield from provenance(m, s, node.get("evidence"))


def role_triples(m: Mapper, roles: Iterable[str]) -> Iterator[Triple]:
    """The roles of memberships and posts as ``org:Role`` concepts of the role scheme."""
    iris = {m.role(r): r for r in sorted(roles)}
    for iri, role in sorted(iris.items()):
        yield iri, RDF_TYPE, expand("org:Role")
        yield iri, RDF_TYPE, expand("skos:Concept")
        yield iri, PREF, Lit(role)
        yield iri, expand("skos:inScheme"), m.role_scheme


def rel_triples(m: Mapper, src: str, dst: str, rel: dict[str, Any], roles: set[str]) -> Iterator[Triple]:
    """One relationship; adds the roles it uses to ``roles``."""
    type_ = rel["_label"]
    spec = REL_BY_TYPE[type_]
    evidence = rel.get("evidence") or []
    props = {k: v for k, v in rel.items() if k not in ("_label", "evidence") and v not in (None, "", [])}
    s, o = m.node(src), m.node(dst)
    if spec.rdf_property == "org:hasMembership":
        role = props.get("role") or "member"
        ms = m.minted("membership", src, dst, role)
        yield ms, RDF_TYPE, expand("org:Membership")
        yield ms, expand("org:member"), s
        yield ms, expand("org:organization"), o
        yield ms, expand("org:role"), m.role(role)
        yield from provenance(m, ms, evidence)
        yield s, expand("org:hasMembership"), ms
        yield s, expand("org:memberOf"), o
        roles.add(role)
        return
    if spec.rdf_property == "org:holds":
        role = props.get("role") or "Funktion"
        post = m.minted("post", src, dst, role)
        yield post, RDF_TYPE, expand("org:Post")
        yield post, expand("org:heldBy"), s
        yield post, expand("org:postIn"), o
        yield post, expand("org:role"), m.role(role)
        yield from provenance(m, post, evidence)
        yield s, expand("org:holds"), post
        yield s, expand("org:memberOf"), o
        roles.add(role)
        return
    term = spec.rdf_property
    inverse = term.startswith("^")
    p = expand(term.lstrip("^"))
    if inverse:
        s, o = o, s
    yield s, p, o
    if not evidence and not props:
        return
    st = m.minted("statement", src, type_, dst, sorted(props.items()))
    yield st, RDF_TYPE, expand("rdf:Statement")
    yield st, expand("rdf:subject"), s
    yield st, expand("rdf:predicate"), p
    yield st, expand("rdf:object"), o
    yield st, expand("dcterms:type"), Lit(type_)
    for key, value in sorted(props.items()):
        for v in value if isinstance(value, list) else [value]:
            yield st, IG + key, literal(v)
    yield from provenance(m, st, evidence)


def topic_scheme_triples(m: Mapper) -> Iterator[Triple]:
    sch = m.topic_scheme
    yield sch, RDF_TYPE, expand("skos:ConceptScheme")
    yield sch, expand("dcterms:title"), Lit("Themen regionaler Industrieinitiativen", None, "de")
    yield sch, PREF, Lit("Themen regionaler Industrieinitiativen", None, "de")
    rs = m.role_scheme
    yield rs, RDF_TYPE, expand("skos:ConceptScheme")
    yield rs, expand("dcterms:title"), Lit("Rollen in Initiativen und Organisationen", None, "de")
    yield rs, PREF, Lit("Rollen in Initiativen und Organisationen", None, "de")


def graph_triples(
    nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]], base: str = DEFAULT_BASE
) -> Iterator[Triple]:
    """All triples of the graph (without the dataset description), in a stable order.

    ``nodes``: property dicts with ``_label``; ``rels``: ``{"source", "target", "r"}`` as from
    ``Graph.relationships()``.
    """
    m = Mapper(base)
    nodes = sorted(nodes, key=lambda n: n["id"])
    m.sources = {n["file"]: m.node(n["id"]) for n in nodes if n["_label"] == "Source" and n.get("file")}
    yield from topic_scheme_triples(m)
    for n in nodes:
        yield from node_triples(m, n)
    roles: set[str] = set()
    keyed = sorted(rels, key=lambda r: (r["source"], r["r"]["_label"], r["target"], repr(sorted(r["r"].items()))))
    for r in keyed:
        yield from rel_triples(m, r["source"], r["target"], r["r"], roles)
    yield from role_triples(m, roles)


def export_triples(graph, base: str = DEFAULT_BASE, *, fmt: str = "turtle", modified: str | None = None) -> list:
    """The graph's triples plus the DCAT-AP.de description of this export."""
    nodes, rels = graph.nodes(), graph.relationships()
    triples = list(graph_triples(nodes, rels, base))
    triples.extend(describe(nodes, rels, base, fmt=fmt, modified=modified))
    return list(dict.fromkeys(triples))  # a role or vocabulary term may be stated twice


# -- writers -----------------------------------------------------------------------------------
def to_oxigraph(triples: Iterable[Triple]) -> Iterator[Any]:
    import pyoxigraph as ox

    named: dict[str, Any] = {}

    def nn(iri: str):
        t = named.get(iri)
        if t is None:
            t = named[iri] = ox.NamedNode(iri)
        return t

    for s, p, o in triples:
        if isinstance(o, Lit):
            if o.lang:
                obj = ox.Literal(o.value, language=o.lang)
            elif o.datatype:
                obj = ox.Literal(o.value, datatype=nn(o.datatype))
            else:
                obj = ox.Literal(o.value)
        else:
            obj = nn(o)
        yield ox.Triple(nn(s), nn(p), obj)


def to_rdflib(triples: Iterable[Triple]):
    from rdflib import Graph as RGraph
    from rdflib import Literal, URIRef

    g = RGraph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    add = g.add
    for s, p, o in triples:
        if isinstance(o, Lit):
            obj = Literal(o.value, lang=o.lang, datatype=URIRef(o.datatype) if o.datatype else None)
        else:
            obj = URIRef(o)
        add((URIRef(s), URIRef(p), obj))
    return g


_OX_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}
_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def write(triples: Iterable[Triple], path: str | os.PathLike, fmt: str = "turtle", engine: str = "pyoxigraph") -> None:
    """Serialise ``triples`` to ``path`` in ``fmt`` with ``engine`` (pyoxigraph or rdflib)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        ox.serialize(to_oxigraph(triples), str(path), getattr(ox.RdfFormat, _OX_FORMATS[fmt]), prefixes=PREFIXES)
    elif engine == "rdflib":
        g = to_rdflib(triples)
        if fmt == "jsonld":
            g.serialize(destination=str(path), format="json-ld", context=PREFIXES, auto_compact=True)
        else:
            g.serialize(destination=str(path), format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
    else:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")


def export_rdf(
    graph,
    path: str | os.PathLike,
    fmt: str = "turtle",
    base: str = DEFAULT_BASE,
    engine: str = "pyoxigraph",
    modified: str | None = None,
) -> dict[str, int]:
    """Write the graph with its dataset description; returns counts for the CLI to report."""
    triples = export_triples(graph, base, fmt=fmt, modified=modified)
    write(triples, path, fmt, engine)
    return {"triples": len(triples), "bytes": Path(path).stat().st_size}


QUERIES_FILE = Path(__file__).resolve().parent / "queries.sparql"


def sparql_queries(path: str | os.PathLike = QUERIES_FILE) -> dict[str, str]:
    """The sample SPARQL queries by name (the ``# name:`` lines of queries.sparql)."""
    out: dict[str, str] = {}
    name = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# name:"):
            name = line.split(":", 1)[1].strip()
            out[name] = ""
        elif name is not None:
            out[name] += line + "\n"
    return {k: v.strip() + "\n" for k, v in out.items()}


def parse_rdf(path: str | os.PathLike, fmt: str | None = None):
    """Parse an export back into an rdflib Graph (format guessed from the suffix if not given)."""
    from rdflib import Graph as RGraph

    suffix = Path(path).suffix.lstrip(".")
    by_suffix = {v: k for k, v in FORMATS.items()} | {"json": "jsonld", "xml": "rdfxml", "owl": "rdfxml"}
    fmt = fmt or by_suffix.get(suffix, "turtle")
    g = RGraph()
    g.parse(str(path), format=_RDFLIB_FORMATS[fmt])
    return g
