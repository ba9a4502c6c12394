"""Actors of a network report: who carries which initiative, which events happened, who cooperates.

Called by the network-report loader with the initiatives it parsed (duck-typed: only ``key``,
``names`` and ``profile_lines`` are used). Everything here works on sentences assembled from
wrapped lines, with a map back to line numbers so that every record points at the lines that
actually name the organisation, initiative or event.

Three passes:

* organisations named with a membership-like cue (Träger, Partner, Mitglieder, initiiert von,
  Koordination durch, Geschäftsstelle, …) become ``Organization`` entities and ``MEMBER_OF``
  links; in a profile (Steckbrief) the target is the profile's initiative, in the report body
  the sentence (or its case-study section / paragraph) must name the initiative;
* events: announced lists of peer meetings and webinars, headed regional events, network
  meetings, Industrieforen, focus groups and the award, with ``PARTICIPATED_IN`` links;
* cooperations stated between initiatives (sister initiatives, joint projects, lasting exchange).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from industriegraph.loaders.orgs import classify_kind
from industriegraph.model.records import LoadResult, Ref
from industriegraph.text.recognise import cues, grammar
from industriegraph.text.recognise.initiatives import head_words
from industriegraph.text.recognise.kinds import kind_by_cues
from industriegraph.text.recognise.known_names import NameIndex, norm_chars
from industriegraph.text.recognise.lexicon import fold, lexicon
from industriegraph.text.recognise.passage import join_lines
from industriegraph.text.recognise.prefilter import Prefiltered
from industriegraph.text.source import (
    NUMBER_WORDS,
    PHRASE_START_WORDS,
    SourceDoc,
    number_value,
    place_key,
    split_evidence,
)

# -- vocabulary ----------------------------------------------------------------------------------

BULLET_RE = re.compile(r"^\s*(?:[▪•●■⮚◦‣∙]|o(?=\s))\s*")
PAGE_NO_RE = re.compile(r"^\s*\d{1,4}\s*$")
URL_RE = re.compile(r"^\s*(?:https?://|www\.|mailto:|h\S*ps?://)\S*\s*$", re.IGNORECASE)
CAPTION_RE = re.compile(r"^\s*(?:Abbildung|Tabelle)\s+\d+\s*:")
TERMINAL = '.!?:“”")…'
ABBREV_RE = cues.regex("report-abbreviation")
# German month names in calendar order (months.yaml)
MONTHS = tuple(m.de for m in sorted(lexicon().vocab.months, key=lambda m: m.number))
MONTH_RE = re.compile(rf"\b({'|'.join(MONTHS)})\s+(\d{{4}})\b")
EVENT_WORDS_RE = cues.regex("report-event-word")
# Collective nouns that name a kind of actor, never one organisation.
GENERIC_RE = re.compile(rf"^(?:{cues.pattern('report-generic')})$")
CAP = r"[A-ZÄÖÜ][\w\-/&.]*[\w]"
PLACE_TOKEN = rf"(?:{CAP}|[A-ZÄÖÜ])"
PLACE = rf"{PLACE_TOKEN}(?:(?:\s[-–]\s|\s(?:am|an der|im|in der|für|des|der)\s|\s){PLACE_TOKEN}){{0,4}}"
CAP_H = r"[A-ZÄÖÜ][\w\-/&.]*[\w-]"
NOUNSEQ = rf"{CAP_H}(?:(?:,\s|\s(?:und|für|der|des)\s|\s){CAP}){{0,7}}"

# Names by their head nouns: chambers, agencies, universities, institutes, governments, municipalities,
# associations, site operators, clubs, clusters (cues.yaml, one expression per entry).
# Each run only on sentences holding one of the words it cannot match without (text.recognise.prefilter).
ORG_PATTERNS = [
    Prefiltered(rx) for rx in cues.regexes("report-org-pattern", NOUNSEQ=NOUNSEQ, PLACE=PLACE, CAP_H=CAP_H, CAP=CAP)
]


def _listed(written: str) -> str:
    """A declined vocabulary form as the vocabulary lists it ("Bundeswirtschaftsministeriums" → "…ministerium")."""
    lex = lexicon()
    for f in lex.forms.get(fold(written), ()):
        if f.variant != f.text and fold(f.variant) == fold(written) and written.split()[-1] == f.variant.split()[-1]:
            if len(f.text.split()) == len(written.split()):
                return f.text
    return written


@cache
def _vocabulary_keys() -> frozenset[str]:
    """Folded forms of the vocabulary's bodies that name one organisation; one word only when kinds.yaml knows its
    head ("Bundeswirtschaftsministerium")."""
    lex = lexicon()
    return frozenset(
        key
        for key, forms in lex.forms.items()
        if any(f.distinctive and (" " in f.variant or kind_by_cues(f.text)) for f in forms)
    )


BRANCH_RE = re.compile(r"\s(?:Nord|Süd|Bezirk\s\w+)(?![\w-])")


def _vocabulary_hits(text: str) -> list[tuple[int, int]]:
    """Spans of the vocabulary's names, declined forms and acronyms (three letters or more) in ``text``, leftmost
    longest, not inside a hyphenated compound, with a branch after it ("… Nord", "… Bezirk X")."""
    lex = lexicon()
    keys = _vocabulary_keys()
    hits = [(a, b) for a, b, key in lex.scan(text) if key in keys]
    hits += [(a, b) for a, b, acr in lex.scan_acronyms(text) if len(acr) >= 3]
    hits = [(a, b) for a, b in hits if text[b : b + 1] != "-" and text[a - 1 : a] != "-"]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int]] = []
    for a, b in hits:
        if out and a < out[-1][1]:
            continue
        m = BRANCH_RE.match(text, b)
        out.append((a, m.end() if m else b))
    return out


LEGAL_RE = re.compile(r"(?<![\w])(?:e\.\s?V\.|gGmbH|GmbH(?:\s&\sCo\.\sKG)?|mbH|AG|SE)(?![\w])")
NAME_STOP = PHRASE_START_WORDS | cues.words("report-name-stop")


@cache
def _not_names() -> frozenset[str]:
    """Words that precede a name but are never part of it (vocabulary: descriptors, hosts) and place adjectives
    ("Berliner")."""
    v = lexicon().vocab
    out = {w for f in v.person_functions if f.type == "not_a_name" for w in (f.text, *f.forms)}
    out |= {a for land in v.laender for a in land.adjective if a[:1].isupper()}
    return frozenset(out)


def _stop(token: str) -> bool:
    return token in NAME_STOP or token in _not_names()


ORG_HEADS = rf"(?:{cues.pattern('report-org-head')})$"
ARTICLES = {"der", "die", "das", "dem", "den", "des"}
NAME_CONNECT = {"für", "und", "der", "die", "des", "am", "an", "im", "–", "-", "&", "/", "in"}

# (pattern, role, direction) -- direction: where the organisation stands relative to the cue; "subject" is
# "before" for the sentence's subject only ("Der X e. V. beabsichtigt, gemeinsam mit ... umzusetzen": X leads).
ROLE_CUES: list[tuple[Prefiltered, str, str]] = [
    (Prefiltered(re.compile(p)), c.role, c.side) for c in cues.entries("report-role-cue") for p in c.patterns
]
# A sentence that continues the previous sentence's subject: a role noun as its subject ("Die Projektpartner
# bauen …") gives that role; an anaphoric opening ("Dazu gehört … koordinierende Aufgaben") passes on the cues.
ROLE_SUBJECT_RE = cues.regex("report-role-subject")
ANAPHOR_RE = re.compile(r"^(?:Dazu|Hierzu|Dabei|Hierbei|Außerdem|Zudem|Sie|Er|Diese[rs]?)\b")
CUE_WINDOW = 220  # characters between a cue and the organisation it governs

COOP_CUES = cues.regex("report-cooperation-cue")
SISTER_RE = cues.regex("report-sister-cue")


# -- sentences ------------------------------------------------------------------------------------


@dataclass
class Sentence:
    """A sentence joined from wrapped lines; ``starts[i]`` is where line ``lines[i]`` begins in ``text``."""

    text: str
    lines: list[int]
    starts: list[int]
    para: int
    profile: str | None = None  # key of the enclosing profile's initiative
    section: str | None = None  # key of the enclosing case-study section's initiative
    heading: str = ""  # nearest preceding heading-like line (body)

    def lines_for(self, a: int, b: int) -> list[int]:
        """Line numbers covering characters a..b of the text."""
        out = []
        for i, n in enumerate(self.lines):
            lo = self.starts[i]
            hi = self.starts[i + 1] if i + 1 < len(self.lines) else len(self.text) + 1
            if lo < b and a < hi:
                out.append(n)
        return out or self.lines[:1]


@dataclass
class Paragraph:
    lines: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _skip(raw: str) -> bool:
    return bool(PAGE_NO_RE.match(raw) or URL_RE.match(raw) or CAPTION_RE.match(raw) or raw.startswith("\t"))


def _paragraphs(doc: SourceDoc, first: int, last: int) -> list[Paragraph]:
    """Blank-line separated blocks; bullets start blocks; a block broken by a page break is continued."""
    paras: list[Paragraph] = []
    cur = Paragraph()
    pending: Paragraph | None = None  # an unfinished block waiting for its continuation after a page break
    pending_age = 0
    for n in range(first, last + 1):
        raw = doc.line(n)
        if not raw.strip():
            if cur.lines:
                paras.append(cur)
                if (
                    cur.texts[-1].rstrip()[-1:] not in TERMINAL
                    and not BULLET_RE.match(cur.texts[0])
                    and (pending is None or pending_age >= 40 or len(cur.lines) > 2)  # not a mere heading
                ):
                    pending, pending_age = cur, 0
                cur = Paragraph()
            continue
        if _skip(raw):
            continue
        text = doc.clean(n)
        if BULLET_RE.match(raw) and cur.lines:
            paras.append(cur)
            cur = Paragraph()
        if (
            cur.lines
            and pending is not None
            and pending_age < 40
            and raw.startswith(" ")
            and not raw.startswith("  ")
            and cur.texts[-1].rstrip()[-1:] in TERMINAL
        ):
            # a new page right after a finished block (a testimonial's attribution): it continues the
            # sentence broken off before that block
            paras.append(cur)
            cur = Paragraph()
        if (
            not cur.lines
            and pending is not None
            and raw.startswith(" ")
            and not raw.startswith("  ")
            and not BULLET_RE.match(raw)
            and pending_age < 40
        ):
            cur = pending  # page break inside a sentence: continue the earlier block
            paras.remove(pending)
            pending = None
        cur.lines.append(n)
        cur.texts.append(BULLET_RE.sub("", text))
        pending_age += 1
    if cur.lines:
        paras.append(cur)
    paras.sort(key=lambda p: p.lines[0])
    return paras


def _split(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; full stops inside protected spans (names) never end a sentence."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[„\"]?[A-ZÄÖÜ0-9])", text):
        end = m.end()
        if any(a <= m.start() < b for a, b in protected):
            continue
        if ABBREV_RE.search(text[max(0, m.start() - 8) : end]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _heading_like(doc: SourceDoc, n: int) -> bool:
    return _heading_text(doc, n) is not None


def _heading_text(doc: SourceDoc, n: int) -> str | None:
    """The heading starting at line n: one short line between blank lines, or one wrapped over two lines."""
    raw = doc.line(n)
    text = raw.strip()
    if not text or len(text) > 110 or BULLET_RE.match(raw) or _skip(raw) or text[-1] in ".,;" or not text[0].isupper():
        return None
    prev_blank = n == 1 or not doc.line(n - 1).strip() or (raw.startswith(" ") and not raw.startswith("  "))
    if not prev_blank:
        return None
    if n == len(doc.lines) or not doc.line(n + 1).strip():
        return text
    second = doc.line(n + 1)
    tail = second.strip()
    if (
        n + 2 <= len(doc.lines)
        and not doc.line(n + 2).strip()
        and len(tail) <= 60
        and tail[-1] not in ".,;:"
        and not BULLET_RE.match(second)
        and not _skip(second)
    ):
        return doc.repair.join([doc.line(n), second]).strip()
    return None


# -- organisations ---------------------------------------------------------------------------------


@dataclass
class OrgMention:
    start: int
    end: int
    name: str
    alias: str | None = None
    listed: bool = False  # an item of an enumeration of organisations ("…, der Initiative Dormagen, dem …")


def _legal_name(text: str, m: re.Match[str]) -> tuple[int, str] | None:
    """Walk left from a legal form over the capitalised words that make up the name."""
    left = text[: m.start()].rstrip()
    tokens = list(re.finditer(r"[\w\-/&.@|]+|[–]", left))
    take: list[re.Match[str]] = []
    i = len(tokens) - 1
    while i >= 0:
        tok = tokens[i].group(0)
        gap = left[tokens[i].end() : (take[0].start() if take else len(left))]
        if "," in gap or "(" in gap or ")" in gap or "„" in gap or "“" in gap:
            break
        if _stop(tok) or (tok in ARTICLES and i > 0 and tokens[i - 1].group(0) in {"und", "sowie", "oder"}):
            break
        if (
            not take
            and tok[:1].islower()
            and len(tok) > 3
            and (re.search(r"[-.]|\d", tok) or i == 0 or tokens[i - 1].group(0) in ARTICLES | {"und"})
        ):
            take.insert(0, tokens[i])  # "autoregion e. V.", "automotive-mv e. V.": the whole name is lower-case
            break
        if tok[0].isupper() or tok[0].isdigit():
            take.insert(0, tokens[i])
        elif (
            tok in ARTICLES
            and take
            and i > 0
            and not (tokens[i - 1].group(0) in NAME_CONNECT or re.search(ORG_HEADS, tokens[i - 1].group(0)))
        ):
            break
        elif (
            tok in NAME_CONNECT
            and take
            and i > 0
            and (tokens[i - 1].group(0)[0].isupper() or tokens[i - 1].group(0) in NAME_CONNECT)
            and not _stop(tokens[i - 1].group(0))
        ):
            take.insert(0, tokens[i])
        elif (
            take
            and re.fullmatch(r"[a-zäöü]+er", tok)
            and i > 0
            and tokens[i - 1].group(0)[0].isupper()
            and not _stop(tokens[i - 1].group(0))
        ):
            take.insert(0, tokens[i])  # an adjective inside a name: "Vereinigung hessischer Unternehmerverbände"
        else:
            break
        i -= 1
    while take and take[0].group(0) in NAME_CONNECT:
        take.pop(0)
    if not take:
        return None
    start = take[0].start()
    return start, text[start : m.end()]


def find_orgs(text: str) -> list[OrgMention]:
    """Named organisations in a sentence (generic collective nouns excluded)."""
    return [replace(o) for o in _find_orgs_cached(text)]  # the passes look at the same sentences


@lru_cache(maxsize=8192)
def _find_orgs_cached(text: str) -> tuple[OrgMention, ...]:
    return tuple(_find_orgs(text))


def _find_orgs(text: str) -> list[OrgMention]:
    found: list[OrgMention] = []
    for rx in ORG_PATTERNS:
        for m in rx.finditer(text):
            found.append(OrgMention(m.start(), m.end(), m.group(0)))
    for a, b in _vocabulary_hits(text):
        before = text[:a].split()[-3:]
        if len(before) >= 2 and before[-1] in ("der", "des") and head_words(" ".join(before[:-1])):
            continue  # the owner named in a plan's or initiative's name ("Masterplan Industrie der Stadt X")
        found.append(OrgMention(a, b, _listed(text[a:b])))
    for m in LEGAL_RE.finditer(text):
        got = _legal_name(text, m)
        if got:
            start, name = got
            end = m.end()
            tail = LEGAL_TAIL_RE.match(text, end)
            if tail and ACRONYM_EV_RE.fullmatch(name):
                end = tail.end()
                name = text[start:end]
            found.append(OrgMention(start, end, name))
    # plural heads with an enumeration: "Kreise Düren, Heinsberg und Euskirchen"
    for m in PLURAL_ENUM_RE.finditer(text):
        head = PLURAL_HEADS[m.group(1)]
        for part in CAP_RE.finditer(m.group(2)):
            name = f"{head} {part.group(0)}".strip()
            s = m.start(2) + part.start()
            found.append(OrgMention(s, m.start(2) + part.end(), name))
    # an enumeration after a partner cue may hold bare acronyms: "den Partnern IG Metall, Arbeitskammer, IHK, ZeMA"
    for m in PARTNER_ENUM_RE.finditer(text):
        for part in BARE_ACRONYM_RE.finditer(m.group(1)):
            found.append(OrgMention(m.start(1) + part.start(), m.start(1) + part.end(), part.group(0)))
    # drop generic and nested mentions, expand "Handwerkskammer und IHK Wiesbaden"
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    out: list[OrgMention] = []
    for o in found:
        o.name = o.name.strip(" ,;–-")
        if o.name.endswith(".") and not ABBREVIATED_END_RE.search(o.name):
            o.name = o.name[:-1].rstrip()
        if o.name.endswith(" e.") or o.name.endswith(" e"):
            continue
        parts = o.name.split(" und ")
        if "Institut" in o.name and len(parts) > 2 and o.name == text[o.start : o.end]:
            # "Institut für Werkzeugmaschinen und Umformtechnik und Circular Saxony": two names glued
            o.name = " und ".join(parts[:2])
            o.end = o.start + len(o.name)
        if any(o.start >= p.start and o.end <= p.end for p in out):
            continue
        if out and out[-1].start < o.start < out[-1].end < o.end and out[-1].name == text[out[-1].start : out[-1].end]:
            # "Verband der Automobilindustrie" + "… e. V.": one name
            out[-1].end, out[-1].name = o.end, text[out[-1].start : o.end]
            continue
        out = [p for p in out if not (p.start >= o.start and p.end <= o.end)]
        out.append(o)
    final: list[OrgMention] = []
    for i, o in enumerate(out):
        if final and text[final[-1].end : o.start] == " / ":
            final[-1].alias = (
                final[-1].alias or o.name
            )  # "Strategische Partnerschaft Sensorik e. V. / Cluster Sensorik"
            continue
        if GENERIC_RE.match(o.name):
            nxt = out[i + 1] if i + 1 < len(out) else None
            if nxt and AND_GAP_RE.fullmatch(text, o.end, nxt.start) and " " in nxt.name:
                place = nxt.name.split(" ", 1)[1]
                if classify_kind(nxt.name) != classify_kind(o.name):
                    final.append(OrgMention(o.start, o.end, f"{o.name} {place}"))
            continue
        o.name = grammar.nominative(o.name)
        acr = PAREN_ACRONYM_RE.match(text, o.end)
        known = _known_alias(EV_END_RE.sub("", o.name))
        if known and known != o.name:
            o.alias = known
        elif acr:
            o.alias = acr.group(1)
        else:
            tail = ACRONYM_END_RE.search(o.name)
            if tail and "Institut" in o.name and tail.group(1) not in {"TU", "TH", "FH"}:
                o.alias = tail.group(1)
        final.append(o)
    # a name enumerated between two organisations is one too: "von der Stadt X, der Initiative X, dem Kreis Y"
    for a, b in list(zip(final, final[1:], strict=False)):
        m = ENUM_ITEM_RE.fullmatch(text[a.end : b.start])
        if m:
            final.append(OrgMention(a.end + m.start(1), a.end + m.end(1), m.group(1), listed=True))
    return sorted(final, key=lambda o: o.start)


# plural heads with an enumeration ("Kreise Düren, Heinsberg und Euskirchen"): the singular for each name
PLURAL_HEADS = {
    "Kreise": "Kreis",
    "Landkreise": "Landkreis",
    "Hochschulen": "Hochschule",
    "IHKs": "IHK",
    "Städte": "Stadt",
    "Gewerkschaften": "",
}
PLURAL_ENUM_RE = re.compile(rf"\b({'|'.join(PLURAL_HEADS)})\s((?:{CAP})(?:,\s{CAP})*\s(?:und|sowie)\s(?:{CAP}))")
CAP_RE = re.compile(CAP)
PARTNER_ENUM_RE = re.compile(r"[Pp]artner(?:n)?\s((?:[\w\-.]+(?:\s[\w\-.]+)?(?:,\s|\s(?:und|sowie)\s)){1,8}[\w\-.]+)")
BARE_ACRONYM_RE = re.compile(r"\b[A-Z][a-z]?[A-Z][A-Za-z]{1,5}\b")
LEGAL_TAIL_RE = re.compile(r"\s(Baden-Württemberg|Bayern|Hessen|Sachsen|Thüringen|Nord|Süd)\b")
ACRONYM_EV_RE = re.compile(r"[A-Z]{2,6}\s(?:e\.\s?V\.)")
ABBREVIATED_END_RE = re.compile(r"\b(?:e\.\s?V|Co|Kommission)\.$")
AND_GAP_RE = re.compile(r"\s(?:und|sowie)\s")
PAREN_ACRONYM_RE = re.compile(r"\s?\(([A-Z][A-Za-z]{1,8})\)")
EV_END_RE = re.compile(r"\s(?:e\.\s?V\.)$")
ACRONYM_END_RE = re.compile(r"\s([A-Z]{2,6})$")
ENUM_ITEM_RE = re.compile(
    r",\s(?:der|die|das|dem|den)\s([A-ZÄÖÜ][\w\-]*(?:\s[A-ZÄÖÜ][\w\-]*){0,3}),\s(?:der|die|das|dem|den)\s"
)


def _known_alias(name: str) -> str | None:
    """The acronym the vocabulary gives the body a name stands for ("Deutscher Gewerkschaftsbund" → "DGB")."""
    forms = lexicon().lookup(name)
    bodies = {f.body.id: f.body for f in forms}
    if len(bodies) != 1:
        return None
    body = next(iter(bodies.values()))
    return body.acronyms[0] if body.acronyms else None


# -- the extractor -------------------------------------------------------------------------------


class _Ctx:
    def __init__(self, doc: SourceDoc, initiatives):
        self.doc = doc
        self.infos = list(initiatives)
        self.index = NameIndex(self.infos)
        self.result = LoadResult()
        self.orgs: dict[str, tuple[list[str], set[str]]] = {}
        self.links: dict[tuple[str, str, str], list[int]] = {}
        self.coops: dict[tuple[str, str, str], list[int]] = {}

    def org(self, name: str, alias: str | None, lines: list[int]) -> Ref:
        ev, aliases = self.orgs.setdefault(name, ([], set()))
        ev.extend(self.doc.ev(*lines))
        if alias:
            aliases.add(alias)
        return Ref("Organization", name)


def _sentences(doc: SourceDoc, ctx: _Ctx) -> list[Sentence]:
    spans = sorted(i.profile_lines for i in ctx.infos if i.profile_lines)
    owner = {i.profile_lines: i.key for i in ctx.infos if i.profile_lines}
    body_end = spans[0][0] - 1 if spans else len(doc.lines)
    regions: list[tuple[int, int, str | None]] = [(1, body_end, None)]
    regions += [(a, b, owner[(a, b)]) for a, b in spans]
    # headings: recurring ones (sub-headings of case studies) do not end a section
    heads = {n: t for n in range(1, body_end + 1) if (t := _heading_text(doc, n)) is not None}
    counts: dict[str, int] = defaultdict(int)
    for text in heads.values():
        counts[re.sub(r"\W", "", text)] += 1
    section_at: dict[int, tuple[str | None, str]] = {}
    current: str | None = None
    for n, text in heads.items():
        if counts[re.sub(r"\W", "", text)] >= 3:
            continue
        hits = [h for h in ctx.index.find(text) if not h[2].startswith("?")]
        covered = sum(b - a for a, b, _ in hits)
        # a heading that is the initiative's name or ends with it ("Workshopreihe … des Masterplans Industrie Hamburg")
        current = (
            hits[-1][2]
            if hits
            and (
                covered >= 0.6 * len(re.sub(r"^(Initiative|Gründung der Initiative)\s", "", text))
                or hits[-1][1] >= len(text.rstrip(' )“"'))
            )
            else None
        )
        section_at[n] = (current, text)
    out: list[Sentence] = []
    para_no = 0
    heading_lines = sorted(section_at)
    for first, last, key in regions:
        section, heading = None, ""
        for para in _paragraphs(doc, first, last):
            para_no += 1
            # the last heading of the region at or above the paragraph's first line, if any
            k = bisect.bisect_right(heading_lines, para.lines[0]) - 1
            if k >= 0 and heading_lines[k] >= first:
                section, heading = section_at[heading_lines[k]]
            text, starts = join_lines(doc, para.texts)
            protected = [(a, b) for a, b, _ in ctx.index.find(text)]
            for a, b in _split(text, protected):
                sub_starts = []
                sub_lines = []
                for ln, s, e in zip(para.lines, starts, starts[1:] + [len(text) + 1], strict=True):
                    if s < b and a < e:
                        sub_lines.append(ln)
                        sub_starts.append(max(0, s - a))
                out.append(
                    Sentence(
                        text[a:b].strip(),
                        sub_lines,
                        _strip_shift(text[a:b], sub_starts),
                        para_no,
                        key,
                        section if key is None else None,
                        heading,
                    )
                )
    return out


def _strip_shift(raw: str, starts: list[int]) -> list[int]:
    lead = len(raw) - len(raw.lstrip())
    return [max(0, s - lead) for s in starts]


def _initiatives_in(ctx: _Ctx, s: Sentence) -> list[tuple[int, int, str]]:
    return [h for h in ctx.index.find(s.text) if not h[2].startswith("?")]


def _chains(text: str, orgs: list[OrgMention], cues) -> list[int]:
    """Chain id per organisation: neighbours joined by an enumeration (commas, und, sowie) share a chain."""
    ids, cur = [], 0
    for i, o in enumerate(orgs):
        if i:
            gap = text[orgs[i - 1].end : o.start]
            if any(orgs[i - 1].end <= c[0] and c[1] <= o.start for c in cues):
                cur += 1
                ids.append(cur)
                continue
            # "neben der Wirtschaftsbehörde der Industrieverband …, die Handelskammer …" enumerates too
            after_neben = re.fullmatch(r"\s(?:der|die|das|dem|den)\s", gap) and re.search(
                r"\bneben\s(?:der|dem|den|des)\s$", text[: orgs[i - 1].start]
            )
            if not after_neben and not (
                len(gap) <= 90
                and re.search(r",|\bund\b|\bsowie\b|\(", gap)
                and not re.search(r"[.;:]\s", gap)
                and not re.search(r"\b(?:von|durch|bei|mit|als|ist|sind|wird|werden|war|haben|hat)\b", gap)
            ):
                cur += 1
        ids.append(cur)
    return ids


def _target(ctx: _Ctx, s: Sentence, keys: list[str], context: str | None, org: OrgMention) -> str | None:
    """The initiative an organisation of this sentence belongs to, or None when that is not clear."""
    if s.profile:
        return s.profile
    candidates = list(dict.fromkeys(keys + ([context] if context else [])))
    places = {w for w in re.findall(r"[A-ZÄÖÜ][\w]{3,}", org.name)} - {"Industrie", "Handelskammer", "Stadt"}
    sharing = [k for k in candidates if places & set(re.findall(r"[A-ZÄÖÜ][\w]{3,}", k))]
    if len(sharing) == 1:
        return sharing[0]
    if len(keys) == 1:
        return keys[0]
    if not keys and context:
        return context
    return None


PREPOSITIONS = {
    "von", "vom", "mit", "bei", "beim", "durch", "an", "am", "in", "im", "für", "aus", "zu", "zum", "zur", "nach",
    "unter", "über", "neben", "vor", "gegenüber", "zwischen", "und", "sowie", "oder", "auf", "als",
}  # fmt: skip


def _is_subject(text: str, o: OrgMention) -> bool:
    """The organisation opens its clause: at the sentence start or after a verb ("hat das Ministerium …")."""
    m = re.search(r"(?:^|(\S+)\s)(?:(?:der|die|das|Der|Die|Das)\s)?$", text[: o.start])
    if m is None:
        return False
    word = m.group(1)
    return word is None or (word[-1].isalpha() and word.islower() and word not in PREPOSITIONS)


def _side(o: OrgMention, c) -> str:
    return "after" if c[1] <= o.start else "before" if c[0] >= o.end else "in"


def _members(ctx: _Ctx, sents: list[Sentence]) -> None:
    para_subject: dict[int, str | None] = {}
    # the previous sentence of the paragraph whose subject is a chain of organisations: (sentence, subjects, keys)
    prev: tuple[Sentence, list[OrgMention], list[str]] | None = None
    para_orgs: dict[int, list[tuple[Sentence, OrgMention]]] = {}
    scope: tuple[str | None, str | None] = (None, None)
    long_forms: dict[tuple[str, str], str] = {}
    for s in sents:
        named_all = ctx.index.find(s.text)
        named = [h for h in named_all if not h[2].startswith("?")]
        keys = list(dict.fromkeys(k for _, _, k in named))
        if para_subject.get(s.para) is None and len(keys) == 1 and named[0][0] <= 40:
            para_subject[s.para] = keys[0]
        if prev is not None and prev[0].para != s.para:
            prev = None
        orgs = [
            o
            for o in find_orgs(s.text)
            if not any(a < o.end and o.start < b for a, b, _ in named_all)
            and not ctx.index.find(o.name)
            and ("Initiative" not in o.name or o.listed)
        ]
        if (s.profile, s.section) != scope:
            scope, long_forms = (s.profile, s.section), {}
        _short_forms(orgs, long_forms)
        if s.profile is None and EVENT_WORDS_RE.search(s.text):
            prev = None
            continue
        masked = s.text
        for a, b, _ in named_all:
            masked = masked[:a] + "#" * (b - a) + masked[b:]
        for o in orgs:
            masked = masked[: o.start] + "@" * (o.end - o.start) + masked[o.end :]
        cues = [(m.start(), m.end(), role, d) for rx, role, d in ROLE_CUES for m in rx.finditer(masked)]
        context = s.section or para_subject.get(s.para)
        seen = para_orgs.setdefault(s.para, [])
        if not orgs:
            if cues and not (prev is not None and _continued(ctx, s, cues, prev, para_subject)):
                _anaphora(ctx, s, keys, context, cues, seen)
            prev = None
            continue
        seen.extend((s, o) for o in orgs)
        chain = _chains(s.text, orgs, cues)
        subjects = [o for i, o in enumerate(orgs) if chain[i] == chain[0]] if _is_subject(s.text, orgs[0]) else []
        prev = (s, subjects, keys) if subjects else None
        for i, roles in _roles(s.text, orgs, cues, chain).items():
            _link(ctx, s, keys, context, orgs[i], roles)


LONG_FORM_RE = re.compile(r"(?:[A-ZÄÖÜ]\w+er\s)?(Behörde|Ministerium|Senatsverwaltung)\sfür\s([A-ZÄÖÜ]\w+)")
SHORT_FORM_RE = re.compile(r"([A-ZÄÖÜ]\w+?)s?(behörde|ministerium|senatsverwaltung)")


def _short_forms(orgs: list[OrgMention], long_forms: dict[tuple[str, str], str]) -> None:
    """Name a short form by the long form the section used before: "die Wirtschaftsbehörde" after "die
    Hamburger Behörde für Wirtschaft und Innovation" is that authority."""
    for o in orgs:
        m = LONG_FORM_RE.match(o.name)
        if m:
            long_forms[(m.group(1).lower(), m.group(2).lower())] = o.name
            continue
        m = SHORT_FORM_RE.fullmatch(o.name)
        if m and (full := long_forms.get((m.group(2), m.group(1).lower()))):
            o.alias, o.name = o.name, full


