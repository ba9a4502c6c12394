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
