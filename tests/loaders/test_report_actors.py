"""Actors, events and cooperations taken from the real network report (counts measured on the document)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from industriegraph.loaders import network_report, report_actors
from industriegraph.loaders.orgs import KINDS
from industriegraph.records import Ref

REPORT = "servicestelle-industrieinitiativen-abschlussbericht.txt"
NW = "In|du|strie – Gemeinsam.Zukunft.Leben. Nord Westfalen"
BONN = "In|du|strie – Gemeinsam.Zukunft.Leben. Bonn/Rhein-Sieg"
MV = "In|du|strie – Gemeinsam.Zukunft.Leben. Mecklenburg-Vorpommern"
GENERIC = {"kreis", "stadt", "ihk", "institut", "universität", "hochschule", "ministerium", "kammer"}
STOP = {"der", "die", "das", "des", "dem", "den", "und", "für", "am", "an", "im", "in", "e.", "v.", "gmbh", "ag"}


@pytest.fixture(scope="module")
def doc(corpus):
    return corpus[REPORT]


@pytest.fixture(scope="module")
def infos(doc):
    return network_report.parse_initiatives(doc)


@pytest.fixture(scope="module")
def result(doc, infos):
    return report_actors.extract(doc, infos)


def links(result, type_):
    return [link for link in result.links if link.type == type_]


def member_set(result):
    return {(link.source.key, link.target.key, link.props["role"]) for link in links(result, "MEMBER_OF")}


def line_no(ev: str) -> int:
    return int(ev.rsplit(":", 1)[1])


def test_member_of_counts_by_role(result):
    members = links(result, "MEMBER_OF")
    assert len(members) == 63
    assert len({(m.source.key, m.target.key) for m in members}) == 58
    assert Counter(m.props["role"] for m in members) == {
        "partner": 19,
        "member": 13,
        "carrier": 12,
        "coordinator": 9,
        "initiator": 8,
        "founder": 2,
    }


def test_member_of_spot_checks(result):
    got = member_set(result)
    expected = {
        ("IHK Nord Westfalen", NW, "initiator"),
        ("IHK Nord Westfalen", NW, "carrier"),
        ("IHK Nord Westfalen", NW, "coordinator"),  # "sie dient auch als Geschäftsstelle"
        ("IHK Bonn/Rhein-Sieg", BONN, "founder"),  # "durch einen Beschluss der IHK Bonn/Rhein-Sieg"
        ("IHK Bonn/Rhein-Sieg", BONN, "carrier"),  # the sentence also names Nord Westfalen's brand
        ("IHK Aachen", "Hydrogen Hub Aachen", "carrier"),
        ("Kreis Heinsberg", "Hydrogen Hub Aachen", "carrier"),  # "der Kreise Düren, Heinsberg und Euskirchen"
        ("VDMA e. V. Baden-Württemberg", "Allianz-Industrie 4.0 Baden-Württemberg", "coordinator"),
        (
            "Ministerium für Wirtschaft, Arbeit und Tourismus Baden-Württemberg",
            "Allianz-Industrie 4.0 Baden-Württemberg",
            "initiator",
        ),
        ("Wirtschaftsförderung Frankfurt", "Masterplan Industrie für die Stadt Frankfurt am Main", "coordinator"),
        ("Handelskammer Hamburg", "Masterplan Industrie Hamburg", "partner"),
        ("IHK Cottbus", "Wasserstoffnetzwerk Lausitz „DurcH2atmen“", "partner"),
        ("Hochschule RheinMain", "Industriebeirat Wiesbaden", "member"),
        ("Handwerkskammer Wiesbaden", "Industriebeirat Wiesbaden", "member"),  # "Handwerkskammer und IHK Wiesbaden"
        ("IG BCE", "Initiativkreis Ruhr GmbH", "founder"),
        ("Rhein-Kreis Neuss", "Lokale Allianz Dormagen", "initiator"),
        ("Wissenschaftspark Gelsenkirchen Projekte gGmbH", "Klimahafen Gelsenkirchen", "coordinator"),
        ("autoregion e. V.", "Gesellschaft für Transformationsmanagement Saar mbH", "partner"),
        ("Berliner Senat", "Masterplan Industriestadt Berlin", "carrier"),
    }
    assert expected <= got


def test_no_generic_or_misattributed_members(result):
    got = member_set(result)
    names = {org for org, _, _ in got}
    # collective nouns are not organisations
    assert not names & {"IHK", "IHKs", "Industrie- und Handwerkskammer", "Arbeitskammer", "Hochschulen", "Unternehmen"}
    # IG Metall drove ReTraSON's founding, which is not in Tabelle 1: no link to the Allianz für die Region
    assert not any(org == "IG Metall" and target == "Allianz für die Region GmbH" for org, target, _ in got)
    # the IHK Bonn/Rhein-Sieg carries the Bonn initiative, not the Nord Westfalen one whose brand it uses
    assert ("IHK Bonn/Rhein-Sieg", NW, "carrier") not in got
    # events are not memberships: the IHKs that co-hosted the Braunschweig event do not join an initiative
    assert not any(org.startswith("IHK Braunschweig") for org, _, _ in got)


def test_member_evidence_lines_name_the_organisation(result, doc):
    for link in links(result, "MEMBER_OF"):
        # a name wrapped over lines ("dem Rhein-" / "Kreis Neuss") leaves a distinctive piece on each line
        parts = [w for w in re.findall(r"[^\W_]+", link.source.key) if w.lower() not in STOP | GENERIC and len(w) > 2]
        assert link.evidence, link
        for ev in link.evidence:
            line = doc.clean(line_no(ev))
            assert any(p in line for p in parts), (link.source.key, ev, line)


def test_member_targets_are_known_initiatives(result, infos):
    keys = {i.key for i in infos}
    for link in links(result, "MEMBER_OF"):
        assert link.source.label == "Organization" and link.target == Ref("Initiative", link.target.key)
        assert link.target.key in keys


def test_organisations_have_kinds_and_aliases(result):
    orgs = {e.key: e for e in result.entities if e.label == "Organization"}
    assert len(orgs) == 92
    assert all(e.props["kind"] in KINDS for e in orgs.values())
    assert orgs["IHK Nord Westfalen"].props["kind"] == "IHK"
    assert orgs["IG BCE"].props["kind"] == "Union"
    assert orgs["Wirtschaftsförderung Frankfurt"].props["kind"] == "EconomicDevelopment"
    assert orgs["Friedrich-Alexander-Universität Erlangen-Nürnberg"].props["kind"] == "University"
    assert "IWU" in orgs["Fraunhofer Institut für Werkzeugmaschinen und Umformtechnik IWU"].aliases
    assert "DGB" in orgs["Deutsche Gewerkschaftsbund"].aliases


def test_events_by_kind(result):
    events = [e for e in result.entities if e.label == "Event"]
    assert len(events) == 47
    assert Counter(e.props["kind"] for e in events) == {
        "peer-meeting": 17,
        "webinar": 12,
        "regional-event": 7,
        "conference": 4,
        "industrieforum": 3,
        "award": 2,
        "focus-group": 2,
    }
    assert len({e.key for e in events}) == 47
    assert not [f for f in result.findings if f.kind == "event-count-mismatch"]  # 17 and 12 as announced


def test_peer_meetings_and_their_inputs(result):
    peers = {e.props["title"]: e for e in result.entities if e.label == "Event" and e.props["kind"] == "peer-meeting"}
    assert "Junge Fachkräfte für die Industrie begeistern" in peers
    hydrogen = peers["Wasserstoffwirtschaft: Gemeinsam zum Erfolg durch Best Practices, Vernetzung und Sichtbarkeit"]
    takers = {
        (link.source.key, link.props["role"])
        for link in links(result, "PARTICIPATED_IN")
        if link.target.key == hydrogen.key
    }
    assert takers == {
        ("H2 Süd e. V. – Die Wasserstoffinitiative Bayern & Baden-Württemberg", "input"),
        ("H2Berlin e. V.", "input"),
        ("Wasserstoffnetzwerk Lausitz „DurcH2atmen“", "input"),
    }


def test_regional_events_dates_hosts_and_awards(result, doc):
    events = {e.props["title"]: e for e in result.entities if e.label == "Event"}
    aachen = events[
        "Grenzen überwinden – Potenziale europäischer Kooperation für die Wasserstoffwirtschaft der Zukunft"
    ]
    assert aachen.props["date"] == "2023-06"
    part = {
        (link.source.key, link.props["role"])
        for link in links(result, "PARTICIPATED_IN")
        if link.target.key == aachen.key
    }
    assert ("Hydrogen Hub Aachen", "organizer") in part and ("H2 Netzwerk Ruhr e. V.", "organizer") in part
    gelsen = events["Wasserstoff für den Mittelstand – Praxisbeispiele aus der energieintensiven Industrie"]
    part = {
        (link.source.key, link.props["role"])
        for link in links(result, "PARTICIPATED_IN")
        if link.target.key == gelsen.key
    }
    assert ("ZINQ Gelsenkirchen GmbH & Co. KG", "host") in part
    winners = {
        (link.source.key, result_event(result, link.target).props["date"])
        for link in links(result, "PARTICIPATED_IN")
        if link.props["role"] == "winner"
    }
    assert winners == {
        ("Kunststoff-Initiative Region Bonn/Rhein-Sieg", "2022"),
        ("Bündnis für Transformation Region Heilbronn-Franken", "2022"),
        ("Wasserstoffnetzwerk Nordostniedersachen H2.N.O.N.", "2022"),
        ("In4Climate.RR", "2023"),
    }


def result_event(result, ref):
    return next(e for e in result.entities if e.ref == ref)


def test_participation_counts_and_quotes_excluded(result):
    part = links(result, "PARTICIPATED_IN")
    assert len(part) == 103
    assert Counter(link.props["role"] for link in part) == {
        "input": 68,
        "participant": 15,
        "organizer": 13,
        "winner": 4,
        "host": 3,
    }
    # testimonial attributions ("Simone Tornow, H2 Süd e. V.") are not participation
    assert not any(link.source.key.startswith("H2 Süd") and "regional-event" in link.target.key for link in part)


def test_cooperations(result):
    coops = {(link.source.key, link.target.key, link.props["kind"]) for link in links(result, "COOPERATES_WITH")}
    assert coops == {
        ("H2 Süd e. V. – Die Wasserstoffinitiative Bayern & Baden-Württemberg", "H2Berlin e. V.", "cooperation"),
        (
            "ITAS – Initiative Transformation Automobilregion Südwestsachsen",
            "MoLeWa | Mobilität – Leipzig im Wandel.",
            "cooperation",
        ),
        ("H2BZ Initiative Hessen e. V.", "H2BZ Netzwerk RLP e. V.", "cooperation"),
        (BONN, MV, "sister"),
        (BONN, NW, "sister"),
        (MV, NW, "sister"),
    }
    h2 = next(link for link in links(result, "COOPERATES_WITH") if link.target.key == "H2Berlin e. V.")
    assert h2.evidence == [f"{REPORT}:1856"]


def test_find_orgs_on_plain_sentences():
    names = [
        o.name
        for o in report_actors.find_orgs(
            "Gemeinsam mit den Partnern IG Metall, Arbeitskammer, IHK, ZeMA und autoregion e. V. "
            "soll ein Netz entstehen."
        )
    ]
    assert names == ["IG Metall", "ZeMA", "autoregion e. V."]
    names = [
        o.name
        for o in report_actors.find_orgs(
            "Initiatoren waren die Vereinigung der hessischen Unternehmerverbände und die "
            "Wirtschaftsförderung Frankfurt."
        )
    ]
    assert names == ["Vereinigung der hessischen Unternehmerverbände", "Wirtschaftsförderung Frankfurt"]
    assert report_actors.find_orgs("Die Unternehmen, Hochschulen und IHKs der Region arbeiten zusammen.") == []
