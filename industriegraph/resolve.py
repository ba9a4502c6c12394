"""Entity resolution: turn the records of all loaders into one node per real entity.

Records that name the same organisation, person, initiative or strategy are merged, however
they are spelled: by normalised name, by the aliases loaders saw (acronyms in parentheses,
profile titles), by the vocabulary of known bodies (German and English names, acronyms that name one
body only), by near-identical spellings, and by the reviewable judgement file (``data/aliases.yaml``,
``industriegraph.model.judgements``) for decisions the rules cannot make. A merge or link look-up that only
the similarity of two spellings justifies becomes a review candidate (a Finding of kind merge-candidate or
link-candidate); a judgement on it (same / different / unsure) is honoured by the next build. Similarity
alone never joins names with different acronyms, Länder or organisation kinds; a regional branch stays its
own node, PART_OF its national body. The result does not depend on the order of the documents. Topics are
mapped onto the controlled vocabulary; states onto the sixteen Länder. What cannot be decided becomes a
data-quality finding instead of a guess.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import snowballstemmer
from rapidfuzz import fuzz, process

from industriegraph.model.german import finding_message_de
from industriegraph.model.judgements import DIFFERENT, SAME, Judgement, read_judgements
from industriegraph.model.records import Entity, Finding, GraphData, Link, LoadResult, Ref
from industriegraph.model.schema import LIST, NODE_BY_LABEL, prop_label_de
from industriegraph.model.statements import encode as statements_json
from industriegraph.model.states import STATES, canonical_state, state_id
from industriegraph.model.vocab import Body, vocabulary
from industriegraph.text import topics
from industriegraph.text.normalize import norm, slug
from industriegraph.text.source import evidence_key, split_evidence

FUZZY_LABELS = ("Organization", "Initiative", "Person", "Strategy")
FUZZY_THRESHOLD = 94.0
NAME_PROP = {"Strategy": "title", "Topic": "label"}


STOPWORDS = {
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "fuer",
    "und",
    "von",
    "zu",
    "im",
    "in",
    "am",
    "the",
    "of",
    "for",
    "and",
}
PHRASES = [
    (re.compile(r"\bindustrie (?:und )?handelskammer\b"), "ihk"),
    (re.compile(r"\bdes (?:landes|freistaates|freistaats)\b"), ""),
]
_STEMMER = snowballstemmer.stemmer("german")


@cache
def match_key(name: str, label: str = "") -> str:
    """What two spellings of one name have in common: ``norm`` plus German stems, no function words,
    "Industrie- und Handelskammer" = "IHK" (so "Vereinigung der hessischen Unternehmerverbände" matches
    "Vereinigung hessischer Unternehmerverbände e. V.")."""
    s = norm(name, label)
    for rx, repl in PHRASES:
        s = rx.sub(repl, s)
    tokens = [t for t in s.split() if t not in STOPWORDS] or s.split()
    return " ".join(_stem_word(t) for t in tokens)


@cache
def _stem_word(word: str) -> str:
    return _STEMMER.stemWord(word)


AliasEntry = Judgement  # an entry of the judgement file (``industriegraph.model.judgements``)


def read_alias_file(path: Path | None) -> list[Judgement]:
    """The reviewable judgements (``data/aliases.yaml``); a missing file means no decisions."""
    return read_judgements(path)


def candidate_id(label: str, a: str, b: str) -> str:
    """The stable id of a candidate pair: a short hash of the label and both names' comparison keys (sorted), so
    the same two spellings get the same id in every build and in either order."""
    return _pair_id(label, match_key(a, label), match_key(b, label))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _ev_sort(evidence) -> list[str]:
    return sorted(set(evidence), key=_ev_key)


class Resolver:
    """Merges records; use ``resolve(results, alias_entries)``."""

    def __init__(self, alias_entries: list[AliasEntry]):
        # the alias decisions (groups of spellings, which also decide the canonical name and kind) and the
        # decisions on single candidate pairs (which only join or part two names)
        self.aliases = [j for j in alias_entries if j.decision == SAME and not j.candidate]
        self.same_pairs = [j for j in alias_entries if j.decision == SAME and j.candidate]
        self.verdict: dict[str, str] = {}  # pair id -> decision
        self.apart: list[tuple[Any, Any]] = []  # union-find nodes of the pairs judged different
        for j in alias_entries:
            for other in j.aliases:
                self.verdict[candidate_id(j.label, j.name, other)] = j.decision
                if j.decision == DIFFERENT:
                    self.apart.append(
                        (("n", j.label, match_key(j.name, j.label)), ("n", j.label, match_key(other, j.label)))
                    )
        self.candidates: dict[str, dict[str, Any]] = {}  # pair id -> what the machine joined on similarity alone
        self._root_node: dict[Any, str] | None = None
        self.uf = _UnionFind()
        self.findings: list[Finding] = []
        self.name_index: dict[tuple[str, str], Any] = {}  # (label, norm name) -> cluster member
        self.specificity: dict[str, int] = {}
        self.body_nodes: dict[str, dict[str, Any]] = {}  # vocabulary body id -> its node
        self.node_by_id: dict[str, dict[str, Any]] = {}

    def run(self, results: list[LoadResult]) -> GraphData:
        entities = [e for r in results for e in r.entities]
        links = [ln for r in results for ln in r.links]
        self.findings = [f for r in results for f in r.findings]
        self.specificity = {  # file -> how precisely its kind states values (LoadResult.specificity)
            split_evidence(ev)[0]: r.specificity for r in results for e in r.entities for ev in e.evidence
        }
        clusters = self._cluster(entities)
        data = GraphData()
        ref_to_id = self._emit_nodes(clusters, data)
        self._emit_branches(data)
        self._emit_vocabulary(data)
        self._emit_links(links, ref_to_id, data)
        self._emit_candidates(data)
        self._derive_topics(data)
        self._link_strategies(data)
        self._emit_findings(ref_to_id, data)
        return data

    # -- clustering ---------------------------------------------------------------
    def _names(self, e: Entity) -> list[str]:
        return [e.key, *e.aliases]

    def _cluster(self, entities: list[Entity]) -> dict[Any, list[Entity]]:
        bodies = body_index()
        for i, e in enumerate(entities):
            node = ("e", i)
            self.uf.find(node)
            if e.label in FUZZY_LABELS:
                for name in self._names(e):
                    n = match_key(name, e.label)
                    if n:
                        self.uf.union(node, ("n", e.label, n))
                    if e.label == "Organization" and (body := bodies.find(name)):
                        self.uf.union(node, ("body", body.id))
            else:
                self.uf.union(node, ("k", e.label, e.key))
        for a in [*self.aliases, *self.same_pairs]:
            names = [a.name, *a.aliases]
            for name in names:
                self.uf.union(("n", a.label, match_key(a.name, a.label)), ("n", a.label, match_key(name, a.label)))
        self._fuzzy_union(entities)
        clusters: dict[Any, list[Entity]] = defaultdict(list)
        for i, e in enumerate(entities):
            clusters[self.uf.find(("e", i))].append(e)
        return clusters

    def _fuzzy_union(self, entities: list[Entity]) -> None:
        """Join clusters whose names are near-identical spellings (same label, ratio >= threshold), unless their
        acronyms, Länder or kinds differ (``may_be_same``) or a judgement says they differ. A join that only the
        similarity makes (the two names were in different clusters) becomes a review candidate; pairs are taken
        by score, best first, so the candidates do not depend on the order of the documents."""
        for label in FUZZY_LABELS:
            spellings: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
            lines: dict[str, set[str]] = defaultdict(set)
            for e in entities:
                if e.label == label:
                    for x in self._names(e):
                        if n := match_key(x, label):
                            spellings[n].add((x, e.props.get("kind")))
                            lines[n].update(e.evidence)
            long_names = sorted(n for n in spellings if len(n) >= 8)
            if len(long_names) < 2:
                continue
            matrix = process.cdist(long_names, long_names, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
            pairs = []
            for i, j in zip(*matrix.nonzero(), strict=True):
                a, b = long_names[i], long_names[j]
                if (
                    i < j
                    and _compatible(a, b)
                    and all(may_be_same(x, y, kx, ky) for x, kx in spellings[a] for y, ky in spellings[b])
                ):
                    pairs.append((-float(matrix[i, j]), a, b))
            for minus_score, a, b in sorted(pairs):
                na, nb = ("n", label, a), ("n", label, b)
                pid = _pair_id(label, a, b)
                verdict = self.verdict.get(pid)
                if verdict == DIFFERENT or self.uf.find(na) == self.uf.find(nb) or self._kept_apart(na, nb):
                    continue
                self.uf.union(na, nb)
                if verdict == SAME:
                    continue
                self.candidates[pid] = {
                    "id": pid,
                    "kind": "merge-candidate",
                    "label": label,
                    "keys": (a, b),
                    "names": [_spelling(spellings[a]), _spelling(spellings[b])],
                    "kinds": [_kind(spellings[a]), _kind(spellings[b])],
                    "score": round(-minus_score, 1),
                    "decision": verdict,
                    "evidence": [*_ev_sort(lines[a])[:3], *_ev_sort(lines[b])[:3]],
                }

    def _kept_apart(self, a: Any, b: Any) -> bool:
        """Whether joining the clusters of ``a`` and ``b`` would join two names a judgement says differ."""
        roots = {self.uf.find(a), self.uf.find(b)}
        for x, y in self.apart:
            rx, ry = self.uf.find(x), self.uf.find(y)
            if rx != ry and {rx, ry} == roots:
                return True
        return False

    # -- nodes ----------------------------------------------------------------------
    def _body(self, label: str, members: list[Entity]) -> Body | None:
        """The vocabulary body a cluster of organisation records names (the first by id if, wrongly, several)."""
        if label != "Organization":
            return None
        found = {b.id: b for e in members for x in self._names(e) if (b := body_index().find(x))}
        return found[min(found)] if found else None

    def _canonical(self, label: str, members: list[Entity]) -> str:
        names = {match_key(x, label) for e in members for x in self._names(e)}
        for a in self.aliases:
            if a.label == label and any(match_key(x, label) in names for x in [a.name, *a.aliases]):
                return a.name
        counts: dict[str, int] = defaultdict(int)
        for e in members:
            counts[strip_titles(e.key) if label == "Person" else e.key] += 1
        # a known body is named as the documents write it, but in German when they use its English name too
        body = self._body(label, members)
        english = {match_key(x, label) for x in body.english} if body else set()
        return max(
            counts,
            key=lambda k: (
                match_key(k, label) not in english,
                not _is_acronym(k),
                not _inflected(k, counts),
                counts[k],
                len(k),
                k,
            ),
        )

    def _emit_nodes(self, clusters, data: GraphData) -> dict[Ref, str]:
        ref_to_id: dict[Ref, str] = {}
        used: set[str] = set()
        # members sorted by their first evidence, clusters by label and smallest key: ids and merged values do not
        # depend on the order of the documents
        ordered = sorted(
            (sorted(ms, key=_member_order) for ms in clusters.values()),
            key=lambda ms: (ms[0].label, min(e.key for e in ms)),
        )
        for members in ordered:
            label = members[0].label
            spec = NODE_BY_LABEL[label]
            canonical = self._canonical(label, members)
            body = self._body(label, members)
            # a body of the vocabulary keeps the vocabulary's stable id, whatever the documents call it
            base = f"{spec.prefix}:{body.id}" if body else f"{spec.prefix}:{slug(canonical)}"
            node_id, k = base, 2
            while node_id in used:
                node_id, k = f"{base}-{k}", k + 1
            used.add(node_id)
            props = self._merge_props(label, members, canonical)
            props["id"] = node_id
            self.node_by_id[node_id] = props
            if body:
                self.body_nodes[body.id] = props
            data.nodes[label].append(props)
            for e in members:
                ref_to_id[e.ref] = node_id
                for name in self._names(e):
                    self.name_index[(label, match_key(name, label))] = node_id
        return ref_to_id

    def _merge_props(self, label: str, members: list[Entity], canonical: str) -> dict[str, Any]:
        """One node's properties from its records, and ``statements``: every value with the lines stating it.

        A single value that documents state differently is chosen deterministically: the value of the most
        specific document kind (``LoadResult.specificity``: a report's profile field before a plan before
        prose), then the one stated by more documents, then the one whose first line comes first (by file name
        and line). The other values stay in ``statements`` and a ``value-conflict`` finding names them all with
        their lines. List values are joined: the items of the record ranked first, then new items of others."""
        spec = NODE_BY_LABEL[label]
        allowed = {p.name for p in spec.props}
        claims = _claims(members, allowed)
        props: dict[str, Any] = {}
        statements: dict[str, list[dict[str, Any]]] = {}
        for k, (is_list, by_value) in claims.items():
            if is_list:
                props[k] = _joined_list(members, k, self.specificity)
                statements[k] = [_statement(by_value[_value_key(v)]) for v in props[k]]
            else:
                ranked = sorted(by_value.values(), key=lambda c: _rank(c, self.specificity))
                props[k] = ranked[0]["value"]
                statements[k] = [_statement(c) for c in ranked]
        name_prop = NAME_PROP.get(label, "name")
        if name_prop in allowed and label in FUZZY_LABELS:  # other spellings are aliases, not conflicts
            claims.pop(name_prop, None)
            props[name_prop] = canonical
            statements[name_prop] = [{"value": canonical, "evidence": self._name_evidence(label, members, canonical)}]
        if "aliases" in allowed:
            seen = {x for e in members for x in self._names(e)} | set(props.get("aliases") or [])
            keys = {match_key(x, label) for x in seen}
            for a in self.aliases:  # the alias file's spellings are searchable too
                if a.label == label and any(match_key(x, label) in keys for x in [a.name, *a.aliases]):
                    seen |= {a.name, *a.aliases}
            props["aliases"] = sorted(x for x in seen if x != canonical)
            statements["aliases"] = [
                {"value": x, "evidence": _ev_sort(ev for e in members if x in self._names(e) for ev in e.evidence)}
                for x in props["aliases"]
            ]
        if label == "Organization":
            kinds = [e.props.get("kind") for e in members if e.props.get("kind") not in (None, "Other")]
            override = next((a.kind for a in self.aliases if a.label == label and a.name == canonical and a.kind), None)
            body = self._body(label, members)
            majority = max(sorted(set(kinds)), key=kinds.count) if kinds else "Other"
            props["kind"] = override or (body.kind if body else majority)
            stated = statements.get("kind") or []
            kept = [s for s in stated if s["value"] == props["kind"]] or [{"value": props["kind"], "evidence": []}]
            statements["kind"] = kept + [s for s in stated if s["value"] != props["kind"]]
            if override or body:  # a reviewed decision of the alias file or the vocabulary, not a conflict
                claims.pop("kind", None)
        self._conflicts(label, members, props, statements, claims)
        props["evidence"] = _ev_sort(x for e in members for x in e.evidence)
        lists = {p.name for p in spec.props if p.type == LIST}
        props["statements"] = statements_json(
            {k: v for k, v in statements.items() if _informative(v, props["evidence"], k in lists)}
        )
        return props

    def _name_evidence(self, label: str, members: list[Entity], canonical: str) -> list[str]:
        """The lines of the records that spell the canonical name (folded as in matching): the lines the loader
        gave for the record's own name when that is the one, else the record's evidence."""
        want = match_key(canonical, label)
        out: list[str] = []
        for e in members:
            if match_key(e.key, label) == want:
                out += e.prop_evidence.get(NAME_PROP.get(label, "name")) or e.evidence  # type: ignore[arg-type]
            elif any(match_key(x, label) == want for x in e.aliases):
                out += e.evidence
        return _ev_sort(out)

    def _conflicts(self, label: str, members: list[Entity], props, statements, claims) -> None:
        """A ``value-conflict`` finding per single-valued fact that documents state differently."""
        name = props.get(NAME_PROP.get(label, "name")) or members[0].key
        for k, (is_list, _) in sorted(claims.items()):
            if is_list or k in WORDING:
                continue
            differing = [s for s in statements[k] if not (k == "kind" and s["value"] == "Other")]
            if len(differing) < 2:
                continue
            told = "; ".join(f"{_shown(s['value'])} ({', '.join(s['evidence']) or 'ohne Zeile'})" for s in differing)
            self.findings.append(
                Finding(
                    "value-conflict",
                    f"Widersprüchliche Angaben zu „{k}“ von „{name}“: {told}. Übernommen: {_shown(props[k])}; "
                    "alle Werte bleiben mit ihren Belegen in „statements“ erhalten.",
                    _ev_sort(ev for s in differing for ev in s["evidence"]),
                    members[0].ref,
                )
            )

    def _emit_branches(self, data: GraphData) -> None:
        """A regional branch (DGB-Bezirk, IG Metall Bezirk, Regionaldirektion …) is PART_OF its national body when
        both are in the graph; the fact comes from the vocabulary, the evidence is the line naming the branch."""
        for body_id, node in sorted(self.body_nodes.items()):
            parent = body_index().bodies[body_id].part_of
            if parent in self.body_nodes:
                data.rels["PART_OF"].append(
                    {
                        "_from": "Organization",
                        "_to": "Organization",
                        "from": node["id"],
                        "to": self.body_nodes[parent]["id"],
                        "evidence": node["evidence"][:1],
                    }
                )

    def _emit_vocabulary(self, data: GraphData) -> None:
        for name, code in STATES.items():
            data.nodes["State"].append({"id": state_id(name), "name": name, "code": code, "evidence": []})
        for c in topics.concepts():
            data.nodes["Topic"].append(
                {
                    "id": f"topic:{c.id}",
                    "label": c.label,
                    "broader": f"topic:{c.broader}" if c.broader else None,
                    "evidence": [],
                }
            )
            if c.broader:
                data.rels["BROADER"].append(
                    {
                        "_from": "Topic",
                        "_to": "Topic",
                        "from": f"topic:{c.id}",
                        "to": f"topic:{c.broader}",
                        "evidence": [],
                    }
                )

    # -- links ----------------------------------------------------------------------
    def lookup(
        self, ref: Ref, ref_to_id: dict[Ref, str], evidence: list[str] | None = None, review: bool = True
    ) -> str | None:
        """The node id a reference points at, trying exact, normalised, judged and fuzzy names. A fuzzy hit is a
        review candidate (with ``review``, ``evidence`` the lines of the reference) unless judged; a pair judged
        different is no hit."""
        if ref in ref_to_id:
            return ref_to_id[ref]
        if ref.label == "State":
            name = canonical_state(ref.key)
            return state_id(name) if name else None
        key = match_key(ref.key, ref.label)
        hit = self.name_index.get((ref.label, key))
        if hit:
            return hit
        if ref.label in FUZZY_LABELS:
            if ("n", ref.label, key) in self.uf.parent:  # a spelling a judgement joined to a cluster
                hit = self._roots().get(self.uf.find(("n", ref.label, key)))
                if hit:
                    return hit
            choices = {n: i for (lab, n), i in self.name_index.items() if lab == ref.label}
            best = process.extractOne(key, list(choices), scorer=fuzz.token_sort_ratio, score_cutoff=90)
            if best:
                node = self.node_by_id[choices[best[0]]]
                name = node.get(NAME_PROP.get(ref.label, "name")) or ""
                if may_be_same(ref.key, name, None, None) or ref.label != "Organization":
                    pid = _pair_id(ref.label, key, best[0])
                    verdict = self.verdict.get(pid)
                    if verdict == DIFFERENT:
                        return None
                    if review and verdict != SAME:
                        self._link_candidate(pid, ref, node, float(best[1]), evidence or [], verdict)
                    return node["id"]
        return None

    def _roots(self) -> dict[Any, str]:
        if self._root_node is None:
            self._root_node = {}
            for (label, k), node_id in sorted(self.name_index.items()):
                if ("n", label, k) in self.uf.parent:
                    self._root_node.setdefault(self.uf.find(("n", label, k)), node_id)
        return self._root_node

    def _link_candidate(
        self, pid: str, ref: Ref, node: dict[str, Any], score: float, evidence: list[str], verdict: str | None
    ) -> None:
        name = node.get(NAME_PROP.get(ref.label, "name")) or node["id"]
        c = self.candidates.setdefault(
            pid,
            {
                "id": pid,
                "kind": "link-candidate",
                "label": ref.label,
                "names": [ref.key, name],
                "kinds": [None, node.get("kind")],
                "score": round(score, 1),
                "decision": verdict,
                "evidence": list(node.get("evidence") or [])[:3],
                "subject": node["id"],
                "refs": set(),
            },
        )
        c["refs"].update(evidence)

    def _emit_candidates(self, data: GraphData) -> None:
        """Each candidate as a Finding (kind merge-candidate or link-candidate) with both names, their kinds, the
        score, the decision so far (unsure, or none) and the lines of both names."""
        for pid, c in sorted(self.candidates.items()):
            spec = NODE_BY_LABEL[c["label"]]
            a, b = c["names"]
            if c["kind"] == "merge-candidate":
                subject = self.name_index.get((c["label"], c["keys"][0]))
                evidence = c["evidence"]
                what = (
                    f"„{a}“ und „{b}“ ({spec.de}) wurden nur wegen ähnlicher Schreibung zu einem Knoten zusammengeführt"
                )
            else:
                subject = c["subject"]
                evidence = [*_ev_sort(c["refs"])[:3], *c["evidence"]]
                what = f"Die Nennung „{a}“ ({spec.de}) wurde nur wegen ähnlicher Schreibung „{b}“ zugeordnet"
            score = f"{c['score']:.1f}".replace(".", ",")
            similarity = prop_label_de("Finding", "score")
            data.nodes["Finding"].append(
                {
                    "id": f"finding:candidate-{pid}",
                    "kind": c["kind"],
                    "message": f"{what} ({similarity} {score} %); prüfen: „industriegraph review“, Kennung {pid}.",
                    "subject": subject,
                    "candidate": pid,
                    "about": c["label"],
                    "names": [a, b],
                    "kinds": [k or "" for k in c["kinds"]],
                    "score": round(c["score"]),
                    "decision": c["decision"],
                    "evidence": list(dict.fromkeys(evidence)),
                }
            )

    def _emit_links(self, links: list[Link], ref_to_id: dict[Ref, str], data: GraphData) -> None:
        merged: dict[tuple, dict[str, Any]] = {}
        # the first statement of a relationship gives its properties: take them in evidence order, not file order
        links = sorted(links, key=_link_order)
        for ln in links:
            src = self.lookup(ln.source, ref_to_id, ln.evidence)
            if ln.target.label == "Topic":
                targets = [f"topic:{t}" for t in topics.match(ln.target.key)]
                if not targets:
                    self.findings.append(
                        Finding(
                            "unmapped-topic",
                            f"Topic wording not in the vocabulary: {ln.target.key!r}",
                            ln.evidence,
                            ln.source,
                            {"wording": ln.target.key},
                        )
                    )
                props = {"raw": ln.target.key, **ln.props}
            else:
                dst = self.lookup(ln.target, ref_to_id, ln.evidence)
                targets = [dst] if dst else []
                props = dict(ln.props)
            if src is None or (not targets and ln.target.label != "Topic"):
                missing = ln.source if src is None else ln.target
                self.findings.append(
                    Finding(
                        "unresolved-name",
                        f"{ln.type}: no {missing.label} named {missing.key!r}; relationship left out",
                        ln.evidence,
                        missing,
                        {"relation": ln.type, "label": missing.label, "name": missing.key},
                    )
                )
                continue
            for dst in targets:
                if src == dst:
                    continue
                key = (ln.type, src, dst, props.get("role"), props.get("raw"))
                row = merged.setdefault(
                    key,
                    {
                        "_from": ln.source.label,
                        "_to": dst_label(ln, dst),
                        "from": src,
                        "to": dst,
                        **props,
                        "evidence": [],
                    },
                )
                row["evidence"] = _ev_sort([*row["evidence"], *ln.evidence])
                merged[key] = row
        for (type_, *_), row in merged.items():
            data.rels[type_].append(row)

    def _derive_topics(self, data: GraphData) -> None:
        """Tag measures, objectives and initiative goals with vocabulary concepts found in their text."""
        have = {(r["from"], r["to"]) for r in data.rels["HAS_TOPIC"]}
        for label, get in TOPIC_TEXTS.items():
            for node in data.nodes.get(label, []):
                for text in get(node):
                    for t in topics.match(text):
                        if (node["id"], f"topic:{t}") not in have:
                            have.add((node["id"], f"topic:{t}"))
                            data.rels["HAS_TOPIC"].append(
                                {
                                    "_from": label,
                                    "_to": "Topic",
                                    "from": node["id"],
                                    "to": f"topic:{t}",
                                    "raw": text[:200],
                                    "derived": "text",
                                    "evidence": node["evidence"],
                                }
                            )

    def _link_strategies(self, data: GraphData) -> None:
        """Link an initiative to the strategy document it is (e.g. 'Masterplan Industrie Hamburg'), and make the
        strategy's partners partners of the initiative (evidence: the lines naming them as partners)."""
        partners: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p in data.rels.get("PARTNER_OF", []):
            partners[p["to"]].append(p)
        members = {(m["from"], m["to"], m.get("role")): m for m in data.rels.get("MEMBER_OF", [])}
        for ini in data.nodes.get("Initiative", []):
            words = set(norm(ini["name"]).split())
            for st in data.nodes.get("Strategy", []):
                names = [st.get("title") or "", *(st.get("aliases") or [])]
                if not any(
                    len(words) >= 2 and all(any(t.startswith(w[:6]) for t in norm(name).split()) for w in words)
                    for name in names
                ):
                    continue
                data.rels["HAS_STRATEGY"].append(
                    {
                        "_from": "Initiative",
                        "_to": "Strategy",
                        "from": ini["id"],
                        "to": st["id"],
                        "evidence": _ev_sort(ini["evidence"][:1] + st["evidence"][:1]),
                    }
                )
                for p in partners[st["id"]]:
                    key = (p["from"], ini["id"], "partner")
                    if key in members:
                        members[key]["evidence"] = _ev_sort(members[key]["evidence"] + p["evidence"])
                    else:
                        members[key] = {
                            "_from": "Organization",
                            "_to": "Initiative",
                            "from": p["from"],
                            "to": ini["id"],
                            "role": "partner",
                            "evidence": p["evidence"],
                        }
                        data.rels["MEMBER_OF"].append(members[key])

    def _emit_findings(self, ref_to_id: dict[Ref, str], data: GraphData) -> None:
        seen = set()
        for f in self.findings:
            subject = self.lookup(f.subject, ref_to_id, review=False) if f.subject else None
            digest = hashlib.sha1(f"{f.kind}|{f.message}|{f.evidence}".encode()).hexdigest()[:10]
            fid = f"finding:{f.kind}-{digest}"
            if fid in seen:
                continue
            seen.add(fid)
            # what a person reads is German: the kind's template with the finding's parameters (the English
            # original keys the id, so ids stay as they were)
            message = finding_message_de(f.kind, f.params) or f.message
            data.nodes["Finding"].append(
                {"id": fid, "kind": f.kind, "message": message, "subject": subject, "evidence": _ev_sort(f.evidence)}
            )


