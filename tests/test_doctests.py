"""Every example in a docstring of the package runs (the networkx habit: examples that are tested stay true)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import industriegraph

MODULES = ["industriegraph"] + sorted(
    m.name for m in pkgutil.walk_packages(industriegraph.__path__, "industriegraph.") if not m.name.endswith("__main__")
)


def _with_examples(name: str) -> bool:
    module = importlib.import_module(name)
    return any(test.examples for test in doctest.DocTestFinder().find(module))


@pytest.mark.parametrize("name", [m for m in MODULES if _with_examples(m)])
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
