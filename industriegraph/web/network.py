"""Explorable network views: pyvis node/edge data, a networkx layout, our own offline template.

Why not pyvis's own ``show``/template: it links Bootstrap and other CDNs, and a page that fetches
from another host breaks offline and leaks the visit. We use pyvis only to build the vis-network
node and edge records, compute positions in Python (so a large network appears at once, physics
off) and render them with our Jinja2 template, which links our packaged assets (served pages) or
inlines them (standalone files that can be mailed around).

Networks are networkx graphs as ``Graph.to_networkx`` makes them (``industriegraph.graph.networks``: node
attributes are a node's properties plus ``type``, the label; edge attributes ``type`` plus properties); optional
``_states`` / ``_topics`` lists feed the filter panel when the State and Topic nodes themselves are not part of
the drawing. German names come from the schema declaration; colours and symbols are this module's.
"""

from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from industriegraph.graph.networks import from_node_link
from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import (
    NODE_BY_LABEL,
    label_de,
    plural_de,
    prop_label_de,
    rel_label_de,
    value_label_de,
)

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

# label -> (colour, shape). Shapes draw the caption below the symbol so size by degree works.
LEGEND: dict[str, tuple[str, str]] = {
    "Initiative": ("#1f6fb4", "dot"),
    "Organization": ("#f28e2b", "square"),
    "Person": ("#9c6ade", "triangle"),
    "Strategy": ("#8c564b", "diamond"),
    "ActionField": ("#d4449a", "hexagon"),
    "Objective": ("#a8a82a", "triangleDown"),
    "Measure": ("#2e9e48", "star"),
    "Event": ("#17a2b8", "dot"),
    "Topic": ("#7f7f7f", "hexagon"),
    "State": ("#c9302c", "diamond"),
    "Source": ("#555555", "square"),
    "Statistic": ("#999999", "triangleDown"),
    "Finding": ("#bbbbbb", "triangle"),
}
# Organisation kinds: a shade of the organisation colour family each.
KIND_COLOURS: dict[str, str] = {
    "IHK": "#e15759",
    "Handwerkskammer": "#c44e2f",
    "ChamberOfLabour": "#b5651d",
    "Union": "#d62728",
    "EmployerAssociation": "#8f5b00",
    "BusinessAssociation": "#f28e2b",
    "Company": "#ffb55a",
    "University": "#b07aa1",
    "ResearchInstitute": "#9467bd",
    "Municipality": "#59a14f",
    "StateGovernment": "#4e79a7",
    "FederalGovernment": "#2b4c7e",
    "EmploymentAgency": "#76b7b2",
    "EconomicDevelopment": "#edc948",
    "Cluster": "#ff9da7",
    "School": "#9c755f",
    "CivilSociety": "#bab0ac",
    "Other": "#cccccc",
}
assert set(KIND_COLOURS) == set(KINDS)
# Entity pages by label (the rest go to the generic /knoten/ page).
PAGE_PATHS = {
    "Initiative": "initiative",
    "Organization": "organisation",
    "Person": "person",
    "Measure": "massnahme",
    "Strategy": "strategie",
}
# Nodes that connect nearly everything: shown as leaves but never expanded through in an ego network.
HUBS = frozenset({"Topic", "State", "Source", "Statistic", "Finding"})
FACTS = ("kind", "radius", "founded", "status", "code", "year", "date", "number", "numeral", "heading", "website")
MAX_LABEL = 40


# -- node helpers ------------------------------------------------------------------------------------------


def node_label(attrs: Mapping[str, Any]) -> str:
    """The schema label of a networkx node (``type``) or of a node dict from the store (``_label``)."""
    return str(attrs.get("type") or attrs.get("_label") or "Other")


def caption(attrs: Mapping[str, Any], node_id: str = "") -> str:
    """The node's display text: its name, title, label or text (as the schema declares), else its id."""
    spec = NODE_BY_LABEL.get(node_label(attrs))
    value = attrs.get(spec.display) if spec else None
    return str(value or attrs.get("name") or attrs.get("title") or node_id)


