"""What the build derives and stores beside the database equals what the analysis computes on the fly."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest

from industriegraph.analysis.match import evaluate, features, match
from industriegraph.analysis.match.features import StoredFeatures
from industriegraph.graph.facade import NAMES_DATASET, NAMES_VERSION, Graph, name_index
from industriegraph.model.kinds import KINDS
from industriegraph.store.derived import open_derived, sidecar


@pytest.fixture(scope="module")
def both(built_db):
    stored, computed = Graph.open(built_db), Graph.open(built_db, derived=False)
    yield stored, computed
    stored.close()
    computed.close()


def test_the_build_writes_the_derived_file(built_db):
    derived = open_derived(built_db)
    assert derived is not None
    assert set(derived.meta["versions"]) == {
        "brokers",
        "match-features",
        "actor-network",
        "memberships",
        "names",
        "reads",
        "policy-transfer",
    }
    derived.close()


def test_brokers(both):
    stored, computed = both
    for params in ({"top": 1000}, {"top": 5, "label": "Organization", "min_degree": 2}, {"label": "Initiative"}):
        assert stored.query("brokers", **params) == computed.query("brokers", **params)


def test_cooccurrence_for_every_kind_pair(both):
    stored, computed = both
    for a in KINDS:
        for b in KINDS:
            assert stored.query("cooccurrence", kind_a=a, kind_b=b) == computed.query(
                "cooccurrence", kind_a=a, kind_b=b
            )
    assert (
        computed.query("cooccurrence", kind_a="IHK", kind_b="Union", top=1)
        == stored.query("cooccurrence", kind_a="IHK", kind_b="Union")[:1]
    )
    for scope in ("table", "all"):
        assert stored.query("kind-cooccurrence", min_both=0, scope=scope) == computed.query(
            "kind-cooccurrence", min_both=0, scope=scope
        )


def test_paths(both):
    stored, computed = both
    ids = [
        r["id"]
        for r in computed.cypher(
            "MATCH (n) WHERE label(n) IN ['Organization', 'Initiative', 'Person', 'Measure'] RETURN n.id AS id"
        )
    ]
    ids.sort()
    pairs = [(ids[k], ids[-1 - 3 * k]) for k in range(0, 40, 2)] + [("IVH", "org:ig-metall")]
    for a, b in pairs:
        for via in (False, True):
            params = {"from": a, "to": b, "via_vocabulary": via}
            assert stored.query("path", **params) == computed.query("path", **params)


def test_find_uses_the_name_index(both):
    stored, computed = both
    index = stored.derived(NAMES_DATASET, NAMES_VERSION)
    fresh = name_index(computed)
    assert all(np.array_equal(index[k], fresh[k]) for k in ("keys", "ids", "order"))
    for name in ("IG Metall", "Handelskammer Hamburg", "IVH", "ig-metall", "Wasserstof"):
        got, want = stored.find(name), computed.find(name)
        assert {n["id"] for n in got} == {n["id"] for n in want}, name
        assert ("_score" in got[0]) == ("_score" in want[0])


def test_match_features(both):
    stored, computed = both
    assert isinstance(features(stored), StoredFeatures)
    f = features(computed)
    for initiative in f.ids[::7]:
        assert match(stored, initiative, top=10) == match(computed, initiative, top=10)
    assert stored.peer_groups(mode="mixed") == computed.peer_groups(mode="mixed")
    assert evaluate(stored) == evaluate(computed)


def test_stored_features_row_by_row(both):
    """The per-initiative rows read one at a time from the file equal the computed ones, and the build's verdict
    on filler words equals the stop-word filter's."""
    from industriegraph.text.stopwords import is_filler

    stored, computed = (features(g) for g in both)
    rows = ("names", "radius", "status", "aliases", "goals", "description", "states", "stated", "derived", "kind_sets")
    for name in (*rows, "events", "members"):
        assert list(getattr(stored, name)) == list(getattr(computed, name)), name
        assert len(getattr(stored, name)) == len(computed)
    assert stored.events[-1] == computed.events[-1]
    words = {w for k in range(len(computed)) for w in computed.surfaces[k].values()} | set(computed.vocab)
    assert any(is_filler(w) for w in words)
    assert {w for w in words if stored.filler(w)} == {w for w in words if is_filler(w)}


