"""The package keeps its layers: contracts hold, no import cycles, no private names across packages."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "industriegraph"


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("lint-imports is not installed (dev dependency import-linter)")
    run = subprocess.run([exe, "--config", str(ROOT / ".importlinter")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_no_import_cycles():
    graph = grimp.build_graph("industriegraph")
    g = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            g.add_edge(module, imported)
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    assert cycles == []


def _package_of(module: str) -> str:
    return module.rpartition(".")[0]


def test_no_private_name_imported_from_another_package():
    offences = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("industriegraph"):
                for alias in node.names:
                    if alias.name.startswith("_") and _package_of(node.module) != _package_of(module):
                        offences.append(f"{module}: from {node.module} import {alias.name}")
    assert offences == []


def test_graph_is_the_public_entry_point(built_db):
    from industriegraph import Graph

    with Graph.open(built_db) as g:
        rows = g.query("cooccurrence", kind_a="IHK", kind_b="Union")
    assert rows and {"a_name", "b_name", "shared", "initiatives"} <= set(rows[0])
