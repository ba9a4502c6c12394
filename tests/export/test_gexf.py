"""GEXF for Gephi: networkx reads it back with every node and edge and every attribute."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
from typer.testing import CliRunner

import industriegraph.cli.export  # noqa: F401  (registers the export commands)
from industriegraph.analysis.export.gexf import LIST_SEPARATOR, gexf_graph, write_gexf
from industriegraph.cli.main import app


def expected_attr(value):
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


@pytest.fixture(scope="module")
def read_back(graph, tmp_path_factory):
    data = graph.node_link()
    path = tmp_path_factory.mktemp("gexf") / "industriegraph.gexf"
    assert write_gexf(data, path) == {"nodes": 447, "links": 1820}
    return data, nx.read_gexf(path)


def test_every_node_attribute_is_read_back(read_back):
    data, g = read_back
    assert g.number_of_nodes() == len(data["nodes"]) == 447
    for n in data["nodes"]:
        attrs = g.nodes[n["id"]]
        assert attrs["type"] == n["label"]
        for key, value in n["properties"].items():
            if value is None:
                continue
            assert attrs[key] == expected_attr(value), (n["id"], key)
    hh = next(n for n in data["nodes"] if n["properties"].get("name") == "Handelskammer Hamburg")
    assert g.nodes[hh["id"]]["label"] == "Handelskammer Hamburg"
    assert g.nodes[hh["id"]]["type"] == "Organization"
    topic = next(n for n in data["nodes"] if n["label"] == "Topic")
    assert g.nodes[topic["id"]]["label"] == topic["properties"]["label"]
    measure = next(n for n in data["nodes"] if n["label"] == "Measure")
    assert g.nodes[measure["id"]]["label"] == measure["properties"]["text"]
    assert isinstance(g.nodes[measure["id"]]["number"], int)


def test_every_edge_and_its_attributes_are_read_back(read_back):
    data, g = read_back
    assert g.is_directed() and g.is_multigraph()
    got = Counter()
    for u, v, attrs in g.edges(data=True):
        assert attrs["label"] == attrs["relationship"]
        props = {k: a for k, a in attrs.items() if k not in ("label", "relationship", "id", "networkx_key")}
        got[repr((u, v, attrs["relationship"], sorted(props.items())))] += 1
    expected = Counter(
        repr(
            (
                ln["source"],
                ln["target"],
                ln["type"],
                sorted((k, expected_attr(x)) for k, x in ln["properties"].items() if x is not None),
            )
        )
        for ln in data["links"]
    )
    assert got == expected
    assert sum(got.values()) == 1820


def test_reserved_names_and_mixed_types_survive(tmp_path):
    data = {
        "nodes": [
            {"id": "a", "label": "Organization", "properties": {"name": 'Ä "q" & <x>', "id": "x", "year": 2020}},
            {"id": "b", "label": "Strategy", "properties": {"title": "B", "year": "2021/22", "aliases": ["p", "q"]}},
        ],
        "links": [{"source": "a", "target": "b", "type": "PARTNER_OF", "properties": {"type": "odd", "weight": 3}}],
    }
    g = gexf_graph(data)
    assert g.nodes["a"]["property_id"] == "x" and g.nodes["a"]["year"] == "2020"  # mixed int/str -> text
    path = tmp_path / "g.gexf"
    write_gexf(data, path)
    back = nx.read_gexf(path)
    assert back.nodes["a"]["label"] == 'Ä "q" & <x>' and back.nodes["b"]["aliases"] == "p; q"
    [(_, _, edge)] = back.edges(data=True)
    assert (edge["relationship"], edge["property_type"], edge["property_weight"]) == ("PARTNER_OF", "odd", 3)


def test_cli_writes_gexf(built_db, tmp_path):
    out = tmp_path / "g.gexf"
    result = CliRunner().invoke(app, ["export", "gexf", str(out), "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(out).number_of_nodes() == 447
