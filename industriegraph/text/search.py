"""German full-text search over a handful of documents, in pure Python.

Why not the database: Ladybug's ``fts`` extension is downloaded on demand and is not available offline,
and Neo4j's full-text indexes need a running server; the texts to search (measures, objectives,
initiative goals, a few hundred short passages) fit in memory anyway. So query modules fetch the texts
with Cypher and rank them here, identically on both engines.

What makes German text hard and how this module copes:

* Inflection: words are reduced to Snowball German stems ("Flächen" and "Fläche" -> ``flach``).
  The stemmer leaves some verb/noun pairs apart ("qualifizieren" -> ``qualifizi``, "Qualifizierung"
  -> ``qualifizier``): a stem that is a prefix of the other, at least 5 letters long and at most
  3 letters shorter, counts as the same word.
* Umlauts: "ä/ö/ü/ß" and their ASCII spellings "ae/oe/ue/ss" meet (the stemmer folds umlauts, and
  ``fold`` maps both spellings to plain vowels).
* Compounds: German glues words together ("Wasserstoffwirtschaft", "Fachkräftesicherung").
  A query stem found at the start of a longer word matches it (weight 0.8), found inside it
  (weight 0.6); with ``decompose=True`` (long queries such as a whole measure text) a document word
  that is a part of a query compound, or two compounds that begin with the same word of at least 7
  letters, also match (weight 0.5), so "Wasserstoffindustrienetz" in a measure meets "Wasserstoff" and
  "Wasserstoffwirtschaft" in a goal. Parts must have at least 5 letters (4 at a word start), so
  short stems do not hit everything.
* Footnote markers glued to words in PDF text ("Cluster62", "Wasserstoffwirtschaft48") are cut off;
  "H2", "CO2", "5G" stay whole.

Scoring is BM25 over the documents of the index: rare terms weigh more than common ones, repeated
terms saturate, long documents are not favoured. Each hit reports the words that matched (as written)
and a snippet around the first match.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("german")

# Function words and the most generic verbs; kept small on purpose (content words carry the search).
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf aus bei beim
    bereits bis bzw da dabei dadurch dafür daher damit dann dar daran darauf darin darüber dass das dem den denen
    der deren des dessen die dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer
    eines einige er es etwa etwas für ganz gegen habe haben hat hier hierbei hierzu ihr ihre ihrem ihren ihrer
    im in ins insbesondere ist je jedoch jeweils kann können könnte mehr mit muss müssen nach neben nicht noch
    nur ob oder ohne sehr sein seine seinem seinen seiner seit sich sie sind so sollen soll sowie über um und
    uns unter viel vom von vor wann war waren was weil weiter weitere weiteren welche wenn werden wie wieder
    wir wird wo wurde wurden zu zum zur zwischen z b d h u a ca bzw sog ggf
    the a an and or of for to in on at by with from as is are be this that
    """.split()
)

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
FOOTNOTE_RE = re.compile(r"^([^\W\d_]{4,})\d{1,3}$")  # "Cluster62" -> "Cluster"
SOFT_HYPHEN = "\u00ad"

MIN_PREFIX = 4  # a query stem this long may match the start of a longer word
MIN_INFIX = 5  # ... and this long anywhere inside it
MIN_SHARED_HEAD = 7  # decompose: two compounds with the same first word (>= 7 letters) share that part
W_EXACT, W_VARIANT, W_PREFIX, W_INFIX, W_PART = 1.0, 0.9, 0.8, 0.6, 0.5