def short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entity_path(node_id: str, label: str) -> str:
    """Path of a node's page in the explorer (typed page without the id prefix, else /knoten/<id>)."""
    page = PAGE_PATHS.get(label)
    spec = NODE_BY_LABEL.get(label)
    if page and spec and node_id.startswith(spec.prefix + ":"):
        return f"/{page}/{urlquote(node_id[len(spec.prefix) + 1 :], safe='')}"
    return f"/knoten/{urlquote(node_id, safe=':')}"


def kind_name(kind: str) -> str:
    """German name of an organisation kind ("Union" -> "Gewerkschaft")."""
    return value_label_de("Organization", "kind", kind)


def type_name(attrs: Mapping[str, Any]) -> str:
    """German type, with the kind for organisations ("Organisation · Gewerkschaft")."""
    label = node_label(attrs)
    name = label_de(label)
    if label == "Organization" and attrs.get("kind"):
        name += " · " + kind_name(attrs["kind"])
    return name


def colour(attrs: Mapping[str, Any]) -> str:
    label = node_label(attrs)
    if label == "Organization" and attrs.get("kind") in KIND_COLOURS:
        return KIND_COLOURS[attrs["kind"]]
    return LEGEND.get(label, ("#888888", ""))[0]


def relation_title(type_: str, props: Mapping[str, Any], direction: str = "out") -> str:
    """How a relationship reads in German, with its role or kind ("ist Mitglied von (Träger)")."""
    extra = [value_label_de(type_, k, props[k]) for k in ("role", "kind") if props.get(k)]
    return rel_label_de(type_, direction) + (f" ({', '.join(extra)})" if extra else "")


def fact(label: str, key: str, value: Any) -> tuple[str, str]:
    """A property as the pages and the tooltips show it: German name and value (German value labels)."""
    if isinstance(value, list):
        return prop_label_de(label, key), ", ".join(value_label_de(label, key, v) for v in value)
    return prop_label_de(label, key), value_label_de(label, key, value)


def tooltip(attrs: Mapping[str, Any], node_id: str, quote_fn=None, max_evidence: int = 2) -> str:
    """Plain-text tooltip (one fact per line). The JS turns each line into a text node, so nothing here is
    ever interpreted as HTML."""
    label = node_label(attrs)
    lines = [caption(attrs, node_id), type_name(attrs)]
    for key in FACTS:
        value = attrs.get(key)
        if value not in (None, "", []) and not (key == "kind" and label == "Organization"):
            lines.append("{}: {}".format(*fact(label, key, value)))
    states = attrs.get("_states") or []
    if states and label != "State":
        lines.append(f"{label_de('State') if len(states) == 1 else plural_de('State')}: " + ", ".join(states))
    evidence = list(attrs.get("evidence") or [])
    for ev in evidence[:max_evidence]:
        text = quote_fn(ev) if quote_fn else None
        lines.append(f"Beleg {ev}" + (f": „{short(text, 160)}“" if text else ""))
    if len(evidence) > max_evidence:
        lines.append(f"… und {len(evidence) - max_evidence} weitere Belege")
    return "\n".join(lines)


# -- building networks -------------------------------------------------------------------------------------


def full_network(graph) -> nx.MultiDiGraph:
    """The whole ``Graph`` (``Graph.to_networkx``) with the filter panel's ``_states`` and ``_topics``."""
    g = graph.to_networkx()
    annotate(g)
    return g


