"""Search across all entities of the graph: the one search box of the explorer, the API and the CLI.

A user types "Wasserstoff", "IHK Aachen" or "Fachkräfte" and expects initiatives, organisations,
people, strategies, measures, objectives, events and topics, best first. Two signals are combined:

* names: the display name and every alias, compared after folding case, umlauts and punctuation
  (an exact name or acronym wins, a name containing the query comes next, a near-identical name
  catches typos);
* text: German BM25 over names, aliases, titles, goals, descriptions and measure/objective texts
  (``industriegraph.text.search``: stems, umlaut spellings, compound parts).

The index is built from the graph once (a few hundred short texts; 100x that in a second or two)
and cached for the lifetime of the ``Graph`` object, so a request costs no database round trip.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from industriegraph.text.search import Index, fold

if TYPE_CHECKING:
    from industriegraph.graph.facade import Graph

# What the search box finds, in the order ties are shown. Findings, sources and statistics are
# bookkeeping with their own pages, not entities a user looks up by name.
SEARCH_LABELS: tuple[str, ...] = (
    "Initiative",
    "Organization",
    "Person",
    "Strategy",
    "Measure",
    "Objective",
    "ActionField",
    "Event",
    "Topic",
    "State",
)
TEXT_PROPS = ("title", "label", "heading", "text", "description", "goals", "foundedText", "kind", "numeral")
MAX_QUERY = 200  # characters; longer input is rejected by the callers

# weights of the name signal against BM25 (BM25 scores of a one-word query are around 2..8)
EXACT_NAME, NAME_CONTAINS, NAME_WORDS, NAME_PREFIX, NAME_FUZZY = 20.0, 8.0, 5.0, 4.0, 4.0
MIN_PREFIX = 4  # a one-word query this long may match the start of a word of a name ("Wasserstoff…")
FUZZY_MIN = 88
RECENT = 256  # ranked answers kept per index
DISPLAY_MAX = 110  # characters of a hit's name; the snippet shows the matching text


@dataclass(frozen=True)
class SearchHit:
    """One entity found: id, label, display name, a snippet showing why, score and the words that matched."""

    id: str
    label: str
    name: str
    snippet: str
    score: float
    matched: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "matched": list(self.matched)}


@dataclass(frozen=True)
class SearchResult:
    """A page of hits and how many there are in all."""

    query: str
    total: int
    hits: list[SearchHit]


def _key(text: str) -> str:
    """Comparison form of a name: folded, punctuation to spaces, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def _display(node: dict[str, Any]) -> str:
    from industriegraph.graph.facade import display_name

    shown = str(display_name(node))
    if shown in ("None", ""):
        shown = str(node.get("text") or node.get("title") or node["id"])
    if len(shown) > DISPLAY_MAX:  # measures and objectives are named by their wording: shorten it for a link
        shown = shown[: DISPLAY_MAX - 1].rsplit(" ", 1)[0] + " …"
    return shown


