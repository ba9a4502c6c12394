"""German text search: stems, umlauts, compounds and BM25 ranking, on phrases from the real documents."""

from __future__ import annotations

import pytest

from industriegraph.text.search import (
    W_EXACT,
    W_INFIX,
    W_PART,
    W_PREFIX,
    W_VARIANT,
    Index,
    match_weight,
    snippet,
    stem,
    terms,
    tokenize,
)

# Goals and measure phrases as printed in the Abschlussbericht and the Masterplan
GOALS = {
    "h2berlin": "Entwicklung einer Wasserstoff-Wirtschaft, Unterstützung des Markthochlaufs",
    "h2non": "Das übergeordnete Ziel ist es, Nordostniedersachsen zu einer Modellregion der Wasserstoffwirtschaft "
    "zu entwickeln",
    "lausitz": "Aufbau einer Wasserstofftankstelleninfrastruktur",
    "neukoelln": "Fachkräftesicherung",
    "fuldamobil": "Fachkräfteoffensive für Nachwuchsfachkräfte und Fachkräfte",
    "hf1": "Industrieflächen und -gebiete zu erhalten und weiterzuentwickeln",
    "hf4": "Die industrienahen Cluster62 werden bei Bedarf ihre Qualifizierungsoffensiven weiter ausbauen.",
    "atlas": "Qualifizierungsangebote für Beschäftigte der Automobilzulieferer",
}


def test_stems_fold_inflection_and_umlaut_spellings():
    assert stem("Flächen") == stem("Fläche") == stem("Flaechen") == "flach"
    assert stem("Fachkräfte") == stem("Fachkraeften") == "fachkraft"
    assert stem("Wasserstoffs") == stem("Wasserstoff") == "wasserstoff"


def test_tokenize_drops_stopwords_numbers_and_footnote_digits():
    toks = tokenize("Die industrienahen Cluster62 werden bis 2030 H2-Projekte und CO2 ausbauen.")
    assert [t.surface for t in toks] == ["industrienahen", "Cluster", "H2", "Projekte", "CO2", "ausbauen"]
    assert toks[1].start == 19 and toks[1].end == 26  # offsets point at "Cluster" without the footnote 62
    assert terms("Fläche und Flächen der Industrie") == ["flach", "industri"]


@pytest.mark.parametrize(
    ("query", "word", "weight"),
    [
        ("Wasserstoff", "Wasserstoff", W_EXACT),
        ("qualifizieren", "Qualifizierung", W_VARIANT),  # stems qualifizi / qualifizier
        ("Qualifizierung", "qualifizieren", W_VARIANT),
        ("Wasserstoff", "Wasserstoffwirtschaft", W_PREFIX),
        ("Fachkräfte", "Fachkräftesicherung", W_PREFIX),
        ("Flächen", "Industrieflächen", W_INFIX),
        ("Fachkräfte", "Nachwuchsfachkräfte", W_INFIX),
        ("Wasserstoffwirtschaft", "Wasserstoff", 0.0),  # a longer query word does not match its parts ...
        ("Netz", "Wasserstoffindustrienetz", 0.0),  # ... and short stems do not match inside compounds
        ("Klima", "Betriebsklima", W_INFIX),  # lexical only: topic exclusions live in the vocabulary
    ],
)
def test_match_weight(query, word, weight):
    assert match_weight(stem(query), stem(word)) == weight


def test_decompose_lets_compound_parts_of_a_long_query_match():
    q = stem("Wasserstoffindustrienetz")
    assert match_weight(q, stem("Wasserstoff")) == 0.0
    assert match_weight(q, stem("Wasserstoff"), decompose=True) == W_PART
    assert match_weight(q, stem("Wasserstoffwirtschaft"), decompose=True) == W_PART  # same first word
    assert match_weight(q, stem("Wassertiefe"), decompose=True) == 0.0


def test_search_finds_compounds_and_favours_short_documents():
    ix = Index(GOALS)
    hits = ix.search("Wasserstoff")
    # the two-word goal beats the exact word in a longer one (BM25 length normalisation); the long sentence is last
    assert [h.doc_id for h in hits] == ["lausitz", "h2berlin", "h2non"]
    assert hits[0].terms == ("Wasserstofftankstelleninfrastruktur",)
    assert hits[1].terms == ("Wasserstoff",)
    assert hits[2].terms == ("Wasserstoffwirtschaft",)
    assert hits[0].score > hits[1].score > hits[2].score > 0

    fach = ix.search("Fachkräfte")
    assert [h.doc_id for h in fach] == ["fuldamobil", "neukoelln"]
    assert fach[0].terms == ("Fachkräfteoffensive", "Nachwuchsfachkräfte", "Fachkräfte")


def test_search_tolerates_inflection_and_umlaut_spelling():
    ix = Index(GOALS)
    assert [h.doc_id for h in ix.search("Flaeche")] == ["hf1"]
    assert [h.doc_id for h in ix.search("qualifizieren")] == ["atlas", "hf4"]
    assert ix.search("Cluster")[0].terms == ("Cluster",)
    assert ix.search("der und die") == []
    assert ix.search("Quantencomputer") == []


def test_search_ignore_and_limit():
    ix = Index(GOALS)
    assert ix.search("Wasserstoff Fachkräfte", limit=2) == ix.search("Wasserstoff Fachkräfte")[:2]
    assert {h.doc_id for h in ix.search("Wasserstoff Fachkräfte", ignore=["Wasserstoff"])} == {
        "fuldamobil",
        "neukoelln",
    }
    long = ix.search("Wasserstoffindustrienetz", decompose=True)
    assert [h.doc_id for h in long] == ["lausitz", "h2berlin", "h2non"]
    assert Index(GOALS).search("Wasserstoffindustrienetz") == []


def test_snippet_cuts_around_the_match():
    text = (
        "Die zuverlässige, wirtschaftlich tragfähige sowie langfristig klimaneutrale und luftschadstoffarme "
        "Energieversorgung stellt eine der zentralen Säulen der Zukunftsfähigkeit der Hamburger Industrie dar. "
        "Hier wird der Senat gemeinsam mit den industriellen Großverbrauchern und ihren Verbänden bundes- und "
        "europapolitisch aktiv bleiben."
    )
    start = text.index("Senat")
    s = snippet(text, start, start + 5, width=80)
    assert s.startswith("…") and s.endswith("…") and "Senat" in s
    assert len(s) <= 82
    assert snippet("kurz", 0, 4) == "kurz"


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="duplicate document id 'a'"):
        Index([("a", "x"), ("a", "y")])


def test_expand_by_lookup_equals_a_scan_of_the_vocabulary(corpus):
    """``Index.expand`` finds the matching stems by bisection and substring search; it must give exactly what
    weighing every vocabulary stem gives, in the same order (the scores sum in that order)."""
    texts = {f"{name}:{k}": block for name, doc in corpus.items() for k, block in enumerate(doc.text.split("\n\n"))}
    index = Index(texts)
    queries = sorted(set(index.vocabulary[::60]) | {stem(w) for w in ("Wasserstoffindustrienetz", "Fachkräfte", "ab")})
    skip = frozenset(stem(w) for w in ("Industrie", "Hamburg", "Unternehmen"))
    for q in queries:
        for decompose in (False, True):
            for sk in (frozenset(), skip):
                scanned = index._expand(q, decompose, sk, index.vocabulary)
                assert index.expand(q, decompose, sk) == scanned
                assert list(index.expand(q, decompose, sk)) == list(scanned)