def annotate(g: nx.MultiDiGraph) -> None:
    """Give every node ``_states`` and ``_topics`` (names/labels of adjacent State and Topic nodes) for the
    filter panel; organisations without a state of their own inherit those of their initiatives."""
    for n, attrs in g.nodes(data=True):
        label = node_label(attrs)
        states, topics = set(), set()
        if label == "State":
            states.add(caption(attrs, n))
        if label == "Topic":
            topics.add(caption(attrs, n))
        for m in set(g.successors(n)) | set(g.predecessors(n)):
            other = g.nodes[m]
            if node_label(other) == "State":
                states.add(caption(other, m))
            elif node_label(other) == "Topic":
                topics.add(caption(other, m))
        attrs["_states"], attrs["_topics"] = sorted(states), sorted(topics)
    for n, attrs in g.nodes(data=True):
        if node_label(attrs) == "Organization" and not attrs["_states"]:
            inherited = {
                s for m in g.successors(n) if node_label(g.nodes[m]) == "Initiative" for s in g.nodes[m]["_states"]
            }
            attrs["_states"] = sorted(inherited)


def organisation_network(graph) -> nx.MultiDiGraph:
    """Organisations and the initiatives they take part in (MEMBER_OF), with states and topics for filtering."""
    full = graph if isinstance(graph, nx.Graph) else full_network(graph)
    keep = [n for n, a in full.nodes(data=True) if node_label(a) in ("Initiative", "Organization")]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, full.nodes[n]) for n in keep)
    sub.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in full.edges(keys=True, data=True)
        if d.get("type") == "MEMBER_OF" and u in sub and v in sub
    )
    return sub


def strategy_network(graph, strategy_id: str | None = None) -> nx.MultiDiGraph:
    """A policy document as a network: strategy → action fields → objectives and measures, the organisations
    responsible for the measures and the measures' topics. Default: every strategy with action fields."""
    full = graph if isinstance(graph, nx.Graph) else full_network(graph)
    roots = [strategy_id] if strategy_id else [u for u, _, t in full.edges(data="type") if t == "HAS_ACTION_FIELD"]
    keep: set[str] = set(roots)
    for s in roots:
        for _, f, t in full.out_edges(s, data="type"):
            if t == "HAS_ACTION_FIELD":
                keep.add(f)
                keep |= {x for _, x, t2 in full.out_edges(f, data="type") if t2 in ("HAS_OBJECTIVE", "HAS_MEASURE")}
    measures = [n for n in keep if node_label(full.nodes[n]) == "Measure"]
    for m in measures:
        keep |= {o for o, _, t in full.in_edges(m, data="type") if t == "RESPONSIBLE_FOR"}
    return full.subgraph(keep).copy()


