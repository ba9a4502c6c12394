"""The graph schema, declared once.

Everything else is generated from or reads these declarations: the Ladybug DDL, the Neo4j constraints and
indexes (``industriegraph.model.ddl``), the schema reference page ``docs/schema.md``
(``industriegraph.model.docs``), the RDF mapping and the SHACL shapes (``industriegraph.analysis.export``),
and the German names the explorer shows (``label_de``, ``plural_de``, ``rel_label_de``, ``prop_label_de``,
``value_label_de`` below). Every node has ``id`` (primary key), ``evidence`` and ``statements`` (per-value evidence, see
``industriegraph.model.statements``); every relationship has ``evidence``.

RDF: a node label has its ``rdf_class``; a relationship type its ``rdf_property`` (``^p`` states it in the
inverse direction, ``target p source``) or an n-ary pattern (``nary``); a property its predicate ``rdf``
(default ``ig:<name>``; ``None``: not stated as a literal). ``lang`` marks German text (literals tagged
``@de``), ``iri`` a URL stated as an IRI, ``ref`` a node id stated as that node's IRI.

SHACL (``industriegraph.analysis.export.shapes``): every scalar property is single-valued and typed, a
property with ``values`` takes only those, ``pattern`` is checked, and a node type's ``required`` names the
properties and relationship types it must have (a tuple inside ``required`` is a choice).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from industriegraph.model.kinds import KIND_LABELS, KINDS
from industriegraph.model.rdf import CONCEPT, DERIVED_FROM, MEMBERSHIP, POST, PREF_LABEL, Nary

STRING, INT, LIST = "STRING", "INT64", "STRING[]"
DEFAULT_TERM = ""  # a property's ``rdf`` when it has no standard term: ``ig:<name>``


def _frozen(mapping: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    doc: str
    values: tuple[str, ...] = ()  # controlled values, when the property has a closed vocabulary
    de: str = ""  # German name (pages, networks, docs)
    value_de: Mapping[str, str] = field(default_factory=_frozen, hash=False)  # German labels of (known) values
    rdf: str | None = DEFAULT_TERM  # predicate; "" -> ig:<name>; None -> not stated as a literal
    lang: bool = False  # German text: literals tagged @de
    iri: bool = False  # a URL, stated as an IRI when it is one
    ref: bool = False  # a node id, stated as that node's IRI
    pattern: str = ""  # regular expression every value matches (checked by the SHACL shapes)

    @property
    def term(self) -> str | None:
        """The RDF predicate (CURIE) of the property, ``None`` if it is not stated as a literal."""
        if self.rdf is None:
            return None
        return self.rdf or f"ig:{self.name}"

    @property
    def scalar(self) -> bool:
        return self.type != LIST


@dataclass(frozen=True)
class NodeType:
    label: str
    doc: str
    prefix: str  # id prefix, e.g. "org" in "org:handelskammer-hamburg"
    props: tuple[Prop, ...]
    rdf_class: str = ""
    display: str = "name"  # property shown as the node's caption
    de: str = ""  # German name
    plural_de: str = ""  # German plural
    required: tuple[str | tuple[str, ...], ...] = ()  # properties and relationship types every node has
    shape_target: str | None = "class"  # SHACL target: "class", a relationship type (its objects) or None
    scheme: bool = False  # its nodes are the concepts of a concept scheme

    @property
    def all_props(self) -> tuple[Prop, ...]:
        return (ID,) + self.props + (EVIDENCE, STATEMENTS)

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.all_props if p.name == name), None)


@dataclass(frozen=True)
class RelType:
    type: str
    doc: str
    pairs: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...] = field(default=())
    rdf_property: str = ""
    de: tuple[str, str] = ("", "")  # German wording seen from the source ("ist Mitglied von") and the target
    nary: Nary | None = None  # stated as an n-ary resource (W3C ORG membership or post)
    single: bool = False  # a source has at most one such relationship

    @property
    def all_props(self) -> tuple[Prop, ...]:
        return self.props + (EVIDENCE,)

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.all_props if p.name == name), None)


ID = Prop(
    "id",
    STRING,
    "Stable identifier: prefix and slug of the canonical name.",
    de="Kennung",
    rdf="dcterms:identifier",
)
# The place of an evidence line in the user's file: a plain text's 1-based line, a PDF's page and line on the page
# (p12:l7), a web page's line of extracted text (l40), a Word file's paragraph (¶18; ¶18:z2 a table row after it).
EVIDENCE_PLACES = "[0-9]+|l[0-9]+|p[0-9]+:l[0-9]+|¶[0-9]+(:z[0-9]+)?"
EVIDENCE = Prop(
    "evidence",
    LIST,
    "Where the fact is stated: `file:line` strings (file as in data/sources/, 1-based line; for other formats the "
    "place in the file: `file.pdf:p12:l7` page and line on it, `file.html:l40` line of the extracted text, "
    f"`file.docx:¶18` paragraph); in RDF also `{DERIVED_FROM}` the source document.",
    de="Belege",
    rdf="dcterms:source",
    pattern=f"^[^:]+:({EVIDENCE_PLACES})$",
)
NAME = Prop("name", STRING, "Canonical name.", de="Name", rdf=PREF_LABEL)
ALIASES = Prop(
    "aliases",
    LIST,
    "Other spellings found in the documents or the alias file.",
    de="Andere Schreibweisen",
    rdf="skos:altLabel",
)
ROLE = Prop("role", STRING, "Role as stated.", de="Rolle")
TITLE = Prop("title", STRING, "Title.", de="Titel", rdf="dcterms:title")
WORDING = Prop("text", STRING, "Wording.", de="Wortlaut", rdf="dcterms:description", lang=True)
STATEMENTS = Prop(
    "statements",
    STRING,
    "Per-value evidence, compact JSON `{property: [{value, evidence}, …]}`: for a single value the first entry is "
    "the one kept, further ones are values other documents state instead; for a list one entry per item. A property "
    "without entries rests on the node's `evidence`.",
    de="Belege je Angabe",
    rdf=None,
)

RADIUS = ("lokal", "regional", "landesweit")
STATUS = ("active", "ended")
MEMBER_ROLES = (
    "member",
    "partner",
    "carrier",
    "founder",
    "initiator",
    "coordinator",
    "signatory",
    "steering",
    "advisory",
    "funder",
)

RADIUS_DE = {"lokal": "lokal", "regional": "regional", "landesweit": "landesweit"}
STATUS_DE = {"active": "aktiv", "ended": "beendet"}
MEMBER_ROLES_DE = {
    "member": "Mitglied",
    "partner": "Partner",
    "carrier": "Träger",
    "founder": "Gründungsmitglied",
    "initiator": "Initiator",
    "coordinator": "Koordination",
    "signatory": "Unterzeichner/in",
    "steering": "Steuerungskreis",
    "advisory": "Beirat",
    "funder": "Förderer",
}
# Open vocabularies: the values the loaders record today; an unknown value shows its code.
PARTICIPATION_ROLES_DE = {
    "participant": "Teilnehmer/in",
    "input": "Impulsgeber/in",
    "presenter": "Vortragende/r",
    "speaker": "Redner/in",
    "organizer": "Veranstalter/in",
    "host": "Gastgeber/in",
    "party": "Vertragspartei",
    "signatory": "Unterzeichner/in",
    "winner": "Preisträger/in",
}
EVENT_KINDS_DE = {
    "peer-meeting": "Peer-Meeting",
    "regional-event": "Regionalveranstaltung",
    "industrieforum": "Industrieforum",
    "conference": "Konferenz",
    "webinar": "Webinar",
    "focus-group": "Fokusgruppe",
    "cluster-bridge": "Clusterbrücke",
    "award": "Preisverleihung",
    "signing": "Unterzeichnung",
}
SOURCE_KINDS_DE = {
    "network-report": "Netzwerkbericht",
    "policy-document": "Strategiedokument",
    "web-page": "Webseite",
    "member-list": "Mitgliederliste",
}
FINDING_KINDS_DE = {
    "state-conflict": "Bundesland widersprüchlich (Tabelle und Steckbrief)",
    "profile-matched-by-content": "Steckbrief über den Inhalt zugeordnet",
    "ended-initiative": "Beendete Initiative (nicht in Tabelle 1)",
    "missing-profile": "Kein Steckbrief vorhanden",
    "unmapped-topic": "Schwerpunkt ohne Begriff im Themenvokabular",
    "unresolved-name": "Name nicht aufgelöst",
    "date-inferred": "Datum erschlossen",
    "undated-plan": "Plan ohne eigenes Datum",
    "role-without-organization": "Rolle ohne Organisation",
    "unnamed-members": "Nicht namentlich genannte Mitglieder",
    "event-count-mismatch": "Anzahl der Veranstaltungen weicht ab",
    "count-mismatch": "Anzahl weicht ab",
    "no-partners": "Keine Partnerliste gefunden",
    "no-signatures": "Kein Unterschriftenblock gefunden",
    "table-noise": "Übergangener Text in der Tabelle",
    "value-conflict": "Widersprüchliche Angaben",
    "merge-candidate": "Zusammenführung nur nach Ähnlichkeit (zu prüfen)",
    "link-candidate": "Zuordnung nur nach Ähnlichkeit (zu prüfen)",
}
# The German message of each finding kind: a template filled with the structured parameters the loader or the
# resolver gives with the finding (``LoadResult.finding(kind, message, evidence, subject, **params)``), rendered by
# ``industriegraph.model.german.finding_message_de``. Lists are joined with "/", ``date`` is a German date, ``role``
# a role code, ``relation`` a relationship type and ``label`` a node label (each shown through its German label).
FINDING_MESSAGES_DE = {
    "state-conflict": "„{initiative}“: Die Tabelle nennt {table_states}, der Steckbrief „{profile}“ {profile_state}; "
    "übernommen wird das Land der Tabelle.",
    "profile-matched-by-content": "Der Steckbrief mit dem Titel „{profile}“ ({profile_state}) beschreibt "
    "„{initiative}“ ({states}): Sein Text nennt sie (Ähnlichkeit {similarity}), der Titel ähnelt dagegen "
    "„{title_match}“ ({title_states}).",
    "ended-initiative": "Der Steckbrief „{profile}“ hat keine Zeile in der Initiativentabelle; die Initiative ist "
    "beendet ({why}).",
    "missing-profile": "Die Initiative „{initiative}“ aus der Tabelle hat keinen Steckbrief im Anhang.",
    "unmapped-topic": "Schwerpunkt ohne Begriff im Themenvokabular: „{wording}“.",
    "unresolved-name": "{relation}: {label} „{name}“ nicht gefunden; die Verbindung fehlt deshalb.",
    "date-inferred": "„{name}“: Gründungsmonat ohne Jahr angegeben; das Jahr stammt aus dem Veröffentlichungsdatum "
    "{date}.",
    "undated-plan": "Der Plan nennt kein eigenes Jahr; frühere Ausgaben sind auf {years} datiert.",
    "role-without-organization": "„{person}“: Funktion „{role_text}“ ohne ihre Organisation genannt.",
    "unnamed-members": "„{name}“: {count} weitere {what} ({role}) werden nicht namentlich genannt.",
    "event-count-mismatch": "{announced} {what} angekündigt, {listed} aufgeführt.",
    "count-mismatch": "Die Seite kündigt {announced} Handlungsfelder an, gefunden wurden {found}.",
    "no-partners": "Keine Partnerliste in der Präambel gefunden.",
    "no-signatures": "Kein Unterschriftenblock (Zeile mit Ort und Datum) gefunden.",
    "table-noise": "Übergangener Text in der Initiativentabelle: „{text}“.",
}
DECISIONS_DE = {"same": "dieselbe", "different": "verschieden", "unsure": "unsicher"}
COOPERATION_KINDS_DE = {"sister": "Schwesterinitiative", "cooperation": "Zusammenarbeit"}

NODES: tuple[NodeType, ...] = (
    NodeType(
        "Initiative",
        "A regional industry initiative, network, alliance or project.",
        "ini",
        (
            NAME,
            ALIASES,
            Prop(
                "radius",
                STRING,
                "Aktionsradius as in Tabelle 1.",
                RADIUS,
                de="Aktionsradius",
                value_de=_frozen(RADIUS_DE),
            ),
            Prop("founded", INT, "Founding year.", de="Gründungsjahr"),
            Prop("foundedText", STRING, "Founding as written in the profile.", de="Gründung (laut Profil)"),
            Prop("website", STRING, "Website URL.", de="Website", rdf="foaf:homepage", iri=True),
            Prop("goals", LIST, "Goals (Ziele) as listed in the profile.", de="Ziele", lang=True),
            Prop(
                "description",
                STRING,
                "What is special about the initiative (Das Besondere).",
                de="Das Besondere",
                rdf="dcterms:description",
                lang=True,
            ),
            Prop(
                "status",
                STRING,
                "Whether the initiative is still active.",
                STATUS,
                de="Status",
                value_de=_frozen(STATUS_DE),
            ),
        ),
        "org:OrganizationalCollaboration",
        de="Initiative",
        plural_de="Initiativen",
        required=("name", "LOCATED_IN"),
    ),
    NodeType(
        "Organization",
        "A chamber, union, association, company, university, public body …",
        "org",
        (
            NAME,
            ALIASES,
            Prop(
                "kind",
                STRING,
                "Kind of organisation (vocabulary below).",
                tuple(KINDS),
                de="Organisationsart",
                value_de=_frozen(KIND_LABELS),
            ),
        ),
        "org:Organization",
        de="Organisation",
        plural_de="Organisationen",
        required=("id", "name", "kind"),
    ),
    NodeType(
        "Person",
        "A person who signs, leads or speaks.",
        "person",
        (
            NAME,
            ALIASES,
            Prop(
                "honorific",
                STRING,
                "Academic title as written (Dr., Prof.).",
                de="Akademischer Titel",
                rdf="foaf:title",
            ),
        ),
        "foaf:Person",
        de="Person",
        plural_de="Personen",
        required=("name",),
    ),
    NodeType(
        "State",
        "A German Land (Bundesland).",
        "state",
        (
            NAME,
            Prop(
                "code",
                STRING,
                "ISO 3166-2 code, e.g. DE-HH.",
                de="Kürzel",
                rdf="skos:notation",
                pattern="^DE-[A-Z]{2}$",
            ),
        ),
        "dcterms:Location",  # the dataset description's places too: nothing is required of every Location
        de="Bundesland",
        plural_de="Bundesländer",
    ),
    NodeType(
        "Topic",
        "A concept of the controlled topic vocabulary.",
        "topic",
        (
            Prop("label", STRING, "German preferred label.", de="Bezeichnung", rdf=PREF_LABEL, lang=True),
            Prop("broader", STRING, "Id of the broader concept, if any.", de="Oberbegriff", rdf=None, ref=True),
        ),
        CONCEPT,
        display="label",
        de="Thema",
        plural_de="Themen",
        required=("label",),
        shape_target="HAS_TOPIC",  # roles and objectives are concepts too: the shape checks what has a topic
        scheme=True,
    ),
    NodeType(
        "Strategy",
        "A strategy, plan, alliance agreement or programme document.",
        "strategy",
        (
            TITLE,
            ALIASES,
            Prop("year", INT, "Year of adoption or publication.", de="Jahr", rdf="dcterms:issued"),
            Prop("url", STRING, "Where it is published.", de="Veröffentlicht unter", rdf="foaf:page", iri=True),
        ),
        "dcterms:BibliographicResource",
        display="title",
        de="Strategie",
        plural_de="Strategien",
    ),
    NodeType(
        "ActionField",
        "A Handlungsfeld of a policy document.",
        "field",
        (
            Prop("number", INT, "Number within the document.", de="Nummer"),
            replace(TITLE, doc="Heading."),
        ),
        "skos:Collection",
        display="title",
        de="Handlungsfeld",
        plural_de="Handlungsfelder",
        required=("title", "HAS_ACTION_FIELD"),
    ),
    NodeType(
        "Objective",
        "A goal (Ziel I., II., …) of an action field.",
        "objective",
        (
            Prop("numeral", STRING, "Roman numeral as printed.", de="Ziffer", rdf="skos:notation"),
            WORDING,
        ),
        CONCEPT,
        display="text",
        de="Ziel",
        plural_de="Ziele",
        shape_target=None,  # topics and roles are concepts too, and dcterms:hasPart also names fields and measures
    ),
    NodeType(
        "Measure",
        "An agreed measure (numbered within its action field).",
        "measure",
        (
            Prop("number", INT, "Number within its action field (restarts at 1).", de="Nummer"),
            Prop("heading", STRING, "Sub-heading the measure falls under.", de="Abschnitt", lang=True),
            WORDING,
        ),
        "prov:Plan",
        display="text",
        de="Maßnahme",
        plural_de="Maßnahmen",
        required=("text", ("PART_OF", "HAS_MEASURE")),
    ),
    NodeType(
        "Event",
        "A meeting, event, signing, award or webinar.",
        "event",
        (
            TITLE,
            Prop(
                "kind",
                STRING,
                "peer-meeting, regional-event, industrieforum, webinar, focus-group, award, signing …",
                de="Veranstaltungsart",
                value_de=_frozen(EVENT_KINDS_DE),
            ),
            Prop("date", STRING, "ISO date or year, as far as stated.", de="Datum", rdf="dcterms:date"),
            Prop("location", STRING, "Place, if stated.", de="Ort"),
        ),
        "prov:Activity",
        display="title",
        de="Veranstaltung",
        plural_de="Veranstaltungen",
    ),
    NodeType(
        "Source",
        "A source document in data/sources/.",
        "source",
        (
            replace(TITLE, doc="Title of the document."),
            Prop("file", STRING, "File name.", de="Datei"),
            Prop(
                "kind",
                STRING,
                "Document kind (the loader that read it).",
                de="Dokumentart",
                value_de=_frozen(SOURCE_KINDS_DE),
            ),
            Prop("sha256", STRING, "Checksum of the file as read.", de="Prüfsumme (SHA-256)"),
            Prop(
                "published",
                STRING,
                "Publication date (ISO 8601) from the file's metadata: a web page's, a Word file's creation date.",
                de="Veröffentlicht",
                rdf="dcterms:issued",
            ),
        ),
        "foaf:Document",
        display="title",
        de="Quelle",
        plural_de="Quellen",
    ),
    NodeType(
        "Statistic",
        "A figure a document states in a table (e.g. a row of the report's Tabelle 2): reference data kept so "
        "analysts can compare it with what the graph supports, not a derived count.",
        "stat",
        (
            Prop("label", STRING, "Row label as printed (footnote markers removed).", de="Zeile", rdf=PREF_LABEL),
            Prop("caption", STRING, "Caption of the table it comes from.", de="Tabelle"),
            Prop("count", INT, "Stated count.", de="Angegebene Anzahl"),
            Prop("percent", INT, "Stated share in whole percent.", de="Anteil in Prozent"),
            Prop("base", INT, "Number of cases the table is about, as the text states it.", de="Basis"),
        ),
        "qb:Observation",
        display="label",
        de="Kennzahl",
        plural_de="Kennzahlen",
    ),
    NodeType(
        "Finding",
        "A data-quality finding of the build, for an analyst to double-check.",
        "finding",
        (
            Prop(
                "kind",
                STRING,
                "state-conflict, profile-matched-by-content, ended-initiative, unresolved-name …",
                de="Art des Befunds",
                value_de=_frozen(FINDING_KINDS_DE),
            ),
            Prop("message", STRING, "What was found.", de="Meldung", rdf="rdfs:comment"),
            Prop("subject", STRING, "Id of the node concerned, if any.", de="Betrifft", ref=True),
            # a review candidate (kinds merge-candidate, link-candidate; see industriegraph.model.judgements)
            Prop("candidate", STRING, "Stable id of a review candidate (`industriegraph review`).", de="Kennung"),
            Prop(
                "about",
                STRING,
                "Label of the two names a candidate is about.",
                values=("Organization", "Initiative", "Person", "Strategy"),
                de="Art der Namen",
                value_de=_frozen(
                    {
                        "Organization": "Organisation",
                        "Initiative": "Initiative",
                        "Person": "Person",
                        "Strategy": "Strategie",
                    }
                ),
            ),
            Prop("names", LIST, "The two names of a candidate, as written.", de="Namen"),
            Prop("kinds", LIST, "The organisation kinds of the two names ('' when none).", de="Arten"),
            Prop("score", INT, "Similarity of the two names, 0-100.", de="Ähnlichkeit"),
            Prop(
                "decision",
                STRING,
                "A reviewer's decision so far: unsure, or none (open); a build stores no other.",
                values=("same", "different", "unsure"),
                de="Entscheidung",
                value_de=_frozen(DECISIONS_DE),
            ),
        ),
        "prov:Entity",
        display="message",
        de="Befund",
        plural_de="Befunde",
    ),
)

_ACTORS = ("Initiative", "Organization", "Person")
RELS: tuple[RelType, ...] = (
    RelType(
        "MEMBER_OF",
        "An organisation takes part in an initiative.",
        (("Organization", "Initiative"),),
        (
            replace(ROLE, doc="Role in the initiative.", values=MEMBER_ROLES, value_de=_frozen(MEMBER_ROLES_DE)),
            Prop(
                "date",
                STRING,
                "As of when a member list states it (ISO date or year).",
                de="Datum laut Liste",
                rdf="dcterms:date",
            ),
            Prop(
                "citation",
                STRING,
                "The address or document a member list names for the row (its source column).",
                de="Quelle laut Liste",
                rdf="dcterms:bibliographicCitation",
            ),
        ),
        "org:hasMembership",
        ("ist Mitglied von", "hat als Mitglied"),
        nary=MEMBERSHIP,
    ),
    RelType(
        "FUNDED_BY",
        "Funding.",
        (("Initiative", "Organization"), ("Event", "Organization")),
        (Prop("programme", STRING, "Funding programme, if named.", de="Förderprogramm"),),
        "schema:funder",
        ("wird gefördert von", "fördert"),
    ),
    RelType(
        "LOCATED_IN",
        "Works in / sits in a state.",
        (("Initiative", "State"), ("Organization", "State")),
        (Prop("position", INT, "1 for the first-named state, 2 for the second.", de="Reihenfolge"),),
        "dcterms:spatial",
        ("ist ansässig in", "ist Sitz von"),
    ),
    RelType(
        "HAS_TOPIC",
        "Addresses a topic; the raw wording stays on the edge.",
        tuple((a, "Topic") for a in ("Initiative", "Measure", "Objective", "Event", "Strategy")),
        (
            Prop("raw", STRING, "Wording in the document.", de="Wortlaut im Dokument"),
            Prop(
                "derived",
                STRING,
                "'text' when tagged from prose rather than a stated topic list.",
                de="Herleitung",
                value_de=_frozen({"text": "aus dem Text erschlossen"}),
            ),
        ),
        "dcterms:subject",
        ("hat das Thema", "ist Thema von"),
    ),
    RelType(
        "BROADER",
        "Topic hierarchy.",
        (("Topic", "Topic"),),
        (),
        "skos:broader",
        ("hat als Oberbegriff", "ist Oberbegriff von"),
        single=True,
    ),
    RelType(
        "PARTNER_OF",
        "Partner of a strategy or alliance.",
        (("Organization", "Strategy"),),
        (ROLE,),
        "^dcterms:contributor",
        ("ist Partner von", "hat als Partner"),
    ),
    RelType(
        "SIGNED",
        "A person signed a strategy.",
        (("Person", "Strategy"),),
        (
            ROLE,
            Prop("organization", STRING, "On behalf of.", de="im Namen von"),
        ),
        "^prov:wasAttributedTo",
        ("hat unterzeichnet", "wurde unterzeichnet von"),
    ),
    RelType(
        "HOLDS_ROLE",
        "A person's office in an organisation.",
        (("Person", "Organization"),),
        (ROLE,),
        "org:holds",
        ("hat eine Funktion bei", "hat als Funktionsträger/in"),
        nary=POST,
    ),
    RelType(
        "HAS_ACTION_FIELD",
        "Strategy to its Handlungsfelder.",
        (("Strategy", "ActionField"),),
        (),
        "dcterms:hasPart",
        ("hat das Handlungsfeld", "ist Handlungsfeld von"),
    ),
    RelType(
        "HAS_OBJECTIVE",
        "Action field to its objectives.",
        (("ActionField", "Objective"),),
        (),
        "dcterms:hasPart",
        ("hat das Ziel", "ist Ziel von"),
    ),
    RelType(
        "HAS_MEASURE",
        "Action field to its measures.",
        (("ActionField", "Measure"),),
        (),
        "dcterms:hasPart",
        ("hat die Maßnahme", "ist Maßnahme von"),
    ),
    RelType(
        "PART_OF",
        "A measure of a package that has no action fields; a regional branch of its national body.",
        (("Measure", "Strategy"), ("Organization", "Organization")),
        (),
        "dcterms:isPartOf",
        ("ist Teil von", "hat als Teil"),
    ),
    RelType(
        "RESPONSIBLE_FOR",
        "An organisation is named as responsible for a measure.",
        (("Organization", "Measure"),),
        (),
        "^prov:wasAttributedTo",
        ("ist verantwortlich für", "liegt in der Verantwortung von"),
    ),
    RelType(
        "REFERENCES",
        "Cites another strategy or plan.",
        (("Strategy", "Strategy"), ("Measure", "Strategy")),
        (),
        "dcterms:references",
        ("verweist auf", "wird erwähnt in"),
    ),
    RelType(
        "PARTICIPATED_IN",
        "Took part in an event.",
        tuple((a, "Event") for a in _ACTORS),
        (replace(ROLE, value_de=_frozen(PARTICIPATION_ROLES_DE)),),
        "^prov:wasAssociatedWith",
        ("nahm teil an", "hatte als Teilnehmende"),
    ),
    RelType(
        "ORGANIZED_BY",
        "Who organised an event.",
        (("Event", "Organization"), ("Event", "Initiative")),
        (),
        "prov:wasAssociatedWith",
        ("wurde organisiert von", "organisierte"),
    ),
    RelType(
        "COOPERATES_WITH",
        "A stated cooperation between initiatives.",
        (("Initiative", "Initiative"),),
        (
            Prop(
                "kind",
                STRING,
                "sister, cooperation …",
                de="Art der Kooperation",
                value_de=_frozen(COOPERATION_KINDS_DE),
            ),
        ),
        "org:linkedTo",
        ("kooperiert mit", "hat als Kooperationspartner"),
    ),
    RelType(
        "HAS_STRATEGY",
        "An initiative of the report is embodied by a strategy document.",
        (("Initiative", "Strategy"),),
        (),
        "dcterms:relation",
        ("hat die Strategie", "ist Strategie von"),
    ),
)

NODE_BY_LABEL = {n.label: n for n in NODES}
REL_BY_TYPE = {r.type: r for r in RELS}


# -- German names ------------------------------------------------------------------------------------------


def label_de(label: str) -> str:
    """The German name of a node label (the label itself if it is not declared).

    >>> label_de("Organization")
    'Organisation'
    >>> label_de("State")
    'Bundesland'
    """
    spec = NODE_BY_LABEL.get(label)
    return spec.de if spec else label


def plural_de(label: str) -> str:
    """The German plural of a node label.

    >>> plural_de("Measure")
    'Maßnahmen'
    """
    spec = NODE_BY_LABEL.get(label)
    return spec.plural_de if spec else label


def rel_label_de(type_: str, direction: str = "out") -> str:
    """How a relationship reads in German: ``out`` seen from its source, ``in`` seen from its target.

    >>> rel_label_de("MEMBER_OF")
    'ist Mitglied von'
    >>> rel_label_de("MEMBER_OF", "in")
    'hat als Mitglied'
    """
    if direction not in ("out", "in"):
        raise ValueError(f"direction is 'out' or 'in', not {direction!r}")
    spec = REL_BY_TYPE.get(type_)
    return spec.de[0 if direction == "out" else 1] if spec else type_


def _owner(owner: str) -> NodeType | RelType | None:
    return NODE_BY_LABEL.get(owner) or REL_BY_TYPE.get(owner)


def prop_label_de(owner: str, prop: str) -> str:
    """The German name of a property of a node label or relationship type (the name itself if undeclared).

    >>> prop_label_de("Initiative", "founded")
    'Gründungsjahr'
    >>> prop_label_de("MEMBER_OF", "role")
    'Rolle'
    """
    spec = _owner(owner)
    p = spec.prop(prop) if spec else None
    return p.de if p and p.de else prop


def value_label_de(owner: str, prop: str, code: object) -> str:
    """The German label of a property value (the value as text if it has none).

    >>> value_label_de("Organization", "kind", "Union")
    'Gewerkschaft'
    >>> value_label_de("MEMBER_OF", "role", "carrier")
    'Träger'
    >>> value_label_de("Event", "kind", "something-new")
    'something-new'
    """
    spec = _owner(owner)
    p = spec.prop(prop) if spec else None
    text = str(code)
    return p.value_de.get(text, text) if p else text


def value_labels_de(owner: str, prop: str) -> dict[str, str]:
    """Every declared value of a property with its German label, in declared order.

    >>> list(value_labels_de("Initiative", "status").values())
    ['aktiv', 'beendet']
    """
    spec = _owner(owner)
    p = spec.prop(prop) if spec else None
    if p is None:
        return {}
    return {v: p.value_de.get(v, v) for v in (p.values or tuple(p.value_de))}
