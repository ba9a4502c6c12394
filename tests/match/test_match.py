"""``match`` on the real graph: reasons for every peer, never itself, filters, weights, name resolution."""

from __future__ import annotations

import numpy as np
import pytest

from industriegraph.analysis.match import UnknownInitiative, Weights, features, match, resolve
from industriegraph.analysis.match.recommend import scores


def test_every_recommendation_has_reasons_and_never_the_initiative_itself(graph):
    f = features(graph)
    assert len(f) == 97
    for ini in f.ids:
        peers = match(graph, ini, top=10)
        assert len(peers) == 10
        assert ini not in {p["initiative"]["id"] for p in peers}
        for p in peers:
            assert p["reasons"] and all(isinstance(r, str) and r for r in p["reasons"])
            assert set(p) >= {"initiative", "score", "reasons", "alreadyConnected"}
        assert [p["score"] for p in peers] == sorted((p["score"] for p in peers), reverse=True)


def test_hydrogen_network_finds_its_stated_cooperation_partner_first(graph):
    peers = match(graph, "H2BZ Initiative Hessen e. V.", top=5)
    first = peers[0]
    assert first["initiative"] == {"id": "ini:h2bz-netzwerk-rlp", "name": "H2BZ Netzwerk RLP e. V.", "status": "active"}
    assert any(r.startswith("gemeinsame Themen: Wasserstoff") for r in first["reasons"])
    assert any(r.startswith("ähnliche Ziele") and "fossiler" in r for r in first["reasons"])
    assert "andere Region: Rheinland-Pfalz (gegenüber Hessen)" in first["reasons"]
    # every reason has a machine-readable code beside its German text
    codes = [c["code"] for c in first["reasonCodes"]]
    assert codes[:3] == ["shared-topics", "similar-goals", "different-region"]
    assert first["alreadyConnected"] == [
        {
            "kind": "cooperation:cooperation",
            "id": "ini:h2bz-netzwerk-rlp",
            "name": "H2BZ Netzwerk RLP e. V.",
            "text": "Zusammenarbeit vereinbart",
        }
    ]
    # the score is the sum of its explained parts
    parts = first["scoreExplained"]["parts"]
    assert abs(sum(p["contribution"] for p in parts) - first["score"]) < 1e-3
    # the rest are not known to be connected to it
    assert all(p["alreadyConnected"] == [] for p in peers[1:])


def test_already_connected_lists_shared_events(graph):
    peers = match(graph, "H2Berlin e. V.", top=10)
    h2sued = next(p for p in peers if p["initiative"]["id"].startswith("ini:h2-sued"))
    kinds = [c["kind"] for c in h2sued["alreadyConnected"]]
    assert kinds == ["cooperation:cooperation", "same-event:peer-meeting"]
    assert h2sued["alreadyConnected"][1]["name"].startswith("Wasserstoffwirtschaft: Gemeinsam zum Erfolg")


def test_scores_are_symmetric_and_do_not_use_events_or_cooperations(graph):
    f = features(graph)
    w = Weights()
    matrix = np.array([scores(f, q, w)[0] for q in range(len(f))])
    np.fill_diagonal(matrix, 0.0)
    assert np.allclose(matrix, matrix.T)
    # a cooperation pair and an arbitrary pair without any connection are scored by the same components
    assert set(match(graph, "ini:h2bz-netzwerk-rlp", top=1)[0]["components"]) == {
        "topics",
        "text",
        "members",
        "complement",
        "same_region",
        "other_region",
        "radius",
        "maturity",
    }


def _states(graph, ini_id):
    rows = graph.cypher("MATCH (i:Initiative)-[:LOCATED_IN]->(s:State) WHERE i.id = $id RETURN s.name AS s", id=ini_id)
    return {r["s"] for r in rows}


