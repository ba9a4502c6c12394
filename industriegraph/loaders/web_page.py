"""Loader for short web pages and news articles on industrial-policy alliances, projects and events.

These documents are prose with a few lines of site debris (navigation, icon fonts, tag
clouds). Unlike the Masterplan or the network report they have no fixed structure, so
this loader reads them with patterns for what such articles state: organisations (by
name pattern or "Name (ACR)" definitions), people with roles, dates, titled alliances
or agreements in quotes, enumerated measures or fields of action, projects with their
carrying clusters and funders, and events with participants. It is the fallback kind:
``detect`` stays below the scores the specialised loaders give their own documents.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from industriegraph.loaders import reader
from industriegraph.loaders.orgs import classify_kind
from industriegraph.model.records import PROSE, LoadResult, Ref
from industriegraph.text.normalize import slug
from industriegraph.text.recognise import cues
from industriegraph.text.recognise.dates import MONTH_RX as _MONTH_RX
from industriegraph.text.recognise.dates import dates as _dates
from industriegraph.text.recognise.dates import iso_date as _iso
from industriegraph.text.recognise.lexicon import fold, lexicon
from industriegraph.text.recognise.names import acronym_fits as _acronym_fits
from industriegraph.text.recognise.orgs import OrgContext, find_orgs
from industriegraph.text.recognise.passage import sentence_texts as _split_sentences
from industriegraph.text.recognise.people import find_people
from industriegraph.text.source import PHRASE_START_WORDS, SourceDoc, SourceError, number_value

KIND = "web-page"

# --------------------------------------------------------------------------------------
# General vocabulary (not per document)

# Short lines that are site navigation or advertising, not content (cues.yaml).
NAV_LINES = cues.words("web-navigation")
NAV_PREFIX = re.compile(r"^(?:keyboard_arrow_\w+|themenübersicht auf|zur [\w-]*übersicht|zurück zu|back to)", re.I)
CONTACT_LINES = cues.words("web-contact")

# Agreements/alliances (the subject of a page) and strategies it may refer to.
AGREEMENT_WORDS = cues.pattern("web-agreement-word")
REFERENCED_PLAN = cues.regex("web-referenced-plan")
AGREEMENT_CUES = cues.regex("web-agreement-cue")
PACKAGE_CUE = cues.regex("web-package-cue")
FIELDS_CUE = re.compile(r"(?:(\w+)\s+)?(?:fields of action|action fields|Handlungsfelder|Themenfelder)", re.I)
SIGNING_CUE = cues.regex("web-signing-cue")
NETWORK_WORDS = re.compile(r"\b(?:Netzwerk|Network|Initiative|Cluster|Verbund)\b(?!-)")
FUNDING_CUE = cues.regex("web-funding-cue")
COFUND_CUE = cues.regex("web-cofunding-cue")
PRESENT_CUE = re.compile(r"\b(?:wird|werden|ist|sind|wirkt|ermöglicht|unterstützt|läuft|is|are|runs)\b")
ENDED_CUE = re.compile(r"\b(?:endete|beendet|lief bis|abgeschlossen wurde|ended|was completed|ran until)\b", re.I)
PARTICIPATION_CUE = cues.regex("web-participation-cue")
CURATION_CUE = cues.regex("web-curation-cue")
PRESENTED_CUE = cues.regex("web-presented-cue")

# Event formats: word as written -> Event.kind (cues.yaml; on a tie the first listed wins).
EVENT_FORMATS = {c.words[0]: c.kind for c in cues.entries("web-event-format")}
NAMED_EVENT = cues.regex("web-named-event")

# Roles before or after a person's name; government roles attach to the state government party.
ROLE_WORDS = cues.pattern("web-person-role")
GOVERNMENT_ROLES = re.compile(r"Bürgermeister|Senator|Staatsrat|Staatsrätin|Minister|Staatssekretär|Mayor", re.I)
TITLE_RX = r"(?:(?:Dr|Prof)\.(?:\s?[a-z]{1,6}\.)*\s+)*"
NAME_TOKEN = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
NAME_RX = rf"{NAME_TOKEN}(?: (?:von|van|de|zu) )?(?: {NAME_TOKEN})"
ROLE_BEFORE = re.compile(
    rf"(?:\b(?P<city>[A-ZÄÖÜ][a-zäöü]+)s\s+)?(?:\b(?P<acr>[A-ZÄÖÜ]{{2,6}})-)?\b(?P<role>{ROLE_WORDS})\s+"
    rf"(?P<title>{TITLE_RX})(?P<name>{NAME_RX})\b"
)
ROLE_AFTER = re.compile(
    rf"(?P<title>{TITLE_RX})\b(?P<name>{NAME_RX}), (?:(?:der|die|the) )?(?P<role>{ROLE_WORDS})\b(?P<rest>[^.;]*)"
)
CONTACT_NAME = re.compile(rf"^(?P<title>{TITLE_RX})(?P<name>{NAME_RX})$")
AUTHOR_DATE = re.compile(rf"^(?P<name>{NAME_RX})\s*(?P<date>(?:{_MONTH_RX}) \d{{1,2}}, \d{{4}})$")

# Words that start a capitalised phrase but are not part of a name.
STOP_START = PHRASE_START_WORDS | {"A", "An", "By", "Dafür", "Daher", "Hier", "However", "Meanwhile", "Now", "The",
                                   "Welche", "Wie", "Projekt"}  # fmt: skip


@cache
def _openers() -> frozenset[str]:
    """The vocabulary's words that open a capitalised phrase but are no part of a name ("Methode", "Firma")."""
    return frozenset(w for f in lexicon().vocab.person_functions if f.type == "not_a_name" for w in (f.text, *f.forms))


