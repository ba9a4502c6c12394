"""Data derived from the graph at build time, kept in one file beside the Ladybug database.

What is expensive and depends only on the graph (matchmaking features, betweenness and communities, the
actor network for paths, policy-transfer candidates, the name index) is computed once by the build and
stored here, so a query or a fresh CLI process reads it instead of recomputing it. The file is
``<database>.derived``: an uncompressed zip of datasets, each a set of members (``.json``, ``.npy`` or
``.arrow``), and ``meta.json`` with the fingerprint (size and modification time) of the database file it
was computed from. The build writes both beside the target and renames the derived file first, then the
database; a reader that finds a fingerprint that does not match (an interrupted swap, a database changed
or copied without it) ignores the file and the analysis computes on the fly, as it does on Neo4j.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

SUFFIX = ".derived"
FORMAT = 1  # bump when the layout of this file changes


def sidecar(db: Path) -> Path:
    return db.with_name(db.name + SUFFIX)


def fingerprint(db: Path) -> dict[str, int]:
    st = Path(db).stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def write(path: Path, db: Path, datasets: dict[str, dict[str, Any]], versions: dict[str, int]) -> None:
    """Write ``datasets`` ({dataset: {member: JSON value, numpy array or Arrow table}}) for database ``db``."""
    import numpy as np
    import pyarrow as pa

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, members in datasets.items():
            for key, value in members.items():
                if isinstance(value, np.ndarray):
                    buf = io.BytesIO()
                    np.save(buf, value, allow_pickle=False)
                    z.writestr(f"{name}/{key}.npy", buf.getvalue())
                elif isinstance(value, pa.Table):
                    sink = pa.BufferOutputStream()
                    with pa.ipc.new_file(sink, value.schema) as w:
                        w.write_table(value)
                    z.writestr(f"{name}/{key}.arrow", sink.getvalue().to_pybytes())
                else:
                    z.writestr(f"{name}/{key}.json", json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        meta = {"format": FORMAT, "db": fingerprint(db), "versions": versions}
        z.writestr("meta.json", json.dumps(meta))


class Dataset:
    """One dataset of the file: ``ds["member"]`` loads a member (cached); ``key in ds`` asks whether it is there."""

    def __init__(self, archive: Derived, name: str):
        self._archive = archive
        self.name = name

    def __contains__(self, key: str) -> bool:
        return self._archive.member(self.name, key) is not None

    def __getitem__(self, key: str) -> Any:
        return self._archive.load(self.name, key)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def fresh(self, key: str) -> Any:
        """A JSON member parsed anew on every call: a copy the caller may change."""
        return self._archive.fresh(self.name, key)


class Derived:
    """Read access to a derived file whose fingerprint matches its database."""

    def __init__(self, path: Path, meta: dict[str, Any]):
        self.path = path
        self.meta = meta
        self._zip = zipfile.ZipFile(path)
        self._names = {info.filename: info for info in self._zip.infolist()}
        self._cache: dict[tuple[str, str], Any] = {}
        self._raw: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def member(self, name: str, key: str) -> str | None:
        for ext in (".npy", ".json", ".arrow"):
            if f"{name}/{key}{ext}" in self._names:
                return f"{name}/{key}{ext}"
        return None

    def version(self, name: str) -> int | None:
        return self.meta.get("versions", {}).get(name)

    def dataset(self, name: str, version: int) -> Dataset | None:
        """The dataset when it is there in the expected version, else None (the caller computes instead)."""
        return Dataset(self, name) if self.version(name) == version else None

    def load(self, name: str, key: str) -> Any:
        with self._lock:
            if (name, key) in self._cache:
                return self._cache[(name, key)]
            member = self.member(name, key)
            if member is None:
                raise KeyError(f"{self.path}: no {name}/{key}")
            data = self._zip.read(member)
            if member.endswith(".npy"):
                import numpy as np  # on first use: opening a graph (`stats`) needs no numpy

                value: Any = np.load(io.BytesIO(data), allow_pickle=False)
            elif member.endswith(".arrow"):
                import pyarrow as pa  # only for Arrow members: a command reading JSON and numpy starts without it

                value = pa.ipc.open_file(pa.py_buffer(data)).read_all()
            else:
                value = json.loads(data)
            self._cache[(name, key)] = value
            return value

    def fresh(self, name: str, key: str) -> Any:
        with self._lock:
            raw = self._raw.get((name, key))
            if raw is None:
                member = self.member(name, key)
                if member is None or not member.endswith(".json"):
                    raise KeyError(f"{self.path}: no {name}/{key}.json")
                raw = self._raw[(name, key)] = self._zip.read(member)
        return json.loads(raw)

    def close(self) -> None:
        self._zip.close()


def open_derived(db: Path) -> Derived | None:
    """The derived file of ``db`` if it exists and belongs to it, else None."""
    path = sidecar(Path(db))
    try:
        with zipfile.ZipFile(path) as z:
            meta = json.loads(z.read("meta.json"))
        if meta.get("format") != FORMAT or meta.get("db") != fingerprint(Path(db)):
            return None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    return Derived(path, meta)
