"""Words that say nothing as a *reason* why two initiatives fit ("sieben", "neue", "zielt", "regionalen").

The search keeps its short stop-word list (``text.search.STOPWORDS``: words a query never needs). Reasons
shown to people need a stricter filter: the German list of stopwords-iso (the ``stopwordsiso`` package,
~600 words: numerals, pronouns, auxiliaries, common adverbs and adjectives), our search stop words, and
a few words that are filler in the profiles of this corpus (how a goal is phrased, not what it is about).
Words that most initiatives use are dropped by document frequency where reasons are made
(``analysis.match.score``), so "Region" or "Unternehmen" need no entry here.
"""

from __future__ import annotations

from functools import lru_cache

from industriegraph.text.search import STOPWORDS, fold

# How goals are phrased in the profiles, not what they are about.
PROFILE_FILLER = frozenset(
    """
    ziel ziele zielen zielt zielsetzung ziels soll sollen sollte möchte möchten wollen will setzt setzen
    bietet bieten gibt geben schafft schaffen schaffung trägt tragen leisten leistet beitragen beitrag
    dient dienen verfolgt verfolgen steht stehen liegt liegen umfassend umfasst wesentlich wesentliche
    gemeinsam gemeinsame gemeinsamen gemeinsamer beteiligten beteiligte akteure akteuren akteurinnen
    initiative initiativen netzwerk netzwerke bereich bereiche bereichen rahmen themen thema
    jahr jahre jahren zudem sowohl vielfältig vielfältige konkrete konkreten zusammenschluss stärkung stärken
    """.split()
)


@lru_cache(maxsize=1)
def reason_stopwords() -> frozenset[str]:
    """Folded (lower case, umlauts as plain letters) stop words for reasons."""
    words: set[str] = set(STOPWORDS) | PROFILE_FILLER
    try:
        import stopwordsiso

        words |= set(stopwordsiso.stopwords("de"))
    except ImportError:  # a declared dependency; without it reasons fall back to the shorter lists
        pass
    return frozenset(fold(w) for w in words)


def is_filler(word: str) -> bool:
    """True for a word that is no reason on its own (any case, any umlaut spelling)."""
    return fold(word) in reason_stopwords()
