"""Benchmark: ``match`` for one initiative and ``peer-groups`` on the real graph and on a synthetic one.

Usage: python benchmarks/match_bench.py [--factor 100] [--repeat 5] [--groups-limit 1000]
Builds the real graph and a synthetic graph (``industriegraph synth``: 97 initiatives, 1,000 organisations
and 10,000 memberships per factor) into a temporary folder,
then prints wall times and the process's peak RSS: the one-off feature extraction per graph (cached on
the Graph object afterwards; a CLI call pays it each time), ``match`` (median of ``repeat`` calls on a
warm cache) and ``peer-groups`` (all initiatives of the real graph; the first ``groups-limit`` initiatives
of the synthetic one).
Targets: ``match`` under 200 ms and ``peer-groups`` for 1,000 initiatives under 10 s at 100 times the size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from industriegraph.analysis.match import features, match, peer_groups
from industriegraph.graph.facade import Graph
from industriegraph.pipeline.build import build, default_sources
from industriegraph.pipeline.synth import synth

QUERY = "ini:h2berlin"
SYNTH_QUERY = "ini:synth-00042"  # (the synthetic graph has no H2Berlin)


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(label: str, db: Path, repeat: int, limit: int | None) -> None:
    with Graph.open(db) as g:
        start = time.perf_counter()
        f = features(g)
        extract = time.perf_counter() - start
        print(
            f"{label}: {len(f)} initiatives; feature extraction (once per open graph) {extract:.3f} s, "
            f"process max RSS {_rss():.0f} MiB"
        )
        walls = []
        query = SYNTH_QUERY if label.startswith("synthetic") else QUERY
        for _ in range(repeat):
            start = time.perf_counter()
            peers = match(g, query, top=5)
            walls.append(time.perf_counter() - start)
        print(
            f"{label}: match {query} top 5: median {statistics.median(walls) * 1000:.1f} ms, "
            f"max {max(walls) * 1000:.1f} ms (target < 200 ms); first peer {peers[0]['initiative']['name']!r}"
        )
        for mode in ("similar", "mixed"):
            start = time.perf_counter()
            result = peer_groups(g, mode=mode, limit=limit)
            wall = time.perf_counter() - start
            n = sum(len(grp["initiatives"]) for grp in result["groups"])
            print(
                f"{label}: peer-groups --mode {mode}: {n} initiatives in {len(result['groups'])} groups "
                f"{wall:.3f} s (target < 10 s), process max RSS {_rss():.0f} MiB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--groups-limit", type=int, default=1000)
    parser.add_argument("--sources", type=Path, default=default_sources())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        real, synthetic = Path(tmp) / "real.db", Path(tmp) / f"synthetic-{args.factor}x.db"
        build(args.sources, real)
        start = time.perf_counter()
        synth(
            synthetic, initiatives=97 * args.factor, organizations=1000 * args.factor, memberships=10_000 * args.factor
        )
        print(f"synthetic graph {args.factor}x built in {time.perf_counter() - start:.1f} s")
        bench("real", real, args.repeat, None)
        bench(f"synthetic {args.factor}x", synthetic, args.repeat, args.groups_limit)
    print(f"process max RSS {_rss():.0f} MiB")


if __name__ == "__main__":
    main()
