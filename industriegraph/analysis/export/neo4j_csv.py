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
