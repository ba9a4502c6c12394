"""Loader for Masterplan-type policy documents: a plan with partners, signatories and Handlungsfelder.

The structure is read from the document's own layout, not from line numbers, so another city's
Masterplan (or a newer edition) loads the same way:

* the plan's title is the quoted phrase that starts with the name the document uses most for
  itself ("Masterplan Industrie" -> „Masterplan Industrie – Ein Bündnis …“);
* partners are the list after "Die Partner des … –" in the preamble; signatories are the
  organisation / person / role groups after the place-and-date line ("Hamburg, den");
* action fields are the "Handlungsfeld <n>: <title>" headings; inside each, "Ziele" holds the
  objectives I., II., … and "(Vereinbarungen und) Maßnahmen" the measures 1., 2., …, which may be
  grouped under short sub-headings;
* footnote blocks (after a long whitespace separator line) and the repeated link lines that PDF
  extraction leaves after them are not body text: they are read only to find the URL a footnote
  marker points at.

Inline mentions such as (Handlungsfeld „Flächen für die Industrie“) recall an earlier edition and are
not headings, so they never become action fields. A plan that announces more action fields than it
contains, or whose measure numbering has a gap, is truncated or garbled and raises ``SourceError``:
loading it would silently present half a plan as the whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from industriegraph.loaders.orgs import classify_kind
from industriegraph.model.records import STRUCTURED, LoadResult, Ref
from industriegraph.text.recognise import cues, grammar
from industriegraph.text.recognise.lexicon import fold, lexicon
from industriegraph.text.recognise.names import acronym_abbreviates as _acronym_matches
from industriegraph.text.source import NUMBER_WORDS, SourceDoc, SourceError, number_value

KIND = "policy-document"

# -- layout patterns ---------------------------------------------------------------------------
FIELD_RE = re.compile(r"^\s*Handlungsfeld\s+(\d{1,2})\s*[:.–-]\s*(\S.*?)\s*$")
OBJECTIVES_RE = re.compile(r"^\s*(?:Ziele?|Zielsetzung(?:en)?)\s*:?\s*$")
MEASURES_RE = re.compile(r"^\s*(?:Vereinbarungen und )?Maßnahmen\s*:?\s*$")
OBJECTIVE_RE = re.compile(r"^\s*([IVX]{1,5})\.\s+(\S.*)$")
MEASURE_RE = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")
SEPARATOR_RE = re.compile(r"^[ \t]{15,}$")
URL_LINE_RE = re.compile(r"^\s*https?://\S+\s*$")
LINK_LINE_RE = re.compile(r"^https?://\S+(?<!\.)$")  # a PDF link annotation: bare URL, no sentence dot
DIGITS_LINE_RE = re.compile(r"^\s*\d{1,3}\s*$")
PAGE_START_RE = re.compile(r"^ {1,2}\S")
URL_RE = re.compile(r"https?://\S+")
TERMINAL = (".", ";", ":", ",", "!", "?")
ANNOUNCE_RE = re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+Handlungsfelder(?:n)?\b", re.IGNORECASE)
ANNOUNCED_ITEM_RE = re.compile(r"^\s*(\d{1,2})\)\s+(\S.*?)\s*$")

# -- signatures ----------------------------------------------------------------------------------
PLACE_DATE_RE = re.compile(r"^\s*[A-ZÄÖÜ][\w .-]{1,40},\s*(?:den|am|im)\b")
HONORIFIC_RE = re.compile(
    r"^((?:(?:Prof|Dr|Dipl)\.(?:-[A-Z][\w.]*)?(?:\s*(?:h\.\s*c\.|rer\.\s*\w+\.|med\.|phil\.))?\s+)+)"
)
NAME_RE = re.compile(
    r"^(?:(?:Prof|Dr|Dipl)\.(?:-[A-Z][\w.]*)?\s+)*"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
    r"(?:\s+(?:von|van|de|zu|von der)?\s*[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?){1,2}$"
)

# -- referenced strategies -----------------------------------------------------------------------
# A strategy/plan mention: optional capitalised adjective + a compound ending in -strategie/-plan,
# "Koalitionsvertrag der X", "(strategische) Leitlinien der X", or a quoted „Bündnis …“.
STRATEGY_RE = cues.regex("policy-strategy")
# Compounds ending in -plan that are not plans a policy refers to.
NOT_PLANS = {"fahrplan", "zeitplan", "lehrplan", "stundenplan", "dienstplan", "spielplan"}

# -- responsible actors --------------------------------------------------------------------------
PREPOSITIONS = grammar.PREPOSITIONS | grammar.MORE_PREPOSITIONS
ARTICLES = {"die", "der", "das", "den", "dem", "des"}
FHH_RE = re.compile(r"\bFreien?(?: und)? Hansestadt [A-ZÄÖÜ][a-zäöüß]+")
AUTHORITY_RE = cues.regex("policy-authority")
LEGAL_RE = re.compile(
    r"\b(?P<name>[A-ZÄÖÜ][\wäöüß&-]*(?: [A-ZÄÖÜ][\wäöüß&-]*){0,5} (?:GmbH|mbH|AG|SE|KG|e\. ?V\.))"
    r"(?: \((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜäöü+]{1,9})\))?"
)
ABBR_DEF_RE = re.compile(r"\((?P<abbr>[A-ZÄÖÜ][A-ZÄÖÜa-zäöü+]{1,9}(?: [A-ZÄÖÜ][a-zäöü]+)?)\)")
PARTNERS_WORD_RE = cues.regex("policy-partners-word")
NOT_ABBR = {"EU", "KI", "KMU", "EG", "EWR", "CO", "ÖPNV", "BQ", "IQ", "GE", "GI", "IKS"}


@dataclass
class Item:
    """One numbered objective or measure with the body lines its text spans."""

    number: str
    lines: list[int]
    heading: str | None = None


@dataclass
class Field:
    number: int
    title: str
    lines: list[int]
    objectives: list[Item] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    start: int = 0
    end: int = 0


# ================================================================================================
# detection
# ================================================================================================
def detect(doc: SourceDoc) -> float:
    """High for a plan with numbered Handlungsfeld headings, objectives and measures."""
    headings = {int(m.group(1)) for line in doc.lines if (m := FIELD_RE.match(line))}
    if len(doc.lines) < 150 or len(headings) < 2:
        return 0.05 if headings else 0.0
    score = 0.45
    text = doc.text
    if sum(bool(MEASURES_RE.match(line)) for line in doc.lines) >= 2:
        score += 0.2
    if sum(bool(OBJECTIVES_RE.match(line)) for line in doc.lines) >= 2:
        score += 0.1
    if sum(bool(OBJECTIVE_RE.match(line)) for line in doc.lines) >= 2:
        score += 0.1
    if re.search(r"\b(Präambel|Partner des|Unterzeichnenden|Masterplan)", text):
        score += 0.1
    if "Steckbrief" in text:
        score -= 0.4
    return max(0.0, min(score, 0.95))


# ================================================================================================
# layout: body lines vs. footnotes
# ================================================================================================
class Layout:
    """Which lines are body text; footnote texts and URLs by number."""

    def __init__(self, doc: SourceDoc):
        self.doc = doc
        n = len(doc.lines)
        self.body = [False] * (n + 1)
        self.footnotes: dict[int, tuple[int, str]] = {}  # number -> (line, text)
        self.url_lines: set[str] = set()
        self.block_of: dict[int, int] = {}  # footnote number -> index of its footnote block
        self.blocks: list[int] = []  # first line of each footnote block
        expected = 1
        i = 1
        while i <= n:
            raw = doc.line(i)
            if SEPARATOR_RE.match(raw):
                i, expected = self._footnote_block(i, expected)
                continue
            if raw.strip() and not URL_LINE_RE.match(raw) and not DIGITS_LINE_RE.match(raw):
                self.body[i] = True
            elif URL_LINE_RE.match(raw):
                self.url_lines.add(raw.strip().rstrip("/."))
            i += 1
        self.body_lines = [k for k in range(1, n + 1) if self.body[k]]

    def _footnote_block(self, start: int, expected: int) -> tuple[int, int]:
        """Consume a footnote block from its separator; return the next line and footnote number."""
        doc, n = self.doc, len(self.doc.lines)
        self.blocks.append(start)
        current: int | None = None
        parts: dict[int, list[str]] = {}
        first_line: dict[int, int] = {}
        in_urls = False
        i = start + 1
        while i <= n:
            raw = doc.line(i)
            if SEPARATOR_RE.match(raw):
                break
            if not raw.strip() or DIGITS_LINE_RE.match(raw):
                i += 1
                continue
            if URL_LINE_RE.match(raw) and (in_urls or current is None or LINK_LINE_RE.match(raw)):
                in_urls = True
                self.url_lines.add(raw.strip().rstrip("/."))
                i += 1
                continue
            if in_urls or (PAGE_START_RE.match(raw) and current is not None):
                break
            m = re.match(rf"^({expected})\s+(\S.*)$", raw)
            if m:
                current = expected
                expected += 1
                parts[current] = [m.group(2)]
                first_line[current] = i
                self.block_of[current] = len(self.blocks) - 1
            elif current is not None:
                parts[current].append(raw)
            else:
                break  # a separator not followed by footnotes: body continues
            i += 1
        for num, lines in parts.items():
            self.footnotes[num] = (first_line[num], self._join_footnote(lines))
        return i, expected

    def _join_footnote(self, lines: list[str]) -> str:
        """Join footnote lines; a URL cut at a line end keeps its hyphen only if a link line shows it."""
        out = ""
        for raw in lines:
            line = self.doc.repair.fix(raw).strip()
            if not out:
                out = line
                continue
            last = out.split(" ")[-1]
            if URL_RE.match(last) and out.endswith("-"):
                nxt = line.split(" ")[0]
                keep = (last + nxt).rstrip("/.")
                out = out + line if keep in self.url_lines else out[:-1] + line
            elif URL_RE.match(last):
                out = out + line
            else:
                out = self.doc.repair.join([out, line])
        return re.sub(r"\s+", " ", out).strip()

    def url_of(self, number: int) -> str | None:
        """The first URL in footnote ``number``, without trailing punctuation."""
        if number not in self.footnotes:
            return None
        m = URL_RE.search(self.footnotes[number][1])
        if not m:
            return None
        return m.group(0).rstrip(".,;)")

    def block_after(self, line: int) -> int | None:
        """Index of the first footnote block starting after ``line``."""
        k = bisect_right(self.blocks, line)
        return k if k < len(self.blocks) else None


class Joined:
    """Body lines joined into one repaired string, with a map from offsets back to lines."""

    def __init__(self, doc: SourceDoc, lines: list[int]):
        self.starts: list[int] = []
        self.numbers: list[int] = []
        out = ""
        for n in lines:
            raw = doc.line(n)
            if not raw.strip():
                continue
            if not out:
                piece = doc.repair.join([raw])
                self.starts.append(0)
                out = piece
            else:
                tail = out.rsplit(" ", 1)[-1]
                head = out[: len(out) - len(tail)]
                merged = doc.repair.join([tail, raw])
                self.starts.append(len(head) + len(tail) + (0 if merged.startswith(tail + " ") else -1))
                out = head + merged
            self.numbers.append(n)
        self.text = out

    def line_at(self, pos: int) -> int:
        k = max(0, bisect_right(self.starts, pos) - 1)
        return self.numbers[k]


# ================================================================================================
# helpers
# ================================================================================================
def _heading_like(text: str) -> bool:
    """A short line without sentence punctuation: a (sub-)heading rather than prose."""
    text = text.strip()
    if not text or text.endswith(TERMINAL) or text.endswith("-") or len(text) > 70:
        return False
    return len(text.split()) <= 8 and text[0].isupper() and not MEASURE_RE.match(text)


def _strip_honorific(name: str) -> tuple[str, str]:
    m = HONORIFIC_RE.match(name)
    if not m:
        return name, ""
    return name[m.end() :].strip(), m.group(1).strip()


def _add_org(res: LoadResult, name: str, evidence: list[str], aliases: list[str] | None = None) -> Ref:
    """One Organization record per name and document; later mentions add evidence and aliases."""
    for e in res.entities:
        if e.label == "Organization" and e.key == name:
            e.evidence.extend(x for x in evidence if x not in e.evidence)
            e.aliases.extend(a for a in aliases or [] if a not in e.aliases)
            return e.ref
    return res.add("Organization", name, evidence, aliases=aliases or [], name=name, kind=_org_kind(name))


def _city_state(name: str) -> bool:
    """A city state by its official style ("Freie und Hansestadt Hamburg", "Land Berlin"), or its Senate."""
    lex = lexicon()
    styles = {fold(o) for land in lex.laender if land.city_state for o in land.official}
    styles |= {fold(re.sub(r"^Freie\b", "Freien", o)) for land in lex.laender if land.city_state for o in land.official}
    bare = re.sub(r"^Senat der\s+", "", name)
    return fold(bare) in styles


def _org_kind(name: str) -> str:
    """classify_kind, with city-states (Freie und Hansestadt Hamburg, …) as state governments."""
    if _city_state(name):
        return "StateGovernment"
    return classify_kind(name)


def _adjective(word: str) -> bool:
    """An adjective opening a name ("Freie", "Deutscher", "Hamburger"): declined, or a place with "-er"."""
    lex = lexicon()
    if grammar.is_adjective(word) or re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+e", word):
        return True
    return word.endswith("er") and (word[:-2] in lex.cities or word[:-2] in lex.land_spellings())


# ================================================================================================
# loading
# ================================================================================================
def load(doc: SourceDoc) -> LoadResult:
    """Read one Masterplan-type document into records."""
    lay = Layout(doc)
    res = LoadResult(specificity=STRUCTURED)
    fields = _parse_fields(doc, lay)
    first_field = fields[0].start
    title, title_lines, aliases = _plan_title(doc, lay)
    plan = res.add("Strategy", title, doc.ev(*title_lines), aliases=aliases, title=title)
    _undated(doc, lay, res, plan, first_field)

    partners = _partners(doc, lay, res, plan, first_field)
    _signatories(doc, lay, res, plan, first_field)
    abbrevs = _abbreviations(doc, lay)
    actors = _Actors(doc, partners, abbrevs)

    for f in fields:
        af = res.add("ActionField", f"{doc.name}#HF{f.number}", doc.ev(*f.lines), number=f.number, title=f.title)
        res.link("HAS_ACTION_FIELD", plan, af, doc.ev(*f.lines))
        for o in f.objectives:
            text = _drop_footnote_marks(_item_text(doc, o.lines, OBJECTIVE_RE), lay)
            obj = res.add(
                "Objective", f"{doc.name}#HF{f.number}-Z{o.number}", doc.ev(*o.lines), numeral=o.number, text=text
            )
            res.link("HAS_OBJECTIVE", af, obj, doc.ev(*o.lines))
        for m in f.measures:
            text = _drop_footnote_marks(_item_text(doc, m.lines, MEASURE_RE), lay)
            props = {"number": int(m.number), "heading": m.heading, "text": text, "actionField": f.number}
            mref = res.add("Measure", f"{doc.name}#HF{f.number}-M{m.number}", doc.ev(*m.lines), **props)
            res.link("HAS_MEASURE", af, mref, doc.ev(m.lines[0]))
            actors.responsible(res, mref, m.lines)

    _references(doc, lay, res, plan, fields)
    return res


def _parse_fields(doc: SourceDoc, lay: Layout) -> list[Field]:
    """Find the Handlungsfeld headings and split each field into objectives and measures."""
    heads = [(n, m) for n in lay.body_lines if (m := FIELD_RE.match(doc.line(n)))]
    if not heads:
        raise SourceError(doc.name, "no 'Handlungsfeld <n>: <Titel>' headings: not a Masterplan-type document", 1)
    announced, announce_line, announced_titles = _announced(doc, lay, heads[0][0])
    fields: list[Field] = []
    for k, (line, m) in enumerate(heads):
        number = int(m.group(1))
        if number != len(fields) + 1:
            raise SourceError(
                doc.name, f"Handlungsfeld {number} follows Handlungsfeld {len(fields)}: numbering broken", line
            )
        end = heads[k + 1][0] - 1 if k + 1 < len(heads) else len(doc.lines)
        f = Field(number, "", [line], start=line, end=end)
        _parse_field(doc, lay, f, m.group(2))
        if announced_titles.get(number) and announced_titles[number].lower() != f.title.lower():
            f.title = max((f.title, announced_titles[number]), key=len)
        fields.append(f)
    last = fields[-1]
    if announced and len(fields) < announced:
        raise SourceError(
            doc.name,
            f"the plan announces {announced} Handlungsfelder (line {announce_line}) but only {len(fields)} are "
            f"present; the document looks truncated after Handlungsfeld {last.number}",
            len(doc.lines),
        )
    for f in fields:
        if not f.measures:
            raise SourceError(
                doc.name,
                f"Handlungsfeld {f.number} has no numbered measures (truncated or not a Masterplan-type document)",
                f.start,
            )
    return fields


def _announced(doc: SourceDoc, lay: Layout, before: int) -> tuple[int, int, dict[int, str]]:
    """The number of action fields the plan announces ("folgende fünf Handlungsfelder") and their titles."""
    for n in lay.body_lines:
        if n >= before:
            break
        m = ANNOUNCE_RE.search(doc.clean(n))
        if not m:
            continue
        word = m.group(1).lower()
        count = number_value(word)
        titles: dict[int, str] = {}
        for k in lay.body_lines:
            if k <= n:
                continue
            if k > n + 4 * (count + 2):
                break
            im = ANNOUNCED_ITEM_RE.match(doc.clean(k))
            if im:
                titles[int(im.group(1))] = im.group(2)
            elif titles:
                break
        return max(count, len(titles)), n, titles
    return 0, 0, {}


def _parse_field(doc: SourceDoc, lay: Layout, f: Field, first_title: str) -> None:
    body = [n for n in lay.body_lines if f.start < n <= f.end]
    # title: the heading line plus short continuation lines up to the first structural line
    title_parts = [first_title]
    rest = body
    for i, n in enumerate(body):
        text = doc.clean(n)
        if (
            OBJECTIVES_RE.match(text)
            or MEASURES_RE.match(text)
            or OBJECTIVE_RE.match(text)
            or MEASURE_RE.match(text)
            or not _heading_like(text[:1].upper() + text[1:])
            or len(title_parts) >= 3
        ):
            rest = body[i:]
            break
        title_parts.append(text)
        f.lines.append(n)
    f.title = doc.repair.join(title_parts)
    obj_at = next((i for i, n in enumerate(rest) if OBJECTIVES_RE.match(doc.line(n))), None)
    mea_at = next((i for i, n in enumerate(rest) if MEASURES_RE.match(doc.line(n))), None)
    if obj_at is not None:
        stop = mea_at if mea_at is not None and mea_at > obj_at else len(rest)
        f.objectives = _objectives(doc, f, rest[obj_at + 1 : stop])
    if mea_at is not None:
        f.measures, used = _measures(doc, f, rest[mea_at + 1 :])
        f.end = used


def _objectives(doc: SourceDoc, f: Field, lines: list[int]) -> list[Item]:
    items: list[Item] = []
    for n in lines:
        text = doc.clean(n)
        m = OBJECTIVE_RE.match(text)
        if m and grammar.roman_value(m.group(1)) == len(items) + 1:
            items.append(Item(m.group(1), [n]))
        elif m and grammar.roman_value(m.group(1)) > len(items) + 1:
            raise SourceError(
                doc.name,
                f"Handlungsfeld {f.number}: objective {m.group(1)} follows objective {len(items)}; numbering has a gap",
                n,
            )
        elif items:
            items[-1].lines.append(n)
    return items


def _measures(doc: SourceDoc, f: Field, lines: list[int]) -> tuple[list[Item], int]:
    """Numbered measures with the sub-heading each falls under; stops at the next top-level section."""
    items: list[Item] = []
    pending: list[int] = []  # lines after a finished sentence that may be a sub-heading
    heading: str | None = None
    last_end = lines[0] - 1 if lines else f.end

    def flush() -> None:
        if items:
            items[-1].lines.extend(pending)
        pending.clear()

    for idx, n in enumerate(lines):
        text = doc.clean(n)
        m = MEASURE_RE.match(text)
        prev_text = doc.clean(pending[-1] if pending else (items[-1].lines[-1] if items else n))
        if m and int(m.group(1)) == len(items) + 1:
            if pending and all(_heading_like(doc.clean(p)) for p in pending):
                heading = doc.repair.join([doc.line(p) for p in pending])
                pending.clear()
            elif pending and items:
                flush()
            else:
                # intro prose before the first measure; keep a trailing heading-like run as sub-heading
                run = []
                for p in reversed(pending):
                    if not _heading_like(doc.clean(p)):
                        break
                    run.insert(0, p)
                heading = doc.repair.join([doc.line(p) for p in run]) if run else heading
                pending.clear()
            items.append(Item(m.group(1), [n], heading))
            last_end = n
            continue
        if m and items and int(m.group(1)) > len(items) + 1 and prev_text.endswith((".", ";", ":")):
            raise SourceError(
                doc.name,
                f"Handlungsfeld {f.number}: measure {m.group(1)} follows measure {len(items)}; numbering has a gap",
                n,
            )
        if not items:
            pending.append(n)
            continue
        sentence_done = prev_text.endswith((".", ";", ":", "!", "?")) or bool(pending)
        if _heading_like(text) and sentence_done:
            nxt = next((k for k in lines[idx + 1 :] if not _heading_like(doc.clean(k))), None)
            nm = MEASURE_RE.match(doc.clean(nxt)) if nxt else None
            if nxt is None or not nm or int(nm.group(1)) != len(items) + 1:
                if not pending:  # a heading followed by prose: the next top-level section begins
                    return items, last_end
            pending.append(n)
            continue
        if pending:
            pending.append(n)
            flush()
        else:
            items[-1].lines.append(n)
        last_end = n
    flush()
    return items, last_end


def _item_text(doc: SourceDoc, lines: list[int], number_re: re.Pattern[str]) -> str:
    text = doc.repair.join([doc.line(n) for n in lines])
    m = number_re.match(text)
    text = m.group(2) if m else text
    return text.rstrip(" ;")


# -- plan title, year ----------------------------------------------------------------------------
PLAN_NAME_RE = cues.regex("policy-plan-name")


def _plan_title(doc: SourceDoc, lay: Layout) -> tuple[str, list[int], list[str]]:
    """The plan's self-name: the quoted full title starting with its most used short name."""
    body = Joined(doc, lay.body_lines)
    names: Counter[str] = Counter()
    adjectives: Counter[str] = Counter()
    for m in PLAN_NAME_RE.finditer(body.text):
        base = f"{m.group('kind')} {m.group('topic')}"
        names[base] += 1
        if m.group("adj"):
            adjectives[f"{m.group('adj').strip()} {base}"] += 1
    if not names:
        raise SourceError(doc.name, "cannot find the plan's own name (e.g. 'Masterplan Industrie')", 1)
    base = names.most_common(1)[0][0]
    quoted = [
        (m.group(1).strip(), m.start())
        for m in re.finditer(r"„([^“”]{5,200})[“”]", body.text)
        if m.group(1).strip().startswith(base)
    ]
    if quoted:
        title, pos = max(quoted, key=lambda q: (len(q[0]), -q[1]))
        lines = [body.line_at(pos), body.line_at(pos + len(title))]
    else:
        title = base
        pos = body.text.find(base)
        lines = [body.line_at(pos)]
    aliases = [a for a, _ in adjectives.most_common() if a != title]
    if base != title:
        aliases.append(base)
    return title, lines, aliases


