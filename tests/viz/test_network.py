"""Network rendering: offline standalone HTML, the node data, umlauts, escaping, layout, the viz command."""

from __future__ import annotations

import json
import math
from html.parser import HTMLParser

import networkx as nx
import pytest
from typer.testing import CliRunner

from industriegraph.web import network as viz


class Page(HTMLParser):
    """Collects script/link references, the meta charset and the embedded network data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.charset: str | None = None
        self.data: list[str] = []
        self._in_data = False
        self.inline_scripts = 0  # <script> elements without src that hold code (not the JSON data)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link"):
            for key in ("src", "href"):
                if a.get(key) is not None:
                    self.refs.append((tag, key, a[key]))
        if tag == "meta" and "charset" in a:
            self.charset = a["charset"]
        if tag == "script" and "src" not in a and a.get("type") != "application/json":
            self.inline_scripts += 1
        if tag == "script" and "ig-data" in (a.get("class") or "").split():
            self._in_data = True
            self.data.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data[-1] += data


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


@pytest.fixture(scope="module")
def full(graph) -> nx.MultiDiGraph:
    return viz.graph_to_networkx(graph)


@pytest.fixture(scope="module")
def org_html(full) -> str:
    return viz.render_network(viz.organisation_network(full), "Organisationen und Initiativen")


def test_standalone_file_references_nothing_outside(org_html):
    page = parse(org_html)
    assert page.charset == "utf-8"
    # the only reference of a standalone file is the empty inline favicon; scripts and styles are inlined
    assert page.refs == [("link", "href", "data:,")]
    assert not any(v.startswith(("http://", "https://", "//")) for _, _, v in page.refs)
    assert page.inline_scripts == 2 and "@version 9.1.2" in org_html  # vis-network and our network.js, inline
    assert "<style>" in org_html


def test_served_page_links_packaged_assets(full):
    html = viz.render_network(viz.organisation_network(full), "Netz", standalone=False)
    page = parse(html)
    scripts = [v for tag, key, v in page.refs if tag == "script"]
    styles = [v for tag, key, v in page.refs if tag == "link" and v != "data:,"]
    assert scripts == ["/static/vendor/vis-network.min.js", "/static/network.js"]
    assert styles == ["/static/vendor/vis-network.css", "/static/style.css"]
    for ref in scripts + styles:
        assert (viz.STATIC_DIR / ref.removeprefix("/static/")).is_file()


def test_node_data_counts_and_physics(graph, org_html):
    data = json.loads(parse(org_html).data[0])
    initiatives = graph.cypher("MATCH (n:Initiative) RETURN count(n) AS c")[0]["c"]
    organisations = graph.cypher("MATCH (n:Organization) RETURN count(n) AS c")[0]["c"]
    member_of = graph.cypher("MATCH (:Organization)-[r:MEMBER_OF]->(:Initiative) RETURN count(r) AS c")[0]["c"]
    assert (initiatives, organisations) == (97, 112)
    assert len(data["nodes"]) == initiatives + organisations == 209
    assert len({(e["from"], e["to"]) for e in data["edges"]}) == len(data["edges"])
    assert 0 < len(data["edges"]) <= member_of
    assert data["options"]["physics"] == {"enabled": False}
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) and n["physics"] is False for n in data["nodes"])
    types = {n["group_type"] for n in data["nodes"]}
    assert types == {"Initiative", "Organization"}
    assert [e["type"] for e in data["legend"]] == ["Initiative", "Organization"]
    assert {e["type"]: e["count"] for e in data["legend"]} == {"Initiative": 97, "Organization": 112}
    # size by degree: the best-connected node is drawn largest
    h2 = next(n for n in data["nodes"] if n["id"] == "ini:h2berlin")
    assert h2["label"] == "H2Berlin e. V." and h2["shape"] == "dot"


def test_umlauts_intact_and_not_double_escaped(org_html, full):
    assert "Baden-Württemberg" in org_html
    data = json.loads(parse(org_html).data[0])
    assert "Baden-Württemberg" in data["states"]
    assert "&amp;" not in json.dumps(data, ensure_ascii=False)
    assert "&uuml;" not in org_html and "\\u00fc" not in org_html and "&amp;amp;" not in org_html
    masterplan = viz.render_network(viz.strategy_network(full), "Masterplan")
    assert "Förderung" in masterplan
    assert "Förderung" in json.dumps(json.loads(parse(masterplan).data[0]), ensure_ascii=False)


def test_tooltip_is_plain_text_and_markup_is_never_live():
    g = nx.MultiDiGraph()
    g.add_node("x", _label="Initiative", name="<script>alert('x')</script> & Söhne", evidence=["a.txt:1"])
    g.add_node("y", _label="Organization", name="Ärzte </script><b>", kind="Union")
    g.add_edge("y", "x", key="MEMBER_OF", type="MEMBER_OF", role="member")
    html = viz.render_network(g, "Test <i>", standalone=False)  # no inlined library text to confuse the check
    assert "<script>alert" not in html and "</script><b>" not in html and "<i>" not in html
    data = json.loads(parse(html).data[0])
    node = {n["id"]: n for n in data["nodes"]}
    assert node["x"]["title"].splitlines()[:2] == ["<script>alert('x')</script> & Söhne", "Initiative"]
    assert node["x"]["title"].splitlines()[2] == "Beleg a.txt:1"
    assert node["y"]["title"].splitlines()[1] == "Organisation · Gewerkschaft"
    assert data["edges"][0]["title"] == "Mitglied / Partner in (Mitglied)"  # roles in German


def test_tooltip_quotes_evidence(full):
    from industriegraph.graph.evidence import quote
    from industriegraph.pipeline.build import default_sources

    ego = viz.ego_network(full, "ini:h2berlin", 1)
    html = viz.render_network(ego, "H2Berlin", quote_fn=lambda ev: quote(ev, default_sources()))
    node = next(n for n in json.loads(parse(html).data[0])["nodes"] if n["id"] == "ini:h2berlin")
    lines = node["title"].splitlines()
    assert lines[0] == "H2Berlin e. V."
    assert (
        "Beleg servicestelle-industrieinitiativen-abschlussbericht.txt:565: „Berlin H2Berlin e. V. landesweit“" in lines
    )
    assert lines[-1] == "… und 2 weitere Belege"


def test_ego_network(graph, full):
    ego = viz.ego_network(full, "ini:h2berlin", 1)
    neighbours = {r["other"]["id"] for r in graph.neighbours("ini:h2berlin")}
    assert set(ego.nodes) == neighbours | {"ini:h2berlin"}
    assert ego.graph["centre"] == "ini:h2berlin"
    # hubs (topics, states) are leaves: depth 2 reaches further only through initiatives, events, organisations
    deeper = viz.ego_network(full, "ini:h2berlin", 2)
    assert set(ego.nodes) < set(deeper.nodes)
    for n in set(deeper.nodes) - set(ego.nodes):
        assert any(
            m in ego and viz.node_label(full.nodes[m]) not in viz.HUBS and m != "ini:h2berlin"
            for m in set(full.successors(n)) | set(full.predecessors(n))
        )
    assert viz.ego_network(full, "ini:h2berlin", 2, max_nodes=5).number_of_nodes() == 5
    same = viz.ego_network(graph, "ini:h2berlin", 1)  # a Graph works as well as a networkx view
    assert set(same.nodes) == set(ego.nodes)
    with pytest.raises(KeyError):
        viz.ego_network(full, "ini:does-not-exist", 1)
    html = viz.render_network(deeper, "H2Berlin")
    assert json.loads(parse(html).data[0])["nodes"][0]["id"] and 'data-centre="ini:h2berlin"' in html


def test_cooccurrence_network(graph):
    rows = graph.query("cooccurrence", kind_a="IHK", kind_b="Union")
    g = viz.cooccurrence_network(rows)
    orgs = {r["a_name"] for r in rows} | {r["b_name"] for r in rows}
    inis = {i for r in rows for i in r["initiatives"]}
    assert sorted(a["name"] for _, a in g.nodes(data=True) if a["_label"] == "Organization") == sorted(orgs)
    assert sorted(a["name"] for _, a in g.nodes(data=True) if a["_label"] == "Initiative") == sorted(inis)
    assert g.number_of_edges() == len({(r[s], i) for r in rows for s in ("a_name", "b_name") for i in r["initiatives"]})
    assert ("Handelskammer Hamburg", "Deutscher Gewerkschaftsbund Nord") in {(r["a_name"], r["b_name"]) for r in rows}


def test_large_network_is_laid_out_without_physics():
    g = nx.gnm_random_graph(1500, 3000, seed=3)
    for n in g:
        g.nodes[n]["_label"] = "Initiative" if n % 3 else "Organization"
        g.nodes[n]["name"] = f"Knoten {n}"
    g.add_nodes_from([(f"iso{k}", {"_label": "Person", "name": f"P{k}"}) for k in range(5)])
    pos = viz.layout(g)
    assert len(pos) == g.number_of_nodes()
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert len({(round(x), round(y)) for x, y in pos.values()}) > 0.9 * len(pos)
    assert viz.layout(g) == pos  # deterministic


def test_entity_paths():
    assert viz.entity_path("ini:h2berlin", "Initiative") == "/initiative/h2berlin"
    assert viz.entity_path("org:ihk-aachen", "Organization") == "/organisation/ihk-aachen"
    assert viz.entity_path("topic:wasserstoff", "Topic") == "/knoten/topic:wasserstoff"
    assert viz.entity_path("measure:a-b#c", "Measure") == "/massnahme/a-b%23c"


def test_viz_command_writes_offline_files(built_db, tmp_path):
    import industriegraph.cli.viz  # noqa: F401  (registers the command)
    from industriegraph.cli.main import app

    out = tmp_path / "netze"
    result = CliRunner().invoke(app, ["viz", "--out", str(out), "--db", str(built_db), "--egos", "2"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "ego-hydrogen-hub-aachen.html",
        "ego-industriebeirat-wiesbaden.html",
        "index.html",
        "kooperation-ihk-gewerkschaft.html",
        "masterplan.html",
        "organisationen-initiativen.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in files:
        html = (out / name).read_text(encoding="utf-8")
        page = parse(html)
        assert page.charset == "utf-8"
        assert all(v == "data:," for _, _, v in page.refs), (name, page.refs)
        if name != "index.html":
            assert f'href="{name}"' in index
            assert len(page.data) == 1
    masterplan = json.loads(parse((out / "masterplan.html").read_text(encoding="utf-8")).data[0])
    types = {n["group_type"] for n in masterplan["nodes"]}
    assert types == {"Strategy", "ActionField", "Objective", "Measure", "Organization"}
    assert sum(1 for n in masterplan["nodes"] if n["group_type"] == "Measure") == 51
    assert sum(1 for n in masterplan["nodes"] if n["group_type"] == "ActionField") == 5
