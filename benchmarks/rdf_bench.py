"""Benchmark: RDF export time and peak memory, per engine, beside the target of ≤ 3 s per million triples.

Usage: python benchmarks/rdf_bench.py [--factor 100] [--format turtle] [--skip-rdflib-large] [--db PATH]
Builds the real graph and a synthetic graph at ``factor`` times its size
(``industriegraph synth`` with 97, 1,000 and 10,000 initiatives, organisations and memberships per factor; x100 is
the default size of ``synth``) in a temporary folder (or takes the synthetic graph at ``--db``), then exports each
as ``industriegraph export rdf`` does, each export in its own process: wall and CPU seconds per million triples,
max RSS of that process as peak memory, and the load average (the machine is shared).
``pyoxigraph`` (the default) reads the graph in bulk and writes N-Triples lines
(``industriegraph.analysis.export.ntriples``); ``rdflib`` is the reference mapping (a Python tuple per triple),
about ten minutes and 3 GiB for the x100 graph: --skip-rdflib-large leaves it out there.
Target (issue 13): RDF export ≤ 3 s per million triples on the large synthetic graph (2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from industriegraph.analysis.export.rdf import ENGINES, FORMATS, export_rdf
from industriegraph.graph.facade import Graph
from industriegraph.pipeline.build import build
from industriegraph.pipeline.synth import synth

TARGET = 3.0  # seconds per million triples


def peak_rss() -> float:
    """This process's peak resident memory in MiB (VmHWM: its own, whereas ru_maxrss after fork and exec can carry
    the parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(db: str, engine: str, fmt: str, out: str) -> None:
    """One export in a fresh process, so its peak memory (max RSS) is its own."""
    start, cpu = time.perf_counter(), time.process_time()
    with Graph.open(db) as g:
        counts = export_rdf(g, out, fmt, engine=engine)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = peak_rss()
    print(json.dumps({"triples": counts["triples"], "total": total, "cpu": cpu, "rss": rss, "bytes": counts["bytes"]}))


def bench(name: str, db: Path, out_dir: Path, fmt: str, engines: tuple[str, ...], target: bool = True) -> None:
    """Export ``db`` with each engine; ``target``: print the verdict on the target (a large graph; on the real graph
    the fixed cost of opening the database and reading 31 tables dominates)."""
    print(f"{name} ({fmt}):")
    for engine in engines:
        out = out_dir / f"{name}-{engine}.{FORMATS[fmt]}"
        cmd = [sys.executable, __file__, "--child", str(db), engine, fmt, str(out)]
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        load = os.getloadavg()[0]
        out.unlink()
        million = r["triples"] / 1e6
        per_m = r["total"] / million
        print(
            f"  {engine:>10}: {r['triples']:>10,} triples  wall {r['total']:7.2f} s  CPU {r['cpu']:7.2f} s  "
            f"{per_m:6.2f} s/M triples wall, {r['cpu'] / million:6.2f} s/M CPU"
            + (f" (target ≤ {TARGET:.0f} s/M wall: {'ok' if per_m <= TARGET else 'MISSED'})" if target else "")
            + f"  max RSS {r['rss']:6.0f} MiB  "
            f"file {r['bytes'] / 2**20:5.0f} MiB  load {load:.1f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--format", default="turtle", choices=list(FORMATS))
    parser.add_argument("--skip-rdflib-large", action="store_true", help="Only pyoxigraph on the synthetic graph.")
    parser.add_argument("--db", type=Path, help="A synthetic graph already built (skips building one).")
    parser.add_argument("--child", nargs=4, metavar=("DB", "ENGINE", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        real = tmp_path / "real.db"
        build(None, real)
        bench("real", real, tmp_path, args.format, ENGINES, target=False)
        big = args.db
        if big is None:
            big = tmp_path / f"synthetic-{args.factor}.db"
            start = time.perf_counter()
            synth(big, initiatives=97 * args.factor, organizations=1000 * args.factor, memberships=10_000 * args.factor)
            print(f"(synthetic graph x{args.factor} built in {time.perf_counter() - start:.1f} s)")
        engines = ("pyoxigraph",) if args.skip_rdflib_large else ENGINES
        bench(f"synthetic-{big.stem}", big, tmp_path, args.format, engines)


if __name__ == "__main__":
    main()
