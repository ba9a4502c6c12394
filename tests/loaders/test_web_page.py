"""The web-page/news loader on the three real articles: exact records, evidence lines, detection."""

from __future__ import annotations

import pytest

from industriegraph.loaders import web_page
from industriegraph.model.records import LoadResult, Ref
from industriegraph.text.source import SourceDoc, SourceError

BUENDNIS = "buendnis-industrie-der-zukunft-hamburg.txt"
SENATE = "senate-ivh-alliance-2019.txt"
KLIMA = "klimaready-cluster-bruecke-allermoehe.txt"
TITLE = "Bündnis für die Industrie der Zukunft"


@pytest.fixture(scope="module")
def loaded(corpus) -> dict[str, LoadResult]:
    return {name: web_page.load(corpus[name]) for name in (BUENDNIS, SENATE, KLIMA)}


def entities(result: LoadResult, label: str) -> dict:
    return {e.key: e for e in result.entities if e.label == label}


def links(result: LoadResult, type_: str) -> set[tuple[str, str, tuple]]:
    return {(lk.source.key, lk.target.key, tuple(sorted(lk.props.items()))) for lk in result.links if lk.type == type_}


def evidence(result: LoadResult, type_: str, source: str, target: str) -> list[str]:
    return next(
        lk.evidence for lk in result.links if lk.type == type_ and lk.source.key == source and lk.target.key == target
    )


# --- detection ---------------------------------------------------------------------


def test_detect_accepts_the_three_articles_and_rejects_structured_documents(corpus):
    scores = {name: web_page.detect(doc) for name, doc in corpus.items()}
    assert scores[BUENDNIS] == scores[SENATE] == scores[KLIMA] == 0.6
    assert scores["masterplan-industrie-hamburg.txt"] < 0.5
    assert scores["servicestelle-industrieinitiativen-abschlussbericht.txt"] < 0.5


def test_detect_rejects_a_delimited_table_and_an_empty_document(corpus, tmp_path):
    repair = corpus[KLIMA].repair
    rows = ["name;kind;state", "IVH;Verband;Hamburg", "DGB Nord;Union;Hamburg"]
    csv = SourceDoc(tmp_path / "members.csv", rows, repair)
    assert web_page.detect(csv) == 0.1
    assert web_page.detect(SourceDoc(tmp_path / "blank.txt", ["", "  "], repair)) == 0.0


def test_a_page_of_only_navigation_debris_is_a_source_error(corpus, tmp_path):
    doc = SourceDoc(tmp_path / "nav.txt", ["Leichte Sprache", "Gebärdensprache", "Anzeige"], corpus[KLIMA].repair)
    with pytest.raises(SourceError, match="nav.txt:1: no content lines"):
        web_page.load(doc)


# --- German hamburg.de page on the alliance -------------------------------------------


def test_buendnis_alliance_parties_and_reference(loaded):
    r = loaded[BUENDNIS]
    strategies = entities(r, "Strategy")
    assert set(strategies) == {TITLE, "Masterplan Industrie"}
    alliance = strategies[TITLE]
    assert alliance.props == {"title": TITLE, "year": 2019}
    assert f"{BUENDNIS}:14" in alliance.evidence and f"{BUENDNIS}:16" in alliance.evidence
    assert f"{BUENDNIS}:35" not in alliance.evidence  # sidebar link after the contact block
    orgs = entities(r, "Organization")
    assert {k: (o.props["kind"], o.aliases) for k, o in orgs.items()} == {
        "Hamburger Senat": ("StateGovernment", []),
        "Industrieverband Hamburg": ("BusinessAssociation", ["IVH"]),
    }
    assert links(r, "PARTNER_OF") == {("Hamburger Senat", TITLE, ()), ("Industrieverband Hamburg", TITLE, ())}
    assert evidence(r, "PARTNER_OF", "Hamburger Senat", TITLE) == [f"{BUENDNIS}:14", f"{BUENDNIS}:21"]
    assert links(r, "REFERENCES") == {(TITLE, "Masterplan Industrie", ())}
    assert links(r, "LOCATED_IN") == {("Hamburger Senat", "Hamburg", ()), ("Industrieverband Hamburg", "Hamburg", ())}


