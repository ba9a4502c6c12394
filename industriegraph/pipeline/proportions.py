"""The proportions of the real graph that ``industriegraph synth`` reproduces at scale.

Counted once on ``industriegraph build`` of the five documents in data/sources/ (commit 124f6c1: 97
initiatives, 112 organisations, 77 memberships) with the Cypher in ``measure_proportions``; rerun
``python -m industriegraph.pipeline.proportions DB`` on a newer build to refresh the table. Counts, not
shares: the generator turns each into a share of its own total. Kinds or topics the real graph does not
use (School, a few topics) stay absent from the synthetic graph too.
"""

from __future__ import annotations

from typing import Any

REAL_INITIATIVES = 97

# Organisations per kind, and memberships (MEMBER_OF) per kind of the member: an IHK takes part far more
# often than its share of organisations, a company far less.
ORG_KINDS = {
    "Company": 18, "BusinessAssociation": 18, "IHK": 15, "Municipality": 13, "EconomicDevelopment": 10,
    "StateGovernment": 7, "University": 6, "ResearchInstitute": 6, "Union": 4, "Other": 4, "Cluster": 3,
    "EmployerAssociation": 2, "EmploymentAgency": 2, "ChamberOfLabour": 1, "FederalGovernment": 1,
    "Handwerkskammer": 1, "CivilSociety": 1,
}  # fmt: skip
MEMBERSHIPS_BY_KIND = {
    "IHK": 14, "Municipality": 12, "BusinessAssociation": 11, "StateGovernment": 7, "Union": 7,
    "EconomicDevelopment": 7, "University": 6, "Cluster": 3, "ResearchInstitute": 3, "Company": 2, "Other": 2,
    "EmployerAssociation": 1, "Handwerkskammer": 1, "CivilSociety": 1,
}  # fmt: skip
MEMBER_ROLES = {"partner": 22, "carrier": 17, "member": 15, "coordinator": 11, "initiator": 10, "founder": 2}

# Initiatives per Land (LOCATED_IN position 1), and how many name a second Land.
STATES = {
    "Nordrhein-Westfalen": 23, "Baden-Württemberg": 15, "Berlin": 9, "Bayern": 9, "Hessen": 8,
    "Niedersachsen": 7, "Thüringen": 6, "Sachsen": 4, "Hamburg": 3, "Brandenburg": 3,
    "Mecklenburg-Vorpommern": 3, "Rheinland-Pfalz": 3, "Saarland": 3, "Sachsen-Anhalt": 3, "Bremen": 1,
    "Schleswig-Holstein": 1,
}  # fmt: skip
SECOND_STATE = 4
ORGS_LOCATED = 4  # organisations with a LOCATED_IN (of 112)
RADIUS = {"regional": 52, "landesweit": 24, "lokal": 17, None: 4}
STATUS = {"active": 94, "ended": 2, None: 1}
FOUNDED = {1950: 1, 1985: 1, 1990: 1, 2000: 5, 2005: 12, 2010: 20, 2015: 17, 2020: 37}  # 5-year bins
GOALS = {0: 3, 1: 17, 2: 12, 3: 21, 4: 19, 5: 15, 6: 6, 7: 3, 8: 1}  # goals per initiative

# HAS_TOPIC per topic: stated by initiatives, derived from initiative prose, derived from measure wording.
TOPICS_STATED = {
    "ansiedlung": 3, "automobil": 7, "branchen": 3, "chemie": 1, "digitalisierung": 28, "energie": 13,
    "fachkraefte": 52, "flaechen-infrastruktur": 20, "foerdermittel": 5, "forschung-transfer": 10,
    "gesellschaftlicher-dialog": 29, "gesundheitswirtschaft": 2, "gruendung": 9, "gute-arbeit": 12,
    "industrie-4-0": 11, "industrieakzeptanz": 25, "industriepolitik": 27, "innovation": 41,
    "internationalisierung": 2, "klimaschutz": 7, "kreislaufwirtschaft": 3, "kuenstliche-intelligenz": 1,
    "logistik": 2, "mobilitaet": 29, "nachhaltigkeit": 26, "qualifizierung": 27, "resilienz": 2,
    "standortmarketing": 9, "transformation": 38, "vernetzung": 69, "verwaltung-genehmigung": 1,
    "wasserstoff": 33, "wertschoepfung": 12, "wirtschaftsstandort": 59,
}  # fmt: skip
TOPICS_DERIVED = {
    "ansiedlung": 8, "automobil": 19, "branchen": 13, "chemie": 5, "digitalisierung": 6, "energie": 14,
    "fachkraefte": 10, "flaechen-infrastruktur": 13, "foerdermittel": 1, "forschung-transfer": 28,
    "gesellschaftlicher-dialog": 20, "gruendung": 2, "gute-arbeit": 26, "industrie-4-0": 2,
    "industrieakzeptanz": 12, "industriepolitik": 9, "innovation": 21, "internationalisierung": 1,
    "klimaschutz": 22, "kreislaufwirtschaft": 5, "logistik": 3, "luftfahrt": 1, "maschinenbau": 2,
    "metall-stahl": 2, "mobilitaet": 8, "nachhaltigkeit": 13, "qualifizierung": 21, "resilienz": 2,
    "standortmarketing": 2, "transformation": 11, "vernetzung": 23, "verwaltung-genehmigung": 1,
    "wasserstoff": 2, "wertschoepfung": 21, "wirtschaftsstandort": 14,
}  # fmt: skip
TOPICS_MEASURE = {
    "ansiedlung": 4, "automobil": 2, "branchen": 5, "chemie": 1, "digitalisierung": 11, "energie": 15,
    "fachkraefte": 7, "flaechen-infrastruktur": 18, "foerdermittel": 7, "forschung-transfer": 14,
    "gesellschaftlicher-dialog": 11, "gruendung": 3, "gute-arbeit": 7, "industrie-4-0": 5,
    "industrieakzeptanz": 5, "industriepolitik": 3, "innovation": 22, "klimaschutz": 17, "kreislaufwirtschaft": 4,
    "kuenstliche-intelligenz": 3, "logistik": 10, "luftfahrt": 5, "metall-stahl": 2, "mobilitaet": 10,
    "nachhaltigkeit": 10, "qualifizierung": 10, "resilienz": 2, "transformation": 6, "vernetzung": 19,
    "verwaltung-genehmigung": 3, "wasserstoff": 6, "wertschoepfung": 3, "wirtschaftsstandort": 16,
}  # fmt: skip
OBJECTIVE_TOPICS = 38