def _texts(node: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for prop in TEXT_PROPS:
        value = node.get(prop)
        if isinstance(value, list):
            out.extend(str(v) for v in value if v)
        elif value not in (None, ""):
            out.append(str(value))
    return out


class SearchIndex:
    """Names and texts of the searchable nodes, ready to answer many queries."""

    def __init__(self, nodes: list[dict[str, Any]]):
        self.nodes = {n["id"]: n for n in nodes if n.get("_label") in SEARCH_LABELS}
        self.names: dict[str, str] = {i: _display(n) for i, n in self.nodes.items()}
        self.keys: dict[str, list[str]] = {}
        docs: dict[str, str] = {}
        for i, n in self.nodes.items():
            names = [self.names[i], *(n.get("aliases") or [])]
            self.keys[i] = [k for k in dict.fromkeys(_key(x) for x in names) if k]
            docs[i] = "\n".join(dict.fromkeys([*names, *_texts(n)]))
        self.text = Index(docs)
        self._rank = {label: k for k, label in enumerate(SEARCH_LABELS)}
        self._recent: dict[tuple[str, str | None], list[SearchHit]] = {}
        self._recent_lock = threading.Lock()

    def _name_score(self, node_id: str, q: str, q_words: list[str]) -> float:
        best = 0.0
        for k in self.keys[node_id]:
            if k == q:
                return EXACT_NAME
            padded = f" {k} "
            if f" {q} " in padded:
                best = max(best, NAME_CONTAINS * (0.5 + 0.5 * len(q) / len(k)))
            elif len(q_words) > 1 and all(f" {w} " in padded for w in q_words):
                best = max(best, NAME_WORDS * (0.5 + 0.5 * len(q) / len(k)))
            elif len(q_words) == 1 and len(q) >= MIN_PREFIX and f" {q}" in padded:
                best = max(best, NAME_PREFIX)
            elif len(q) >= 5 and abs(len(k) - len(q)) <= 3:
                ratio = fuzz.ratio(q, k)
                if ratio >= FUZZY_MIN:
                    best = max(best, NAME_FUZZY * ratio / 100)
        return best

    def search(self, query: str, label: str | None = None, limit: int = 20, offset: int = 0) -> SearchResult:
        """Hits for ``query`` (optionally of one label), best first; ``limit``/``offset`` page through them."""
        if label is not None and label not in SEARCH_LABELS:
            raise ValueError(f"unknown label {label!r}; use one of {', '.join(SEARCH_LABELS)}")
        if len(query) > MAX_QUERY:
            raise ValueError(f"query longer than {MAX_QUERY} characters")
        ranked = self._ranked(query, label)
        page = ranked[offset : offset + limit] if limit > 0 else []
        return SearchResult(query, len(ranked), page)

    def _ranked(self, query: str, label: str | None) -> list[SearchHit]:
        """All hits, best first; the most recent answers are kept (people page through the same search)."""
        key = (query, label)
        with self._recent_lock:
            cached = self._recent.get(key)
        if cached is not None:
            return cached
        q = _key(query)
        if not q:
            return []
        q_words = q.split()
        scores: dict[str, float] = {}
        snippets: dict[str, str] = {}
        matched: dict[str, tuple[str, ...]] = {}
        for hit in self.text.search(query):
            scores[hit.doc_id] = hit.score
            snippets[hit.doc_id] = hit.snippet
            matched[hit.doc_id] = hit.terms
        for node_id in self.nodes:
            bonus = self._name_score(node_id, q, q_words)
            if bonus:
                scores[node_id] = scores.get(node_id, 0.0) + bonus
        found = [i for i, s in scores.items() if s > 0 and (label is None or self.nodes[i]["_label"] == label)]
        found.sort(key=lambda i: (-scores[i], self._rank[self.nodes[i]["_label"]], i))
        ranked = [
            SearchHit(
                id=i,
                label=self.nodes[i]["_label"],
                name=self.names[i],
                snippet=snippets.get(i) or self.names[i],
                score=round(scores[i], 4),
                matched=matched.get(i, ()),
            )
            for i in found
        ]
        with self._recent_lock:
            if len(self._recent) >= RECENT:
                self._recent.pop(next(iter(self._recent)), None)
            self._recent[key] = ranked
        return ranked


_CACHE: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def index_for(graph: Graph) -> SearchIndex:
    """The search index of ``graph``, built on first use and kept while the Graph object lives."""
    with _LOCK:
        idx = _CACHE.get(graph)
        if idx is None:
            idx = _CACHE[graph] = SearchIndex(graph.nodes())
        return idx


def search(graph: Graph, query: str, label: str | None = None, limit: int = 20, offset: int = 0) -> SearchResult:
    """Entities matching ``query`` by name, alias or text, best first (ValueError for a bad label or query)."""
    return index_for(graph).search(query, label=label, limit=limit, offset=offset)