def test_buendnis_people_roles_and_signing(loaded):
    r = loaded[BUENDNIS]
    people = entities(r, "Person")
    assert {k: p.props for k, p in people.items()} == {
        "Peter Tschentscher": {"name": "Peter Tschentscher", "honorific": "Dr."},
        "Matthias Boxberger": {"name": "Matthias Boxberger"},
        "Sabine Hain": {
            "name": "Sabine Hain",
            "honorific": "Dr.",
            "role": "Sachgebietsleitung Branchenbetreuung Industrie und Rohstoffwirtschaft",
        },
    }
    assert links(r, "HOLDS_ROLE") == {
        ("Peter Tschentscher", "Hamburger Senat", (("role", "Erster Bürgermeister"),)),
        ("Matthias Boxberger", "Industrieverband Hamburg", (("role", "Vorstandsvorsitzender"),)),
    }
    assert evidence(r, "HOLDS_ROLE", "Peter Tschentscher", "Hamburger Senat") == [f"{BUENDNIS}:10", f"{BUENDNIS}:16"]
    events = entities(r, "Event")
    key = f"{BUENDNIS}#signing-2019-11-18"
    assert set(events) == {key}
    assert events[key].props == {"title": f"Unterzeichnung {TITLE}", "kind": "signing", "date": "2019-11-18"}
    assert events[key].evidence == [f"{BUENDNIS}:16"]
    assert links(r, "PARTICIPATED_IN") == {
        ("Peter Tschentscher", key, (("role", "signatory"),)),
        ("Matthias Boxberger", key, (("role", "signatory"),)),
        ("Hamburger Senat", key, (("role", "party"),)),
        ("Industrieverband Hamburg", key, (("role", "party"),)),
    }
    assert links(r, "SIGNED") == {
        ("Peter Tschentscher", TITLE, (("role", "Erster Bürgermeister"),)),
        ("Matthias Boxberger", TITLE, (("role", "Vorstandsvorsitzender"),)),
    }
    assert [(f.kind, f.evidence) for f in r.findings] == [("role-without-organization", [f"{BUENDNIS}:33"])]


def test_buendnis_measures_of_the_package(loaded):
    r = loaded[BUENDNIS]
    measures = entities(r, "Measure")
    assert [(m.key, m.props["number"], m.props["heading"], m.evidence) for m in measures.values()] == [
        (f"{BUENDNIS}#M1", 1, "Industriekoordinator", [f"{BUENDNIS}:18", f"{BUENDNIS}:19"]),
        (
            f"{BUENDNIS}#M2",
            2,
            "Akzeptanz der Rahmenbedingungen für die Industrie",
            [f"{BUENDNIS}:20", f"{BUENDNIS}:21"],
        ),
        (f"{BUENDNIS}#M3", 3, "Flächen für die Industrie", [f"{BUENDNIS}:22", f"{BUENDNIS}:23"]),
        (f"{BUENDNIS}#M4", 4, "Abbau von Investitionshemmnissen", [f"{BUENDNIS}:24", f"{BUENDNIS}:25"]),
        (
            f"{BUENDNIS}#M5",
            5,
            "Stärkung der Zusammenarbeit von Industrie und Forschung",
            [f"{BUENDNIS}:26", f"{BUENDNIS}:27"],
        ),
    ]
    assert measures[f"{BUENDNIS}#M5"].props["text"].startswith("Ein weiterer wichtiger Hebel")
    assert links(r, "PART_OF") == {(f"{BUENDNIS}#M{k}", TITLE, ()) for k in range(1, 6)}
    # Subjects of a measure ("Der Senat plant …"), not genitives ("auf Seiten des Senats").
    assert links(r, "RESPONSIBLE_FOR") == {
        ("Hamburger Senat", f"{BUENDNIS}#M2", ()),
        ("Industrieverband Hamburg", f"{BUENDNIS}#M2", ()),
        ("Hamburger Senat", f"{BUENDNIS}#M4", ()),
        ("Industrieverband Hamburg", f"{BUENDNIS}#M4", ()),
        ("Hamburger Senat", f"{BUENDNIS}#M5", ()),
    }


