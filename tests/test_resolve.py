"""Entity resolution rules, on records as loaders produce them."""

from __future__ import annotations

from industriegraph.model.records import LoadResult, Ref
from industriegraph.resolve import AliasEntry, resolve
from industriegraph.text.normalize import norm


def _result() -> LoadResult:
    r = LoadResult()
    r.add("Organization", "Industrieverband Hamburg e. V.", "a.txt:3", aliases=["IVH"], kind="BusinessAssociation")
    r.add("Organization", "IVH", "b.txt:7", kind="Other")
    r.add("Organization", "Industrieverband Hamburg", "c.txt:1")
    r.add("Organization", "Transformationsnetzwerk transform.r", "a.txt:9", kind="Cluster")
    r.add("Organization", "Transformationsnetzwerk transform.RMF", "a.txt:10", kind="Cluster")
    r.add("Person", "Dr. Peter Tschentscher", "a.txt:20")
    r.add("Person", "Peter Tschentscher", "b.txt:2")
    r.add("Initiative", "Masterplan Industrie Hamburg", "a.txt:30", radius="landesweit")
    r.add(
        "Strategy",
        "Masterplan Industrie – Ein Bündnis für die Industrie der Zukunft",
        "m.txt:1",
        aliases=["Hamburger Masterplan Industrie"],
    )
    r.link(
        "MEMBER_OF",
        Ref("Organization", "IVH"),
        Ref("Initiative", "Masterplan Industrie Hamburg"),
        "b.txt:7",
        role="member",
    )
    r.link(
        "MEMBER_OF",
        Ref("Organization", "Unbekannter Verband"),
        Ref("Initiative", "Masterplan Industrie Hamburg"),
        "b.txt:8",
        role="member",
    )
    r.link("LOCATED_IN", Ref("Initiative", "Masterplan Industrie Hamburg"), Ref("State", "Hamburg"), "a.txt:30")
    r.link(
        "HAS_TOPIC",
        Ref("Initiative", "Masterplan Industrie Hamburg"),
        Ref("Topic", "Wasserstoffwirtschaft"),
        "a.txt:31",
    )
    r.finding(
        "state-conflict",
        "table says Hamburg, profile says Bremen",
        ["a.txt:30"],
        Ref("Initiative", "Masterplan Industrie Hamburg"),
    )
    return r


def test_norm_folds_spelling_variants():
    assert (
        norm("Industrieverband Hamburg e. V.") == norm("industrieverband  hamburg e.V.") == "industrieverband hamburg"
    )
    assert norm("Dr. Peter Tschentscher", "Person") == "peter tschentscher"
    assert norm("Thüringen") == "thueringen"


def test_spellings_and_acronyms_merge_into_one_node():
    data = resolve([_result()])
    orgs = {o["name"]: o for o in data.nodes["Organization"]}
    ivh = orgs["Industrieverband Hamburg e. V."]
    assert ivh["kind"] == "BusinessAssociation"
    assert set(ivh["aliases"]) == {"IVH", "Industrieverband Hamburg"}
    assert ivh["evidence"] == ["a.txt:3", "b.txt:7", "c.txt:1"]
    assert {"Transformationsnetzwerk transform.r", "Transformationsnetzwerk transform.RMF"} <= set(orgs)
    assert [p["name"] for p in data.nodes["Person"]] == ["Peter Tschentscher"]


def test_links_resolve_and_unknown_names_become_findings():
    data = resolve([_result()])
    member = data.rels["MEMBER_OF"]
    assert [(m["from"], m["to"], m["role"]) for m in member] == [
        ("org:ivh", "ini:masterplan-industrie-hamburg", "member")
    ]
    assert data.rels["LOCATED_IN"][0]["to"] == "state:de-hh"
    assert data.rels["HAS_TOPIC"][0]["to"] == "topic:wasserstoff"
    assert data.rels["HAS_TOPIC"][0]["raw"] == "Wasserstoffwirtschaft"
    kinds = {f["kind"]: f for f in data.nodes["Finding"]}
    assert kinds["state-conflict"]["subject"] == "ini:masterplan-industrie-hamburg"
    assert "Unbekannter Verband" in kinds["unresolved-name"]["message"]
    assert data.rels["HAS_STRATEGY"][0]["from"] == "ini:masterplan-industrie-hamburg"


def test_alias_file_decides_canonical_name_and_kind():
    entries = [
        AliasEntry("Organization", "IVH Industrieverband", ["Industrieverband Hamburg e. V."], "EmployerAssociation")
    ]
    data = resolve([_result()], entries)
    (ivh,) = [o for o in data.nodes["Organization"] if "IVH" in o["aliases"] or o["name"].startswith("IVH")]
    assert ivh["name"] == "IVH Industrieverband" and ivh["kind"] == "EmployerAssociation"


def test_ids_are_stable_across_runs():
    a, b = resolve([_result()]), resolve([_result()])
    assert a.nodes == b.nodes and a.rels == b.rels
