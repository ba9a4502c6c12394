"""Explorable network views: pyvis node/edge data, a networkx layout, our own offline template.

Why not pyvis's own ``show``/template: it links Bootstrap and other CDNs, and a page that fetches
from another host breaks offline and leaks the visit. We use pyvis only to build the vis-network
node and edge records, compute positions in Python (so a large network appears at once, physics
off) and render them with our Jinja2 template, which links our packaged assets (served pages) or
inlines them (standalone files that can be mailed around).

Networks are networkx graphs whose node attributes are a node's properties plus ``_label`` (the
schema label); optional ``_states`` / ``_topics`` lists feed the filter panel when the State and
Topic nodes themselves are not part of the drawing.
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

from industriegraph.model.german import role_label
from industriegraph.model.schema import NODE_BY_LABEL

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

# label -> (German name, colour, shape). Shapes draw the caption below the symbol so size by degree works.
LEGEND: dict[str, tuple[str, str, str]] = {
    "Initiative": ("Initiative", "#1f6fb4", "dot"),
    "Organization": ("Organisation", "#f28e2b", "square"),
    "Person": ("Person", "#9c6ade", "triangle"),
    "Strategy": ("Strategie", "#8c564b", "diamond"),
    "ActionField": ("Handlungsfeld", "#d4449a", "hexagon"),
    "Objective": ("Ziel", "#a8a82a", "triangleDown"),
    "Measure": ("Maßnahme", "#2e9e48", "star"),
    "Event": ("Veranstaltung", "#17a2b8", "dot"),
    "Topic": ("Thema", "#7f7f7f", "hexagon"),
    "State": ("Bundesland", "#c9302c", "diamond"),
    "Source": ("Quelle", "#555555", "square"),
    "Statistic": ("Kennzahl", "#999999", "triangleDown"),
    "Finding": ("Befund", "#bbbbbb", "triangle"),
}
# Organisation kinds: German name and a shade of the organisation colour family.
ORG_KINDS: dict[str, tuple[str, str]] = {
    "IHK": ("IHK / Handelskammer", "#e15759"),
    "Handwerkskammer": ("Handwerkskammer", "#c44e2f"),
    "ChamberOfLabour": ("Arbeitskammer", "#b5651d"),
    "Union": ("Gewerkschaft", "#d62728"),
    "EmployerAssociation": ("Arbeitgeberverband", "#8f5b00"),
    "BusinessAssociation": ("Wirtschaftsverband", "#f28e2b"),
    "Company": ("Unternehmen", "#ffb55a"),
    "University": ("Hochschule", "#b07aa1"),
    "ResearchInstitute": ("Forschungseinrichtung", "#9467bd"),
    "Municipality": ("Kommune", "#59a14f"),
    "StateGovernment": ("Landesregierung", "#4e79a7"),
    "FederalGovernment": ("Bundesregierung", "#2b4c7e"),
    "EmploymentAgency": ("Arbeitsagentur", "#76b7b2"),
    "EconomicDevelopment": ("Wirtschaftsförderung", "#edc948"),
    "Cluster": ("Cluster / Netzwerk", "#ff9da7"),
    "School": ("Berufsschule", "#9c755f"),
    "CivilSociety": ("Zivilgesellschaft", "#bab0ac"),
    "Other": ("Sonstige", "#cccccc"),
}
# Relationship type -> (German wording seen from the source, seen from the target).
RELATIONS: dict[str, tuple[str, str]] = {
    "MEMBER_OF": ("Mitglied / Partner in", "Mitglieder und Partner"),
    "FUNDED_BY": ("Gefördert von", "Fördert"),
    "LOCATED_IN": ("Bundesland", "Ansässig"),
    "HAS_TOPIC": ("Themen", "Mit diesem Thema"),
    "PARTNER_OF": ("Partner der Strategie", "Partner"),
    "SIGNED": ("Unterzeichnet", "Unterzeichnet von"),
    "HOLDS_ROLE": ("Funktion bei", "Personen"),
    "HAS_ACTION_FIELD": ("Handlungsfelder", "Gehört zur Strategie"),
    "HAS_OBJECTIVE": ("Ziele", "Handlungsfeld"),
    "HAS_MEASURE": ("Maßnahmen", "Handlungsfeld"),
    "RESPONSIBLE_FOR": ("Verantwortlich für", "Verantwortlich"),
    "REFERENCES": ("Verweist auf", "Erwähnt in"),
    "PARTICIPATED_IN": ("Teilnahme an", "Teilnehmende"),
    "COOPERATES_WITH": ("Kooperiert mit", "Kooperationspartner"),
    "ORGANIZED_BY": ("Organisiert von", "Organisiert"),
    "BROADER": ("Übergeordnetes Thema", "Untergeordnete Themen"),
    "HAS_STRATEGY": ("Strategie", "Getragen von"),
    "PART_OF": ("Teil von", "Bestandteile"),
}
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
    """The schema label of a node (``_label``; ``label`` when it names a schema label)."""
    label = attrs.get("_label")
    if label:
        return str(label)
    label = attrs.get("label")
    return str(label) if label in NODE_BY_LABEL else "Other"


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


def type_name(attrs: Mapping[str, Any]) -> str:
    """German type, with the kind for organisations ("Organisation · Gewerkschaft")."""
    label = node_label(attrs)
    name = LEGEND.get(label, (label, "", ""))[0]
    if label == "Organization" and attrs.get("kind"):
        name += " · " + ORG_KINDS.get(attrs["kind"], (attrs["kind"], ""))[0]
    return name


def colour(attrs: Mapping[str, Any]) -> str:
    label = node_label(attrs)
    if label == "Organization" and attrs.get("kind") in ORG_KINDS:
        return ORG_KINDS[attrs["kind"]][1]
    return LEGEND.get(label, ("", "#888888", ""))[1]


def tooltip(attrs: Mapping[str, Any], node_id: str, quote_fn=None, max_evidence: int = 2) -> str:
    """Plain-text tooltip (one fact per line). The JS turns each line into a text node, so nothing here is
    ever interpreted as HTML."""
    lines = [caption(attrs, node_id), type_name(attrs)]
    for key in FACTS:
        value = attrs.get(key)
        if value not in (None, "", []) and not (key == "kind" and node_label(attrs) == "Organization"):
            lines.append(f"{FACT_NAMES.get(key, key)}: {value}")
    states = attrs.get("_states") or []
    if states and node_label(attrs) != "State":
        lines.append("Bundesland: " + ", ".join(states))
    evidence = list(attrs.get("evidence") or [])
    for ev in evidence[:max_evidence]:
        text = quote_fn(ev) if quote_fn else None
        lines.append(f"Beleg {ev}" + (f": „{short(text, 160)}“" if text else ""))
    if len(evidence) > max_evidence:
        lines.append(f"… und {len(evidence) - max_evidence} weitere Belege")
    return "\n".join(lines)


FACT_NAMES = {
    "kind": "Art",
    "radius": "Aktionsradius",
    "founded": "Gründung",
    "status": "Status",
    "code": "Kürzel",
    "year": "Jahr",
    "date": "Datum",
    "number": "Nummer",
    "numeral": "Ziel",
    "heading": "Abschnitt",
    "website": "Website",
}


# -- building networks -------------------------------------------------------------------------------------


def from_node_link(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """A networkx graph from ``Graph.node_link()`` form ({"nodes": [{id,label,properties}], "links": [...]})."""
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], _label=n.get("label"), **(n.get("properties") or {}))
    for link in data["links"]:
        g.add_edge(
            link["source"], link["target"], key=link["type"], type=link["type"], **(link.get("properties") or {})
        )
    return g


def graph_to_networkx(graph) -> nx.MultiDiGraph:
    """The whole ``Graph`` as networkx, node attributes ``_label`` + properties (a Topic keeps its ``label``)."""
    g = nx.MultiDiGraph()
    for n in graph.nodes():
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for r in graph.relationships():
        props = {k: v for k, v in r["r"].items() if k != "_label"}
        g.add_edge(r["source"], r["target"], key=r["r"]["_label"], type=r["r"]["_label"], **props)
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


def ego_network(graph, node_id: str, depth: int = 1, max_nodes: int = 150) -> nx.MultiDiGraph:
    """The neighbourhood of a node up to ``depth`` steps. ``graph`` is a ``Graph`` or a networkx graph from
    ``graph_to_networkx``. Topics, states, sources and findings are shown but not expanded through (they
    would pull in half the graph); at most ``max_nodes`` nodes, nearest first."""
    full = graph if isinstance(graph, nx.Graph) else graph_to_networkx(graph)
    if node_id not in full:
        raise KeyError(node_id)
    seen = {node_id: 0}
    todo = deque([node_id])
    while todo and len(seen) < max_nodes:
        n = todo.popleft()
        if seen[n] >= depth or (n != node_id and node_label(full.nodes[n]) in HUBS):
            continue
        for m in sorted(set(full.successors(n)) | set(full.predecessors(n))):
            if m not in seen and len(seen) < max_nodes:
                seen[m] = seen[n] + 1
                todo.append(m)
    sub = full.subgraph(seen).copy()
    sub.graph["centre"] = node_id
    return sub


def organisation_network(graph) -> nx.MultiDiGraph:
    """Organisations and the initiatives they take part in (MEMBER_OF), with states and topics for filtering."""
    full = graph if isinstance(graph, nx.Graph) else graph_to_networkx(graph)
    keep = [n for n, a in full.nodes(data=True) if node_label(a) in ("Initiative", "Organization")]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, full.nodes[n]) for n in keep)
    sub.add_edges_from(
        (u, v, k, d) for u, v, k, d in full.edges(keys=True, data=True) if k == "MEMBER_OF" and u in sub and v in sub
    )
    return sub


def strategy_network(graph, strategy_id: str | None = None) -> nx.MultiDiGraph:
    """A policy document as a network: strategy → action fields → objectives and measures, the organisations
    responsible for the measures and the measures' topics. Default: every strategy with action fields."""
    full = graph if isinstance(graph, nx.Graph) else graph_to_networkx(graph)
    roots = [strategy_id] if strategy_id else [u for u, _, k in full.edges(keys=True) if k == "HAS_ACTION_FIELD"]
    keep: set[str] = set(roots)
    for s in roots:
        for _, f, k in full.out_edges(s, keys=True):
            if k == "HAS_ACTION_FIELD":
                keep.add(f)
                keep |= {x for _, x, k2 in full.out_edges(f, keys=True) if k2 in ("HAS_OBJECTIVE", "HAS_MEASURE")}
    measures = [n for n in keep if node_label(full.nodes[n]) == "Measure"]
    for m in measures:
        keep |= {o for o, _, k in full.in_edges(m, keys=True) if k == "RESPONSIBLE_FOR"}
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
                g.add_node(oid, _label="Organization", name=name, kind=r.get(f"kind_{side}"))
            for ini in r["initiatives"]:
                iid = ids.get(f"ini|{ini}", f"ini|{ini}")
                if iid not in g:
                    g.add_node(iid, _label="Initiative", name=ini)
                if not g.has_edge(oid, iid, "MEMBER_OF"):
                    g.add_edge(oid, iid, key="MEMBER_OF", type="MEMBER_OF")
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
        net.nodes.append(Node(str(v), LEGEND.get(label, ("", "", "dot"))[2], label=short(name), **options).options)
        net.node_ids.append(str(v))
    seen: set[tuple[str, str, str]] = set()
    for u, v, *rest in g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True):
        data = rest[-1] if rest else {}
        rel = data.get("type") or (rest[0] if g.is_multigraph() else "")
        key = (str(u), str(v), rel)
        if key in seen:
            continue
        seen.add(key)
        title = RELATIONS.get(rel, (rel, ""))[0] + (f" ({role_label(data['role'])})" if data.get("role") else "")
        net.edges.append(Edge(str(u), str(v), True, title=title, rel=rel, color={"color": "#b0b0b0"}).options)
    legend = []
    for label, (name, col, shape) in LEGEND.items():
        if label in kinds:
            legend.append({"type": label, "name": name, "colour": col, "shape": shape, "count": 0})
            legend[-1]["kinds"] = [
                {"kind": k, "name": ORG_KINDS.get(k, (k, ""))[0], "colour": ORG_KINDS.get(k, ("", "#ccc"))[1]}
                for k in sorted(kinds[label], key=lambda k: ORG_KINDS.get(k, (k, ""))[0])
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
    env.globals["script_json"] = script_json
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
