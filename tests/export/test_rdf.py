"""RDF export of the real graph: mapping, stable IRIs, provenance, round trip, SPARQL = query module."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from typer.testing import CliRunner

from industriegraph.analysis.export.rdf import (
    DEFAULT_BASE,
    FORMATS,
    IG,
    export_rdf,
    export_triples,
    parse_rdf,
    sparql_queries,
    write,
)
from industriegraph.model.kinds import FORMAL_KINDS
from industriegraph.model.schema import RELS

ORG = Namespace("http://www.w3.org/ns/org#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
IGNS = Namespace(IG)


@pytest.fixture(scope="module")
def ttl(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("rdf") / "industriegraph.ttl"
    export_rdf(graph, path, "turtle", modified="2025-01-31")
    return path


@pytest.fixture(scope="module")
def rdf(ttl):
    return parse_rdf(ttl)


def count(g, cls) -> int:
    return len(set(g.subjects(RDF.type, cls)))


def test_round_trip_counts_match_the_graph(graph, rdf):
    stats = graph.stats()
    assert count(rdf, ORG.Organization) == stats["Organization"] == 112
    assert count(rdf, ORG.OrganizationalCollaboration) == stats["Initiative"] == 97
    assert count(rdf, ORG.Membership) == stats["MEMBER_OF"] == 77
    assert count(rdf, ORG.Post) == stats["HOLDS_ROLE"] == 8
    assert count(rdf, SKOS.Concept) >= stats["Topic"]
    # 26077, then +24 for the PART_OF links of regional branches, +5 for the vocabulary acronyms of report
    # organisations as aliases (WV Stahl, BA, VhU, BMWE)
    assert len(rdf) == 26106


def test_formal_organisations(graph, rdf):
    formal = {
        URIRef(DEFAULT_BASE + "organization/" + n["id"].split(":", 1)[1])
        for n in graph.nodes()
        if n["_label"] == "Organization" and n.get("kind") in FORMAL_KINDS
    }
    assert set(rdf.subjects(RDF.type, ORG.FormalOrganization)) == formal
    assert len(formal) == 105
    # clusters and "other" stay plain organisations
    cluster = URIRef(
        DEFAULT_BASE
        + "organization/"
        + next(n["id"].split(":", 1)[1] for n in graph.nodes() if n.get("kind") == "Cluster")
    )
    assert (cluster, RDF.type, ORG.Organization) in rdf
    assert (cluster, RDF.type, ORG.FormalOrganization) not in rdf


def test_memberships_have_member_organisation_role_and_source_line(graph, rdf):
    by_key = {}
    for m in rdf.subjects(RDF.type, ORG.Membership):
        member = rdf.value(m, ORG.member)
        ini = rdf.value(m, ORG.organization)
        role = rdf.value(rdf.value(m, ORG.role), SKOS.prefLabel)
        lines = sorted(str(x) for x in rdf.objects(m, DCT.source))
        docs = set(rdf.objects(m, PROV.wasDerivedFrom))
        by_key[(str(rdf.value(member, DCT.identifier)), str(rdf.value(ini, DCT.identifier)), str(role))] = (lines, docs)
        assert (member, ORG.memberOf, ini) in rdf
        assert (member, ORG.hasMembership, m) in rdf
    expected = {
        (r["source"], r["target"], r["r"]["role"]): sorted(r["r"]["evidence"])
        for r in graph.relationships()
        if r["r"]["_label"] == "MEMBER_OF"
    }
    assert {k: v[0] for k, v in by_key.items()} == expected
    for lines, docs in by_key.values():
        files = {line.rsplit(":", 1)[0] for line in lines}
        assert {rdf.value(d, IGNS.file).toPython() for d in docs} == files


def test_people_hold_posts_with_roles(rdf):
    laura = URIRef(DEFAULT_BASE + "person/laura-pooth")
    posts = list(rdf.objects(laura, ORG.holds))
    assert len(posts) == 1
    post = posts[0]
    assert rdf.value(post, ORG.heldBy) == laura
    assert str(rdf.value(rdf.value(post, ORG.postIn), SKOS.prefLabel)) == "Deutscher Gewerkschaftsbund Nord"
    assert str(rdf.value(rdf.value(post, ORG.role), SKOS.prefLabel)) == "Vorsitzende"
    assert (laura, ORG.memberOf, rdf.value(post, ORG.postIn)) in rdf


def test_states_topics_and_part_of_structure(graph, rdf):
    hh = URIRef(DEFAULT_BASE + "state/de-hh")
    assert rdf.value(hh, SKOS.notation) == Literal("DE-HH")
    assert str(rdf.value(hh, SKOS.prefLabel)) == "Hamburg"
    scheme = URIRef(DEFAULT_BASE + "topic")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in rdf
    topics = set(rdf.subjects(SKOS.inScheme, scheme))
    assert len(topics) == graph.stats()["Topic"] == 37
    assert all(rdf.value(t, SKOS.prefLabel).language == "de" for t in topics)
    assert len(list(rdf.subject_objects(SKOS.broader))) == graph.stats()["BROADER"] == 23
    assert len(set(rdf.subjects(SKOS.topConceptOf, scheme))) == 37 - 23
    # strategy -> action field -> measure / objective; measures of a package: isPartOf the strategy
    masterplan = URIRef(DEFAULT_BASE + "strategy/masterplan-industrie-ein-buendnis-fuer-die-industrie-der-zukunft")
    fields = set(rdf.objects(masterplan, DCT.hasPart))
    assert len(fields) == 5
    assert sum(1 for f in fields for _ in rdf.objects(f, DCT.hasPart)) == 51 + 14
    # measures of a package and regional branches of their national body
    assert len(set(rdf.subject_objects(DCT.isPartOf))) == graph.stats()["PART_OF"] == 8 + 3


def test_every_relationship_type_uses_its_declared_property(rdf):
    for rel in RELS:
        if rel.rdf_property in ("org:hasMembership", "org:holds"):
            continue
        prop = rel.rdf_property.lstrip("^")
        p = URIRef(
            {
                "dcterms": str(DCT),
                "prov": str(PROV),
                "skos": str(SKOS),
                "org": str(ORG),
                "schema": "http://schema.org/",
            }[prop.split(":")[0]]
            + prop.split(":")[1]
        )
        assert next(rdf.subject_objects(p), None) is not None, rel.type
        typed = [s for s in rdf.subjects(DCT.type, Literal(rel.type))]
        if typed:
            assert rdf.value(typed[0], RDF.predicate) == p


def test_inverse_properties_point_the_right_way(rdf):
    measure = URIRef(DEFAULT_BASE + "measure/masterplan-industrie-hamburg-txt-hf2-m3")
    aic = URIRef(DEFAULT_BASE + "organization/artificial-intelligence-center-hamburg")
    assert (measure, PROV.wasAttributedTo, aic) in rdf


def test_node_facts_carry_provenance(rdf):
    ini = URIRef(DEFAULT_BASE + "initiative/anett-automotive-netzwerk-transformation-thueringen")
    assert sorted(str(x) for x in rdf.objects(ini, DCT.source)) == [
        "servicestelle-industrieinitiativen-abschlussbericht.txt:5662",
        "servicestelle-industrieinitiativen-abschlussbericht.txt:5693",
        "servicestelle-industrieinitiativen-abschlussbericht.txt:5694",
        "servicestelle-industrieinitiativen-abschlussbericht.txt:753",
    ]
    assert list(rdf.objects(ini, PROV.wasDerivedFrom)) == [
        URIRef(DEFAULT_BASE + "source/servicestelle-industrieinitiativen-abschlussbericht-txt")
    ]


def test_iris_are_stable_and_base_is_configurable(graph):
    a = export_triples(graph, modified="2025-01-31")
    b = export_triples(graph, modified="2025-01-31")
    assert a == b
    other = export_triples(graph, "http://example.org/ig/", modified="2025-01-31")
    subjects = {s for s, _, _ in other}
    assert len(other) == len(a)
    assert "http://example.org/ig/organization/ihk-wiesbaden" in subjects
    assert not any(s.startswith(DEFAULT_BASE) for s in subjects)


def test_dataset_description(rdf):
    ds = URIRef(DEFAULT_BASE + "dataset")
    assert (ds, RDF.type, DCAT.Dataset) in rdf
    assert len(set(rdf.objects(ds, DCAT.distribution))) == len(FORMATS)
    assert rdf.value(ds, DCT.modified).toPython().isoformat() == "2025-01-31"
    assert rdf.value(ds, DCT.license) == URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
    level = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/federal")
    assert rdf.value(ds, URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI")) == level
    spatial = {str(x) for x in rdf.objects(ds, DCT.spatial)}
    assert "http://dcat-ap.de/def/politicalGeocoding/stateKey/02" in spatial  # Hamburg
    assert "http://publications.europa.eu/resource/authority/country/DEU" in spatial
    assert len(set(rdf.objects(ds, PROV.wasDerivedFrom))) == 5


def test_cooccurrence_sparql_gives_the_query_module_rows(graph, rdf):
    rows = [
        {
            "a_name": str(r.a_name),
            "b_name": str(r.b_name),
            "shared": int(r.shared),
            "initiatives": sorted(str(r.initiatives).split(" | ")),
        }
        for r in rdf.query(sparql_queries()["cooccurrence"])
    ]
    assert rows == graph.query("cooccurrence")
    assert len(rows) == 3


def test_every_sample_query_runs(ttl, rdf):
    """All sample queries on pyoxigraph (fast); rdflib agrees on the row counts."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    queries = sparql_queries()
    assert {"cooccurrence", "kind-cooccurrence", "initiatives", "measures", "people", "provenance"} <= set(queries)
    results = {name: list(store.query(q)) for name, q in queries.items()}
    assert len(results["initiatives"]) == 97
    assert len(results["measures"]) == 59
    assert len(results["cooccurrence"]) == 3
    assert len(results["people"]) == 13
    assert len(results["participation-table"]) == 20
    assert len(results["provenance"]) == 116
    assert len(results["initiatives-by-topic"]) == 110
    assert all(results.values())
    for name in ("kind-cooccurrence", "initiatives", "measures", "people", "provenance"):
        assert len(list(rdf.query(queries[name]))) == len(results[name]), name