def _dist(text: str, o: OrgMention, c) -> int | None:
    """Characters between a cue and an organisation it may govern, None when it cannot govern it."""
    cs, ce, _, d = c
    side = _side(o, c)
    if side == "in":
        return 0
    gap = o.start - ce if side == "after" else cs - o.end
    if gap > CUE_WINDOW:
        return None
    if side == "after":
        return gap if d in ("after", "any") else None
    if d == "subject":
        return gap if _is_subject(text, o) else None
    return gap if d in ("before", "any") else None


def _roles(text: str, orgs: list[OrgMention], cues, chain: list[int]) -> dict[int, set[str]]:
    """Roles per organisation: each cue governs its nearest organisation and that one's enumeration."""
    roles_of: dict[int, set[str]] = defaultdict(set)
    for c in cues:
        options = [(dd, i) for i, o in enumerate(orgs) if (dd := _dist(text, o, c)) is not None]
        if not options:
            continue
        _, nearest = min(options)
        side = _side(orgs[nearest], c)
        for i in range(len(orgs)):
            # the whole enumeration shares the role, however long it runs
            if chain[i] == chain[nearest] and _side(orgs[i], c) in (side, "in"):
                roles_of[i].add(c[2])
    return roles_of


def _link(ctx: _Ctx, s: Sentence, keys: list[str], context: str | None, o: OrgMention, roles) -> None:
    target = _target(ctx, s, keys, context, o)
    if target is None:
        return
    lines = s.lines_for(o.start, o.end)
    ref = ctx.org(o.name, o.alias, lines)
    for role in roles:
        ctx.links.setdefault((ref.key, target, role), []).extend(lines)


