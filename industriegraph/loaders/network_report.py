"""Loader for network reports: a table of initiatives plus an appendix of profiles (Steckbriefe).

The report lists every initiative of a network in a table ("Bundesland Name der Initiative
Aktionsradius", rows wrapped over several lines) and describes most of them again in an
appendix of profiles (title, "Inhaltliche Schwerpunkte", "Ziele", "Das Besondere an der
Initiative ist:", then "Bundesland", "Gründung", "Website"). Profile titles differ from the
table names (acronyms, legal forms, reordered parts), so profiles are reconciled with table
rows by fuzzy name similarity, the profile's state and, where a title is plainly wrong, by
what the profile's text says. Profiles without a table row are initiatives that ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from rapidfuzz import fuzz

from industriegraph.loaders import report_actors
from industriegraph.model.records import FIELDS, Entity, LoadResult, Ref
from industriegraph.text.recognise.lexicon import lexicon
from industriegraph.text.recognise.names import acronyms, name_score, norm_name
from industriegraph.text.source import SourceDoc, SourceError

KIND = "network-report"

# The sixteen Länder as the table writes them (laender.yaml)
STATES = tuple(land.name for land in lexicon().vocab.laender)
RADII = ("lokal", "regional", "landesweit")

_STATE_RX = "|".join(re.escape(s) for s in sorted(STATES, key=len, reverse=True))
TABLE_HEADER_RE = re.compile(r"^Bundesland\s+Name der Initiative\s+Aktionsradius\s*$")
TABLE_CAPTION_RE = re.compile(r"^Tabelle\s+\d+\s*:")
ROW_END_RE = re.compile(rf"\s({'|'.join(RADII)})\s*$|^({'|'.join(RADII)})\s*$")
ROW_RE = re.compile(rf"^({_STATE_RX})(?:\s*/\s*({_STATE_RX}))?\s+(.+?)\s+({'|'.join(RADII)})$")
STATE_START_RE = re.compile(rf"^({_STATE_RX})\b")

TOPICS_HEAD = "Inhaltliche Schwerpunkte"
SECTION_HEADINGS = {TOPICS_HEAD, "Ziele", "Das Besondere an der Initiative ist"}
GOALS_HEAD = "Ziele"
SPECIAL_HEAD_RE = re.compile(r"^Das Besondere an der Initiative ist\s*:?$")
FIELD_RE = re.compile(r"^(Bundesland|Gründung|Website)\b\s*(.*)$")
# The field block starts with a line that holds only "Bundesland" and state name(s), never a sentence.
STATE_FIELD_RE = re.compile(rf"^Bundesland\s+({_STATE_RX})(?:\s*[,/]\s*(?:{_STATE_RX}))*$")
FOUNDED_FIELD_RE = re.compile(r"^\s*Gründung\s+\S")
BULLET_RE = re.compile(r"^[▪•●■◦‣∙·\-–]\s+")
URL_LINE_RE = re.compile(r"^(https?://|www\.|mailto:)\S*$", re.IGNORECASE)
PAGE_NO_RE = re.compile(r"^\d{1,4}$")
PROFILE_COUNT_RE = re.compile(r"(\d+)\s+Steckbriefe")
END_WORDS_RE = re.compile(r"aufgelöst|endete|beendet|eingestellt|ausgelaufen", re.IGNORECASE)
ENDED_INTRO_RE = re.compile(r"endeten|beendet|aufgelöst", re.IGNORECASE)
NO_PROFILE_INTRO_RE = re.compile(r"keinen Steckbrief|kein Steckbrief|nicht enthalten", re.IGNORECASE)

MATCH_THRESHOLD = 62.0  # below this a profile is not the same initiative as a table row
STATE_BONUS, STATE_PENALTY = 5.0, 12.0
CONTENT_MIN = 90.0  # partial similarity of a table name inside a profile's text to count as "named"


@dataclass
class Profile:
    """One Steckbrief as printed: title, sections and the trailing fields, with line numbers."""

    title: str
    title_lines: tuple[int, int]
    lines: tuple[int, int]
    topics: list[tuple[str, list[int]]] = field(default_factory=list)
    goals: list[tuple[str, list[int]]] = field(default_factory=list)
    description: str = ""
    description_lines: list[int] = field(default_factory=list)
    state: str | None = None
    state_line: int | None = None
    founded_text: str | None = None
    founded_line: int | None = None
    website: str | None = None
    website_lines: list[int] = field(default_factory=list)


@dataclass
class TableRow:
    name: str
    states: list[str]
    radius: str
    lines: tuple[int, int]
    line_numbers: list[int]


@dataclass
class InitiativeInfo:
    """An initiative of the report: table row and/or profile, reconciled.

    ``key`` is the name in the table (repaired); ended initiatives (profile only) use the
    profile title. ``names`` lists every name seen for it (table, profile title, acronyms).
    """

    key: str
    names: list[str]
    states: list[str]
    radius: str | None
    status: str
    table_lines: tuple[int, int] | None
    profile_lines: tuple[int, int] | None
    profile: Profile | None = field(default=None, repr=False)
    # "exact" (same name once case, umlauts, legal form and punctuation are folded), "fuzzy", "content" or None
    matched_by: str | None = None


# -- detection -------------------------------------------------------------------------------


def detect(doc: SourceDoc) -> float:
    """High when the document has an initiatives table and profile sections."""
    table = any(TABLE_HEADER_RE.match(line.strip()) for line in doc.lines)
    profiles = sum(1 for line in doc.lines if line.strip() == TOPICS_HEAD)
    fields = sum(1 for line in doc.lines if FOUNDED_FIELD_RE.match(line))
    score = 0.0
    if table:
        score += 0.5
    if profiles >= 2:
        score += 0.25
    if fields >= 2:
        score += 0.2
    return min(score, 1.0)


# -- table -----------------------------------------------------------------------------------


def _is_noise(text: str) -> bool:
    return bool(TABLE_HEADER_RE.match(text) or URL_LINE_RE.match(text) or PAGE_NO_RE.match(text))


def parse_table(doc: SourceDoc, result: LoadResult | None = None) -> list[TableRow]:
    """Rows of the initiatives table; raises ``SourceError`` when the table is missing or cut."""
    n_lines = len(doc.lines)
    header = next((n for n in range(1, n_lines + 1) if TABLE_HEADER_RE.match(doc.line(n).strip())), None)
    if header is None:
        raise SourceError(
            doc.name, "no initiatives table (header 'Bundesland Name der Initiative Aktionsradius')", n_lines
        )
    rows: list[TableRow] = []
    buffer: list[int] = []
    n = header + 1
    while n <= n_lines:
        text = doc.clean(n)
        if TABLE_CAPTION_RE.match(text):
            break
        if text and not (not buffer and _is_noise(text)) and not (buffer and TABLE_HEADER_RE.match(text)):
            buffer.append(n)
            if ROW_END_RE.search(text):
                rows.append(_table_row(doc, buffer, result))
                buffer = []
        n += 1
    else:
        last = buffer[-1] if buffer else (rows[-1].lines[1] if rows else header)
        raise SourceError(doc.name, "initiatives table is cut off: no caption ('Tabelle N: …') after its rows", last)
    if buffer:
        raise SourceError(doc.name, "table row without Aktionsradius (lokal/regional/landesweit)", buffer[0])
    if not rows:
        raise SourceError(doc.name, "initiatives table has no rows", header)
    return rows


def _table_row(doc: SourceDoc, numbers: list[int], result: LoadResult | None) -> TableRow:
    # Drop leading lines that cannot start a row (stray text between rows), keep them as findings.
    first = numbers[0]
    while numbers and not STATE_START_RE.match(doc.joined(numbers[0], numbers[-1])):
        if result is not None:
            result.finding(
                "table-noise",
                f"ignored text in the initiatives table: {doc.clean(numbers[0])!r}",
                doc.ev(numbers[0]),
                text=doc.clean(numbers[0]),
            )
        numbers = numbers[1:]
    if not numbers:
        raise SourceError(doc.name, "table row without Bundesland", first)
    text = doc.repair.join([doc.line(n) for n in numbers])
    m = ROW_RE.match(text)
    if not m:
        raise SourceError(doc.name, f"cannot read table row {text!r}", numbers[0])
    states = [s for s in (m.group(1), m.group(2)) if s]
    return TableRow(m.group(3).strip(), states, m.group(4), (numbers[0], numbers[-1]), list(numbers))


# -- profiles --------------------------------------------------------------------------------


def _heading(text: str) -> str | None:
    if text == TOPICS_HEAD:
        return "topics"
    if text == GOALS_HEAD:
        return "goals"
    if SPECIAL_HEAD_RE.match(text):
        return "special"
    return None


def parse_profiles(doc: SourceDoc) -> list[Profile]:
    """Every profile of the appendix, in order; raises ``SourceError`` when the appendix is cut."""
    n_lines = len(doc.lines)
    heads = [n for n in range(1, n_lines + 1) if doc.line(n).strip() == TOPICS_HEAD]
    if not heads:
        raise SourceError(
            doc.name, "no profiles (Steckbriefe with 'Inhaltliche Schwerpunkte') in the document", n_lines
        )
    profiles: list[Profile] = []
    for i, head in enumerate(heads):
        title_first, title_last = _title_span(doc, head)
        limit = _title_span(doc, heads[i + 1])[0] - 1 if i + 1 < len(heads) else n_lines
        has_fields = any(_starts_fields(doc, n) for n in range(head + 1, limit + 1))
        if not has_fields:
            content = [
                n for n in range(head + 1, limit + 1) if doc.line(n).strip() and not _heading(doc.line(n).strip())
            ]
            if len(content) <= 2 and profiles:
                break  # a table of contents repeating the headings: the appendix is over
            raise SourceError(
                doc.name,
                "profile (Steckbrief) is cut off before its Bundesland/Gründung/Website "
                f"lines: {doc.joined(title_first, title_last)!r}",
                limit,
            )
        profiles.append(_parse_profile(doc, title_first, title_last, head, limit))
    announced = _announced_profiles(doc, heads[0])
    if announced and announced[0] != len(profiles):
        raise SourceError(
            doc.name,
            f"the appendix announces {announced[0]} profiles but {len(profiles)} were found (document cut?)",
            profiles[-1].lines[1] if profiles else announced[1],
        )
    return profiles


def _starts_fields(doc: SourceDoc, n: int) -> bool:
    return bool(STATE_FIELD_RE.match(doc.clean(n)))


def _announced_profiles(doc: SourceDoc, first_head: int) -> tuple[int, int] | None:
    """The number of profiles the appendix intro announces ("umfasst insgesamt 93 Steckbriefe")."""
    for n in range(first_head - 1, max(0, first_head - 80), -1):
        m = PROFILE_COUNT_RE.search(doc.clean(n))
        if m:
            return int(m.group(1)), n
    return None


def _title_span(doc: SourceDoc, head: int) -> tuple[int, int]:
    """The lines of the title printed above a profile's first heading."""
    n = head - 1
    while n > 0 and not doc.line(n).strip():
        n -= 1
    last = n
    while n > 0:
        text = doc.line(n).strip()
        if not text or URL_LINE_RE.match(text) or PAGE_NO_RE.match(text) or FIELD_RE.match(text) or _heading(text):
            break
        n -= 1
    if n + 1 > last:
        raise SourceError(doc.name, "profile without a title", head)
    return n + 1, last


