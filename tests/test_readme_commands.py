"""Every `industriegraph …` command in the README's shell blocks runs as written against a freshly built graph.

Optional parts in brackets (``[--db PATH | --neo4j URI]``) are dropped; the database comes from
``INDUSTRIEGRAPH_DB`` and files are written into a temporary working directory. ``serve`` runs until stopped, so
it is started and must answer its first page (the explorer itself is tested in tests/api and tests/browser).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "industriegraph"


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.strip()
            if not re.match(r"(\.venv/bin/)?industriegraph\s", line) or re.search(r"#\s*not run here\b", line):
                continue  # "# not run here: …" marks a command that needs state the test has not got (a review id)
            line = re.sub(r"\s+#\s.*$", "", line)  # trailing comment
            line = re.sub(r"\s*\[[^\]]*\]", "", line)  # optional parts
            out.append(line)
    return out


COMMANDS = readme_commands()
NEO4J_URI = re.compile(r"^(neo4j|bolt)(\+s|\+ssc)?://")


def test_the_readme_has_commands():
    assert len(COMMANDS) >= 15
    assert any("peer-groups --topic Fachkräfte" in c for c in COMMANDS)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    work = tmp_path_factory.mktemp("readme")
    # the README's commands without a URI mean the local file (an exported NEO4J_URI does not redirect them: the
    # environment is kept as `make test` sets it), the lines naming a server get the test server below
    env = dict(os.environ)
    env |= {"INDUSTRIEGRAPH_DB": str(work / "industriegraph.db"), "COLUMNS": "120"}
    (work / "examples").symlink_to(ROOT / "examples")  # the README's example files, by their relative paths
    return work, env


def _run(args: list[str], work: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLI), *args], cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_every_readme_command_runs(workdir):
    work, env = workdir
    # data/sources is found relative to the package; build first (the README's first command), then the rest
    ordered = sorted(COMMANDS, key=lambda c: (" build" not in c, " validate" in c))
    failures = []
    server = os.environ.get("NEO4J_URI")
    for line in ordered:
        args = shlex.split(line)[1:]
        if args[0] == "serve":
            continue
        if any(NEO4J_URI.match(a) for a in args):
            if not server:  # `make test` starts a Neo4j server; without one these lines cannot run
                continue
            # the README's example hosts stand for the user's server: here the test server (same graph)
            args = [server if NEO4J_URI.match(a) else a for a in args]
        started = time.monotonic()
        result = _run(args, work, env)
        if result.returncode != 0:
            failures.append(f"{line}\n  exit {result.returncode}: {result.stderr.strip()[-600:]}")
        elif time.monotonic() - started > 300:
            failures.append(f"{line}: took {time.monotonic() - started:.0f} s")
    assert not failures, "\n".join(failures)
    assert (work / "graph.json").exists() and (work / "graph.ttl").exists() and (work / "networks").is_dir()


def test_serve_from_the_readme_answers(workdir):
    work, env = workdir
    line = next(c for c in re.findall(r"`(industriegraph serve[^`]*)`", (ROOT / "README.md").read_text()))
    args = shlex.split(re.sub(r"\s*\[[^\]]*\]", "", line))[1:]
    if not (work / "industriegraph.db").exists():
        assert _run(["build"], work, env).returncode == 0
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(CLI), *args, "--port", str(port)], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    assert r.status == 200
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
