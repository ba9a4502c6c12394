"""LadybugDB, the embedded default engine: in-process, one file, nothing to start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from industriegraph.model.ddl import ladybug_ddl
from industriegraph.model.records import GraphData
from industriegraph.model.schema import NODES, REL_BY_TYPE, Prop

if TYPE_CHECKING:  # pyarrow is needed for writing only; reading commands start without it
    import pyarrow as pa


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    return {"STRING": pa.string(), "INT64": pa.int64(), "STRING[]": pa.list_(pa.string())}[name]


def _arrow_table(columns: list[tuple[str, pa.DataType]], rows: list[dict[str, Any]]) -> pa.Table:
    import pyarrow as pa

    return pa.table({name: pa.array([r.get(name) for r in rows], type=t) for name, t in columns})


def _prop_columns(props: tuple[Prop, ...]) -> list[tuple[str, pa.DataType]]:
    return [(p.name, _arrow_type(p.type)) for p in props]


class LadybugStore:
    """A Ladybug database file; bulk writes use ``COPY`` from Arrow tables."""

    dialect = "ladybug"

    def __init__(self, path: Path, read_only: bool = False):
        self.path = Path(path)
        self.db = ladybug.Database(str(self.path), read_only=read_only)
        self.conn = ladybug.Connection(self.db)

    def create_schema(self) -> None:
        for statement in ladybug_ddl():
            self.conn.execute(statement)

    def write(self, data: GraphData) -> None:
        for node in NODES:
            rows = data.nodes.get(node.label) or []
            if rows:
                arrow_rows = _arrow_table(_prop_columns(node.all_props), rows)  # noqa: F841 (COPY reads it by name)
                self.conn.execute(f"COPY {node.label} FROM arrow_rows")
        for type_, rows in data.rels.items():
            spec = REL_BY_TYPE[type_]
            by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for r in rows:
                by_pair.setdefault((r["_from"], r["_to"]), []).append(r)
            columns = [("from", _arrow_type("STRING")), ("to", _arrow_type("STRING")), *_prop_columns(spec.all_props)]
            for (src, dst), pair_rows in sorted(by_pair.items()):
                arrow_rows = _arrow_table(columns, pair_rows)  # noqa: F841
                option = f" (from='{src}', to='{dst}')" if len(spec.pairs) > 1 else ""
                self.conn.execute(f"COPY {type_} FROM arrow_rows{option}")

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self.conn.execute(text, params or {})
        names = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(names, (_plain(v) for v in result.get_next()), strict=True)))
        return rows

    def close(self) -> None:
        self.conn.close()
        self.db.close()


def _plain(value: Any) -> Any:
    """Ladybug returns nodes and relationships as dicts with internal keys; drop those."""
    if isinstance(value, dict) and "_LABEL" in value:
        out = {k: v for k, v in value.items() if not k.startswith("_") and v is not None}
        out["_label"] = value["_LABEL"]
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
