"""Benchmark: RDF export time and peak memory, rdflib and pyoxigraph side by side.

Usage: python benchmarks/rdf_bench.py [--factor 100] [--format turtle] [--skip-rdflib-large]
Builds the real graph and a synthetic graph at ``factor`` times its size
(``industriegraph synth`` with 97, 1,000 and 10,000 initiatives, organisations and memberships per factor)
in a temporary folder, then exports each with both
engines, each export in its own process (wall time; max RSS of that process as peak memory).
Reading the graph and mapping it to triples is the same code for both engines and shown separately.
rdflib needs about ten minutes and 3 GiB for the x100 graph; --skip-rdflib-large leaves it out.
Target: one million triples in under 10 s (reference machine, 2 cores).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from industriegraph.analysis.export.rdf import ENGINES, FORMATS, export_triples, write
from industriegraph.graph.facade import Graph
from industriegraph.pipeline.build import build
from industriegraph.pipeline.synth import synth


def child(db: str, engine: str, fmt: str, out: str) -> None:
    """One export in a fresh process, so its peak memory (max RSS) is its own."""
    start = time.perf_counter()
    with Graph.open(db) as g:
        triples = export_triples(g, fmt=fmt)
    mapped = time.perf_counter() - start
    write(triples, out, fmt, engine)
    total = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = Path(out).stat().st_size
    print(json.dumps({"triples": len(triples), "map": mapped, "total": total, "rss": rss, "bytes": size}))


def bench(name: str, db: Path, out_dir: Path, fmt: str, engines: tuple[str, ...]) -> None:
    print(f"{name} ({fmt}):")
    for engine in engines:
        out = out_dir / f"{name}-{engine}.{FORMATS[fmt]}"
        cmd = [sys.executable, __file__, "--child", str(db), engine, fmt, str(out)]
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        out.unlink()
        print(
            f"  {engine:>10}: {r['triples']:>10,} triples  total {r['total']:7.2f} s "
            f"(read+map {r['map']:6.2f} s, serialise {r['total'] - r['map']:7.2f} s)  "
            f"{r['triples'] / r['total'] / 1e6:5.2f} M triples/s  max RSS {r['rss']:6.0f} MiB  "
            f"file {r['bytes'] / 2**20:5.0f} MiB",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--format", default="turtle", choices=list(FORMATS))
    parser.add_argument("--skip-rdflib-large", action="store_true", help="Only pyoxigraph on the synthetic graph.")
    parser.add_argument("--child", nargs=4, metavar=("DB", "ENGINE", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        real = tmp_path / "real.db"
        build(None, real)
        bench("real", real, tmp_path, args.format, ENGINES)
        big = tmp_path / f"synthetic-{args.factor}.db"
        start = time.perf_counter()
        synth(big, initiatives=97 * args.factor, organizations=1000 * args.factor, memberships=10_000 * args.factor)
        print(f"(synthetic graph x{args.factor} built in {time.perf_counter() - start:.1f} s)")
        engines = ("pyoxigraph",) if args.skip_rdflib_large else ENGINES
        bench(f"synthetic-x{args.factor}", big, tmp_path, args.format, engines)


if __name__ == "__main__":
    main()
