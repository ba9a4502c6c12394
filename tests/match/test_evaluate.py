"""``match-eval``: the ground truth comes from the documents, and ``match`` beats both baselines on it."""

from __future__ import annotations

from industriegraph.analysis.match import evaluate, features
from industriegraph.analysis.match.evaluate import ground_truth


def test_ground_truth_pairs_from_peer_meetings_regional_events_and_cooperations(graph):
    f = features(graph)
    truth = ground_truth(f)
    pairs = {tuple(sorted((f.ids[a], f.ids[b]))) for a, partners in truth.items() for b in partners}
    assert len(truth) == 19 and len(pairs) == 18
    assert ("ini:h2bz-initiative-hessen", "ini:h2bz-netzwerk-rlp") in pairs  # stated cooperation
    assert ("ini:h2-netzwerk-ruhr", "ini:hydrogen-hub-aachen") in pairs  # organised a regional event together
    sisters = [p for p in pairs if all(x.startswith("ini:in-du-strie") for x in p)]
    assert len(sisters) == 3
    assert all(a not in truth[a] for a in truth)


def test_match_beats_random_and_same_state_baselines(graph):
    report = evaluate(graph, runs=100)
    m = report["methods"]
    assert set(m) == {"match", "random", "same-state"}
    assert report["queries"] == 19 and report["pairs"] == 18
    for metric in ("hit@5", "mrr"):
        assert m["match"][metric] > m["same-state"][metric] > m["random"][metric]
    assert m["match"] == {"hit@5": 0.6842, "mrr": 0.5643}  # 13 of 19 initiatives find a true partner in the top 5
    assert sum(r["rank"] <= 5 for r in report["perInitiative"]) == 13
    # the random baseline is close to its expectation: about 1.9 true partners among 96 candidates, top 5
    assert 0.08 < m["random"]["hit@5"] < 0.14


def test_wider_ground_truth_still_beats_baselines(graph):
    kinds = ("peer-meeting", "regional-event", "conference", "industrieforum")
    report = evaluate(graph, runs=100, event_kinds=kinds)
    m = report["methods"]
    assert report["queries"] == 27
    assert m["match"]["hit@5"] > m["same-state"]["hit@5"] and m["match"]["mrr"] > m["same-state"]["mrr"]