# --- English news article (May 2019) --------------------------------------------------


def test_senate_article_alliance_orgs_and_people(loaded):
    r = loaded[SENATE]
    alliance = "Alliance for the Industry of the Future"
    strategies = entities(r, "Strategy")
    assert set(strategies) == {alliance, "Industrial Master Plan"}
    assert strategies[alliance].props == {"title": alliance, "year": 2019, "reported": "2019-05-21"}
    assert strategies[alliance].evidence == [f"{SENATE}:17", f"{SENATE}:33"]
    orgs = entities(r, "Organization")
    assert {k: (o.props["kind"], o.aliases) for k, o in orgs.items()} == {
        "Industrieverband Hamburg": ("BusinessAssociation", ["Hamburg Industry Association", "IVH"]),
        "Senate of Hamburg": ("StateGovernment", ["Senate"]),
    }
    assert links(r, "PARTNER_OF") == {("Senate of Hamburg", alliance, ()), ("Industrieverband Hamburg", alliance, ())}
    assert evidence(r, "PARTNER_OF", "Senate of Hamburg", alliance) == [f"{SENATE}:3"]
    assert set(entities(r, "Person")) == {"Michael Westhagemann", "Matthias Boxberger"}
    assert links(r, "HOLDS_ROLE") == {
        ("Michael Westhagemann", "Senate of Hamburg", (("role", "Senator for Economics, Transport and Innovation"),)),
        ("Matthias Boxberger", "Industrieverband Hamburg", (("role", "Chairman"),)),
    }
    assert evidence(r, "HOLDS_ROLE", "Matthias Boxberger", "Industrieverband Hamburg") == [f"{SENATE}:13"]
    assert links(r, "REFERENCES") == {(alliance, "Industrial Master Plan", ())}
    assert not entities(r, "Event")  # the article reports no signing


def test_senate_article_fields_of_action_and_network(loaded):
    r = loaded[SENATE]
    fields = entities(r, "Measure")
    assert [(f.key, f.props["heading"], f.props["scope"], f.evidence) for f in fields.values()] == [
        (f"{SENATE}#M1", "Good conditions for industry", "field-of-action", [f"{SENATE}:19", f"{SENATE}:21"]),
        (f"{SENATE}#M2", "Obstacles to investment", "field-of-action", [f"{SENATE}:23", f"{SENATE}:25"]),
        (
            f"{SENATE}#M3",
            "Boosting links between industry and research",
            "field-of-action",
            [f"{SENATE}:27", f"{SENATE}:29"],
        ),
    ]
    assert links(r, "PART_OF") == {(f"{SENATE}#M{k}", "Alliance for the Industry of the Future", ()) for k in (1, 2, 3)}
    assert not entities(r, "ActionField")
    network = "IVH Energy Efficiency Network of Hamburg Industry"
    initiative = entities(r, "Initiative")[network]
    assert (initiative.props["founded"], initiative.props["foundedText"]) == (2019, "In April")
    assert initiative.evidence == [f"{SENATE}:9"]
    assert ("IVH Energy Efficiency Network of Hamburg Industry", "Hamburg", ()) in links(r, "LOCATED_IN")
    assert [(f.kind, f.evidence) for f in r.findings] == [("date-inferred", [f"{SENATE}:9", f"{SENATE}:33"])]
    # The icon-font line and the tag line are debris: nothing points at them.
    cited = {ev for e in r.entities for ev in e.evidence} | {ev for lk in r.links for ev in lk.evidence}
    assert f"{SENATE}:1" not in cited and f"{SENATE}:34" not in cited