def fold(text: str) -> str:
    """Lower case, umlauts and ß to plain letters (both spellings: "Fläche" and "Flaeche" -> "flache")."""
    s = unicodedata.normalize("NFC", text).lower().replace(SOFT_HYPHEN, "")
    s = s.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")
    s = s.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Comparison form of one word: Snowball German stem of the lower-cased word, umlauts folded."""
    w = unicodedata.normalize("NFC", word).lower().replace(SOFT_HYPHEN, "")
    return fold(_STEMMER.stemWord(w))


@dataclass(frozen=True)
class Token:
    """A content word of a text: as written, its stem, and where it stands (character offsets)."""

    surface: str
    stem: str
    start: int
    end: int


def tokenize(text: str, keep_stopwords: bool = False) -> list[Token]:
    """Content words of ``text`` with stems; stopwords, bare numbers and footnote digits dropped."""
    text = text or ""
    out: list[Token] = []
    for m in WORD_RE.finditer(text.replace(SOFT_HYPHEN, " ") if SOFT_HYPHEN in text else text):
        word = m.group(0)
        fn = FOOTNOTE_RE.match(word)
        if fn:
            word = fn.group(1)
        if word.isdigit():
            continue
        low = word.lower()
        if not keep_stopwords and (low in STOPWORDS or len(low) < 2):
            continue
        out.append(Token(word, stem(word), m.start(), m.start() + len(word)))
    return out


def terms(text: str) -> list[str]:
    """Distinct content stems of a text, in order of first occurrence (what a query searches for)."""
    return list(dict.fromkeys(t.stem for t in tokenize(text)))


def match_weight(query_stem: str, doc_stem: str, decompose: bool = False) -> float:
    """How well a document word matches a query word: 1 same stem, less for variants and compound parts, 0 none."""
    if query_stem == doc_stem:
        return W_EXACT
    q, d = query_stem, doc_stem
    if len(d) < len(q):  # inflection variant with the shorter stem in the document ("qualifizi"/"qualifizier")
        if len(d) >= 5 and len(q) - len(d) <= 3 and q.startswith(d):
            return W_VARIANT
    elif len(d) - len(q) <= 3 and len(q) >= 5 and d.startswith(q):
        return W_VARIANT
    if len(q) >= MIN_PREFIX and d.startswith(q):
        return W_PREFIX
    if len(q) >= MIN_INFIX and q in d:
        return W_INFIX
    if decompose and ((len(d) >= MIN_INFIX and d in q) or _common_prefix(q, d) >= MIN_SHARED_HEAD):
        return W_PART
    return 0.0


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True)
class Hit:
    """One document found: its id, BM25 score, the words that matched (as written), a snippet."""

    doc_id: str
    score: float
    terms: tuple[str, ...]
    snippet: str
    query_terms: tuple[str, ...] = ()  # the query stems that found something in this document


def snippet(text: str, start: int, end: int, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around [start, end), cut at word boundaries, with ellipses."""
    flat = re.sub(r"\s+", " ", text)
    if len(flat) <= width:
        return flat.strip()
    # map offsets from the raw text onto the whitespace-collapsed one
    prefix = re.sub(r"\s+", " ", text[:start])
    s = len(prefix)
    e = s + len(re.sub(r"\s+", " ", text[start:end]))
    left = max(0, s - (width - (e - s)) // 3)
    right = min(len(flat), left + width)
    left = max(0, right - width)
    if left > 0:
        sp = flat.find(" ", left)
        left = sp + 1 if 0 <= sp < s else left
    if right < len(flat):
        sp = flat.rfind(" ", e, right)
        right = sp if sp > e else right
    return ("…" if left > 0 else "") + flat[left:right].strip() + ("…" if right < len(flat) else "")


class Index:
    """BM25 over a fixed set of documents (id -> text); build once, search many times."""

    K1, B = 1.2, 0.75

    def __init__(self, docs: Mapping[str, str] | Iterable[tuple[str, str]]):
        items = list(docs.items()) if isinstance(docs, Mapping) else list(docs)
        self.texts: dict[str, str] = {}
        self.tokens: dict[str, list[Token]] = {}
        for doc_id, text in items:
            if doc_id in self.texts:
                raise ValueError(f"duplicate document id {doc_id!r}")
            self.texts[doc_id] = text or ""
            self.tokens[doc_id] = tokenize(text or "")
        self.stem_counts = {d: Counter(t.stem for t in toks) for d, toks in self.tokens.items()}
        self.vocabulary = sorted({s for c in self.stem_counts.values() for s in c})
        self._postings: dict[str, list[tuple[int, str, int]]] = {}  # stem -> (document number, id, count)
        for n, (d, counts) in enumerate(self.stem_counts.items()):
            for s, c in counts.items():
                self._postings.setdefault(s, []).append((n, d, c))
        self._vocab_set = frozenset(self.vocabulary)
        self._joined = "\n" + "\n".join(self.vocabulary) + "\n"  # for substring lookups
        self._expanded: dict[tuple[str, bool, frozenset[str]], dict[str, float]] = {}
        self._skips: dict[tuple[str, ...], frozenset[str]] = {}
        lengths = [len(t) for t in self.tokens.values()]
        self.avg_len = (sum(lengths) / len(lengths)) if lengths else 0.0

    def __len__(self) -> int:
        return len(self.texts)

    def expand(self, query_stem: str, decompose: bool = False, skip: frozenset[str] = frozenset()) -> dict[str, float]:
        """The vocabulary stems a query stem matches, with their weights. Stems in ``skip`` never match, nor do
        compounds that share nothing with the query but a skipped first word ("Industrieunternehmen" and
        "industriell" when "Industrie" is skipped)."""
        return dict(self._expansion(query_stem, decompose, skip))

    def _expansion(self, query_stem: str, decompose: bool, skip: frozenset[str]) -> dict[str, float]:
        """``expand`` memoised; the caller must not change the answer."""
        key = (query_stem, decompose, skip)
        if key not in self._expanded:
            self._expanded[key] = self._expand(query_stem, decompose, skip, self._candidates(query_stem, decompose))
        return self._expanded[key]

    def _candidates(self, q: str, decompose: bool) -> list[str]:
        """The vocabulary stems ``match_weight`` can give a weight above 0 for ``q``, in vocabulary order: equal,
        a prefix of ``q`` (variant), starting with ``q`` or with its first MIN_SHARED_HEAD letters, containing
        ``q``, or (decompose) contained in ``q``. Found by bisection and substring search, not by a scan."""
        vocab, found = self.vocabulary, set()

        def starting_with(head: str) -> None:
            lo = bisect.bisect_left(vocab, head)
            while lo < len(vocab) and vocab[lo].startswith(head):
                found.add(vocab[lo])
                lo += 1

        starting_with(q)
        if decompose and len(q) >= MIN_SHARED_HEAD:
            starting_with(q[:MIN_SHARED_HEAD])
        found |= {q[:k] for k in range(1, len(q) + 1)} & self._vocab_set
        if len(q) >= MIN_INFIX:
            joined, pos = self._joined, self._joined.find(q)
            while pos >= 0:
                start = joined.rfind("\n", 0, pos) + 1
                found.add(joined[start : joined.find("\n", pos)])
                pos = joined.find(q, pos + 1)
        if decompose:
            found |= {q[i:j] for i in range(len(q)) for j in range(i + MIN_INFIX, len(q) + 1)} & self._vocab_set
        found.discard("")
        return sorted(found)

    def _expand(self, query_stem: str, decompose: bool, skip: frozenset[str], vocabulary: list[str]):
        # the skipped stems the query stem starts with, found by its own prefixes (not by a scan of ``skip``)
        heads = [query_stem[:k] for k in range(MIN_PREFIX, len(query_stem) + 1) if query_stem[:k] in skip]
        out = {}
        for s in vocabulary:
            if s in skip:
                continue
            w = match_weight(query_stem, s, decompose)
            if w == W_PART and any(s.startswith(h) and _common_prefix(query_stem, s) < len(h) + 3 for h in heads):
                continue
            if w > 0:
                out[s] = w
        return out

    def search(
        self,
        query: str,
        limit: int | None = None,
        decompose: bool = False,
        ignore: Iterable[str] = (),
        min_score: float = 0.0,
        snippets: bool = True,
        min_share: float = 0.0,
    ) -> list[Hit]:
        """Documents matching any query word, best first (ties by id). ``ignore``: words not to search for;
        ``snippets=False`` leaves every hit's snippet empty (for callers that read only scores and words);
        ``min_share`` drops hits scoring less than this share of the best (rounded) score."""
        ignore = tuple(ignore)
        skip = self._skips.get(ignore)
        if skip is None:  # the same words are ignored for every measure of a ranking: stemmed once
            skip = self._skips[ignore] = frozenset(stem(w) for w in ignore)
        q_terms = [q for q in terms(query) if q not in skip]
        n = len(self.texts)
        if not q_terms or not n:
            return []
        scores: dict[str, float] = {}
        matched: dict[str, list[dict[str, float]]] = {}  # per document: the expansions that found it (not copied)
        found_by: dict[str, list[str]] = {}
        for q in q_terms:
            variants = self._expansion(q, decompose, skip)
            if not variants:
                continue
            # per document: sum of count * weight over the variants in their order (as a scan of every document
            # would add them), from the postings of each variant
            acc: dict[str, list] = {}
            for s, w in variants.items():
                for n_doc, doc_id, c in self._postings.get(s, ()):
                    entry = acc.get(doc_id)
                    if entry is None:
                        acc[doc_id] = [n_doc, 0 + c * w]
                    else:
                        entry[1] += c * w
            tf = {d: e[1] for d, e in sorted(acc.items(), key=lambda x: x[1][0]) if e[1] > 0}
            idf = math.log(1 + (n - len(tf) + 0.5) / (len(tf) + 0.5))
            for doc_id, f in tf.items():
                dl = len(self.tokens[doc_id])
                norm = f * (self.K1 + 1) / (f + self.K1 * (1 - self.B + self.B * dl / (self.avg_len or 1)))
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * norm
                matched.setdefault(doc_id, []).append(variants)
                found_by.setdefault(doc_id, []).append(q)
        hits = []
        floor = min_share * max((round(x, 4) for x in scores.values()), default=0.0)
        for doc_id, score in scores.items():
            if score <= min_score or round(score, 4) < floor:
                continue
            found = matched[doc_id]
            toks = [t for t in self.tokens[doc_id] if any(t.stem in v for v in found)]
            words = tuple(dict.fromkeys(t.surface for t in toks))
            first = toks[0]
            hits.append(
                Hit(
                    doc_id,
                    round(score, 4),
                    words,
                    snippet(self.texts[doc_id], first.start, first.end) if snippets else "",
                    tuple(found_by[doc_id]),
                )
            )
        hits.sort(key=lambda h: (-h.score, h.doc_id))
        return hits[:limit] if limit else hits


def search(docs: Mapping[str, str], query: str, limit: int | None = None) -> list[Hit]:
    """One-off search: index ``docs`` and run ``query``."""
    return Index(docs).search(query, limit=limit)