# Node counts that grow with the number of initiatives (per 97 real initiatives).
NODES = {
    "Person": 7, "Strategy": 9, "ActionField": 5, "Objective": 14, "Measure": 59, "Event": 52, "Finding": 14,
    "Source": 5,
}  # fmt: skip
MEASURES_IN_FIELDS = 51  # the other measures belong to a package without action fields (PART_OF)
RESPONSIBLE_FOR = 92
EVENT_KINDS = {
    "peer-meeting": 17, "webinar": 12, "regional-event": 7, "conference": 7, "industrieforum": 3, "award": 2,
    "focus-group": 2, "signing": 1, "cluster-bridge": 1,
}  # fmt: skip
# PARTICIPATED_IN: (label of the participant, role) -> count
PARTICIPATION = {
    ("Organization", "input"): 36, ("Initiative", "input"): 34, ("Organization", "participant"): 13,
    ("Initiative", "organizer"): 10, ("Initiative", "participant"): 5, ("Initiative", "winner"): 4,
    ("Initiative", "presenter"): 3, ("Organization", "organizer"): 3, ("Organization", "host"): 3,
    ("Organization", "party"): 2, ("Person", "signatory"): 2,
}  # fmt: skip
RELS = {
    "ORGANIZED_BY": 2, "COOPERATES_WITH": 6, "FUNDED_BY": 2, "HAS_STRATEGY": 1, "PARTNER_OF": 6, "REFERENCES": 10,
    "SIGNED": 7, "HOLDS_ROLE": 8,
}  # fmt: skip
COOPERATION_KINDS = {"cooperation": 3, "sister": 3}
FINDING_KINDS = {
    "unmapped-topic": 3, "missing-profile": 2, "state-conflict": 2, "ended-initiative": 2,
    "role-without-organization": 1, "undated-plan": 1, "unnamed-members": 1, "date-inferred": 1,
    "profile-matched-by-content": 1,
}  # fmt: skip


def measure_proportions(store: Any) -> dict[str, Any]:
    """The counts above, read from a built graph (any store with ``cypher``), to refresh the table."""

    def counts(text: str) -> dict[Any, int]:
        return {r["k"]: r["c"] for r in store.cypher(text)}

    return {
        "ORG_KINDS": counts("MATCH (o:Organization) RETURN o.kind AS k, count(*) AS c"),
        "MEMBERSHIPS_BY_KIND": counts(
            "MATCH (o:Organization)-[:MEMBER_OF]->(:Initiative) RETURN o.kind AS k, count(*) AS c"
        ),
        "MEMBER_ROLES": counts("MATCH ()-[r:MEMBER_OF]->() RETURN r.role AS k, count(*) AS c"),
        "STATES": counts(
            "MATCH (:Initiative)-[r:LOCATED_IN]->(s:State) WHERE r.position IS NULL OR r.position = 1 "
            "RETURN s.name AS k, count(*) AS c"
        ),
        "RADIUS": counts("MATCH (i:Initiative) RETURN i.radius AS k, count(*) AS c"),
        "STATUS": counts("MATCH (i:Initiative) RETURN i.status AS k, count(*) AS c"),
        "TOPICS_STATED": counts(
            "MATCH (:Initiative)-[h:HAS_TOPIC]->(t:Topic) WHERE h.derived IS NULL RETURN t.id AS k, count(*) AS c"
        ),
        "TOPICS_DERIVED": counts(
            "MATCH (:Initiative)-[h:HAS_TOPIC]->(t:Topic) WHERE h.derived IS NOT NULL RETURN t.id AS k, count(*) AS c"
        ),
        "TOPICS_MEASURE": counts("MATCH (:Measure)-[:HAS_TOPIC]->(t:Topic) RETURN t.id AS k, count(*) AS c"),
        "EVENT_KINDS": counts("MATCH (e:Event) RETURN e.kind AS k, count(*) AS c"),
        "NODES": {
            label: store.cypher(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"] for label in ("Initiative", *NODES)
        },
    }


if __name__ == "__main__":  # pragma: no cover - maintenance helper
    import json
    import sys
    from pathlib import Path

    from industriegraph.store.ladybug import LadybugStore

    s = LadybugStore(Path(sys.argv[1]), read_only=True)
    print(json.dumps(measure_proportions(s), ensure_ascii=False, indent=1, default=str))
    s.close()

# The size of `industriegraph synth` unless told otherwise: a national network, a million memberships.
DEFAULTS = {"initiatives": 10_000, "organizations": 100_000, "memberships": 1_000_000}