def _items(doc: SourceDoc, numbers: list[int]) -> list[tuple[str, list[int]]]:
    """Bullets (and paragraphs) of a section; wrapped bullets joined, page numbers dropped."""
    items: list[list[int]] = []
    bullet: list[bool] = []
    gap = True
    for n in numbers:
        text = doc.line(n).strip()
        if not text:
            gap = True
            continue
        if PAGE_NO_RE.match(text):
            continue
        if BULLET_RE.match(text):
            items.append([n])
            bullet.append(True)
        elif items and not gap:
            items[-1].append(n)
        elif items and bullet[-1] and (not re.search(r"[.!?:]$", doc.clean(items[-1][-1])) or text[:1].islower()):
            items[-1].append(n)  # a bullet wrapped across an empty line
        else:
            items.append([n])
            bullet.append(False)
        gap = False
    out = []
    for group in items:
        joined = doc.repair.join([BULLET_RE.sub("", doc.line(group[0]).strip())] + [doc.line(n) for n in group[1:]])
        if joined:
            out.append((joined, group))
    return out


def _parse_profile(doc: SourceDoc, title_first: int, title_last: int, head: int, limit: int) -> Profile:
    title = doc.repair.join(doc.line(n) for n in range(title_first, title_last + 1))
    sections: dict[str, list[int]] = {"topics": [], "goals": [], "special": []}
    current = "topics"
    fields: dict[str, tuple[str, int]] = {}
    end = head
    website_lines: list[int] = []
    n = head + 1
    while n <= limit:
        text = doc.line(n).strip()
        m = FIELD_RE.match(text) if (fields or _starts_fields(doc, n)) else None
        if m:
            fields.setdefault(m.group(1), (m.group(2).strip(), n))
            end = n
            if m.group(1) == "Website":
                website_lines, end = _website_lines(doc, n, limit)
                break
        elif not fields:
            kind = _heading(text)
            if kind:
                current = kind
            else:
                sections[current].append(n)
        n += 1
    p = Profile(title=title, title_lines=(title_first, title_last), lines=(title_first, end))
    p.topics = [(t, ln) for t, ln in _items(doc, sections["topics"]) if ln and BULLET_RE.match(doc.line(ln[0]).strip())]
    p.goals = _items(doc, sections["goals"])
    special = _items(doc, sections["special"])
    p.description = " ".join(t for t, _ in special)
    p.description_lines = [n for _, ln in special for n in ln]
    if "Bundesland" in fields:
        raw, p.state_line = fields["Bundesland"]
        p.state = _canonical_state(doc.repair.fix(raw)) or doc.repair.fix(raw).strip()
    if "Gründung" in fields:
        p.founded_text, p.founded_line = doc.repair.fix(fields["Gründung"][0]).strip(), fields["Gründung"][1]
    if website_lines:
        p.website = _website(doc, website_lines)
        p.website_lines = website_lines
    return p


