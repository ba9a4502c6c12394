"""Analyst query modules: one module per question, each defining ``QUERY``.

``get(name)`` finds one, ``all_queries()`` lists them in a stable order. Adding a question means
adding one module here and naming it in ``MODULES``.
"""

from __future__ import annotations

import importlib

from industriegraph.analysis.queries.base import Param, Query, QueryError

MODULES = (
    "cooccurrence",
    "kind_cooccurrence",
    "participation",
    "initiatives",
    "organization",
    "brokers",
    "path",
    "measures",
    "policy_transfer",
    "people",
    "quality",
)


def all_queries() -> list[Query]:
    return [importlib.import_module(f"industriegraph.analysis.queries.{module}").QUERY for module in MODULES]


def get(name: str) -> Query:
    for q in all_queries():
        if q.name == name:
            return q
    names = ", ".join(q.name for q in all_queries())
    raise QueryError(f"unknown query {name!r}; available: {names}")


__all__ = ["Param", "Query", "QueryError", "all_queries", "get"]
