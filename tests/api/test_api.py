"""The JSON API on the real graph, through FastAPI's test client: every endpoint, good and bad input.

Answers are compared with what the core API (``Graph``, query modules, ``industriegraph.analysis.match``) returns for
the same question, so the HTTP layer is checked for faithfulness, not only for status codes.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from industriegraph.analysis.queries import all_queries
from industriegraph.pipeline.build import default_sources
from industriegraph.web.app import create_app

SOURCES = default_sources()


@pytest.fixture(scope="module", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def client(request, built_db: Path):
    """The explorer on the Ladybug graph, and on the same graph in Neo4j (what `serve --db neo4j://…` serves)."""
    app = create_app(built_db if request.param == "ladybug" else request.getfixturevalue("neo4j_build")["uri"])
    with TestClient(app) as c:
        yield c
    app.state.graph.close()


def get_json(client: TestClient, url: str, expect: int = 200, **params):
    r = client.get(url, params=params or None)
    assert r.status_code == expect, (url, r.text[:500])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# -- search -----------------------------------------------------------------------------------------
def test_search_finds_an_organisation_by_name_first(client):
    body = get_json(client, "/api/search", q="IHK Aachen")
    first = body["hits"][0]
    assert (first["id"], first["label"], first["name"]) == ("org:ihk-aachen", "Organization", "IHK Aachen")
    assert first["matched"] == ["IHK", "Aachen"]


def test_search_acronym_finds_the_association(client):
    assert get_json(client, "/api/search", q="IVH")["hits"][0]["id"] == "org:ivh"


def test_search_wasserstoff_across_labels_and_by_label(client):
    body = get_json(client, "/api/search", q="Wasserstoff", limit=100)
    assert body["hits"][0]["id"] == "topic:wasserstoff"
    assert body["total"] == len(body["hits"])
    labels = {h["label"] for h in body["hits"]}
    assert {"Topic", "Initiative", "Strategy", "Measure", "Event"} <= labels
    only = get_json(client, "/api/search", q="Wasserstoff", label="Initiative", limit=100)
    assert {h["label"] for h in only["hits"]} == {"Initiative"}
    assert only["total"] == sum(1 for h in body["hits"] if h["label"] == "Initiative")
    assert "ini:wasserstoffnetzwerk-lausitz-durch2atmen" in [h["id"] for h in only["hits"]]


def test_search_is_tolerant_of_umlaut_spellings(client):
    a = get_json(client, "/api/search", q="Fachkräfte", limit=100)
    b = get_json(client, "/api/search", q="Fachkraefte", limit=100)
    assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]]
    assert "strategy:hamburger-fachkraeftestrategie" in [h["id"] for h in a["hits"]]


def test_search_pages_are_slices_of_the_ranking(client):
    whole = [h["id"] for h in get_json(client, "/api/search", q="Hamburg", limit=10)["hits"]]
    first = [h["id"] for h in get_json(client, "/api/search", q="Hamburg", limit=4)["hits"]]
    second = get_json(client, "/api/search", q="Hamburg", limit=4, offset=4)
    assert first + [h["id"] for h in second["hits"]] == whole[:8]
    assert second["offset"] == 4 and second["total"] > 8


def test_search_nothing_found_is_an_empty_page(client):
    assert get_json(client, "/api/search", q="xyzzyqq") == {
        "query": "xyzzyqq",
        "label": None,
        "total": 0,
        "limit": 20,
        "offset": 0,
        "hits": [],
    }


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "a" * 201},
        {"q": "IHK", "limit": 101},
        {"q": "IHK", "limit": 0},
        {"q": "IHK", "offset": -1},
        {"q": "IHK", "label": "Finding"},
        {"q": "IHK", "limit": "many"},
    ],
)
def test_search_bad_input_is_422(client, params):
    body = get_json(client, "/api/search", 422, **params)
    assert body["detail"]


def test_search_input_that_looks_like_cypher_is_just_text(client):
    body = get_json(client, "/api/search", q="') MATCH (n) DETACH DELETE n //")
    assert body["query"] == "') MATCH (n) DETACH DELETE n //"
    assert get_json(client, "/api/stats") == get_json(client, "/api/stats")  # graph untouched, still answering


# -- stats ------------------------------------------------------------------------------------------
def test_stats_split_labels_and_types(client, graph):
    body = get_json(client, "/api/stats")
    counts = graph.stats()
    assert {**body["nodes"], **body["relationships"]} == counts
    assert body["nodes"]["State"] == 16
    assert "MEMBER_OF" in body["relationships"] and "MEMBER_OF" not in body["nodes"]


# -- nodes ------------------------------------------------------------------------------------------
def test_node_has_properties_quoted_evidence_and_neighbours(client):
    body = get_json(client, "/api/nodes/org:ihk-aachen")
    assert (body["label"], body["name"]) == ("Organization", "IHK Aachen")
    assert body["properties"]["kind"] == "IHK"
    assert "evidence" not in body["properties"]
    [ev] = body["evidence"]
    assert ev["file"] == "servicestelle-industrieinitiativen-abschlussbericht.txt"
    lines = (SOURCES / ev["file"]).read_text(encoding="utf-8").split("\n")
    assert ev["quote"] == lines[ev["line"] - 1].strip()
    assert "IHK Aachen" in ev["quote"]
    assert [(n["type"], n["direction"], n["id"]) for n in body["neighbours"]] == [
        ("MEMBER_OF", "out", "ini:hydrogen-hub-aachen")
    ]
    assert body["neighbours"][0]["properties"]["role"] == "carrier"


def test_node_neighbours_are_paged(client, graph):
    total = len(graph.neighbours("topic:wasserstoff"))
    assert total > 12
    whole = get_json(client, "/api/nodes/topic:wasserstoff", limit=1000)
    assert whole["neighbours_total"] == total == len(whole["neighbours"])
    page = get_json(client, "/api/nodes/topic:wasserstoff", limit=5, offset=total - 3)
    assert page["neighbours"] == whole["neighbours"][total - 3 :]
    assert (page["limit"], page["offset"], page["neighbours_total"]) == (5, total - 3, total)


@pytest.mark.parametrize(
    ("path", "node_id"),
    [
        ("initiatives", "ini:aachener-industrie-dialog"),
        ("organizations", "org:handelskammer-hamburg"),
        ("people", "person:laura-pooth"),
        ("strategies", "strategy:hamburger-fachkraeftestrategie"),
        ("measures", "measure:masterplan-industrie-hamburg-txt-hf4-m6"),
    ],
)
def test_typed_routes_answer_their_label_only(client, path, node_id):
    full = get_json(client, f"/api/{path}/{node_id}")
    assert full == get_json(client, f"/api/nodes/{node_id}")
    short = node_id.split(":", 1)[1]
    assert get_json(client, f"/api/{path}/{short}") == full
    other = "topic:wasserstoff"
    assert "no " in get_json(client, f"/api/{path}/{other}", 404)["detail"]
    assert get_json(client, f"/api/{path}/{node_id}-nope", 404)["detail"].endswith("find ids with /api/search?q=…")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/nodes/org:does-not-exist", 404),
        ("/api/nodes/x' OR 1=1 //", 404),
        ("/api/nodes/org:ihk-aachen?limit=0", 422),
        ("/api/nodes/org:ihk-aachen?limit=1001", 422),
        ("/api/nodes/org:ihk-aachen?offset=-5", 422),
        ("/api/nodes/" + "x" * 201, 422),
    ],
)
def test_node_bad_input(client, url, status):
    assert get_json(client, url, status)["detail"]


# -- ego networks -----------------------------------------------------------------------------------
def test_ego_depth_one_is_the_node_and_its_neighbours(client, graph):
    body = get_json(client, "/api/nodes/ini:aachener-industrie-dialog/ego")
    ids = [n["id"] for n in body["nodes"]]
    assert ids[0] == "ini:aachener-industrie-dialog" and body["nodes"][0]["depth"] == 0
    assert set(ids[1:]) == {x["other"]["id"] for x in graph.neighbours("ini:aachener-industrie-dialog")}
    assert body["truncated"] is False
    assert all(link["source"] in ids and link["target"] in ids for link in body["links"])
    assert len(body["links"]) == len(graph.neighbours("ini:aachener-industrie-dialog"))  # no links among neighbours


def test_ego_depth_two_and_the_cap(client):
    one = get_json(client, "/api/nodes/org:ihk-aachen/ego", depth=1)
    two = get_json(client, "/api/nodes/org:ihk-aachen/ego", depth=2)
    assert [n["id"] for n in one["nodes"]] == ["org:ihk-aachen", "ini:hydrogen-hub-aachen"]
    assert {n["depth"] for n in two["nodes"]} == {0, 1, 2}
    assert "org:stadt-aachen" in {n["id"] for n in two["nodes"]}
    capped = get_json(client, "/api/nodes/org:ihk-aachen/ego", depth=2, limit=3)
    assert len(capped["nodes"]) == 3 and capped["truncated"] is True
    assert [n["id"] for n in capped["nodes"]] == [n["id"] for n in two["nodes"]][:3]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/nodes/org:nope/ego", 404),
        ("/api/nodes/org:ihk-aachen/ego?depth=3", 422),
        ("/api/nodes/org:ihk-aachen/ego?depth=0", 422),
        ("/api/nodes/org:ihk-aachen/ego?limit=1001", 422),
    ],
)
def test_ego_bad_input(client, url, status):
    assert get_json(client, url, status)["detail"]


# -- query modules ----------------------------------------------------------------------------------
def test_queries_lists_every_module_with_parameters(client):
    body = get_json(client, "/api/queries")
    assert [q["name"] for q in body] == [q.name for q in all_queries()]
    cooc = body[0]
    assert cooc["url"] == "/api/queries/cooccurrence"
    assert [p["name"] for p in cooc["parameters"]] == ["kind_a", "kind_b", "min_shared", "top"]
    assert "IHK" in cooc["parameters"][0]["choices"]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("cooccurrence", {"kind_a": "IHK", "kind_b": "Union"}),
        ("kind-cooccurrence", {"min_both": "2"}),
        ("participation", {"view": "report"}),
        ("initiatives", {"state": "Hamburg"}),
        ("organization", {"name": "IHK Aachen"}),
        ("brokers", {"top": "5"}),
        ("path", {"from": "org:handelskammer-hamburg", "to": "org:ivh"}),
        ("measures", {"topic": "wasserstoff"}),
        ("policy-transfer", {"measure": "HF3-M4"}),
        ("people", {"relation": "signed"}),
        ("quality", {"summary": "true"}),
    ],
)
def test_every_query_module_answers_like_the_core(client, graph, name, params):
    body = get_json(client, f"/api/queries/{name}", **params)
    expected = json.loads(json.dumps(graph.query(name, **params), default=str))
    assert body["rows"] == expected[:100]
    assert body["total"] == len(expected) > 0
    assert body["columns"] == list(next(q for q in all_queries() if q.name == name).columns)


def test_query_results_are_paged(client, graph):
    rows = json.loads(json.dumps(graph.query("initiatives"), default=str))
    assert len(rows) > 10
    page = get_json(client, "/api/queries/initiatives", limit=4, offset=len(rows) - 2)
    assert page["rows"] == rows[-2:] and page["total"] == len(rows)


def test_measures_limit_is_both_module_cap_and_page_size(client):
    body = get_json(client, "/api/queries/measures", limit=3)
    assert len(body["rows"]) == 3 and body["parameters"] == {"limit": 3}


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/queries/nope", 404, "unknown query 'nope'; available: cooccurrence"),
        ("/api/queries/organization", 422, "parameter 'name' is required"),
        ("/api/queries/path?from=org:ihk-aachen", 422, "parameter 'to' is required"),
        ("/api/queries/cooccurrence?bogus=1", 422, "unknown parameter(s) bogus"),
        ("/api/queries/cooccurrence?kind_a=IHK&kind_a=Union", 422, "given more than once: kind_a"),
        ("/api/queries/cooccurrence?kind_a=Foo", 422, None),
        ("/api/queries/brokers?top=x", 422, None),
        ("/api/queries/initiatives?limit=1001", 422, None),
        ("/api/queries/initiatives?stated_only=maybe", 422, None),
        ("/api/queries/organization?name=" + "x" * 201, 422, None),
        ("/api/queries/policy-transfer", 422, "needs a measure"),
    ],
)
def test_query_bad_input(client, url, status, detail):
    body = get_json(client, url, status)
    if detail:
        assert detail in body["detail"]
    else:
        assert isinstance(body["detail"], list) and body["detail"][0]["loc"][0] == "query"


# -- matchmaking ------------------------------------------------------------------------------------
def test_match_by_name_equals_core_by_id(client, graph):
    body = get_json(client, "/api/match/IVH Energy Efficiency Network of Hamburg Industry", top=3)
    assert body["initiative"]["id"] == "ini:ivh-energy-efficiency-network-of-hamburg-industry"
    assert body["peers"] == graph.match(body["initiative"]["id"], top=3)
    assert len(body["peers"]) == 3 and body["peers"][0]["reasons"]


def test_match_filters(client):
    body = get_json(client, "/api/match/ini:aachener-industrie-dialog", top=10, state=["NW"], status="active")
    ids = [p["initiative"]["id"] for p in body["peers"]]
    assert ids and "ini:aachener-industrie-dialog" not in ids
    states = {
        r["id"]: r["states"]
        for r in get_json(client, "/api/queries/initiatives", state="Nordrhein-Westfalen", limit=1000)["rows"]
    }
    assert set(ids) <= set(states)


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/match/zzz-no-such-initiative", 404, "Closest candidates"),
        ("/api/match/ini:aachener-industrie-dialog?state=XX", 422, "unknown state"),
        ("/api/match/ini:aachener-industrie-dialog?top=0", 422, None),
        ("/api/match/ini:aachener-industrie-dialog?top=101", 422, None),
        ("/api/match/ini:aachener-industrie-dialog?radius=global", 422, None),
    ],
)
def test_match_bad_input(client, url, status, detail):
    body = get_json(client, url, status)
    assert detail in body["detail"] if detail else body["detail"]


def test_peer_groups_equal_the_core(client, graph):
    body = get_json(client, "/api/peer-groups", topic="wasserstoff", size_min=3, size_max=5)
    assert body == json.loads(json.dumps(graph.peer_groups(topic="wasserstoff", size_min=3, size_max=5)))
    assert body["groups"] and all(3 <= len(g["initiatives"]) <= 5 for g in body["groups"])


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("size_min=5&size_max=2", "size bounds"),
        ("mode=random", None),
        ("size_max=51", None),
        ("state=Atlantis", "unknown state"),
    ],
)
def test_peer_groups_bad_input(client, query, detail):
    body = get_json(client, f"/api/peer-groups?{query}", 422)
    assert detail in body["detail"] if detail else body["detail"]


# -- downloads --------------------------------------------------------------------------------------
def test_export_json_is_the_node_link_graph(client, graph):
    r = client.get("/api/export/json")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="industriegraph.json"'
    assert r.json() == json.loads(json.dumps(graph.node_link()))


def test_export_gexf_reads_back_in_networkx(client, graph):
    r = client.get("/api/export/gexf")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/gexf+xml")
    assert r.headers["content-disposition"] == 'attachment; filename="industriegraph.gexf"'
    g = nx.read_gexf(io.BytesIO(r.content))
    counts = graph.stats()
    assert g.number_of_nodes() == len(graph.nodes())
    assert g.nodes["org:ihk-aachen"]["label"] == "IHK Aachen"
    assert g.number_of_edges() == sum(v for k, v in counts.items() if k.isupper())


@pytest.mark.parametrize(
    ("fmt", "media", "suffix"),
    [
        ("turtle", "text/turtle", "ttl"),
        ("jsonld", "application/ld+json", "jsonld"),
        ("ntriples", "application/n-triples", "nt"),
        ("rdfxml", "application/rdf+xml", "rdf"),
    ],
)
def test_export_rdf_in_each_format(client, fmt, media, suffix):
    import pyoxigraph as ox

    r = client.get("/api/export/rdf", params={"format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"] == f'attachment; filename="industriegraph.{suffix}"'
    ox_format = {"turtle": "TURTLE", "jsonld": "JSON_LD", "ntriples": "N_TRIPLES", "rdfxml": "RDF_XML"}[fmt]
    triples = list(ox.parse(r.content, getattr(ox.RdfFormat, ox_format)))
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    assert any(s.endswith("/ihk-aachen") for s in subjects)


def test_export_rdf_default_is_turtle_and_bad_format_is_422(client):
    assert client.get("/api/export/rdf").headers["content-type"].startswith("text/turtle")
    assert get_json(client, "/api/export/rdf?format=csv", 422)["detail"][0]["loc"] == ["query", "format"]


# -- read-only, oversized, concurrency -------------------------------------------------------------
API_PATHS = [
    "/api/search?q=IHK",
    "/api/stats",
    "/api/nodes/org:ihk-aachen",
    "/api/nodes/org:ihk-aachen/ego",
    "/api/initiatives/ini:aachener-industrie-dialog",
    "/api/queries",
    "/api/queries/cooccurrence",
    "/api/match/ini:aachener-industrie-dialog",
    "/api/peer-groups",
    "/api/export/json",
]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_writing_methods_are_not_allowed(client, method):
    for path in API_PATHS:
        r = client.request(method, path, content=b"MATCH (n) DETACH DELETE n")
        assert r.status_code == 405, (method, path, r.status_code)


def test_openapi_documents_only_get(client):
    spec = get_json(client, "/openapi.json")
    api = {p: ops for p, ops in spec["paths"].items() if p.startswith("/api/")}
    assert {m for ops in api.values() for m in ops} == {"get"}
    assert "/api/queries/cooccurrence" in api and "/api/export/rdf" in api
    params = {p["name"]: p for p in api["/api/queries/path"]["get"]["parameters"]}
    assert {"from", "to", "max_hops", "via_vocabulary", "limit", "offset"} <= params.keys()
    assert api["/api/nodes/{node_id}"]["get"]["responses"]["404"]["description"] == "Unknown id or name."


def test_docs_page_is_the_reference_and_works_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<code>GET /api/search</code>" in r.text and "<code>kind_a</code>" in r.text
    assert "<script" not in r.text and "http://" not in r.text and "https://" not in r.text
    assert client.get("/redoc").status_code == 404


def test_docs_page_is_german_within_the_site_frame(client):
    from industriegraph.web import apidocs

    r = client.get("/docs")
    assert '<html lang="de">' in r.text and 'aria-label="Hauptnavigation"' in r.text
    assert "Programmierschnittstelle" in r.text and "Pflicht" in r.text and "Bedeutung" in r.text
    # every route and every parameter of the schema has its German description (a new route needs one)
    routes = apidocs.routes_de(client.get("/openapi.json").json())
    assert len(routes) > 20
    assert [r["path"] for r in routes if not r["text"]] == []
    assert [(r["path"], p["name"]) for r in routes for p in r["params"] if not p["text"]] == []
    assert "Liste der Abfragemodule" in r.text and "Zeilen je Seite." in r.text


def test_overlong_query_string_is_refused(client):
    r = client.get("/api/search", params={"q": "IHK", "pad": "x" * 3000})
    assert r.status_code == 414
    assert "query string longer than" in r.json()["detail"]


def test_request_bodies_are_refused(client):
    r = client.request("GET", "/api/stats", content=b'{"cypher": "MATCH (n) RETURN n"}')
    assert r.status_code == 413
    assert r.json() == {"detail": "request bodies are not accepted"}


def test_unknown_api_path_is_404(client):
    assert client.get("/api/cypher?q=MATCH (n) RETURN n").status_code == 404


def test_concurrent_requests_get_the_same_answers(client):
    urls = ["/api/nodes/org:ihk-aachen", "/api/search?q=Wasserstoff", "/api/queries/cooccurrence"]
    expected = {u: client.get(u).json() for u in urls}
    failures: list[str] = []

    def worker(k: int) -> None:
        for i in range(15):
            u = urls[(k + i) % len(urls)]
            r = client.get(u)
            if r.status_code != 200 or r.json() != expected[u]:
                failures.append(f"{u}: {r.status_code}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


# -- app factory and serve command ------------------------------------------------------------------
def test_create_app_without_database_says_to_build(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no graph database here; run `industriegraph build"):
        create_app(tmp_path / "missing.db")


def test_create_app_takes_the_path_from_the_environment(built_db, monkeypatch):
    monkeypatch.setenv("INDUSTRIEGRAPH_DB", str(built_db))
    app = create_app()
    assert app.state.db == str(built_db)
    app.state.graph.close()


def test_serve_without_database_exits_2(tmp_path):
    """Run as a process: importing the command module here would add ``serve`` to the shared CLI app of the
    other tests (the CLI imports it itself once registered there)."""
    script = "import industriegraph.cli.serve; from industriegraph.cli.main import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", script, "serve", "--db", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "no graph database here" in result.stderr and "serve --build" in result.stderr
    assert result.stdout == ""


def test_node_lookup_by_label_equals_the_core(client, graph):
    """The API reads a node through its label's index; the answer must be what Graph.get/neighbours say."""
    from industriegraph.web.routes import fetch_node

    for node_id in ("ini:aachener-industrie-dialog", "topic:wasserstoff", "org:ihk-aachen", "state:de-hh"):
        node, rels = fetch_node(graph, node_id)
        assert node == graph.get(node_id)
        assert rels == graph.neighbours(node_id)
    assert fetch_node(graph, "nolabel:x") == (None, [])


