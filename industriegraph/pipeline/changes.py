"""What a build changed: per source, the records (nodes) and links added, removed and changed.

Every Ladybug build writes a manifest beside the database (``<db>.manifest.json``, swapped in with it): the
source files it read (path, checksum, the kind of loader that read each) and, per source, the ids of the nodes
and the keys of the links whose evidence cites that source, each with a fingerprint of its properties and of
the evidence lines from that source. The next build compares its own snapshot with the stored one, so the
comparison needs neither the old sources nor the old database. A source whose records drop by more than half,
or that a different kind of loader read, is named in a warning; ``build --strict`` refuses the swap then.

The data the build derives from the graph (``store.derived``: betweenness, matchmaking features, transfer
rankings, …) is part of the report too: the manifest keeps a digest of each member of the derived file (the
CRC-32 and size its zip entry records), and the report lists the members added, removed and changed.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from industriegraph.model.records import GraphData

SUFFIX = ".manifest.json"
FORMAT = 1
VOCABULARY = ("State", "Topic")  # nodes every build has, stated by no source


class RefusedChange(Exception):
    """``--strict``: the change report warns about a source; the previous graph stays."""


def manifest_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + SUFFIX)


def read_manifest(db: Path) -> dict[str, Any] | None:
    """The manifest of the graph at ``db``; None when there is none (no build yet, an older build, Neo4j)."""
    path = manifest_path(db)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _file(evidence: str) -> str:
    """The file an evidence string names: before the first colon (``a.csv:7``; also ``a.pdf:p12:l7``)."""
    return evidence.partition(":")[0]


def link_key(type_: str, row: dict[str, Any]) -> str:
    return f"{type_} {row['from']} -> {row['to']} {row.get('role') or row.get('raw') or ''}".rstrip()


def snapshot(data: GraphData, kinds: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per source file: its kind, and {id: fingerprint} of the nodes and links whose evidence cites it."""
    out: dict[str, dict[str, Any]] = {f: {"kind": k, "nodes": {}, "links": {}} for f, k in kinds.items()}

    def put(section: str, key: str, row: dict[str, Any], files: set[str]) -> None:
        base = {k: v for k, v in row.items() if k not in ("evidence", "statements")}
        for f in files:
            if f in out:
                own = [e for e in row.get("evidence") or [] if _file(e) == f]
                out[f][section][key] = _digest([base, own])

    for label, nodes in data.nodes.items():
        if label in VOCABULARY:
            continue
        for node in nodes:
            files = {_file(e) for e in node.get("evidence") or []}
            if label == "Source":
                files.add(node.get("file") or "")
            put("nodes", node["id"], node, files)
    for type_, rows in data.rels.items():
        for row in rows:
            put("links", link_key(type_, row), row, {_file(e) for e in row.get("evidence") or []})
    return out


def compare(old: dict[str, Any] | None, new: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The change report: per source (sorted by file) what was added, removed and changed, and the warnings."""
    if old is None:
        return {"previous": False, "sources": [], "warnings": []}
    before: dict[str, dict[str, Any]] = old.get("snapshot") or {}
    sources, warnings = [], []
    for f in sorted(set(before) | set(new)):
        a, b = before.get(f), new.get(f)
        status = "added" if a is None else "removed" if b is None else "kept"
        entry: dict[str, Any] = {
            "file": f,
            "status": status,
            "kind": (b or a or {}).get("kind"),
            "previous_kind": a.get("kind") if a else None,
        }
        for section, name in (("nodes", "records"), ("links", "links")):
            x, y = (a or {}).get(section, {}), (b or {}).get(section, {})
            entry[name] = {
                "before": len(x),
                "after": len(y),
                "added": sorted(set(y) - set(x)),
                "removed": sorted(set(x) - set(y)),
                "changed": sorted(k for k in set(x) & set(y) if x[k] != y[k]),
            }
        sources.append(entry)
        if status != "kept":
            continue
        if a.get("kind") != b.get("kind"):
            warnings.append(
                f"{f}: read as {b.get('kind')} this time, as {a.get('kind')} by the previous build "
                "(the document's kind changed)"
            )
        n_before, n_after = entry["records"]["before"], entry["records"]["after"]
        if n_after * 2 < n_before:
            warnings.append(
                f"{f}: {n_after} records instead of {n_before} in the previous build (more than half are gone)"
            )
    return {"previous": True, "sources": sources, "warnings": warnings}


def derived_digests(path: Path) -> dict[str, str]:
    """{member: digest} of a derived file: the CRC-32 and size each zip entry already records (no second read)."""
    with zipfile.ZipFile(path) as z:
        return {i.filename: f"{i.CRC:08x}-{i.file_size}" for i in z.infolist() if i.filename != "meta.json"}


def compare_derived(old: dict[str, Any] | None, new: dict[str, str] | None) -> dict[str, Any]:
    """The derived data's part of the report: members (``dataset/member.ext``) added, removed, changed, kept."""
    before = (old or {}).get("derived")
    if before is None or new is None:
        return {"previous": False, "added": [], "removed": [], "changed": [], "unchanged": 0}
    changed = sorted(k for k in set(before) & set(new) if before[k] != new[k])
    return {
        "previous": True,
        "added": sorted(set(new) - set(before)),
        "removed": sorted(set(before) - set(new)),
        "changed": changed,
        "unchanged": len(set(before) & set(new)) - len(changed),
    }


def counts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The change report as one row of counts per source (for tables)."""
    rows = []
    for s in report.get("sources") or []:
        row = {"file": s["file"], "status": s["status"], "kind": s["kind"]}
        for name in ("records", "links"):
            for what in ("added", "removed", "changed"):
                row[f"{name} {what}"] = len(s[name][what])
        if any(v for k, v in row.items() if k not in ("file", "status", "kind")) or s["status"] != "kept":
            rows.append(row)
    return rows


def manifest(files: list[dict[str, Any]], aliases: Path | None, snap: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "aliases": str(aliases.resolve()) if aliases else None,
        "files": files,
        "snapshot": snap,
    }