ANAPHORIC_NOUN_RE = re.compile(r"^(?:Die|Der|Diese|Dieser)\s(Universität|Hochschule|Kammer|IHK|Landesregierung)\b")
ANAPHORIC_KIND = {"Universität": "University", "Hochschule": "University", "Kammer": "IHK", "IHK": "IHK"}
ANAPHORIC_KIND["Landesregierung"] = "StateGovernment"


def _anaphora(ctx: _Ctx, s: Sentence, keys, context, cues, seen: list[tuple[Sentence, OrgMention]]) -> None:
    """ "Die Universität wurde … ins Netzwerk integriert": the one university the paragraph named before."""
    m = ANAPHORIC_NOUN_RE.match(s.text)
    if not m:
        return
    kind = ANAPHORIC_KIND[m.group(1)]
    named = {o.name: (p, o) for p, o in seen if classify_kind(o.name) == kind}
    if len(named) != 1:
        return
    p, antecedent = next(iter(named.values()))
    here = OrgMention(m.start(1), m.end(1), antecedent.name)
    roles = _roles(s.text, [here], cues, [0]).get(0)
    target = _target(ctx, s, keys, context, antecedent)
    if not roles or target is None:
        return
    lines = p.lines_for(antecedent.start, antecedent.end)
    ref = ctx.org(antecedent.name, antecedent.alias, lines)
    for role in roles:
        ctx.links.setdefault((ref.key, target, role), []).extend(lines)