def _website_lines(doc: SourceDoc, start: int, limit: int) -> tuple[list[int], int]:
    """The Website line, its wrapped continuation and the full URLs repeated after it."""
    lines = [start]
    value = FIELD_RE.match(doc.line(start).strip()).group(2).strip()  # type: ignore[union-attr]
    n_continued = 0  # wrapped pieces of the address; only before the repeated full URLs
    n = start + 1
    while n <= limit:
        text = doc.line(n).strip()
        if not text:
            n += 1
            continue
        if URL_LINE_RE.match(text):
            lines.append(n)
        elif (
            len(lines) == n_continued + 1
            and re.search(r"[-/_.=?&]$", value)
            and re.fullmatch(r"[\w\-./%?=&#:~+]+", text)
        ):
            n_continued += 1
            lines.append(n)
            value += text
        else:
            break
        n += 1
    return lines, lines[-1]


def _norm_url(url: str) -> str:
    url = re.sub(r"\s+", "", unquote(url))
    url = re.sub(r"#:~:.*$", "", url)  # browser text-fragment links are not part of the address
    return url


def _website(doc: SourceDoc, numbers: list[int]) -> str:
    """The site from the Website line, preferring a repeated full URL that extends it."""
    first = FIELD_RE.match(doc.line(numbers[0]).strip()).group(2)  # type: ignore[union-attr]
    parts = [first] + [doc.line(n).strip() for n in numbers[1:] if not URL_LINE_RE.match(doc.line(n).strip())]
    value = _norm_url("".join(p.strip() for p in parts))
    if not re.match(r"^https?://", value):
        value = "https://" + value
    bare = re.sub(r"^https?://", "", value).rstrip("/").lower()
    best = value
    for n in numbers[1:]:
        text = doc.line(n).strip()
        if not URL_LINE_RE.match(text):
            continue
        cand = _norm_url(text)
        cand_bare = re.sub(r"^https?://", "", cand).rstrip("/").lower()
        if cand_bare.startswith(bare) and len(cand_bare) > len(re.sub(r"^https?://", "", best).rstrip("/")):
            best = cand if re.match(r"^https?://", cand) else "https://" + cand
    return best