@cache
def _not_names() -> frozenset[str]:
    """Words never part of a person's or company's name: the vocabulary's not_a_name words, a Land's spellings,
    kind and initiative words ("Senat", "Bündnis", "Projekt", "Cluster")."""
    v = lexicon().vocab
    out = {w for f in v.person_functions if f.type == "not_a_name" for w in (f.text, *f.forms)}
    out |= {s for land in v.laender for s in land.spellings()}
    out |= {c.text for k in v.kinds for c in k.cues if c.text and " " not in c.text}
    out |= {w.text for w in v.initiative_words}
    return frozenset(out)


# Organisation name patterns (German and English); each match is one mention.
_CAP = r"[A-ZÄÖÜ][\w&.-]*"
HYPHEN_INITIATIVE = re.compile(r"\b[A-ZÄÖÜ][\w]*-Initiative(?: [A-ZÄÖÜ][\w-]+)*")
QUOTED = re.compile(r"[„\"“]([^„\"“”]{4,90})[“\"”]")
BARE_SENATE = re.compile(r"\bSenat(?:s|es)?\b|\bSenate\b")
COMPANY_LIST = cues.regex("web-company-list", CAP=_CAP)
PROJECT_NAME = cues.regex("web-project-name")
LOCATION = cues.regex("web-location")

# --------------------------------------------------------------------------------------
# Detection


def detect(doc: SourceDoc) -> float:
    """A short prose document without report/plan structure; the fallback kind, hence at most 0.6."""
    lines = [ln for ln in doc.lines if ln.strip()]
    if not lines:
        return 0.0
    text = doc.text
    structure = len(
        re.findall(
            r"(?m)^\s*(?:Steckbrief|Handlungsfeld\s+\d|Tabelle\s+\d|Inhaltsverzeichnis|"
            r"Vereinbarungen und Maßnahmen)",
            text,
        )
    )
    if structure >= 2:
        return 0.2
    delimited = sum(1 for ln in lines if ln.count(";") >= 2 or ln.count("\t") >= 2)
    if delimited / len(lines) > 0.5:
        return 0.1
    prose = sum(1 for ln in lines if len(ln.split()) >= 12)
    words = sum(len(ln.split()) for ln in lines)
    if prose == 0:
        return 0.3
    if words > 6000 or len(lines) > 400:
        return 0.3
    return 0.6


# --------------------------------------------------------------------------------------
# Page model


@dataclass
class Org:
    """One organisation as this page names it: key (first full name), aliases and lines."""

    key: str
    aliases: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)
    kind_hint: str | None = None

    def names(self) -> set[str]:
        return {self.key} | self.aliases


@dataclass
class Mention:
    org: Org
    line: int
    start: int
    end: int


@dataclass
class Person:
    name: str
    honorific: str = ""
    lines: set[int] = field(default_factory=set)
    roles: dict[str, tuple[str, set[int]]] = field(default_factory=dict)  # org key -> (role, lines)
    free_role: tuple[str, set[int]] | None = None  # role stated without organisation


class Page:
    """The content lines of a document and what was found in them."""

    def __init__(self, doc: SourceDoc):
        self.doc = doc
        self.text: dict[int, str] = {}
        self.contact: list[int] = []
        self.pub_date: str | None = None
        self.pub_line: int | None = None
        for n in range(1, len(doc.lines) + 1):
            t = re.sub(r"\s+", " ", doc.clean(n)).strip()
            if not t:
                continue
            low = t.lower()
            if low in CONTACT_LINES:
                self.contact.append(n)
            if low in NAV_LINES or NAV_PREFIX.match(t) or _is_icon_debris(t) or _is_tag_line(t, n, doc):
                continue
            m = AUTHOR_DATE.match(t)
            if m:
                self.pub_date, self.pub_line = _iso(m.group("date")), n
                continue
            half = len(t) // 2
            if len(t) > 40 and t[:half].strip() == t[half:].strip():  # repeated image caption
                t = t[:half].strip()
            self.text[n] = t
        # Site furniture after the article: short lines following the last prose paragraph.
        last_prose = max((n for n, t in self.text.items() if len(t.split()) >= 12), default=0)
        self.tail = {n for n in self.text if n > last_prose}
        if not self.text:
            raise SourceError(doc.name, "no content lines after removing navigation debris", 1)
        de = sum(len(re.findall(r"\b(?:der|die|das|und|mit|für|von|ist)\b", t)) for t in self.text.values())
        en = sum(len(re.findall(r"\b(?:the|and|with|for|of|is|are)\b", t)) for t in self.text.values())
        self.lang = "de" if de >= en else "en"
        self.orgs: list[Org] = []
        self.mentions: list[Mention] = []
        self.hints: dict[tuple[int, str], str] = {}  # (line, name) -> kind the text states ("Unternehmen …")

    def sentences(self, n: int) -> list[str]:
        return _split_sentences(self.text[n])

    def org_by_name(self, name: str) -> Org | None:
        for org in self.orgs:
            if name in org.names():
                return org
        return None

    def orgs_in(self, n: int, start: int = 0, end: int | None = None) -> list[Org]:
        """Organisations mentioned on line n (optionally within a character span), in order."""
        end = len(self.text.get(n, "")) if end is None else end
        seen: list[Org] = []
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.line == n and m.start >= start and m.end <= end and m.org not in seen:
                seen.append(m.org)
        return seen