def test_arrays_are_mapped_from_the_file_aligned_and_writable_in_this_process_only(tmp_path):
    from industriegraph.store.derived import ALIGN, JsonRows, json_rows, write

    db = tmp_path / "x.db"
    db.write_bytes(b"x")
    arrays = {
        "floats": np.arange(7.5, step=0.5),
        "words": np.array(["Wärme", "Netz", ""]),
        "matrix": np.asfortranarray(np.arange(12).reshape(3, 4)),
        "empty": np.zeros(0, dtype="<U1"),
        "flags": np.array([[True, False], [False, True]]),
    }
    rows = [["Ziel eins", "Ziel\nzwei"], "ä", None, {"k": [1, 2.5]}]
    pair = json_rows(rows)
    write(sidecar(db), db, {"t": {**arrays, "rows_blob": pair["blob"], "rows_offsets": pair["offsets"]}}, {"t": 1})
    derived = open_derived(db)
    ds = derived.dataset("t", 1)
    for key, want in arrays.items():
        got = ds[key]
        assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want), key
        assert got.size == 0 or got.ctypes.data % ALIGN == 0, key
    ds["floats"][0] = 99.0  # copy-on-write: the process may change its copy, the file stays
    assert ds["floats"][0] == 99.0
    read = JsonRows(ds["rows_blob"], ds["rows_offsets"])
    assert list(read) == rows and read[-1] == rows[-1] and len(read) == len(rows)
    with pytest.raises(IndexError):
        read[len(rows)]
    derived.close()
    again = open_derived(db)
    assert again.dataset("t", 1)["floats"][0] == 0.0
    again.close()


def test_a_changed_database_ignores_the_derived_file(built_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy2(built_db, db)
    shutil.copy2(sidecar(built_db), sidecar(db))
    assert open_derived(db) is not None  # copied with its modification time: still its own
    os.utime(db, ns=(0, 0))
    assert open_derived(db) is None
    with Graph.open(db) as g:
        assert g.derived("brokers", 1) is None
        assert g.query("brokers", top=3)  # computed on the fly instead


def test_policy_transfer_of_every_measure(both):
    stored, computed = both
    measures = [r["id"] for r in computed.query("measures")]
    assert measures
    for mid in measures:
        assert stored.query("policy-transfer", measure=mid) == computed.query("policy-transfer", measure=mid)
    mid = measures[0]
    for params in ({"top": 100}, {"top": None}, {"top": 3, "include_same_state": True}):
        assert stored.query("policy-transfer", measure=mid, **params) == computed.query(
            "policy-transfer", measure=mid, **params
        )


def test_stored_reads(both):
    from industriegraph.analysis.derived import stored_statements
    from industriegraph.analysis.queries import stored as reads

    stored, computed = both
    for name, text in stored_statements().items():  # (Ladybug returns rows and lists in no fixed order)
        assert len(reads.rows(stored, name, text)) == len(reads.rows(computed, name, text))
    for params in ({}, {"topic": "wasserstoff"}, {"text": "Fachkräfte"}, {"kind": "all"}):
        assert stored.query("measures", **params) == computed.query("measures", **params)
    for params in ({}, {"group_by": "topic"}, {"state": "Hamburg"}):
        assert stored.query("initiatives", **params) == computed.query("initiatives", **params)
    assert stored.query("organization", name="Handelskammer Hamburg") == computed.query(
        "organization", name="Handelskammer Hamburg"
    )


def test_derived_on_the_writing_connection_equals_derived_after_reopening(tmp_path, monkeypatch, built_db):
    """A small graph's derived data are read on the connection that wrote it (``LadybugStore.for_reading``), a
    large graph's after closing it and opening it read-only: the same data either way."""
    from industriegraph.pipeline import changes
    from industriegraph.pipeline.build import build
    from industriegraph.store import ladybug as ladybug_store

    monkeypatch.setattr(ladybug_store, "ONE_THREAD_BELOW", 0)  # every database counts as large
    build(target=tmp_path / "large.db")
    assert changes.derived_digests(sidecar(tmp_path / "large.db")) == changes.derived_digests(sidecar(built_db))


def test_warming_reads_an_empty_database_and_stops_when_told(tmp_path):
    """``warm`` (run while a build's forked child still reads) runs the derived data's reads on the fresh database
    before its write, leaves it empty, and stops at the first step after ``go_on()`` turns false."""
    from industriegraph.analysis import derived
    from industriegraph.pipeline.build import open_fresh

    store = open_fresh(tmp_path / "fresh.db")
    try:
        asked = []
        derived.warm(store, lambda: asked.append(1) or len(asked) < 3)
        assert len(asked) == 3  # two steps ran, the third was not started
        derived.warm(store, lambda: True)  # every step, on a graph without rows
        assert store.cypher("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    finally:
        store.close()