def _canonical_state(text: str) -> str | None:
    m = STATE_START_RE.match(text.strip())
    return m.group(1) if m else None


def _founded_year(text: str | None) -> int | None:
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
    return int(m.group(1)) if m else None


# -- reconciliation --------------------------------------------------------------------------


def _body_text(doc: SourceDoc, p: Profile) -> list[tuple[int, str]]:
    start, end = p.title_lines[1] + 1, p.lines[1]
    return [(n, norm_name(doc.clean(n))) for n in range(start, end + 1) if doc.line(n).strip()]


def _named_in(name: str, body: list[tuple[int, str]]) -> tuple[float, list[int]]:
    """How clearly a name occurs in a profile's text, and the lines where it does."""
    target = norm_name(re.sub(r"\([^()]*\)", " ", name))
    if len(target) < 8:
        return 0.0, []
    text = " ".join(t for _, t in body)
    score = fuzz.partial_ratio(target, text)
    lines = [n for n, t in body if fuzz.partial_ratio(target, t) >= CONTENT_MIN or (t and t in target and len(t) > 8)]
    if not lines and score >= CONTENT_MIN:
        lines = [max(body, key=lambda nt: fuzz.partial_ratio(target, nt[1]))[0]]
    return score, lines


def reconcile(
    doc: SourceDoc, rows: list[TableRow], profiles: list[Profile], result: LoadResult
) -> list[InitiativeInfo]:
    """Assign profiles to table rows one-to-one (best pairs first) and record what was odd."""
    scores = [[name_score(r.name, p.title) for r in rows] for p in profiles]
    adjusted: dict[tuple[int, int], float] = {}
    by_content: dict[int, tuple[int, int, list[int], float]] = {}
    for pi, p in enumerate(profiles):
        for ri, r in enumerate(rows):
            s = scores[pi][ri]
            if p.state:
                s += STATE_BONUS if p.state in r.states else -STATE_PENALTY
            adjusted[(pi, ri)] = s
        best_ri = max(range(len(rows)), key=lambda ri: scores[pi][ri])
        title_ok = scores[pi][best_ri] >= MATCH_THRESHOLD and (not p.state or p.state in rows[best_ri].states)
        if title_ok:
            continue
        # The title is weak or contradicts the state: does the text name another initiative of that state?
        body = _body_text(doc, p)
        own_score, _ = _named_in(rows[best_ri].name, body)
        candidates = []
        for ri, r in enumerate(rows):
            if ri == best_ri or (p.state and p.state not in r.states):
                continue
            c, lines = _named_in(r.name, body)
            if c >= CONTENT_MIN and lines:
                candidates.append((c, ri, lines))
        if candidates and own_score < CONTENT_MIN:
            c, ri, lines = max(candidates)
            adjusted[(pi, ri)] = max(adjusted[(pi, ri)], c + STATE_BONUS)
            by_content[pi] = (ri, best_ri, lines, c)

    # Greedy best-first assignment: the most similar pair is settled first, each side used once.
    pairs = sorted((-s, pi, ri) for (pi, ri), s in adjusted.items() if s >= MATCH_THRESHOLD)
    row_of: dict[int, int] = {}
    taken: set[int] = set()
    for _, pi, ri in pairs:
        if pi in row_of or ri in taken:
            continue
        row_of[pi] = ri
        taken.add(ri)
    profile_of = {ri: pi for pi, ri in row_of.items()}

    infos: list[InitiativeInfo] = []
    for ri, r in enumerate(rows):
        pi = profile_of.get(ri)
        p = profiles[pi] if pi is not None else None
        names = [r.name]
        matched_by = None
        if p is not None:
            if pi in by_content and by_content[pi][0] == ri:
                matched_by = "content"
            else:
                matched_by = "exact" if norm_name(p.title) == norm_name(r.name) else "fuzzy"
                names.append(p.title)
        for source in list(names):
            names.extend(acronyms(source))
        names = _unique(names)
        infos.append(
            InitiativeInfo(
                r.name, names, list(r.states), r.radius, "active", r.lines, p.lines if p else None, p, matched_by
            )
        )
    for pi, p in enumerate(profiles):
        if pi in row_of:
            continue
        names = _unique([p.title] + acronyms(p.title))
        infos.append(
            InitiativeInfo(p.title, names, [p.state] if p.state else [], None, "ended", None, p.lines, p, None)
        )
    _record_findings(doc, rows, profiles, infos, by_content, row_of, result)
    return infos