def _is_icon_debris(t: str) -> bool:
    """Icon-font names glued together ("Group 13Group 17ShapeRectangle…"): many lower-upper joins, no sentences."""
    joins = len(re.findall(r"[a-z0-9][A-Z]", t))
    return joins >= 5 and not re.search(r"[a-zäöü]{3,}[.!?](?:\s|$)", t) or bool(re.search(r"noun_\d+_cc", t))


def _is_tag_line(t: str, n: int, doc: SourceDoc) -> bool:
    """A closing tag cloud: the last content line, only lowercase words, no punctuation."""
    rest = [ln for ln in doc.lines[n:] if ln.strip()]
    return not rest and bool(re.fullmatch(r"[a-zäöüß-]+(?: [a-zäöüß-]+)+", t))


def _strip_start(name: str) -> str:
    words = name.split()
    while words and (
        words[0] in STOP_START
        or words[0] in _openers()
        or words[0].lower() in {"der", "die", "das", "des", "dem", "den"}
    ):
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------------------
# Organisations


def _find_orgs(page: Page) -> None:
    """Collect organisation mentions: "Name (ACR)" definitions, name patterns, bare acronyms and "Senat"."""
    raw: list[tuple[int, int, int, str, str | None]] = []  # line, start, end, name, acronym
    ctx = OrgContext(land=lexicon().main_land("\n".join(page.text.values())))
    for n, t in page.text.items():
        stops = [(p.start, p.end) for p in find_people(t)]
        for o in find_orgs(t, ctx, stops):
            if o.generic or o.weak:
                continue
            raw.append((n, o.start, o.end, o.name, o.acronym if o.acronym and o.acronym != o.name else None))
        for m in HYPHEN_INITIATIVE.finditer(t):  # "Logistik-Initiative Hamburg": a cluster named an initiative
            raw.append((n, m.start(), m.end(), m.group(0), None))
        for m in COMPANY_LIST.finditer(t):
            for item in re.split(r", | und | and | & ", m.group("list")):
                item = item.strip()
                if item.endswith(".") and not re.search(r"\b(?:Co|Gebr|Inc|Ltd|Bros)\.$", item):
                    item = item[:-1]  # sentence end, not an abbreviation
                if not item or item in STOP_START or item in _not_names():
                    continue
                i = t.find(item, m.start("list"))
                raw.append((n, i, i + len(item), item, None))
                page.hints[(n, item)] = "Company"
    # Longest span wins where mentions overlap on a line.
    raw.sort(key=lambda r: (r[0], r[1], -(r[2] - r[1])))
    kept: list[tuple[int, int, int, str, str | None]] = []
    for r in raw:
        if kept and kept[-1][0] == r[0] and r[1] < kept[-1][2]:
            if r[4] and not kept[-1][4] and r[2] >= kept[-1][2]:
                kept[-1] = r
            continue
        kept.append(r)
    for n, start, end, name, acr in kept:
        org = _org_for(page, name, acr)
        if (n, name) in page.hints:
            org.kind_hint = page.hints[(n, name)]
        org.lines.add(n)
        page.mentions.append(Mention(org, n, start, end))
    _merge_by_acronym(page)
    _bare_mentions(page)


def _org_for(page: Page, name: str, acr: str | None) -> Org:
    org = page.org_by_name(name) or (page.org_by_name(acr) if acr else None)
    if org is None:
        org = Org(name)
        page.orgs.append(org)
    elif name != org.key:
        org.aliases.add(name)
    if acr:
        org.aliases.add(acr)
    return org


def _merge_by_acronym(page: Page) -> None:
    """Merge names the page abbreviates alike ("Industrieverband Hamburg" and "Hamburg Industry Association (IVH)")."""
    for org in list(page.orgs):
        for acr in [a for a in org.aliases if re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,7}", a) and a.isupper()]:
            known = lexicon().acronyms.get(acr)
            for other in list(page.orgs):
                if other is org or other not in page.orgs or not _acronym_fits(acr, other.key):
                    continue
                if known and not any(fold(other.key) in {fold(n) for n in f.body.all_names()} for f in known):
                    continue  # the vocabulary knows the acronym as another body's
                first, second = sorted((org, other), key=lambda o: min(o.lines))
                first.aliases |= second.names() - {first.key}
                first.lines |= second.lines
                first.kind_hint = first.kind_hint or second.kind_hint
                for m in page.mentions:
                    if m.org is second:
                        m.org = first
                page.orgs.remove(second)
                if second is org:
                    break


