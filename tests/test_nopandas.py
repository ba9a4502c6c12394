"""The build command's process never imports pandas, and what the build does with pyarrow, numpy conversion and
Ladybug still works there (in a fresh interpreter: the change lasts for the rest of a process)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib.util, sys
from industriegraph.pipeline.nopandas import forget_pandas
assert forget_pandas()
assert importlib.util.find_spec("pandas") is None
import pyarrow as pa, pyarrow.compute as pc
table = pa.table({"id": pa.array(["b", "a"]), "n": pa.array([2, 1])})
assert pc.index_in(table["id"], pa.array(["a", "b"])).to_numpy().tolist() == [1, 0]
import ladybug
db = ladybug.Database(sys.argv[1])
conn = ladybug.Connection(db)
conn.execute("CREATE NODE TABLE T(id STRING PRIMARY KEY, n INT64)")
arrow_rows = table
conn.execute("COPY T FROM arrow_rows")
rows = conn.execute("MATCH (t:T) RETURN t.id, t.n ORDER BY t.id").get_all()
assert rows == [["a", 1], ["b", 2]], rows
assert sys.modules.get("pandas") is None
assert not forget_pandas()  # once is enough
print("ok")
"""


def test_build_libraries_work_without_pandas(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", CODE, str(tmp_path / "t.db")], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_a_build_called_inside_another_program_leaves_pandas_alone(tmp_path):
    """``app`` called in-process (tests, CliRunner) must not change the process: pandas stays importable."""
    import importlib.util

    from industriegraph.cli.main import _run_build
    from industriegraph.pipeline.build import build, default_sources

    small = min(default_sources().glob("*.txt"), key=lambda p: p.stat().st_size)
    report = _run_build(lambda step: build(None, tmp_path / "g.db", files=[small], progress=step), tmp_path, True)
    assert report.counts
    assert sys.modules.get("pandas", True) is not None
    assert importlib.util.find_spec("pandas") is not None
