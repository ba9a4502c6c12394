"""GEXF for Gephi: every node and relationship with all its properties as attributes.

Why these choices: GEXF has no list type, so lists (aliases, goals, evidence) become one string joined with
``LIST_SEPARATOR``. The node ``label`` is the display name (what Gephi shows) and the attribute ``type`` the node
label (Initiative, Organization …), for partitioning and filtering. On edges GEXF reserves ``type`` for the
direction (directed/undirected/mutual), so the relationship type is the edge ``label`` and the attribute
``relationship``. An attribute whose values have different Python types across nodes is written as text, because
GEXF declares one type per attribute.
"""

from __future__ import annotations

import os
from typing import Any
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # what nx.write_gexf escapes with

import networkx as nx

from industriegraph.model.schema import NODE_BY_LABEL

LIST_SEPARATOR = "; "
NODE_RESERVED = ("id", "label", "type", "pid", "start", "end", "viz", "spells")
EDGE_RESERVED = ("id", "label", "type", "weight", "key", "start", "end", "viz", "spells", "relationship")


def _flat(value: Any) -> Any:
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list | tuple) else value


def _attributes(props: dict[str, Any], reserved: tuple[str, ...]) -> dict[str, Any]:
    """Properties as GEXF attributes; one that collides with a GEXF field is kept under ``property_<name>``."""
    return {(f"property_{k}" if k in reserved else k): _flat(v) for k, v in props.items() if v is not None}


def _uniform_types(items: list[dict[str, Any]]) -> None:
    """Turn attributes with mixed value types into text (in place)."""
    types: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            types.setdefault(k, set()).add(type(v))
    mixed = {k for k, ts in types.items() if len(ts) > 1}
    for attrs in items:
        for k in mixed & attrs.keys():
            attrs[k] = str(attrs[k])


