"""The graph schema, declared once.

Everything else is generated from these declarations: the Ladybug DDL, the Neo4j
constraints and indexes (``industriegraph.model.ddl``), the schema reference page
``docs/schema.md`` (``industriegraph.model.docs``) and, later, the RDF mapping.
Every node has ``id`` (primary key) and ``evidence``; every relationship has ``evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from industriegraph.model.kinds import KINDS

STRING, INT, LIST = "STRING", "INT64", "STRING[]"


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    doc: str
    values: tuple[str, ...] = ()  # controlled values, when the property has a vocabulary


@dataclass(frozen=True)
class NodeType:
    label: str
    doc: str
    prefix: str  # id prefix, e.g. "org" in "org:handelskammer-hamburg"
    props: tuple[Prop, ...]
    rdf_class: str = ""
    display: str = "name"  # property shown as the node's caption

    @property
    def all_props(self) -> tuple[Prop, ...]:
        return (
            (Prop("id", STRING, "Stable identifier: prefix and slug of the canonical name."),)
            + self.props
            + (EVIDENCE,)
        )


@dataclass(frozen=True)
class RelType:
    type: str
    doc: str
    pairs: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...] = field(default=())
    rdf_property: str = ""

    @property
    def all_props(self) -> tuple[Prop, ...]:
        return self.props + (EVIDENCE,)


EVIDENCE = Prop(
    "evidence", LIST, "Where the fact is stated: `file:line` strings (file as in data/sources/, 1-based line)."
)
NAME = Prop("name", STRING, "Canonical name.")
ALIASES = Prop("aliases", LIST, "Other spellings found in the documents or the alias file.")
ROLE = Prop("role", STRING, "Role as stated.")

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

NODES: tuple[NodeType, ...] = (
    NodeType(
        "Initiative",
        "A regional industry initiative, network, alliance or project.",
        "ini",
        (
            NAME,
            ALIASES,
            Prop("radius", STRING, "Aktionsradius as in Tabelle 1.", RADIUS),
            Prop("founded", INT, "Founding year."),
            Prop("foundedText", STRING, "Founding as written in the profile."),
            Prop("website", STRING, "Website URL."),
            Prop("goals", LIST, "Goals (Ziele) as listed in the profile."),
            Prop("description", STRING, "What is special about the initiative (Das Besondere)."),
            Prop("status", STRING, "Whether the initiative is still active.", STATUS),
        ),
        "org:OrganizationalCollaboration",
    ),
    NodeType(
        "Organization",
        "A chamber, union, association, company, university, public body …",
        "org",
        (
            NAME,
            ALIASES,
            Prop("kind", STRING, "Kind of organisation (vocabulary below).", tuple(KINDS)),
        ),
        "org:Organization",
    ),
    NodeType(
        "Person",
        "A person who signs, leads or speaks.",
        "person",
        (
            NAME,
            ALIASES,
            Prop("honorific", STRING, "Academic title as written (Dr., Prof.)."),
        ),
        "foaf:Person",
    ),
    NodeType(
        "State",
        "A German Land (Bundesland).",
        "state",
        (
            NAME,
            Prop("code", STRING, "ISO 3166-2 code, e.g. DE-HH."),
        ),
        "dcterms:Location",
    ),
    NodeType(
        "Topic",
        "A concept of the controlled topic vocabulary.",
        "topic",
        (
            Prop("label", STRING, "German preferred label."),
            Prop("broader", STRING, "Id of the broader concept, if any."),
        ),
        "skos:Concept",
        display="label",
    ),
    NodeType(
        "Strategy",
        "A strategy, plan, alliance agreement or programme document.",
        "strategy",
        (
            Prop("title", STRING, "Title."),
            ALIASES,
            Prop("year", INT, "Year of adoption or publication."),
            Prop("url", STRING, "Where it is published."),
        ),
        "dcterms:BibliographicResource",
        display="title",
    ),
    NodeType(
        "ActionField",
        "A Handlungsfeld of a policy document.",
        "field",
        (
            Prop("number", INT, "Number within the document."),
            Prop("title", STRING, "Heading."),
        ),
        "skos:Collection",
        display="title",
    ),
    NodeType(
        "Objective",
        "A goal (Ziel I., II., …) of an action field.",
        "objective",
        (
            Prop("numeral", STRING, "Roman numeral as printed."),
            Prop("text", STRING, "Wording."),
        ),
        "skos:Concept",
        display="text",
    ),
    NodeType(
        "Measure",
        "An agreed measure (numbered within its action field).",
        "measure",
        (
            Prop("number", INT, "Number within its action field (restarts at 1)."),
            Prop("heading", STRING, "Sub-heading the measure falls under."),
            Prop("text", STRING, "Wording."),
        ),
        "prov:Plan",
        display="text",
    ),
    NodeType(
        "Event",
        "A meeting, event, signing, award or webinar.",
        "event",
        (
            Prop("title", STRING, "Title."),
            Prop(
                "kind", STRING, "peer-meeting, regional-event, industrieforum, webinar, focus-group, award, signing …"
            ),
            Prop("date", STRING, "ISO date or year, as far as stated."),
            Prop("location", STRING, "Place, if stated."),
        ),
        "prov:Activity",
        display="title",
    ),
    NodeType(
        "Source",
        "A source document in data/sources/.",
        "source",
        (
            Prop("title", STRING, "Title of the document."),
            Prop("file", STRING, "File name."),
            Prop("kind", STRING, "Document kind (the loader that read it)."),
            Prop("sha256", STRING, "Checksum of the file as read."),
        ),
        "foaf:Document",
        display="title",
    ),
    NodeType(
        "Statistic",
        "A figure a document states in a table (e.g. a row of the report's Tabelle 2): reference data kept so "
        "analysts can compare it with what the graph supports, not a derived count.",
        "stat",
        (
            Prop("label", STRING, "Row label as printed (footnote markers removed)."),
            Prop("caption", STRING, "Caption of the table it comes from."),
            Prop("count", INT, "Stated count."),
            Prop("percent", INT, "Stated share in whole percent."),
            Prop("base", INT, "Number of cases the table is about, as the text states it."),
        ),
        "qb:Observation",
        display="label",
    ),
    NodeType(
        "Finding",
        "A data-quality finding of the build, for an analyst to double-check.",
        "finding",
        (
            Prop("kind", STRING, "state-conflict, profile-matched-by-content, ended-initiative, unresolved-name …"),
            Prop("message", STRING, "What was found."),
            Prop("subject", STRING, "Id of the node concerned, if any."),
        ),
        "prov:Entity",
        display="message",
    ),
)

_ACTORS = ("Initiative", "Organization", "Person")
RELS: tuple[RelType, ...] = (
    RelType(
        "MEMBER_OF",
        "An organisation takes part in an initiative.",
        (("Organization", "Initiative"),),
        (Prop("role", STRING, "Role in the initiative.", MEMBER_ROLES),),
        "org:hasMembership",
    ),
    RelType(
        "FUNDED_BY",
        "Funding.",
        (("Initiative", "Organization"), ("Event", "Organization")),
        (Prop("programme", STRING, "Funding programme, if named."),),
        "schema:funder",
    ),
    RelType(
        "LOCATED_IN",
        "Works in / sits in a state.",
        (("Initiative", "State"), ("Organization", "State")),
        (Prop("position", INT, "1 for the first-named state, 2 for the second."),),
        "dcterms:spatial",
    ),
    RelType(
        "HAS_TOPIC",
        "Addresses a topic; the raw wording stays on the edge.",
        tuple((a, "Topic") for a in ("Initiative", "Measure", "Objective", "Event", "Strategy")),
        (
            Prop("raw", STRING, "Wording in the document."),
            Prop("derived", STRING, "'text' when tagged from prose rather than a stated topic list."),
        ),
        "dcterms:subject",
    ),
    RelType("BROADER", "Topic hierarchy.", (("Topic", "Topic"),), (), "skos:broader"),
    RelType(
        "PARTNER_OF",
        "Partner of a strategy or alliance.",
        (("Organization", "Strategy"),),
        (ROLE,),
        "^dcterms:contributor",
    ),
    RelType(
        "SIGNED",
        "A person signed a strategy.",
        (("Person", "Strategy"),),
        (
            ROLE,
            Prop("organization", STRING, "On behalf of."),
        ),
        "^prov:wasAttributedTo",
    ),
    RelType("HOLDS_ROLE", "A person's office in an organisation.", (("Person", "Organization"),), (ROLE,), "org:holds"),
    RelType(
        "HAS_ACTION_FIELD", "Strategy to its Handlungsfelder.", (("Strategy", "ActionField"),), (), "dcterms:hasPart"
    ),
    RelType("HAS_OBJECTIVE", "Action field to its objectives.", (("ActionField", "Objective"),), (), "dcterms:hasPart"),
    RelType("HAS_MEASURE", "Action field to its measures.", (("ActionField", "Measure"),), (), "dcterms:hasPart"),
    RelType(
        "PART_OF",
        "A measure of a package that has no action fields.",
        (("Measure", "Strategy"),),
        (),
        "dcterms:isPartOf",
    ),
    RelType(
        "RESPONSIBLE_FOR",
        "An organisation is named as responsible for a measure.",
        (("Organization", "Measure"),),
        (),
        "^prov:wasAttributedTo",
    ),
    RelType(
        "REFERENCES",
        "Cites another strategy or plan.",
        (("Strategy", "Strategy"), ("Measure", "Strategy")),
        (),
        "dcterms:references",
    ),
    RelType(
        "PARTICIPATED_IN",
        "Took part in an event.",
        tuple((a, "Event") for a in _ACTORS),
        (ROLE,),
        "^prov:wasAssociatedWith",
    ),
    RelType(
        "ORGANIZED_BY",
        "Who organised an event.",
        (("Event", "Organization"), ("Event", "Initiative")),
        (),
        "prov:wasAssociatedWith",
    ),
    RelType(
        "COOPERATES_WITH",
        "A stated cooperation between initiatives.",
        (("Initiative", "Initiative"),),
        (Prop("kind", STRING, "sister, cooperation …"),),
        "org:linkedTo",
    ),
    RelType(
        "HAS_STRATEGY",
        "An initiative of the report is embodied by a strategy document.",
        (("Initiative", "Strategy"),),
        (),
        "dcterms:relation",
    ),
)

NODE_BY_LABEL = {n.label: n for n in NODES}
REL_BY_TYPE = {r.type: r for r in RELS}
