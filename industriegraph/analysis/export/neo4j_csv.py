"""Neo4j bulk-import CSV files and the ``neo4j-admin database import full`` command that loads them.

Why a separate export: ``neo4j-admin database import`` loads millions of nodes offline far faster than Cypher, but
only from CSV files whose header line declares each column. The format follows the Neo4j Operations Manual
(docs-operations, ``modules/ROOT/pages/import/header-format.adoc`` and ``import/full-import.adoc``, read 2026):

- Each header field is ``<name>:<field_type>``; without a type a property column is ``string``. Property types are
  ``int, long, float, double, boolean, byte, short, char, string, point, date, localtime, time, localdatetime,
  datetime, duration, vector``; an array type appends ``[]`` and its values are split on ``--array-delimiter``
  (default ``;``). Empty arrays are not imported (they cannot be told apart from null).
- Node files: ``<name>:ID(<ID space>)`` stores the id in property ``<name>``; ``:LABEL`` holds one or more labels.
  Relationship files: ``:START_ID(<space>)``, ``:END_ID(<space>)`` and ``:TYPE`` (these take no name).
- Quoting per RFC 4180: ``"`` doubled inside a quoted value (backslash escapes are not understood); a value with a
  line break needs ``--multiline-fields=true``.
- Command: ``neo4j-admin database import full <database> --nodes=[<label>=]<files> --relationships=[<type>=]<files>
  --array-delimiter=<char> --overwrite-destination`` (since 5.19 the database name must precede the file options;
  ``<char>`` may be ``U+XXXX``).

Each label gets its own ID space (``Organization-ID`` …) so relationship files say which label an id refers to.
The schema declaration (``industriegraph.model.schema``) decides the columns and their types.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from industriegraph.model.ddl import neo4j_constraints
from industriegraph.model.schema import INT, LIST, NODE_BY_LABEL, NODES, REL_BY_TYPE, RELS, Prop

# ';' is Neo4j's default; the others are used only when list values contain it (some goals contain ';' and '|').
ARRAY_DELIMITERS = (";", "|", "\x1f")
CSV_TYPE = {INT: "long", LIST: "string[]"}  # STRING: no suffix (the documented default, string)


def id_space(label: str) -> str:
    return f"{label}-ID"


def _typed(prop: Prop) -> str:
    suffix = CSV_TYPE.get(prop.type)
    return f"{prop.name}:{suffix}" if suffix else prop.name


def node_header(label: str) -> list[str]:
    """``id:ID(Label-ID)``, the declared properties with their import types, then ``:LABEL``."""
    props = [p for p in NODE_BY_LABEL[label].all_props if p.name != "id"]
    return [f"id:ID({id_space(label)})", *(_typed(p) for p in props), ":LABEL"]


def rel_header(type_: str, src: str, dst: str) -> list[str]:
    props = REL_BY_TYPE[type_].all_props
    return [f":START_ID({id_space(src)})", f":END_ID({id_space(dst)})", ":TYPE", *(_typed(p) for p in props)]


def node_file(label: str) -> str:
    return f"{label}.csv"


def rel_file(type_: str, src: str, dst: str) -> str:
    return f"{type_}-{src}-{dst}.csv"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(value: Any, prop_type: str, array_delimiter: str) -> str:
    """One CSV field: null and empty lists as an empty unquoted field, integers bare, text always quoted."""
    if value is None or value == []:
        return ""
    if prop_type == LIST:
        return _quote(array_delimiter.join(str(v) for v in value))
    if prop_type == INT:
        return str(int(value))
    return _quote(str(value))


def choose_array_delimiter(data: dict[str, list[dict[str, Any]]]) -> str:
    """The first candidate delimiter that occurs in no list element (else lists would be split apart)."""
    used: set[str] = set()
    for item in [*data["nodes"], *data["links"]]:
        for value in item["properties"].values():
            if isinstance(value, list):
                for v in value:
                    text = str(v)
                    used.update(d for d in ARRAY_DELIMITERS if d in text)
    for candidate in ARRAY_DELIMITERS:
        if candidate not in used:
            return candidate
    raise ValueError("every candidate array delimiter occurs in list values; cannot write neo4j-admin CSV")


def delimiter_option(delimiter: str) -> str:
    """``--array-delimiter`` as the manual documents it: a printable ASCII character, else ``U+XXXX``."""
    value = delimiter if delimiter.isascii() and delimiter.isprintable() else f"U+{ord(delimiter):04X}"
    return f"--array-delimiter={value}"


@dataclass
class Neo4jCsvExport:
    """What was written: file names (relative to ``directory``) and the import command."""

    directory: Path
    node_files: dict[str, str] = field(default_factory=dict)  # label -> file
    rel_files: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (type, src, dst) -> file
    counts: dict[str, int] = field(default_factory=dict)  # file -> data rows
    array_delimiter: str = ";"
    multiline: bool = False
    database: str = "neo4j"

    @property
    def arguments(self) -> list[str]:
        args = ["neo4j-admin", "database", "import", "full", self.database, "--overwrite-destination"]
        args.append(delimiter_option(self.array_delimiter))
        if self.multiline:
            args.append("--multiline-fields=true")
        args += [f"--nodes={label}={name}" for label, name in self.node_files.items()]
        args += [f"--relationships={key[0]}={name}" for key, name in self.rel_files.items()]
        return args

    @property
    def command(self) -> str:
        """The import command, to run from ``directory`` (file paths are relative to it)."""
        return shlex.join(self.arguments)


def write_neo4j_csv(
    data: dict[str, list[dict[str, Any]]], directory: str | os.PathLike, database: str = "neo4j"
) -> Neo4jCsvExport:
    """Write one node file per label, one relationship file per (type, start label, end label), ``import.sh``
    and ``constraints.cypher`` into ``directory``; ``data`` is ``Graph.node_link()``."""
    out = Neo4jCsvExport(Path(directory), database=database)
    out.directory.mkdir(parents=True, exist_ok=True)
    out.array_delimiter = delim = choose_array_delimiter(data)
    label_of = {n["id"]: n["label"] for n in data["nodes"]}

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        text = "".join(",".join(cells) + "\n" for cells in [header, *rows])
        out.multiline = out.multiline or any("\n" in c or "\r" in c for cells in rows for c in cells)
        (out.directory / name).write_text(text, encoding="utf-8", newline="")
        out.counts[name] = len(rows)

    by_type: dict[str, list[dict[str, Any]]] = {}
    for link in data["links"]:  # one pass, not one per type
        by_type.setdefault(link["type"], []).append(link)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for n in data["nodes"]:
        by_label.setdefault(n["label"], []).append(n)
    for spec in NODES:
        nodes = sorted(by_label.get(spec.label, []), key=lambda n: n["id"])
        if not nodes:
            continue
        props = [p for p in spec.all_props if p.name != "id"]
        rows = [
            [_quote(n["id"]), *(_cell(n["properties"].get(p.name), p.type, delim) for p in props), _quote(spec.label)]
            for n in nodes
        ]
        out.node_files[spec.label] = node_file(spec.label)
        write(node_file(spec.label), node_header(spec.label), rows)

    for rel in RELS:
        by_pair: dict[tuple[str, str], list[list[str]]] = {}
        for link in by_type.get(rel.type, []):
            try:
                pair = (label_of[link["source"]], label_of[link["target"]])
            except KeyError as exc:
                raise ValueError(f"{rel.type} link refers to unknown node {exc.args[0]}") from None
            cells = [_quote(link["source"]), _quote(link["target"]), _quote(rel.type)]
            cells += [_cell(link["properties"].get(p.name), p.type, delim) for p in rel.all_props]
            by_pair.setdefault(pair, []).append(cells)
        for (src, dst), rows in sorted(by_pair.items()):
            name = rel_file(rel.type, src, dst)
            out.rel_files[(rel.type, src, dst)] = name
            write(name, rel_header(rel.type, src, dst), sorted(rows))

    (out.directory / "constraints.cypher").write_text("".join(f"{s};\n" for s in neo4j_constraints()), encoding="utf-8")
    script = out.directory / "import.sh"
    script.write_text(import_script(out), encoding="utf-8")
    script.chmod(0o755)
    return out


def import_script(export: Neo4jCsvExport) -> str:
    """A shell script that runs the import from its own folder (override the binary with $NEO4J_ADMIN)."""
    args = export.arguments
    lines = [f'"${{NEO4J_ADMIN:-{args[0]}}}" {shlex.join(args[1:5])}'] + [f"  {shlex.quote(a)}" for a in args[5:]]
    return (
        "#!/bin/sh\n"
        "# Generated by `industriegraph export neo4j-csv`. Stop the DBMS (or use a new database) first: the import\n"
        "# replaces the database. Afterwards start Neo4j (CREATE DATABASE for a new name) and create the uniqueness\n"
        "# constraints and indexes: cypher-shell -f constraints.cypher\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n' + " \\\n".join(lines) + "\n"
    )


# -- the bulk path: straight from the Arrow tables, one label or relationship table at a time ------------------
_BELOW_QUOTE = r'[\x00-"]'  # ids with such characters sort differently quoted than raw (see _sorted_rows)


def _list_delimiters_used(struct: Any) -> set[str]:
    """The candidate delimiters that occur in an element of a list field of ``struct`` (an Arrow struct array)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    used: set[str] = set()
    for i, f in enumerate(struct.type):
        if not pa.types.is_list(f.type) and not pa.types.is_large_list(f.type):
            continue
        flat = pc.list_flatten(struct.field(i))
        if not pa.types.is_string(flat.type):
            flat = pc.cast(flat, pa.string())
        used.update(d for d in ARRAY_DELIMITERS if pc.any(pc.match_substring(flat, d)).as_py())
    return used


