"""Per-value evidence: which lines state which value of a node property (as followthemoney's statements).

A node's ``statements`` property is one STRING holding compact JSON, so that Ladybug and Neo4j store
it alike, Cypher can read it (``n.statements CONTAINS '"founded"'``) and the export stays small and
deterministic::

    {"founded": [{"evidence": ["report.txt:5170"], "value": 2012},
                 {"evidence": ["web.txt:3"], "value": 2014}],
     "goals": [{"evidence": ["report.txt:5160"], "value": "…"}, …]}

For a single-valued property the first statement is the value the node holds and any further ones are
values other documents state instead (the build records a ``value-conflict`` finding for those). For a
list property (``goals``, ``aliases``) there is one statement per item, in the order of the node's list.
Evidence strings are ``file:line`` as everywhere else, sorted by file and line.
"""

from __future__ import annotations

import json
from typing import Any

Statements = dict[str, list[dict[str, Any]]]  # property -> [{"value": v, "evidence": ["file:line", …]}, …]


def encode(statements: Statements) -> str | None:
    """Compact, key-sorted JSON; None when there is nothing to record."""
    if not statements:
        return None
    return json.dumps(statements, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def decode(text: str | None) -> Statements:
    """The statements of a stored node (an empty dict for nodes without any)."""
    if not text:
        return {}
    data = json.loads(text)
    return data if isinstance(data, dict) else {}