def _span_ev(doc: SourceDoc, span: tuple[int, int]) -> list[str]:
    """Evidence for the non-empty lines of a span (a wrapped table row)."""
    return doc.ev(*(n for n in range(span[0], span[1] + 1) if doc.line(n).strip()))


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        k = re.sub(r"\s+", " ", n).strip()
        if k and k.casefold() not in seen:
            seen.add(k.casefold())
            out.append(k)
    return out


def _intro_line(doc: SourceDoc, profiles: list[Profile], rx: re.Pattern[str]) -> list[int]:
    """The line of the appendix intro that explains a gap (ended initiatives, missing profiles)."""
    first = profiles[0].title_lines[0] if profiles else len(doc.lines)
    for n in range(first - 1, max(0, first - 60), -1):
        if rx.search(doc.clean(n)):
            return [n]
    return []


def _record_findings(
    doc: SourceDoc,
    rows: list[TableRow],
    profiles: list[Profile],
    infos: list[InitiativeInfo],
    by_content: dict[int, tuple[int, int, list[int], float]],
    row_of: dict[int, int],
    result: LoadResult,
) -> None:
    """Findings for the analyst: content matches, ended initiatives, missing profiles, state conflicts."""
    for pi, (ri, title_ri, lines, c) in by_content.items():
        if row_of.get(pi) != ri:
            continue
        p, r, t = profiles[pi], rows[ri], rows[title_ri]
        result.finding(
            "profile-matched-by-content",
            f"profile titled {p.title!r} (state {p.state}) describes {r.name!r} ({'/'.join(r.states)}): its text names "
            f"it (similarity {c:.0f}); the title resembles {t.name!r} ({'/'.join(t.states)}) instead",
            doc.ev(*p.title_lines, *lines, *([p.state_line] if p.state_line else []), *r.line_numbers),
            Ref("Initiative", r.name),
            profile=p.title,
            profile_state=p.state,
            initiative=r.name,
            states=r.states,
            similarity=round(c),
            title_match=t.name,
            title_states=t.states,
        )
    ended_intro = _intro_line(doc, profiles, ENDED_INTRO_RE)
    missing_intro = _intro_line(doc, profiles, NO_PROFILE_INTRO_RE)
    for info in infos:
        p = info.profile
        if info.status == "ended" and p is not None:
            why = (
                f"Gründung: {p.founded_text!r}"
                if p.founded_text and END_WORDS_RE.search(p.founded_text)
                else ("no row in the initiatives table")
            )
            result.finding(
                "ended-initiative",
                f"profile {p.title!r} has no row in the initiatives table; the initiative ended ({why})",
                doc.ev(*p.title_lines, *([p.founded_line] if p.founded_line else []), *ended_intro),
                Ref("Initiative", info.key),
                profile=p.title,
                why=f"Gründung: „{p.founded_text}“" if why.startswith("Gründung") else "keine Zeile in der Tabelle",
            )
        elif info.status == "active" and p is None:
            result.finding(
                "missing-profile",
                f"initiative {info.key!r} from the table has no profile (Steckbrief) in the appendix",
                _span_ev(doc, info.table_lines) + doc.ev(*missing_intro),  # type: ignore[arg-type]
                Ref("Initiative", info.key),
                initiative=info.key,
            )
        elif p is not None and p.state and p.state not in info.states:
            result.finding(
                "state-conflict",
                f"{info.key!r}: table says {'/'.join(info.states)}, profile {p.title!r} says {p.state}; "
                "the table's state is kept",
                doc.ev(info.table_lines[0], p.state_line or p.title_lines[0]),  # type: ignore[index]
                Ref("Initiative", info.key),
                initiative=info.key,
                table_states=info.states,
                profile=p.title,
                profile_state=p.state,
            )


