"""The one build pipeline: read sources → loaders → resolve → a fresh store, swapped in on success.

For Ladybug the graph is written to a new file next to the target and renamed over it only
when everything succeeded, so a bad source never damages the graph users already have. For
Neo4j the whole write is one transaction.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from industriegraph.loaders.registry import choose
from industriegraph.model.records import GraphData, LoadResult
from industriegraph.resolve import read_alias_file, resolve
from industriegraph.store.base import default_db_path, is_neo4j_uri
from industriegraph.text.source import SourceDoc, open_corpus, source_files

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
Progress = Callable[[str, int, int], None]  # (step description, done, total)


def default_sources() -> Path:
    """``data/sources`` of the project checkout, else of the working directory."""
    here = PACKAGE_ROOT / "data" / "sources"
    return here if here.is_dir() else Path("data") / "sources"


@dataclass
class BuildReport:
    target: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "sources": self.sources,
            "counts": self.counts,
            "findings": self.findings,
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
        }


def _titles(folder: Path) -> dict[str, str]:
    """Document titles from the provenance table (README.md) of the sources folder, if there is one."""
    readme = folder / "README.md"
    titles = {}
    if readme.exists():
        for m in re.finditer(r"^\|\s*`([^`]+)`\s*\|\s*([^|]+)\|", readme.read_text(encoding="utf-8"), re.M):
            titles[m.group(1)] = m.group(2).strip()
    return titles


def load_documents(
    sources: Path, progress: Progress | None = None, *, strict: bool = False, warnings: list[str] | None = None
) -> tuple[list[SourceDoc], list[LoadResult], list[dict]]:
    """Read and parse every document; raises ``SourceError`` on the first bad one.

    A text no specialised loader claims is read by the general reader and a warning naming the file is
    appended to ``warnings``; with ``strict`` it is refused (``SourceError``)."""
    docs = open_corpus(source_files(sources))
    titles = _titles(sources)
    results, rows = [], []
    for i, doc in enumerate(docs, 1):
        if progress:
            progress(f"loading {doc.name}", i - 1, len(docs))
        choice = choose(doc, strict)
        loader = choice.loader
        if choice.fallback and warnings is not None:
            warnings.append(
                f"{doc.name}: no specialised loader recognises this text; read by the general reader ({loader.KIND})"
            )
        if doc.meta.get("pages_without_text") and warnings is not None:
            warnings.append(
                f"{doc.name}: no text layer on page(s) {doc.meta['pages_without_text']} (scanned or images only): "
                "what they show is not read; needs OCR"
            )
        result = loader.load(doc)
        title = (
            titles.get(doc.name)
            or doc.meta.get("title")  # a web page's <title>, a DOCX's title property (text.formats)
            or next((doc.clean(n) for n in range(1, len(doc.lines) + 1) if doc.clean(n)), doc.name)
        )
        result.add(
            "Source",
            doc.name,
            [],
            title=title,
            file=doc.name,
            kind=loader.KIND,
            sha256=hashlib.sha256(doc.path.read_bytes()).hexdigest(),
            **({"published": doc.meta["date"]} if doc.meta.get("date") else {}),
        )
        results.append(result)
        rows.append(
            {
                "file": doc.name,
                "kind": loader.KIND,
                "records": len(result.entities),
                "links": len(result.links),
                "findings": len(result.findings),
            }
        )
    if progress:
        progress("loaded", len(docs), len(docs))
    return docs, results, rows


def resolve_sources(
    sources: Path,
    aliases: Path | None = None,
    progress: Progress | None = None,
    *,
    strict: bool = False,
    warnings: list[str] | None = None,
) -> tuple[GraphData, list[dict]]:
    _, results, rows = load_documents(sources, progress, strict=strict, warnings=warnings)
    alias_path = aliases if aliases is not None else sources.parent / "aliases.yaml"
    return resolve(results, read_alias_file(alias_path)), rows


def build(
    sources: Path | None = None,
    target: str | os.PathLike | None = None,
    *,
    aliases: Path | None = None,
    progress: Progress | None = None,
    user: str | None = None,
    password: str | None = None,
    strict: bool = False,
) -> BuildReport:
    """Build the graph from ``sources`` into ``target`` (Ladybug path or Neo4j URI).

    ``strict`` refuses a text that only the general reader would read (else it is read with a warning in the
    report's ``warnings``)."""
    start = time.perf_counter()
    sources = Path(sources) if sources else default_sources()
    target = str(target) if target else str(default_db_path())
    warnings: list[str] = []
    data, rows = resolve_sources(sources, aliases, progress, strict=strict, warnings=warnings)
    if progress:
        progress("writing graph", 0, 1)
    if is_neo4j_uri(target):
        from industriegraph.store.neo4j import Neo4jStore

        store = Neo4jStore(target, user=user, password=password)
        try:
            store.create_schema()
            store.write(data)
        finally:
            store.close()
    else:
        _write_ladybug_atomically(Path(target), data, progress)
    if progress:
        progress("done", 1, 1)
    report = BuildReport(target, rows, data.counts(), len(data.nodes.get("Finding", [])), time.perf_counter() - start)
    report.warnings = warnings
    return report


def _write_ladybug_atomically(path: Path, data: GraphData, progress: Progress | None = None) -> dict[str, float]:
    return write_ladybug_atomically(path, lambda store: store.write(data), progress=progress)


def derive_hook() -> Callable[[Path], tuple[dict[str, dict[str, Any]], dict[str, int]]] | None:
    """What computes the derived data (``industriegraph.store.derived``) from a written database.

    The computations live in the analysis layer above; the pipeline finds them through the entry point
    ``derived`` of the group ``industriegraph.analysis`` (pyproject.toml), as the Graph facade finds the
    query modules, so the layers stay one-directional. None when nothing is registered."""
    from importlib import import_module
    from importlib.metadata import entry_points

    for ep in entry_points(group="industriegraph.analysis", name="derived"):
        return import_module(ep.value).derive
    return None


def write_ladybug_atomically(
    path: Path, write: Callable[[Any], None], progress: Progress | None = None, derive: bool = True
) -> dict[str, float]:
    """Create a fresh database beside ``path``, ``write(store)`` into it, compute the derived data from it,
    then swap both in (the derived file first; see ``industriegraph.store.derived``). Returns seconds per step."""
    from industriegraph.store import derived as derived_file
    from industriegraph.store.ladybug import LadybugStore

    timings: dict[str, float] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.building-{os.getpid()}")
    tmp_derived = derived_file.sidecar(tmp)
    _remove(tmp)
    _remove(tmp_derived)
    try:
        start = time.perf_counter()
        store = LadybugStore(tmp)
        try:
            store.create_schema()
            write(store)
        finally:
            store.close()
        timings["write"] = time.perf_counter() - start
        hook = derive_hook() if derive else None
        if hook is not None:
            if progress:
                progress("deriving (betweenness, features, indexes)", 0, 1)
            start = time.perf_counter()
            datasets, versions = hook(tmp)
            derived_file.write(tmp_derived, tmp, datasets, versions)
            timings["derive"] = time.perf_counter() - start
        _remove(Path(f"{path}.wal"))
        if hook is not None:
            os.replace(tmp_derived, derived_file.sidecar(path))
        else:
            _remove(derived_file.sidecar(path))
        os.replace(tmp, path)
    finally:
        _remove(tmp)
        _remove(tmp_derived)
    return timings


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}.wal"), Path(f"{path}.shadow")):
        if p.is_dir():
            import shutil

            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
