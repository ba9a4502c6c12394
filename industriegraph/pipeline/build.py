"""The one build pipeline: read sources → loaders → resolve → a fresh store, swapped in on success.

For Ladybug the graph is written to a new file next to the target and renamed over it only
when everything succeeded, so a bad source never damages the graph users already have. For
Neo4j the whole write is one transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from industriegraph.loaders import member_list
from industriegraph.model.records import GraphData, LoadResult
from industriegraph.pipeline import changes, forked, nopandas
from industriegraph.pipeline.folders import PACKAGE_ROOT, default_sources  # noqa: F401 (part of this module's API)
from industriegraph.pipeline.gc_pause import cyclic_gc_paused
from industriegraph.resolve import prepare as prepare_resolve
from industriegraph.resolve import read_alias_file, resolve
from industriegraph.store.base import default_db_path, is_neo4j_uri
from industriegraph.text.source import SourceDoc, SourceError, open_corpus, source_files

Progress = Callable[[str, int, int], None]  # (step description, done, total)


@dataclass
class BuildReport:
    target: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    changes: dict[str, Any] | None = None  # the change report (``pipeline.changes``); None for Neo4j

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "sources": self.sources,
            "counts": self.counts,
            "findings": self.findings,
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
            "changes": self.changes,
        }


@cache
def _titles(folder: Path) -> dict[str, str]:
    """Document titles from the provenance table (README.md) of the sources folder, if there is one."""
    readme = folder / "README.md"
    titles = {}
    if readme.exists():
        for m in re.finditer(r"^\|\s*`([^`]+)`\s*\|\s*([^|]+)\|", readme.read_text(encoding="utf-8"), re.M):
            titles[m.group(1)] = m.group(2).strip()
    return titles


# -- cached load results ---------------------------------------------------------------------------------------


@cache
def code_fingerprint() -> str:
    """A checksum of the code and vocabulary that turn documents into records: a cached load result is reused
    only while these are unchanged."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for sub in ("loaders", "text", "model"):
        for f in sorted((root / sub).rglob("*")):
            if f.suffix in (".py", ".yaml") and f.is_file():
                h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