# Properties whose wording differs between documents without the documents disagreeing: both wordings are
# kept as statements, no finding.
WORDING = {"description", "text", "heading", "foundedText", "title", "label", "caption", "message"}


def _value_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _ev_key(e: str) -> tuple[str, tuple[int, ...]]:
    return evidence_key(e)


def _claims(members: list[Entity], allowed: set[str]) -> dict[str, tuple[bool, dict[str, dict[str, Any]]]]:
    """Per property: whether it is a list, and each distinct value (item) with its lines and documents."""
    out: dict[str, tuple[bool, dict[str, dict[str, Any]]]] = {}
    skip = {"aliases"}
    for e in members:
        for k, v in e.props.items():
            if k not in allowed or k in skip or v in (None, "", []):
                continue
            _, by_value = out.setdefault(k, (isinstance(v, list), {}))
            for value, evidence in e.value_evidence(k):
                c = by_value.setdefault(_value_key(value), {"value": value, "evidence": set()})
                c["evidence"].update(evidence)
    return out


def _rank(claim: dict[str, Any], specificity: dict[str, int]) -> tuple:
    """The most specific document kind first, then most documents, then the value whose first line comes first."""
    files = {split_evidence(e)[0] for e in claim["evidence"]}
    first = min((_ev_key(e) for e in claim["evidence"]), default=("\uffff", (0,)))
    return (-max((specificity.get(f, 0) for f in files), default=0), -len(files), first, _value_key(claim["value"]))


