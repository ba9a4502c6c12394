"""industriegraph: a knowledge graph of Germany's regional industry initiatives.

>>> from industriegraph import Graph   # doctest: +SKIP
>>> Graph.open("industriegraph.db").query("cooccurrence")   # doctest: +SKIP

``Graph`` is imported on first use, so ``import industriegraph.model`` and the command line stay quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Graph"]

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph


def __getattr__(name: str):
    if name == "Graph":
        from industriegraph.graph.facade import Graph

        return Graph
    raise AttributeError(f"module 'industriegraph' has no attribute {name!r}")
