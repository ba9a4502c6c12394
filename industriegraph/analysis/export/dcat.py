"""The DCAT-AP.de 3.0 description of an RDF export: one ``dcat:Dataset`` with its distributions.

What the description states, and why:

* mandatory (DCAT-AP / DCAT-AP.de): ``dcterms:title``, ``dcterms:description`` (German and
  English), ``dcterms:publisher`` (a ``foaf:Agent`` with ``foaf:name`` and an ADMS publisher type),
  ``dcat:distribution`` each with ``dcat:accessURL`` and ``dcterms:license``;
* ``dcatde:contributorID`` (Konvention 12): an IRI; GovData assigns registered providers an IRI in
  ``http://dcat-ap.de/def/contributors/``, which this project does not have, so the default is the
  project's own IRI and the controlled-vocabulary shape reports a warning (not a violation) until a
  registered ID is passed;
* political geocoding: ``dcatde:politicalGeocodingLevelURI`` ``…/Level/federal`` (the graph covers
  Germany) and, in ``dcterms:spatial``, the ``politicalGeocoding/stateKey`` IRI of every Land the
  graph has initiatives in, plus Germany (EU country authority ``DEU``). DCAT-AP.de 3.0 deprecates
  ``dcatde:politicalGeocodingURI`` and ``dcatde:geocodingDescription`` (``dcat-ap-de-deprecated.ttl``
  warns on them) and asks for the geocoding IRIs in ``dcterms:spatial`` instead (Konvention 11), so
  the deprecated properties are not written;
* licence from the DCAT-AP.de licence vocabulary (default CC BY 4.0), language German (EU
  language authority), themes ECON and GOVE (EU data-theme authority), ``dcterms:issued`` and
  ``dcterms:modified``, ``prov:wasDerivedFrom`` the source documents.

Every vocabulary term used is typed and given its ``skos:inScheme`` here, because the
DCAT-AP.de controlled-vocabulary shapes check the scheme and the validator runs offline without
the remote vocabularies.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import Any

from industriegraph.analysis.export.triples import RDF_TYPE, Lit, Mapper, Triple, expand
from industriegraph.model.rdf import DEFAULT_BASE, FORMATS
from industriegraph.model.states import STATES

EU = "http://publications.europa.eu/resource/authority/"
LICENSES = "http://dcat-ap.de/def/licenses"
DEFAULT_LICENSE = f"{LICENSES}/cc-by/4.0"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
PUBLISHER_TYPES = "http://purl.org/adms/publishertype/1.0"

# AGS state keys (first two digits of the Amtlicher Gemeindeschlüssel), keyed by ISO 3166-2 code.
STATE_KEYS = {
    "DE-SH": "01",
    "DE-HH": "02",
    "DE-NI": "03",
    "DE-HB": "04",
    "DE-NW": "05",
    "DE-HE": "06",
    "DE-RP": "07",
    "DE-BW": "08",
    "DE-BY": "09",
    "DE-SL": "10",
    "DE-BE": "11",
    "DE-BB": "12",
    "DE-MV": "13",
    "DE-SN": "14",
    "DE-ST": "15",
    "DE-TH": "16",
}
assert set(STATE_KEYS) == set(STATES.values())

# format -> (EU file-type, IANA media type, title)
DISTRIBUTIONS = {
    "turtle": ("RDF_TURTLE", "text/turtle", "Turtle"),
    "ntriples": ("RDF_N_TRIPLES", "application/n-triples", "N-Triples"),
    "jsonld": ("JSON_LD", "application/ld+json", "JSON-LD"),
    "rdfxml": ("RDF_XML", "application/rdf+xml", "RDF/XML"),
}

TITLE_DE = "Industriegraph: regionale Industrieinitiativen in Deutschland"
TITLE_EN = "Industriegraph: regional industry initiatives in Germany"
DESCRIPTION_DE = (
    "Wissensgraph der regionalen Industrieinitiativen in Deutschland, ihrer Mitgliedsorganisationen "
    "(Kammern, Gewerkschaften, Verbände, Unternehmen, Hochschulen, Verwaltung), Personen, Strategien und "
    "industriepolitischen Maßnahmen, mit Fundstelle (Datei und Zeile) jeder Aussage in den Quelldokumenten."
)
DESCRIPTION_EN = (
    "Knowledge graph of Germany's regional industry initiatives, their member organisations, people, "
    "strategies and industrial-policy measures, with the source document and line of every statement."
)


def _today() -> str:
    """Export date; honours SOURCE_DATE_EPOCH so that reproducible builds give identical files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def _concept(iri: str, scheme: str, cls: str = "skos:Concept", label: str | None = None) -> Iterator[Triple]:
    yield iri, RDF_TYPE, expand(cls)
    if cls != "skos:Concept":
        yield iri, RDF_TYPE, expand("skos:Concept")
    yield iri, expand("skos:inScheme"), scheme
    if label:
        yield iri, expand("skos:prefLabel"), Lit(label, None, "de")