def _joined_list(members: list[Entity], k: str, specificity: dict[str, int]) -> list[Any]:
    """The list of the record ranked first (as ``_rank``), then items only other records state."""
    lists = []
    for i, e in enumerate(members):
        if isinstance(e.props.get(k), list) and e.props[k]:
            claim = {"evidence": {x for _, ev in e.value_evidence(k) for x in ev}, "value": None}
            lists.append((_rank(claim, specificity), i, e.props[k]))
    lists.sort(key=lambda t: (t[0], t[1]))
    out = list(lists[0][2])
    seen = {_value_key(v) for v in out}
    for _, _, items in lists[1:]:
        for v in items:
            if _value_key(v) not in seen:
                seen.add(_value_key(v))
                out.append(v)
    return out


def _informative(statements: list[dict[str, Any]], node_evidence: list[str], list_valued: bool) -> bool:
    """Whether a property's statements say more than the node's ``evidence``: a single value (or list items)
    evidenced by exactly the node's lines is left out, so is a property no line states. Readers take the
    node's evidence for a property without statements (``industriegraph.graph.evidence.value_evidence``)."""
    if not any(s["evidence"] for s in statements):
        return False
    if len(statements) > 1 and not list_valued:
        return True
    return any(s["evidence"] != node_evidence for s in statements)


