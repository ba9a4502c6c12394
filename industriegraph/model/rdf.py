"""The RDF vocabulary of the schema: namespaces and the terms node properties map to.

Node classes and relationship properties are declared on each type in ``industriegraph.model.schema``;
this module holds the namespaces and the property terms shared by all node types.
"""

from __future__ import annotations

DEFAULT_BASE = "https://w3id.org/industriegraph/"
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
# Node properties -> predicate. Names not listed map to ig:{name}; None means "not stated as a literal".
PROPERTY_TERMS: dict[str, str | None] = {
    "name": "skos:prefLabel",
    "label": "skos:prefLabel",
    "aliases": "skos:altLabel",
    "title": "dcterms:title",
    "description": "dcterms:description",
    "text": "dcterms:description",
    "website": "foaf:homepage",
    "url": "foaf:page",
    "code": "skos:notation",
    "numeral": "skos:notation",
    "honorific": "foaf:title",
    "date": "dcterms:date",
    "year": "dcterms:issued",
    "message": "rdfs:comment",
    "broader": None,  # stated by the BROADER relationship
    "subject": "ig:subject",  # a node id: stated as the node's IRI
}
IRI_PROPS = {"website", "url"}
ID_PROPS = {"subject"}
GERMAN_PROPS = {"goals", "description", "text", "heading"}
GERMAN_LABELS = {"Topic"}  # labels whose ``label``/``name`` is German vocabulary text