def _bare_mentions(page: Page) -> None:
    """Bare acronyms after their definition, and a bare "Senat"/"Senate" meaning the city-state's Senate."""
    for org in page.orgs:
        for acr in [a for a in org.aliases if a.isupper() and 2 <= len(a) <= 8]:
            for n, t in page.text.items():
                quoted = [q.span() for q in QUOTED.finditer(t)]
                for m in re.finditer(rf"\b{re.escape(acr)}\b", t):
                    if any(a <= m.start() < b for a, b in quoted):
                        continue  # part of a quoted title ("IVH Energy Efficiency Network …")
                    if not any(x.line == n and x.start <= m.start() < x.end for x in page.mentions):
                        org.lines.add(n)
                        page.mentions.append(Mention(org, n, m.start(), m.end()))
    senate = next((o for o in page.orgs if re.search(r"\bSenat(?:e)?\b", o.key)), None)
    for n, t in page.text.items():
        for m in BARE_SENATE.finditer(t):
            if any(x.line == n and x.start <= m.start() < x.end for x in page.mentions):
                continue
            if senate is None:
                city = lexicon().city_state_in(page.text.values())
                if city is None:
                    return
                key = f"{lexicon().city_state_adjectives[city]} Senat" if page.lang == "de" else f"Senate of {city}"
                senate = Org(key, aliases={m.group(0)} if page.lang == "en" else set())
                page.orgs.append(senate)
            senate.lines.add(n)
            page.mentions.append(Mention(senate, n, m.start(), m.end()))


def _emit_org(result: LoadResult, page: Page, org: Org) -> Ref:
    kind = classify_kind(org.key)
    if kind == "Other" and org.kind_hint:
        kind = org.kind_hint
    ref = Ref("Organization", org.key)
    if not any(e.label == "Organization" and e.key == org.key for e in result.entities):
        result.add(
            "Organization", org.key, page.doc.ev(*org.lines), aliases=sorted(org.aliases), name=org.key, kind=kind
        )
        for state in lexicon().laender_in(org.key):
            first = min((n for n in org.lines if state in lexicon().laender_in(page.text[n])), default=min(org.lines))
            result.link("LOCATED_IN", ref, Ref("State", state), page.doc.ev(first))
    return ref


# --------------------------------------------------------------------------------------
# People


def _find_people(page: Page) -> dict[str, Person]:
    people: dict[str, Person] = {}
    senate = next((o for o in page.orgs if classify_kind(o.key) == "StateGovernment"), None)

    def person(name: str, title: str, n: int) -> Person | None:
        if any(tok in _not_names() or tok in STOP_START for tok in name.split()):
            return None
        p = people.setdefault(name, Person(name))
        p.honorific = p.honorific or title.strip()
        p.lines.add(n)
        return p

    def add_role(p: Person, role: str, org: Org | None, n: int) -> None:
        if org is None:
            if GOVERNMENT_ROLES.search(role) and senate is not None:
                org = senate
            else:
                old = p.free_role
                p.free_role = (role, (old[1] if old else set()) | {n})
                return
        old_role, lines = p.roles.get(org.key, (role, set()))
        best = old_role if len(old_role) >= len(role) and role.lower() in old_role.lower() else role
        p.roles[org.key] = (best, lines | {n})

    for n, t in page.text.items():
        for m in ROLE_BEFORE.finditer(t):
            p = person(m.group("name"), m.group("title"), n)
            if p is None:
                continue
            org = page.org_by_name(m.group("acr")) if m.group("acr") else None
            add_role(p, m.group("role"), org, n)
        for m in ROLE_AFTER.finditer(t):
            p = person(m.group("name"), m.group("title"), n)
            if p is None:
                continue
            rest = re.split(r",\s+(?=[a-zäöü])|\s+[–-]\s+", m.group("rest"))[0].rstrip()
            orgs = page.orgs_in(n, m.start("rest"), m.start("rest") + len(rest))
            role = m.group("role") if orgs else (m.group("role") + rest).strip()
            add_role(p, role, orgs[0] if orgs else None, n)
    # A contact block: "Kontakt" followed by a name line and a role line.
    for c in page.contact:
        following = [n for n in sorted(page.text) if n > c][:2]
        if not following:
            continue
        m = CONTACT_NAME.match(page.text[following[0]])
        if m:
            p = person(m.group("name"), m.group("title"), following[0])
            if p is not None and len(following) > 1 and not CONTACT_NAME.match(page.text[following[1]]):
                p.free_role = (page.text[following[1]], {following[1]})
    return people


# --------------------------------------------------------------------------------------
# Alliance / agreement


def _titles(page: Page) -> list[tuple[str, int, bool]]:
    """Titled agreements/alliances: quoted ("„Bündnis für …“") or capitalised ("the Alliance for the …")."""
    found = []
    for n, t in page.text.items():
        if n in page.tail:
            continue
        spans = []
        for m in QUOTED.finditer(t):
            title = m.group(1).strip()
            if (
                title[0].isupper()
                and len(title.split()) <= 10
                and not re.search(r"[.!?,;]", title)
                and re.search(rf"\b(?:{AGREEMENT_WORDS})\b", title)
            ):
                found.append((title, n, True))
                spans.append(m.span())
        for m in re.finditer(
            rf"\b(?:{AGREEMENT_WORDS}) (?:for|für) (?:the |die |den |das )?[A-ZÄÖÜ][\w-]*"
            rf"(?: (?:of|for|the|der|des|die|und|and|in|im|[A-ZÄÖÜ][\w-]*))*",
            t,
        ):
            title = re.sub(r"(?: (?:of|for|the|der|des|die|und|and|in|im))+$", "", m.group(0))
            if title.split()[0] != "Bündnisses" and not any(a <= m.start() < b for a, b in spans):
                found.append((title, n, False))
    return found