# -- public API ------------------------------------------------------------------------------


def parse_initiatives(doc: SourceDoc, result: LoadResult | None = None) -> list[InitiativeInfo]:
    """Table rows and profiles of the report, reconciled into one list (table order, then ended)."""
    result = result if result is not None else LoadResult()
    rows = parse_table(doc, result)
    profiles = parse_profiles(doc)
    return reconcile(doc, rows, profiles, result)


def load(doc: SourceDoc) -> LoadResult:
    """Initiatives with their states, topics, goals and profile facts, plus reconciliation findings."""
    result = LoadResult(specificity=FIELDS)
    infos = parse_initiatives(doc, result)
    for info in infos:
        _emit(doc, info, result)
    result.extend(report_actors.extract(doc, infos))
    parse_participation_tables(doc, result)
    return result


def _emit(doc: SourceDoc, info: InitiativeInfo, result: LoadResult) -> None:
    p = info.profile
    table_ev = _span_ev(doc, info.table_lines) if info.table_lines else []
    props: dict = {"name": info.key, "status": info.status}
    # the lines that state each value: the table row (name, radius, status), the profile's fields
    per_value: dict = {"name": table_ev, "radius": table_ev, "status": table_ev}
    if info.radius:
        props["radius"] = info.radius
    evidence = list(table_ev)
    if p is not None:
        evidence += doc.ev(*p.title_lines)
        if not table_ev:  # ended: only the profile names it
            per_value["name"] = per_value["status"] = doc.ev(*p.title_lines)
        year = _founded_year(p.founded_text)
        if year is not None:
            props["founded"] = year
        if p.founded_text:
            props["foundedText"] = p.founded_text
            per_value["founded"] = per_value["foundedText"] = doc.ev(p.founded_line)
        if p.website:
            props["website"] = p.website
            per_value["website"] = doc.ev(*p.website_lines)
        props["goals"] = [t for t, _ in p.goals]
        per_value["goals"] = [doc.ev(*lines) for _, lines in p.goals]
        if p.description:
            props["description"] = p.description
            per_value["description"] = doc.ev(*p.description_lines)
        for n in (p.founded_line, *(p.website_lines[:1])):
            if n:
                evidence += doc.ev(n)
    aliases = [n for n in info.names if n != info.key]
    ref = result.add("Initiative", info.key, evidence, aliases=aliases, prop_evidence=per_value, **props)
    if info.table_lines:
        for position, state in enumerate(info.states, 1):
            result.link("LOCATED_IN", ref, Ref("State", state), table_ev, position=position)
    elif p is not None and p.state:
        result.link("LOCATED_IN", ref, Ref("State", p.state), doc.ev(p.state_line or p.title_lines[0]), position=1)
    if p is not None:
        for topic, lines in p.topics:
            if topic.rstrip(": ") in SECTION_HEADINGS:  # a heading repeated as a bullet is not a topic
                continue
            result.link("HAS_TOPIC", ref, Ref("Topic", topic), doc.ev(*lines), raw=topic)