def _undated(doc: SourceDoc, lay: Layout, res: LoadResult, plan: Ref, before: int) -> None:
    """The plan's year is left empty unless stated; years of earlier editions go into a finding."""
    pre = Joined(doc, [n for n in lay.body_lines if n < before])
    years: list[tuple[int, int]] = []
    base = plan.key.split(" – ")[0].split()[0]  # "Masterplan"
    for sent in re.finditer(r"[^.]*?(?:Fassung|vereinbart|beschlossen|Beschluss)[^.]*\.", pre.text):
        if base not in sent.group(0):
            continue
        for m in re.finditer(r"\b(?:19|20)\d\d\b", sent.group(0)):
            years.append((int(m.group(0)), pre.line_at(sent.start() + m.start())))
    if years:
        res.finding(
            "undated-plan",
            "the plan states no year of its own; earlier editions are dated " + ", ".join(str(y) for y, _ in years),
            doc.ev(*(n for _, n in years)),
            plan,
            years=", ".join(str(y) for y, _ in years),
        )


# -- partners and signatories --------------------------------------------------------------------
PROTECTED_UND = re.compile(r"\b(Freien?) und (Hansestadt)\b")


def _partners(doc: SourceDoc, lay: Layout, res: LoadResult, plan: Ref, before: int) -> list[tuple[str, Ref, int]]:
    """The partner list of the preamble ("Die Partner des … – A, B, C – bekennen sich …")."""
    lines = [n for n in lay.body_lines if n < before]
    pre = Joined(doc, lines)
    m = re.search(
        r"\bPartner(?:innen)?\b[^–—:.]{0,80}?(?:\s[–—]\s|:\s)"
        r"(?P<list>[^–—]{10,400}?)(?:\s[–—]\s|(?<!\b\w)\.\s)",
        pre.text,
    )
    if not m:
        res.finding("no-partners", "no partner list found in the preamble", doc.ev(lines[0] if lines else 1), plan)
        return []
    listing = PROTECTED_UND.sub(lambda p: f"{p.group(1)}\x00{p.group(2)}", m.group("list"))
    names = [p.replace("\x00", " und ").strip(" ,") for p in re.split(r",\s+|\s+(?:und|sowie)\s+", listing)]
    out = []
    offset = m.start("list")
    for name in names:
        if not name:
            continue
        pos = pre.text.find(name[:12], offset)
        line = pre.line_at(pos if pos >= 0 else offset)
        org = _add_org(res, name, doc.ev(line))
        res.link("PARTNER_OF", org, plan, doc.ev(line))
        out.append((name, org, line))
        offset = max(offset, pos)
    return out


