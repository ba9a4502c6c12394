"""Neo4j through the official driver: the production and scale-out target (server, cluster, Aura).

Writes go in batched ``UNWIND`` statements inside one transaction that first removes the
previous graph, so a failed build leaves the old graph in place; constraints come first.
"""

from __future__ import annotations

import os
from typing import Any

from industriegraph.model.ddl import neo4j_constraints
from industriegraph.model.records import GraphData
from industriegraph.model.schema import NODES, RELS
from industriegraph.store.rows import in_declared_order

BATCH = 1000


def node_statement(label: str) -> str:
    return f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props"


def rel_statement(type_: str, src: str, dst: str) -> str:
    return (
        f"UNWIND $rows AS r MATCH (a:{src} {{id: r.from}}) MATCH (b:{dst} {{id: r.to}}) "
        f"CREATE (a)-[x:{type_}]->(b) SET x = r.props"
    )


def clear_statement() -> str:
    labels = " OR ".join(f"n:{n.label}" for n in NODES)
    return f"MATCH (n) WHERE {labels} DETACH DELETE n"


def statements() -> list[str]:
    """Every Cypher statement this store sends (checked by Neo4j's offline analyser in the tests)."""
    out = [*neo4j_constraints(), clear_statement(), *(node_statement(n.label) for n in NODES)]
    out += [rel_statement(r.type, a, b) for r in RELS for a, b in r.pairs]
    return out


class Neo4jStore:
    dialect = "neo4j"

    def __init__(self, uri: str, user: str | None = None, password: str | None = None, database: str | None = None):
        import neo4j

        user = user or os.environ.get("NEO4J_USER", "neo4j")
        password = password or os.environ.get("NEO4J_PASSWORD", "")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        # A property the schema declares but no row sets is "unrecognized" to Neo4j; reading it is normal here
        # (it is null, as in Ladybug's typed tables), so that warning is not logged for every query.
        self.driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(user, password),
            notifications_disabled_classifications=[neo4j.NotificationDisabledClassification.UNRECOGNIZED],
        )
        try:
            self.driver.verify_connectivity()
        except Exception:
            self.driver.close()
            raise

    def create_schema(self) -> None:
        with self.driver.session(database=self.database) as session:
            for statement in neo4j_constraints():
                session.run(statement).consume()

    def write(self, data: GraphData) -> None:
        with self.driver.session(database=self.database) as session:
            session.execute_write(self._write_all, data)

    @staticmethod
    def _write_all(tx, data: GraphData) -> None:
        tx.run(clear_statement()).consume()
        # Only the properties the schema declares, as Ladybug's typed tables store them.
        for node in NODES:
            declared = {p.name for p in node.all_props}
            rows = [
                {"id": r["id"], "props": {k: v for k, v in r.items() if k in declared and v is not None}}
                for r in data.nodes.get(node.label) or []
            ]
            for i in range(0, len(rows), BATCH):
                tx.run(node_statement(node.label), rows=rows[i : i + BATCH]).consume()
        rel_props = {r.type: {p.name for p in r.all_props} for r in RELS}
        for type_, rows in data.rels.items():
            by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for r in rows:
                props = {k: v for k, v in r.items() if k in rel_props[type_] and v is not None}
                by_pair.setdefault((r["_from"], r["_to"]), []).append(
                    {"from": r["from"], "to": r["to"], "props": props}
                )
            for (src, dst), pair_rows in sorted(by_pair.items()):
                for i in range(0, len(pair_rows), BATCH):
                    tx.run(rel_statement(type_, src, dst), rows=pair_rows[i : i + BATCH]).consume()

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        import neo4j.graph

        def plain(v):
            if isinstance(v, neo4j.graph.Node):
                label = next(iter(v.labels), "")
                return {**in_declared_order(label, dict(v)), "_label": label}
            if isinstance(v, neo4j.graph.Relationship):
                return {**in_declared_order(v.type, dict(v)), "_label": v.type}
            if isinstance(v, list):
                return [plain(x) for x in v]
            return v

        with self.driver.session(database=self.database) as session:
            return [{k: plain(v) for k, v in rec.items()} for rec in session.run(text, params or {})]

    def close(self) -> None:
        self.driver.close()
