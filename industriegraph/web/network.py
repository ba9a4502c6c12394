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
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
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

from industriegraph.graph.networks import from_node_link, induced_subgraph
from industriegraph.model.german import kind_label
from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import (
    NODE_BY_LABEL,
    label_de,
    plural_de,
    prop_label_de,
    rel_label_de,
    value_label_de,
)
from industriegraph.web.labels import lang_of

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

# Colours: colour-blind-safe. The kinds analysts compare get the eight colours of Okabe & Ito ("Color Universal
# Design", 2008), chosen so that IHK (blue), union (vermilion), business association (reddish purple), company
# (yellow), research (bluish green) and government (orange) stay far apart for the common colour vision
# deficiencies; the rarer kinds and the other node types take Paul Tol's "muted" scheme (Tol 2021, SRON
# technical note), and shapes tell the node types apart as well. Initiatives are near-black dots.
# label -> (colour, shape). Shapes draw the caption below the symbol so size by degree works.
LEGEND: dict[str, tuple[str, str]] = {
    "Initiative": ("#222222", "dot"),
    "Organization": ("#888888", "square"),
    "Person": ("#AA4499", "triangle"),
    "Strategy": ("#882255", "diamond"),
    "ActionField": ("#332288", "hexagon"),
    "Objective": ("#999933", "triangleDown"),
    "Measure": ("#117733", "star"),
    "Event": ("#88CCEE", "dot"),
    "Topic": ("#DDCC77", "hexagon"),
    "State": ("#CC6677", "diamond"),
    "Source": ("#555555", "square"),
    "Statistic": ("#999999", "triangleDown"),
    "Finding": ("#BBBBBB", "triangle"),
}
# Organisation kinds (squares): families share a hue (chambers blue, associations purple, research green,
# government orange), the kinds analysts compare most are Okabe-Ito's pure colours.
KIND_COLOURS: dict[str, str] = {
    "IHK": "#0072B2",  # Okabe-Ito blue
    "Handwerkskammer": "#56B4E9",  # Okabe-Ito sky blue
    "ChamberOfLabour": "#332288",  # Tol indigo
    "Union": "#D55E00",  # Okabe-Ito vermilion
    "EmployerAssociation": "#882255",  # Tol wine
    "BusinessAssociation": "#CC79A7",  # Okabe-Ito reddish purple
    "Company": "#F0E442",  # Okabe-Ito yellow
    "University": "#009E73",  # Okabe-Ito bluish green
    "ResearchInstitute": "#44AA99",  # Tol teal
    "Municipality": "#DDCC77",  # Tol sand
    "StateGovernment": "#E69F00",  # Okabe-Ito orange
    "FederalGovernment": "#999933",  # Tol olive
    "EmploymentAgency": "#117733",  # Tol green
    "EconomicDevelopment": "#CC6677",  # Tol rose
    "Cluster": "#AA4499",  # Tol purple
    "School": "#88CCEE",  # Tol cyan
    "CivilSociety": "#BBBBBB",
    "Other": "#DDDDDD",
}
# Relationship types: a colour and a dash pattern each, so the edge legend can be read without colour too.
EDGE_STYLES: dict[str, tuple[str, bool]] = {
    "MEMBER_OF": ("#555555", False),
    "PARTNER_OF": ("#555555", True),
    "COOPERATES_WITH": ("#0072B2", False),
    "FUNDED_BY": ("#E69F00", True),
    "PARTICIPATED_IN": ("#56B4E9", True),
    "ORGANIZED_BY": ("#56B4E9", False),
    "RESPONSIBLE_FOR": ("#009E73", False),
    "HAS_MEASURE": ("#117733", True),
    "HAS_ACTION_FIELD": ("#332288", False),
    "HAS_OBJECTIVE": ("#999933", True),
    "HAS_TOPIC": ("#C8C8C8", True),
    "LOCATED_IN": ("#CC6677", True),
    "HOLDS_ROLE": ("#AA4499", False),
    "SIGNED": ("#882255", True),
}
EDGE_DEFAULT = ("#B0B0B0", False)
# Communities of the overview: Tol's "light" scheme (distinct from each other; they colour nodes only on request).
COMMUNITY_COLOURS = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00")
COMMUNITY_OTHER = "#DDDDDD"
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
SHORT_LABEL = 24  # longer names are drawn as their acronym (or code), the full name is in the tooltip
LABEL_ZOOM = 40  # beyond this many nodes, small nodes' labels appear only when zoomed in
AGGREGATE_NODES = 40  # ego networks larger than this are drawn with groups collapsed ...
AGGREGATE_MIN = 6  # ... of at least this many nodes of one type and kind ("23 Unternehmen")
AGGREGATE_LABELS = ("Organization", "Person", "Initiative", "Measure", "Event", "Objective", "Topic", "Strategy")
# an acronym: every word has two capitals or is a number ("IHK", "ANeTT", "AuToS SW-BW", "CARS 2.0")
_ACRONYM_WORD = re.compile(r"^(?:\S*[A-ZÄÖÜ]\S*[A-ZÄÖÜ0-9]\S*|[\d.]+)$")


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