def _signatories(doc: SourceDoc, lay: Layout, res: LoadResult, plan: Ref, before: int) -> None:
    """Organisation / person / role groups after the place-and-date line ("Hamburg, den")."""
    start = next((n for n in lay.body_lines if n < before and PLACE_DATE_RE.match(doc.line(n))), None)
    if start is None:
        res.finding("no-signatures", "no signature block (place and date line) found", doc.ev(1), plan)
        return
    block: list[int] = []
    for n in lay.body_lines:
        if n <= start:
            continue
        if n >= before or (PAGE_START_RE.match(doc.line(n)) and block):
            break
        block.append(n)
    texts = [doc.clean(n) for n in block]
    persons: list[int] = []
    for i, t in enumerate(texts):
        if i > 0 and NAME_RE.match(t) and _org_kind(t) == "Other" and (not persons or persons[-1] != i - 1):
            persons.append(i)
    for k, i in enumerate(persons):
        org_name = texts[i - 1]
        role_end = persons[k + 1] - 1 if k + 1 < len(persons) else len(texts)
        role_lines = block[i + 1 : role_end]
        role = doc.repair.join([doc.line(n) for n in role_lines])
        written = texts[i]
        name, honorific = _strip_honorific(written)
        ev = doc.ev(block[i - 1], block[i], *role_lines)
        props = {"name": name}
        if honorific:
            props["honorific"] = honorific
        person = res.add("Person", name, doc.ev(block[i]), aliases=[written] if honorific else [], **props)
        org = _add_org(res, org_name, doc.ev(block[i - 1]))
        res.link("SIGNED", person, plan, ev, role=role, organisation=org_name)
        res.link("HOLDS_ROLE", person, org, ev, role=role)


