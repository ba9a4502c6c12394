"""Plain records that loaders yield and the resolver turns into graph entities.

Loaders know documents, nothing about the database: they produce these records, each
carrying its evidence as ``file:line`` strings (file name as in ``data/sources/``, 1-based
line). The resolver (``industriegraph.resolve``) merges records that name the same real
entity and assigns stable ids.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ref:
    """Points at an entity by label and the name (or document-scoped key) a loader saw."""

    label: str
    key: str


@dataclass
class Entity:
    """A node as one document states it.

    ``key`` is the name as written (for organisations, people, initiatives, strategies)
    or a document-scoped key (for action fields, objectives, measures, events). Records
    with the same label whose keys resolve to the same entity are merged.
    """

    label: str
    key: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    @property
    def ref(self) -> Ref:
        return Ref(self.label, self.key)


@dataclass
class Link:
    """A relationship as one document states it (source and target by ``Ref``)."""

    type: str
    source: Ref
    target: Ref
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


@dataclass
class Finding:
    """A data-quality observation an analyst should double-check.

    kind is a short slug, e.g. ``state-conflict``, ``profile-matched-by-content``,
    ``unresolved-name``, ``ended-initiative``.
    """

    kind: str
    message: str
    evidence: list[str] = field(default_factory=list)
    subject: Ref | None = None


@dataclass
class LoadResult:
    """Everything one loader took from one document."""

    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, label: str, key: str, evidence: list[str] | str, aliases=(), **props) -> Ref:
        """Append an entity record and return its reference."""
        ev = [evidence] if isinstance(evidence, str) else list(evidence)
        self.entities.append(Entity(label, key, dict(props), ev, list(aliases)))
        return Ref(label, key)

    def link(self, type_: str, source: Ref, target: Ref, evidence: list[str] | str, **props) -> None:
        """Append a relationship record."""
        ev = [evidence] if isinstance(evidence, str) else list(evidence)
        self.links.append(Link(type_, source, target, dict(props), ev))

    def finding(self, kind: str, message: str, evidence: list[str] | str, subject: Ref | None = None) -> None:
        ev = [evidence] if isinstance(evidence, str) else list(evidence)
        self.findings.append(Finding(kind, message, ev, subject))

    def extend(self, other: LoadResult) -> None:
        self.entities.extend(other.entities)
        self.links.extend(other.links)
        self.findings.extend(other.findings)


@dataclass
class GraphData:
    """Resolved nodes by label and relationships by type, ready for any store."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self.nodes.items())} | {k: len(v) for k, v in sorted(self.rels.items())}