def _continued(ctx: _Ctx, s: Sentence, cues, prev, para_subject: dict[int, str | None]) -> bool:
    """Roles stated in a sentence that continues the previous sentence's subject."""
    m = ROLE_SUBJECT_RE.match(s.text)
    if m:
        roles = {m.lastgroup}
    elif ANAPHOR_RE.match(s.text):
        roles = {role for _, _, role, d in cues if d in ("any", "before")}
    else:
        return False
    p, subjects, keys = prev
    context = p.section or para_subject.get(p.para)
    for o in subjects:
        _link(ctx, p, keys, context, o, roles)
    return bool(roles)


def _family_of(ctx: _Ctx, key: str) -> dict[str, list[str]] | None:
    return next((fam for fam in ctx.index.families.values() if key in fam and len(fam) > 1), None)


def _coops(ctx: _Ctx, sents: list[Sentence]) -> None:
    para_subject: dict[int, str | None] = {}
    for s in sents:
        hits = ctx.index.find(s.text)
        named = [h for h in hits if not h[2].startswith("?")]
        keys = list(dict.fromkeys(k for _, _, k in named))
        if para_subject.get(s.para) is None and len(keys) == 1 and named[0][0] <= 40:
            para_subject[s.para] = keys[0]
        if not COOP_CUES.search(s.text):
            continue
        context = s.profile or s.section or para_subject.get(s.para)
        if context and context not in keys:
            keys.append(context)
        sister = bool(SISTER_RE.search(s.text))
        extra_lines: dict[str, list[int]] = {}
        if sister and context and (fam := _family_of(ctx, context)):
            # "Austausch mit den Schwesterinitiativen in Bonn und Mecklenburg-Vorpommern"
            for k, words in fam.items():
                for w in words[:1]:
                    m = re.search(rf"\b{re.escape(w)}\b", s.text)
                    if m and k not in keys:
                        keys.append(k)
                        extra_lines[k] = s.lines_for(m.start(), m.end())
        if len(keys) < 2:
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                fam = _family_of(ctx, a)
                kind = "sister" if sister or (fam and b in fam) else "cooperation"
                x, y = sorted((a, b))
                lines = [ln for st, en, k in named if k in (x, y) for ln in s.lines_for(st, en)]
                lines += extra_lines.get(a, []) + extra_lines.get(b, [])
                ctx.coops.setdefault((x, y, kind), []).extend(lines or s.lines)