def _statement(claim: dict[str, Any]) -> dict[str, Any]:
    return {"value": claim["value"], "evidence": _ev_sort(claim["evidence"])}


def _shown(value: Any) -> str:
    return f"„{value}“" if isinstance(value, str) else str(value)


def _link_order(ln: Link) -> tuple:
    return (_ev_sort(ln.evidence)[:1], ln.type, ln.source.key, ln.target.key, sorted(map(str, ln.props.items())))


def _member_order(e: Entity) -> tuple:
    return (_ev_sort(e.evidence)[:1], e.key, sorted(map(str, e.props.items())))


def strip_titles(name: str) -> str:
    """'Dr. Peter Tschentscher' -> 'Peter Tschentscher' (the title stays as an alias)."""
    return re.sub(r"^(?:(?:Prof|Dr|Dipl|Ing|h\. ?c)\.(?:-Ing\.)?\s*)+", "", name).strip() or name


def dst_label(link: Link, dst_id: str) -> str:
    return "Topic" if dst_id.startswith("topic:") else link.target.label


def _inflected(name: str, names) -> bool:
    """'Deutschen Industrie- und Handelskammer' is a declined form when 'Deutsche …' is also present."""
    first, _, rest = name.partition(" ")
    return first.endswith("en") and any(o.startswith(first[:-1] + " ") for o in names if o != name)


