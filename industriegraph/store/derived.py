"""Data derived from the graph at build time, kept in one file beside the Ladybug database.

What is expensive and depends only on the graph (matchmaking features, betweenness and communities, the
actor network for paths, policy-transfer candidates, the name index) is computed once by the build and
stored here, so a query or a fresh CLI process reads it instead of recomputing it. The file is
``<database>.derived``: an uncompressed zip of datasets, each a set of members (``.json``, ``.npy`` or
``.arrow``), and ``meta.json`` with the fingerprint (size and modification time) of the database file it
was computed from. The build writes both beside the target and renames the derived file first, then the
database; a reader that finds a fingerprint that does not match (an interrupted swap, a database changed
or copied without it) ignores the file and the analysis computes on the fly, as it does on Neo4j.

A fresh process (``industriegraph match``) must not pay for what it does not read: ``.npy`` members are
memory-mapped where they lie in the file (stored uncompressed, their data aligned to 64 bytes), so reading one
row of a 20 MB array touches a page, not the whole array; lists with one JSON value per row (``json_rows``) are
kept as one UTF-8 blob and its offsets, so a row is parsed when it is asked for.
"""

from __future__ import annotations

import io
import json
import mmap
import struct
import threading
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

SUFFIX = ".derived"
FORMAT = 1  # bump when the layout of this file changes
ALIGN = 64  # .npy data starts on this boundary in the file (numpy pads its header to a multiple of 64)
_PAD_ID = 0xD935  # zip extra field that only pads (the id Android's zipalign uses)


def sidecar(db: Path) -> Path:
    return db.with_name(db.name + SUFFIX)


def fingerprint(db: Path) -> dict[str, int]:
    st = Path(db).stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def json_bytes(value: Any) -> bytes:
    """A JSON member as the file stores it (UTF-8, no spaces). ``write`` stores a ``bytes`` value as it is, so a
    value encoded by this function elsewhere (in a forked child) ends up byte for byte as if ``write`` had."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def write(path: Path, db: Path, datasets: dict[str, dict[str, Any]], versions: dict[str, int]) -> None:
    """Write ``datasets`` ({dataset: {member: JSON value, JSON already encoded (``bytes`` from ``json_bytes``),
    numpy array or Arrow table}}) for database ``db``."""
    import numpy as np
    import pyarrow as pa

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, members in datasets.items():
            for key, value in members.items():
                if isinstance(value, np.ndarray):
                    buf = io.BytesIO()
                    np.save(buf, value, allow_pickle=False)
                    z.writestr(_aligned(z, f"{name}/{key}.npy"), buf.getvalue())
                elif isinstance(value, pa.Table):
                    sink = pa.BufferOutputStream()
                    with pa.ipc.new_file(sink, value.schema) as w:
                        w.write_table(value)
                    z.writestr(f"{name}/{key}.arrow", sink.getvalue().to_pybytes())
                else:
                    z.writestr(f"{name}/{key}.json", value if isinstance(value, bytes) else json_bytes(value))
        meta = {"format": FORMAT, "db": fingerprint(db), "versions": versions}
        z.writestr("meta.json", json.dumps(meta))


def _aligned(z: zipfile.ZipFile, filename: str) -> zipfile.ZipInfo:
    """A stored member whose data will start on an ``ALIGN`` boundary: the local header's extra field pads it."""
    info = zipfile.ZipInfo(filename, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    start = z.start_dir + 30 + len(filename.encode()) + 4  # local header, name, the pad field's own header
    pad = -start % ALIGN
    info.extra = struct.pack("<HH", _PAD_ID, pad) + b"\0" * pad
    return info


def json_rows(values: Sequence[Any]) -> dict[str, np.ndarray]:
    """One JSON value per row as two arrays, ``blob`` (UTF-8) and ``offsets`` (n + 1): stored as ``.npy`` members
    and read back with ``JsonRows``, which parses only the rows asked for."""
    import numpy as np

    parts = [json_bytes(v) for v in values]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in parts])
    return {"blob": np.frombuffer(b"".join(parts), dtype=np.uint8), "offsets": offsets}