# -- participation tables (reference figures) ------------------------------------------------

PARTICIPATION_CAPTION_RE = re.compile(r"^(Tabelle\s+\d+)\s*:\s*(.*beteiligung.*)$", re.IGNORECASE)
# "Industrie- und Handelskammern 59 63%", "Wissenschaft2 56 60%" (a footnote marker glued to the label)
STAT_ROW_RE = re.compile(r"^(?P<label>\D.*?)\s+(?P<count>\d{1,5})\s+(?P<percent>\d{1,3}(?:[.,]\d+)?)\s?(?:%|Prozent)$")
FOOTNOTE_RE = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
STAT_HEADER_RE = re.compile(r"\bAnzahl\b.*\b(Prozent|Anteil|%)", re.IGNORECASE)
BASE_RE = re.compile(r"\b(\d{1,5})\s+(?:\w+\s+)?Initiativen\b")
BASE_WINDOW = 15  # lines above the table in which the text names its base ("Die 93 Initiativen wiesen …")


def parse_participation_tables(doc: SourceDoc, result: LoadResult) -> int:
    """Statistic records for every "Tabelle N: …beteiligung…" table of label/count/percent rows.

    These are the report's own survey figures; they stay reference data beside the links the
    documents state, so an analyst can compare the two. Returns the number of rows emitted.
    """
    emitted = 0
    for n in range(1, len(doc.lines) + 1):
        m = PARTICIPATION_CAPTION_RE.match(doc.clean(n))
        if not m:
            continue
        caption = f"{m.group(1)}: {m.group(2).strip()}"
        rows = _stat_rows(doc, n, -1) or _stat_rows(doc, n, +1)
        if not rows:
            raise SourceError(doc.name, f"{caption!r} has no rows of the form 'label count percent%'", n)
        base, base_line = _stat_base(doc, rows)
        for line, label, count, percent in rows:
            evidence = doc.ev(line, n, *([base_line] if base_line else []))
            # "label" cannot pass through LoadResult.add(label, …) and "table" is a Ladybug keyword
            props = {"label": label, "caption": caption, "count": count, "percent": percent, "base": base}
            result.entities.append(Entity("Statistic", f"{doc.name}#{m.group(1)}#{label}", props, evidence))
            emitted += 1
    return emitted