class BodyIndex:
    """The vocabulary's bodies by the comparison key of every name and of each acronym that names one body only."""

    def __init__(self, bodies: tuple[Body, ...]):
        keys: dict[str, set[str]] = defaultdict(set)
        acronym_owners: dict[str, set[str]] = defaultdict(set)
        for b in bodies:
            for a in b.acronyms:
                acronym_owners[a].add(b.id)
        for b in bodies:
            for name in b.all_names():
                keys[match_key(name, "Organization")].add(b.id)
            for a in b.acronyms:
                if len(acronym_owners[a]) == 1:
                    keys[match_key(a, "Organization")].add(b.id)
        self.bodies = {b.id: b for b in bodies}
        # a key two bodies share (one alias spelled alike) decides nothing
        self.by_key = {k: next(iter(ids)) for k, ids in keys.items() if k and len(ids) == 1}

    def find(self, name: str) -> Body | None:
        body_id = self.by_key.get(match_key(name, "Organization"))
        return self.bodies[body_id] if body_id else None


@cache
def body_index() -> BodyIndex:
    return BodyIndex(vocabulary().bodies)


_ACRONYM_RE = re.compile(r"\(([A-ZÄÖÜ][A-Za-zÄÖÜäöü.&\-]{1,11})\)|\b([A-ZÄÖÜ]{2,}[a-zäöü]?[A-ZÄÖÜ]*)\b")


