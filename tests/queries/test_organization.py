"""organization on the real graph: one organisation's initiatives, co-members, strategies, measures and people."""

from __future__ import annotations

import pytest

from industriegraph.analysis.queries import QueryError, get

ORGANIZATION = get("organization")
MASTERPLAN = "strategy:masterplan-industrie-ein-buendnis-fuer-die-industrie-der-zukunft"


def by_relation(rows):
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["relation"], []).append(r)
    return out


def test_handelskammer_hamburg(graph):
    rows = ORGANIZATION.execute(graph, name="Handelskammer Hamburg")
    assert all(set(r) == set(ORGANIZATION.columns) for r in rows)
    rel = by_relation(rows)
    assert list(rel) == ["MEMBER_OF", "CO_MEMBER", "PARTNER_OF", "RESPONSIBLE_FOR", "<- HOLDS_ROLE"]
    # Masterplan l. 29-31: the four partners of the Masterplan Industrie.
    assert [(r["target_id"], r["role"]) for r in rel["MEMBER_OF"]] == [("ini:masterplan-industrie-hamburg", "partner")]
    assert "masterplan-industrie-hamburg.txt:31" in rel["MEMBER_OF"][0]["evidence"]
    assert [(r["target"], r["via"]) for r in rel["CO_MEMBER"]] == [
        # report l. 2568 and 2577: the Wirtschaftsbehörde is partner and coordinator (one row per role)
        ("Behörde für Wirtschaft und Innovation", "Masterplan Industrie Hamburg"),
        ("Behörde für Wirtschaft und Innovation", "Masterplan Industrie Hamburg"),
        ("Deutscher Gewerkschaftsbund Nord", "Masterplan Industrie Hamburg"),
        ("Industrieverband Hamburg e. V.", "Masterplan Industrie Hamburg"),
        ("Senat der Freien und Hansestadt Hamburg", "Masterplan Industrie Hamburg"),
    ]
    assert [r["target_id"] for r in rel["PARTNER_OF"]] == [MASTERPLAN]
    assert rel["PARTNER_OF"][0]["evidence"] == ["masterplan-industrie-hamburg.txt:31"]
    # Measures worded "Die Partner des Masterplans Industrie …" (e.g. HF1 no. 6, l. 632; HF4 no. 1, l. 1560).
    measures = {r["target_id"]: r for r in rel["RESPONSIBLE_FOR"]}
    assert len(measures) == 18
    hf1 = measures["measure:masterplan-industrie-hamburg-txt-hf1-m6"]
    assert hf1["target"].startswith("Die Partner des Masterplans Industrie werden sich für die Weiterentwicklung")
    assert hf1["via"].endswith("Handlungsfeld 1: Flächen und Infrastruktur")
    assert "masterplan-industrie-hamburg.txt:632" in hf1["evidence"]
    assert measures["measure:masterplan-industrie-hamburg-txt-hf4-m1"]["via"].endswith(
        "Handlungsfeld 4: Arbeit, Bildung und Qualifizierung"
    )
    # Signature block, l. 131-135: Prof. Norbert Aust, Präses of the Handelskammer.
    assert [(r["target"], r["role"]) for r in rel["<- HOLDS_ROLE"]] == [("Norbert Aust", "Präses")]


def test_alias_and_id_give_the_same_answer(graph):
    by_name = ORGANIZATION.execute(graph, name="Industrieverband Hamburg e. V.")
    assert by_name == ORGANIZATION.execute(graph, name="IVH")
    assert by_name == ORGANIZATION.execute(graph, name="org:ivh")
    rel = by_relation(by_name)
    # The IVH is also partner of the 2019 alliance with the Senate (hamburg.de page and news article).
    assert "strategy:buendnis-fuer-die-industrie-der-zukunft" in {r["target_id"] for r in rel["PARTNER_OF"]}
    assert {r["target"] for r in rel["CO_MEMBER"]} == {
        "Behörde für Wirtschaft und Innovation",
        "Handelskammer Hamburg",
        "Deutscher Gewerkschaftsbund Nord",
        "Senat der Freien und Hansestadt Hamburg",
    }


def test_ig_bce_co_members_name_the_shared_initiative(graph):
    rel = by_relation(ORGANIZATION.execute(graph, name="IG BCE"))
    assert {r["target_id"] for r in rel["MEMBER_OF"]} == {
        "ini:industriebeirat-wiesbaden",
        "ini:initiative-gesundheitsindustrie-hessen",
        "ini:initiativkreis-ruhr",
    }
    founder = [r for r in rel["MEMBER_OF"] if r["target_id"] == "ini:initiativkreis-ruhr"]
    assert [r["role"] for r in founder] == ["founder"]
    dgb = [r for r in rel["CO_MEMBER"] if r["target_id"] == "org:dgb"]
    assert [(r["via"], r["evidence"]) for r in dgb] == [
        ("Industriebeirat Wiesbaden", ["servicestelle-industrieinitiativen-abschlussbericht.txt:8814"])
    ]


def test_unknown_ambiguous_and_wrong_kind_names(graph):
    with pytest.raises(QueryError, match=r"nothing named 'Senat'.*org:senat-hamburg"):
        ORGANIZATION.execute(graph, name="Senat")
    with pytest.raises(QueryError, match="names no Organization.*ini:masterplan-industrie-hamburg"):
        ORGANIZATION.execute(graph, name="Masterplan Industrie Hamburg")
    with pytest.raises(QueryError, match="required"):
        ORGANIZATION.execute(graph)
    with pytest.raises(QueryError, match="unknown parameter"):
        ORGANIZATION.execute(graph, org="IVH")