# --- KLIMAready blog post -------------------------------------------------------------


def test_klimaready_initiative_clusters_and_funding(loaded, corpus):
    r = loaded[KLIMA]
    assert set(entities(r, "Initiative")) == {"KLIMAready"}
    project = entities(r, "Initiative")["KLIMAready"]
    assert project.props["status"] == "active"
    assert project.props["type"] == "Cross-Cluster-Projekt"
    assert project.props["description"].startswith("Ziel von KLIMAready ist es, Unternehmen in der Metropolregion")
    assert project.evidence == [f"{KLIMA}:1", f"{KLIMA}:3", f"{KLIMA}:5"]
    orgs = entities(r, "Organization")
    assert {k: o.props["kind"] for k, o in orgs.items()} == {
        "Logistik-Initiative Hamburg": "Cluster",
        "Gebr. Heinemann": "Company",
        "Dachser": "Company",
        "Buderus": "Company",
        "Marx": "Company",
        "Hamburg Kreativ Gesellschaft": "EconomicDevelopment",
        "Europäischer Fonds für regionale Entwicklung": "Other",
        "Freie und Hansestadt Hamburg": "StateGovernment",
    }
    assert orgs["Europäischer Fonds für regionale Entwicklung"].aliases == ["EFRE"]
    assert links(r, "MEMBER_OF") == {("Logistik-Initiative Hamburg", "KLIMAready", (("role", "carrier"),))}
    # MEMBER_OF evidence names the organisation.
    line = int(evidence(r, "MEMBER_OF", "Logistik-Initiative Hamburg", "KLIMAready")[0].rsplit(":", 1)[1])
    assert line == 5 and "Logistik-Initiative Hamburg" in corpus[KLIMA].line(line)
    assert links(r, "FUNDED_BY") == {
        ("KLIMAready", "Europäischer Fonds für regionale Entwicklung", (("role", "funder"),)),
        ("KLIMAready", "Freie und Hansestadt Hamburg", (("role", "cofunder"),)),
    }
    assert evidence(r, "FUNDED_BY", "KLIMAready", "Freie und Hansestadt Hamburg") == [f"{KLIMA}:21"]
    assert {(s, t) for s, t, _ in links(r, "HAS_TOPIC")} == {
        ("KLIMAready", "Klimaschutz"),
        ("KLIMAready", "Klimaanpassung"),
        ("KLIMAready", "Klimaresilienz"),
    }
    assert ("KLIMAready", "Hamburg", ()) in links(r, "LOCATED_IN")
    assert evidence(r, "LOCATED_IN", "KLIMAready", "Hamburg") == [f"{KLIMA}:5"]
    assert [(f.kind, f.message) for f in r.findings] == [
        ("unnamed-members", "KLIMAready: 6 further Cluster (carrier) are not named")
    ]


def test_klimaready_cluster_bridge_event(loaded):
    r = loaded[KLIMA]
    events = entities(r, "Event")
    bridge = events[f"{KLIMA}#cluster-bruecke"]
    assert bridge.props == {
        "title": "Cluster-Brücke Gewerbepark Allermöhe",
        "kind": "cluster-bridge",
        "date": "2025-05",
        "location": "Gewerbepark Allermöhe",
    }
    assert bridge.evidence == [f"{KLIMA}:1", f"{KLIMA}:3", f"{KLIMA}:9", f"{KLIMA}:19"]
    bridge_ref = bridge.key
    participants = {(s, t, p) for s, t, p in links(r, "PARTICIPATED_IN") if t == bridge_ref}
    companies = ("Gebr. Heinemann", "Dachser", "Buderus")
    assert participants == {(c, bridge_ref, (("role", "participant"),)) for c in companies}
    assert links(r, "ORGANIZED_BY") == {
        (bridge_ref, "KLIMAready", ()),
        (bridge_ref, "Hamburg Kreativ Gesellschaft", (("role", "curator"), ("unit", "Cross Innovation Hub"))),
    }
    shows = {
        f"{KLIMA}#{slug}"
        for slug in ("hamburg-sustainability-week", "cross-innovation-day", "hamburg-innovation-summit")
    }
    assert set(events) == {bridge_ref} | shows
    assert {(s, t, p) for s, t, p in links(r, "PARTICIPATED_IN") if t in shows} == {
        ("KLIMAready", t, (("role", "presenter"),)) for t in shows
    }
    # Marx joined the later pilot project, not the event.
    assert not any(lk.source == Ref("Organization", "Marx") for lk in r.links)


