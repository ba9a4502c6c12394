"""The one small store interface the whole code base uses, and how to open a store by address.

Algorithms and exports never talk to Ladybug or Neo4j directly: they ask ``cypher`` and
receive rows as dicts, so every engine behind this interface serves them all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # a reading process (``match``) need not build the record classes
    from industriegraph.model.records import GraphData

DEFAULT_DB = "industriegraph.db"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


class Store(Protocol):
    """What a graph engine must offer."""

    dialect: str  # "ladybug" or "neo4j": picks the spelling of queries that differ

    def create_schema(self) -> None: ...

    def write(self, data: GraphData) -> None: ...

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


def is_neo4j_uri(target: str) -> bool:
    return target.startswith(NEO4J_SCHEMES)


def default_db_path() -> Path:
    """``INDUSTRIEGRAPH_DB`` if set, else ./industriegraph.db."""
    return Path(os.environ.get("INDUSTRIEGRAPH_DB") or DEFAULT_DB)


def open_store(
    target: str | os.PathLike | None = None,
    *,
    read_only: bool = True,
    user: str | None = None,
    password: str | None = None,
) -> Store:
    """Open the store at a Ladybug path or a Neo4j URI (default: ``default_db_path()``)."""
    target = str(target) if target else str(default_db_path())
    if is_neo4j_uri(target):
        from industriegraph.store.neo4j import Neo4jStore

        return Neo4jStore(target, user=user, password=password)
    if read_only and not Path(target).exists():
        raise FileNotFoundError(f"{target}: no graph database here; run `industriegraph build` first")
    if read_only:
        return LazyLadybugStore(Path(target))
    from industriegraph.store.ladybug import LadybugStore

    return LadybugStore(Path(target), read_only=read_only)


class LazyLadybugStore:
    """A read-only Ladybug database opened on its first use: a command that the derived data answers (``match``
    in a fresh process) starts without importing the engine (~0.1 s) or opening the file."""

    dialect = "ladybug"

    def __init__(self, path: Path):
        import threading

        self.path = path
        self._store: Any = None
        self._lock = threading.Lock()

    def opened(self) -> Any:
        """The open ``LadybugStore``."""
        with self._lock:
            if self._store is None:
                from industriegraph.store.ladybug import LadybugStore

                self._store = LadybugStore(self.path, read_only=True)
            return self._store

    def __getattr__(self, name: str) -> Any:  # cypher, arrow, conn …: open on first use
        if name.startswith("__") or name in ("_store", "_lock", "path"):
            raise AttributeError(name)
        return getattr(self.opened(), name)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
