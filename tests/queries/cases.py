"""One table of query-module cases, shared by the Ladybug module tests and the Neo4j differential test.

Every module appears with several parameter sets (defaults, filters, groupings, edge cases); ``nonempty`` says
whether the real graph must give rows for the case (an empty answer can hide a spelling that matches nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    module: str
    params: dict[str, Any] = field(default_factory=dict)
    nonempty: bool = True

    @property
    def id(self) -> str:
        args = ",".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.module}[{args}]" if args else self.module


CASES = (
    Case("cooccurrence"),
    Case("cooccurrence", {"kind_a": "IHK", "kind_b": "Handwerkskammer"}),
    Case("cooccurrence", {"kind_a": "Union", "kind_b": "EmployerAssociation"}),
    Case("cooccurrence", {"kind_a": "IHK", "kind_b": "Union", "min_shared": 2}, nonempty=False),
    Case("kind-cooccurrence"),
    Case("kind-cooccurrence", {"min_both": 0}),
    Case("kind-cooccurrence", {"kind": "Union", "scope": "all"}),
    Case("participation"),
    Case("participation", {"view": "report"}),
    Case("participation", {"view": "kinds", "scope": "all", "min_initiatives": 1}),
    Case("initiatives"),
    Case("initiatives", {"state": "DE-HH", "radius": "landesweit"}),
    Case("initiatives", {"topic": "wasserstoff", "stated_only": True}),
    Case("initiatives", {"topic": "energie"}),
    Case("initiatives", {"founded_from": 2018, "founded_to": 2023, "status": "active"}),
    Case("initiatives", {"status": "ended"}),
    Case("initiatives", {"group_by": "topic"}),
    Case("initiatives", {"group_by": "decade"}),
    Case("initiatives", {"group_by": "state", "status": "active"}),
    Case("initiatives", {"group_by": "radius"}),
    Case("organization", {"name": "Handelskammer Hamburg"}),
    Case("organization", {"name": "IVH"}),
    Case("organization", {"name": "IG BCE"}),
    Case("brokers"),
    Case("brokers", {"label": "Organization", "top": 3}),
    Case("brokers", {"label": "Initiative", "min_degree": 3, "top": 1000}),
    Case("path", {"from": "Handelskammer Hamburg", "to": "Deutscher Gewerkschaftsbund Nord"}),
    Case("path", {"from": "IVH", "to": "org:ig-bce", "max_hops": 12}),
    Case("path", {"from": "Handelskammer Hamburg", "to": "IHK Aachen", "via_vocabulary": True}),
    Case("path", {"from": "Handelskammer Hamburg", "to": "IHK Aachen", "max_hops": 1}, nonempty=False),
    Case("measures"),
    Case("measures", {"field": 1}),
    Case("measures", {"topic": "wasserstoff"}),
    Case("measures", {"responsible": "Handelskammer Hamburg", "field": 3, "topic": "wasserstoff"}),
    Case("measures", {"text": "Wasserstoff", "limit": 0}),
    Case("measures", {"text": "qualifizieren", "kind": "goal", "limit": 0}),
    Case("measures", {"field": 3, "kind": "objective"}),
    Case("policy-transfer", {"measure": "HF3-M4"}),
    Case("policy-transfer", {"measure": "HF1-M15", "include_same_state": True, "top": 100}),
    Case("policy-transfer", {"topic": "wasserstoff", "top": 14}),
    Case("policy-transfer", {"topic": "H2", "state": "Berlin", "top": 30}),
    Case("people"),
    Case("people", {"strategy": "Masterplan Industrie", "relation": "signed"}),
    Case("people", {"relation": "holds_role", "organization": "Industrieverband"}),
    Case("quality"),
    Case("quality", {"summary": True}),
    Case("quality", {"kind": "state-conflict"}),
)