def gexf_graph(data: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """A networkx graph shaped for GEXF from ``Graph.node_link()`` data."""
    g = nx.MultiDiGraph()
    node_attrs = []
    for n in data["nodes"]:
        attrs = _attributes(n["properties"], NODE_RESERVED)
        spec = NODE_BY_LABEL.get(n["label"])
        shown = n["properties"].get(spec.display) if spec else n["properties"].get("name")
        attrs["label"] = str(shown if shown is not None else n["id"])
        attrs["type"] = n["label"]
        node_attrs.append((n["id"], attrs))
    edge_attrs = []
    for i, link in enumerate(data["links"]):
        attrs = _attributes(link["properties"], EDGE_RESERVED)
        attrs.update(label=link["type"], relationship=link["type"])
        edge_attrs.append((link["source"], link["target"], f"e{i}", attrs))
    _uniform_types([a for _, a in node_attrs])
    _uniform_types([a for *_, a in edge_attrs])
    g.add_nodes_from(node_attrs)
    for u, v, key, attrs in edge_attrs:
        g.add_edge(u, v, key=key, id=key, **attrs)
    return g


def write_gexf(data: dict[str, list[dict[str, Any]]], path: str | os.PathLike) -> dict[str, int]:
    g = gexf_graph(data)
    nx.write_gexf(g, path, encoding="utf-8", prettyprint=True, version="1.2draft")
    return {"nodes": g.number_of_nodes(), "links": g.number_of_edges()}


# -- the bulk path: written as it goes, byte for byte what nx.write_gexf writes for gexf_graph() ---------------
_XML_TYPE = {int: "long", float: "double", bool: "boolean", str: "string"}  # networkx's xml_type for these


def _node_attrs(n: dict[str, Any]) -> dict[str, Any]:
    """What ``gexf_graph`` stores on a node, less the ``label`` networkx writes as the element's own attribute."""
    attrs = _attributes(n["properties"], NODE_RESERVED)
    attrs.pop("label", None)
    attrs["type"] = n["label"]
    return attrs


def _node_label(n: dict[str, Any]) -> str:
    spec = NODE_BY_LABEL.get(n["label"])
    shown = n["properties"].get(spec.display) if spec else n["properties"].get("name")
    return str(shown if shown is not None else n["id"])


def _edge_attrs(link: dict[str, Any], key: str) -> dict[str, Any]:
    """What networkx writes as an edge's attvalues: the properties, ``relationship``, then its key."""
    attrs = _attributes(link["properties"], EDGE_RESERVED)
    attrs.pop("label", None)
    attrs["relationship"] = link["type"]
    attrs["networkx_key"] = key
    return attrs


class _Declared:
    """Attribute titles in the order networkx meets them, with the Python types of their values."""

    def __init__(self) -> None:
        self.types: dict[str, set[type]] = {}

    def see(self, attrs: dict[str, Any]) -> None:
        for k, v in attrs.items():
            ts = self.types.get(k)
            if ts is None:
                self.types[k] = {type(v)}
            elif type(v) not in ts:
                ts.add(type(v))

    def ids(self, first: int) -> dict[str, tuple[str, bool]]:
        """title -> (attribute id, mixed: written as text)."""
        return {k: (str(first + i), len(ts) > 1) for i, (k, ts) in enumerate(self.types.items())}

    def declaration(self, first: int, cls: str) -> str:
        rows = "".join(
            f'      <attribute id="{first + i}" title="{_escape_attrib(k)}" type="{self._type(ts)}" />\n'
            for i, (k, ts) in enumerate(self.types.items())
        )
        return f'    <attributes mode="static" class="{cls}">\n{rows}    </attributes>\n'

    @staticmethod
    def _type(ts: set[type]) -> str:
        return "string" if len(ts) > 1 else _XML_TYPE[next(iter(ts))]


def _value(v: Any, mixed: bool) -> str:
    """An attvalue as networkx writes it (after ``_uniform_types`` made a mixed attribute text)."""
    if mixed or isinstance(v, str):
        return _escape_attrib(str(v))
    if isinstance(v, bool):
        return "true" if v else "false"
    text = str(v)
    if isinstance(v, float):
        text = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(text, text)
    return _escape_attrib(text)


def _attvalues(attrs: dict[str, Any], ids: dict[str, tuple[str, bool]], pad: str) -> str:
    rows = "".join(f'{pad}  <attvalue for="{ids[k][0]}" value="{_value(v, ids[k][1])}" />\n' for k, v in attrs.items())
    return f"{pad}<attvalues>\n{rows}{pad}</attvalues>\n"


def _edge_positions(order: Any) -> Any:
    """The order networkx writes the edges of a MultiDiGraph built in ``node_link()`` order: by source, then the
    targets in the order of their first link from that source, then the links."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(order.row)
    pos = np.arange(n, dtype=np.int64)
    by_pair = pc.sort_indices(
        pa.table({"s": order.sources, "t": order.targets, "i": pos}),
        sort_keys=[("s", "ascending"), ("t", "ascending"), ("i", "ascending")],
    ).to_numpy()
    s, t = order.sources.take(by_pair), order.targets.take(by_pair)
    new = np.ones(n, dtype=bool)
    if n > 1:
        same = pc.and_(pc.equal(s.slice(1), s.slice(0, n - 1)), pc.equal(t.slice(1), t.slice(0, n - 1)))
        new[1:] = ~same.to_numpy(zero_copy_only=False)
    first = by_pair[np.maximum.accumulate(np.where(new, np.arange(n), 0))]  # first position of each link's pair
    pair_first = np.empty(n, dtype=np.int64)
    pair_first[by_pair] = first
    return np.lexsort((pos, pair_first))


def write_gexf_tables(graph: Any, path: str | os.PathLike, progress: Any = None) -> dict[str, int]:
    """``write_gexf`` byte for byte from the graph's Arrow tables, without networkx and ElementTree holding the
    whole graph: GEXF declares every attribute before the first node, so a first pass collects the attribute
    titles and value types of nodes and edges and a second writes them. The links stay Arrow columns and are
    turned into dicts a chunk at a time (twice)."""
    import time

    from industriegraph.graph import tables

    nodes = tables.node_items(graph, progress)
    order = tables.link_order(graph, progress)
    positions = _edge_positions(order) if order is not None else None
    n_links = 0 if order is None else len(order.row)
    node_decl, edge_decl = _Declared(), _Declared()
    for n in nodes:
        node_decl.see(_node_attrs(n))
    if order is not None:
        for done, (i, link) in enumerate(zip(positions.tolist(), order.items(positions), strict=True)):
            edge_decl.see(_edge_attrs(link, f"e{i}"))
            if progress and done % tables.CHUNK == 0:
                progress("declaring GEXF attributes", done, n_links)
    node_ids = node_decl.ids(0)
    edge_ids = edge_decl.ids(len(node_ids))
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="\n") as out:
        out.write(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
            f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
            f"    <creator>NetworkX {_escape_cdata(nx.__version__)}</creator>\n"
            "  </meta>\n"
            '  <graph defaultedgetype="directed" mode="static" name="">\n'
        )
        if edge_ids:
            out.write(edge_decl.declaration(len(node_ids), "edge"))
        if node_ids:
            out.write(node_decl.declaration(0, "node"))
        out.write("    <nodes>\n" if nodes else "    <nodes />\n")
        buf: list[str] = []
        for n in nodes:
            attrs = _node_attrs(n)
            head = f'      <node id="{_escape_attrib(str(n["id"]))}" label="{_escape_attrib(_node_label(n))}"'
            buf.append(
                f"{head}>\n{_attvalues(attrs, node_ids, '        ')}      </node>\n" if attrs else f"{head} />\n"
            )
            if len(buf) >= tables.CHUNK:
                out.write("".join(buf))
                buf = []
        out.write("".join(buf))
        if nodes:
            out.write("    </nodes>\n")
        if order is None:
            out.write("    <edges />\n")
        else:
            out.write("    <edges>\n")
            buf = []
            for done, (i, link) in enumerate(zip(positions.tolist(), order.items(positions), strict=True)):
                attrs = _edge_attrs(link, f"e{i}")
                buf.append(
                    f'      <edge source="{_escape_attrib(str(link["source"]))}" '
                    f'target="{_escape_attrib(str(link["target"]))}" id="e{i}" '
                    f'label="{_escape_attrib(str(link["type"]))}">\n'
                    f"{_attvalues(attrs, edge_ids, '        ')}      </edge>\n"
                )
                if len(buf) >= tables.CHUNK:
                    out.write("".join(buf))
                    buf = []
                    if progress:
                        progress("writing GEXF edges", done, n_links)
            out.write("".join(buf))
            out.write("    </edges>\n")
        out.write("  </graph>\n</gexf>\n")
    return {"nodes": len(nodes), "links": n_links}
