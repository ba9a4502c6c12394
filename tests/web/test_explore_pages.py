"""The pages to browse the graph as a whole, on the real graph (TestClient)."""

from __future__ import annotations

import csv
import io
import re


def text(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_initiatives_list_filters_and_counts(client):
    all_ = client.get("/initiativen")
    assert all_.status_code == 200
    assert "97 von 97 Initiativen" in text(all_.text)
    berlin = client.get("/initiativen", params={"land": "Berlin", "status": "active"})
    body = text(berlin.text)
    assert re.search(r"(\d+) von 97 Initiativen", body).group(1) == "9"
    assert "H2Berlin" in body
    hydrogen = client.get("/initiativen", params={"thema": "wasserstoff", "von": "2018", "radius": "regional"})
    assert hydrogen.status_code == 200 and "von 97 Initiativen" in hydrogen.text
    ended = client.get("/initiativen", params={"status": "ended"})
    assert text(ended.text).count("beendet") >= 2
    for bad in ({"land": "Atlantis"}, {"radius": "global"}, {"von": "abc"}, {"thema": "nichts"}):
        assert client.get("/initiativen", params=bad).status_code == 400


def test_bundeslaender_tile_grid(client):
    page = client.get("/bundeslaender")
    assert page.status_code == 200
    tiles = re.findall(r'class="tile level-\d" href="([^"]+)"', page.text)
    assert len(tiles) == 16
    assert 'data-land="NW"' in page.text and "grid-row" in page.text


def test_brokers_page(client):
    page = client.get("/vermittler")
    assert page.status_code == 200
    assert "Industriebeirat Wiesbaden" in page.text and "Zwischenzentralität" in page.text
    assert not re.search(r"<td>#[0-9A-Fa-f]{6}</td>", page.text)  # the type column once showed a colour code
    assert "<td>Initiative</td>" in page.text
    assert client.get("/vermittler", params={"art": "Organization"}).status_code == 200
    assert client.get("/vermittler", params={"art": "Person"}).status_code == 400


def test_measure_page_headed_by_code_with_initiatives_elsewhere(client):
    page = client.get("/massnahme/masterplan-industrie-hamburg-txt-hf3-m4")
    assert page.status_code == 200
    h1 = re.search(r"<h1>(.*?)</h1>", page.text).group(1)
    assert h1.startswith("HF3-M4: ") and len(h1) < 110
    assert "Initiativen anderswo" in page.text and "H2 Süd" in page.text


def test_massnahmen_jump_links_and_filters(client):
    page = client.get("/massnahmen")
    assert page.status_code == 200
    assert '<nav class="jump"' in page.text and 'href="#hf3"' in page.text
    assert 'id="massnahmen-filter"' in page.text and "/static/filter.js" in page.text
    assert client.get("/static/filter.js").status_code == 200


def test_event_page_has_german_date_kind_and_participants(client):
    page = client.get("/knoten/event:buendnis-industrie-der-zukunft-hamburg-txt-signing-2019-11-18")
    body = text(page.text)
    assert "18.11.2019" in body and "Unterzeichnung" in body and "Teilnehmende" in body
    assert "signatory" not in body and "party" not in body


def test_one_row_per_organisation_with_roles_joined(client):
    page = client.get("/initiative/h2berlin")
    names = re.findall(r'<li><a href="(/organisation/[^"]+)">', page.text)
    assert len(names) == len(set(names))


def test_cooccurrence_carries_a_coverage_caveat(client):
    body = text(client.get("/kooperation").text)
    assert "Nur 26 von 97 Initiativen nennen" in body and "71 Initiativen nennen keine" in body


def test_search_says_not_found_plainly(client):
    assert "„IHK Köln“ wurde nicht gefunden" in text(client.get("/suche", params={"q": "IHK Köln"}).text)
    assert "nicht gefunden" not in client.get("/suche", params={"q": "IHK Aachen"}).text


def test_quotes_are_repaired_with_the_raw_line_on_demand(client):
    page = client.get("/qualitaet")
    assert "Eine Initiative mit Werkstattcharakter" in page.text
    for block in re.findall(r'<blockquote class="evidence">(.*?)<details', page.text, re.S):
        assert "\ufffd" not in block
    assert "<summary>Originalzeile</summary>" in page.text


def test_every_table_has_a_csv_link_that_opens_as_csv(client):
    for path in ("/initiativen", "/bundeslaender", "/vermittler", "/kooperation", "/qualitaet"):
        page = client.get(path)
        links = re.findall(r'<p class="csv-link"><a href="([^"]+)"', page.text)
        assert links, path
        response = client.get(links[0].replace("&amp;", "&"))
        assert response.status_code == 200, path
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), path
    assert client.get("/initiativen", params={"csv_tabelle": "9"}).status_code == 404


def test_api_query_answers_csv(client):
    response = client.get("/api/queries/cooccurrence", params={"kind_a": "IHK", "kind_b": "Union", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["a_name", "b_name", "shared", "initiatives"] and len(rows) > 1
    assert client.get("/api/queries/initiatives", params={"format": "csv", "limit": 5}).text.count("\r\n") == 6
    assert client.get("/api/queries/cooccurrence", params={"format": "xml"}).status_code == 422


def test_one_unreadable_file_or_a_spreadsheet_costs_only_its_own_quotes(tmp_path):
    """A member list and a file that fails to read stand beside the texts: the texts' quotes stay repaired."""
    from industriegraph.pipeline.build import default_sources
    from industriegraph.web.quotes import repaired

    report = "servicestelle-industrieinitiativen-abschlussbericht.txt"
    (tmp_path / report).write_bytes((default_sources() / report).read_bytes())
    (tmp_path / "mitglieder.xlsx").write_bytes(b"PK\x03\x04 not a text")
    (tmp_path / "kaputt.txt").write_bytes(b"text\x00binary")
    lines = (tmp_path / report).read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines, 1) if "Wirtscha\ufffd" in line)
    fixed = repaired(f"{report}:{n}", tmp_path)
    assert fixed is not None and "\ufffd" not in fixed and "Wirtschaft" in fixed