class JsonRows(Sequence[Any]):
    """``rows[k]``: row k of a ``json_rows`` pair, parsed (and converted by ``convert``) on first use, then kept."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray, convert: Callable[[Any], Any] | None = None):
        self._blob, self._offsets, self._convert = blob, offsets, convert
        self._rows: list[Any] = [_UNREAD] * (len(offsets) - 1)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, k: int) -> Any:  # type: ignore[override]
        row = self._rows[k]
        if row is _UNREAD:
            k = range(len(self._rows))[k]  # negative rows, and IndexError as a list gives it
            value = json.loads(self._blob[self._offsets[k] : self._offsets[k + 1]].tobytes())
            row = self._rows[k] = self._convert(value) if self._convert else value
        return row

    def __iter__(self) -> Iterator[Any]:
        return (self[k] for k in range(len(self._rows)))


_UNREAD = object()


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

    def __init__(self, path: Path, meta: dict[str, Any], archive: zipfile.ZipFile | None = None):
        self.path = path
        self.meta = meta
        self._zip = archive if archive is not None else zipfile.ZipFile(path)
        self._names = {info.filename: info for info in self._zip.infolist()}
        self._map: mmap.mmap | None = None
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
            if member.endswith(".npy"):
                value: Any = self._array(self._names[member])
                self._cache[(name, key)] = value
                return value
            data = self._zip.read(member)
            if member.endswith(".arrow"):
                import pyarrow as pa  # only for Arrow members: a command reading JSON and numpy starts without it

                value = pa.ipc.open_file(pa.py_buffer(data)).read_all()
            else:
                value = json.loads(data)
            self._cache[(name, key)] = value
            return value

    def _array(self, info: zipfile.ZipInfo) -> np.ndarray:
        """A ``.npy`` member as an array over the memory-mapped file (copy-on-write: writable like a loaded array,
        changes stay in this process); a compressed member is read and decompressed instead."""
        import numpy as np  # on first use: opening a graph (`stats`) needs no numpy

        if info.compress_type != zipfile.ZIP_STORED:
            return np.load(io.BytesIO(self._zip.read(info.filename)), allow_pickle=False)
        if self._map is None:
            with open(self.path, "rb") as fh:
                self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
        m = self._map
        name_len, extra_len = struct.unpack_from("<HH", m, info.header_offset + 26)
        start = info.header_offset + 30 + name_len + extra_len
        version = (m[start + 6], m[start + 7])  # after the magic string; the header's length follows
        size = (
            10 + struct.unpack_from("<H", m, start + 8)[0]
            if version == (1, 0)
            else 12 + struct.unpack_from("<I", m, start + 8)[0]
        )
        stream = io.BytesIO(m[start : start + size])
        np.lib.format.read_magic(stream)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read_header(stream)
        if dtype.hasobject:
            raise ValueError(f"{self.path}: {info.filename} holds Python objects")
        count = int(np.prod(shape, dtype=np.int64))
        data = np.frombuffer(m, dtype=dtype, count=count, offset=start + stream.tell())
        return data.reshape(shape, order="F" if fortran else "C")

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
        if self._map is not None:
            try:
                self._map.close()
            except BufferError:  # arrays still use it: the mapping goes when the last of them does
                pass


def open_derived(db: Path) -> Derived | None:
    """The derived file of ``db`` if it exists and belongs to it, else None."""
    path = sidecar(Path(db))
    try:
        z = zipfile.ZipFile(path)  # read once: its directory lists hundreds of members
    except (OSError, zipfile.BadZipFile):
        return None
    try:
        meta = json.loads(z.read("meta.json"))
        if meta.get("format") == FORMAT and meta.get("db") == fingerprint(Path(db)):
            return Derived(path, meta, z)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        pass
    z.close()
    return None
