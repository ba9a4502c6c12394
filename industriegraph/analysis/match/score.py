"""Pairwise similarity of initiatives: weighted components, each with a reason in German (and a code).

Score of a candidate B for an initiative A = the weighted sum of these components (each in 0..1):

=============  ===================================================================================
component      what it measures
=============  ===================================================================================
topics         cosine of idf-weighted topic vectors (stated 1, derived from prose 0.5, broader 0.3)
text           tf-idf cosine over German stems of goals + description
members        cosine of member-organisation kind profiles (0 unless both list members)
complement     share of kinds one brings that the other lacks (0 unless both list members)
same_region    1 when they share a state
other_region   1 when they have no state in common (both known)
radius         1 for the same Aktionsradius (lokal, regional, landesweit)
maturity       1 - |difference of founding years| / 15, floored at 0 (0 when a year is unknown)
=============  ===================================================================================

Events and stated cooperations are deliberately *not* components: they are the ground truth of
``match-eval`` and only flag a pair as already connected.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

import numpy as np

from industriegraph.analysis.match.features import Features, stems_of, text_dense
from industriegraph.model.german import kind_label, number

MATURITY_SPAN = 15.0
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
COMPONENTS = ("topics", "text", "members", "complement", "same_region", "other_region", "radius", "maturity")


@dataclass(frozen=True)
class Weights:
    """How much each component counts (see the module docstring). Defaults were set by judgement, then checked
    with ``match-eval``: content (topics, goal text) dominates, region and member mix refine, maturity and
    radius break ties; every single component alone, and the mix without region, ranks true partners worse.
    Negative weights are allowed (e.g. ``same_region=-0.1`` to prefer peers from elsewhere)."""

    topics: float = 0.35
    text: float = 0.45
    members: float = 0.05
    complement: float = 0.0
    same_region: float = 0.1
    other_region: float = 0.0
    radius: float = 0.03
    maturity: float = 0.02

    def with_changes(self, changes: dict[str, float] | str | None) -> Weights:
        """A copy with some weights changed: a dict, a JSON object or ``key=value,key=value``."""
        if not changes:
            return self
        if isinstance(changes, str):
            text = changes.strip()
            if text.startswith("{"):
                changes = json.loads(text)
            else:
                pairs = [p.split("=", 1) for p in text.replace(";", ",").split(",") if p.strip()]
                if any(len(p) != 2 for p in pairs):
                    raise ValueError(f"weights must be JSON or key=value pairs, got {text!r}")
                changes = {k.strip(): v.strip() for k, v in pairs}
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown weight(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
        try:
            return replace(self, **{k: float(v) for k, v in changes.items()})
        except (TypeError, ValueError):
            raise ValueError(f"weights must be numbers, got {changes!r}") from None

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


# peer groups, mode "mixed": a shared theme (topics, goals) but different regions and actor mixes
MIXED = Weights(
    topics=0.5, text=0.3, members=-0.1, complement=0.1, same_region=-0.3, other_region=0.0, radius=0.0, maturity=0.0
)


def one_vs_all(f: Features, q: int) -> dict[str, np.ndarray]:
    """Every component of initiative ``q`` against all initiatives (vectors of length n)."""
    n = len(f)
    text = np.zeros(n)
    idx, w = f.text_rows[q]
    for j, v in zip(idx.tolist(), w.tolist(), strict=True):
        rows, vals = f.postings[j]
        text[rows] += v * vals
    both_members = (f.member_count > 0) & (f.member_count[q] > 0)
    binary = f.kinds > 0
    inter = (binary & binary[q]).sum(axis=1)
    union = binary.sum(axis=1) + binary[q].sum() - inter
    complement = np.divide(union - inter, union, out=np.zeros(n), where=union > 0)
    has_state = f.state_ids.any(axis=1) & f.state_ids[q].any()
    shared_state = (f.state_ids & f.state_ids[q]).any(axis=1)
    radius = f.radius_code
    years = np.abs(f.founded - f.founded[q])
    return {
        "topics": f.topics @ f.topics[q],
        "text": np.clip(text, 0.0, 1.0),
        "members": np.where(both_members, f.kinds @ f.kinds[q], 0.0),
        "complement": np.where(both_members, complement, 0.0),
        "same_region": shared_state.astype(float),
        "other_region": (has_state & ~shared_state).astype(float),
        "radius": ((radius == radius[q]) & (radius >= 0)).astype(float),
        "maturity": np.nan_to_num(np.clip(1.0 - years / MATURITY_SPAN, 0.0, 1.0), nan=0.0),
    }


def pairwise(f: Features, rows: np.ndarray) -> dict[str, np.ndarray]:
    """Every component between all pairs of the initiatives ``rows`` (m x m matrices)."""
    rows = np.asarray(rows, dtype=np.int64)
    t = f.topics[rows]
    d = text_dense(f, rows)
    k = f.kinds[rows]
    mc = f.member_count[rows] > 0
    both = mc[:, None] & mc[None, :]
    b = (k > 0).astype(float)
    inter = b @ b.T
    cnt = b.sum(axis=1)
    union = cnt[:, None] + cnt[None, :] - inter
    s = f.state_ids[rows].astype(float)
    has = s.sum(axis=1) > 0
    shared = (s @ s.T) > 0
    radius = f.radius_code[rows]
    years = np.abs(f.founded[rows][:, None] - f.founded[rows][None, :])
    return {
        "topics": t @ t.T,
        "text": np.clip(d @ d.T, 0.0, 1.0),
        "members": np.where(both, k @ k.T, 0.0),
        "complement": np.where(both, np.divide(union - inter, union, out=np.zeros_like(union), where=union > 0), 0.0),
        "same_region": shared.astype(float),
        "other_region": ((has[:, None] & has[None, :]) & ~shared).astype(float),
        "radius": ((radius[:, None] == radius[None, :]) & (radius[:, None] >= 0)).astype(float),
        "maturity": np.nan_to_num(np.clip(1.0 - years / MATURITY_SPAN, 0.0, 1.0), nan=0.0),
    }


def combine(components: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """The weighted sum of the components."""
    w = weights.as_dict()
    out = np.zeros_like(components["topics"])
    for name in COMPONENTS:
        if w[name]:
            out = out + w[name] * components[name]
    return out


# -- reasons ------------------------------------------------------------------------------------
# German names of the components, for the explanation of a score.
COMPONENT_LABELS = {
    "topics": "gemeinsame Themen",
    "text": "ähnliche Ziele und Beschreibung",
    "members": "ähnliche Mitgliederstruktur",
    "complement": "ergänzende Mitgliederarten",
    "same_region": "gleiches Bundesland",
    "other_region": "anderes Bundesland",
    "radius": "gleicher Aktionsradius",
    "maturity": "ähnliches Gründungsjahr",
}
MAX_TERM_SHARE = 0.25  # a word more than a quarter of all initiatives use is no reason


def _fmt(items: list[str], limit: int = 4) -> str:
    return ", ".join(items[:limit]) + (f" (und {len(items) - limit} weitere)" if len(items) > limit else "")


def weighted_parts(values: Mapping[str, float], weights: Mapping[str, float]) -> list[dict[str, object]]:
    """Each component with a weight: its label, value (0..1), weight and contribution (value × weight); the parts
    a pair's score (``explain_score``) and a peer group's cohesion are made of."""
    return [
        {
            "component": name,
            "label": COMPONENT_LABELS[name],
            "value": round(float(values[name]), 4),
            "weight": weights[name],
            "contribution": round(float(values[name]) * weights[name], 4),
        }
        for name in COMPONENTS
        if weights[name]
    ]


def explain_score(comp: dict[str, float], weights: Weights) -> dict[str, object]:
    """What a score is made of: the scale and each weighted part (value 0..1 × weight = contribution)."""
    w = weights.as_dict()
    parts = weighted_parts(comp, w)
    top = float(sum(x for x in w.values() if x > 0))
    return {
        "scale": f"gewichtete Summe von {len(parts)} Teilwerten zwischen 0 und 1; höchstens {number(top)}",
        "max": round(top, 4),
        "parts": parts,
    }


def shared_topics(f: Features, a: int, b: int) -> list[str]:
    """Topic ids both address, rarest first (stated or derived)."""
    ta, tb = f.stated[a] | f.derived[a], f.stated[b] | f.derived[b]
    col = {t: k for k, t in enumerate(f.topic_ids)}
    return sorted(ta & tb, key=lambda t: (-f.topic_idf[col[t]], t))


def shared_terms(f: Features, a: int, b: int) -> list[tuple[int, float]]:
    """Stems both texts use with their contribution to the text cosine, largest first."""
    ia, wa = f.text_rows[a]
    ib, wb = f.text_rows[b]
    wb_of = dict(zip(ib.tolist(), wb.tolist(), strict=True))
    common = [(j, v * wb_of[j]) for j, v in zip(ia.tolist(), wa.tolist(), strict=True) if j in wb_of]
    return sorted(common, key=lambda x: -x[1])


def telling_terms(f: Features, a: int, b: int, limit: int = 5) -> list[str]:
    """Words both texts use that say something (no stop words, no filler, not used by most initiatives),
    as written in B's text, largest contribution first."""
    out: list[str] = []
    most = MAX_TERM_SHARE * len(f)
    surfaces = f.surfaces[b]  # a stored row is a dict built on each access: once, not per term
    for j, _ in shared_terms(f, a, b):
        word = surfaces.get(j) or f.vocab[j]
        if len(f.postings[j][0]) > most or f.filler(word) or word in out:
            continue
        out.append(word)
        if len(out) >= limit:
            break
    return out