def acronym(name: str, aliases: Iterable[str] | None = ()) -> str | None:
    """The shortest acronym among a name's aliases (from the vocabulary and the documents), a parenthesised one
    in the name ("… (CARS 2.0) …") or the name's lead before a dash ("ANeTT – Automotive …"); else None."""
    candidates = list(aliases or [])
    candidates += re.findall(r"\(([^()]{2,16})\)", name)
    candidates += [name.split(" – ", 1)[0]] if " – " in name else []
    found = [
        c.strip() for c in candidates if 2 <= len(c.strip()) <= 16 and all(_ACRONYM_WORD.match(w) for w in c.split())
    ]
    return min(found, key=lambda c: (len(c), c)) if found else None


def short_label(attrs: Mapping[str, Any], node_id: str = "") -> str:
    """What the drawing writes beside a node: a measure's, action field's or objective's code ("HF3-M4"), a
    short name as it is, a long one as its acronym when one is known, else cut to ``SHORT_LABEL`` characters.
    The full name is the tooltip's first line."""
    if attrs.get("_code"):
        return str(attrs["_code"])
    name = caption(attrs, node_id)
    if len(name) <= SHORT_LABEL:
        return name
    if node_label(attrs) in ("Organization", "Initiative", "Strategy"):
        found = acronym(name, attrs.get("aliases"))
        if found:
            return found
        name = _LEGAL_FORM_END().sub("", name)  # "H2BZ Initiative Hessen e. V." -> "H2BZ Initiative Hessen"
    return short(name, SHORT_LABEL)


@lru_cache(maxsize=1)
def _LEGAL_FORM_END() -> re.Pattern[str]:  # noqa: N802  (a constant, built on first use)
    """A legal form ending a name (the vocabulary's ``legal_forms.yaml``), with the comma before it."""
    from industriegraph.model.vocab import vocabulary

    variants = sorted({v for f in vocabulary().legal_forms for v in f.variants}, key=len, reverse=True)
    return re.compile(r",?\s+(?:" + "|".join(re.escape(v) for v in variants) + r")$")


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
        label = node_label(attrs)
        if label == "ActionField" and attrs.get("number") is not None:
            attrs["_code"] = f"HF{attrs['number']}"
        elif label in ("Measure", "Objective"):
            own = attrs.get("number") if label == "Measure" else attrs.get("numeral")
            if own is None:
                continue
            field = next(
                (g.nodes[f].get("number") for f in g.predecessors(n) if node_label(g.nodes[f]) == "ActionField"), None
            )
            part = f"M{own}" if label == "Measure" else f"Z {own}"
            attrs["_code"] = f"HF{field}-{part}" if field is not None else part
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


OVERVIEW_LINKS = ("MEMBER_OF", "COOPERATES_WITH")


