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

PROSE, STRUCTURED, FIELDS = 0, 1, 2  # LoadResult.specificity


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

    ``prop_evidence`` names the lines that state one property's value, where the loader knows them
    (the "Gründung" line for ``founded``); a property without an entry is evidenced by the whole
    record's ``evidence``. For a list property it holds either one evidence list for all items or
    one evidence list per item.
    """

    label: str
    key: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    prop_evidence: dict[str, list[str] | list[list[str]]] = field(default_factory=dict)

    @property
    def ref(self) -> Ref:
        return Ref(self.label, self.key)

    def value_evidence(self, prop: str) -> list[tuple[Any, list[str]]]:
        """(value, evidence) for a property: one pair for a single value, one per item for a list."""
        value = self.props.get(prop)
        given = self.prop_evidence.get(prop) or self.evidence
        if not isinstance(value, list):
            return [(value, list(given))]  # type: ignore[arg-type]
        if given and isinstance(given[0], list) and len(given) == len(value):
            return [(v, list(ev)) for v, ev in zip(value, given, strict=True)]  # type: ignore[arg-type]
        flat = [e for e in given if isinstance(e, str)] or list(self.evidence)
        return [(v, flat) for v in value]


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
    # what the German message template of the kind needs (``industriegraph.model.schema.FINDING_MESSAGES_DE``)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class LoadResult:
    """Everything one loader took from one document.

    ``specificity`` says how precisely the document kind states values: ``FIELDS`` for fixed fields
    (a report's profile: "Gründung 2009"), ``STRUCTURED`` for a numbered plan, ``PROSE`` for running text
    a loader reads with patterns. When documents disagree on a value the resolver keeps the more specific.
    """

    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    specificity: int = 0

    def add(
        self,
        label: str,
        key: str,
        evidence: list[str] | str,
        aliases=(),
        prop_evidence: dict[str, list[str] | list[list[str]]] | None = None,
        **props,
    ) -> Ref:
        """Append an entity record and return its reference (``prop_evidence``: see ``Entity``)."""
        ev = [evidence] if isinstance(evidence, str) else list(evidence)
        per_value = {k: v for k, v in (prop_evidence or {}).items() if v}
        self.entities.append(Entity(label, key, dict(props), ev, list(aliases), per_value))
        return Ref(label, key)

    def link(self, type_: str, source: Ref, target: Ref, evidence: list[str] | str, **props) -> None:
        """Append a relationship record."""
        ev = [evidence] if isinstance(evidence, str) else list(evidence)
        self.links.append(Link(type_, source, target, dict(props), ev))

    def finding(
        self, kind: str, message: str, evidence: list[str] | str, subject: Ref | None = None, **params: Any
    ) -> None:
        """A data-quality finding: ``message`` in English (it also keys the finding's id), ``params`` for the German
        message the resolver renders from the kind's template."""
        ev = [evidence] if isinstance(evidence, str) else list(evidence)
        self.findings.append(Finding(kind, message, ev, subject, params))

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