def test_every_record_has_evidence_in_its_own_file(loaded):
    for name, r in loaded.items():
        for rec in [*r.entities, *r.links]:
            assert rec.evidence, rec
            assert all(ev.startswith(f"{name}:") for ev in rec.evidence), rec


def test_patterns_carry_over_to_another_citys_page(corpus, tmp_path):
    """Not written for the three files: a Bremen page of the same kind yields the same kinds of records."""
    lines = [
        "Pakt für Industrie Bremen",
        "",
        "Der Bremer Senat, die Handelskammer Bremen und die IG Metall Küste haben sich im Jahr 2021 auf einen "
        "„Pakt für die Industrie in Bremen“ verständigt.",
        "Am 3. März 2021 unterzeichneten Bürgermeister Andreas Bovenschulte und Eduard Dubbers-Albrecht, Präsident "
        "der Handelskammer Bremen, den Pakt mit einem Maßnahmenpaket:",
        "  • Wasserstoff",
        "    Der Senat plant mit der swb AG ein Elektrolysezentrum in Bremen.",
        "Das Projekt HyBit wird durch das Bundesministerium für Bildung und Forschung (BMBF) gefördert. Hierbei "
        "handelt es sich um ein Verbundprojekt, das vom Cluster Erneuerbare Energien Bremen koordiniert wird.",
        "Die Auftaktveranstaltung fand am 12. April 2021 im Technologiepark Bremen statt; dort trafen sich "
        "Vertreter der Unternehmen ArcelorMittal Bremen, Airbus und OHB.",
    ]
    doc = SourceDoc(tmp_path / "pakt-bremen.txt", lines, corpus[KLIMA].repair)
    assert web_page.detect(doc) == 0.6
    r = web_page.load(doc)
    pact = "Pakt für die Industrie in Bremen"
    assert set(entities(r, "Strategy")) == {pact}
    parties = ("Bremer Senat", "Handelskammer Bremen", "IG Metall Küste")
    assert links(r, "PARTNER_OF") == {(o, pact, ()) for o in parties}
    assert links(r, "HOLDS_ROLE") == {
        ("Andreas Bovenschulte", "Bremer Senat", (("role", "Bürgermeister"),)),
        ("Eduard Dubbers-Albrecht", "Handelskammer Bremen", (("role", "Präsident"),)),
    }
    assert {e.props["date"] for e in entities(r, "Event").values()} == {"2021-03-03", "2021-04-12"}
    assert links(r, "RESPONSIBLE_FOR") == {("Bremer Senat", "pakt-bremen.txt#M1", ())}
    assert links(r, "FUNDED_BY") == {("HyBit", "Bundesministerium für Bildung und Forschung", (("role", "funder"),))}
    assert links(r, "MEMBER_OF") == {("Cluster Erneuerbare Energien Bremen", "HyBit", (("role", "coordinator"),))}
    assert {
        s for s, _, _ in links(r, "PARTICIPATED_IN") if not s.startswith(("Andreas", "Eduard", "Bremer", "Han"))
    } == {"ArcelorMittal Bremen", "Airbus", "OHB"}
    assert {k: o.props["kind"] for k, o in entities(r, "Organization").items()}["swb AG"] == "Company"