# -- abbreviations and responsible actors -------------------------------------------------------
ORG_SUFFIX_RE = re.compile(r"(bank|gesellschaft|agentur|verband|kammer|institut|zentrum|center|mbH|GmbH|AG|e\. V\.)$")


def _abbreviations(doc: SourceDoc, lay: Layout) -> dict[str, str]:
    """The document's own definitions "Long Name (ABBR)" for organisation names.

    The long name is the longest run of words before the parenthesis that the abbreviation
    spells ("Hamburg Invest Entwicklungsgesellschaft mbH (HIE)"); an abbreviation that ends in
    a place name ("IFB Hamburg") may spell the rest of a name starting with that place
    ("Hamburgische Investitions- und Förderbank").
    """
    body = Joined(doc, lay.body_lines)
    out: dict[str, str] = {}
    for m in ABBR_DEF_RE.finditer(body.text):
        abbr = m.group("abbr")
        if abbr in NOT_ABBR:
            continue
        core, _, place = abbr.partition(" ")
        words = body.text[max(0, m.start() - 150) : m.start()].split()
        best = None
        for k in range(1, min(len(words), 9) + 1):
            cand = " ".join(words[-k:])
            if not cand[:1].isupper() or cand.split()[0] in {"Die", "Der", "Das", "Den", "Dem", "Des"}:
                continue
            rest = cand
            if place and cand.startswith(place[:5]) and len(cand.split()) > 1:
                rest = cand.split(" ", 1)[1]
            if _acronym_matches(core, rest) and (_org_kind(cand) != "Other" or ORG_SUFFIX_RE.search(cand)):
                best = cand
        if best:
            out[abbr] = best
    return out