class LoadCache:
    """Load results per document kept beside the database (``<db>.cache/``), keyed by the file's checksum, the
    code fingerprint and, for texts, the checksums of all texts of the build (the ligature repair learns from the
    whole corpus, so a text's records depend on the other texts). ``add`` reuses them; the build refreshes them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            entry = pickle.loads(path.read_bytes())
        except Exception:  # a damaged or foreign entry is a miss
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.{os.getpid()}"
        tmp.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self._path(key))
        self.used.add(key)

    def prune(self) -> None:
        """Drop the entries this build did not use."""
        if self.folder.is_dir():
            for f in self.folder.glob("*.pickle"):
                if f.stem not in self.used:
                    f.unlink(missing_ok=True)


def cache_folder(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".cache")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_documents(
    sources: Path | None = None,
    progress: Progress | None = None,
    *,
    strict: bool = False,
    warnings: list[str] | None = None,
    files: Iterable[Path] | None = None,
    load_cache: LoadCache | None = None,
    while_waiting: Callable[[list[LoadResult], Callable[[], bool]], None] | None = None,
) -> tuple[list[SourceDoc], list[LoadResult], list[dict]]:
    """Read and parse every document (the files of ``sources``, or ``files``); raises ``SourceError`` on the first
    bad one. Member lists (``.csv``, ``.tsv``, ``.yaml``, ``.yml``, ``.xlsx``, ``.ods``) go to their loader
    (``loaders.member_list``), every other file is a text for the text loaders.

    A text no specialised loader claims is read by the general reader and a warning naming the file is
    appended to ``warnings``; with ``strict`` it is refused (``SourceError``). Returns the texts read (none when
    every result came from ``load_cache``), the load results and one summary row per document, by file name.
    ``while_waiting`` is called with the load results at hand (this process's share and those from the cache) when
    this process has read its share of the texts and a forked child still reads, and with a function that tells
    whether the child still reads (``forked.Pending.running``).
    """
    paths = sorted((Path(p) for p in files) if files is not None else source_files(Path(sources)), key=lambda p: p.name)
    seen: dict[str, Path] = {}
    for p in paths:
        if p.name in seen and seen[p.name] != p:
            raise SourceError(p.name, f"two sources with this file name ({seen[p.name]} and {p}); evidence names "
                              "files by name, so each must be unique")  # fmt: skip
        seen[p.name] = p
    shas = {p: _sha(p) for p in paths if p.is_file()}
    texts = [p for p in paths if not member_list.claims(p)]
    corpus = hashlib.sha256(json.dumps(sorted((p.name, shas.get(p, "")) for p in texts)).encode()).hexdigest()[:16]
    key = {p: f"{code_fingerprint()}-{shas.get(p, 'missing')[:32]}" + ("" if member_list.claims(p) else f"-{corpus}")
           for p in paths}  # fmt: skip
    cached = {p: e for p in paths if load_cache and (e := load_cache.get(key[p])) and not (strict and e["fallback"])}
    docs: list[SourceDoc] = open_corpus(texts) if any(p not in cached for p in texts) else []
    by_path = {d.path: d for d in docs}
    # the texts to read are split in two shares of about equal length; a forked child reads the one holding the
    # longest text while this process reads the other (``pipeline.forked``; all here when there is no second core)
    _, theirs = _shares([d for d in docs if d.path not in cached])
    if theirs:
        from industriegraph.loaders import registry  # noqa: F401 (imported once, before the fork, for both)
    fresh: dict[Path, dict[str, Any]] = {}  # the entries read now (not from the load cache)
    with forked.start(lambda: {d.path: _load_text(d, strict) for d in theirs}, fork=bool(theirs)) as child:
        # this process's share first, whatever the names: waiting for the child before reading it would leave one
        # core idle while the child reads and the other while this process reads
        theirs_paths = {d.path for d in theirs}
        ours = [p for p in paths if p not in cached and p not in theirs_paths]  # in name order
        for i, path in enumerate(ours):
            if progress:
                progress(f"loading {path.name}", i, len(paths))
            if member_list.claims(path):
                fresh[path] = {"kind": member_list.KIND, "fallback": False, "result": member_list.load_file(path),
                               "title": path.name}  # fmt: skip
            else:
                fresh[path] = _load_text(by_path[path], strict)
        if theirs:
            if progress:
                progress(f"loading {', '.join(d.name for d in theirs)}", len(ours), len(paths))
            if while_waiting is not None:
                at_hand = [*(e["result"] for e in fresh.values()), *(e["result"] for e in cached.values())]
                while_waiting(at_hand, child.running)
            fresh.update(child.result())
    results, rows = [], []
    for path in paths:
        entry = cached.get(path) or fresh[path]
        if load_cache is not None and path in fresh:
            load_cache.put(key[path], entry)
        result: LoadResult = entry["result"]
        if entry["fallback"] and warnings is not None:
            warnings.append(
                f"{path.name}: no specialised loader recognises this text; read by the general reader ({entry['kind']})"
            )
        if entry.get("pages_without_text") and warnings is not None:
            warnings.append(
                f"{path.name}: no text layer on page(s) {entry['pages_without_text']} (scanned or images only): "
                "what they show is not read; needs OCR"
            )
        result.add(
            "Source",
            path.name,
            [],
            title=_titles(path.parent).get(path.name) or entry["title"],
            file=path.name,
            kind=entry["kind"],
            sha256=shas[path],
            **({"published": entry["published"]} if entry.get("published") else {}),
        )
        results.append(result)
        rows.append(
            {
                "file": path.name,
                "kind": entry["kind"],
                "records": len(result.entities),
                "links": len(result.links),
                "findings": len(result.findings),
                "path": str(path.resolve()),
                "sha256": shas[path],
            }
        )
    if progress:
        progress("loaded", len(paths), len(paths))
    return docs, results, rows


def _shares(docs: list[SourceDoc]) -> tuple[list[SourceDoc], list[SourceDoc]]:
    """The texts to read split in two shares of about equal length (the longest first, each to the shorter share):
    (this process's, a forked child's). The child's share holds the longest text; none when one text is read.

    >>> from types import SimpleNamespace as Doc
    >>> mine, theirs = _shares([Doc(name=n, lines=["x"] * k) for n, k in (("a", 5), ("b", 90), ("c", 40), ("d", 30))])
    >>> [d.name for d in mine], [d.name for d in theirs]
    (['c', 'd', 'a'], ['b'])
    """
    if len(docs) < 2:
        return docs, []
    shares: tuple[list[SourceDoc], list[SourceDoc]] = ([], [])
    sizes = [0, 0]
    for doc in sorted(docs, key=lambda d: (-sum(map(len, d.lines)), d.name)):
        k = 0 if sizes[0] < sizes[1] else 1
        shares[k].append(doc)
        sizes[k] += sum(map(len, doc.lines))
    return shares


def _load_text(doc: SourceDoc, strict: bool) -> dict[str, Any]:
    """A text read by the loader that claims it (the general reader when none does): the load cache's entry."""
    from industriegraph.loaders.registry import choose  # the text loaders: only when a text is read

    choice = choose(doc, strict)
    title = doc.meta.get("title") or next(  # a web page's <title>, a DOCX's title (text.formats)
        (doc.clean(n) for n in range(1, len(doc.lines) + 1) if doc.clean(n)), doc.name
    )
    return {"kind": choice.loader.KIND, "fallback": choice.fallback, "result": choice.loader.load(doc),
            "title": title, "published": doc.meta.get("date"),
            "pages_without_text": doc.meta.get("pages_without_text")}  # fmt: skip


def judgement_file(sources: Path) -> Path:
    """The judgement file (alias decisions and reviewed candidates) of a sources folder: ``aliases.yaml`` beside it."""
    return Path(sources).parent / "aliases.yaml"


def resolve_sources(
    sources: Path | None,
    aliases: Path | None = None,
    progress: Progress | None = None,
    *,
    strict: bool = False,
    warnings: list[str] | None = None,
    files: Iterable[Path] | None = None,
    load_cache: LoadCache | None = None,
    while_waiting: Callable[[Callable[[], bool]], None] | None = None,
) -> tuple[GraphData, list[dict]]:
    alias_path = aliases if aliases is not None else judgement_file(sources or default_sources())
    judgements = read_alias_file(alias_path)  # first: a bad judgement file fails before the documents are read

    def waiting(at_hand: list[LoadResult], child_reads: Callable[[], bool]) -> None:
        prepare_resolve(at_hand)
        if while_waiting is not None:
            while_waiting(child_reads)

    _, results, rows = load_documents(
        sources,
        progress,
        strict=strict,
        warnings=warnings,
        files=files,
        load_cache=load_cache,
        while_waiting=waiting,
    )
    return resolve(results, judgements), rows


@cyclic_gc_paused()
def build(
    sources: Path | None = None,
    target: str | os.PathLike | None = None,
    *,
    aliases: Path | None = None,
    progress: Progress | None = None,
    user: str | None = None,
    password: str | None = None,
    strict: bool = False,
    files: Iterable[Path] | None = None,
) -> BuildReport:
    """Build the graph from ``sources`` (or the given ``files``) into ``target`` (Ladybug path or Neo4j URI).

    ``strict`` refuses a text that only the general reader would read (else it is read with a warning in the
    report's ``warnings``) and, for Ladybug, a build whose change report warns (a source lost more than half of its
    records, or is read by another kind of loader): ``RefusedChange``, the previous graph stays."""
    start = time.perf_counter()
    if files is None:
        sources = Path(sources) if sources else default_sources()
    target = str(target) if target else str(default_db_path())
    neo4j = is_neo4j_uri(target)
    warnings: list[str] = []
    load_cache = None if neo4j else LoadCache(cache_folder(Path(target)))
    alias_path = aliases if aliases is not None else judgement_file(sources or default_sources())
    opened: list[Any] = []  # the fresh database, when it was opened while a forked child read

    def while_waiting(child_reads: Callable[[], bool]) -> None:
        _prepare_writing()
        opened.append(open_fresh(Path(target)))
        _warm_deriving(opened[-1], child_reads)

    try:
        data, rows = resolve_sources(
            sources,
            alias_path,
            progress,
            strict=strict,
            warnings=warnings,
            files=files,
            load_cache=load_cache,
            while_waiting=None if neo4j else while_waiting,
        )
        report = BuildReport(target, [{k: v for k, v in r.items() if k not in ("path", "sha256")} for r in rows])
        nopandas.when_asked()  # before the write's first use of pyarrow (done while waiting, when there was a child)
        if neo4j:
            if progress:
                progress("writing graph", 0, 1)
            from industriegraph.store.neo4j import Neo4jStore

            store = Neo4jStore(target, user=user, password=password)
            try:
                store.create_schema()
                store.write(data)
            finally:
                store.close()
        else:
            snap = changes.snapshot(data, {r["file"]: r["kind"] for r in rows})
            previous = changes.read_manifest(Path(target))
            report.changes = changes.compare(previous, snap)
            warnings += report.changes["warnings"]
            if strict and report.changes["warnings"]:
                raise changes.RefusedChange(
                    "--strict refuses this build: "
                    + "; ".join(report.changes["warnings"])
                    + ". The previous graph stays."
                )
            listed = [{k: r[k] for k in ("file", "path", "sha256", "kind")} for r in rows]
            manifest = changes.manifest(listed, alias_path, snap)
            if progress:
                progress("writing graph", 0, 1)
            write_ladybug_atomically(
                Path(target),
                lambda store: store.write(data),
                progress=progress,
                manifest=manifest,
                opened=opened.pop() if opened else None,
            )
            report.changes["derived"] = changes.compare_derived(previous, manifest.get("derived"))
            if load_cache is not None:
                load_cache.prune()
        if progress:
            progress("done", 1, 1)
        report.counts = data.counts()
        report.findings = len(data.nodes.get("Finding", []))
        report.seconds = time.perf_counter() - start
        report.warnings = warnings
        return report
    finally:
        for store in opened:  # not written into: the build stopped before its write
            store.close()
            _remove(store.path)


def add(
    file: str | os.PathLike,
    target: str | os.PathLike | None = None,
    *,
    progress: Progress | None = None,
    strict: bool = False,
) -> BuildReport:
    """Load one more document into the graph at ``target``: the sources its manifest lists plus ``file``, with the
    same alias file, resolved together and swapped in atomically, exactly as a full build of those files (the load
    results of unchanged files come from the cache beside the database). A file of the same name from the same
    path is read again (an updated list); of the same name from another path it is refused."""
    db = Path(target) if target else default_db_path()
    if is_neo4j_uri(str(db)):
        raise SourceError(str(db), "add works on a Ladybug database (for Neo4j, build from a sources folder)")
    new = Path(file).resolve()
    if not new.is_file():
        raise SourceError(new.name, "source file not found")
    manifest = changes.read_manifest(db)
    if manifest is None:
        raise SourceError(
            str(db), "no build manifest beside this graph (built before manifests or not built yet): run "
            "`industriegraph build` once, then add"
        )  # fmt: skip
    paths = []
    for entry in manifest["files"]:
        path = Path(entry["path"])
        if path == new:
            continue
        if path.name == new.name:
            raise SourceError(new.name, f"the graph already has a source of this name, read from {path}")
        if not path.is_file():
            raise SourceError(
                path.name, f"a source of this graph is gone ({path}); rebuild with `industriegraph build`"
            )
        paths.append(path)
    aliases = Path(manifest["aliases"]) if manifest.get("aliases") else None
    return build(None, db, aliases=aliases, progress=progress, strict=strict, files=[*paths, new])


def _prepare_writing() -> None:
    """Import what writing and deriving a Ladybug graph need (~0.2 s of a cold build), while a forked child still
    reads the longest text and this process would only wait."""
    import industriegraph.store.ladybug  # noqa: F401

    nopandas.when_asked()  # imports pyarrow and numpy
    _call_derived("prepare")


def _warm_deriving(store: Any, go_on: Callable[[], bool]) -> None:
    """Run the derived data's reads on the fresh, still empty database while ``go_on()`` (a forked child still
    reads), if the derived module offers it (``warm``): a process's first run of each query is the slow one."""
    _call_derived("warm", store, go_on)


def _call_derived(name: str, *args: Any) -> None:
    """The derived module's function ``name`` called with ``args``, when the module has one."""
    module = _derived_module()
    if module is not None and hasattr(module, name):
        getattr(module, name)(*args)


def derive_hook() -> Callable[[Path, Any], tuple[dict[str, dict[str, Any]], dict[str, int]]] | None:
    """What computes the derived data (``industriegraph.store.derived``) from a written database (its path, and its
    store while still open, or None to open it).

    The computations live in the analysis layer above; the pipeline finds them through the entry point
    ``derived`` of the group ``industriegraph.analysis`` (pyproject.toml), as the Graph facade finds the
    query modules, so the layers stay one-directional. None when nothing is registered."""
    module = _derived_module()
    return module.derive if module is not None else None


@cache
def _derived_module() -> Any:
    """The module named by the entry point ``derived`` (``derive``; ``prepare``, which imports ahead of time what
    ``derive`` will use; ``warm``, which runs its reads once), or None. Looked up once per process: each look
    reads every installed package's metadata (~6 ms), and a build asks three times."""
    from importlib import import_module
    from importlib.metadata import entry_points

    for ep in entry_points(group="industriegraph.analysis", name="derived"):
        return import_module(ep.value)
    return None


def open_fresh(path: Path) -> Any:
    """The fresh database that ``write_ladybug_atomically`` fills for ``path`` (beside it, named by this process),
    opened, with the schema created and checkpoints deferred. The build opens it while its forked child still reads
    (~0.08 s it would otherwise spend after resolving) and hands it over; whoever opened it closes and removes it
    when it is not handed over."""
    from industriegraph.store.ladybug import LadybugStore

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _building(path)
    _remove(tmp)
    store = LadybugStore(tmp, concurrent_writes=True)
    try:
        store.create_schema()
        store.defer_checkpoints()
    except BaseException:
        store.close()
        _remove(tmp)
        raise
    return store


def _building(path: Path) -> Path:
    return path.with_name(f".{path.name}.building-{os.getpid()}")


def write_ladybug_atomically(
    path: Path,
    write: Callable[[Any], None],
    progress: Progress | None = None,
    derive: bool = True,
    manifest: dict[str, Any] | None = None,
    opened: Any = None,
) -> dict[str, float]:
    """Create a fresh database beside ``path`` (or take the one ``open_fresh`` opened), ``write(store)`` into it,
    compute the derived data from it, then swap them in (the derived file and the build ``manifest``
    (``pipeline.changes``) first, the database last; see ``industriegraph.store.derived``); without a manifest a
    stale one is removed. The manifest gains the digests of the derived data (key ``derived``, set in the dict
    given) before it is written. Returns seconds per step."""
    from industriegraph.store import derived as derived_file

    nopandas.when_asked()  # before the first use of pyarrow
    timings: dict[str, float] = {}
    start = time.perf_counter()
    tmp = _building(path)
    tmp_derived = derived_file.sidecar(tmp)
    _remove(tmp_derived)
    hook = derive_hook() if derive else None

    def derive_from(store: Any) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
        if progress:
            progress("deriving (betweenness, features, indexes)", 0, 1)
        begin = time.perf_counter()
        derived = hook(tmp, store)
        timings["derive"] = time.perf_counter() - begin
        return derived

    try:
        store = opened if opened is not None else open_fresh(path)
        derived = None
        try:
            write(store)
            store.checkpoint()
            timings["write"] = time.perf_counter() - start
            if hook is not None and store.for_reading():
                derived = derive_from(store)  # a small graph: on the connection that wrote, no second one to open
        finally:
            store.close()
        if hook is not None:
            if derived is None:  # a large graph: read after closing, which frees the pages the write held
                derived = derive_from(None)
            begin = time.perf_counter()
            derived_file.write(tmp_derived, tmp, *derived)  # after closing: it holds a fingerprint of the file
            timings["derive"] += time.perf_counter() - begin
        _remove(Path(f"{path}.wal"))
        tmp_manifest = changes.manifest_path(tmp)
        if manifest is not None:
            manifest["derived"] = changes.derived_digests(tmp_derived) if hook is not None else None
            tmp_manifest.write_bytes(json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True).encode())
        if hook is not None:
            os.replace(tmp_derived, derived_file.sidecar(path))
        else:
            _remove(derived_file.sidecar(path))
        if manifest is not None:
            os.replace(tmp_manifest, changes.manifest_path(path))
        else:
            _remove(changes.manifest_path(path))
        os.replace(tmp, path)
    finally:
        _remove(tmp)
        _remove(tmp_derived)
        _remove(changes.manifest_path(tmp))
    return timings


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}.wal"), Path(f"{path}.shadow")):
        if p.is_dir():
            import shutil

            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
