"""Generate the Ladybug DDL and the Neo4j constraints and indexes from the one schema declaration."""

from __future__ import annotations

from industriegraph.model.schema import NODES, RELS, NodeType, RelType


def _columns(props) -> str:
    return ", ".join(f"{p.name} {p.type}" for p in props)


def ladybug_node_ddl(node: NodeType) -> str:
    return f"CREATE NODE TABLE {node.label}({_columns(node.all_props)}, PRIMARY KEY(id))"


def ladybug_rel_ddl(rel: RelType) -> str:
    pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.pairs)
    return f"CREATE REL TABLE {rel.type}({pairs}, {_columns(rel.all_props)})"


def ladybug_ddl() -> list[str]:
    """CREATE statements for every node and relationship table, in dependency order."""
    return [ladybug_node_ddl(n) for n in NODES] + [ladybug_rel_ddl(r) for r in RELS]


def neo4j_constraints() -> list[str]:
    """Uniqueness constraints on ``id`` and lookup indexes on names, idempotent (IF NOT EXISTS)."""
    out = []
    for n in NODES:
        low = n.label.lower()
        out.append(f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{n.label}) REQUIRE n.id IS UNIQUE")
        if n.display != "id" and any(p.name == n.display for p in n.props):
            out.append(f"CREATE INDEX {low}_{n.display} IF NOT EXISTS FOR (n:{n.label}) ON (n.{n.display})")
    out.append("CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind)")
    out.append("CREATE INDEX member_of_role IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.role)")
    return out
