"""The RDF vocabulary of the schema: namespaces and the terms that are not one node or relationship type's own.

The RDF class of each node label, the RDF property of each relationship type and the predicate of each
property are declared on the types themselves (``industriegraph.model.schema``). This module holds what
they share: the namespaces, the n-ary pattern of W3C ORG (``Nary``, used by MEMBER_OF and HOLDS_ROLE), and
the terms of provenance and of the topic scheme.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_BASE = "https://w3id.org/industriegraph/"
# The serialisations the export writes, with their file suffixes, and its serialisers (here, not in the export, so
# that the CLI can name them in its help without importing the export).
FORMATS = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf"}
ENGINES = ("pyoxigraph", "rdflib")
IG = "https://w3id.org/industriegraph/def#"

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "dcatap": "http://data.europa.eu/r5r/",
    "adms": "http://www.w3.org/ns/adms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "schema": "http://schema.org/",
    "qb": "http://purl.org/linked-data/cube#",
    "ig": IG,
}


def expand_curie(curie: str) -> str:
    """A CURIE as a full IRI; full IRIs and unknown prefixes pass through.

    >>> expand_curie("org:memberOf")
    'http://www.w3.org/ns/org#memberOf'
    >>> expand_curie("https://example.org/x")
    'https://example.org/x'
    """
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else curie


# Provenance: every node, membership, post and statement is ``prov:wasDerivedFrom`` its source documents; the
# ``file:line`` strings are the predicate of the ``evidence`` property (declared in the schema).
DERIVED_FROM = "prov:wasDerivedFrom"
# The label of a role concept and of anything else named (the ``name`` property's predicate as well).
PREF_LABEL = "skos:prefLabel"
# Concept schemes: topics (a node type with ``scheme=True``) and the roles of memberships and posts.
CONCEPT = "skos:Concept"
CONCEPT_SCHEME = "skos:ConceptScheme"
IN_SCHEME = "skos:inScheme"
TOP_CONCEPT_OF = "skos:topConceptOf"
# Organisations of a formal kind (``industriegraph.model.kinds.FORMAL_KINDS``) are typed this as well.
FORMAL_ORGANIZATION = "org:FormalOrganization"


@dataclass(frozen=True)
class Nary:
    """A relationship stated as a W3C ORG n-ary resource rather than one triple.

    ``source -[type]-> target`` with property ``role`` becomes a resource of class ``cls`` (IRI
    ``{base}{path}/{hash}``) with ``source_term`` the source, ``target_term`` the target and ``role_term`` an
    ``org:Role`` concept; the source also gets the relationship's ``rdf_property`` pointing at the resource and
    the ``shortcut`` to the target. ``default_role`` names a missing role.
    """

    cls: str
    path: str
    source_term: str
    target_term: str
    role_term: str
    role_class: str
    shortcut: str
    default_role: str


MEMBERSHIP = Nary(
    cls="org:Membership",
    path="membership",
    source_term="org:member",
    target_term="org:organization",
    role_term="org:role",
    role_class="org:Role",
    shortcut="org:memberOf",
    default_role="member",
)
POST = Nary(
    cls="org:Post",
    path="post",
    source_term="org:heldBy",
    target_term="org:postIn",
    role_term="org:role",
    role_class="org:Role",
    shortcut="org:memberOf",
    default_role="Funktion",
)

# Terms declared here (beside the schema's own): checked like those, see tests/model/test_labels.py.
TERMS: tuple[str, ...] = (
    DERIVED_FROM,
    PREF_LABEL,
    FORMAL_ORGANIZATION,
    *(t for n in (MEMBERSHIP, POST) for t in (n.cls, n.source_term, n.target_term, n.role_term, n.role_class)),
    MEMBERSHIP.shortcut,
)
