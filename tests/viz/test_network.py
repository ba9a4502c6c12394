"""Network rendering: offline standalone HTML, the node data, umlauts, escaping, layout, the viz command."""

from __future__ import annotations

import json
import math
import re
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
    return viz.full_network(graph)


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
    g.add_node("x", type="Initiative", name="<script>alert('x')</script> & Söhne", evidence=["a.txt:1"])
    g.add_node("y", type="Organization", name="Ärzte </script><b>", kind="Union")
    g.add_edge("y", "x", type="MEMBER_OF", role="carrier")
    html = viz.render_network(g, "Test <i>", standalone=False)  # no inlined library text to confuse the check
    assert "<script>alert" not in html and "</script><b>" not in html and "<i>" not in html
    data = json.loads(parse(html).data[0])
    node = {n["id"]: n for n in data["nodes"]}
    assert node["x"]["title"].splitlines()[:2] == ["<script>alert('x')</script> & Söhne", "Initiative"]
    assert node["x"]["title"].splitlines()[2] == "Beleg a.txt:1"
    assert node["y"]["title"].splitlines()[1] == "Organisation · Gewerkschaft"
    assert data["edges"][0]["title"] == "ist Mitglied von (Träger)"


def test_tooltip_quotes_evidence(graph, full):
    ego = graph.ego("ini:h2berlin", 1, stop=viz.HUBS, view=full)
    html = viz.render_network(ego, "H2Berlin", quote_fn=graph.quote)
    node = next(n for n in json.loads(parse(html).data[0])["nodes"] if n["id"] == "ini:h2berlin")
    lines = node["title"].splitlines()
    assert lines[0] == "H2Berlin e. V."
    assert (
        "Beleg servicestelle-industrieinitiativen-abschlussbericht.txt:565: „Berlin H2Berlin e. V. landesweit“" in lines
    )
    assert lines[-1] == "… und 2 weitere Belege"


def test_ego_network(graph, full):
    ego = graph.ego("ini:h2berlin", 1, stop=viz.HUBS, view=full)
    neighbours = {r["other"]["id"] for r in graph.neighbours("ini:h2berlin")}
    assert set(ego.nodes) == neighbours | {"ini:h2berlin"}
    assert ego.graph["centre"] == "ini:h2berlin"
    # hubs (topics, states) are leaves: depth 2 reaches further only through initiatives, events, organisations
    deeper = graph.ego("ini:h2berlin", 2, 150, stop=viz.HUBS, view=full)
    assert set(ego.nodes) < set(deeper.nodes)
    for n in set(deeper.nodes) - set(ego.nodes):
        assert any(
            m in ego and viz.node_label(full.nodes[m]) not in viz.HUBS and m != "ini:h2berlin"
            for m in set(full.successors(n)) | set(full.predecessors(n))
        )
    capped = graph.ego("ini:h2berlin", 2, limit=5, stop=viz.HUBS, view=full)
    assert capped.number_of_nodes() == 5 and capped.graph["truncated"]
    same = graph.ego("ini:h2berlin", 1, stop=viz.HUBS)  # without a view the Graph builds its own
    assert set(same.nodes) == set(ego.nodes)
    with pytest.raises(KeyError):
        graph.ego("ini:does-not-exist", 1, view=full)
    html = viz.render_network(deeper, "H2Berlin")
    assert json.loads(parse(html).data[0])["nodes"][0]["id"] and 'data-centre="ini:h2berlin"' in html


def test_cooccurrence_network(graph):
    rows = graph.query("cooccurrence", kind_a="IHK", kind_b="Union")
    g = viz.cooccurrence_network(rows)
    orgs = {r["a_name"] for r in rows} | {r["b_name"] for r in rows}
    inis = {i for r in rows for i in r["initiatives"]}
    assert sorted(a["name"] for _, a in g.nodes(data=True) if a["type"] == "Organization") == sorted(orgs)
    assert sorted(a["name"] for _, a in g.nodes(data=True) if a["type"] == "Initiative") == sorted(inis)
    assert g.number_of_edges() == len({(r[s], i) for r in rows for s in ("a_name", "b_name") for i in r["initiatives"]})
    assert ("Handelskammer Hamburg", "Deutscher Gewerkschaftsbund Nord") in {(r["a_name"], r["b_name"]) for r in rows}