def test_serve_build_builds_a_missing_graph_then_serves(tmp_path):
    """What `make run` does on a fresh checkout: build if needed, print the address, answer."""
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = "import industriegraph.cli.serve; from industriegraph.cli.main import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "serve", "--build", "--db", str(tmp_path / "new.db"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline() == f"Explorer: http://127.0.0.1:{port}/\n"
        for _ in range(100):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.ConnectError:
                proc.poll()
                assert proc.returncode is None, proc.stderr.read()
                threading.Event().wait(0.1)
        assert r.status_code == 200 and r.json()["nodes"]["State"] == 16
        assert (tmp_path / "new.db").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_core_search_function(graph):
    """industriegraph.graph.search is the core the API, the pages and the CLI share."""
    from industriegraph.graph.search import SEARCH_LABELS, search

    result = search(graph, "IG Metall", limit=3)
    assert [h.id for h in result.hits][:1] == ["org:ig-metall"]
    assert result.hits[0].as_dict()["matched"] == ["IG", "Metall"]
    assert "topic:wasserstoff" in [h.id for h in search(graph, "Wasserstof", limit=5).hits]  # a typo still finds it
    assert search(graph, "   ").total == 0
    assert "Finding" not in SEARCH_LABELS and "Source" not in SEARCH_LABELS
    with pytest.raises(ValueError, match="unknown label 'Finding'"):
        search(graph, "IHK", label="Finding")
    with pytest.raises(ValueError, match="longer than 200"):
        search(graph, "x" * 201)