def overview_network(graph, full: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The whole organisation–initiative network as the brokers query sees it: organisations and initiatives
    joined by memberships and cooperations, each with ``_community`` and ``_community_name`` from that query (its
    Louvain communities are computed when the graph is built and stored with the derived data, so the overview
    and the brokers page number them alike). Actors without any such link are left out (an initiative whose
    documents name no member would be a lone dot); ``g.graph["left_out"]`` counts them per label."""
    full = full if full is not None else full_network(graph)
    rows = graph.query("brokers", top=10**9, min_degree=0)
    sub = induced_subgraph(full, (r["id"] for r in rows if r["id"] in full))
    sub.remove_edges_from([(u, v, k) for u, v, k, t in sub.edges(keys=True, data="type") if t not in OVERVIEW_LINKS])
    for r in rows:
        if r["id"] in sub:
            sub.nodes[r["id"]].update(_community=r["community"], _community_name=r["community_name"])
    left_out: dict[str, int] = {}
    for n, a in full.nodes(data=True):
        if node_label(a) in ("Organization", "Initiative") and n not in sub:
            left_out[node_label(a)] = left_out.get(node_label(a), 0) + 1
    sub.graph["left_out"] = left_out
    return sub


ISLAND = 70.0  # px per square root of a community's size
ISLAND_GAP = 45.0


def community_layout(g: nx.Graph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Positions that keep each community together: each laid out on its own (``layout``) and the communities
    packed in rows, largest first, so the overview reads as islands rather than one hairball."""
    members: dict[int, list[Any]] = {}
    for v, c in g.nodes(data="_community"):
        members.setdefault(c or 0, []).append(v)
    return packed_layout(g, [members[c] for c in sorted(members, key=lambda c: (-len(members[c]), c))], seed)


def packed_layout(g: nx.Graph, groups: list[list[Any]], seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Each group of nodes laid out on its own, scaled to what its members need, and the groups packed in rows
    (in the order given): separate parts of a network sit side by side instead of drifting to the corners."""
    parts = []
    for members in groups:
        part = layout(induced_subgraph(g, members), seed=seed) if len(members) > 1 else {members[0]: (0.0, 0.0)}
        # each island as large as its members need (``layout`` alone gives even a pair 500 px)
        x0, y0 = min(p[0] for p in part.values()), min(p[1] for p in part.values())
        span = max(max(p[0] for p in part.values()) - x0, max(p[1] for p in part.values()) - y0) or 1.0
        k = ISLAND * math.sqrt(len(part)) / span
        part = {v: ((px - x0) * k, (py - y0) * k) for v, (px, py) in part.items()}
        w = max(p[0] for p in part.values()) + 2 * ISLAND_GAP
        h = max(p[1] for p in part.values()) + 2 * ISLAND_GAP
        parts.append(({v: (px + ISLAND_GAP, py + ISLAND_GAP) for v, (px, py) in part.items()}, w, h))
    width = 1.4 * math.sqrt(sum(w * h for _, w, h in parts))
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, w, h in parts:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        pos.update({v: (x + px, y + py) for v, (px, py) in part.items()})
        x += w
        row_height = max(row_height, h)
    return pos


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
    return induced_subgraph(full, keep)


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
    if n <= CORE and not nx.is_connected(und):
        parts = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c))))
        return packed_layout(und, [sorted(c, key=str) for c in parts], seed)
    if n <= CORE:
        pos = nx.spring_layout(und, seed=seed, k=2.0 / math.sqrt(n) if n > 1 else None, iterations=100)
        return {v: (float(p[0]) * scale, float(p[1]) * scale) for v, p in pos.items()}
    core = sorted(und.nodes, key=lambda v: (-und.degree(v), str(v)))[:CORE]
    sub = induced_subgraph(und, core)
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
    pos: Mapping[Any, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """vis-network nodes and edges (built with pyvis), the legends of node types and edge types present, the
    filter choices, the collapsed groups of a large ego network and the communities (nodes with ``_community``).

    Nodes carry a short label (``short_label``) and the full name as the tooltip's first line; ``value`` (the
    degree) sizes them and, beyond ``LABEL_ZOOM`` nodes, decides which labels show at the current zoom."""
    net = Network(directed=True, cdn_resources="local")
    pos = pos or layout(g, seed=seed)
    und_degree = dict(nx.Graph(g.to_undirected(as_view=True)).degree()) if g.number_of_nodes() else {}
    max_deg = max(und_degree.values(), default=1) or 1
    kinds: dict[str, set[str]] = {}
    states: set[str] = set()
    topics: set[str] = set()
    groups = aggregate_groups(g, centre) if centre is not None else {}
    member_group = {m: gid for gid, grp in groups.items() for m in grp["members"]}
    if groups:
        pos = collapsed_layout(g, groups, member_group, seed=seed)
    for v, attrs in g.nodes(data=True):
        label = node_label(attrs)
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
            "value": deg,
            "size": round(8 + 22 * math.sqrt(deg / max_deg), 1),
            "x": round(pos[v][0], 1),
            "y": round(pos[v][1], 1),
            "physics": False,
            "group_type": label,
            "kind": attrs.get("kind") if label == "Organization" else None,
            "states": node_states,
            "topics": node_topics,
        }
        if attrs.get("_community") is not None:
            options["community"] = attrs["_community"]
        if lang_of(caption(attrs, str(v))) == "en":
            options["lang"] = "en"  # a name or wording from an English source, marked so for screen readers
        if v in member_group:
            options["in_group"] = member_group[v]  # not vis-network's own ``group`` (that one styles nodes)
        if link_pages and "|" not in str(v):
            options["url"] = entity_path(str(v), label)
        if centre is not None and v == centre:
            options["borderWidth"] = 4
            options["value"] = max_deg
            options["size"] = max(options["size"], 26)
            options["font"] = {"size": 18, "bold": True}
        net.nodes.append(
            Node(str(v), LEGEND.get(label, ("", "dot"))[1], label=short_label(attrs, str(v)), **options).options
        )
        net.node_ids.append(str(v))
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, data in g.edges(data=True):
        rel = data.get("type", "")
        key = (str(u), str(v), rel)
        if key not in edges:
            edges[key] = edge_options(u, v, rel, relation_title(rel, {"role": data.get("role")}))
        # a collapsed group stands in for its members: one edge per group, neighbour and type
        gu, gv = member_group.get(u), member_group.get(v)
        if (gu or gv) and gu != gv:
            for a, b in ((gu or u, v), (u, gv or v), (gu or u, gv or v)):
                if (a, b) != (u, v) and (str(a), str(b), rel) not in edges:
                    edges[(str(a), str(b), rel)] = edge_options(a, b, rel, rel_label_de(rel), aggregate=True)
    for gid, grp in groups.items():
        first = g.nodes[grp["members"][0]]
        names = sorted(caption(g.nodes[m], str(m)) for m in grp["members"])
        listing = names[:12] + ([f"… und {len(names) - 12} weitere"] if len(names) > 12 else [])
        title = "\n".join([grp["name"], "Doppelklick oder die Schaltfläche links klappt die Gruppe auf.", *listing])
        net.nodes.append(
            Node(
                gid,
                LEGEND.get(grp["label"], ("", "dot"))[1],
                label=grp["name"],
                title=title,
                color=colour(first),
                value=max(und_degree.get(m, 0) for m in grp["members"]),
                size=24,
                x=round(pos[gid][0], 1),
                y=round(pos[gid][1], 1),
                physics=False,
                borderWidth=3,
                group_type=grp["label"],
                kind=grp["kind"],
                states=sorted({s for m in grp["members"] for s in g.nodes[m].get("_states") or []}),
                topics=sorted({t for m in grp["members"] for t in g.nodes[m].get("_topics") or []}),
                members=[str(m) for m in grp["members"]],
                aggregate=True,
            ).options
        )
        net.node_ids.append(gid)
    net.edges.extend(edges.values())
    counts: dict[str, int] = {}
    for n in net.nodes:
        if not n.get("aggregate"):
            counts[n["group_type"]] = counts.get(n["group_type"], 0) + 1
    legend = []
    for label, (col, shape) in LEGEND.items():
        if label in kinds:
            legend.append({"type": label, "name": label_de(label), "colour": col, "shape": shape})
            legend[-1]["count"] = counts.get(label, 0)
            legend[-1]["kinds"] = [
                {"kind": k, "name": kind_name(k), "colour": KIND_COLOURS.get(k, "#ccc")}
                for k in sorted(kinds[label], key=kind_name)
            ]
    rel_counts: dict[str, int] = {}
    for e in edges.values():
        if not e.get("aggregate"):
            rel_counts[e["rel"]] = rel_counts.get(e["rel"], 0) + 1
    edge_legend = [
        {
            "rel": rel,
            "name": rel_label_de(rel),
            "colour": EDGE_STYLES.get(rel, EDGE_DEFAULT)[0],
            "dashed": EDGE_STYLES.get(rel, EDGE_DEFAULT)[1],
            "count": n,
        }
        for rel, n in sorted(rel_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    options = json.loads(json.dumps(OPTIONS))
    if g.number_of_nodes() > LABEL_ZOOM:
        # labels by zoom level: a label is drawn when its scaled font size reaches drawThreshold, so at the
        # overview zoom only the best-connected nodes are labelled and the rest appear when zooming in
        options["nodes"]["scaling"]["label"] = {"enabled": True, "min": 10, "max": 17, "drawThreshold": 7}
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": legend,
        "edge_legend": edge_legend,
        "groups": [{"id": gid, "name": grp["name"], "count": len(grp["members"])} for gid, grp in groups.items()],
        "communities": community_list(g),
        "states": sorted(states),
        "topics": sorted(topics),
        "options": options,
    }


def edge_options(u: Any, v: Any, rel: str, title: str, aggregate: bool = False) -> dict[str, Any]:
    colour_, dashed = EDGE_STYLES.get(rel, EDGE_DEFAULT)
    extra: dict[str, Any] = {"aggregate": True} if aggregate else {}
    return Edge(str(u), str(v), True, title=title, rel=rel, color={"color": colour_}, dashes=dashed, **extra).options


def collapsed_layout(
    g: nx.Graph, groups: Mapping[str, Any], member_group: Mapping[Any, str], seed: int = 7
) -> dict[Any, tuple[float, float]]:
    """Positions for a network drawn with its groups collapsed: the layout of the collapsed network (each group one
    node), every member on a small circle around its group's place (expanding a group lays it out anew)."""
    h = nx.Graph()
    h.add_nodes_from(member_group.get(v, v) for v in g.nodes)
    h.add_edges_from(
        (member_group.get(u, u), member_group.get(v, v))
        for u, v in g.edges()
        if member_group.get(u, u) != member_group.get(v, v)
    )
    pos = layout(h, seed=seed)
    for gid, grp in groups.items():
        cx, cy = pos[gid]
        n = len(grp["members"])
        for i, m in enumerate(grp["members"]):
            angle = 2 * math.pi * i / n
            pos[m] = (cx + 60 * math.cos(angle), cy + 60 * math.sin(angle))
    return pos


def aggregate_groups(g: nx.Graph, centre: Any) -> dict[str, dict[str, Any]]:
    """Groups of an ego network drawn collapsed: beyond ``AGGREGATE_NODES`` nodes, the nodes of one type (and,
    for organisations, one kind) other than the centre, if there are at least ``AGGREGATE_MIN`` of them.
    Group id -> ``{"label", "kind", "name" ("23 Unternehmen"), "members"}``."""
    if g.number_of_nodes() <= AGGREGATE_NODES:
        return {}
    by_key: dict[tuple[str, str], list[Any]] = {}
    for v, attrs in g.nodes(data=True):
        label = node_label(attrs)
        if v == centre or label not in AGGREGATE_LABELS:
            continue
        by_key.setdefault((label, str(attrs.get("kind") or "") if label == "Organization" else ""), []).append(v)
    groups = {}
    for (label, kind), members in sorted(by_key.items()):
        if len(members) < AGGREGATE_MIN:
            continue
        what = kind_label(kind, plural=True) if kind else plural_de(label)
        groups[f"gruppe:{label}:{kind}"] = {
            "label": label,
            "kind": kind or None,
            "name": f"{len(members)} {what}",
            "members": sorted(members, key=str),
        }
    return groups


def community_list(g: nx.Graph) -> list[dict[str, Any]]:
    """The communities of a network whose nodes carry ``_community`` (``overview_network``): number, size, name
    (its best-connected member, ``_community_name``) and colour."""
    members: dict[int, list[Any]] = {}
    for v, c in g.nodes(data="_community"):
        if c is not None:
            members.setdefault(c, []).append(v)
    out = []
    for c in sorted(members):
        name = g.nodes[members[c][0]].get("_community_name") or ""
        out.append({"id": c, "size": len(members[c]), "name": f"{c}: {short(name, 32)}", "colour": community_colour(c)})
    return out


def community_colour(c: int) -> str:
    return COMMUNITY_COLOURS[c - 1] if 1 <= c <= len(COMMUNITY_COLOURS) else COMMUNITY_OTHER


OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "width": 1},
    "nodes": {
        "font": {"size": 13, "face": "sans-serif"},
        "borderWidth": 1,
        "scaling": {"min": 8, "max": 30, "label": {"enabled": False}},
    },
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
    pos: Mapping[Any, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """What the ``_network.html`` partial needs to draw one network (served pages include it directly)."""
    centre = centre or g.graph.get("centre")
    data = network_data(g, quote_fn=quote_fn, link_pages=link_pages, centre=centre, pos=pos)
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
    pos: Mapping[Any, tuple[float, float]] | None = None,
) -> str:
    """A complete HTML page (UTF-8) showing the network with legend and filter panel.

    ``graph`` is a networkx graph or node-link data. ``standalone=True`` inlines vis-network, our script and
    our styles, so the single file works offline and when mailed around; otherwise the page links them under
    ``static_url`` (the explorer serves them). Node clicks open entity pages only when served."""
    g = graph if isinstance(graph, nx.Graph) else from_node_link(graph)
    if not isinstance(graph, nx.Graph):
        annotate(g)
    link = (not standalone) if link_pages is None else link_pages
    ctx = network_context(g, quote_fn=quote_fn, link_pages=link, centre=centre, height=height, pos=pos)
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