# -- events ----------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm_chars(text)[0] and text.lower()).strip("-")[:60]


@dataclass
class EventRec:
    title: str
    kind: str
    date: str | None
    lines: list[int]
    body: list[Sentence] = field(default_factory=list)


EVENT_HEADS = [(cues.regex_of(c), c.kind) for c in cues.entries("report-event-head")]
LIST_INTRO_WORD = "folgenden"  # in every match of LIST_INTRO_RE (any case): tested first, a plain substring test
LIST_INTRO_RE = re.compile(
    r"(\d+|" + "|".join(NUMBER_WORDS) + rf")\s+(Peer-Meetings|Webinare)\b[^.]*\b{LIST_INTRO_WORD}\b", re.IGNORECASE
)
DESC_START_RE = cues.regex("report-description-start")


def _date_of(text: str) -> str | None:
    m = MONTH_RE.search(text)
    if m:
        return f"{m.group(2)}-{MONTHS.index(m.group(1)) + 1:02d}"
    y = re.search(r"\b(20\d{2})\b", text)
    return y.group(1) if y else None


def _events(doc: SourceDoc, ctx: _Ctx, sents: list[Sentence]) -> list[EventRec]:
    body_end = min((i.profile_lines[0] for i in ctx.infos if i.profile_lines), default=len(doc.lines) + 1) - 1
    events: list[EventRec] = []
    # headed events: heading (possibly wrapped) followed by its paragraphs until the next heading
    n = 1
    while n <= body_end:
        text = doc.clean(n)
        kind = next((k for rx, k in EVENT_HEADS if rx.match(text)), None)
        if kind and not doc.line(n).startswith("\t"):
            lines = [n]
            while (
                kind in ("regional-event", "industrieforum")
                and not (MONTH_RE.search(text) or text.endswith("“"))
                and n + 1 <= body_end
                and doc.line(n + 1).strip()
            ):
                n += 1
                lines.append(n)
                text = doc.repair.join([doc.line(k) for k in lines])
            title_m = re.search(r"„([^“]+)“", text)
            title = (
                text
                if kind in ("conference", "focus-group")
                else (
                    (f"Industrieforum {_date_of(text)}: " if kind == "industrieforum" else "")
                    + (title_m.group(1) if title_m else text)
                )
            )
            title = (
                re.sub(r",?\s*(?:im\s+)?(?:{})\s+\d{{4}}.*$".format("|".join(MONTHS)), "", title)
                if kind == "conference"
                else title
            )
            events.append(EventRec(title.strip(), kind, _date_of(text), lines))
        n += 1
    events += _awards(doc, ctx, sents, body_end)
    # announced lists: "17 Peer-Meetings zu den folgenden Themen:" + bullets
    for s in sents:
        if s.profile is not None or LIST_INTRO_WORD not in s.text.lower():
            continue
        m = LIST_INTRO_RE.search(s.text)
        if not m:
            continue
        raw_n = m.group(1).lower()
        announced = number_value(raw_n)
        kind = "peer-meeting" if m.group(2).lower().startswith("peer") else "webinar"
        items = _bullets_after(doc, s.lines[-1], body_end)
        for title_lines, desc_lines in items:
            title = doc.repair.join([BULLET_RE.sub("", doc.line(k)) for k in title_lines])
            events.append(EventRec(title, kind, None, title_lines + desc_lines))
            events[-1].body = []
        if len(items) != announced:
            ctx.result.finding(
                "event-count-mismatch",
                f"{announced} {m.group(2)} announced, {len(items)} listed",
                doc.ev(*s.lines),
                announced=announced,
                what=m.group(2),
                listed=len(items),
            )
    return events