def _load_alliance(result: LoadResult, page: Page, people: dict[str, Person], org_refs: dict[str, Ref]) -> Ref | None:
    doc = page.doc
    titles = _titles(page)
    if not titles:
        return None
    counts = Counter(t for t, _, quoted in titles for _ in range(2 if quoted else 1))  # quoted names weigh double
    title = max(counts, key=lambda t: (counts[t], -min(n for x, n, _ in titles if x == t)))
    title_lines = sorted({n for t, n, _ in titles if t == title})
    # Year: the signing date, else "im Jahr 2019"/"in 2019", else the publication date.
    sign_line, sign_date = None, None
    for n, t in page.text.items():
        if SIGNING_CUE.search(t):
            full = [d for d in _dates(t) if len(d) == 10]
            if full:
                sign_line, sign_date = n, full[0]
                break
    year, year_line = None, None
    if sign_date:
        year, year_line = int(sign_date[:4]), sign_line
    else:
        for n in title_lines:
            m = re.search(r"\b(?:im Jahr|in|seit|since)\s+((?:19|20)\d{2})\b", page.text[n])
            if m:
                year, year_line = int(m.group(1)), n
                break
        if year is None and page.pub_date:
            year, year_line = int(page.pub_date[:4]), page.pub_line
    props = {"title": title}
    if year:
        props["year"] = year
    if page.pub_date:
        props["reported"] = page.pub_date
    german = [t for t, _, _ in titles if t != title and page.lang == "en" and re.search(r"Bündnis|Pakt|Allianz", t)]
    ev = title_lines + ([year_line] if year_line else [])
    strategy = result.add("Strategy", title, doc.ev(*ev), aliases=sorted(set(german)), **props)

    # Parties: organisations on lines that state the agreement (cue verb + agreement word or title).
    party_lines: dict[str, set[int]] = {}
    for n, t in page.text.items():
        states_agreement = title in t or re.search(rf"\b(?:{AGREEMENT_WORDS})\b", t, re.I)
        if states_agreement and AGREEMENT_CUES.search(t):
            for org in page.orgs_in(n):
                if classify_kind(org.key) not in {"Company"} or org.kind_hint != "Company":
                    party_lines.setdefault(org.key, set()).add(n)
    for key, lines in party_lines.items():
        result.link("PARTNER_OF", org_refs[key], strategy, doc.ev(*lines))

    # Strategies the page refers to ("des Masterplans Industrie", "the Industrial Master Plan").
    for n, t in page.text.items():
        for m in REFERENCED_PLAN.finditer(t):
            name = re.sub(r"^(Masterplan)s\b", r"\1", m.group(0))
            if name == title or re.search(rf"\b(?:{AGREEMENT_WORDS})\b", name):
                continue
            ref = result.add("Strategy", name, doc.ev(n), title=name)
            result.link("REFERENCES", strategy, ref, doc.ev(n))

    if sign_date:
        _signing(result, page, people, org_refs, strategy, title, sign_line, sign_date)
    _enumerations(result, page, strategy)
    return strategy


def _signing(
    result: LoadResult,
    page: Page,
    people: dict[str, Person],
    org_refs: dict[str, Ref],
    strategy: Ref,
    title: str,
    n: int,
    date: str,
) -> None:
    doc = page.doc
    label = f"Unterzeichnung {title}" if page.lang == "de" else f"Signing of the {title}"
    event = result.add("Event", f"{doc.name}#signing-{date}", doc.ev(n), title=label, kind="signing", date=date)
    signers = [p for p in people.values() if n in p.lines]
    orgs = {k for p in signers for k in p.roles} | {o.key for o in page.orgs_in(n)}
    for p in signers:
        role = next(iter(p.roles.values()))[0] if p.roles else None
        result.link("PARTICIPATED_IN", Ref("Person", p.name), event, doc.ev(n), role="signatory")
        result.link("SIGNED", Ref("Person", p.name), strategy, doc.ev(n), **({"role": role} if role else {}))
    for key in sorted(orgs):
        lines = {n} | {ln for p in signers for ln in p.roles.get(key, ("", set()))[1] if ln == n}
        result.link("PARTICIPATED_IN", org_refs[key], event, doc.ev(*lines), role="party")


