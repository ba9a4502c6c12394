"""The one shape every store returns a node's or relationship's properties in."""

from __future__ import annotations

from typing import Any

from industriegraph.model.schema import NODES, RELS

_DECLARED = {n.label: [p.name for p in n.all_props] for n in NODES} | {
    r.type: [p.name for p in r.all_props] for r in RELS
}


def in_declared_order(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's or relationship's properties without nulls, in the order the schema declares them (others after,
    sorted), so that every engine returns the same dict in the same order (Ladybug returns its table's column order,
    Neo4j its storage order)."""
    names = _DECLARED.get(label, [])
    out = {k: props[k] for k in names if props.get(k) is not None}
    out.update((k, props[k]) for k in sorted(props) if k not in out and props[k] is not None)
    return out
