"""LadybugDB, the embedded default engine: in-process, one file, nothing to start."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from industriegraph.model.ddl import ladybug_ddl
from industriegraph.model.records import GraphData
from industriegraph.model.schema import NODES, REL_BY_TYPE, Prop
from industriegraph.store.rows import in_declared_order

if TYPE_CHECKING:  # pyarrow is needed for writing only; reading commands start without it
    import pyarrow as pa


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    return {"STRING": pa.string(), "INT64": pa.int64(), "STRING[]": pa.list_(pa.string())}[name]


def _arrow_table(columns: list[tuple[str, pa.DataType]], rows: list[dict[str, Any]]) -> pa.Table:
    import pyarrow as pa

    return pa.table({name: pa.array([r.get(name) for r in rows], type=t) for name, t in columns})


def _ladybug_type(arrow_type: pa.DataType) -> str:
    """The column type of the Arrow type ``_arrow_type`` gives for it."""
    return next(name for name in ("STRING", "INT64", "STRING[]") if _arrow_type(name) == arrow_type)


# rows from which a COPY leaves out the last columns that hold only nulls and adds them after (``LadybugStore._copy``):
# two statements per column take a few milliseconds, a COPY of a million rows saves ~0.1 s per null column
NULL_TAIL_FROM = 100_000


def _null_tail(table: pa.Table) -> list[str]:
    """The last columns of ``table`` that hold only nulls, in order (never ``from``, ``to`` or the first column).

    >>> import pyarrow as pa
    >>> _null_tail(pa.table({"from": ["a"], "to": ["b"], "role": ["x"], "date": pa.nulls(1, pa.string())}))
    ['date']
    """
    tail: list[str] = []
    for name in reversed(table.column_names[1:]):
        if name in ("from", "to") or table.column(name).null_count != table.num_rows:
            break
        tail.insert(0, name)
    return tail


# a COPY of fewer rows runs on one thread (``LadybugStore._copy``)
ONE_THREAD_COPY_BELOW = 10_000

# a read-only database file smaller than this runs each query on one thread (``_query_threads``)
ONE_THREAD_BELOW = 32 * 2**20


def _query_threads(path: Path, read_only: bool) -> int:
    """Threads per query: one for reading a small database, else the engine's default (0: one per CPU).

    Sharing a query among threads costs more than it saves when the query has little to do. On the five sources'
    graph (a 9 MB file) every query module was as fast or faster on one thread (their medians summed 19-25 ms
    against 27-30 ms) and the build's stored reads took 0.045 s against 0.065 s. On the synthetic graph (85 MB) a
    read of its million memberships took 0.48 s on one thread against 0.38 s on two. Writing keeps the default: a
    COPY of a million rows uses every thread."""
    try:
        small = read_only and Path(path).stat().st_size < ONE_THREAD_BELOW
    except OSError:
        small = False
    return 1 if small else 0


def _prop_columns(props: tuple[Prop, ...]) -> list[tuple[str, pa.DataType]]:
    return [(p.name, _arrow_type(p.type)) for p in props]


class LadybugStore:
    """A Ladybug database file; bulk writes use ``COPY`` from Arrow tables."""

    dialect = "ladybug"

    def __init__(self, path: Path, read_only: bool = False, *, concurrent_writes: bool = False):
        """``concurrent_writes``: the engine allows write transactions side by side (``enable_multi_writes``), and
        ``copy_tables`` then copies a small graph's tables on two connections at once (a fresh database being
        filled, ``pipeline.build.open_fresh``)."""
        self.path = Path(path)
        self.db = ladybug.Database(
            str(self.path),
            read_only=read_only,
            max_num_threads=_query_threads(path, read_only),
            enable_multi_writes=concurrent_writes,
        )
        self.conn = ladybug.Connection(self.db)
        self.concurrent_writes = concurrent_writes

    def create_schema(self) -> None:
        self.conn.execute("BEGIN TRANSACTION")  # one commit, not one per table (0.03 s instead of 0.1 s)
        try:
            for statement in ladybug_ddl():
                self.conn.execute(statement)
        except BaseException:
            self.rollback()
            raise
        self.conn.execute("COMMIT")

    def defer_checkpoints(self) -> None:
        """No checkpoint at the commits that follow, only at ``checkpoint()``: for a fresh database being filled.
        Each commit whose log outgrew the engine's threshold writes the database out (checkpoints) again; the
        synthetic graph's load did that three times, ~1.1 s together, and one checkpoint at the end takes ~0.9 s
        (the load 4.9-5.2 s instead of 5.5-5.8 s, interleaved runs; peak memory of the write ~140 MB higher)."""
        self.conn.execute("CALL auto_checkpoint=false")

    def checkpoint(self) -> None:
        """Write everything committed into the database file and empty the log, before the file is moved into place
        without it. Closing does it too; done explicitly, its time counts as the write's and an error shows here."""
        self.conn.execute("CHECKPOINT")

    def for_reading(self) -> bool:
        """After writing: whether reading on this connection is worth it, and if so, each query gets the threads a
        read-only open would give it (``_query_threads``). Worth it for a small database (closing and opening a
        read-only one costs ~0.1 s of the build's derived data); not for a large one, whose written pages the
        connection holds until it is closed (the synthetic graph's derived data peaked 250 MB higher on it)."""
        threads = _query_threads(self.path, read_only=True)
        if threads:
            self.conn.set_max_threads_for_exec(threads)
        return threads == 1

    def rollback(self) -> None:
        """End the open transaction without keeping it, after an error (``_rollback``)."""
        _rollback(self.conn)

    def write(self, data: GraphData) -> None:
        nodes = {}
        for node in NODES:
            rows = data.nodes.get(node.label) or []
            if rows:
                nodes[node.label] = _arrow_table(_prop_columns(node.all_props), rows)
        rels = []
        for type_, rows in data.rels.items():
            spec = REL_BY_TYPE[type_]
            by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for r in rows:
                by_pair.setdefault((r["_from"], r["_to"]), []).append(r)
            columns = [("from", _arrow_type("STRING")), ("to", _arrow_type("STRING")), *_prop_columns(spec.all_props)]
            for (src, dst), pair_rows in sorted(by_pair.items()):
                rels.append((type_, src, dst, _arrow_table(columns, pair_rows)))
        self.copy_tables(nodes, rels)

    def copy_tables(
        self,
        nodes: dict[str, pa.Table],
        rels: list[tuple[str, str, str, pa.Table]],
        *,
        alone_from: int | None = None,
        timings: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        """Bulk-load Arrow tables: node tables by label (columns as declared), then relationship tables as
        (type, from label, to label, table with ``from``, ``to`` and the declared columns).

        All in one transaction: each COPY on its own commits (about 25 ms each here, whatever its size), so the
        five sources' 39 COPYs took 1.8 s alone and 0.4 s together. With ``alone_from``, a COPY of at least that
        many rows commits on its own (one transaction over a million memberships held ~180 MB more and was no
        faster) and each run of smaller COPYs between them shares one transaction, in the same order (the
        synthetic graph's 33 small COPYs: 3.2-3.6 s wall one by one, 1.9-2.5 s together). On a store opened for
        ``concurrent_writes`` the tables are copied on two connections at once, each share so
        (``_copy_side_by_side``). ``timings`` receives each COPY's wall and CPU seconds (all threads) by ``Label``
        or ``TYPE/From->To``."""
        copies = self._copies(nodes, rels)
        if self.concurrent_writes:
            self._copy_side_by_side(copies, alone_from, timings)
        else:
            self._run_batched(copies, alone_from, timings)

    def _run_batched(
        self,
        copies: list[tuple[str, str, pa.Table]],
        alone_from: int | None,
        timings: dict[str, tuple[float, float]] | None,
        conn: Any = None,
    ) -> None:
        """The COPYs in order on ``conn``: in one transaction, or with ``alone_from`` each COPY of at least that many
        rows on its own and each run of smaller ones between them in one transaction (``copy_tables``)."""
        batch: list[tuple[str, str, pa.Table]] = []
        for copy in copies:
            if alone_from is not None and copy[2].num_rows >= alone_from:
                self._run(batch, timings, conn=conn)
                batch = []
                self._run([copy], timings, transaction=False, conn=conn)
            else:
                batch.append(copy)
        self._run(batch, timings, conn=conn)

    def node_copies(self, *, timings: dict[str, tuple[float, float]] | None = None) -> NodeCopies:
        """A ``with`` block in which node tables handed to ``put(label, table)`` are copied in on a thread of their
        own, in one transaction, while the caller produces the next ones; the block ends when all are in."""
        return NodeCopies(self, timings)

    @staticmethod
    def _copies(
        nodes: dict[str, pa.Table], rels: list[tuple[str, str, str, pa.Table]]
    ) -> list[tuple[str, str, pa.Table]]:
        """(name, COPY statement, table) in load order: node tables, then one COPY per (type, from, to) (a COPY into
        a relationship table that already holds rows is much slower)."""
        import pyarrow as pa

        out = []
        for node in NODES:
            table = nodes.get(node.label)
            if table is not None and table.num_rows:
                out.append((node.label, f"COPY {node.label} FROM arrow_rows", table))
        grouped: dict[tuple[str, str, str], list[pa.Table]] = {}
        for type_, src, dst, table in rels:
            if table.num_rows:
                grouped.setdefault((type_, src, dst), []).append(table)
        for (type_, src, dst), tables in grouped.items():
            table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
            option = f" (from='{src}', to='{dst}')" if len(REL_BY_TYPE[type_].pairs) > 1 else ""
            out.append((f"{type_}/{src}->{dst}", f"COPY {type_} FROM arrow_rows{option}", table))
        return out

    def _run(
        self,
        copies: list[tuple[str, str, pa.Table]],
        timings: dict[str, tuple[float, float]] | None,
        transaction: bool = True,
        conn: Any = None,
    ) -> None:
        """The COPYs in order on ``conn`` (default: the store's connection), in one transaction of their own
        unless ``transaction`` is false; rolled back on an error."""
        conn = conn if conn is not None else self.conn
        if not copies:
            return
        if transaction:
            conn.execute("BEGIN TRANSACTION")
        try:
            for name, statement, rows in copies:
                start, cpu = time.perf_counter(), time.process_time()
                self._copy(statement, rows, conn)
                if timings is not None:
                    timings[name] = (time.perf_counter() - start, time.process_time() - cpu)
        except BaseException:
            if transaction:
                _rollback(conn)
            raise
        if transaction:
            conn.execute("COMMIT")

    def _copy_side_by_side(
        self,
        copies: list[tuple[str, str, pa.Table]],
        alone_from: int | None,
        timings: dict[str, tuple[float, float]] | None,
    ) -> None:
        """The node tables, then the relationship tables, each split in two shares of about equal rows (every table
        of one relationship type in the same share) copied at once: one share on this connection, the other on a
        second one in a thread (the engine leaves Python's lock while it copies), each share as ``_run_batched``
        does. A small graph's COPYs run on one thread each and their time is mostly the new database's page faults,
        so a second core halves it: the five sources' 39 COPYs took 0.19-0.21 s instead of 0.30-0.35 s. The
        synthetic graph's million memberships keep one connection while every other relationship type is copied on
        the other (the memberships' COPY leaves ~0.7 of a core idle): its relationships took 1.6-1.9 s instead of
        2.3-2.7 s. The database is the same either way. An error of either share is raised once both have ended."""
        second = ladybug.Connection(self.db)
        try:
            for phase in ([c for c in copies if "/" not in c[0]], [c for c in copies if "/" in c[0]]):
                ours, theirs = _two_shares(phase)
                errors: list[BaseException] = []
                thread = threading.Thread(
                    target=self._run_catching, args=(theirs, alone_from, timings, second, errors), name="second-copies"
                )
                thread.start()
                try:
                    self._run_batched(ours, alone_from, timings)
                finally:
                    thread.join()
                if errors:
                    raise errors[0]
        finally:
            second.close()

    def _run_catching(
        self,
        copies: list[tuple[str, str, pa.Table]],
        alone_from: int | None,
        timings: dict[str, tuple[float, float]] | None,
        conn: Any,
        errors: list[BaseException],
    ) -> None:
        """``_run_batched`` on a thread: its error is appended to ``errors`` for the caller to raise."""
        try:
            self._run_batched(copies, alone_from, timings, conn)
        except BaseException as exc:
            errors.append(exc)

    def _copy(self, statement: str, arrow_rows: pa.Table, conn: Any = None) -> None:
        """One ``COPY <table> FROM arrow_rows …``. A large table whose last columns hold only nulls is copied into
        an empty table without them, and they are added back after, in their order (``ALTER TABLE``: nulls, as the
        COPY would have written them): the engine writes a column of a million nulls about as slowly as one of
        values (the synthetic graph's memberships, three null columns of four: COPY 1.76-1.81 s instead of 1.87-2.34 s,
        load median 4.44 s instead of 4.93 s, four alternating pairs)."""
        conn = conn if conn is not None else self.conn
        table_name = statement.split()[1]
        tail = _null_tail(arrow_rows) if arrow_rows.num_rows >= NULL_TAIL_FROM else []
        if tail and not self._is_empty(table_name, conn):
            tail = []  # dropping a column of a table that holds rows would lose them
        added = [(column, _ladybug_type(arrow_rows.schema.field(column).type)) for column in tail]
        for column in reversed(tail):
            conn.execute(f"ALTER TABLE {table_name} DROP {column}")
        arrow_rows = arrow_rows.drop_columns(tail)
        # a small COPY on one thread: sharing it costs more than it saves (the five sources' 39 COPYs in a fresh
        # process: median 0.31 s instead of 0.34 s; alone, 100 rows 4 ms instead of 9 ms, 10,000 rows alike,
        # 300,000 rows 0.77 s instead of 0.41 s); 0: the database's limit
        conn.set_max_threads_for_exec(1 if arrow_rows.num_rows < ONE_THREAD_COPY_BELOW else 0)
        try:
            conn.execute(statement)  # reads arrow_rows by name
        finally:
            conn.set_max_threads_for_exec(0)
        for column, type_ in added:
            conn.execute(f"ALTER TABLE {table_name} ADD {column} {type_}")

    def _is_empty(self, table_name: str, conn: Any) -> bool:
        pattern = f"()-[x:{table_name}]->()" if table_name in REL_BY_TYPE else f"(x:{table_name})"
        result = conn.execute(f"MATCH {pattern} RETURN count(x) > 0")
        return not result.get_next()[0]

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self.conn.execute(text, params or {})
        names = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(names, (_plain(v) for v in result.get_next()), strict=True)))
        return rows

    def arrow(self, text: str, params: dict[str, Any] | None = None) -> pa.Table:
        """A read query's result as an Arrow table (scalar and list columns; much faster than rows for large
        results). One chunk of exactly the result's rows: Ladybug's adaptive default sizes a chunk for 10 million
        values, which costs about 20 ms per query however small the result (31 small queries: 0.6 s -> 0.05 s)."""
        return self.conn.execute(text, params or {}).get_as_arrow(-1)

    def close(self) -> None:
        self.conn.close()
        self.db.close()


