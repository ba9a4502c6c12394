"""What the build derives from a freshly written graph and stores beside it (``industriegraph.store.derived``).

The build (``industriegraph.pipeline.build``) calls ``derive`` through the entry point ``derived`` of the group
``industriegraph.analysis``; each analysis module that has something expensive to precompute contributes one
dataset, with a version number that its reader checks (a changed computation bumps it, and older derived files
are then ignored and recomputed on the fly). Every dataset equals what the module computes on the fly
(tests/test_derived.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from industriegraph.analysis.match.features import DATASET as FEATURES
from industriegraph.analysis.match.features import VERSION as FEATURES_VERSION
from industriegraph.analysis.match.features import extract, to_dataset
from industriegraph.analysis.queries import brokers, initiatives, measures, memberships, path, policy_transfer, stored
from industriegraph.graph.facade import NAMES_DATASET, NAMES_VERSION, Graph, name_index
from industriegraph.pipeline import forked
from industriegraph.store.derived import json_bytes

# the measures the child ranks: in a cold build of the five sources this process's other datasets took 0.20-0.26 s
# and a child ranking all 59 measures 0.35-0.38 s, so both finish together near 80 %
CHILD_SHARE = 0.8


def derive(db: Path, store: Any = None) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Every derived dataset of the graph at ``db`` and its version; ``store``: the database's open store (the
    build's, which has just written it, and stays open), else the database is opened read-only here."""
    datasets: dict[str, dict[str, Any]] = {}
    versions: dict[str, int] = {}
    with nullcontext(Graph(store, derived=False)) if store is not None else Graph.open(db, derived=False) as g:
        # policy transfer's rankings (about half of the work on the five sources) are ranked by a forked child from
        # what is read here (``pipeline.forked``; here when it cannot fork), while this process derives the rest
        # and ranks the measures past CHILD_SHARE. The child never touches the open database: a forked child holds
        # only the forking thread, not the engine's, and ranking is plain Python over the rows read
        transfer = policy_transfer.ranking_inputs(g)
        with forked.start(lambda: _encoded(policy_transfer.rank_measures(transfer, (0.0, CHILD_SHARE)))) as child:
            datasets[brokers.DATASET], versions[brokers.DATASET] = brokers.derive(g), brokers.VERSION
            datasets[FEATURES], versions[FEATURES] = to_dataset(extract(g)), FEATURES_VERSION
            datasets[path.DATASET], versions[path.DATASET] = path.derive(g), path.VERSION
            datasets[memberships.DATASET], versions[memberships.DATASET] = memberships.compute(g), memberships.VERSION
            datasets[NAMES_DATASET], versions[NAMES_DATASET] = name_index(g), NAMES_VERSION
            reads = {name: set_columns_sorted(text, g.cypher(text)) for name, text in stored_statements().items()}
            datasets[stored.DATASET], versions[stored.DATASET] = reads, stored.VERSION
            last = policy_transfer.rank_measures(transfer, (CHILD_SHARE, 1.0))
            first = child.result()
    rankings = None if first is None or last is None else first | last
    if rankings is not None:
        datasets[policy_transfer.DATASET], versions[policy_transfer.DATASET] = rankings, policy_transfer.VERSION
    return datasets, versions


def _encoded(rankings: dict[str, Any] | None) -> dict[str, bytes] | None:
    """Rankings encoded as the derived file stores them (``json_bytes``), by the child that ranked them: this process
    then neither unpickles their rows nor encodes them after the child (five sources: ~2.4 MB of JSON, ~35 ms to
    encode, a 1.2 MB pickle of rows against bytes)."""
    return None if rankings is None else {measure: json_bytes(ranking) for measure, ranking in rankings.items()}


def prepare() -> None:
    """Import what ``derive`` will compute with and would otherwise import on its way (igraph, numpy's masked arrays
    that ``np.unique`` asks for, the stop-word lists: ~70 ms of a cold build), for a build that has time to spare
    while a forked child still reads (``pipeline.build``)."""
    import igraph  # noqa: F401
    import numpy.ma  # noqa: F401

    from industriegraph.text.stopwords import reason_stopwords

    reason_stopwords()


def warm(store: Any, go_on: Callable[[], bool]) -> None:
    """Run the reads of ``derive`` once on ``store``, a fresh database that holds no rows yet, while ``go_on()``:
    a process's first run of a query costs more than the next ones (the engine's code and this package's first
    calls), and a build has time for it while a forked child still reads. On the five sources the derived data's
    first reads took 0.20-0.28 s without this and 0.15-0.17 s after it. Nothing is kept; a read of an empty graph
    answers nothing."""
    g = Graph(store, derived=False)
    steps: list[Callable[[], Any]] = [
        lambda: policy_transfer.ranking_inputs(g),
        lambda: extract(g),
        lambda: name_index(g),
        *((lambda text=text: g.cypher(text)) for text in stored_statements().values()),
    ]
    for step in steps:
        if not go_on():
            return
        step()


def stored_statements() -> dict[str, str]:
    """Name -> Cypher of every graph-wide read the build stores (``industriegraph.analysis.queries.stored``)."""
    return {
        "measures": measures.MEASURES_CYPHER,
        "objectives": measures.OBJECTIVES_CYPHER,
        "goals": measures.GOALS_CYPHER,
        "topics": measures.TOPICS_CYPHER,
        "initiatives": initiatives.INITIATIVES,
        "transfer-initiatives": policy_transfer.INITIATIVES_CYPHER,
        "initiative-topics": policy_transfer.INITIATIVE_TOPICS_CYPHER,
    }


_SET_COLUMN = re.compile(r"collect\(DISTINCT .*?\) AS (\w+)")


def set_columns_sorted(cypher: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with every ``collect(DISTINCT …)`` column sorted, and the rows themselves when the statement has no
    ``ORDER BY``: those lists are sets (every reader treats them so) and such rows have no order; the engine's
    threads decide both, and the stored bytes, and so the change report's digest of them, should depend on the
    graph alone.

    >>> cypher = "MATCH (n) RETURN collect(DISTINCT n.k) AS ks, n.e AS e"
    >>> set_columns_sorted(cypher, [{"ks": ["b", "a"], "e": ["y", "x"]}, {"ks": [], "e": ["a"]}])
    [{'ks': [], 'e': ['a']}, {'ks': ['a', 'b'], 'e': ['y', 'x']}]
    """
    columns = _SET_COLUMN.findall(cypher)
    for row in rows:
        for column in columns:
            if isinstance(row.get(column), list):
                row[column] = sorted(row[column], key=_canonical)
    if "ORDER BY" not in cypher.upper():
        rows.sort(key=_canonical)
    return rows


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