def describe(
    nodes: Iterable[dict[str, Any]],
    rels: Iterable[dict[str, Any]],
    base: str = DEFAULT_BASE,
    *,
    fmt: str = "turtle",
    modified: str | None = None,
    issued: str | None = None,
    license: str = DEFAULT_LICENSE,
    publisher_name: str = "Projekt industriegraph",
    publisher_url: str = "https://github.com/industriegraph/industriegraph",
    contributor_id: str | None = None,
    title: str | None = TITLE_DE,
) -> list[Triple]:
    """Triples of the ``dcat:Dataset`` describing this export (``title=None`` leaves the title out)."""
    m = Mapper(base)
    nodes = list(nodes)
    xsd_date = expand("xsd:date")
    modified = modified or _today()
    issued = issued or modified
    ds = f"{m.base}dataset"
    publisher = f"{m.base}publisher"
    t: list[Triple] = []
    add = t.append
    p = expand

    add((ds, RDF_TYPE, p("dcat:Dataset")))
    if title:
        add((ds, p("dcterms:title"), Lit(title, None, "de")))
        add((ds, p("dcterms:title"), Lit(TITLE_EN, None, "en")))
    add((ds, p("dcterms:description"), Lit(DESCRIPTION_DE, None, "de")))
    add((ds, p("dcterms:description"), Lit(DESCRIPTION_EN, None, "en")))
    add((ds, p("dcterms:identifier"), Lit(ds)))
    add((ds, p("dcterms:publisher"), publisher))
    add((ds, p("dcterms:creator"), publisher))
    add((ds, p("dcatde:contributorID"), contributor_id or f"{m.base}contributor"))
    add((ds, p("dcterms:issued"), Lit(issued, xsd_date)))
    add((ds, p("dcterms:modified"), Lit(modified, xsd_date)))
    add((ds, p("dcterms:license"), license))
    add((ds, p("dcat:landingPage"), publisher_url))
    lang = f"{EU}language/DEU"
    add((ds, p("dcterms:language"), lang))
    t.extend(_concept(lang, f"{EU}language", "dcterms:LinguisticSystem", "Deutsch"))
    for theme, label in (("ECON", "Wirtschaft und Finanzen"), ("GOVE", "Regierung und öffentlicher Sektor")):
        iri = f"{EU}data-theme/{theme}"
        add((ds, p("dcat:theme"), iri))
        t.extend(_concept(iri, f"{EU}data-theme", label=label))
    for kw in ("Industriepolitik", "Industrieinitiativen", "Sozialpartner", "Transformation", "Wissensgraph"):
        add((ds, p("dcat:keyword"), Lit(kw, None, "de")))
    for prop, value, scheme in (
        ("dcatap:availability", f"{EU}planned-availability/STABLE", f"{EU}planned-availability"),
        ("dcterms:accrualPeriodicity", f"{EU}frequency/IRREG", f"{EU}frequency"),
        ("dcterms:accessRights", f"{EU}access-right/PUBLIC", f"{EU}access-right"),
    ):
        add((ds, p(prop), value))
        cls = {
            "dcterms:accrualPeriodicity": "dcterms:Frequency",
            "dcterms:accessRights": "dcterms:RightsStatement",
        }.get(prop, "skos:Concept")
        t.extend(_concept(value, scheme, cls))
    # political geocoding: federal level, the Länder the graph has initiatives in
    level = f"{GEOCODING}Level/federal"
    add((ds, p("dcatde:politicalGeocodingLevelURI"), level))
    t.extend(_concept(level, f"{GEOCODING}Level", label="Bund"))
    located = {r["target"] for r in rels if r["r"]["_label"] == "LOCATED_IN"}
    codes = sorted(n["code"] for n in nodes if n["_label"] == "State" and n["id"] in located and n.get("code"))
    germany = f"{EU}country/DEU"
    add((ds, p("dcterms:spatial"), germany))
    add((germany, RDF_TYPE, p("dcterms:Location")))
    for code in codes:
        key = f"{GEOCODING}stateKey/{STATE_KEYS[code]}"
        add((ds, p("dcterms:spatial"), key))
        add((key, RDF_TYPE, p("dcterms:Location")))
    # publisher
    add((publisher, RDF_TYPE, p("foaf:Agent")))
    add((publisher, p("foaf:name"), Lit(publisher_name)))
    add((publisher, p("foaf:homepage"), publisher_url))
    ptype = "http://purl.org/adms/publishertype/NonProfitOrganisation"
    add((publisher, p("dcterms:type"), ptype))
    t.extend(_concept(ptype, PUBLISHER_TYPES))
    # licence
    add((license, RDF_TYPE, p("dcterms:LicenseDocument")))
    add((license, p("skos:inScheme"), LICENSES))
    # provenance of the whole dataset
    for n in sorted(nodes, key=lambda n: n["id"]):
        if n["_label"] == "Source":
            add((ds, p("prov:wasDerivedFrom"), m.node(n["id"])))
    # distributions: the export in each RDF serialisation; the one written first
    for f in sorted(FORMATS, key=lambda f: f != fmt):
        filetype, media, name = DISTRIBUTIONS[f]
        dist = f"{ds}/distribution/{f}"
        url = f"{m.base}download/industriegraph.{FORMATS[f]}"
        add((ds, p("dcat:distribution"), dist))
        add((dist, RDF_TYPE, p("dcat:Distribution")))
        add((dist, p("dcterms:title"), Lit(f"{TITLE_DE} ({name})", None, "de")))
        add((dist, p("dcat:accessURL"), url))
        add((dist, p("dcat:downloadURL"), url))
        add((dist, p("dcterms:license"), license))
        add((dist, p("dcatde:licenseAttributionByText"), Lit(publisher_name)))
        add((dist, p("dcterms:format"), f"{EU}file-type/{filetype}"))
        t.extend(_concept(f"{EU}file-type/{filetype}", f"{EU}file-type", "dcterms:MediaTypeOrExtent"))
        mt = f"https://www.iana.org/assignments/media-types/{media}"
        add((dist, p("dcat:mediaType"), mt))
        add((mt, RDF_TYPE, p("dcterms:MediaType")))
        add((dist, p("dcterms:modified"), Lit(modified, xsd_date)))
        add((dist, p("adms:status"), f"{EU}distribution-status/COMPLETED"))
        add((dist, p("dcatap:availability"), f"{EU}planned-availability/STABLE"))
    t.extend(_concept(f"{EU}distribution-status/COMPLETED", f"{EU}distribution-status"))
    # the same vocabulary term may be stated twice (e.g. availability); keep the first
    return list(dict.fromkeys(t))
