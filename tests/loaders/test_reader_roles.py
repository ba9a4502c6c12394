"""The general reader on short texts written for the test: role cues that govern lists, regional branches with
PART_OF, and acronyms named as of the document's date."""

from __future__ import annotations

from industriegraph.loaders.reader import Reader
from industriegraph.model.records import LoadResult
from industriegraph.text.source import open_corpus


def _read(tmp_path, text: str) -> LoadResult:
    path = tmp_path / "seite.txt"
    path.write_text(text, encoding="utf-8")
    result = LoadResult()
    Reader(open_corpus([path])[0]).read(result, {})
    return result


def _links(result: LoadResult, rel: str | None = None) -> set[tuple[str, str, str]]:
    return {(lk.source.key, lk.target.key, lk.props.get("role", "")) for lk in result.links
            if rel is None or lk.type == rel}  # fmt: skip


def test_roles_from_coordination_partners_after_a_colon_and_described_lists(tmp_path):
    result = _read(tmp_path, (
        "Musternetzwerk Industrie\n"
        "Das Musternetzwerk Industrie verbindet die Region. Die Gesamtkoordination liegt bei der Beispiel Innovativ "
        "GmbH. Sie agiert im Verbund mit zwei Partnern: der Muster AG und der Beispiel GmbH. Im Musternetzwerk "
        "Industrie sind außerdem vertreten, die regionalen Institutionen IHK Köln und DGB.\n"))  # fmt: skip
    links = _links(result)
    assert ("Beispiel Innovativ GmbH", "Musternetzwerk Industrie", "coordinator") in links
    assert ("Muster AG", "Musternetzwerk Industrie", "partner") in links
    assert ("Beispiel GmbH", "Musternetzwerk Industrie", "partner") in links
    assert {o for o, _, r in links if r == "member"} >= {"IHK Köln"}


def test_partner_of_a_founding_act_is_a_founder_and_the_forum_office_coordinates(tmp_path):
    result = _read(
        tmp_path,
        (
            "Musterforum Industrie\n"
            "Im Jahr 2013 initiierten Unternehmer gemeinsam mit der IHK Köln das Musterforum Industrie. Die "
            "Geschäftsstelle des Musterforums ist bei der Wirtschaftsförderung der Stadt Musterstadt angesiedelt.\n"
        ),
    )
    links = _links(result)
    assert ("IHK Köln", "Musterforum Industrie", "initiator") in links
    assert any(o.startswith("Wirtschaftsförderung") and r == "coordinator" for o, _, r in links)


def test_a_regional_branch_is_part_of_its_national_body(tmp_path):
    result = _read(
        tmp_path,
        (
            "Transformationsnetzwerk Musterregion\n"
            "Partner des Transformationsnetzwerks Musterregion sind die IG Metall Aalen/Heidenheim und die Muster AG.\n"
        ),
    )
    assert ("IG Metall Aalen/Heidenheim", "Industriegewerkschaft Metall", "") in _links(result, "PART_OF")
    assert any(e.key == "Industriegewerkschaft Metall" and e.props["kind"] == "Union" for e in result.entities)


def test_an_acronym_names_the_ministry_of_the_documents_date(tmp_path):
    text = "Bündnis Musterzukunft gegründet\n12. März {}\nDas Bündnis Musterzukunft wird vom BMWi gefördert.\n"
    old, new = _read(tmp_path, text.format(2010)), _read(tmp_path, text.format(2016))
    assert ("Bündnis Musterzukunft", "Bundesministerium für Wirtschaft und Technologie", "funder") in _links(old)
    assert ("Bündnis Musterzukunft", "Bundesministerium für Wirtschaft und Energie", "funder") in _links(new)


def test_inflected_partner_headings_and_a_board_named_in_a_list(tmp_path):
    result = _read(tmp_path, (
        "Musternetzwerk Süd\n"
        "Die Koordination übernimmt die IHK Köln, in engem Schulterschluss mit den Projektpartnern der Muster AG "
        "und der Beispiel GmbH. Die Stadt Musterstadt hat das Musternetzwerk Süd gemeinsam mit dem Beirat "
        "Industrie, der Universität Musterstadt und weiteren Akteuren erarbeitet.\n"))  # fmt: skip
    roles = {(o, r) for o, _, r in _links(result)}
    assert ("IHK Köln", "coordinator") in roles
    assert ("Muster AG", "partner") in roles and ("Beispiel GmbH", "partner") in roles
    assert ("Muster AG", "coordinator") not in roles
    assert ("Universität Musterstadt", "partner") in roles and ("Universität Musterstadt", "advisory") not in roles


def test_roles_announced_before_a_list_and_referred_to_by_zu_diesen(tmp_path):
    result = _read(tmp_path, (
        "Musterbündnis Nord\n"
        "Das Musterbündnis Nord wird von folgenden Partnern getragen:\n"
        "www.muster.example\n\n"
        "Die IHK Köln, die Muster AG und die Beispiel GmbH schließen die Vereinbarung.\n"))  # fmt: skip
    assert {(o, r) for o, _, r in _links(result)} >= {("IHK Köln", "carrier"), ("Muster AG", "carrier")}
    result = _read(
        tmp_path,
        (
            "Musterprojekt Süd\n"
            "Im Musterprojekt Süd arbeiten starke Partner zusammen. Zu diesen gehören die IHK Köln und die Muster AG.\n"
        ),
    )
    assert {(o, r) for o, _, r in _links(result)} >= {("IHK Köln", "partner"), ("Muster AG", "partner")}
