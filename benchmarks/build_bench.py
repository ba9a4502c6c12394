"""Benchmark: wall time and peak memory of a full build from the vendored sources.

Usage: python benchmarks/build_bench.py [--repeat N] [--sources DIR]
Prints one line per run and a summary, so results can be compared side by side with a baseline
(e.g. `git stash; python benchmarks/build_bench.py; git stash pop; python benchmarks/build_bench.py`).
Target: a full build under 10 s on the reference machine (2 cores).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from industriegraph.pipeline.build import build, default_sources, resolve_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sources", type=Path, default=default_sources())
    args = parser.parse_args()
    walls = []
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            report = build(args.sources, Path(tmp) / "bench.db")
            wall = time.perf_counter() - start
        walls.append(wall)
        print(f"run {i + 1}: full build {wall:.3f} s ({sum(report.counts.values())} nodes+relationships)")
    tracemalloc.start()
    start = time.perf_counter()
    resolve_sources(args.sources)
    parse = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"build: median {statistics.median(walls):.3f} s, min {min(walls):.3f} s (target < 10 s)")
    print(
        f"load+resolve only: {parse:.3f} s, Python peak {peak / 2**20:.1f} MiB (tracemalloc); "
        f"process max RSS {rss:.0f} MiB"
    )


if __name__ == "__main__":
    main()