def cooccurrence_network(rows: Iterable[Mapping[str, Any]], ids: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """The co-occurrence query's rows as a network: both organisations of each pair and the initiatives they
    share (MEMBER_OF edges), so the drawing shows *where* they meet. ``ids`` maps names to node ids (for links
    to entity pages); ``kind_a``/``kind_b`` in a row set the organisations' kinds."""
    ids = ids or {}
    g = nx.MultiDiGraph()
    for r in rows:
        for side in ("a", "b"):
            name = r[f"{side}_name"]
            oid = ids.get(f"org|{name}", f"org|{name}")
            if oid not in g:
                g.add_node(oid, type="Organization", name=name, kind=r.get(f"kind_{side}"))
            for ini in r["initiatives"]:
                iid = ids.get(f"ini|{ini}", f"ini|{ini}")
                if iid not in g:
                    g.add_node(iid, type="Initiative", name=ini)
                if not g.has_edge(oid, iid):
                    g.add_edge(oid, iid, type="MEMBER_OF")
    return g


def name_ids(full: nx.MultiDiGraph) -> dict[str, str]:
    """ "org|<name>" / "ini|<name>" -> node id, so query rows that carry names can link to nodes."""
    out = {}
    for n, attrs in full.nodes(data=True):
        label = node_label(attrs)
        if label in ("Organization", "Initiative"):
            out[f"{'org' if label == 'Organization' else 'ini'}|{attrs.get('name')}"] = n
    return out


def kind_cooccurrence_network(graph, full: nx.MultiDiGraph, kind_a: str, kind_b: str, rows=None) -> nx.MultiDiGraph:
    """The co-occurrence of two organisation kinds as a network (``cooccurrence_network``), its nodes with the
    attributes of the whole graph ``full`` (states, topics, evidence for the tooltips)."""
    if rows is None:
        rows = graph.query("cooccurrence", kind_a=kind_a, kind_b=kind_b)
    g = cooccurrence_network([dict(r, kind_a=kind_a, kind_b=kind_b) for r in rows], name_ids(full))
    for n, attrs in g.nodes(data=True):
        if n in full:
            attrs.update({k: v for k, v in full.nodes[n].items() if k not in attrs or k.startswith("_")})
    return g


# -- layout ------------------------------------------------------------------------------------------------

CORE = 400  # nodes laid out with Fruchterman-Reingold; the rest are placed beside their neighbours


def layout(g: nx.Graph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Positions in pixels. Up to ``CORE`` nodes: networkx's spring layout (seeded, so stable). Larger graphs:
    the ``CORE`` best-connected nodes get the spring layout, every other node is placed at the centre of its
    placed neighbours with a small deterministic offset (linear time, no scipy needed), unconnected ones on an
    outer ring."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    und = nx.Graph(g.to_undirected(as_view=True)) if g.is_directed() or g.is_multigraph() else g
    scale = max(250.0, 45.0 * math.sqrt(n))
    if n <= CORE:
        pos = nx.spring_layout(und, seed=seed, k=2.0 / math.sqrt(n) if n > 1 else None, iterations=100)
        return {v: (float(p[0]) * scale, float(p[1]) * scale) for v, p in pos.items()}
    core = sorted(und.nodes, key=lambda v: (-und.degree(v), str(v)))[:CORE]
    sub = und.subgraph(core)
    pos = {v: (float(p[0]) * scale, float(p[1]) * scale) for v, p in nx.spring_layout(sub, seed=seed).items()}
    frontier = deque(core)
    step = scale / math.sqrt(n) * 2
    while frontier:
        v = frontier.popleft()
        for k, m in enumerate(sorted(und.neighbors(v), key=str)):
            if m in pos:
                continue
            placed = [pos[x] for x in und.neighbors(m) if x in pos]
            cx = sum(p[0] for p in placed) / len(placed)
            cy = sum(p[1] for p in placed) / len(placed)
            angle = (hash_angle(m) + k) % (2 * math.pi)
            pos[m] = (cx + step * math.cos(angle), cy + step * math.sin(angle))
            frontier.append(m)
    rest = [v for v in und.nodes if v not in pos]
    for k, v in enumerate(rest):
        angle = 2 * math.pi * k / len(rest)
        pos[v] = (1.2 * scale * math.cos(angle), 1.2 * scale * math.sin(angle))
    return pos


def hash_angle(v: Any) -> float:
    """A stable pseudo-random angle for a node (Python's hash of str is salted per process)."""
    h = 0
    for ch in str(v):
        h = (h * 131 + ord(ch)) % 1_000_003
    return h / 1_000_003 * 2 * math.pi


# -- rendering ---------------------------------------------------------------------------------------------


def network_data(
    g: nx.Graph,
    *,
    quote_fn=None,
    link_pages: bool = False,
    centre: str | None = None,
    seed: int = 7,
) -> dict[str, Any]:
    """vis-network nodes and edges (built with pyvis), the legend entries present and the filter choices."""
    net = Network(directed=True, cdn_resources="local")
    pos = layout(g, seed=seed)
    und_degree = dict(nx.Graph(g.to_undirected(as_view=True)).degree()) if g.number_of_nodes() else {}
    max_deg = max(und_degree.values(), default=1) or 1
    kinds: dict[str, set[str]] = {}
    states: set[str] = set()
    topics: set[str] = set()
    for v, attrs in g.nodes(data=True):
        label = node_label(attrs)
        name = caption(attrs, str(v))
        deg = und_degree.get(v, 0)
        node_states, node_topics = list(attrs.get("_states") or []), list(attrs.get("_topics") or [])
        states.update(node_states)
        topics.update(node_topics)
        kinds.setdefault(label, set())
        if label == "Organization" and attrs.get("kind"):
            kinds[label].add(attrs["kind"])
        options: dict[str, Any] = {
            "title": tooltip(attrs, str(v), quote_fn),
            "color": colour(attrs),
            "size": round(8 + 22 * math.sqrt(deg / max_deg), 1),
            "x": round(pos[v][0], 1),
            "y": round(pos[v][1], 1),
            "physics": False,
            "group_type": label,
            "states": node_states,
            "topics": node_topics,
        }
        if link_pages and "|" not in str(v):
            options["url"] = entity_path(str(v), label)
        if centre is not None and v == centre:
            options["borderWidth"] = 4
            options["size"] = max(options["size"], 26)
            options["font"] = {"size": 18, "bold": True}
        net.nodes.append(Node(str(v), LEGEND.get(label, ("", "dot"))[1], label=short(name), **options).options)
        net.node_ids.append(str(v))
    seen: set[tuple[str, str, str]] = set()
    for u, v, data in g.edges(data=True):
        rel = data.get("type", "")
        key = (str(u), str(v), rel)
        if key in seen:
            continue
        seen.add(key)
        title = relation_title(rel, {"role": data.get("role")})
        net.edges.append(Edge(str(u), str(v), True, title=title, rel=rel, color={"color": "#b0b0b0"}).options)
    legend = []
    for label, (col, shape) in LEGEND.items():
        if label in kinds:
            legend.append({"type": label, "name": label_de(label), "colour": col, "shape": shape, "count": 0})
            legend[-1]["kinds"] = [
                {"kind": k, "name": kind_name(k), "colour": KIND_COLOURS.get(k, "#ccc")}
                for k in sorted(kinds[label], key=kind_name)
            ]
    counts = {}
    for n in net.nodes:
        counts[n["group_type"]] = counts.get(n["group_type"], 0) + 1
    for entry in legend:
        entry["count"] = counts.get(entry["type"], 0)
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": legend,
        "states": sorted(states),
        "topics": sorted(topics),
        "options": OPTIONS,
    }


OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "width": 1},
    "nodes": {"font": {"size": 13, "face": "sans-serif"}, "borderWidth": 1},
    "layout": {"improvedLayout": False},
}


