"""What a query module declares: name, description, typed parameters, result columns, Cypher per dialect.

Each analyst question is one module in ``industriegraph.analysis.queries`` that defines ``QUERY = Query(...)``.
Where Ladybug and Neo4j agree, ``cypher`` has one spelling under both keys; where they differ,
both spellings stand side by side in the module. Questions that need a graph algorithm fetch a
projection with Cypher and run networkx over it (``run``), so they work on either engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

DIALECTS = ("ladybug", "neo4j")


class QueryError(ValueError):
    """Bad parameters or an unknown name; the message says what would be accepted."""


@dataclass(frozen=True)
class Param:
    name: str
    type: type
    default: Any
    doc: str
    choices: tuple[Any, ...] = ()
    # spellings a person may type -> the value (e.g. German kind names -> kind codes); keys casefolded
    aliases: Callable[[], dict[str, Any]] | None = field(default=None, compare=False, repr=False)

    def coerce(self, value: Any) -> Any:
        """Turn a CLI/HTTP string into the declared type; check choices. A choice may be given in any case or
        by one of its ``aliases`` (e.g. ``kind_b=Gewerkschaft`` for ``Union``)."""
        if value is None:
            return None
        if isinstance(value, str) and self.choices and value not in self.choices:
            folded = value.strip().casefold()
            by_case = {str(c).casefold(): c for c in self.choices}
            value = by_case.get(folded, (self.aliases() if self.aliases else {}).get(folded, value))
        try:
            if self.type is bool and isinstance(value, str):
                if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                out: Any = value.lower() in ("true", "1", "yes")
            else:
                out = self.type(value)
        except (TypeError, ValueError):
            raise QueryError(f"parameter {self.name!r} must be {self.type.__name__}, got {value!r}") from None
        if self.choices and out not in self.choices:
            raise QueryError(f"parameter {self.name!r} must be one of {', '.join(map(str, self.choices))}; got {out!r}")
        return out

    def describe(self) -> dict[str, Any]:
        d = {"name": self.name, "type": self.type.__name__, "default": self.default, "description": self.doc}
        if self.choices:
            d["choices"] = list(self.choices)
        return d


def same(cypher: str) -> dict[str, str]:
    """One spelling that both dialects accept."""
    return {"ladybug": cypher, "neo4j": cypher}


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    parameters: tuple[Param, ...]
    columns: tuple[str, ...]
    cypher: dict[str, str]
    # run(graph, cypher_text, params) -> rows; default: run the Cypher and keep the declared columns
    run: Callable[[Graph, str, dict[str, Any]], list[dict[str, Any]]] | None = None
    extra_cypher: dict[str, dict[str, str]] = field(default_factory=dict)  # further named statements it sends

    def bind(self, params: dict[str, Any]) -> dict[str, Any]:
        known = {p.name: p for p in self.parameters}
        unknown = set(params) - set(known)
        if unknown:
            raise QueryError(
                f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                f"accepted: {', '.join(known) or 'none'}"
            )
        return {name: p.coerce(params[name]) if name in params else p.default for name, p in known.items()}

    def execute(self, graph: Graph, **params: Any) -> list[dict[str, Any]]:
        bound = self.bind(params)
        text = self.cypher[graph.dialect]
        if self.run is not None:
            return self.run(graph, text, bound)
        rows = graph.cypher(text, **{k: v for k, v in bound.items() if f"${k}" in text})
        return [{c: r.get(c) for c in self.columns} for r in rows]

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "parameters": [p.describe() for p in self.parameters],
            "columns": list(self.columns),
            "cypher": {d: self.cypher[d] for d in DIALECTS},
        }

    def all_cypher(self) -> dict[str, list[str]]:
        """Every statement per dialect (for the analysers and the docs)."""
        out = {d: [self.cypher[d]] for d in DIALECTS}
        for spellings in self.extra_cypher.values():
            for d in DIALECTS:
                out[d].append(spellings[d])
        return out