def _enumerations(result: LoadResult, page: Page, strategy: Ref) -> None:
    """Bulleted measures after a "Maßnahmenpaket …:" line; heading/paragraph items after "Three fields of action"."""
    doc = page.doc
    numbers = sorted(page.text)
    for i, n in enumerate(numbers):
        t = page.text[n]
        fields = FIELDS_CUE.search(t)
        if t.endswith(":") and PACKAGE_CUE.search(t) and not fields:
            items = _bullets(page, numbers[i + 1 :])
            for k, (head, head_line, body, body_lines) in enumerate(items, 1):
                ref = result.add(
                    "Measure", f"{doc.name}#M{k}", doc.ev(head_line, *body_lines), number=k, heading=head, text=body
                )
                result.link("PART_OF", ref, strategy, doc.ev(head_line))
                _responsible(result, page, ref, body_lines)
        elif fields and len(t.split()) <= 6:
            count = number_value(fields.group(1) or "")
            items = _heading_paragraphs(page, numbers[i + 1 :], count)
            for k, (head, head_line, body, body_lines) in enumerate(items, 1):
                # An article's "fields" are the alliance's programme, not a plan's numbered Handlungsfelder:
                # recorded like a package of measures so that only plans carry ActionFields.
                ref = result.add(
                    "Measure",
                    f"{doc.name}#M{k}",
                    doc.ev(head_line, *body_lines),
                    number=k,
                    heading=head,
                    text=body,
                    scope="field-of-action",
                )
                result.link("PART_OF", ref, strategy, doc.ev(head_line))
            if count and len(items) != count:
                result.finding(
                    "count-mismatch",
                    f"page announces {count} fields of action, found {len(items)}",
                    doc.ev(n),
                    strategy,
                    announced=count,
                    found=len(items),
                )


BULLET = re.compile(r"^\s*(?:[•▪◦·*–-]|\d{1,2}[.)])\s+(.+)$")


def _bullets(page: Page, numbers: list[int]) -> list[tuple[str, int, str, list[int]]]:
    items: list[tuple[str, int, str, list[int]]] = []
    for n in numbers:
        raw = page.doc.line(n)
        m = BULLET.match(raw)
        if m:
            items.append((page.text[n].lstrip("•▪◦·*–- ").strip(), n, "", []))
        elif items and raw[:1].isspace():
            head, hl, body, bl = items[-1]
            items[-1] = (head, hl, (body + " " + page.text[n]).strip(), bl + [n])
        else:
            break
    return items


def _heading_paragraphs(page: Page, numbers: list[int], count: int | None) -> list[tuple[str, int, str, list[int]]]:
    items: list[tuple[str, int, str, list[int]]] = []
    i = 0
    while i < len(numbers):
        t = page.text[numbers[i]]
        is_heading = len(t.split()) <= 8 and not re.search(r"[.:!?]$", t)
        if not is_heading:
            i += 1 if not items else len(numbers)  # an intro sentence before the first field is skipped
            continue
        if i + 1 >= len(numbers) or len(page.text[numbers[i + 1]].split()) < 8:
            break
        items.append((t, numbers[i], page.text[numbers[i + 1]], [numbers[i + 1]]))
        if count and len(items) == count:
            break
        i += 2
    return items


RESPONSIBLE_RX = re.compile(r"(?:^|\b(?:Der|Die|der|die|sich|und)\s+)$")


def _responsible(result: LoadResult, page: Page, measure: Ref, lines: list[int]) -> None:
    """Organisations named as subject of a measure's text (not "des Senats", "auf Seiten des …")."""
    done = set()
    for n in lines:
        t = page.text[n]
        for m in sorted(page.mentions, key=lambda m: m.start):
            if m.line != n or m.org.key in done:
                continue
            if RESPONSIBLE_RX.search(t[: m.start]) and re.search(
                r"\b(?:plan\w*|leg\w+|verständigt|wird|werden|"
                r"will|setzt|setzen|richtet|baut|startet)\b",
                t[m.end :],
            ):
                done.add(m.org.key)
                result.link("RESPONSIBLE_FOR", Ref("Organization", m.org.key), measure, page.doc.ev(n))


# --------------------------------------------------------------------------------------
# Projects, networks, events, funding


