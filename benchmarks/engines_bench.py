"""Benchmark: Ladybug and Neo4j side by side — build, every query module and API endpoints, on the real graph and on
a synthetic graph (``industriegraph synth``), in one run; figures printed side by side and written as JSON.

Usage: python benchmarks/engines_bench.py [--neo4j URI] [--repeat 5] [--out benchmarks/engines.json]
       [--skip-synthetic] [--synth-initiatives 1000 --synth-organizations 10000 --synth-memberships 100000]

The Neo4j server comes from ``--neo4j`` or ``NEO4J_URI`` (user and password from NEO4J_USER/NEO4J_PASSWORD), e.g.
``bash tools/neo4j.sh start; export $(bash tools/neo4j.sh env)``. The run REPLACES the industriegraph graph in that
database (it ends holding the synthetic graph). Ladybug databases go to a temporary folder.

* build: the full build (read, resolve, write) and the write alone (the same resolved data into each engine).
* queries: every module on the real graph, first call and median of ``repeat`` calls on an open graph.
* api: the explorer app (``create_app`` on a path or a URI), first request and median of ``repeat`` requests.
* synthetic: ``industriegraph synth`` into Ladybug (default: a tenth of synth's default size, as Neo4j receives the
  whole graph in one transaction), the same graph written into Neo4j, and the modules that need no real names.
  Ladybug answers brokers, path, cooccurrence and match from data derived at build time; Neo4j computes them per
  call (the build stores derived data only beside a Ladybug file).

Wall times on a shared 2-core machine vary with the other load; client CPU seconds are printed beside the build
figures (Neo4j's own CPU is spent in the server process and is not in them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).parent / "industriegraph")
QUERIES: dict[str, dict[str, Any]] = {
    "cooccurrence": {},
    "kind-cooccurrence": {},
    "participation": {},
    "initiatives": {"group_by": "state"},
    "organization": {"name": "Handelskammer Hamburg"},
    "brokers": {},
    "path": {"from": "IVH", "to": "org:ig-metall"},
    "measures": {"topic": "wasserstoff"},
    "policy-transfer": {"measure": "HF3-M4"},
    "people": {},
    "quality": {"summary": True},
}
SYNTH_QUERIES = ("cooccurrence", "kind-cooccurrence", "participation", "initiatives", "brokers", "path", "quality")
ENDPOINTS = (
    "/api/stats",
    "/api/search?q=Wasserstoff",
    "/api/nodes/org:ivh",
    "/api/nodes/org:ivh/ego",
    "/api/queries/brokers?top=10",
    "/api/match/H2Berlin?top=5",
    "/api/peer-groups",
    "/api/export/json",
)
ENGINES = ("ladybug", "neo4j")
results: dict[str, dict[str, dict[str, Any]]] = {}


def record(section: str, name: str, engine: str, **figures: Any) -> None:
    results.setdefault(section, {}).setdefault(name, {})[engine] = figures


def show(section: str, columns: tuple[str, ...]) -> None:
    print(f"\n== {section} " + "=" * (90 - len(section)))
    head = f"{'':44s}" + "".join(f"{e + ' ' + c:>22s}" for c in columns for e in ENGINES)
    print(head + f"{'neo4j/ladybug':>15s}")
    for name, by_engine in results.get(section, {}).items():
        cells, ratio = [], ""
        for c in columns:
            for e in ENGINES:
                v = by_engine.get(e, {}).get(c)
                cells.append(f"{v:22.3f}" if isinstance(v, float | int) else f"{str(v or '-')[:21]:>22s}")
        a, b = (by_engine.get(e, {}).get(columns[-1]) for e in ENGINES)
        if isinstance(a, float | int) and isinstance(b, float | int) and a:
            ratio = f"{b / a:15.1f}"
        print(f"{name[:44]:44s}" + "".join(cells) + ratio)


def timed(fn, *args, **kwargs) -> tuple[Any, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def repeated(fn, repeat: int) -> dict[str, Any]:
    """First call and median of ``repeat`` further calls, in milliseconds; an error is recorded, not raised."""
    try:
        _, first, _ = timed(fn)
        rest = [timed(fn)[1] for _ in range(repeat)]
    except Exception as exc:  # noqa: BLE001 - a benchmark reports what failed and goes on
        return {"error": f"{type(exc).__name__}: {str(exc)[:80]}"}
    return {"first_ms": round(first * 1000, 2), "median_ms": round(statistics.median(rest) * 1000, 2)}


def bench_build(sources: Path, ladybug: Path, uri: str) -> Any:
    from industriegraph.pipeline.build import build, resolve_sources

    for engine, target in zip(ENGINES, (ladybug, uri), strict=True):
        _, wall, cpu = timed(build, sources, target)
        record("build", "full build (read, resolve, write)", engine, wall_s=round(wall, 3), client_cpu_s=round(cpu, 3))
    data, _ = resolve_sources(sources)
    _, wall, cpu = timed(write_ladybug, ladybug.with_name("write-only.db"), data)
    record("build", "write only", "ladybug", wall_s=round(wall, 3), client_cpu_s=round(cpu, 3))
    _, wall, cpu = timed(write_neo4j, uri, data)
    record("build", "write only", "neo4j", wall_s=round(wall, 3), client_cpu_s=round(cpu, 3))
    show("build", ("wall_s", "client_cpu_s"))
    return data


def write_ladybug(path: Path, data) -> None:
    from industriegraph.store.ladybug import LadybugStore

    store = LadybugStore(path)
    try:
        store.create_schema()
        store.write(data)
    finally:
        store.close()


def write_neo4j(uri: str, data) -> None:
    from industriegraph.store.neo4j import Neo4jStore

    store = Neo4jStore(uri)
    try:
        store.create_schema()
        store.write(data)
    finally:
        store.close()


def bench_queries(section: str, targets: dict[str, str], queries: dict[str, dict[str, Any]], repeat: int) -> None:
    from industriegraph.graph.facade import Graph

    for engine, target in targets.items():
        with Graph.open(target) as g:
            for name, params in queries.items():
                record(section, name, engine, **repeated(lambda g=g, n=name, p=params: g.query(n, **p), repeat))
    show(section, ("first_ms", "median_ms"))


def bench_api(targets: dict[str, str], repeat: int) -> None:
    from fastapi.testclient import TestClient

    from industriegraph.web.app import create_app

    for engine, target in targets.items():
        app = create_app(target)
        with TestClient(app) as client:
            for url in ENDPOINTS:

                def get(url=url):
                    r = client.get(url)
                    r.raise_for_status()

                record("api", url, engine, **repeated(get, repeat))
        app.state.graph.close()
    show("api", ("first_ms", "median_ms"))


def graph_data_of(db: Path):
    """The GraphData of a Ladybug database (to write the very same graph into Neo4j)."""
    from industriegraph.graph.facade import Graph
    from industriegraph.model.records import GraphData

    data = GraphData()
    with Graph.open(db, derived=False) as g:
        labels = {}
        for n in g.nodes():
            labels[n["id"]] = n["_label"]
            data.nodes[n["_label"]].append({k: v for k, v in n.items() if k != "_label"})
        for r in g.relationships():
            props = {k: v for k, v in r["r"].items() if k != "_label"}
            row = {"from": r["source"], "to": r["target"], "_from": labels[r["source"]], "_to": labels[r["target"]]}
            data.rels[r["r"]["_label"]].append(row | props)
    return data


def bench_synthetic(args, tmp: Path, uri: str) -> None:
    if subprocess.run([CLI, "synth", "--help"], capture_output=True).returncode != 0:
        print("\n== synthetic: skipped (`industriegraph synth` is not in this checkout)")
        return
    db = tmp / "synth.db"
    size = ["--initiatives", str(args.synth_initiatives), "--organizations", str(args.synth_organizations)]
    size += ["--memberships", str(args.synth_memberships)]
    start = time.perf_counter()
    proc = subprocess.run([CLI, "synth", "--db", str(db), "--json", *size], capture_output=True, text=True, check=True)
    report = json.loads(proc.stdout)
    record(
        "synthetic",
        "write (synth into Ladybug / same graph into Neo4j)",
        "ladybug",
        wall_s=round(time.perf_counter() - start, 3),
        note=f"{sum(report['counts'].values())} nodes+rels",
    )
    data = graph_data_of(db)
    _, wall, cpu = timed(write_neo4j, uri, data)
    record("synthetic", "write (synth into Ladybug / same graph into Neo4j)", "neo4j", wall_s=round(wall, 3))
    show("synthetic", ("wall_s",))
    from industriegraph.graph.facade import Graph

    with Graph.open(db) as g:
        orgs = [r["id"] for r in g.cypher("MATCH (o:Organization)-[:MEMBER_OF]->() RETURN DISTINCT o.id AS id LIMIT 2")]
    queries = {name: {} for name in SYNTH_QUERIES}
    queries["path"] = {"from": orgs[0], "to": orgs[-1]}
    bench_queries("synthetic queries", {"ladybug": str(db), "neo4j": uri}, queries, max(1, args.repeat // 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neo4j", default=os.environ.get("NEO4J_URI"), help="Neo4j URI (default: $NEO4J_URI)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "engines.json")
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--synth-initiatives", type=int, default=1_000)
    parser.add_argument("--synth-organizations", type=int, default=10_000)
    parser.add_argument("--synth-memberships", type=int, default=100_000)
    args = parser.parse_args()
    if not args.neo4j:
        sys.exit(
            "no Neo4j server: pass --neo4j URI or set NEO4J_URI "
            "(bash tools/neo4j.sh start; export $(bash tools/neo4j.sh env))"
        )
    with tempfile.TemporaryDirectory(prefix="engines-bench-") as folder:
        tmp = Path(folder)
        real = tmp / "real.db"
        bench_build(args.sources, real, args.neo4j)
        targets = {"ladybug": str(real), "neo4j": args.neo4j}
        bench_queries("queries", targets, QUERIES, args.repeat)
        bench_api(targets, args.repeat)
        if args.skip_synthetic:
            print("\n== synthetic: skipped (--skip-synthetic)")
        else:
            bench_synthetic(args, tmp, args.neo4j)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