def test_state_filters(graph):
    only = match(graph, "H2Berlin e. V.", top=50, state="Nordrhein-Westfalen")
    assert len(only) == 23  # every NRW initiative (H2Berlin is in Berlin)
    assert all("Nordrhein-Westfalen" in _states(graph, p["initiative"]["id"]) for p in only)
    by_code = match(graph, "H2Berlin e. V.", top=50, state="DE-NW")
    assert by_code == only
    several = match(graph, "H2Berlin e. V.", top=100, state=["Hessen", "Bayern"])
    assert all(_states(graph, p["initiative"]["id"]) & {"Hessen", "Bayern"} for p in several)
    excluded = match(graph, "H2Berlin e. V.", top=200, exclude_state="Berlin")
    assert len(excluded) == 96 - 8  # 9 Berlin initiatives, one of them H2Berlin itself
    assert all("Berlin" not in _states(graph, p["initiative"]["id"]) for p in excluded)
    with pytest.raises(ValueError, match="unknown state 'Atlantis'"):
        match(graph, "H2Berlin e. V.", state="Atlantis")


def test_topic_radius_and_unknown_filters(graph):
    f = features(graph)
    peers = match(graph, "ini:h2berlin", top=100, topic="Wasserstoff")
    assert peers and all(
        "topic:wasserstoff" in (f.stated[f.index[p["initiative"]["id"]]] | f.derived[f.index[p["initiative"]["id"]]])
        for p in peers
    )
    local = match(graph, "ini:h2berlin", top=100, radius="lokal")
    assert len(local) == 17
    with pytest.raises(ValueError, match="unknown filter"):
        match(graph, "ini:h2berlin", colour="red")


def test_unknown_name_fails_with_closest_candidates(graph):
    with pytest.raises(UnknownInitiative) as exc:
        match(graph, "H2BZ Hessen")
    assert exc.value.candidates[0] == ("ini:h2bz-initiative-hessen", "H2BZ Initiative Hessen e. V.")
    assert "Closest candidates: H2BZ Initiative Hessen e. V. (ini:h2bz-initiative-hessen)" in str(exc.value)


def test_names_resolve_like_show(graph):
    by_id = match(graph, "ini:h2bz-initiative-hessen", top=3)
    assert match(graph, "h2bz initiative hessen", top=3) == by_id  # normalised name, legal form dropped
    f = features(graph)
    autos = "ini:automotive-transformation-strategy-fuer-suedwest-baden-wuerttemb"
    assert f.ids[resolve(f, "AuToS SW-BW")] == autos  # alias
    assert f.ids[resolve(f, "Automotive Transformation Strategy für Südwest-Baden-Württemberg (AuToS SW-BW)")] == autos


def test_weights_change_the_ranking(graph):
    region_only = Weights(topics=0, text=0, members=0, same_region=1, radius=0, maturity=0)
    peers = match(graph, "ini:h2berlin", top=6, weights=region_only)
    assert {p["score"] for p in peers} == {1.0}
    assert all("Berlin" in _states(graph, p["initiative"]["id"]) for p in peers)
    changed = match(graph, "ini:h2berlin", top=6, weights="same_region=1,topics=0,text=0,maturity=0,radius=0,members=0")
    assert changed == peers
    assert Weights().with_changes('{"text": 0.9}').text == 0.9
    with pytest.raises(ValueError, match="unknown weight"):
        Weights().with_changes("colour=1")


def test_graph_api_methods_delegate(graph):
    assert graph.match("ini:h2berlin", top=2, state="HE") == match(graph, "ini:h2berlin", top=2, state="Hessen")
    groups = graph.peer_groups(topic="Wasserstoff", size_min=3, size_max=4)
    assert sum(len(g["initiatives"]) for g in groups["groups"]) == 22


def test_reasons_name_no_filler_words(graph):
    from industriegraph.text.stopwords import is_filler

    f = features(graph)
    for ini in f.ids[:40]:
        for p in match(graph, ini, top=5):
            for c in p["reasonCodes"]:
                for word in c.get("terms", []):
                    assert not is_filler(word), (ini, p["initiative"]["id"], word)
                    assert word.casefold() not in {"sieben", "regionalen", "neue", "zielt"}