def _rollback(conn: Any) -> None:
    """End ``conn``'s open transaction without keeping it, after an error: a statement that failed may have ended it
    already (the engine rolls back on a failed COPY), and then there is nothing to do, and the first error, not "no
    active transaction", is the one to report."""
    try:
        conn.execute("ROLLBACK")
    except RuntimeError as exc:
        if "no active transaction" not in str(exc).lower():
            raise


def _two_shares(copies: list[tuple[str, str, pa.Table]]) -> tuple[list[tuple[str, str, pa.Table]], ...]:
    """``copies`` (name, statement, table) in two shares of about equal rows, each in the given order; the tables of
    one relationship type (``TYPE/From->To``) stay in one share. A COPY costs about as much again as its rows,
    whatever its size (the new table's first chunks), so each counts 300 rows more.

    >>> import pyarrow as pa
    >>> t = lambda n: pa.table({"id": list(range(n))})
    >>> a, b = _two_shares([("A", "", t(900)), ("B", "", t(10)), ("R/A->B", "", t(500)), ("R/B->A", "", t(5))])
    >>> [name for name, _, _ in a], [name for name, _, _ in b]
    (['A'], ['B', 'R/A->B', 'R/B->A'])
    """
    groups: dict[str, list[tuple[str, str, pa.Table]]] = {}
    for copy in copies:
        groups.setdefault(copy[0].split("/")[0], []).append(copy)
    weight = {key: sum(table.num_rows + 300 for _, _, table in group) for key, group in groups.items()}
    keys: tuple[set[str], set[str]] = (set(), set())
    sizes = [0, 0]
    for key in sorted(groups, key=lambda k: (-weight[k], k)):
        k = 0 if sizes[0] <= sizes[1] else 1
        keys[k].add(key)
        sizes[k] += weight[key]
    return tuple([c for c in copies if c[0].split("/")[0] in share] for share in keys)