def _goal_terms(f: Features, text: str) -> set[int]:
    return {f.vocab_index[s] for s in stems_of([text], "")[0] if s in f.vocab_index}


def phrases(f: Features, k: int) -> list[str]:
    """The goals of an initiative split into sentences (some profiles list a paragraph as one goal)."""
    out = []
    for text in f.goals[k] or [f.description[k]]:
        out.extend(p.strip() for p in _SENTENCE.split(text) if len(p.strip()) > 3)
    return out


def clip(text: str, width: int = 110) -> str:
    """At most ``width`` characters, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip(",;: ") + " …"


def best_goal_pair(f: Features, a: int, b: int) -> tuple[str, str, float] | None:
    """The goal phrase of A and of B sharing the most idf-weighted terms (enough to be more than one common word)."""
    best: tuple[str, str, float] | None = None
    goals_b = [(g, _goal_terms(f, g)) for g in phrases(f, b)]
    for ga in phrases(f, a):
        ta = _goal_terms(f, ga)
        for gb, tb in goals_b:
            common = ta & tb
            if not common:
                continue
            score = float(sum(f.term_idf[j] for j in common)) / math.sqrt(len(ta) * len(tb))
            if best is None or score > best[2]:
                best = (ga, gb, score)
    return best if best and best[2] >= 0.6 else None


def reason_items(f: Features, a: int, b: int, comp: dict[str, float], weights: Weights) -> list[dict[str, object]]:
    """Why B is (or is not quite) a peer of A, one item per component that speaks: a machine-readable ``code``
    with its values and the German ``text``."""
    out: list[dict[str, object]] = []
    tops = shared_topics(f, a, b)
    if tops:
        labels = [f.topic_labels.get(t, t) for t in tops]
        both_stated = [f.topic_labels.get(t, t) for t in tops if t in f.stated[a] and t in f.stated[b]]
        extra = f"; von beiden als Schwerpunkt genannt: {_fmt(both_stated, 3)}" if both_stated else ""
        if both_stated == labels:
            extra = "; von beiden als Schwerpunkt genannt"
        out.append(
            {
                "code": "shared-topics",
                "topics": tops,
                "statedByBoth": [t for t in tops if t in f.stated[a] and t in f.stated[b]],
                "text": f"gemeinsame Themen: {_fmt(labels)}{extra}",
            }
        )
    elif comp["topics"] > 0.05:
        out.append({"code": "related-topics", "text": "verwandte Themen (gleiche übergeordnete Begriffe)"})
    words = telling_terms(f, a, b)
    if words and comp["text"] > 0.02:
        pair = best_goal_pair(f, a, b)
        if pair:
            out.append(
                {
                    "code": "similar-goals",
                    "terms": words,
                    "goals": [pair[0], pair[1]],
                    "text": f"ähnliche Ziele: „{clip(pair[0])}“ und „{clip(pair[1])}“ "
                    f"(gemeinsame Begriffe: {_fmt(words, 5)})",
                }
            )
        else:
            out.append(
                {
                    "code": "similar-text",
                    "terms": words,
                    "text": f"ähnliche Ziele und Beschreibung, gemeinsame Begriffe: {_fmt(words, 5)}",
                }
            )
    ka, kb = f.kind_sets[a], f.kind_sets[b]
    if ka and kb:
        common = sorted(ka & kb)
        brings = sorted(kb - ka)
        names = lambda kinds: _fmt([kind_label(k) for k in kinds])  # noqa: E731
        if comp["members"] >= 0.5 and common:
            out.append(
                {"code": "similar-members", "kinds": common, "text": f"ähnliche Mitglieder (beide: {names(common)})"}
            )
        elif brings:
            out.append(
                {
                    "code": "complementary-members",
                    "kinds": brings,
                    "text": f"ergänzende Mitglieder: bringt {names(brings)} mit, die der anderen fehlen",
                }
            )
        elif common:
            out.append(
                {"code": "overlapping-members", "kinds": common, "text": f"teils gleiche Mitglieder ({names(common)})"}
            )
    sa, sb = f.states[a], f.states[b]
    if sa and sb:
        same = sorted(sa & sb)
        if same:
            out.append({"code": "same-region", "states": same, "text": f"gleiche Region: {', '.join(same)}"})
        else:
            out.append(
                {
                    "code": "different-region",
                    "states": sorted(sb),
                    "otherStates": sorted(sa),
                    "text": f"andere Region: {', '.join(sorted(sb))} (gegenüber {', '.join(sorted(sa))})",
                }
            )
    ra, rb = f.radius[a], f.radius[b]
    if ra and rb and ra == rb and weights.radius:
        out.append({"code": "same-radius", "radius": rb, "text": f"gleicher Aktionsradius: {rb}"})
    ya, yb = f.founded[a], f.founded[b]
    if not (np.isnan(ya) or np.isnan(yb)):
        diff = int(abs(ya - yb))
        years = {"founded": int(yb), "otherFounded": int(ya), "years": diff}
        if diff <= 3:
            out.append(
                {
                    "code": "similar-maturity",
                    **years,
                    "text": f"ähnliche Reife: gegründet {int(yb)} (gegenüber {int(ya)})",
                }
            )
        else:
            who = "mehr" if yb < ya else "weniger"
            out.append(
                {
                    "code": "different-maturity",
                    **years,
                    "text": f"unterschiedliche Reife: gegründet {int(yb)} (gegenüber {int(ya)}), "
                    f"{diff} Jahre {who} Erfahrung",
                }
            )
    return out or [{"code": "no-overlap", "text": "keine besondere Gemeinsamkeit; gereiht nach dem Gesamtprofil"}]


def reasons(f: Features, a: int, b: int, comp: dict[str, float], weights: Weights) -> list[str]:
    """The German texts of ``reason_items``."""
    return [str(x["text"]) for x in reason_items(f, a, b, comp, weights)]