def overview_description(g: nx.Graph) -> str:
    """What the overview shows and what it leaves out, in German."""
    left = g.graph.get("left_out") or {}
    parts = [f"{n} {label_de(label) if n == 1 else plural_de(label)}" for label, n in sorted(left.items()) if n]
    text = (
        "Mitgliedschaften und Kooperationen; Gemeinschaften sind Gruppen eng verbundener Akteure (Louvain-Verfahren, "
        "wie auf der Seite der Vermittler), farbig wählbar und einzeln filterbar."
    )
    if parts:
        text += " Nicht gezeigt, weil die Dokumente keine Verbindung nennen: " + " und ".join(parts) + "."
    return text


# -- the standalone files of `industriegraph viz` ----------------------------------------------------------

EGO_COUNT = 5  # ego networks of the initiatives with most members
EGO_RADIUS = 2
EGO_LIMIT = 150
DRAWN_LIMIT = 1000  # nodes a drawing of ``viz`` shows at most: beyond that a browser draws a hairball, slowly


def readable(g: nx.MultiDiGraph, limit: int = DRAWN_LIMIT) -> tuple[nx.MultiDiGraph, str]:
    """``g`` cut to its ``limit`` best-connected nodes (degree in ``g``, ties by id) when it has more, and a German
    note saying what was left out; ``g`` itself and "" otherwise. The same rule as the overview's labels: the best
    connected nodes are what a person reads first (``LABEL_ZOOM``); drawing 9,000 nodes and 100,000 edges took
    minutes and shows nothing legible."""
    n = g.number_of_nodes()
    if n <= limit:
        return g, ""
    degree = dict(g.degree())
    sub = induced_subgraph(g, sorted(g.nodes, key=lambda v: (-degree[v], str(v)))[:limit])
    left: dict[str, int] = {}
    for v, a in g.nodes(data=True):
        if v not in sub:
            left[node_label(a)] = left.get(node_label(a), 0) + 1
    parts = [f"{k} {label_de(label) if k == 1 else plural_de(label)}" for label, k in sorted(left.items())]
    note = (
        f" Das Netz ist zu groß zum Zeichnen ({n} Knoten, {g.number_of_edges()} Verbindungen): gezeigt sind die "
        f"{limit} am besten vernetzten Knoten mit den Verbindungen zwischen ihnen; weggelassen: {' und '.join(parts)}."
    )
    return sub, note


