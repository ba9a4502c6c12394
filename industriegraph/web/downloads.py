"""The whole-graph downloads (JSON, GEXF, RDF) as files, each produced once and kept beside the database.

An export of the whole graph is large (the synthetic graph's GEXF is hundreds of megabytes) and takes seconds to
produce, so it is neither held in memory nor produced for the downloads page: the first request for a format
writes it to ``<db>.downloads/`` (atomically, named with the database's fingerprint, so a rebuilt graph gets
new files and a restarted server finds the old ones), later requests are served from the file. The downloads
page shows the size of the files that exist and "wird beim ersten Abruf erzeugt" for the others; ``serve``'s
warm-up produces them in the background on graphs of the real graph's size. A database folder the server may
not write to (or a Neo4j graph) gets a temporary folder instead, for as long as the server runs.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from industriegraph.store.base import is_neo4j_uri
from industriegraph.store.derived import fingerprint

SUFFIX = ".downloads"
_LOCK = threading.Lock()
_WRITERS: dict[tuple[int, str], threading.Lock] = {}


def folder(app: FastAPI) -> Path:
    """Where this app keeps its export files (made on first use)."""
    with _LOCK:
        existing = getattr(app.state, "downloads", None)
        if existing is not None:
            return existing
        db = str(getattr(app.state, "db", "") or "")
        path: Path | None = None
        if db and not is_neo4j_uri(db) and Path(db).exists():
            path = Path(db).with_name(Path(db).name + SUFFIX)
            try:
                path.mkdir(exist_ok=True)
                if not os.access(path, os.W_OK):
                    path = None
            except OSError:
                path = None
        if path is None:
            holder = tempfile.TemporaryDirectory(prefix="industriegraph-downloads-")
            app.state.downloads_tmp = holder  # removed with the app
            path = Path(holder.name)
        app.state.downloads = path
        return path


def _stamp(app: FastAPI) -> str:
    db = str(getattr(app.state, "db", "") or "")
    if db and not is_neo4j_uri(db) and Path(db).exists():
        fp = fingerprint(Path(db))
        return f"{fp['size']}-{fp['mtime_ns']}"
    return "served"


def path_of(app: FastAPI, name: str) -> Path:
    """The file of export ``name`` (``industriegraph.json``, ``industriegraph.ttl`` …) for the served graph."""
    stem, _, suffix = name.partition(".")
    return folder(app) / f"{stem}-{_stamp(app)}.{suffix}"


def existing_size(app: FastAPI, name: str) -> int | None:
    """Bytes of the export ``name`` if it was produced already, else None (the page does not produce it)."""
    try:
        return path_of(app, name).stat().st_size
    except OSError:
        return None


def produce(app: FastAPI, name: str, write: Callable[[Path], Any]) -> Path:
    """The export file ``name``, written by ``write(path)`` if it is not there yet. One writer per name at a time;
    the file appears under its name only when complete; older files of the same name (an earlier graph) go."""
    path = path_of(app, name)
    if path.exists():
        return path
    with _LOCK:
        lock = _WRITERS.setdefault((id(app), name), threading.Lock())
    with lock:
        if path.exists():
            return path
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            write(tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        stem, _, suffix = name.partition(".")
        for old in path.parent.glob(f"{stem}-*.{suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
