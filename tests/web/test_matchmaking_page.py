"""``/peer-meetings``: the CLI's controls, marks for ended and connected initiatives, CSV and permalink."""

from __future__ import annotations

import csv
import io
import re

from industriegraph.model.schema import value_label_de


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_ended_initiatives_are_left_out_by_default_and_marked_when_included(client):
    default = client.get("/peer-meetings")
    assert default.status_code == 200
    assert "badge ended" not in default.text
    assert "Beendete Initiativen sind ausgeblendet" in default.text
    included = client.get("/peer-meetings", params={"beendete": "1"})
    assert included.text.count('class="badge ended">beendet<') == 2


def test_connected_pairs_are_marked_with_how_they_know_each_other(client):
    page = client.get("/peer-meetings", params={"initiative": "ini:h2bz-initiative-hessen"})
    body = text(page.text)
    assert "kennen sich bereits" in body
    # the schema's German name of the cooperation kind (COOPERATES_WITH.kind = cooperation)
    assert value_label_de("COOPERATES_WITH", "kind", "cooperation") == "Zusammenarbeit"
    assert "Zusammenarbeit vereinbart" in body
    assert "kennt " in body  # inside the groups


def test_controls_change_the_result_and_scores_are_explained(client):
    page = client.get(
        "/peer-meetings",
        params={"thema": "wasserstoff", "groesse_min": "3", "groesse_max": "4", "modus": "mixed"},
    )
    assert page.status_code == 200
    body = text(page.text)
    assert "Zusammenhalt 0," in body and "<details" in page.text
    assert "in die Mischung ein" in body
    themes = re.findall(r"<h3>Gruppe \d+: ([^<]+)</h3>", page.text)
    assert themes and len(themes) == len(set(themes))
    other = client.get("/peer-meetings", params={"initiative": "ini:h2berlin", "anderes_land": "1", "anzahl": "3"})
    assert "Ohne Partner aus Berlin" in other.text
    assert "gleiche Region: Berlin" not in other.text
    assert "Übereinstimmung 0," in text(other.text)
    for bad in ({"groesse_min": "0"}, {"modus": "random"}, {"groesse_min": "6", "groesse_max": "3"}):
        assert client.get("/peer-meetings", params=bad).status_code == 400


def test_csv_and_permalink(client):
    params = {"initiative": "ini:h2berlin", "thema": "wasserstoff", "anzahl": "3"}
    page = client.get("/peer-meetings", params=params)
    permalink = re.search(r'href="([^"]+)" rel="bookmark"', page.text).group(1).replace("&amp;", "&")
    assert client.get(permalink).text == page.text
    response = client.get("/peer-meetings", params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Vorschlag" and sum(r[0] == "Partner" for r in rows) == 3
    assert any(r[0].startswith("Gruppe") for r in rows)