def test_large_network_is_laid_out_without_physics():
    g = nx.gnm_random_graph(1500, 3000, seed=3)
    for n in g:
        g.nodes[n]["type"] = "Initiative" if n % 3 else "Organization"
        g.nodes[n]["name"] = f"Knoten {n}"
    g.add_nodes_from([(f"iso{k}", {"type": "Person", "name": f"P{k}"}) for k in range(5)])
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
    overview = json.loads(parse((out / "organisationen-initiativen.html").read_text(encoding="utf-8")).data[0])
    assert overview["communities"] and all(n.get("community") for n in overview["nodes"])
    assert "Gemeinschaften" in index
    masterplan = json.loads(parse((out / "masterplan.html").read_text(encoding="utf-8")).data[0])
    types = {n["group_type"] for n in masterplan["nodes"]}
    assert types == {"Strategy", "ActionField", "Objective", "Measure", "Organization"}
    assert sum(1 for n in masterplan["nodes"] if n["group_type"] == "Measure") == 51
    assert sum(1 for n in masterplan["nodes"] if n["group_type"] == "ActionField") == 5


# -- readable networks: short labels, codes, palette, legend, groups, the overview -------------------------


def test_short_labels_use_codes_and_acronyms_with_the_full_name_in_the_tooltip(full):
    ivh = full.nodes["org:ivh"]
    assert viz.short_label(ivh, "org:ivh") == "IVH"  # alias from the vocabulary
    assert viz.tooltip(ivh, "org:ivh").split("\n")[0] == "Industrieverband Hamburg e. V."
    measure = "measure:masterplan-industrie-hamburg-txt-hf3-m4"
    assert viz.short_label(full.nodes[measure], measure) == "HF3-M4"
    assert viz.short_label({"type": "Initiative", "name": "ANeTT – Automotive Netzwerk Transformation Thüringen"}) == (
        "ANeTT"
    )
    assert viz.short_label({"type": "Organization", "name": "H2BZ Initiative Hessen e. V."}) == "H2BZ Initiative Hessen"
    assert viz.short_label({"type": "Organization", "name": "Berliner Senat"}) == "Berliner Senat"
    long = {"type": "Organization", "name": "Gesellschaft für Transformationsmanagement Saar mbH", "aliases": []}
    assert len(viz.short_label(long)) <= viz.SHORT_LABEL and viz.short_label(long).endswith("…")
    data = viz.network_data(viz.strategy_network(full))
    labels = [n["label"] for n in data["nodes"] if n["group_type"] == "Measure"]
    assert len(labels) == len(set(labels)) == 51 and all(re.fullmatch(r"HF\d-M\d+", x) for x in labels)


def test_palette_keeps_the_compared_kinds_apart():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    compared = ("IHK", "Union", "BusinessAssociation", "Company", "University", "StateGovernment")
    colours = [viz.KIND_COLOURS[k] for k in compared]
    assert len(set(colours)) == len(colours) and set(colours) <= okabe_ito
    assert viz.KIND_COLOURS["Union"] != viz.LEGEND["State"][0] != viz.KIND_COLOURS["IHK"]


def test_legend_names_node_and_edge_types_in_german(full):
    data = viz.network_data(viz.strategy_network(full))
    assert {e["name"] for e in data["legend"]} >= {"Strategie", "Handlungsfeld", "Maßnahme"}
    rels = {e["rel"]: e["name"] for e in data["edge_legend"]}
    assert rels["HAS_MEASURE"] == "hat die Maßnahme" and rels["RESPONSIBLE_FOR"] == "ist verantwortlich für"
    assert sum(e["count"] for e in data["edge_legend"]) == len(data["edges"])