def _field(struct: Any, name: str) -> list | None:
    """A struct field as a Python list (``None`` when the table has no such field)."""
    from industriegraph.graph.tables import pylist

    names = [f.name for f in struct.type]
    return pylist(struct.field(names.index(name))) if name in names else None


def _rows_text(cells: list[list[str]], out: Neo4jCsvExport) -> str:
    lines = [",".join(c) for c in cells]
    out.multiline = out.multiline or any("\n" in ln or "\r" in ln for ln in lines)
    return "".join(ln + "\n" for ln in lines)


def write_neo4j_csv_tables(
    graph: Any, directory: str | os.PathLike, database: str = "neo4j", progress: Any = None
) -> Neo4jCsvExport:
    """``write_neo4j_csv`` byte for byte, read from the graph's Arrow tables one label or (type, start label, end
    label) at a time and written as it goes: memory bounded by the largest table, not the whole graph in dicts.
    A first pass over the list columns chooses the array delimiter (it appears in ``import.sh`` only, but every
    list cell needs it)."""
    import pyarrow.compute as pc

    from industriegraph.graph.tables import CHUNK, rel_table, rel_tables

    out = Neo4jCsvExport(Path(directory), database=database)
    out.directory.mkdir(parents=True, exist_ok=True)
    node_q = [(spec, f"MATCH (n:{spec.label}) RETURN n") for spec in NODES]
    rel_q = [(rel, src, dst) for rel in RELS for src, dst in sorted(set(rel.pairs))]
    total = 2 * (len(node_q) + len(rel_q))
    used: set[str] = set()
    tables = [lambda q=q: graph.cypher_arrow(q).rename_columns(["r"]) for _, q in node_q]
    tables += [lambda r=r, a=a, b=b: rel_table(graph, r.type, a, b).select(["r"]) for r, a, b in rel_q]
    for done, read in enumerate(tables):
        if progress:
            progress("choosing the array delimiter", done, total)
        table = read()
        if table.num_rows:
            used |= _list_delimiters_used(table.column("r").combine_chunks())
    delim = next((d for d in ARRAY_DELIMITERS if d not in used), None)
    if delim is None:
        raise ValueError("every candidate array delimiter occurs in list values; cannot write neo4j-admin CSV")
    out.array_delimiter = delim
    done = total // 2

    for spec, query in node_q:
        if progress:
            progress(f"writing {spec.label} nodes", done, total)
        done += 1
        table = graph.cypher_arrow(query)
        if table.num_rows == 0:
            continue
        struct = table.column("n").combine_chunks()
        struct = struct.take(pc.sort_indices(struct.field([f.name for f in struct.type].index("id"))))
        props = [p for p in spec.all_props if p.name != "id"]
        name = node_file(spec.label)
        out.node_files[spec.label] = name
        label = _quote(spec.label)
        with open(out.directory / name, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(node_header(spec.label)) + "\n")
            for start in range(0, len(struct), CHUNK):
                part = struct.slice(start, CHUNK)
                ids = _field(part, "id") or []
                cols = [_field(part, p.name) or [None] * len(ids) for p in props]
                cells = [
                    [_quote(i), *(_cell(c[k], p.type, delim) for c, p in zip(cols, props, strict=True)), label]
                    for k, i in enumerate(ids)
                ]
                f.write(_rows_text(cells, out))
        out.counts[name] = len(struct)

    for rel, src, dst, table in rel_tables(graph, rel_q, progress, done, total):
        name = rel_file(rel.type, src, dst)
        out.rel_files[(rel.type, src, dst)] = name
        with open(out.directory / name, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(rel_header(rel.type, src, dst)) + "\n")
            for cells in _sorted_rel_rows(table, rel, delim):
                f.write(_rows_text(cells, out))
        out.counts[name] = table.num_rows

    (out.directory / "constraints.cypher").write_text("".join(f"{s};\n" for s in neo4j_constraints()), encoding="utf-8")
    script = out.directory / "import.sh"
    script.write_text(import_script(out), encoding="utf-8")
    script.chmod(0o755)
    return out