AWARD_HEAD_RE = re.compile(r"^\d+\.\d+\s+.*\b(Wettbewerb|Auszeichnung|Preis)\b")
WINNER_RE = re.compile(r"entschied sich|erhielt|Sonderpreis|honorierte|zeichnete|Preisträger")


def _awards(doc: SourceDoc, ctx: _Ctx, sents: list[Sentence], body_end: int) -> list[EventRec]:
    """A competition section: one award event per year it was held, winners from the jury's decisions."""
    out: list[EventRec] = []
    for n in range(1, body_end + 1):
        text = doc.clean(n)
        m = AWARD_HEAD_RE.match(text)
        if not m or doc.line(n).startswith("\t"):
            continue
        end = next((k for k in range(n + 1, body_end + 1) if re.match(r"^\d+\.\d+\s", doc.clean(k))), body_end)
        quoted = re.search(r"„([^“]+)“", text)
        name = quoted.group(1) if quoted else text
        by_year: dict[str, EventRec] = {}
        year = None
        for s in sents:
            if not (n < s.lines[0] < end) or s.profile is not None or _is_quote(s):
                continue
            y = re.search(r"\b(20\d\d)\b", s.text)
            if y and re.search(r"schrieb|lobte|Jahr|aufgerufen", s.text):
                year = y.group(1)
            winners = [h for h in ctx.index.find(s.text) if not h[2].startswith("?")]
            if not (year and winners and WINNER_RE.search(s.text)):
                continue
            rec = by_year.get(year)
            if rec is None:
                rec = by_year[year] = EventRec(f"{name} {year}", "award", year, [n])
                out.append(rec)
            rec.body.append(s)
    return out


