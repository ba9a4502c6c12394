"""An idempotent Cypher script that loads the graph into a running Neo4j with ``cypher-shell -f FILE``.

Why a script and not the driver: it needs no Python on the Neo4j side, can be reviewed and versioned, and running it
twice gives the same graph. Constraints come first (``IF NOT EXISTS``); then, per label, ``UNWIND`` over literal
maps with ``MERGE`` on ``id`` and ``SET n = row`` (the script is authoritative for the node's properties); then, per
relationship type and label pair, ``MERGE`` on (start, end, type, the declared properties that are set) and
``SET r = row.props``. Every statement ends with ``;`` at the end of a line, which is how cypher-shell splits a file.

A relationship whose identifying properties are a subset of those of a sibling (same type and nodes) cannot be
merged exactly (``MERGE`` would match the sibling too); such rows are written as match-or-create with a ``WHERE``
that also requires the unset properties to be null.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from industriegraph.model.ddl import neo4j_constraints
from industriegraph.model.schema import NODES, RELS

BATCH = 250  # rows per UNWIND statement: few statements, each small enough for cypher-shell and the analyser
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')  # a regex, not a loop over characters (4x faster)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def cypher_string(text: str) -> str:
    """A double-quoted Cypher string literal; control characters escaped, everything else (umlauts) kept."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def cypher_name(name: str) -> str:
    return name if _IDENT.fullmatch(name) else "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value: string, integer, float, boolean, list, map (null entries dropped)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{cypher_name(k)}: {cypher_literal(v)}" for k, v in value.items() if v is not None)
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _unwind(rows: list[dict[str, Any]], body: list[str]) -> str:
    listed = ",\n".join(f"  {cypher_literal(r)}" for r in rows)
    return "\n".join(["UNWIND [", listed, "] AS row", *body])