def _sorted_rel_rows(table: Any, rel: Any, delim: str) -> Any:
    """The cells of a relationship table's rows in ``sorted(rows)`` order, a chunk at a time.

    Rows are sorted as Arrow by (source, target), which is the order of their quoted cells unless an id holds a
    character at or below ``"`` (then every row is sorted in Python); rows that tie on both are sorted by their
    cells in Python."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from industriegraph.graph.tables import CHUNK

    n = table.num_rows
    source = table.column("source").combine_chunks()
    target = table.column("target").combine_chunks()
    struct = table.column("r").combine_chunks()
    kind = _quote(rel.type)

    def cells(rows: Any) -> list[list[str]]:
        idx = pa.array(rows, type=pa.int64())
        part = struct.take(idx)
        src, dst = source.take(idx).to_pylist(), target.take(idx).to_pylist()
        cols = [_field(part, p.name) or [None] * len(src) for p in rel.all_props]
        return [
            [
                _quote(s),
                _quote(t),
                kind,
                *(_cell(c[k], p.type, delim) for c, p in zip(cols, rel.all_props, strict=True)),
            ]
            for k, (s, t) in enumerate(zip(src, dst, strict=True))
        ]

    odd = any(pc.any(pc.match_substring_regex(c, _BELOW_QUOTE)).as_py() for c in (source, target))
    if odd:
        yield sorted(cells(np.arange(n)))
        return
    order = pc.sort_indices(pa.table({"s": source, "t": target}), sort_keys=[("s", "ascending"), ("t", "ascending")])
    order_np = np.array(order.to_numpy())
    s_sorted, t_sorted = source.take(order), target.take(order)
    same = (
        pc.and_(
            pc.equal(s_sorted.slice(1), s_sorted.slice(0, n - 1)), pc.equal(t_sorted.slice(1), t_sorted.slice(0, n - 1))
        ).to_numpy(zero_copy_only=False)
        if n > 1
        else np.zeros(0, dtype=bool)
    )
    if same.any():
        tied = np.flatnonzero(same)
        starts = tied[np.concatenate([[True], np.diff(tied) > 1])]
        ends = tied[np.concatenate([np.diff(tied) > 1, [True]])] + 2
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            rows = order_np[a:b].copy()
            ranked = sorted(range(b - a), key=cells(rows).__getitem__)
            order_np[a:b] = rows[ranked]
    for start in range(0, n, CHUNK):
        yield cells(order_np[start : start + CHUNK])