class NodeCopies:
    """Node tables copied into a store on a thread of their own as they are handed over (``LadybugStore.node_copies``).

    The engine leaves Python's lock while it copies, so a generator of tables goes on meanwhile: writing the
    synthetic graph's 100,000 organisations (~0.8 s) overlaps with generating its million memberships. All in one
    transaction (one commit instead of one per batch: no slower, measured). An error on the thread is raised when
    the block ends, and nothing of the transaction is kept."""

    def __init__(self, store: LadybugStore, timings: dict[str, tuple[float, float]] | None):
        self._store, self._timings = store, timings
        self._queue: queue.Queue[tuple[str, pa.Table] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="node-copies", daemon=True)
        self._thread.start()

    def put(self, label: str, table: pa.Table) -> None:
        if self._error is None:
            self._queue.put((label, table))

    def _run(self) -> None:
        conn = self._store.conn
        try:
            conn.execute("BEGIN TRANSACTION")
            try:
                while (item := self._queue.get()) is not None:
                    label, table = item
                    self._store._run(self._store._copies({label: table}, []), self._timings, transaction=False)
            except BaseException:
                self._store.rollback()
                raise
            conn.execute("COMMIT")
        except BaseException as exc:  # raised in the caller's thread by __exit__
            self._error = exc

    def __enter__(self) -> NodeCopies:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc is None:
            raise self._error


def _plain(value: Any) -> Any:
    """Ladybug returns nodes and relationships as dicts with internal keys; drop those."""
    if isinstance(value, dict) and "_LABEL" in value:
        props = {k: v for k, v in value.items() if not k.startswith("_")}
        return {**in_declared_order(value["_LABEL"], props), "_label": value["_LABEL"]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
