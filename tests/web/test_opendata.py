"""Open data: downloads with licence, size and date; RDF of one entity by content negotiation; SPARQL."""

from __future__ import annotations

import shutil
import time
from types import SimpleNamespace

import pytest


def test_downloads_page_shows_licence_sizes_and_date(tmp_path, built_db):
    """The page never produces a download (seconds, hundreds of MB on a large graph): it shows the sizes of the
    files produced already (by the first request, or serve's warm-up) and says the others come on request."""
    from fastapi.testclient import TestClient

    from industriegraph.web.app import create_app
    from industriegraph.web.downloads import SUFFIX

    db = tmp_path / "graph.db"
    shutil.copy2(built_db, db)
    app = create_app(str(db))
    with TestClient(app) as client:
        page = client.get("/downloads")
        assert page.status_code == 200
        assert "CC BY 4.0" in page.text and 'rel="license"' in page.text
        assert page.text.count("wird beim ersten Abruf erzeugt") == 6 and " KB</td>" not in page.text
        assert "Stand der Daten:</strong> " in page.text and "unbekannt" not in page.text
        first = client.get("/api/export/gexf")
        assert first.status_code == 200 and first.headers["content-disposition"].endswith('"industriegraph.gexf"')
        kept = list((tmp_path / f"graph.db{SUFFIX}").glob("industriegraph-*.gexf"))
        assert len(kept) == 1 and kept[0].read_bytes() == first.content  # served from the file it keeps
        page = client.get("/downloads")
        assert page.text.count(" KB</td>") + page.text.count(" MB</td>") == 1
    app.state.graph.close()
    app = create_app(str(db))  # a restarted server finds the file; a rebuilt graph (new fingerprint) would not
    with TestClient(app) as client:
        assert client.get("/downloads").text.count("wird beim ersten Abruf erzeugt") == 5
    app.state.graph.close()


@pytest.mark.parametrize(
    ("accept", "media", "start"),
    [("text/turtle", "text/turtle", "@prefix"), ("application/ld+json", "application/ld+json", "[")],
)
def test_entity_urls_answer_rdf_when_asked(client, accept, media, start):
    for url in ("/initiative/h2berlin", "/knoten/ini:h2berlin"):
        r = client.get(url, headers={"Accept": accept})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith(media)
        assert r.text.lstrip().startswith(start) and "h2berlin" in r.text
    assert client.get("/initiative/h2berlin").headers["content-type"].startswith("text/html")
    assert client.get("/initiative/nichts", headers={"Accept": accept}).status_code == 404


def test_sparql_page_answers_a_sample_query(client):
    page = client.get("/sparql", params={"beispiel": "cooccurrence"})
    assert page.status_code == 200
    assert "Handelskammer Hamburg" in page.text and "<table" in page.text


def test_sparql_api_is_read_only_and_answers(client):
    r = client.get("/api/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.json() == {"head": {}, "boolean": True}
    r = client.get("/api/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"})
    assert len(r.json()["results"]["bindings"]) == 3
    for bad in ("INSERT DATA { <a:b> <a:c> <a:d> }", "DROP ALL", "SELECT * WHERE { ?s ?p "):
        assert client.get("/api/sparql", params={"query": bad}).status_code == 400


def test_sparql_gives_up_after_the_time_limit(client, monkeypatch):
    from industriegraph.web import opendata

    store = opendata.store_of(SimpleNamespace(app=client.app))
    real = opendata._evaluate

    def slow(*args):  # a query that takes 2 s (a real slow query would keep a core busy for the whole session)
        time.sleep(2)
        return real(*args)

    monkeypatch.setattr(opendata, "_evaluate", slow)
    started = time.monotonic()
    with pytest.raises(opendata.SparqlError) as err:
        opendata.run_sparql(store, "ASK { ?s ?p ?o }", limit=0.5)
    assert err.value.status == 504 and time.monotonic() - started < 1.5
    time.sleep(2)  # the worker ends and frees its slot
    assert opendata.run_sparql(store, "ASK { ?s ?p ?o }", limit=5)["boolean"] is True