def _bullets_after(doc: SourceDoc, start: int, limit: int) -> list[tuple[list[int], list[int]]]:
    """Bullet items following an announcing line: (title lines, description lines) each.

    The title runs until a line that opens a description ("Die Initiative …", "Das Webinar …");
    the list ends at the first block after a blank line that is not a bullet.
    """
    items: list[tuple[list[int], list[int]]] = []
    blank = False
    for n in range(start + 1, limit + 1):
        raw = doc.line(n)
        if _skip(raw):
            continue
        if not raw.strip():
            blank = True
            continue
        if BULLET_RE.match(raw):
            items.append(([n], []))
        elif not items:
            if n > start + 3:
                break
            continue
        elif blank:
            break
        else:
            title, desc = items[-1]
            if not desc and not DESC_START_RE.match(doc.clean(n)):
                title.append(n)
            else:
                desc.append(n)
        blank = False
    return items


# -- main ------------------------------------------------------------------------------------------


def extract(doc: SourceDoc, initiatives) -> LoadResult:
    """Organisations and their roles, events with participants, and cooperations between initiatives."""
    ctx = _Ctx(doc, initiatives)
    sents = _sentences(doc, ctx)
    _members(ctx, sents)
    _coops(ctx, sents)
    events = _events(doc, ctx, sents)
    _participants(doc, ctx, sents, events)
    res = ctx.result
    for name, (ev, aliases) in ctx.orgs.items():
        res.add(
            "Organization",
            name,
            sorted(set(ev), key=_evkey),
            aliases=sorted(aliases),
            name=name,
            kind=classify_kind(name),
        )
    for (org, target, role), lines in ctx.links.items():
        res.link("MEMBER_OF", Ref("Organization", org), Ref("Initiative", target), doc.ev(*lines), role=role)
    for (a, b, kind), lines in ctx.coops.items():
        res.link("COOPERATES_WITH", Ref("Initiative", a), Ref("Initiative", b), doc.ev(*lines), kind=kind)
    return res


