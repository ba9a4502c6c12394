"""``peer_groups`` on the real graph: a partition within the size bounds, themes, input givers, reasons."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from industriegraph.analysis.match import features, peer_groups
from industriegraph.analysis.match.peer_groups import blocks as module_blocks
from industriegraph.analysis.match.peer_groups import group_count, partition


def _check_partition(graph, result, expected_ids, size_min, size_max):
    seen = [x["id"] for grp in result["groups"] for x in grp["initiatives"]]
    assert sorted(seen) == sorted(expected_ids)  # every initiative exactly once
    for grp in result["groups"]:
        assert size_min <= len(grp["initiatives"]) <= size_max
        assert grp["theme"]
        assert grp["inputFrom"]["id"] in {x["id"] for x in grp["initiatives"]}
        assert grp["inputFrom"]["why"]
        assert all(x["why"] for x in grp["initiatives"])


@pytest.mark.parametrize("mode", ["similar", "mixed"])
@pytest.mark.parametrize(("size_min", "size_max"), [(3, 6), (4, 5), (2, 3), (6, 10)])
def test_every_initiative_in_exactly_one_group_within_bounds(graph, mode, size_min, size_max):
    result = peer_groups(graph, size_min=size_min, size_max=size_max, mode=mode)
    _check_partition(graph, result, features(graph).ids, size_min, size_max)
    assert len(result["groups"]) == group_count(97, size_min, size_max)


def test_default_groups_and_determinism(graph):
    first = peer_groups(graph)
    assert len(first["groups"]) == 22  # 97 initiatives in groups of 4 or 5 (the middle of 3..6)
    assert sorted({len(g["initiatives"]) for g in first["groups"]}) == [4, 5]
    assert peer_groups(graph) == first


def test_hydrogen_initiatives_meet_under_a_hydrogen_theme(graph):
    result = peer_groups(graph)
    h2 = [g for g in result["groups"] if any(x["id"] == "ini:h2bz-initiative-hessen" for x in g["initiatives"])][0]
    assert h2["theme"].startswith("Wasserstoff")
    assert h2["themeTopic"] == "topic:wasserstoff"
    ids = {x["id"] for x in h2["initiatives"]}
    assert "ini:h2bz-netzwerk-rlp" in ids
    # the input giver states the theme as a topic and is the oldest such member
    assert h2["inputFrom"]["why"].startswith("nennt das Thema als Schwerpunkt")
    # the pairs that already know each other are listed with how
    assert any(c["links"] and all(x["text"] for x in c["links"]) for c in h2["alreadyConnected"])


def test_themes_are_distinct_and_cohesion_is_explained(graph):
    for mode in ("similar", "mixed"):
        groups = peer_groups(graph, mode=mode)["groups"]
        themes = [g["theme"] for g in groups]
        assert len(themes) == len(set(themes)), themes
        for g in groups:
            parts = g["cohesionExplained"]["parts"]
            assert abs(sum(p["contribution"] for p in parts) - g["cohesion"]) < 1e-3


def test_topic_and_state_filters(graph):
    f = features(graph)
    result = peer_groups(graph, topic="Wasserstoff", size_min=3, size_max=4)
    wanted = [i for k, i in enumerate(f.ids) if "topic:wasserstoff" in (f.stated[k] | f.derived[k])]
    assert len(wanted) == 22
    _check_partition(graph, result, wanted, 3, 4)
    nrw = peer_groups(graph, state="Nordrhein-Westfalen")
    assert sum(len(g["initiatives"]) for g in nrw["groups"]) == 23


def test_mixed_mode_spreads_regions(graph):
    f = features(graph)

    def same_state_pairs(result):
        count = 0
        for grp in result["groups"]:
            rows = [f.index[x["id"]] for x in grp["initiatives"]]
            count += sum(bool(f.states[a] & f.states[b]) for i, a in enumerate(rows) for b in rows[i + 1 :])
        return count

    similar, mixed = peer_groups(graph, mode="similar"), peer_groups(graph, mode="mixed")
    assert same_state_pairs(mixed) < same_state_pairs(similar) / 3
    assert all("in die Mischung ein" in x["why"] for g in mixed["groups"] for x in g["initiatives"])


def test_impossible_bounds_and_bad_mode_are_clear_errors(graph):
    with pytest.raises(ValueError, match="7 initiatives cannot be split into groups of 4 to 6"):
        group_count(7, 4, 6)
    with pytest.raises(ValueError, match="cannot be split"):
        peer_groups(graph, state="Bremen", size_min=3)
    with pytest.raises(ValueError, match="mode must be one of similar, mixed"):
        peer_groups(graph, mode="random")
    assert peer_groups(graph, state="Bremen", size_min=1, size_max=2)["groups"][0]["initiatives"][0]["name"]


def test_many_initiatives_are_partitioned_in_blocks(graph, monkeypatch):
    module = importlib.import_module("industriegraph.analysis.match.peer_groups")
    whole = peer_groups(graph)
    monkeypatch.setattr(module, "BLOCK_SIZE", 30)
    calls = []
    result = peer_groups(graph, progress=lambda done, total: calls.append((done, total)))
    _check_partition(graph, result, features(graph).ids, 3, 6)
    assert len(result["groups"]) == len(whole["groups"]) == 22
    assert calls == [(b, 4) for b in range(1, 5)]  # 22 groups of 4-5, 6 per block of at most 30: 4 blocks
    # blocks group like with like: the themed groups hold together about as well as in one partition
    assert np.mean([g["cohesion"] for g in result["groups"]]) > 0.8 * np.mean([g["cohesion"] for g in whole["groups"]])
    assert peer_groups(graph, progress=None) == result  # deterministic


def test_blocks_follow_the_embedding_and_the_capacities():
    x = np.array([[1.0, 0.0]] * 5 + [[0.0, 1.0]] * 5 + [[0.7, 0.7]] * 2)
    assign = module_blocks(x, [6, 6])
    assert sorted(np.bincount(assign).tolist()) == [6, 6]
    assert len(set(assign[:5].tolist())) == 1 and len(set(assign[5:10].tolist())) == 1
    assert assign[0] != assign[5]


def test_partition_recovers_planted_blocks():
    blocks = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
    rng = np.random.default_rng(3)
    order = rng.permutation(len(blocks))
    b = np.array(blocks)[order]
    sim = (b[:, None] == b[None, :]).astype(float) + rng.uniform(0, 0.1, (10, 10))
    sim = (sim + sim.T) / 2
    group = partition(sim, 3)
    assert {tuple(sorted(np.flatnonzero(group == g).tolist())) for g in range(3)} == {
        tuple(sorted(np.flatnonzero(b == x).tolist())) for x in range(3)
    }