def ox_triples(path) -> set[str]:
    import pyoxigraph as ox

    return {str(t) for t in ox.parse(path=str(path))}


@pytest.mark.parametrize(
    "fmt,engine",
    [
        ("ntriples", "pyoxigraph"),
        ("jsonld", "pyoxigraph"),
        ("rdfxml", "pyoxigraph"),
        ("ntriples", "rdflib"),
        ("turtle", "rdflib"),
    ],
)
def test_all_formats_and_engines_give_the_same_triples(graph, ttl, tmp_path, fmt, engine):
    path = tmp_path / f"x.{FORMATS[fmt]}"
    export_rdf(graph, path, fmt, engine=engine, modified="2025-01-31")
    assert ox_triples(path) == ox_triples(ttl)


def test_rdflib_reads_jsonld_and_rdfxml(graph, rdf, tmp_path):
    for fmt in ("jsonld", "rdfxml"):
        path = tmp_path / f"x.{FORMATS[fmt]}"
        export_rdf(graph, path, fmt, modified="2025-01-31")
        assert len(parse_rdf(path)) == len(rdf), fmt


def test_cli_export_rdf(built_db, tmp_path):
    import industriegraph.cli.rdf  # noqa: F401 - registers the commands
    from industriegraph.cli.main import app

    out = tmp_path / "g.nt"
    res = CliRunner().invoke(
        app,
        [
            "export",
            "rdf",
            "--format",
            "ntriples",
            "-o",
            str(out),
            "--base-iri",
            "http://example.org/x/",
            "--db",
            str(built_db),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "triples (ntriples)" in res.output
    text = out.read_text(encoding="utf-8")
    assert "<http://example.org/x/organization/ihk-wiesbaden>" in text
    bad = CliRunner().invoke(app, ["export", "rdf", "--format", "csv", "-o", str(out), "--db", str(built_db)])
    assert bad.exit_code == 1
    assert "unknown format 'csv'" in bad.output


def test_bulk_export_is_the_reference_graph_on_the_real_graph(graph, tmp_path):
    """The bulk writer (the default for a Ladybug graph) states exactly the triples of the reference mapping
    (``export_triples``, a tuple per triple, written by rdflib)."""
    from rdflib.compare import isomorphic

    bulk, ref = tmp_path / "bulk.nt", tmp_path / "ref.nt"
    counts = export_rdf(graph, bulk, "ntriples", modified="2025-01-31")
    triples = export_triples(graph, modified="2025-01-31", fmt="ntriples")
    write(triples, ref, "ntriples", engine="rdflib")
    assert counts["triples"] == len(triples) == 26106  # no statement twice: the count is the graph's size
    assert isomorphic(parse_rdf(bulk), parse_rdf(ref))


def test_bulk_export_is_the_reference_graph_on_a_synthetic_graph(tmp_path):
    """The same on a synthetic graph: many memberships (the n-ary pattern in bulk), repeated roles, all labels."""
    from industriegraph.graph.facade import Graph
    from industriegraph.pipeline.synth import synth

    db = tmp_path / "synth.db"
    synth(db, seed=5, initiatives=30, organizations=200, memberships=2000)
    bulk, ref = tmp_path / "bulk.ttl", tmp_path / "ref.nt"
    with Graph.open(db, read_only=False) as g:
        # a membership and a topic link stated twice with other evidence: one membership (statement) resource
        # with the evidence of both, and a parallel plain link stated once
        for type_, props in (("MEMBER_OF", "role: 'partner', "), ("HAS_TOPIC", "")):
            a, la, b, lb = g.cypher(
                f"MATCH (a)-[r:{type_}]->(b) RETURN a.id AS a, label(a) AS la, b.id AS b, label(b) AS lb LIMIT 1"
            )[0].values()
            for line in (7, 8):
                g.store.conn.execute(
                    f"MATCH (a:{la} {{id: $a}}), (b:{lb} {{id: $b}}) "
                    f"CREATE (a)-[:{type_} {{{props}evidence: $ev}}]->(b)",
                    {"a": a, "b": b, "ev": [f"synth-zweitquelle.txt:{line}"]},
                )
        counts = export_rdf(g, bulk, "turtle", modified="2025-01-31")
        triples = export_triples(g, modified="2025-01-31", fmt="turtle")
    write(triples, ref, "ntriples", engine="rdflib")
    assert counts["triples"] == len(triples) > 2000 * 7
    assert ox_triples(bulk) == ox_triples(ref)


@pytest.mark.parametrize(
    "value",
    ['Sagt "ja"', "C:\\Pfad\\n", "zwei\nZeilen\r\nund\tTab", "Umlaute äöüß – “typografisch”", "", "\\u0041"],
)
def test_bulk_literals_are_escaped(value):
    """N-Triples escaping of the bulk writer: a parser reads back exactly the value."""
    import pyoxigraph as ox

    from industriegraph.analysis.export.ntriples import lit

    for text, lang in ((value, None), (value, "de")):
        (t,) = ox.parse(f"<http://e.org/s> <http://e.org/p> {lit(text, lang)} .\n", format=ox.RdfFormat.N_TRIPLES)
        assert t.object.value == text
        assert t.object.language == lang
    (t,) = ox.parse(f"<http://e.org/s> <http://e.org/p> {lit(7)} .\n", format=ox.RdfFormat.N_TRIPLES)
    assert t.object.datatype.value == "http://www.w3.org/2001/XMLSchema#integer"


def test_bulk_iris_are_valid():
    """A URL with characters an IRI may not contain is percent-encoded rather than written broken."""
    import pyoxigraph as ox

    from industriegraph.analysis.export.ntriples import iri

    url = iri("https://e.org/a<b>{c}|d^e`f\\g")
    (t,) = ox.parse(f"<http://e.org/s> <http://e.org/p> {url} .\n", format=ox.RdfFormat.N_TRIPLES)
    assert t.object.value == "https://e.org/a%3Cb%3E%7Bc%7D%7Cd%5Ee%60f%5Cg"


def test_turtle_states_each_subject_in_one_block(ttl):
    """People read the Turtle file: every subject's statements stand together, once, under prefixed names."""
    text = Path(ttl).read_text(encoding="utf-8")
    starts = [line.split(" ", 1)[0] for line in text.splitlines() if line and not line[0].isspace()]
    subjects = [s for s in starts if s != "@prefix"]
    assert len(subjects) == len(set(subjects)), "a subject starts more than one block"
    assert "@prefix org: <http://www.w3.org/ns/org#> ." in text and "\torg:memberOf " in text
