"""Offline check of Cypher statements with Neo4j's own analyser (npm @neo4j-cypher/language-support).

Why: the Neo4j store and the query modules must not send Cypher that a Neo4j server would reject, and the test suite
runs without a server. tools/lint-cypher.mjs wraps the package's `lintCypherQuery`; this module calls it once per
batch (starting node and loading the analyser costs ~1-2 s, linting a statement a few ms). See docs/cypher-lint.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = "@neo4j-cypher/language-support"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT_ROOT / "tools" / "lint-cypher.mjs"
PACKAGE_DIR = PROJECT_ROOT / "node_modules" / PACKAGE
TIMEOUT_S = 300


@dataclass(frozen=True)
class Diagnostic:
    """One finding of the analyser; line and column are 1-based positions in the query string."""

    severity: str  # "Error" | "Warning" | "Information" | "Hint"
    message: str
    line: int
    column: int

    @property
    def is_error(self) -> bool:
        return self.severity == "Error"

    def __str__(self) -> str:
        return f"{self.severity} at {self.line}:{self.column}: {self.message}"


def _node() -> str | None:
    return shutil.which(os.environ.get("NODE", "node"))


def unavailable_reason() -> str | None:
    """Why the analyser cannot run here (None when it can), phrased so the fix is obvious."""
    if _node() is None:
        return "node is not on PATH (install Node.js >= 18.18.2, or set NODE to its path)"
    if not SCRIPT.is_file():
        return f"{SCRIPT} is missing"
    if not (PACKAGE_DIR / "package.json").is_file():
        return f"{PACKAGE} is not installed in {PROJECT_ROOT / 'node_modules'} (run `npm ci` in {PROJECT_ROOT})"
    return None


def available() -> bool:
    """True when node and the npm package are installed, so lint() can run."""
    return unavailable_reason() is None


def lint(queries: list[str], schema: dict[str, Any] | None = None) -> list[list[Diagnostic]]:
    """Diagnostics for each query, in input order, from a single node process for the whole batch.

    schema (optional) may hold "labels", "relationshipTypes", "propertyKeys" (unknown labels/types then give Warnings;
    labels and relationshipTypes must both be given), "parameters" (a dict; when given, any other $param is an
    Error; by default each query's own parameters count as declared), "apoc" (allow APOC functions/procedures).
    """
    if isinstance(queries, str):
        raise TypeError("lint() takes a list of queries, not a single string")
    queries = list(queries)
    if not queries:
        return []
    reason = unavailable_reason()
    if reason is not None:
        raise RuntimeError(f"Cypher analyser not available: {reason}")
    payload: Any = {"queries": queries, "schema": schema} if schema is not None else queries
    proc = subprocess.run(
        [_node() or "node", str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=PROJECT_ROOT,
        timeout=TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Cypher analyser failed (exit {proc.returncode}): {proc.stderr.strip()}")
    results = json.loads(proc.stdout)
    if len(results) != len(queries):
        raise RuntimeError(f"Cypher analyser returned {len(results)} results for {len(queries)} queries")
    return [[Diagnostic(**d) for d in diagnostics] for diagnostics in results]


def errors(queries: list[str], schema: dict[str, Any] | None = None) -> dict[str, list[Diagnostic]]:
    """Only the queries that have Error diagnostics, mapped to those errors (handy in assertions)."""
    found: dict[str, list[Diagnostic]] = {}
    for query, diagnostics in zip(queries, lint(queries, schema), strict=True):
        errs = [d for d in diagnostics if d.is_error]
        if errs:
            found[query] = errs
    return found
