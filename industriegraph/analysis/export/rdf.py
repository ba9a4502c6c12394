"""RDF export: the graph in W3C ORG, SKOS, PROV and Dublin Core terms, with a DCAT-AP.de description.

The mapping is read from the schema declaration (``industriegraph.model.schema``): every node gets
its label's ``rdf_class``, every property its declared predicate (``Prop.term``, German text tagged
``@de``, URLs and node ids as IRIs), every relationship its type's ``rdf_property``. A property written
``^p`` is stated in the inverse direction (target ``p`` source), e.g. ``RESPONSIBLE_FOR``
(Organization -> Measure) becomes ``measure prov:wasAttributedTo organisation``. Two relationship types
declare an n-ary W3C ORG pattern (``RelType.nary``) rather than a plain triple:

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

Writers: on a Ladybug graph the default (engine ``pyoxigraph``) is the bulk writer
(``industriegraph.analysis.export.ntriples``: tables read as Arrow, N-Triples lines streamed to the file; Turtle,
JSON-LD and RDF/XML converted from them by pyoxigraph); it states the same triples as
``graph_triples`` here, the reference mapping (a tuple per triple), which engine ``rdflib`` and graphs without bulk
reads (Neo4j) use. In the reference, terms are plain Python values: an IRI is a ``str``, a literal a ``Lit`` tuple.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from industriegraph.analysis.export.dcat import describe
from industriegraph.analysis.export.ntriples import BulkExport, convert, write_ntriples
from industriegraph.analysis.export.triples import (
    PREF,
    RDF_TYPE,
    Lit,
    Mapper,
    Triple,
    expand,
    literal,
    provenance,
)
from industriegraph.graph.tables import can_bulk
from industriegraph.model.kinds import FORMAL_KINDS
from industriegraph.model.rdf import (
    CONCEPT,
    CONCEPT_SCHEME,
    DEFAULT_BASE,
    ENGINES,
    FORMAL_ORGANIZATION,
    FORMATS,
    IG,
    IN_SCHEME,
    PREFIXES,
    TOP_CONCEPT_OF,
)
from industriegraph.model.schema import ID, NODE_BY_LABEL, REL_BY_TYPE, TITLE

_IRI_RE = re.compile(r"^https?://\S+$")


def node_triples(m: Mapper, node: dict[str, Any]) -> Iterator[Triple]:
    label = node["_label"]
    spec = NODE_BY_LABEL[label]
    s = m.node(node["id"])
    yield s, RDF_TYPE, expand(spec.rdf_class)
    if label == "Organization" and node.get("kind") in FORMAL_KINDS:
        yield s, RDF_TYPE, expand(FORMAL_ORGANIZATION)
    if spec.scheme:
        yield s, expand(IN_SCHEME), m.topic_scheme
        if not node.get("broader"):
            yield s, expand(TOP_CONCEPT_OF), m.topic_scheme
    yield s, expand(ID.term), Lit(node["id"])
    for key, value in node.items():
        # per-value statements stay out of RDF: provenance is per node (prov:wasDerivedFrom, dcterms:source)
        if key in ("id", "_label", "evidence", "statements") or value is None or value == [] or value == "":
            continue
        prop = spec.prop(key)
        term = prop.term if prop else f"ig:{key}"
        if term is None:
            continue
        p = expand(term)
        lang = "de" if prop and prop.lang else None
        for v in value if isinstance(value, list) else [value]:
            if prop and prop.iri and isinstance(v, str) and _IRI_RE.match(v):
                yield s, p, v
            elif prop and prop.ref and isinstance(v, str) and ":" in v:
                yield s, p, m.node(v)
            else:
                yield s, p, literal(v, lang)
    yield from provenance(m, s, node.get("evidence"))


def role_triples(m: Mapper, roles: Iterable[tuple[str, str]]) -> Iterator[Triple]:
    """The roles of memberships and posts as concepts of the role scheme (``roles``: role and its class)."""
    iris = {m.role(r): (r, cls) for r, cls in sorted(roles)}
    for iri, (role, cls) in sorted(iris.items()):
        yield iri, RDF_TYPE, expand(cls)
        yield iri, RDF_TYPE, expand(CONCEPT)
        yield iri, PREF, Lit(role)
        yield iri, expand(IN_SCHEME), m.role_scheme


def nary_triples(
    m: Mapper, src: str, dst: str, spec: Any, props: dict[str, Any], evidence: list[str]
) -> Iterator[Triple]:
    """A relationship with an n-ary pattern (``spec.nary``): the membership or post resource and its links."""
    nary = spec.nary
    s, o = m.node(src), m.node(dst)
    role = props.get("role") or nary.default_role
    res = m.minted(nary.path, src, dst, role)
    yield res, RDF_TYPE, expand(nary.cls)
    yield res, expand(nary.source_term), s
    yield res, expand(nary.target_term), o
    yield res, expand(nary.role_term), m.role(role)
    yield from provenance(m, res, evidence)
    yield s, expand(spec.rdf_property), res
    yield s, expand(nary.shortcut), o


def rel_triples(m: Mapper, src: str, dst: str, rel: dict[str, Any], roles: set[tuple[str, str]]) -> Iterator[Triple]:
    """One relationship; adds the roles it uses (role, class) to ``roles``."""
    type_ = rel["_label"]
    spec = REL_BY_TYPE[type_]
    evidence = rel.get("evidence") or []
    props = {k: v for k, v in rel.items() if k not in ("_label", "evidence") and v not in (None, "", [])}
    if spec.nary is not None:
        yield from nary_triples(m, src, dst, spec, props, evidence)
        roles.add((props.get("role") or spec.nary.default_role, spec.nary.role_class))
        return
    s, o = m.node(src), m.node(dst)
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
        prop = spec.prop(key)
        pred = expand(prop.term) if prop and prop.term else IG + key
        for v in value if isinstance(value, list) else [value]:
            yield st, pred, literal(v)
    yield from provenance(m, st, evidence)


def topic_scheme_triples(m: Mapper) -> Iterator[Triple]:
    sch = m.topic_scheme
    yield sch, RDF_TYPE, expand(CONCEPT_SCHEME)
    yield sch, expand(TITLE.term), Lit("Themen regionaler Industrieinitiativen", None, "de")
    yield sch, PREF, Lit("Themen regionaler Industrieinitiativen", None, "de")
    rs = m.role_scheme
    yield rs, RDF_TYPE, expand(CONCEPT_SCHEME)
    yield rs, expand(TITLE.term), Lit("Rollen in Initiativen und Organisationen", None, "de")
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
    roles: set[tuple[str, str]] = set()
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
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Write the graph with its dataset description; returns counts for the CLI to report. ``progress(step, done,
    total)`` is told each of the two steps (mapping the graph to triples, serialising them)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
    if engine == "pyoxigraph" and can_bulk(graph):
        count = write_bulk(graph, path, fmt, base, modified, progress)
        return {"triples": count, "bytes": Path(path).stat().st_size}
    if progress:
        progress("reading the graph and mapping it to RDF", 0, 2)
    triples = export_triples(graph, base, fmt=fmt, modified=modified)
    if progress:
        progress(f"writing {len(triples):,} triples ({fmt})", 1, 2)
    write(triples, path, fmt, engine)
    if progress:
        progress("done", 2, 2)
    return {"triples": len(triples), "bytes": Path(path).stat().st_size}


SORTED_TURTLE_MAX = 2_000_000  # triples: above, Turtle keeps the table order (sorting would need the file in memory)


def _sort_lines(path: Path) -> None:
    """Sort an N-Triples file's lines, so each subject's statements stand together (pyoxigraph writes a run of one
    subject's triples as one Turtle block)."""
    lines = path.read_bytes().splitlines(keepends=True)
    lines.sort()
    path.write_bytes(b"".join(lines))


def write_bulk(
    graph,
    path: str | os.PathLike,
    fmt: str,
    base: str = DEFAULT_BASE,
    modified: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> int:
    """The export of a Ladybug graph read in bulk (``industriegraph.analysis.export.ntriples``); returns the number of
    triples. N-Triples is written directly (the fast path for bulk use); Turtle (prefixed names, grouped by subject, for
    people to read), JSON-LD and RDF/XML are converted from it by pyoxigraph. Written
    to a temporary file beside ``path`` and moved there when complete (a failed export leaves ``path`` as it was).
    ``progress(step, done, total)`` is told each table and the conversion."""

    def tail(m: Mapper, roles: set, nodes: list, located: list) -> Iterator[Triple]:
        yield from role_triples(m, roles)
        yield from describe(nodes, located, base, fmt=fmt, modified=modified)

    path = Path(path)
    nt, tmp = path.with_name(path.name + ".nt.tmp"), path.with_name(path.name + ".tmp")
    try:
        with open(nt, "wb") as out:
            count = write_ntriples(graph, out, base, topic_scheme_triples, tail, progress)
        if fmt == "ntriples":
            os.replace(nt, path)
        else:
            if progress:
                progress(f"converting {count:,} triples to {fmt}", BulkExport.STEPS - 1, BulkExport.STEPS)
            if fmt == "turtle" and count <= SORTED_TURTLE_MAX:
                _sort_lines(nt)  # one block per subject for people to read
            convert(nt, tmp, _OX_FORMATS[fmt])
            os.replace(tmp, path)
    finally:
        nt.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    if progress:
        progress("done", BulkExport.STEPS, BulkExport.STEPS)
    return count


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