def _batches(rows: list[Any]) -> list[list[Any]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def _by(items: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    """Items grouped by ``item[key]`` in one pass (not one pass over every item per label or type)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        out.setdefault(item[key], []).append(item)
    return out


def node_statements(data: dict[str, list[dict[str, Any]]]) -> list[str]:
    out = []
    by_label = _by(data["nodes"], "label")
    for spec in NODES:
        rows = sorted(
            ({"id": n["id"], **n["properties"]} for n in by_label.get(spec.label, [])),
            key=lambda r: r["id"],
        )
        body = [f"MERGE (n:{spec.label} {{id: row.id}})", "SET n = row"]
        out += [_unwind(batch, body) for batch in _batches(rows)]
    return out


def _keys(type_: str) -> list[str]:
    """Properties that identify a relationship next to its nodes: everything declared except evidence."""
    return [p.name for p in next(r for r in RELS if r.type == type_).props]


def _shadowed(row: dict[str, Any], siblings: list[dict[str, Any]], keys: list[str]) -> bool:
    """True when MERGE on row's set keys would also match a sibling relationship."""
    mine = {k: row["props"].get(k) for k in keys if row["props"].get(k) is not None}
    return any(s is not row and all(s["props"].get(k) == v for k, v in mine.items()) for s in siblings)


def rel_statements(data: dict[str, list[dict[str, Any]]]) -> list[str]:
    label_of = {n["id"]: n["label"] for n in data["nodes"]}
    by_type = _by(data["links"], "type")
    out = []
    for rel in RELS:
        keys = _keys(rel.type)
        rows = sorted(
            (
                {
                    "from": ln["source"],
                    "to": ln["target"],
                    "props": {k: v for k, v in ln["properties"].items() if v is not None},
                }
                for ln in by_type.get(rel.type, [])
            ),
            key=lambda r: (r["from"], r["to"], cypher_literal(r["props"])),
        )
        siblings: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in rows:
            siblings.setdefault((r["from"], r["to"]), []).append(r)
        groups: dict[tuple[str, str, tuple[str, ...], bool], list[dict[str, Any]]] = {}
        for r in rows:
            try:
                pair = (label_of[r["from"]], label_of[r["to"]])
            except KeyError as exc:
                raise ValueError(f"{rel.type} link refers to unknown node {exc.args[0]}") from None
            set_keys = tuple(k for k in keys if r["props"].get(k) is not None)
            exact = _shadowed(r, siblings[(r["from"], r["to"])], keys)
            groups.setdefault((*pair, set_keys, exact), []).append(r)
        for (src, dst, set_keys, exact), group in sorted(groups.items()):
            match = [f"MATCH (a:{src} {{id: row.from}})", f"MATCH (b:{dst} {{id: row.to}})"]
            if exact:
                conds = [f"old.{k} = row.props.{k}" if k in set_keys else f"old.{k} IS NULL" for k in keys]
                body = [
                    *match,
                    f"OPTIONAL MATCH (a)-[old:{rel.type}]->(b) WHERE " + " AND ".join(conds),
                    "WITH a, b, row, collect(old) AS found",
                    "FOREACH (r IN found | SET r = row.props)",
                    f"FOREACH (_ IN CASE WHEN size(found) = 0 THEN [1] ELSE [] END | "
                    f"CREATE (a)-[r:{rel.type}]->(b) SET r = row.props)",
                ]
            else:
                pattern = ", ".join(f"{k}: row.props.{k}" for k in set_keys)
                pattern = f" {{{pattern}}}" if pattern else ""
                body = [*match, f"MERGE (a)-[r:{rel.type}{pattern}]->(b)", "SET r = row.props"]
            out += [_unwind(batch, body) for batch in _batches(group)]
    return out


def statements(data: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every statement of the script, in order, without the terminating ``;``."""
    return [*neo4j_constraints(), *node_statements(data), *rel_statements(data)]


def script(data: dict[str, list[dict[str, Any]]]) -> str:
    head = (
        "// industriegraph: idempotent load script, generated by `industriegraph export cypher`.\n"
        "// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f THIS_FILE\n"
    )
    return head + "".join(f"\n{s};\n" for s in statements(data))


def split_script(text: str) -> list[str]:
    """The statements of a script written by ``script()`` (a statement ends with a line ending in ``;``)."""
    out, current = [], []
    for line in text.splitlines():
        if not current and (not line.strip() or line.startswith("//")):
            continue
        current.append(line)
        if line.endswith(";"):
            out.append("\n".join(current)[:-1])
            current = []
    if current:
        raise ValueError("script ends inside a statement (no terminating ';')")
    return out


def write_cypher(data: dict[str, list[dict[str, Any]]], path: str | os.PathLike) -> dict[str, int]:
    text = script(data)
    Path(path).write_text(text, encoding="utf-8")
    return {"statements": len(split_script(text)), "nodes": len(data["nodes"]), "links": len(data["links"])}


# -- the bulk path: straight from the Arrow tables, one label or relationship table at a time ------------------
def _prop_dicts(struct: Any, rows: Any, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The non-null properties of rows ``rows`` of an Arrow struct array (a node or relationship), in the field
    order ``graph.tables.node_items``/``link_items`` leave them."""
    import pyarrow as pa

    from industriegraph.graph.tables import pylist

    part = struct.take(pa.array(rows, type=pa.int64()))
    names = [f.name for f in part.type]
    keep = [(k, pylist(part.field(i))) for i, k in enumerate(names) if not k.startswith("_") and k not in skip]
    return [{k: c[r] for k, c in keep if c[r] is not None} for r in range(len(part))]


def _node_rows(table: Any) -> Iterator[list[dict[str, Any]]]:
    """A label's rows ``{id, **properties}`` by id, a batch at a time."""
    import pyarrow.compute as pc

    struct = table.column("n").combine_chunks()
    ids = struct.field([f.name for f in struct.type].index("id"))
    order = pc.sort_indices(ids).to_numpy()
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        id_list = ids.take(rows).to_pylist()
        yield [{"id": i, **p} for i, p in zip(id_list, _prop_dicts(struct, rows, ("id",)), strict=True)]


def _rel_batches(table: Any, keys: list[str]) -> Iterator[tuple[tuple[str, ...], bool, list[dict[str, Any]]]]:
    """A (type, start label, end label) table as ``rel_statements`` groups and orders it: per (set keys, exact) in
    sorted order, rows by (from, to, properties literal), ``BATCH`` rows at a time. Only rows that share their
    (from, to) with another are compared in Python (their literal order and whether MERGE would be ambiguous)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    n = table.num_rows
    source = table.column("source").combine_chunks()
    target = table.column("target").combine_chunks()
    struct = table.column("r").combine_chunks()
    names = [f.name for f in struct.type]
    order = np.array(
        pc.sort_indices(pa.table({"s": source, "t": target}), sort_keys=[("s", "ascending"), ("t", "ascending")])
    )
    code = np.zeros(n, dtype=np.int64)  # bit i: keys[i] is set
    for bit, k in enumerate(keys):
        if k in names:
            code |= np.asarray(struct.field(names.index(k)).is_valid(), dtype=np.int64) << bit
    exact = np.zeros(n, dtype=bool)
    if n > 1:
        s, t = source.take(order), target.take(order)
        same = pc.and_(pc.equal(s.slice(1), s.slice(0, n - 1)), pc.equal(t.slice(1), t.slice(0, n - 1)))
        same = same.to_numpy(zero_copy_only=False)
        if same.any():
            tied = np.flatnonzero(same)
            starts = tied[np.concatenate([[True], np.diff(tied) > 1])]
            ends = tied[np.concatenate([np.diff(tied) > 1, [True]])] + 2
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
                rows = order[a:b].copy()  # not a view: order[a:b] is rewritten below
                props = _prop_dicts(struct, rows)
                ranked = sorted(range(b - a), key=lambda i: cypher_literal(props[i]))
                order[a:b] = rows[ranked]
                siblings = [{"props": props[i]} for i in ranked]
                for r, row in zip(rows[ranked].tolist(), siblings, strict=True):
                    exact[r] = _shadowed(row, siblings, keys)
    groups = sorted(
        {(int(c), bool(e)) for c, e in zip(code.tolist(), exact.tolist(), strict=True)},
        key=lambda g: (tuple(k for i, k in enumerate(keys) if g[0] >> i & 1), g[1]),
    )
    for c, e in groups:
        rows_all = order[(code[order] == c) & (exact[order] == e)]
        set_keys = tuple(k for i, k in enumerate(keys) if c >> i & 1)
        for start in range(0, len(rows_all), BATCH):
            rows = rows_all[start : start + BATCH]
            idx = pa.array(rows, type=pa.int64())
            batch = [
                {"from": f, "to": t, "props": p}
                for f, t, p in zip(
                    source.take(idx).to_pylist(), target.take(idx).to_pylist(), _prop_dicts(struct, rows), strict=True
                )
            ]
            yield set_keys, e, batch


def _rel_body(rel_type: str, src: str, dst: str, keys: list[str], set_keys: tuple[str, ...], exact: bool) -> list[str]:
    match = [f"MATCH (a:{src} {{id: row.from}})", f"MATCH (b:{dst} {{id: row.to}})"]
    if exact:
        conds = [f"old.{k} = row.props.{k}" if k in set_keys else f"old.{k} IS NULL" for k in keys]
        return [
            *match,
            f"OPTIONAL MATCH (a)-[old:{rel_type}]->(b) WHERE " + " AND ".join(conds),
            "WITH a, b, row, collect(old) AS found",
            "FOREACH (r IN found | SET r = row.props)",
            f"FOREACH (_ IN CASE WHEN size(found) = 0 THEN [1] ELSE [] END | "
            f"CREATE (a)-[r:{rel_type}]->(b) SET r = row.props)",
        ]
    pattern = ", ".join(f"{k}: row.props.{k}" for k in set_keys)
    pattern = f" {{{pattern}}}" if pattern else ""
    return [*match, f"MERGE (a)-[r:{rel_type}{pattern}]->(b)", "SET r = row.props"]


def write_cypher_tables(graph: Any, path: str | os.PathLike, progress: Any = None) -> dict[str, int]:
    """``write_cypher`` byte for byte, read from the graph's Arrow tables one label or (type, start label, end
    label) at a time and written statement by statement: memory bounded by the largest table."""
    from industriegraph.graph.tables import rel_tables

    counts = {"statements": 0, "nodes": 0, "links": 0}
    rel_q = [(rel, src, dst) for rel in RELS for src, dst in sorted(set(rel.pairs))]
    total, done = len(NODES) + len(rel_q), 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            "// industriegraph: idempotent load script, generated by `industriegraph export cypher`.\n"
            "// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f THIS_FILE\n"
        )

        def emit(statement: str) -> None:
            out.write(f"\n{statement};\n")
            counts["statements"] += 1

        for s in neo4j_constraints():
            emit(s)
        for spec in NODES:
            if progress:
                progress(f"writing {spec.label} nodes", done, total)
            done += 1
            table = graph.cypher_arrow(f"MATCH (n:{spec.label}) RETURN n")
            if table.num_rows == 0:
                continue
            counts["nodes"] += table.num_rows
            body = [f"MERGE (n:{spec.label} {{id: row.id}})", "SET n = row"]
            for batch in _node_rows(table):
                emit(_unwind(batch, body))
        for rel, src, dst, table in rel_tables(graph, rel_q, progress, done, total):
            counts["links"] += table.num_rows
            keys = _keys(rel.type)
            for set_keys, exact, batch in _rel_batches(table, keys):
                emit(_unwind(batch, _rel_body(rel.type, src, dst, keys, set_keys, exact)))
    return counts