def _project_names(page: Page) -> list[tuple[str, list[int]]]:
    """Named projects/initiatives: "Projekt KLIMAready", or a quoted "… Network …" title."""
    names: dict[str, list[int]] = {}
    for t in page.text.values():
        for m in PROJECT_NAME.finditer(t):
            names.setdefault(m.group("name"), [])
        for m in QUOTED.finditer(t):
            title = m.group(1).strip()
            if (
                title[0].isupper()
                and len(title.split()) <= 10
                and NETWORK_WORDS.search(title)
                and not re.search(r"[.!?,;]", title)
            ):
                names.setdefault(title, [])
    for name in names:
        names[name] = [n for n, t in page.text.items() if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", t)]
    return [(k, v) for k, v in names.items() if v]


def _load_projects(result: LoadResult, page: Page, org_refs: dict[str, Ref]) -> list[tuple[Ref, list[int]]]:
    doc = page.doc
    out = []
    for name, lines in _project_names(page):
        props: dict = {"name": name}
        goal_line = None
        for n in lines:
            for s in page.sentences(n):
                m = re.search(rf"Ziel (?:von|des Projekts|der Initiative)? ?{re.escape(name)}? ist es,\s*(.+?)\.?$", s)
                if m and name in s:
                    props["description"], props["goals"], goal_line = s, [m.group(1).strip()], n
        if "description" not in props:
            props["description"] = page.sentences(lines[0])[0] if lines else ""
            goal_line = lines[0]
        kind_m = None
        for n in sorted(page.text):
            kind_m = re.search(
                r"handelt es sich um ein(?:e|en)? ([\w-]*(?:[Pp]rojekt|[Ii]nitiative|[Nn]etzwerk))\b", page.text[n]
            )
            if kind_m:
                props["type"] = kind_m.group(1)
                break
        all_text = " ".join(page.text[n] for n in lines)
        if ENDED_CUE.search(all_text):
            props["status"] = "ended"
        elif page.lang == "de" and PRESENT_CUE.search(all_text):
            props["status"] = "active"
        per_value: dict = {"name": doc.ev(lines[0])}
        if goal_line:  # the sentence stating the goal (else the first naming the project) is the description
            per_value["description"] = per_value["goals"] = doc.ev(goal_line)
        founded = _founded(page, name, lines)
        if founded:
            props.update(founded[0])
            per_value["founded"] = per_value["foundedText"] = doc.ev(founded[1])
            if founded[2]:  # the year comes from the publication date
                per_value["founded"] = doc.ev(founded[1], page.pub_line or founded[1])
            if founded[2]:
                result.finding(
                    "date-inferred",
                    f"{name}: founding month stated without year; year taken from the publication date {page.pub_date}",
                    doc.ev(founded[1], page.pub_line or founded[1]),
                    Ref("Initiative", name),
                    name=name,
                    date=page.pub_date,
                )
        ev = sorted(set(lines[:3] + ([goal_line] if goal_line else [])))
        ref = result.add("Initiative", name, doc.ev(*ev), prop_evidence=per_value, **props)
        out.append((ref, lines))
        _carriers(result, page, ref, name, org_refs)
        _funding(result, page, ref, name, org_refs)
        _topics(result, page, ref, lines)
        states = Counter(s for n in lines for s in lexicon().laender_in(page.text[n]))
        if states:
            state = states.most_common(1)[0][0]
            preferred = [goal_line] if goal_line else []  # the line saying what the project does, and where
            first = next(n for n in preferred + lines if state in lexicon().laender_in(page.text[n]))
            result.link("LOCATED_IN", ref, Ref("State", state), doc.ev(first))
    return out


def _founded(page: Page, name: str, lines: list[int]) -> tuple[dict, int, bool] | None:
    for n in lines:
        for s in page.sentences(n):
            if name in s and re.search(r"set up|founded|launched|gegründet|ins Leben gerufen|gestartet", s):
                full = _dates(s)
                if full:
                    return {"founded": int(full[0][:4]), "foundedText": full[0]}, n, False
                m = re.search(rf"\b(?:In|Im|Seit|Since) ({_MONTH_RX})\b", s)
                if m and page.pub_date:
                    return {"founded": int(page.pub_date[:4]), "foundedText": m.group(0)}, n, True
    return None


def _carriers(result: LoadResult, page: Page, project: Ref, name: str, org_refs: dict[str, Ref]) -> None:
    """Organisations that carry, coordinate or partner in the project, and unnamed further members."""
    doc = page.doc
    for n in sorted(page.text):
        for s in page.sentences(n):
            about = name in s or re.search(r"\b(?:Projekt|Hierbei|project|initiative)\b", s, re.I)
            role = (
                "carrier"
                if re.search(r"getragen|carried by|Träger", s)
                else "coordinator"
                if re.search(r"koordiniert|coordinated|Koordinat", s)
                else "partner"
                if re.search(r"\bPartner\b|beteiligt|partners? of", s)
                else None
            )
            if not (about and role):
                continue
            i = page.text[n].find(s)
            for org in page.orgs_in(n, i, i + len(s)):
                if re.search(r"\bCluster", s) and classify_kind(org.key) == "Other":
                    org.kind_hint = "Cluster"
                    _replace_kind(result, org)
                result.link("MEMBER_OF", org_refs[org.key], project, doc.ev(n), role=role)
            m = re.search(r"\b(\w+) weitere[nr]? (Cluster\w*|Partner\w*|Unternehmen|Organisationen|Akteure)", s)
            if m and number_value(m.group(1)):
                count = number_value(m.group(1))
                result.finding(
                    "unnamed-members",
                    f"{name}: {count} further {m.group(2)} ({role}) are not named",
                    doc.ev(n),
                    project,
                    name=name,
                    count=count,
                    what=m.group(2),
                    role=role,
                )


def _replace_kind(result: LoadResult, org: Org) -> None:
    for e in result.entities:
        if e.label == "Organization" and e.key == org.key:
            e.props["kind"] = org.kind_hint


def _funding(result: LoadResult, page: Page, project: Ref, name: str, org_refs: dict[str, Ref]) -> None:
    doc = page.doc
    for n in sorted(page.text):
        for s in page.sentences(n):
            if not FUNDING_CUE.search(s) or not (name in s or re.search(r"\b(?:Projekt|project)\b", s, re.I)):
                continue
            i = page.text[n].find(s)
            for m in [x for x in page.mentions if x.line == n and i <= x.start < i + len(s)]:
                tail = page.text[n][m.end : i + len(s)]
                role = "cofunder" if COFUND_CUE.search(tail) and not re.search(r"gefördert|funded", tail) else "funder"
                result.link("FUNDED_BY", project, org_refs[m.org.key], doc.ev(n), role=role)


def _topics(result: LoadResult, page: Page, project: Ref, lines: list[int]) -> None:
    for n in lines:
        m = re.search(
            r"\bThemen (?:rund um|wie|zu|zum|zur)\s+([^–.;:]+?)(?:\s+zu unterstützen|\s+[–-]|[.;:]|$)", page.text[n]
        )
        if m:
            for item in re.split(r",\s*|\s+und\s+|\s+sowie\s+", m.group(1)):
                if item.strip():
                    result.link("HAS_TOPIC", project, Ref("Topic", item.strip()), page.doc.ev(n), raw=item.strip())


def _load_events(
    result: LoadResult, page: Page, projects: list[tuple[Ref, list[int]]], org_refs: dict[str, Ref]
) -> None:
    doc = page.doc
    # The page's main event: a format word named on two lines, or once with a "took place" cue.
    best = None
    for word, kind in EVENT_FORMATS.items():
        rx = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
        lines = [n for n, t in page.text.items() if rx.search(t)]
        cue = any(
            re.search(r"\bfand\b.*\bstatt\b|\bfindet\b.*\bstatt\b|took place|takes place|will take place", page.text[n])
            for n in lines
        )
        if len(lines) >= 2 or (lines and cue):
            if best is None or len(lines) > len(best[2]):
                best = (word, kind, lines)
    if best:
        word, kind, lines = best
        places = Counter()
        place_line: dict[str, int] = {}
        for n, t in page.text.items():
            for m in LOCATION.finditer(t):
                place = f"{m.group('kind')} {m.group('name')}"
                places[place] += 1
                place_line.setdefault(place, n)
        place = places.most_common(1)[0][0] if places else None
        dates = [(d, n) for n in lines for d in _dates(page.text[n])]
        if not dates:
            every = [(d, n) for n, t in page.text.items() for d in _dates(t)]
            dates = every if len({d for d, _ in every}) == 1 else []
        props = {"title": f"{word} {place}" if place else word, "kind": kind}
        ev = list(lines)
        if dates:
            props["date"] = dates[0][0]
            ev.append(dates[0][1])
        if place:
            props["location"] = place
            ev.append(place_line[place])
        event = result.add("Event", f"{doc.name}#{slug(word)}", doc.ev(*ev), **props)
        event_lines = set(lines) | ({dates[0][1]} if dates else set())
        for project, plines in projects:
            shared = [n for n in lines if n in plines]
            if shared:
                result.link("ORGANIZED_BY", event, project, doc.ev(*shared))
        for n in sorted(event_lines):
            for s in page.sentences(n):
                i = page.text[n].find(s)
                orgs = page.orgs_in(n, i, i + len(s))
                if PARTICIPATION_CUE.search(s):
                    for org in orgs:
                        result.link("PARTICIPATED_IN", org_refs[org.key], event, doc.ev(n), role="participant")
                elif CURATION_CUE.search(s):
                    for org in orgs:
                        unit = re.search(
                            rf"((?:[A-ZÄÖÜ][\w-]+ )+(?:Hub|Lab|Team|Abteilung)) der {re.escape(org.key)}", s
                        )
                        props = {"role": "curator"} | ({"unit": unit.group(1)} if unit else {})
                        result.link("ORGANIZED_BY", event, org_refs[org.key], doc.ev(n), **props)
    # Named events where results were presented ("Hamburg Sustainability Week", "Cross Innovation Day").
    for n, t in page.text.items():
        for m in NAMED_EVENT.finditer(t):
            title = _strip_start(m.group(1))
            if len(title.split()) < 2:
                continue
            ev_ref = result.add("Event", f"{doc.name}#{slug(title)}", doc.ev(n), title=title, kind="conference")
            role = "presenter" if PRESENTED_CUE.search(t) else "participant"
            for project, plines in projects:
                if n in plines:
                    result.link("PARTICIPATED_IN", project, ev_ref, doc.ev(n), role=role)


# --------------------------------------------------------------------------------------


def load(doc: SourceDoc) -> LoadResult:
    """Read one web page/news article into records."""
    result = LoadResult(specificity=PROSE)
    page = Page(doc)
    _find_orgs(page)
    people = _find_people(page)
    org_refs = {org.key: _emit_org(result, page, org) for org in sorted(page.orgs, key=lambda o: min(o.lines))}
    for p in people.values():
        props = {"name": p.name} | ({"honorific": p.honorific} if p.honorific else {})
        if p.free_role and not p.roles:
            props["role"] = p.free_role[0]
        result.add("Person", p.name, doc.ev(*p.lines), **props)
        for key, (role, lines) in p.roles.items():
            result.link("HOLDS_ROLE", Ref("Person", p.name), org_refs[key], doc.ev(*lines), role=role)
        if p.free_role and not p.roles:
            result.finding(
                "role-without-organization",
                f"{p.name}: role '{p.free_role[0]}' stated without its organisation",
                doc.ev(*p.free_role[1]),
                Ref("Person", p.name),
                person=p.name,
                role_text=p.free_role[0],
            )
    _load_alliance(result, page, people, org_refs)
    projects = _load_projects(result, page, org_refs)
    _load_events(result, page, projects, org_refs)
    known = {str(e.props.get("title") or e.props.get("name") or e.key): e.ref for e in result.entities
             if e.label in ("Strategy", "Initiative")}  # fmt: skip
    known |= {a: e.ref for e in result.entities if e.label in ("Strategy", "Initiative") for a in e.aliases}
    tail = page.tail if len(page.tail) < len(page.text) else set()
    reader.read(doc, result, known, skip=set(range(1, len(doc.lines) + 1)) - set(page.text) | tail)
    return result
