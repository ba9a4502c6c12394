"""The public API page (docs/api.md) runs as written, against the real graph."""

from __future__ import annotations

import doctest
from pathlib import Path

from industriegraph.graph.facade import neighbour_row

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_api_page_examples_run(built_db):
    result = doctest.testfile(
        str(DOC),
        module_relative=False,
        globs={"DB": str(built_db), "neighbour_row": neighbour_row},
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
        report=True,
    )
    assert result.attempted > 10
    assert result.failed == 0
