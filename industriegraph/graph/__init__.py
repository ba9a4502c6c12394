"""The one public facade: ``Graph`` (open, cypher, query, to_networkx, ego network, evidence, search)."""

from industriegraph.graph.facade import Graph

__all__ = ["Graph"]