class _Actors:
    """Finds the organisations a measure names as acting subject ("Die BWI …", "… führt der Senat …")."""

    def __init__(self, doc: SourceDoc, partners: list[tuple[str, Ref, int]], abbrevs: dict[str, str]):
        self.doc = doc
        self.partners = partners
        self.abbrevs = abbrevs
        # short forms of partner names: "Senat", "Handelskammer", "Industrieverband"
        joined = Joined(doc, [n for n in range(1, len(doc.lines) + 1) if doc.line(n).strip()])
        self.known = [name for name, _, _ in partners]
        self.known += sorted({m.group("name") for m in AUTHORITY_RE.finditer(joined.text)})
        self.short: dict[str, str] = {}
        for name, _, _ in partners:
            head = name.split()[0]
            if len(head) > 4 and head[0].isupper() and not _adjective(head):
                self.short.setdefault(head, name)

    def _mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, organisation long name | '*partners*') for every actor mention in ``text``."""
        found: list[tuple[int, int, str]] = []
        for m in PARTNERS_WORD_RE.finditer(text):
            found.append((m.start("art") + len(m.group("art")) + 1, m.end(), "*partners*"))
        for m in FHH_RE.finditer(text):
            found.append((m.start(), m.end(), re.sub(r"^Freien", "Freie", m.group(0))))
        for m in AUTHORITY_RE.finditer(text):
            found.append((m.start("name"), m.end("name"), m.group("name")))
        for m in LEGAL_RE.finditer(text):
            name = re.sub(r"^(?:Die|Der|Das)\s+", "", m.group("name"))
            found.append((m.end("name") - len(name), m.end(), name))
        for abbr, long in self.abbrevs.items():
            for m in re.finditer(rf"(?<![\w(]){re.escape(abbr)}(?![\w)])", text):
                found.append((m.start(), m.end(), long))
        for head, long in self.short.items():
            for m in re.finditer(rf"\b{re.escape(head)}\b(?!\w)", text):
                found.append((m.start(), m.end(), long))
        for name, _, _ in self.partners:
            for m in re.finditer(re.escape(name), text):
                found.append((m.start(), m.end(), name))
        # undefined abbreviations that abbreviate a partner ("Der IVH …")
        for m in re.finditer(r"\b[A-ZÄÖÜ]{2,6}\b", text):
            token = m.group(0)
            if token in self.abbrevs or token in NOT_ABBR:
                continue
            for name in self.known:
                if _acronym_matches(token, name):
                    found.append((m.start(), m.end(), name))
                    break
        # keep the longest mention at each position
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out: list[tuple[int, int, str]] = []
        for s, e, name in found:
            if out and s < out[-1][1]:
                continue
            out.append((s, e, name))
        return out

    def _is_subject(self, text: str, start: int, subjects: list[int]) -> bool:
        """Sentence-initial, after a finite verb, a passive agent ("von den"), or "gemeinsam mit"."""
        before = text[:start].rstrip()
        if before.endswith("("):
            return False
        sentence_end = re.search(r"[.;!?](?:\s|$)", text[start:])
        sentence = text[start : start + sentence_end.start()] if sentence_end else text[start:]
        if re.search(r"\b(?:informiert|unterrichtet|eingeladen|angehört)$", sentence.strip()):
            return False  # "Die Partner werden … informiert": they receive, not act
        words = re.findall(r"[\wäöüßÄÖÜ-]+|[.;:!?]", before)[-4:]
        if words and words[-1].lower() in ARTICLES:
            words = words[:-1]
        if not words or words[-1] in {".", ";", ":", "!", "?"}:
            return True
        prev = words[-1]
        if prev.lower() == "von" or (prev.lower() == "mit" and len(words) > 1 and words[-2].lower() == "gemeinsam"):
            return True
        if prev.lower() in {"und", "sowie"}:
            return bool(subjects) and start - subjects[-1] < 80
        if prev.lower() in PREPOSITIONS or prev[0].isupper() or prev.isdigit():
            return False
        return True

    def responsible(self, res: LoadResult, measure: Ref, lines: list[int]) -> None:
        joined = Joined(self.doc, lines)
        text = joined.text
        seen: set[str] = set()
        subjects: list[int] = []
        for s, e, name in self._mentions(text):
            if not self._is_subject(text, s, subjects):
                continue
            subjects.append(e)
            span = (joined.line_at(s), joined.line_at(e - 1))  # a name may wrap ("Die Part-" / "ner")
            if name == "*partners*":
                for pname, pref, pline in self.partners:
                    if pname not in seen:
                        seen.add(pname)
                        res.link("RESPONSIBLE_FOR", pref, measure, self.doc.ev(pline, *span), via="Partner")
                continue
            if name in seen:
                continue
            seen.add(name)
            aliases = [a for a, long in self.abbrevs.items() if long == name]
            org = _add_org(res, name, self.doc.ev(*span), aliases)
            res.link("RESPONSIBLE_FOR", org, measure, self.doc.ev(*span))


# -- referenced strategies -----------------------------------------------------------------------
def _strategy_title(m: re.Match[str]) -> tuple[str, bool]:
    """Normalised title of a strategy mention and whether it is qualified (not a bare common noun)."""
    if m.group("coal"):
        return re.sub(r"^Koalitionsvertrag(?:es|s)?", "Koalitionsvertrag", m.group("coal")), True
    if m.group("guide"):
        t = re.sub(r"^[Ss]trategischen?", "Strategische", m.group("guide"))
        return t, True
    if m.group("quoted"):
        return m.group("quoted").strip(), True
    head = m.group("head")
    head = re.sub(r"(plan)(?:es|s)$", r"\1", head)
    adj = (m.group("adj") or "").strip()
    if adj and head.endswith("strategie") and adj.endswith("en") and not adj.endswith("er"):
        adj = adj[:-1]  # "der Regionalen Innovationsstrategie" -> "Regionale Innovationsstrategie"
    return (f"{adj} {head}" if adj else head), bool(adj)


def _references(doc: SourceDoc, lay: Layout, res: LoadResult, plan: Ref, fields: list[Field]) -> None:
    """Strategies and plans the document names, with the URL of the footnote a mention carries."""
    measure_of: dict[int, Ref] = {}
    for f in fields:
        for m in f.measures:
            for n in m.lines:
                measure_of[n] = Ref("Measure", f"{doc.name}#HF{f.number}-M{m.number}")
    plan_title = plan.key
    body = Joined(doc, lay.body_lines)
    text = body.text
    found: dict[str, dict] = {}
    for m in STRATEGY_RE.finditer(text):
        title, qualified = _strategy_title(m)
        low = title.lower()
        if (
            low.split()[-1] in NOT_PLANS
            or plan_title.lower().startswith(re.sub(r"^\w+er ", "", low))
            or low.startswith("masterplan")
        ):
            continue
        line = body.line_at(m.start())
        fn = _footnote_after(text, m, lay, line)
        if not qualified and fn is None:
            continue
        entry = found.setdefault(title, {"lines": [], "url": None, "measures": {}})
        entry["lines"].append(line)
        if fn is not None and entry["url"] is None:
            entry["url"] = lay.url_of(fn)
            entry.setdefault("fn_line", lay.footnotes[fn][0])
        if line in measure_of:
            entry["measures"].setdefault(measure_of[line], line)
    for title, entry in found.items():
        props = {"title": title}
        ev = doc.ev(*entry["lines"])
        if entry["url"]:
            props["url"] = entry["url"]
            ev = doc.ev(*entry["lines"], entry["fn_line"])
        ref = res.add("Strategy", title, ev, **props)
        res.link("REFERENCES", plan, ref, doc.ev(entry["lines"][0]))
        for mref, line in entry["measures"].items():
            res.link("REFERENCES", mref, ref, doc.ev(line))


FOOTNOTE_MARK_RE = re.compile(r"(?<=[a-zäöüß]{3})(\d{1,3})\b")


def _drop_footnote_marks(text: str, lay: Layout) -> str:
    """'Wirtschaftsförderung22' -> 'Wirtschaftsförderung' when 22 is one of the document's footnotes; 'H2',
    'CO2' and numbers that are no footnote stay."""
    return FOOTNOTE_MARK_RE.sub(lambda m: "" if int(m.group(1)) in lay.footnotes else m.group(1), text)


def _footnote_after(text: str, m: re.Match[str], lay: Layout, line: int) -> int | None:
    """The footnote number attached to a mention, if its definition is on the same page."""
    if m.group("quoted") and m.group("qfn"):
        num = int(m.group("qfn"))
    else:
        fm = re.match(r"[“”\"]?\s?(\d{1,3})(?=[\s,.;:)“”]|$)", text[m.end() : m.end() + 6])
        if not fm:
            return None
        num = int(fm.group(1))
    if num not in lay.footnotes or lay.block_of.get(num) != lay.block_after(line):
        return None
    return num
