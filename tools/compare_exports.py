"""Compare two node-link exports (`industriegraph export json`), optionally ignoring some node properties.

Usage: python tools/compare_exports.py BEFORE.json AFTER.json [--drop statements ...]
Exit code 0 when the two are identical once the dropped properties are removed, 1 otherwise (the differences
are listed: nodes only in one file, changed node properties, links only in one file).

Example, checking that a change only added a property::

    git stash; industriegraph build --db before.db; industriegraph export json -o before.json --db before.db
    git stash pop; industriegraph build --db after.db; industriegraph export json -o after.json --db after.db
    python tools/compare_exports.py before.json after.json --drop statements
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _load(path: Path, drop: set[str]) -> tuple[dict[str, dict], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes = {}
    for n in data["nodes"]:
        n["properties"] = {k: v for k, v in n["properties"].items() if k not in drop}
        nodes[n["id"]] = n
    links = [json.dumps(ln, sort_keys=True, ensure_ascii=False) for ln in data["links"]]
    return nodes, links


def compare(before: Path, after: Path, drop: set[str]) -> list[str]:
    """The differences, one line each (empty when identical)."""
    a_nodes, a_links = _load(before, drop)
    b_nodes, b_links = _load(after, drop)
    out = [f"node only before: {i}" for i in sorted(set(a_nodes) - set(b_nodes))]
    out += [f"node only after: {i}" for i in sorted(set(b_nodes) - set(a_nodes))]
    for i in sorted(set(a_nodes) & set(b_nodes)):
        a, b = a_nodes[i], b_nodes[i]
        if a["label"] != b["label"]:
            out.append(f"{i}: label {a['label']!r} -> {b['label']!r}")
        pa, pb = a["properties"], b["properties"]
        for k in sorted(set(pa) | set(pb)):
            if pa.get(k) != pb.get(k):
                out.append(f"{i}.{k}: {pa.get(k)!r} -> {pb.get(k)!r}")
    out += [f"link only before: {ln}" for ln in sorted(set(a_links) - set(b_links))]
    out += [f"link only after: {ln}" for ln in sorted(set(b_links) - set(a_links))]
    if not out and a_links != b_links:
        out.append("links: same set, different order or multiplicity")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--drop", nargs="*", default=[], help="Node properties to ignore.")
    args = parser.parse_args()
    diffs = compare(args.before, args.after, set(args.drop))
    for line in diffs[:200]:
        print(line)
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    print(
        f"{'identical' if not diffs else f'{len(diffs)} differences'}"
        f" (ignoring {', '.join(args.drop) or 'nothing'}): {len(a['nodes'])}/{len(b['nodes'])} nodes, "
        f"{len(a['links'])}/{len(b['links'])} links"
    )
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
