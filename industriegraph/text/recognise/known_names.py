"""Known names found again in a text: the initiatives a document lists (a report's table, a plan's partners) named
in its prose, tolerant to spacing, dashes, pipes ("In|du|strie") and case, in the genitive ("des Masterplans …"),
and by a shared leading part with a distinguishing place (a family of equally named initiatives).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from industriegraph.text.recognise.offsets import Offsets

try:  # the names' automaton (a declared dependency); without it a substring test per name gives the same answer
    import ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - exercised when the package is absent
    ahocorasick = None


@lru_cache(maxsize=65536)
def norm_chars(text: str) -> tuple[str, Sequence[int]]:
    """Lower-case alphanumerics only, with a map back to original offsets (``In|du|strie`` = ``InIduIstrie``).

    >>> norm, offsets = norm_chars("Zukunft In|du|strie!")
    >>> norm, offsets[7], offsets[-1]
    ('zukunftindustrie', 8, 18)
    """
    text = _PIPE_AS_I.sub("|", text)
    runs = _ALNUM_RUN.findall(text)
    norm = "".join([run.lower() for run in runs])
    # the common case: lower case keeps every character one alphanumeric character; the offsets are then those of
    # the runs' characters, listed only if a name is found (most texts hold none: listing them was a tenth of the
    # network report's reading)
    if len(norm) == sum(map(len, runs)) and (norm.isalnum() or not norm):
        return norm, Offsets(lambda: [i for m in _ALNUM_RUN.finditer(text) for i in range(m.start(), m.end())])
    out, idx = [], []
    for m in _ALNUM_RUN.finditer(text):
        run = m.group(0)
        low = run.lower()
        if len(low) == len(run) and low.isalnum():
            out.append(low)
            idx.extend(range(m.start(), m.end()))
            continue
        for i, ch in enumerate(run, m.start()):  # rare: a character whose lower case is longer, or not alphanumeric
            if ch.isalnum():
                out.append(ch.lower())
                idx.append(i)
    return "".join(out), idx


_ALNUM_RUN = re.compile(r"[^\W_]+")
_PIPE_AS_I = re.compile(r"(?<=[a-z])I(?=[a-z])")


PLACE_NOISE = {"Stadt", "Region", "Land", "Freien", "Hansestadt", "Initiative"}


class NameIndex:
    """Finds initiatives named in a text, tolerant to spacing, dashes, pipes and case."""

    def __init__(self, initiatives):
        self.keys = [i.key for i in initiatives]
        variants: dict[str, set[str]] = defaultdict(set)
        self.exact: set[str] = set()
        for info in initiatives:
            for name in {info.key, *info.names}:
                for v in self._variants(name):
                    nv = norm_chars(v)[0]
                    if len(nv) >= 3:
                        variants[nv].add(info.key)
                        if len(nv) <= 5 and re.fullmatch(r"[A-Z0-9.\-_]+", v.strip()):
                            self.exact.add(nv)
        # genitive forms ("des Masterplans Industrie Hamburg", "des Wiesbadener Industriebeirats"), where they are new
        for info in initiatives:
            for name in {info.key, *info.names}:
                for g in self._genitives(name):
                    ng = norm_chars(g)[0]
                    if ng not in variants:
                        variants[ng].add(info.key)
        self.unique = {v: next(iter(k)) for v, k in variants.items() if len(k) == 1}
        # name families: a shared leading part (e.g. "In|du|strie – Gemeinsam.Zukunft.Leben.") with a
        # distinguishing remainder per initiative (its place).
        self.families: dict[str, dict[str, list[str]]] = defaultdict(dict)
        names = [(i.key, n) for i in initiatives for n in {i.key, *i.names}]
        for key, name in names:
            for other_key, other in names:
                if other_key == key:
                    continue
                prefix = common_prefix(name, other)
                if len(norm_chars(prefix)[0]) >= 15 and " " in prefix:
                    rest = [
                        w
                        for w in re.findall(r"[A-ZÄÖÜ][\w]+", name[len(prefix) :])
                        if len(w) > 2 and w not in PLACE_NOISE
                    ]
                    if rest:
                        fam = self.families[norm_chars(prefix)[0]]
                        fam.setdefault(key, [])
                        for w in rest:
                            if w not in fam[key]:
                                fam[key].append(w)
        self._memo: dict[str, list[tuple[int, int, str]]] = {}  # the passes look at the same sentences
        self.ordered = sorted(self.unique, key=len, reverse=True)
        self.rank = {v: k for k, v in enumerate(self.ordered)}
        self.patterns = {v: re.compile(re.escape(v)) for v in self.ordered}
        self._automaton = None
        if ahocorasick is not None and self.ordered:
            self._automaton = ahocorasick.Automaton()
            for v in self.ordered:
                self._automaton.add_word(v, v)
            self._automaton.make_automaton()
        self.family_patterns = {p: re.compile(re.escape(p)) for p in self.families}

    @staticmethod
    def _genitives(name: str) -> list[str]:
        words = name.split(" ")
        if len(words) < 2 or len(name) < 12 or not re.fullmatch(r"[\w\-. ]+", name):
            return []
        out = []
        for i in (0, len(words) - 1):
            w = words[i]
            if re.fullmatch(r"[A-ZÄÖÜ][a-zäöü]+", w) and w[-1] not in "sßxze":
                out.append(" ".join(words[:i] + [w + "s"] + words[i + 1 :]))
        return out

    @staticmethod
    def _variants(name: str) -> list[str]:
        out = [name]
        first, _, rest = name.partition(" ")
        if rest and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:isch|lich|en)er", first):
            out.append(f"{first[:-1]} {rest}")  # "Der Industriepolitische Dialog" names "Industriepolitischer Dialog"
        bare = re.sub(r"\s*\b(?:e\.\s?V\.|GmbH|mbH|gGmbH)\s*$", "", name).strip()
        out.append(bare)
        for part in re.split(r"\s[–|]\s|\s-\s|\(|\)", name):
            part = part.strip(' „“"')
            if len(part) >= 4 and (" " in part or re.search(r"\d|[A-Z].*[A-Z]", part)):
                out.append(part)
                out.append(re.sub(r"\s*\b(?:e\.\s?V\.|GmbH|mbH)\s*$", "", part).strip())
        return [v for v in out if v]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, key) of initiative names in ``text``, longest names first."""
        hits = self._memo.get(text)
        if hits is None:
            hits = self._memo[text] = self._find(text)
        return list(hits)

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        norm, idx = norm_chars(text)
        taken: list[tuple[int, int]] = []
        hits: list[tuple[int, int, str]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= x or a >= y for x, y in taken)

        def boundary(a: int, b: int) -> bool:
            before = text[a - 1] if a > 0 else " "
            after = text[b] if b < len(text) else " "
            return not (before.isalnum() or after.isalnum())

        # the names that occur in the text at all, in one pass (a substring test per name cost 0.1 s per build)
        if self._automaton is not None:
            present = {v for _, v in self._automaton.iter(norm)}
        else:  # pragma: no cover
            present = {v for v in self.ordered if v in norm}
        for v in sorted(present, key=self.rank.__getitem__):  # longest first, as ``ordered``
            for m in self.patterns[v].finditer(norm):
                a, b = idx[m.start()], idx[m.end() - 1] + 1
                if not free(a, b) or not boundary(a, b):
                    continue
                if v in self.exact and norm_chars(text[a:b])[0] != v or (v in self.exact and text[a:b].islower()):
                    continue
                if v in self.exact and text[a:b] != text[a:b].upper() and not re.search(r"[A-Z].*[A-Z]", text[a:b]):
                    continue
                taken.append((a, b))
                hits.append((a, b, self.unique[v]))
        for prefix, members in self.families.items():
            if prefix not in norm:
                continue
            for m in self.family_patterns[prefix].finditer(norm):
                a, b = idx[m.start()], idx[m.end() - 1] + 1
                if not free(a, b):
                    continue
                window = text[max(0, a - 40) : min(len(text), b + 60)]
                found = [
                    k
                    for k, words in members.items()
                    if any(re.search(rf"\b{re.escape(w)}\b", window) for w in words[:1])
                ]
                if len(found) == 1:
                    taken.append((a, b))
                    hits.append((a, b, found[0]))
                elif not found:
                    taken.append((a, b))
                    hits.append((a, b, "?" + prefix))
        return sorted(hits)


def common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    prefix = a[:i]
    if i < len(a) and i < len(b):
        prefix = prefix[: prefix.rfind(" ") + 1] if " " in prefix else ""
    return prefix.strip()