def write_networks(
    graph, out: Path, ego_count: int = EGO_COUNT, progress: Callable[[str, int, int], None] | None = None
) -> list[dict[str, Any]]:
    """Write the organisation–initiative network, the IHK–union co-occurrence network, the policy-document
    network, ego networks of the ``ego_count`` initiatives with most members and an index.html into ``out``;
    returns what was written (file, title, nodes, edges). A network of more than ``DRAWN_LIMIT`` nodes is drawn
    cut to its best-connected nodes (``readable``). ``progress(text, done, total)`` hears of each step."""
    total = 6 + ego_count  # read, overview, then each drawing

    def tell(text: str, done: int) -> None:
        if progress:
            progress(text, done, total)

    out.mkdir(parents=True, exist_ok=True)
    tell("reading the graph", 0)
    full = full_network(graph)
    tell("the overview network", 1)
    ini, org = plural_de("Initiative"), plural_de("Organization")
    overview = overview_network(graph, full)
    networks = [
        (
            "organisationen-initiativen.html",
            f"Gesamtnetz: {org} und {ini} mit ihren Gemeinschaften",
            overview_description(overview),
            overview,
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
    for file, title, description, whole in networks:
        tell(f"drawing {file}", 3 + len(written))
        g, note = readable(whole)
        description += note
        pos = community_layout(g) if whole is overview else None
        html = render_network(g, title, description=description, quote_fn=graph.quote, standalone=True, pos=pos)
        (out / file).write_text(html, encoding="utf-8")
        edges = len({(u, v, t) for u, v, t in g.edges(data="type")})  # as drawn: one per pair and type
        written.append({"file": file, "title": title, "nodes": g.number_of_nodes(), "edges": edges})
    index = environment().get_template("viz_index.html").render(files=written, app_css=asset("style.css"))
    (out / "index.html").write_text(index, encoding="utf-8")
    return written