def script_json(data: Any) -> Markup:
    """JSON safe inside a <script> element: ``<``, ``>``, ``&`` escaped as JSON unicode escapes (no HTML
    escaping, so umlauts and quotes stay as they are)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]))
    env.globals.update(
        script_json=script_json,
        label_de=label_de,
        plural_de=plural_de,
        rel_label_de=rel_label_de,
        prop_label_de=prop_label_de,
        value_label_de=value_label_de,
    )
    env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
    return env


@lru_cache(maxsize=4)
def asset(name: str) -> str:
    """A packaged static file's text (for inlining)."""
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def network_context(
    g: nx.Graph,
    element_id: str = "netz",
    *,
    quote_fn=None,
    link_pages: bool = False,
    centre: str | None = None,
    height: str = "640px",
) -> dict[str, Any]:
    """What the ``_network.html`` partial needs to draw one network (served pages include it directly)."""
    centre = centre or g.graph.get("centre")
    data = network_data(g, quote_fn=quote_fn, link_pages=link_pages, centre=centre)
    return {"id": element_id, "data": data, "height": height, "centre": centre, "links": link_pages}


def render_network(
    graph: nx.Graph | Mapping[str, Any],
    title: str,
    *,
    standalone: bool = True,
    description: str = "",
    quote_fn=None,
    link_pages: bool | None = None,
    centre: str | None = None,
    height: str = "85vh",
    static_url: str = "/static",
) -> str:
    """A complete HTML page (UTF-8) showing the network with legend and filter panel.

    ``graph`` is a networkx graph or node-link data. ``standalone=True`` inlines vis-network, our script and
    our styles, so the single file works offline and when mailed around; otherwise the page links them under
    ``static_url`` (the explorer serves them). Node clicks open entity pages only when served."""
    g = graph if isinstance(graph, nx.Graph) else from_node_link(graph)
    if not isinstance(graph, nx.Graph):
        annotate(g)
    link = (not standalone) if link_pages is None else link_pages
    ctx = network_context(g, quote_fn=quote_fn, link_pages=link, centre=centre, height=height)
    assets = {}
    if standalone:
        assets = {
            "vis_js": Markup(asset("vendor/vis-network.min.js")),
            "vis_css": Markup(asset("vendor/vis-network.css")),
            "app_js": Markup(asset("network.js")),
            "app_css": Markup(asset("style.css")),
        }
    return (
        environment()
        .get_template("network_standalone.html")
        .render(title=title, description=description, net=ctx, standalone=standalone, static_url=static_url, **assets)
    )


