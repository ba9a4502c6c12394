"""Benchmark: the running explorer under concurrent clients (requests/s, p50/p99 latency, errors).

Usage: python benchmarks/serve_bench.py [--db PATH] [--seconds 30] [--concurrency 50] [--workers 1]
       [--rate 500] [--only all|page|api]

Starts ``uvicorn`` on 127.0.0.1 and a free port in a subprocess (the real server, not a test client),
then keeps ``--concurrency`` clients busy for ``--seconds`` on a mix of entity pages (the HTML pages
``/initiative/…`` and ``/organisation/…``, or the JSON ``/api/initiatives/…`` if the pages are not
there), the JSON entity endpoint, search and a query endpoint. Prints one line per kind of request and a
total. Target: zero errors; the graph is shared by all requests (see ``LockedStore``).

Two phases, because throughput and latency are two questions:
* **saturation** (closed loop): ``--concurrency`` clients each send their next request as soon as the last one
  is answered. This gives the most requests per second the server manages; latency here only says how long the
  queue is (with 50 clients always waiting, mean latency = 50 / throughput, whatever the server does).
* **fixed rate** (open loop, as ``wrk2``): requests are due on a fixed schedule of ``--rate`` per second and each
  latency is counted from the moment the request was due, not from when a client got round to sending it
  (so a stalled server cannot hide its stall by delaying the next requests: no coordinated omission). The p99
  of this phase answers "at 500 requests per second, how slow is the slowest 1 %?".
Loopback only and bounded: at most 600 s and 500 clients. Without ``--db`` the real graph is built into a
temporary folder first.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

HOST = "127.0.0.1"
MAX_SECONDS, MAX_CLIENTS = 600, 500


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "uvicorn", "industriegraph.web.app:create_warm_app", "--factory"]
    cmd += ["--host", HOST, "--port", str(port), "--log-level", "warning", "--workers", str(workers)]
    env = {**os.environ, "INDUSTRIEGRAPH_DB": str(db)}
    return subprocess.Popen(cmd, env=env)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before answering")
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server at {base} not ready after {timeout} s")


def targets(base: str) -> dict[str, list[str]]:
    """URLs per kind of request, from the graph itself."""
    rows = httpx.get(f"{base}/api/queries/initiatives", params={"limit": 1000}, timeout=30).json()["rows"]
    ini = [r["id"] for r in rows]
    orgs = [
        h["id"] for h in httpx.get(f"{base}/api/search", params={"q": "IHK", "limit": 50}, timeout=30).json()["hits"]
    ]
    html = httpx.get(f"{base}/initiative/{ini[0].split(':', 1)[1]}", timeout=30)
    has_pages = html.status_code == 200 and html.headers.get("content-type", "").startswith("text/html")
    out: dict[str, list[str]] = {}
    if has_pages:
        out["page /initiative"] = [f"/initiative/{i.split(':', 1)[1]}" for i in ini]
        out["page /organisation"] = [f"/organisation/{o.split(':', 1)[1]}" for o in orgs if o.startswith("org:")]
    else:
        out["api /initiatives"] = [f"/api/initiatives/{i}" for i in ini]
    out["api /nodes"] = [f"/api/nodes/{i}" for i in ini[:40] + orgs]
    kinds = ["IHK", "Union", "Handwerkskammer", "University", "Company", "Municipality"]
    out["api /queries/cooccurrence"] = [
        f"/api/queries/cooccurrence?kind_a={a}&kind_b={b}" for a in kinds for b in kinds if a != b
    ]
    out["api /search"] = [
        f"/api/search?q={q}" for q in ("Wasserstoff", "IHK Aachen", "Fachkräfte", "Hamburg", "Metall")
    ]
    return out


def page_paths(base: str) -> list[str]:
    """Every HTML page of the explorer: the routes without parameters (read from the app's routers, so new pages
    are measured too) and one of each kind of entity page."""
    from fastapi.responses import HTMLResponse

    from industriegraph.web import explore, matchmaking, opendata, pages

    out = []
    for module in (explore, matchmaking, opendata, pages):
        for route in module.router.routes:
            if "GET" in getattr(route, "methods", ()) and "{" not in route.path:
                if getattr(route, "response_class", None) is HTMLResponse:
                    out.append(route.path)
    ini = httpx.get(f"{base}/api/queries/initiatives", params={"limit": 1}, timeout=60).json()["rows"][0]["id"]
    org = httpx.get(f"{base}/api/search", params={"q": "IHK", "limit": 1}, timeout=60).json()["hits"][0]["id"]
    out += [f"/initiative/{ini.split(':', 1)[1]}", f"/organisation/{org.split(':', 1)[1]}", f"/knoten/{ini}"]
    out += ["/suche?q=Wasserstoff"]
    return sorted(set(out))


def first_loads(base: str) -> dict[str, float]:
    """Seconds of the first request to every page after the server started (nothing warmed but the search index
    the app builds at start). One request at a time."""
    out = {}
    with httpx.Client(timeout=120) as client:
        for path in page_paths(base):
            start = time.perf_counter()
            r = client.get(base + path)
            out[path] = time.perf_counter() - start
            if r.status_code >= 500:
                out[path] = float("inf")
    return out


def fetch(conn: http.client.HTTPConnection, url: str, errors: list[str]) -> http.client.HTTPConnection:
    """GET ``url`` on a keep-alive connection and read the answer; a status other than 200 or a failure is noted in
    ``errors``. Returns the connection to use next (a new one after a failure)."""
    try:
        conn.request("GET", quote(url, safe="/?=&:"))
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            errors.append(f"{r.status} {url}")
    except (OSError, http.client.HTTPException) as exc:
        errors.append(f"{type(exc).__name__} {url}")
        conn.close()
        conn = http.client.HTTPConnection(conn.host, conn.port, timeout=30)
    return conn


def run_threads(worker, n: int) -> None:
    """``worker(k)`` for k in range(n), each in its own thread; returns when all are done.

    The client's own collector is off meanwhile (its objects frozen first): a full collection in this process
    stopped every client thread for 20-57 ms, and the requests due then were counted late as if the server had
    stalled. What the threads allocate in 15 seconds is small, and it is collected after."""
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(n)]
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        gc.enable()
        gc.unfreeze()


def drive(port: int, urls: dict[str, list[str]], seconds: float, clients: int) -> tuple[dict, dict, float]:
    """``clients`` threads, each with its own keep-alive connection, cycling through the kinds of request.

    Why threads and the standard library's ``http.client`` rather than httpx: the client must not be
    the bottleneck; measured on 2 cores, httpx's async client tops out near 100 requests/s with 50
    connections while ``http.client`` in threads drives the same server past 1,000 requests/s.
    """
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    kinds = list(urls)
    start = time.perf_counter()
    stop = start + seconds

    def worker(k: int) -> None:
        rng = random.Random(k)
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        i = k
        while time.perf_counter() < stop:
            kind = kinds[i % len(kinds)]
            i += 1
            url = rng.choice(urls[kind])
            t0 = time.perf_counter()
            conn = fetch(conn, url, errors[kind])
            latencies[kind].append(time.perf_counter() - t0)
        conn.close()

    run_threads(worker, clients)
    return latencies, errors, time.perf_counter() - start


def drive_rate(
    port: int, urls: dict[str, list[str]], seconds: float, rate: float, connections: int
) -> tuple[dict, dict, float, int]:
    """Requests due at a fixed ``rate`` (open loop) over ``connections`` keep-alive connections; each latency runs
    from the request's due time to its answer. Returns latencies and errors per kind, the wall time and how many
    requests were sent late by more than 1 ms because every connection was busy (then the client, not only the
    server, may be the limit)."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    kinds = list(urls)
    total = int(seconds * rate)
    lock = threading.Lock()
    counter = iter(range(total))
    late = [0]
    start = time.perf_counter() + 0.05

    def worker(k: int) -> None:
        rng = random.Random(k)
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            due = start + i / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            elif wait < -0.001:
                late[0] += 1
            kind = kinds[i % len(kinds)]
            url = rng.choice(urls[kind])
            conn = fetch(conn, url, errors[kind])
            latencies[kind].append(time.perf_counter() - due)
        conn.close()

    run_threads(worker, connections)
    return latencies, errors, time.perf_counter() - start, late[0]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def report(title: str, latencies: dict, errors: dict, wall: float) -> dict[str, float]:
    """Print one line per kind of request and a total; return the total's figures."""
    print(title)
    for kind in latencies:
        lat = latencies[kind]
        print(
            f"  {kind:28s} {len(lat):7d} requests  {len(lat) / wall:8.1f} req/s  "
            f"p50 {pct(lat, 50) * 1000:7.1f} ms  p99 {pct(lat, 99) * 1000:7.1f} ms  errors {len(errors[kind])}"
        )
    every = [x for v in latencies.values() for x in v]
    n_err = sum(len(v) for v in errors.values())
    figures = {
        "requests": len(every),
        "rps": len(every) / wall,
        "p50_ms": pct(every, 50) * 1000,
        "p99_ms": pct(every, 99) * 1000,
        "max_ms": max(every, default=float("nan")) * 1000,
        "errors": n_err,
    }
    print(
        f"  total: {len(every)} requests, {figures['rps']:.1f} req/s, p50 {figures['p50_ms']:.1f} ms, "
        f"p99 {figures['p99_ms']:.1f} ms, max {figures['max_ms']:.1f} ms, errors {n_err} (target 0)"
    )
    for kind, errs in errors.items():
        for e in errs[:5]:
            print(f"  error [{kind}]: {e}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="Built Ladybug database (default: build the real graph first).")
    parser.add_argument("--seconds", type=float, default=30.0, help="How long each phase drives the server.")
    parser.add_argument("--concurrency", type=int, default=50, help="Clients at a time in the saturation phase.")
    parser.add_argument("--rate", type=float, default=500.0, help="Requests per second in the fixed-rate phase.")
    parser.add_argument("--connections", type=int, default=32, help="Connections in the fixed-rate phase.")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes.")
    parser.add_argument("--only", choices=("all", "page", "api"), default="all", help="Only pages or only API calls.")
    parser.add_argument("--json", type=Path, help="Also write the figures (and each page's first load) as JSON here.")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 1.0), MAX_SECONDS)
    clients = min(max(args.concurrency, 1), MAX_CLIENTS)
    connections = min(max(args.connections, 1), MAX_CLIENTS)
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        db = args.db
        if db is None:
            from industriegraph.pipeline.build import build, default_sources

            db = Path(tmp) / "industriegraph.db"
            build(default_sources(), db)
        port = free_port()
        base = f"http://{HOST}:{port}"
        proc = start_server(db, port, args.workers)
        try:
            wait_ready(base, proc)
            first = first_loads(base)
            urls = {k: v for k, v in targets(base).items() if args.only == "all" or k.startswith(args.only)}
            with httpx.Client(timeout=60) as client:  # steady state: every URL once (first loads are above)
                for items in urls.values():
                    for url in items:
                        client.get(base + url)
            cpu_before = cpu_seconds(proc.pid)
            latencies, errors, wall = drive(port, urls, seconds, clients)
            cpu_after = cpu_seconds(proc.pid)
            rate_latencies, rate_errors, rate_wall, late = drive_rate(port, urls, seconds, args.rate, connections)
            rss = peak_rss_mib(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    saturation = report(
        f"saturation: {clients} clients for {wall:.1f} s against {base} ({args.workers} worker(s))",
        latencies,
        errors,
        wall,
    )
    fixed = report(
        f"fixed rate: {args.rate:g} requests/s due over {connections} connections for {rate_wall:.1f} s "
        "(latency from each request's due time)",
        rate_latencies,
        rate_errors,
        rate_wall,
    )
    if late:
        print(f"  {late} requests left late because all {connections} connections were busy")
    total = saturation["requests"]
    server_cpu = (cpu_after - cpu_before) if cpu_before is not None and cpu_after is not None else None
    if rss:
        print(f"server peak RSS {rss:.0f} MiB")
    if server_cpu is not None and total:
        print(
            f"server CPU (saturation): {server_cpu:.1f} s for {total} requests = "
            f"{server_cpu / total * 1000:.2f} ms per request "
            f"(at most {total / server_cpu:.0f} req/s per core; load average {os.getloadavg()[0]:.1f})"
        )
    slowest = max(first, key=first.get)
    print(
        f"first load after start: {len(first)} pages, slowest {slowest} {first[slowest] * 1000:.0f} ms (target 200 ms)"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    **saturation,
                    "clients": clients,
                    "rate": {**fixed, "due_per_second": args.rate, "connections": connections, "late": late},
                    "server_cpu_ms_per_request": server_cpu / total * 1000 if server_cpu and total else None,
                    "first_load_ms": {k: v * 1000 for k, v in first.items()},
                    "loadavg": os.getloadavg(),
                },
                indent=1,
            )
        )
    if saturation["errors"] or fixed["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
