"""SHACL: the real export conforms to our shapes and to DCAT-AP.de 3.0; broken data fails with the shape's message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from typer.testing import CliRunner

from industriegraph.analysis.export.dcat import describe
from industriegraph.analysis.export.rdf import DEFAULT_BASE, export_rdf, parse_rdf, to_rdflib
from industriegraph.analysis.export.shapes import shapes_turtle
from industriegraph.analysis.export.validate import DCAT_DIR, OWN_SHAPES, validate
from industriegraph.model.kinds import KINDS

ORG = Namespace("http://www.w3.org/ns/org#")
DCT = Namespace("http://purl.org/dc/terms/")
IG = Namespace("https://w3id.org/industriegraph/def#")
# the shared folder beside the checkout (as on developer machines and in CI), to check the vendored copy
SHARED = Path(__file__).resolve().parents[3] / "shared" / "standards" / "dcat-ap-de-3.0"
CONTRIBUTOR_WARNING = "dcatde:contributorID SOLL, wenn passend, folgendes Vokabular benutzen"


@pytest.fixture(scope="module")
def export_file(graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shacl") / "industriegraph.ttl"
    export_rdf(graph, path, "turtle", modified="2025-01-31")
    return path


@pytest.fixture()
def data(export_file) -> Graph:
    return parse_rdf(export_file)


def test_real_export_conforms_to_our_shapes_and_dcat_ap_de(export_file):
    report = validate(export_file)
    assert report.conforms
    assert report.violations == []
    # the only remark: our contributor ID is not one GovData has registered (a warning, not a violation)
    assert [m.message for m in report.warnings] == [
        "dcat:Dataset: " + CONTRIBUTOR_WARNING + ": https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-contributors"
    ]


def test_description_without_title_fails_with_the_shape_message(graph):
    broken = describe(graph.nodes(), graph.relationships(), title=None, modified="2025-01-31")
    report = validate(to_rdflib(broken), ("dcat-ap-de",))
    assert not report.conforms
    assert [(m.focus, m.path, m.message) for m in report.violations] == [
        (
            f"<{DEFAULT_BASE}dataset>",
            "dcterms:title",
            "dcat:Dataset: dcterms:title MUSS MINDESTEN einmal vorkommen.",
        )
    ]


def test_description_without_publisher_or_licence_fails(graph):
    triples = describe(graph.nodes(), graph.relationships(), modified="2025-01-31")
    no_licence = [t for t in triples if not t[1].endswith("/license")]
    messages = {m.message for m in validate(to_rdflib(no_licence), ("dcat-ap-de",)).violations}
    assert "DE: dcat:Distribution: MUSS eine dcterms:license haben." in messages
    no_publisher = [t for t in triples if not t[1].endswith("/publisher")]
    messages = {m.message for m in validate(to_rdflib(no_publisher), ("dcat-ap-de",)).violations}
    assert any("dcterms:publisher" in m for m in messages)


def test_membership_without_role_fails(data):
    membership = next(data.subjects(RDF.type, ORG.Membership))
    data.remove((membership, ORG.role, None))
    report = validate(data, ("industriegraph",))
    assert not report.conforms
    assert [m.message for m in report.violations] == ["Membership (org:role): exactly one, of class org:Role."]
    assert report.violations[0].focus.endswith(str(membership).rsplit("/", 1)[1] + ">")


def test_membership_without_member_and_organisation_fails(data):
    membership = next(data.subjects(RDF.type, ORG.Membership))
    data.remove((membership, ORG.member, None))
    data.remove((membership, ORG.organization, None))
    messages = sorted(m.message for m in validate(data, ("industriegraph",)).violations)
    assert messages == [
        "Membership (org:member): exactly one, of class org:Organization (Organization).",
        "Membership (org:organization): exactly one, of class org:OrganizationalCollaboration (Initiative).",
    ]


def test_organisation_without_kind_and_initiative_without_state_fail(data):
    wiesbaden = URIRef(DEFAULT_BASE + "organization/ihk-wiesbaden")
    data.remove((wiesbaden, IG.kind, None))
    initiative = next(data.subjects(RDF.type, ORG.OrganizationalCollaboration))
    data.remove((initiative, DCT.spatial, None))
    messages = sorted(m.message for m in validate(data, ("industriegraph",)).violations)
    assert messages == [
        "Initiative LOCATED_IN (dcterms:spatial): at least one, of class dcterms:Location.",
        "Organization kind (ig:kind): exactly one, from the declared vocabulary, xsd:string.",
    ]


def test_unknown_kind_fails(data):
    wiesbaden = URIRef(DEFAULT_BASE + "organization/ihk-wiesbaden")
    data.set((wiesbaden, IG.kind, __import__("rdflib").Literal("Chamber")))
    messages = [m.message for m in validate(data, ("industriegraph",)).violations]
    assert messages == ["Organization kind (ig:kind): exactly one, from the declared vocabulary, xsd:string."]


def test_shapes_kind_vocabulary_is_the_declared_vocabulary():
    text = shapes_turtle()
    block = text[text.index("sh:path ig:kind") :]
    listed = re.findall(r'"([A-Za-z]+)"', block[block.index("sh:in") : block.index(")")])
    assert listed == list(KINDS)


def test_committed_shapes_file_is_the_generated_one():
    """The shapes are generated from the schema declaration; `make docs` rewrites the committed copy."""
    assert OWN_SHAPES.read_text(encoding="utf-8") == shapes_turtle(), "stale shapes file: run `make docs`"


def test_generated_shapes_cover_every_node_label_and_the_nary_patterns():
    from industriegraph.model.schema import NODES, RELS

    text = shapes_turtle()
    for n in NODES:
        assert (f"igsh:{n.label}Shape" in text) == (n.shape_target is not None), n.label
    for r in RELS:
        if r.nary:
            assert f"sh:targetClass {r.nary.cls}" in text


def test_wrong_datatype_and_second_value_fail(data):
    initiative = next(data.subjects(RDF.type, ORG.OrganizationalCollaboration))
    data.add((initiative, IG.radius, __import__("rdflib").Literal("global")))
    data.add((initiative, IG.founded, __import__("rdflib").Literal("early")))
    messages = sorted(m.message for m in validate(data, ("industriegraph",)).violations)
    assert "Initiative radius (ig:radius): at most one, one of lokal | regional | landesweit, xsd:string." in messages
    assert any(m.startswith("Initiative founded (ig:founded)") for m in messages)


def test_official_example_does_not_conform():
    """The shapes are live: the official DCAT-AP.de example fails on its locn:geometry literal (and, as it
    does not state the schemes of its vocabulary terms, on the controlled-vocabulary shapes)."""
    report = validate(DCAT_DIR / "Dataset-und-Distribution.ttl", ("dcat-ap-de",))
    assert not report.conforms
    assert sum(m.path == "locn:geometry" for m in report.violations) == 1
    assert sum("MUSS folgendes Vokabular benutzen" in m.message for m in report.violations) == 10


# SHA-256 of the files as published (checked against ../shared/standards when they were vendored)
VENDORED = {
    "DataService.ttl": "f8438921f44b37f8c160319b473387d65eaf0501cbd3fe49508b46f94e2eac7b",
    "Dataset-und-Distribution.ttl": "35e9296fe77e264eea1ccb4b1b8423e0e3ef5f870067394f47a00d289496a9e3",
    "DatasetSeries.ttl": "d1b4df0167452cc34731db86d18a45e425324def300c48f470c04974f53e3d72",
    "dcat-ap-SHACL-DE.ttl": "f37caba134234963a0555b05ae84c26163b5493a366b154a2b5688320d67f7a0",
    "dcat-ap-SHACL-EU-3.0.0.ttl": "92f76609d78d257123e75bc6b7155df5cc0a63f14c29fbc12b0ac95c56af2059",
    "dcat-ap-de-controlledvocabularies.ttl": "5a83bf7d17f60598f8959062c74c536b7659972eee370e425817bd063efe49e8",
    "dcat-ap-de-deprecated.ttl": "236c038de933af7b3fe7fff0e58d483b44f42ec2b74ede5d56775ac5f324d61c",
    "dcat-ap-de-imports.ttl": "83a171feda8438e9661445ae167a70a7318422a99ba2294c0829a00abcb9e77c",
    "dcat-ap-spec-german-additions.ttl": "86a51b5eef5df4e6ea80e2cf33e4375ee61af2bb955fb80808975d90088765f6",
}


def test_vendored_shapes_are_byte_identical():
    import hashlib

    got = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DCAT_DIR.glob("*.ttl")}
    assert got == VENDORED
    if SHARED.exists():  # beside a checkout the originals are at hand too
        for src in SHARED.iterdir():
            assert (DCAT_DIR / src.name).read_bytes() == src.read_bytes(), src.name


def test_cli_validate(export_file, tmp_path):
    import industriegraph.cli.rdf  # noqa: F401 - registers the commands
    from industriegraph.cli.main import app

    ok = CliRunner().invoke(app, ["validate", str(export_file)])
    assert ok.exit_code == 0, ok.output
    assert "conforms (industriegraph, dcat-ap-de); 1 warning(s)" in ok.output
    g = parse_rdf(export_file)
    g.remove((URIRef(DEFAULT_BASE + "dataset"), DCT.title, None))
    broken = tmp_path / "broken.nt"
    g.serialize(broken, format="nt")
    res = CliRunner().invoke(app, ["validate", str(broken), "--no-warnings", "--shapes", "dcat-ap-de"])
    assert res.exit_code == 1
    assert "dcat:Dataset: dcterms:title MUSS MINDESTEN einmal vorkommen." in res.output
    assert "does NOT conform: 1 violation(s)" in res.output
    missing = CliRunner().invoke(app, ["validate", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 2