def acronyms_in(name: str) -> frozenset[str]:
    """Acronyms a name carries: in parentheses ("… (IVH)") or as upper-case words ("IHK", "DGB", "BMWK")."""
    return frozenset(a or b for a, b in _ACRONYM_RE.findall(name))


def laender_in(name: str) -> frozenset[str]:
    """The Länder a name mentions in any spelling the vocabulary knows ("Saarlandes", "NRW", "Bavaria")."""
    voc = vocabulary()
    words = re.findall(r"[\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*", name)
    found = set()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            land = voc.land(" ".join(words[i : i + size]))
            if land:
                found.add(land.name)
    return frozenset(found)


def may_be_same(a: str, b: str, kind_a: str | None = None, kind_b: str | None = None) -> bool:
    """Whether two spellings may name one body when only their similarity speaks for it: never when their
    acronyms, their Länder or their organisation kinds differ, nor when they differ in a number or short token."""
    if kind_a and kind_b and "Other" not in (kind_a, kind_b) and kind_a != kind_b:
        return False
    acr_a, acr_b = acronyms_in(a), acronyms_in(b)
    if acr_a and acr_b and acr_a != acr_b:
        return False
    land_a, land_b = laender_in(a), laender_in(b)
    if land_a != land_b:
        return False
    return True


