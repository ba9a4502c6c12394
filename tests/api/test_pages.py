"""The server-rendered German pages on the real graph: content, evidence, networks, errors, offline assets."""

from __future__ import annotations

import html as htmllib
import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from industriegraph.graph.evidence import quote
from industriegraph.pipeline.build import default_sources


class Page(HTMLParser):
    """h1/h2 texts, script/link references, elements by class, the embedded network data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.classes: dict[str, int] = {}
        self.headings: dict[str, list[str]] = {"h1": [], "h2": [], "h3": []}
        self.charset: str | None = None
        self.data: list[str] = []
        self._heading: str | None = None
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link"):
            self.refs += [(tag, a[k]) for k in ("src", "href") if a.get(k) is not None]
        if tag == "meta" and "charset" in a:
            self.charset = a["charset"]
        for c in (a.get("class") or "").split():
            self.classes[c] = self.classes.get(c, 0) + 1
        if tag in self.headings:
            self._heading = tag
            self.headings[tag].append("")
        if tag == "script" and "ig-data" in (a.get("class") or ""):
            self._in_data = True
            self.data.append("")

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings[tag][-1] = " ".join(self.headings[tag][-1].split())
            self._heading = None
        if tag == "script":
            self._in_data = False

    def handle_data(self, data):
        if self._heading:
            self.headings[self._heading][-1] += data
        if self._in_data:
            self.data[-1] += data


def parse(text: str) -> Page:
    p = Page()
    p.feed(text)
    p.close()
    return p


@pytest.fixture(scope="module")
def client(built_db):
    from industriegraph.web.app import create_app

    app = create_app(built_db)
    with TestClient(app) as c:
        yield c
    app.state.graph.close()


def get(client, url: str, status: int = 200) -> Page:
    r = client.get(url, follow_redirects=False)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = parse(r.text)
    page.text = r.text  # type: ignore[attr-defined]
    return page


PAGES = {
    "/": "Regionale Industrieinitiativen in Deutschland",
    "/suche?q=Wasserstoff": "Suche",
    "/initiative/h2berlin": "H2Berlin e. V.",
    "/organisation/handelskammer-hamburg": "Handelskammer Hamburg",
    "/person/melanie-leonhard": "Melanie Leonhard",
    "/strategie/masterplan-industrie-ein-buendnis-fuer-die-industrie-der-zukunft": (
        "Masterplan Industrie – Ein Bündnis für die Industrie der Zukunft"
    ),
    "/massnahme/masterplan-industrie-hamburg-txt-hf3-m4": None,
    "/knoten/topic:wasserstoff": "Wasserstoff",
    "/knoten/state:de-bw": "Baden-Württemberg",
    "/kooperation": "Kooperation zwischen Organisationsarten",
    "/massnahmen": "Maßnahmen",
    "/peer-meetings": "Peer-Meetings",
    "/qualitaet": "Qualität der Daten",
    "/downloads": "Downloads",
}


@pytest.mark.parametrize("url", list(PAGES))
def test_page_renders_offline(client, url):
    page = get(client, url)
    assert page.charset == "utf-8"
    if PAGES[url]:
        assert page.headings["h1"][0] == PAGES[url]
    assert "Hauptnavigation" in page.text
    for tag, ref in page.refs:
        assert ref.startswith("/static/") or ref == "data:,", (tag, ref)
        assert client.get(ref).status_code == 200 if ref.startswith("/static/") else True
    assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(js|css)', page.text)
    assert not re.search(r'<script[^>]+src="https?:', page.text)


def test_start_page_figures(client, graph):
    page = get(client, "/")
    figures = dict(
        (label, int(n.replace(".", "")))
        for n, label in re.findall(
            r'<li><span class="n">([\d.]+)</span>(?:<a href="[^"]*">)?([^<]+)(?:</a>)?</li>', page.text
        )
    )
    assert figures["Initiativen"] == 97
    assert figures["Organisationen"] == 112
    assert figures["Maßnahmen"] == 59
    assert figures["Handlungsfelder"] == 5
    states = graph.cypher("MATCH (:Initiative)-[:LOCATED_IN]->(s:State) RETURN count(DISTINCT s.id) AS c")[0]["c"]
    assert figures["Bundesländer mit Initiativen"] == states == 16
    assert 'action="/suche"' in page.text
    # the figures say where they come from, computed from the graph
    origin = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page.text))
    assert (
        "97 Initiativen = 93 aus dem Dokument servicestelle-industrieinitiativen-abschlussbericht.txt + 2 beendet"
        in origin
    )
    assert "59 Maßnahmen = 51 Handlungsfelder der Strategie" in origin


def test_search_lists_h2berlin_for_wasserstoff(client):
    page = get(client, "/suche?q=Wasserstoff")
    assert '<a href="/initiative/h2berlin">H2Berlin e. V.</a>' in page.text
    assert re.search(r"\d+ Treffer für „Wasserstoff“", page.text)
    assert '<a href="/knoten/topic:wasserstoff">Wasserstoff</a>' in page.text
    only = get(client, "/suche?q=Wasserstoff&typ=Strategy")
    assert set(re.findall(r'<a href="/(\w+)/', only.text.split("<main")[1])) == {"strategie"}


def test_initiative_page_quotes_evidence_and_shows_network(client, graph):
    page = get(client, "/initiative/h2berlin")
    node = graph.get("ini:h2berlin")
    assert len(node["evidence"]) == 4
    for ev in node["evidence"]:
        line = quote(ev, default_sources())
        assert line
        assert f'<blockquote class="evidence">{htmllib.escape(line, quote=False)}<cite>{ev}</cite>' in page.text
    assert "Berlin H2Berlin e. V. landesweit" in page.text
    assert '<a href="https://h2berlin.org/" rel="noopener noreferrer">' in page.text
    assert "Entwicklung einer Wasserstoff-Wirtschaft, Unterstützung des Markthochlaufs" in page.text
    assert "Hat als Kooperationspartner (1)" in page.headings["h2"]
    assert page.classes["ig-network"] == 1
    data = json.loads(page.data[0])
    ids = {n["id"] for n in data["nodes"]}
    assert "ini:h2berlin" in ids and "ini:h2-sued-die-wasserstoffinitiative-bayern-baden-wuerttemberg" in ids
    assert all(n.get("url", "").startswith("/") for n in data["nodes"])
    assert ("script", "/static/vendor/vis-network.min.js") in page.refs and (
        "script",
        "/static/network.js",
    ) in page.refs


def test_organisation_page_groups_members(client):
    page = get(client, "/organisation/handelskammer-hamburg")
    assert "Organisation · IHK / Handelskammer" in page.text
    assert any(h.startswith("Ist Mitglied von") for h in page.headings["h2"])
    assert '<a href="/initiative/masterplan-industrie-hamburg">Masterplan Industrie Hamburg</a>' in page.text


def test_masterplan_page(client, graph):
    page = get(client, "/massnahmen")
    assert page.classes["field"] == 5
    assert page.classes["measure"] == 51
    fields = [h for h in page.headings["h3"] if h.startswith("Handlungsfeld ")]
    assert len(fields) == 5 and fields[0].startswith("Handlungsfeld 1: ")
    top = graph.query("policy-transfer", measure="HF3-M4", top=3)
    block = page.text.split('id="HF3-M4"')[1].split('<div class="measure"')[0]
    assert re.findall(r'<a href="/initiative/([^"]+)">', block) == [r["initiative_id"][4:] for r in top]
    assert "Verantwortlich: " in block


def test_cooperation_page(client, graph):
    page = get(client, "/kooperation")
    rows = graph.query("cooccurrence", kind_a="IHK", kind_b="Union")
    assert page.text.count("<tr>") == len(rows) + 1
    assert '<option value="IHK" selected>' in page.text and '<option value="Union" selected>' in page.text
    assert "Handelskammer Hamburg" in page.text and "Deutscher Gewerkschaftsbund Nord" in page.text
    assert len(json.loads(page.data[0])["nodes"]) == len(
        {r[s] for r in rows for s in ("a_name", "b_name")} | {i for r in rows for i in r["initiatives"]}
    )
    other = get(client, "/kooperation?art_a=University&art_b=ResearchInstitute")
    assert other.headings["h2"][0] == "Hochschule und Forschungseinrichtung: gemeinsame Initiativen"


def test_peer_meetings_page(client, graph):
    page = get(client, "/peer-meetings?thema=wasserstoff&initiative=ini:h2berlin")
    assert "Passende Partner für H2Berlin e. V." in page.headings["h2"]
    best = graph.match("ini:h2berlin", top=5)[0]["initiative"]
    assert best["name"] in page.text
    groups = graph.peer_groups(topic="wasserstoff")["groups"]
    assert page.text.count('<section class="group">') == len(groups) > 0


def test_quality_page(client, graph):
    page = get(client, "/qualitaet")
    findings = graph.query("quality")
    assert len(findings) == 14
    assert page.classes["findings"] == len({f["kind"] for f in findings})
    assert page.text.count("<li>") == len(findings)


def test_downloads_link_to_working_exports(client):
    page = get(client, "/downloads")
    links = re.findall(r'<a href="(/api/export/[^"]+)"', page.text)
    assert links == [
        "/api/export/json",
        "/api/export/gexf",
        "/api/export/rdf?format=turtle",
        "/api/export/rdf?format=jsonld",
        "/api/export/rdf?format=ntriples",
        "/api/export/rdf?format=rdfxml",
    ]
    assert client.get("/api/export/json").status_code == 200


def test_generic_node_redirects_to_typed_page(client):
    r = client.get("/knoten/ini:h2berlin", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/initiative/h2berlin"
    assert client.get("/initiative/ini:h2berlin").status_code == 200  # the full id works too
    assert client.get("/organisation/h2berlin").status_code == 404  # an initiative is no organisation


@pytest.mark.parametrize(
    "url",
    [
        "/initiative/gibt-es-nicht",
        "/organisation/gibt-es-nicht",
        "/person/gibt-es-nicht",
        "/massnahme/gibt-es-nicht",
        "/strategie/gibt-es-nicht",
        "/knoten/ini:gibt-es-nicht",
        "/peer-meetings?initiative=ini:gibt-es-nicht",
    ],
)
def test_unknown_ids_are_404(client, url):
    page = get(client, url, 404)
    assert page.headings["h1"] == ["Nicht gefunden"]


@pytest.mark.parametrize(
    "url",
    [
        "/suche?q=" + "x" * 201,
        "/suche?q=a&typ=Gemüse",
        "/suche?q=a&seite=0",
        "/suche?q=a&seite=abc",
        "/kooperation?art_a=Bäckerei",
        "/kooperation?art_b=",
        "/peer-meetings?thema=gibt-es-nicht",
    ],
)
def test_bad_parameters_are_400(client, url):
    r = client.get(url)
    if url.endswith("art_b="):  # an empty choice falls back to the default
        assert r.status_code == 200
        return
    assert r.status_code == 400, (url, r.status_code)
    assert parse(r.text).headings["h1"] == ["Ungültige Anfrage"]


def test_quality_page_names_finding_kinds_in_german(client):
    page = client.get("/qualitaet").text
    assert "Bundesland widersprüchlich (Tabelle und Steckbrief)" in page
    assert "Steckbrief über den Inhalt zugeordnet" in page
    assert ">state-conflict<" not in page