def _evkey(e: str) -> tuple[int, ...]:
    return place_key(split_evidence(e)[1])


def _participants(doc: SourceDoc, ctx: _Ctx, sents: list[Sentence], events: list[EventRec]) -> None:
    """Event entities, and who took part: initiatives and organisations named in each event's text."""
    by_line = {ln: s for s in sents for ln in s.lines}
    heads = sorted(events, key=lambda e: e.lines[0])
    used: set[str] = set()
    parts: dict[tuple[Ref, Ref, str], list[int]] = {}
    for e in heads:
        key = f"{doc.name}#{e.kind}-{_slug(e.title)}"
        while key in used:
            key += "-2"
        used.add(key)
        props = {"title": e.title, "kind": e.kind}
        if e.date:
            props["date"] = e.date
        ref = ctx.result.add("Event", key, doc.ev(*e.lines), **props)
        if e.kind in ("peer-meeting", "webinar"):
            span = e.lines
        else:
            nxt = min([h.lines[0] for h in heads if h.lines[0] > e.lines[-1]] + [e.lines[-1] + 80])
            span = []
            for ln in range(e.lines[-1] + 1, nxt):
                if re.match(r"^\d+(?:\.\d+)+\s", doc.clean(ln)):
                    break
                span.append(ln)
        ev_sents = list(e.body)
        for ln in [] if e.kind == "award" else span:
            s = by_line.get(ln)
            if s is not None and s not in ev_sents:
                ev_sents.append(s)
        for s in ev_sents:
            if _is_quote(s):
                continue
            role = _event_role(s.text, e.kind)
            for a, b, k in _initiatives_in(ctx, s):
                parts.setdefault((Ref("Initiative", k), ref, role), []).extend(s.lines_for(a, b))
            spans = [(a, b) for a, b, _ in ctx.index.find(s.text)]
            for o in find_orgs(s.text):
                if ctx.index.find(o.name) or any(a < o.end and o.start < b for a, b in spans):
                    continue
                lines = s.lines_for(o.start, o.end)
                oref = ctx.org(o.name, o.alias, lines)
                orole = "host" if re.search(r"Gastgeber|\bbei der\s*$", s.text[: o.start][-30:]) else role
                if orole == "winner":
                    orole = "participant"
                parts.setdefault((oref, ref, orole), []).extend(lines)
    for (src, dst, role), lines in parts.items():
        ctx.result.link("PARTICIPATED_IN", src, dst, doc.ev(*lines), role=role)


ATTRIBUTION_RE = re.compile(r"^(?:(?:Dr|Prof)\.\s)*[A-ZÄÖÜ][\w\-]+(?:\s[A-ZÄÖÜ][\w\-]+){1,2},\s\S")


def _is_quote(s: Sentence) -> bool:
    """Testimonials (first person) and their attribution lines ("Dr. Jörg Buisset, H2 Berlin e. V.")."""
    return bool(re.search(r"\b(wir|uns|unser|unsere|ich|Wir|Uns|Unser|Ich)\b", s.text) or ATTRIBUTION_RE.match(s.text))


def _event_role(text: str, kind: str) -> str:
    if kind == "award":
        return "winner"
    if kind in ("peer-meeting", "webinar"):
        return "input"  # a list item names who presented
    if re.search(
        r"in Kooperation mit|gemeinsam mit|in enger Abstimmung|lud gemeinsam|Organisation der Veranstaltung", text
    ):
        return "organizer"
    if re.search(
        r"Input|Impuls|berichtete|stellte|stellten|präsentierte|zeigte|erläuterte|legte dar|Einblicke|"
        r"Vortr|Podium|Panel|diskutierten|Statements",
        text,
    ):
        return "input"
    return "participant"