def _pair_id(label: str, key_a: str, key_b: str) -> str:
    ka, kb = sorted((key_a, key_b))
    return hashlib.sha1(f"{label}|{ka}|{kb}".encode()).hexdigest()[:8]


def _spelling(spellings: set[tuple[str, str | None]]) -> str:
    """The spelling a candidate shows for a comparison key: the longest, then the first in order."""
    return min((x for x, _ in spellings), key=lambda x: (-len(x), x))


def _kind(spellings: set[tuple[str, str | None]]) -> str | None:
    return min((k for _, k in spellings if k), default=None)


def _is_acronym(name: str) -> bool:
    return len(name) <= 6 and name.replace(".", "").isupper()


def _compatible(a: str, b: str) -> bool:
    """Near-identical names that differ in a number or a short token (transform.10 / transform.r / transform.rmf,
    IHK Köln / IHK Kiel is caught by the ratio) name different things."""
    short = lambda s: sorted(t for t in s.split() if len(t) <= 4 or t.isdigit())  # noqa: E731
    return short(a) == short(b)


def resolve(results: list[LoadResult], alias_entries: list[AliasEntry] | None = None) -> GraphData:
    """Merge all loader results into resolved graph data."""
    return Resolver(alias_entries or []).run(results)


# the texts of a node that its topics are derived from (``Resolver._derive_topics``), by label
TOPIC_TEXTS: dict[str, Callable[[Mapping[str, Any]], list[str]]] = {
    "Measure": lambda n: [f"{n.get('heading') or ''} {n.get('text') or ''}"],
    "Objective": lambda n: [n.get("text") or ""],
    "Initiative": lambda n: list(n.get("goals") or []) + [n.get("description") or ""],
}


def prepare(results: list[LoadResult]) -> None:
    """Match the topics that ``resolve`` will look for in these load results, ahead of it (``text.topics`` keeps
    every answer): a build calls this for its own share of the documents while a forked child still reads the
    others. The first matches of a process are the slow ones (each new set of keywords found in a text is one more
    regular expression to compile): on the five sources ~0.13 s of a cold resolve, of which the Masterplan's
    measures and objectives, read by the build's own process, are about half. A merged node whose text differs
    from what one document states is matched when resolved, as without this."""
    for result in results:
        for entity in result.entities:
            for text in TOPIC_TEXTS[entity.label](entity.props) if entity.label in TOPIC_TEXTS else ():
                topics.match(text)
        for link in result.links:
            if link.target.label == "Topic":
                topics.match(link.target.key)
