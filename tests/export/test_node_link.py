"""The bulk node-link path (Arrow tables, JSON written item by item) against the row path and ``json.dumps``."""

from __future__ import annotations

import json

import pytest

from industriegraph.graph import tables


def test_arrow_node_link_equals_the_row_path(graph):
    bulk, rows = graph.node_link(), graph.node_link_rows()
    assert len(bulk["nodes"]) == 447 and len(bulk["links"]) == 1820
    assert bulk == rows
    # the same order, not only the same items (the order is part of every export)
    assert [(n["id"]) for n in bulk["nodes"]] == [n["id"] for n in rows["nodes"]]
    assert [json.dumps(ln) for ln in bulk["links"]] == [json.dumps(ln) for ln in rows["links"]]


def test_export_json_is_byte_identical_to_json_dumps(graph, tmp_path):
    out = tmp_path / "graph.json"
    seen = []
    assert graph.export_json(out, lambda text, done, total: seen.append((done, total))) == {
        "nodes": 447,
        "links": 1820,
    }
    expected = json.dumps(graph.node_link_rows(), ensure_ascii=False, indent=1, sort_keys=True)
    assert out.read_text(encoding="utf-8") == expected
    assert seen and all(done <= total for done, total in seen)


@pytest.mark.parametrize(
    "item",
    [
        {"id": "x:1", "label": "L", "properties": {}},
        {"source": "a", "target": "b", "type": "T", "properties": {"evidence": [], "n": 0}},
        {
            "id": 'q"\\\n\r\t\b\f\x01\x7fü€😀',
            "label": "L",
            "properties": {"z": ["a", "b\nc"], "a": -12, "nested": {"k": [1, None, True]}, "f": 1.5e16, "b": False},
        },
    ],
)
def test_item_json_writes_what_json_dumps_writes(item):
    whole = json.dumps({"nodes": [item]}, ensure_ascii=False, indent=1, sort_keys=True)
    assert whole == '{\n "nodes": [\n' + tables.item_json(item) + "\n ]\n}"


def test_an_empty_graph_document(tmp_path):
    import io

    buf = io.BytesIO()
    tables.write_node_link_json(buf, [], iter(()), 0, None)
    assert buf.getvalue().decode() == json.dumps({"nodes": [], "links": []}, indent=1, sort_keys=True)


def test_to_networkx_from_arrow_equals_the_row_path(graph):
    from industriegraph.graph import networks

    bulk = graph.to_networkx()
    rows = networks.to_networkx(graph.nodes(), graph.relationships())
    assert list(bulk.nodes(data=True)) == list(rows.nodes(data=True))
    assert list(bulk.edges(keys=True, data=True)) == list(rows.edges(keys=True, data=True))
    # attribute order too (GEXF and the drawings follow it)
    assert [list(a) for _, a in bulk.nodes(data=True)] == [list(a) for _, a in rows.nodes(data=True)]
