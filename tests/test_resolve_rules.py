"""Resolution a reviewer can trust: similarity alone never merges different bodies; branches stay apart;
German and English names meet through the vocabulary; the graph does not depend on the order of the files."""

from __future__ import annotations

import json
import random

from industriegraph.model.records import GraphData, LoadResult
from industriegraph.pipeline.build import default_sources, load_documents
from industriegraph.resolve import acronyms_in, laender_in, may_be_same, read_alias_file, resolve


def _org_names(data: GraphData) -> dict[str, str]:
    return {n["id"]: n["name"] for n in data.nodes["Organization"]}


def _orgs(*names_and_kinds: tuple[str, str]) -> GraphData:
    r = LoadResult()
    for i, (name, kind) in enumerate(names_and_kinds, 1):
        r.add("Organization", name, f"t.txt:{i}", kind=kind)
    return resolve([r])


def test_acronyms_laender_and_kinds_are_read_from_names():
    assert acronyms_in("Industrieverband Hamburg (IVH)") == {"IVH"}
    assert acronyms_in("IHK Köln und DGB") == {"IHK", "DGB"}
    assert laender_in("Industrie- und Handelskammer des Saarlandes") == {"Saarland"}
    assert laender_in("Ministerium für Wirtschaft NRW") == {"Nordrhein-Westfalen"}
    assert may_be_same("Wirtschaftsministerium Bayern", "Wirtschaftsministerium Bayerns")
    assert not may_be_same("Wirtschaftsministerium Sachsen", "Wirtschaftsministerium Sachsen-Anhalt")
    assert not may_be_same("Verband der Metallindustrie (VMI)", "Verband der Metallindustrie (VME)")
    assert not may_be_same("Netzwerk Industrie Ruhr", "Netzwerk Industrie Ruhr", "Cluster", "Union")


def test_near_identical_names_with_other_acronyms_or_laender_stay_apart():
    data = _orgs(
        ("Arbeitgeberverband der Metall- und Elektroindustrie (AME)", "EmployerAssociation"),
        ("Arbeitgeberverband der Metall- und Elektroindustrie (AMW)", "EmployerAssociation"),
        ("Landesverband der Industrie Sachsen", "BusinessAssociation"),
        ("Landesverband der Industrie Sachsen-Anhalt", "BusinessAssociation"),
        ("Zukunftsnetzwerk Metallindustrie Nord", "Cluster"),
        ("Zukunftsnetzwerk Metallindustrie Nordd", "Union"),
    )
    assert len(data.nodes["Organization"]) == 6


def test_spelling_variants_of_one_name_still_merge():
    data = _orgs(
        ("Landesverband der Industrie Sachsen e. V.", "BusinessAssociation"),
        ("Landesverband der Industrie Sachsen", "BusinessAssociation"),
        ("Landesverband der Industrie Sachsens", "Other"),
    )
    assert len(data.nodes["Organization"]) == 1


def test_a_regional_branch_is_its_own_node_part_of_its_national_body():
    data = _orgs(
        ("DGB-Bezirk Baden-Württemberg", "Union"),
        ("Deutscher Gewerkschaftsbund", "Union"),
        ("IG Metall Bezirk Mitte", "Union"),
        ("IG Metall", "Union"),
    )
    names = _org_names(data)
    assert len(names) == 4
    part_of = {(names[r["from"]], names[r["to"]]) for r in data.rels["PART_OF"]}
    assert part_of == {
        ("DGB-Bezirk Baden-Württemberg", "Deutscher Gewerkschaftsbund"),
        ("IG Metall Bezirk Mitte", "IG Metall"),
    }


def test_german_and_english_names_meet_through_the_vocabulary_and_the_german_one_is_kept():
    for order in (1, -1):
        records = [
            ("Federation of German Industries", "BusinessAssociation"),
            ("Federation of German Industries", "BusinessAssociation"),
            ("Bundesverband der Deutschen Industrie", "BusinessAssociation"),
        ][::order]
        data = _orgs(*records)
        assert _org_names(data) == {"org:bdi": "Bundesverband der Deutschen Industrie"}


def test_the_vocabulary_keeps_different_bodies_apart_and_gives_their_kind():
    data = _orgs(
        ("Bundesministerium für Wirtschaft und Energie", "FederalGovernment"),
        ("Bundesverband der Deutschen Industrie", "FederalGovernment"),
        ("Gesamtmetall", "EmployerAssociation"),
        ("Bundesvereinigung der Deutschen Arbeitgeberverbände", "EmployerAssociation"),
    )
    kinds = {n["name"]: n["kind"] for n in data.nodes["Organization"]}
    assert len(kinds) == 4
    assert kinds["Bundesverband der Deutschen Industrie"] == "BusinessAssociation"


def _canonical(data: GraphData) -> str:
    """The resolved graph in a form that ignores the order rows were written in."""
    nodes = {label: sorted(rows, key=lambda n: n["id"]) for label, rows in data.nodes.items()}
    rels = {t: sorted(rows, key=lambda r: json.dumps(r, sort_keys=True)) for t, rows in data.rels.items()}
    return json.dumps({"nodes": nodes, "rels": rels}, sort_keys=True, ensure_ascii=False)


def test_the_graph_does_not_depend_on_the_order_of_the_files():
    sources = default_sources()
    _, results, _ = load_documents(sources)
    aliases = read_alias_file(sources.parent / "aliases.yaml")
    expected = _canonical(resolve(results, aliases))
    rng = random.Random(7)
    for _ in range(3):
        shuffled = results[:]
        rng.shuffle(shuffled)
        assert _canonical(resolve(shuffled, aliases)) == expected
    reversed_within = [LoadResult(r.entities[::-1], r.links[::-1], r.findings[::-1]) for r in reversed(results)]
    assert _canonical(resolve(reversed_within, aliases)) == expected
