"""Work in a forked child (pipeline.forked): the same result as here, errors raised as here, no child left behind,
and a build whose output does not depend on whether it forked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from industriegraph.pipeline import changes, forked
from industriegraph.text.source import SourceError

needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="no second CPU or no os.fork here")


def _in_fresh_process(code: str) -> dict:
    """Run ``code`` in a fresh interpreter (no other thread: a long test session has some, and a process with
    threads does not fork) and return the JSON it prints last."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


@needs_fork
def test_the_child_computes_what_this_process_would():
    facts = _in_fresh_process(
        "import json, os\n"
        "from industriegraph.pipeline import forked\n"
        "with forked.start(lambda: (os.getpid(), [x * x for x in range(1000)])) as pending:\n"
        "    pid, squares = pending.result()\n"
        "print(json.dumps({'parent': os.getpid(), 'child': pid, 'ok': squares == [x * x for x in range(1000)]}))\n"
    )
    assert facts["child"] != facts["parent"] and facts["ok"]


@needs_fork
def test_running_tells_whether_the_child_still_works():
    facts = _in_fresh_process(
        "import json, os, time\n"
        "from industriegraph.pipeline import forked\n"
        "read_end, write_end = os.pipe()\n"
        "with forked.start(lambda: os.read(read_end, 1) and 7) as pending:\n"
        "    before = pending.running()\n"  # the child waits for the byte below
        "    os.write(write_end, b'x')\n"
        "    while pending.running():\n"
        "        time.sleep(0.01)\n"
        "    value = pending.result()\n"
        "    after = pending.running()\n"
        "print(json.dumps([before, value, after]))\n"
    )
    assert facts == [True, 7, False]
    with forked.start(lambda: 1, fork=False) as pending:
        assert not pending.running()


def test_without_fork_the_work_runs_here_when_asked():
    parent = os.getpid()
    with forked.start(lambda: os.getpid(), fork=False) as pending:
        assert pending.result() == parent


def test_a_failing_child_raises_here_with_the_error_of_the_work():
    def work():
        raise SourceError("report.txt", "no table of initiatives", 12)

    with forked.start(work) as pending, pytest.raises(SourceError, match="report.txt.*12"):
        pending.result()
    facts = _in_fresh_process(  # the same with a child that really forked
        "import json, os\n"
        "from industriegraph.pipeline import forked\n"
        "from industriegraph.text.source import SourceError\n"
        "def work():\n"
        "    if os.getpid() != parent:\n"
        "        raise SourceError('report.txt', 'no table of initiatives', 12)\n"
        "    raise SourceError('report.txt', 'raised again here', 12)\n"
        "parent = os.getpid()\n"
        "try:\n"
        "    with forked.start(work) as pending:\n"
        "        pending.result()\n"
        "except SourceError as exc:\n"
        "    print(json.dumps({'error': str(exc)}))\n"
    )
    assert "raised again here" in facts["error"]  # the child failed, and the work ran here with its own error


@needs_fork
def test_a_child_whose_result_is_not_read_is_stopped():
    facts = _in_fresh_process(
        "import json, os, time\n"
        "from industriegraph.pipeline import forked\n"
        "with forked.start(lambda: time.sleep(60)) as pending:\n"
        "    pid = pending._pid\n"
        "    running = pid is not None and os.path.exists(f'/proc/{pid}')\n"
        "print(json.dumps({'running': running, 'after': os.path.exists(f'/proc/{pid}')}))\n"
    )
    assert facts == {"running": True, "after": False}  # killed and reaped, not a zombie


def test_no_fork_beside_another_thread():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_the_build_writes_the_same_graph_with_and_without_a_child(tmp_path):
    exports = []
    for fork in ("1", "0"):
        db = tmp_path / f"fork{fork}" / "graph.db"
        env = {**os.environ, "INDUSTRIEGRAPH_FORK": fork}
        cli = [sys.executable, "-m", "industriegraph.cli.main"]
        subprocess.run([*cli, "build", "--db", str(db), "--json"], env=env, check=True, capture_output=True)
        out = tmp_path / f"fork{fork}.json"
        subprocess.run([*cli, "export", "json", "-o", str(out), "--db", str(db)], check=True, capture_output=True)
        derived = changes.derived_digests(db.with_name(db.name + ".derived"))  # every member but the file's stamp
        exports.append((out.read_bytes(), derived))
    assert exports[0][0] == exports[1][0] and len(exports[0][0]) > 100_000
    assert exports[0][1] == exports[1][1] and any(k.startswith("policy-transfer/") for k in exports[0][1])


@needs_fork
def test_this_process_reads_its_share_before_it_waits_whatever_the_names(tmp_path):
    """The child reads the longest text; named so that it sorts first, this process still reads the four others
    before it waits (and hands their results to ``while_waiting``), instead of waiting first and reading after."""
    from industriegraph.pipeline.folders import default_sources

    for src in default_sources().glob("*.txt"):
        name = f"a-{src.name}" if src.name.startswith("servicestelle") else f"z-{src.name}"
        (tmp_path / name).write_bytes(src.read_bytes())
    facts = _in_fresh_process(
        "import json, os, sys\n"
        "from pathlib import Path\n"
        "from industriegraph.pipeline.build import load_documents\n"
        "seen = []\n"
        "def waiting(at_hand, child_reads):\n"
        "    seen.append(sorted({e.evidence[0].split(':')[0] for r in at_hand for e in r.entities if e.evidence}))\n"
        f"_, results, rows = load_documents(Path({str(tmp_path)!r}), while_waiting=waiting)\n"
        "print(json.dumps({'seen': seen, 'files': [r['file'] for r in rows]}))\n"
    )
    assert facts["files"][0].startswith("a-servicestelle") and len(facts["files"]) == 5
    assert facts["seen"] == [sorted(f for f in facts["files"] if f.startswith("z-"))]