def test_large_ego_network_is_drawn_with_groups_by_kind(graph, full):
    ego = graph.ego("org:ivh", 2, 120, stop=viz.HUBS, view=full)
    data = viz.network_data(ego, centre="org:ivh")
    groups = {g["name"]: g for g in data["groups"]}
    measures = sum(1 for _, a in ego.nodes(data=True) if a["type"] == "Measure")
    assert f"{measures} Maßnahmen" in groups
    agg = next(n for n in data["nodes"] if n["id"] == groups[f"{measures} Maßnahmen"]["id"])
    assert len(agg["members"]) == measures and agg["label"] == f"{measures} Maßnahmen"
    members = [n for n in data["nodes"] if n.get("in_group") == agg["id"]]
    assert len(members) == measures
    # the group stands in for its members' links: IVH is responsible for measures, so for the group
    assert any(e["from"] == "org:ivh" and e["to"] == agg["id"] and e["rel"] == "RESPONSIBLE_FOR" for e in data["edges"])
    small = graph.ego("ini:h2berlin", 2, 120, stop=viz.HUBS, view=full)
    assert viz.network_data(small, centre="ini:h2berlin")["groups"] == []  # small networks are drawn whole


def test_overview_has_communities_and_no_lone_nodes(graph, full):
    g = viz.overview_network(graph, full)
    assert g.number_of_nodes() > 50 and all(g.degree(n) > 0 for n in g)
    brokers = {r["id"]: r["community"] for r in graph.query("brokers", top=1000, min_degree=0)}
    assert {n: a["_community"] for n, a in g.nodes(data=True)} == brokers
    left = g.graph["left_out"]
    assert left["Initiative"] + sum(1 for _, a in g.nodes(data=True) if a["type"] == "Initiative") == 97
    pos = viz.community_layout(g)
    data = viz.network_data(g, pos=pos)
    assert [c["id"] for c in data["communities"]] == sorted({a["_community"] for _, a in g.nodes(data=True)})
    assert data["communities"][0]["size"] == max(c["size"] for c in data["communities"])
    assert "nodes" in data["options"] and data["options"]["nodes"]["scaling"]["label"]["enabled"]  # labels by zoom
    # each community is an island: its members lie closer to each other than to the other communities
    first = [pos[n] for n, a in g.nodes(data=True) if a["_community"] == 1]
    xs, ys = [p[0] for p in first], [p[1] for p in first]
    inside = [n for n, a in g.nodes(data=True) if a["_community"] != 1 and min(xs) <= pos[n][0] <= max(xs)]
    assert not [n for n in inside if min(ys) <= pos[n][1] <= max(ys)]


def test_a_network_too_large_to_draw_keeps_its_best_connected_nodes_and_says_what_was_left_out(full):
    from industriegraph.web.network import readable

    assert readable(full, limit=full.number_of_nodes()) == (full, "")
    cut, note = readable(full, limit=50)
    assert cut.number_of_nodes() == 50
    degree = dict(full.degree())
    weakest_kept = min(degree[v] for v in cut)
    assert all(degree[v] <= weakest_kept for v in full if v not in cut)
    # the edges among the kept nodes stay, with their attributes
    assert cut.number_of_edges() == sum(1 for u, v in full.edges() if u in cut and v in cut) > 0
    left = full.number_of_nodes() - 50
    assert f"{full.number_of_nodes()} Knoten" in note and "weggelassen" in note
    counts = [int(w) for w in note.split("weggelassen:")[1].replace(".", " ").split() if w.isdigit()]
    assert sum(counts) == left


def test_the_network_list_names_every_link_of_a_node(graph, full):
    from industriegraph.web.network import render_network

    html = render_network(full.subgraph(list(full)[:60]).copy(), "t", standalone=False)
    listed = html.split('<details class="ig-list">')[1]
    g = full.subgraph(list(full)[:60])
    assert listed.count(" → ") == len({u for u, v in g.edges()})