def _stat_rows(doc: SourceDoc, caption: int, step: int) -> list[tuple[int, str, int, int]]:
    """Rows next to a caption (above it when step is -1), up to the header or the first other text."""
    rows = []
    n = caption + step
    while 1 <= n <= len(doc.lines):
        text = doc.clean(n)
        if text and not PAGE_NO_RE.match(text) and not (not rows and STAT_HEADER_RE.search(text)):
            m = STAT_ROW_RE.match(text)
            if not m:
                break
            label = FOOTNOTE_RE.sub("", m.group("label")).strip()
            percent = float(m.group("percent").replace(",", "."))
            rows.append((n, label, int(m.group("count")), round(percent)))  # whole percent (schema: INT)
        n += step
    return sorted(rows)


def _stat_base(doc: SourceDoc, rows: list[tuple[int, str, int, int]]) -> tuple[int | None, int | None]:
    """The number of initiatives the text above the table says it is about, if the percentages agree with it."""
    first = rows[0][0]
    top = first - 1
    while top > 0 and (not doc.clean(top) or STAT_HEADER_RE.search(doc.clean(top))):
        top -= 1
    for n in range(top, max(0, top - BASE_WINDOW), -1):
        for m in reversed(list(BASE_RE.finditer(doc.clean(n)))):
            base = int(m.group(1))
            if base and all(abs(count * 100 / base - pct) <= 1 for _, _, count, pct in rows):
                return base, n
    return None, None