# -- the standalone files of `industriegraph viz` ----------------------------------------------------------

EGO_COUNT = 5  # ego networks of the initiatives with most members
EGO_RADIUS = 2
EGO_LIMIT = 150


def write_networks(graph, out: Path, ego_count: int = EGO_COUNT) -> list[dict[str, Any]]:
    """Write the organisation–initiative network, the IHK–union co-occurrence network, the policy-document
    network, ego networks of the ``ego_count`` initiatives with most members and an index.html into ``out``;
    returns what was written (file, title, nodes, edges)."""
    out.mkdir(parents=True, exist_ok=True)
    full = full_network(graph)
    ini, org = plural_de("Initiative"), plural_de("Organization")
    networks = [
        (
            "organisationen-initiativen.html",
            f"{org} und {ini}",
            "Wer ist Mitglied oder Partner in welcher Initiative.",
            organisation_network(full),
        ),
        (
            "kooperation-ihk-gewerkschaft.html",
            "IHKs und Gewerkschaften in gemeinsamen Initiativen",
            "Industrie- und Handelskammern und Gewerkschaften, die in denselben Initiativen vertreten sind.",
            kind_cooccurrence_network(graph, full, "IHK", "Union"),
        ),
        (
            "masterplan.html",
            f"{plural_de('Strategy')}: {plural_de('ActionField')}, {plural_de('Objective')} und {plural_de('Measure')}",
            "Strategien mit ihren Handlungsfeldern, Zielen, Maßnahmen und den verantwortlichen Organisationen.",
            strategy_network(full),
        ),
    ]
    members = {
        n: len({u for u, _, t in full.in_edges(n, data="type") if t == "MEMBER_OF"})
        for n, a in full.nodes(data=True)
        if node_label(a) == "Initiative"
    }
    for n in sorted(members, key=lambda n: (-members[n], n))[:ego_count]:
        networks.append(
            (
                f"ego-{n.split(':', 1)[-1]}.html",
                f"Netzwerk: {caption(full.nodes[n], n)}",
                "Nachbarschaft bis zu zwei Schritte; Themen und Bundesländer werden nicht weiter verfolgt.",
                graph.ego(n, EGO_RADIUS, EGO_LIMIT, stop=HUBS, view=full),
            )
        )
    written = []
    for file, title, description, g in networks:
        html = render_network(g, title, description=description, quote_fn=graph.quote, standalone=True)
        (out / file).write_text(html, encoding="utf-8")
        edges = len({(u, v, t) for u, v, t in g.edges(data="type")})  # as drawn: one per pair and type
        written.append({"file": file, "title": title, "nodes": g.number_of_nodes(), "edges": edges})
    index = environment().get_template("viz_index.html").render(files=written, app_css=asset("style.css"))
    (out / "index.html").write_text(index, encoding="utf-8")
    return written
