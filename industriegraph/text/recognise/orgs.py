"""Organisation mentions in a sentence or paragraph.

Candidates come from several recognisers, all driven by the vocabulary:

* the gazetteer: every name, alias, English name and inflected form of the vocabulary's bodies, and their
  acronyms (case-sensitive), extended by a branch qualifier ("IG Metall Baden-Württemberg", "VCI NRW",
  "VDMA e. V. Nordrhein-Westfalen") and by "ACR – Name" ("ZVEI – Landesstelle NRW");
* ministry naming patterns (``ministry_patterns.yaml``) with a portfolio of any length ("Ministerium für
  Wirtschaft, Innovation, Digitalisierung und Energie des Landes Nordrhein-Westfalen");
* head nouns: the cue words of ``kinds.yaml`` ("Universität", "…verband", "Agentur für Arbeit") widened to
  the whole name: leading adjectives, "für …", a genitive complement ("der Chemischen Industrie", "der Stadt
  Leipzig"), a place ("zu Leipzig", "am Main"), following proper names, a legal form;
* legal forms (``legal_forms.yaml``) with the capitalised words before them ("Dürr AG");
* "Name (ACR)" definitions and acronyms the document defined;
* quoted names that the vocabulary knows;
* a plural head noun before an enumeration of names (``plural`` in ``kinds.yaml``): "den Landkreisen
  Altenburger Land, Leipzig und Saalekreis" names Landkreis Altenburger Land, Landkreis Leipzig and the
  Saalekreis; "die Länder Niedersachsen, Bremen und Hamburg" names each Land (its official name).

Overlapping candidates keep the longest. Names are put in the nominative (``grammar.nominative``); an
acronym-only mention takes the vocabulary's (or the document's) full name.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cache

from industriegraph.model.vocab import Body
from industriegraph.text.recognise import grammar
from industriegraph.text.recognise.kinds import classify_kind
from industriegraph.text.recognise.lexicon import fold, lexicon

W = r"[\wÄÖÜäöüß]"
CAP = r"(?:[A-ZÄÖÜ][\wÄÖÜäöüß.&'+|]*[\wÄÖÜäöüß.]|[A-ZÄÖÜ])"  # a capitalised token
CAP_PART = rf"{CAP}(?:-{CAP})*-?"
# a portfolio: capitalised nouns joined by ",", "und", "sowie" ("Bundes- und Europaangelegenheiten",
# "digitale Infrastruktur", "Regionale Entwicklung" included)
_NOT_ADJ = r"(?!(?:ein|eine|einen|einem|einer|eines|der|die|das|den|dem|des|ihre|ihren|seine|seinen)\s)"
PORT_ITEM = rf"(?:{_NOT_ADJ}[a-zäöü]+(?:e|en|er|es)\s)?{CAP}(?:-\s(?:und|and)\s{CAP})?"
PORTFOLIO = rf"{PORT_ITEM}(?:(?:,\s|\s(?:und|sowie|and)\s|,\s(?:und|and)\s){PORT_ITEM})*"


@dataclass
class OrgMention:
    start: int
    end: int
    name: str  # nominative, as a careful reader writes it
    written: str
    kind: str
    body: Body | None = None
    acronym: str | None = None
    how: str = ""
    generic: bool = False  # a bare kind noun ("die IHK", "Gewerkschaften"): never an organisation alone
    weak: bool = False  # a compound without a name ("Stadtplanungsamt"): an organisation only when enumerated
    aliases: list[str] = field(default_factory=list)


@dataclass
class OrgContext:
    """What the document as a whole tells: its Land, the acronyms it defines, organisations it named."""

    land: str | None = None
    acronyms: dict[str, str] = field(default_factory=dict)  # ACR -> full name as the document writes it
    date: str | None = None  # ISO date of the document, when it gives one: which name an acronym stood for


# ------------------------------------------------------------------------------------------------
# compiled patterns from the vocabulary


def _cue_regex(text: str, match: str, case_sensitive: bool) -> str:
    words = text.split()
    first = re.escape(words[0])
    rest = "".join(r"\s+" + re.escape(w) for w in words[1:])
    if match == "circumfix":
        a, b = (re.escape(p) for p in text.split("…"))
        core = rf"{a}{W}+{b}"
    elif match == "prefix":
        core = rf"{first}{W}*{rest}"
    elif match == "suffix":
        core = rf"{W}*{first}{rest}"
    elif match == "infix":
        core = rf"{W}*{first}{rest}{W}*" if not rest else rf"{W}*{first}{rest}"
    else:  # word, start
        core = rf"{first}{rest}"
    core += r"(?:e?s|e?n)?" if match in ("word", "start", "suffix", "prefix") and not rest else ""
    core = rf"(?<![\wÄÖÜäöüß]){core}(?![\wÄÖÜäöüß])"
    return core if case_sensitive else f"(?i:{core})"


@cache
def _head_cues() -> tuple[re.Pattern[str] | None, dict[str, tuple], frozenset[str], frozenset[str]]:
    """The kinds' cue words for finding head nouns fast: phrase cues as one regular expression, single words by
    their match (word, prefix, suffix, infix, circumfix as ``a…b``), and the case-sensitive words."""
    phrases, by = [], {"word": set(), "prefix": set(), "suffix": set(), "infix": set(), "circumfix": set()}
    sensitive: set[str] = set()
    for kind in lexicon().vocab.kinds:
        for cue in kind.cues:
            if not cue.text or cue.lang not in ("de", "en", "any"):
                continue
            if " " in cue.text:
                phrases.append(_cue_regex(cue.text, cue.match, cue.case_sensitive))
            elif cue.case_sensitive:
                sensitive.add(cue.text)
            else:
                by["word" if cue.match == "start" else cue.match].add(cue.text.lower())
    rx = re.compile("|".join(phrases)) if phrases else None
    table = {k: tuple(sorted(v)) for k, v in by.items()}
    table["circumfix"] = tuple(tuple(c.split("…")) for c in table["circumfix"])
    return rx, table, frozenset(by["word"]), frozenset(sensitive)


_PART = re.compile(r"[\wÄÖÜäöüß]+")


def _head_matches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the kinds' cue words in ``text`` (each part of a hyphenated word on its own)."""
    rx, by, words, sensitive = _head_cues()
    out = []
    for m in _PART.finditer(text):
        part = m.group(0)
        low = part.lower()
        stem = re.sub(r"(?:e?s|e?n)$", "", low)
        if (
            part in sensitive
            or low in words
            or stem in words
            or low.startswith(by["prefix"])
            or low.endswith(by["suffix"])
            or stem.endswith(by["suffix"])
            or any(c in low for c in by["infix"])
            or any(low.startswith(a) and low.endswith(b) and len(low) > len(a) + len(b) for a, b in by["circumfix"])
        ):
            out.append((m.start(), m.end()))
    if rx is not None:
        out += [(m.start(), m.end()) for m in rx.finditer(text)]
    return sorted(set(out))


@cache
def _bare_heads() -> frozenset[str]:
    """Cue words as such (and their plurals): a mention that is only one of these is generic."""
    out = set()
    for kind in lexicon().vocab.kinds:
        out |= {
            kind.label_de.lower(),
            kind.label_de_plural.lower(),
            kind.label_en.lower(),
            kind.label_en_plural.lower(),
        }
        for cue in kind.cues:
            if cue.text and "…" not in cue.text:
                t = cue.text.lower()
                out |= {t, t + "n", t + "en", t + "e", t + "s", t + "es"}
                out |= {t.replace("a", "ä", 1) + "e", t[:-1] + "äe" if t.endswith("a") else t}
    out |= {"verbände", "städte", "kammern", "ihks", "hwks", "gewerkschaften", "verbänden", "hochschulen"}
    return frozenset(out)


def is_generic(name: str) -> bool:
    """A kind noun alone ("IHK", "Gewerkschaften", "Kammern") names no organisation."""
    return name.lower().strip(" .") in _bare_heads()


@cache
def _legal_re() -> re.Pattern[str]:
    variants = sorted(
        {v for lf in lexicon().vocab.legal_forms for v in lf.variants if not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{4,}", v)
         and " " not in v.replace("e. V.", "").replace("& Co", "").replace("Co. K", "")},
        key=len,
        reverse=True,
    )  # fmt: skip
    alts = []
    for v in variants:
        esc = re.escape(v).replace(r"\ ", r"\s?")
        if v.endswith("."):
            esc += "?"  # "e. V" written without its last dot
        alts.append(esc)
    return re.compile(r"(?<![\wÄÖÜäöüß])(?:" + "|".join(alts) + r")(?![\wÄÖÜäöüß])")


@cache
def _ministry_re() -> re.Pattern[str]:
    lex = lexicon()
    laender = lex.laender

    def alt(items) -> str:
        return "(?:" + "|".join(re.escape(x) for x in sorted(set(items), key=len, reverse=True)) + ")"

    slots = {
        "portfolio": PORTFOLIO,
        "land": alt(x.name for x in laender),
        "land_gen": alt(g for x in laender for g in x.genitive),
        "land_adj": alt(a for x in laender for a in x.adjective if a[:1].isupper()),
        "city": alt(x.name for x in laender if x.city_state),
        "city_official": alt(
            re.sub(r"^(Freie)\b", "Freien", o) for x in laender if x.city_state for o in x.official if " " in o
        ),
    }
    alts = []
    for p in lex.vocab.ministry_patterns:
        parts = re.split(r"(\{\w+\})", p.template)
        rx = ""
        for part in parts:
            if part.startswith("{"):
                rx += slots[part[1:-1]]
            else:
                words = part.split(" ")
                rx += r"\s".join(re.escape(w) + (r"(?:e?s)?" if w.endswith(("ium", "amt")) else "") for w in words)
        alts.append(rx)
    return re.compile(r"(?<![\wÄÖÜäöüß])(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?![\wÄÖÜäöüß-])")


_TOKEN = re.compile(r"[\wÄÖÜäöüß][\wÄÖÜäöüß.&'/|+-]*|[–&]")
_KEEP_DOT = re.compile(r"^(?:[A-ZÄÖÜa-zäöü]|[A-Z]\.[A-Z]|e\.V|e\.G|Co|Gebr|Inc|Ltd|Corp|St|Dr|Prof|[a-z]\.[a-z])\.?$")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        s, e, t = m.start(), m.end(), m.group(0)
        while t.endswith(("-", "/", "|")) and len(t) > 1 and not re.search(r"\w-$", t):
            t, e = t[:-1], e - 1
        if t.endswith(".") and not _KEEP_DOT.match(t) and not re.search(r"\.\w", t[:-1]):
            t, e = t[:-1], e - 1
        out.append((s, e, t))
    return out


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() and len(tok) > 1 and not tok.isdigit()


# ------------------------------------------------------------------------------------------------


def _right(text: str, pos: int, head_is_org: bool = True, stop: int | None = None) -> tuple[int, str | None]:
    """Extend a name to the right from ``pos``: legal form, "für …", genitive, place, proper names, (ACR).

    Returns the new end and an acronym given in parentheses."""
    legal = _legal_re()
    acr = None
    caps = 0
    portfolio = False
    limit = len(text) if stop is None else stop
    for _ in range(12):
        rest = text[pos:limit]
        m = re.match(r"\s?\(([A-Za-zÄÖÜäöü][\w.&\-ÄÖÜäöü]{1,9}(?:\s[A-ZÄÖÜ][\wäöü]+)?)\)", rest)
        if m and (sum(c.isupper() for c in m.group(1)) >= 2 or m.group(1).islower() or len(m.group(1)) <= 5):
            acr = m.group(1)
            pos += m.end()
            break
        m = re.match(r"\s" + legal.pattern, rest) if rest[:1] == " " else None
        if m:
            pos += m.end()
            continue
        m = re.match(rf"\s(?:für|for|of)\s(?:the\s)?{PORTFOLIO}", rest)
        if m and head_is_org and not portfolio:
            pos += m.end()
            portfolio = True
            continue
        m = re.match(
            rf"\s(?:der|des)\s(?:[a-zäöü]+(?:en|er|e)\s)?{CAP_PART}(?:\s(?:und|sowie)\s{CAP}|\s{CAP}){{0,3}}", rest
        )
        if m and head_is_org and not re.match(r"\s(?:der|des)\s(?:" + "|".join(_FUNCTION_STARTS) + ")", rest):
            pos += m.end()
            continue
        # a place ("zu Leipzig", "am Main"), not a time ("im Jahre 2013")
        m = re.match(rf"\s(?:zu|am|an\sder|im|ob\sder)\s{CAP}(?:\s{CAP})?(?![\wäöüß])(?!\s\d)", rest)
        if m:
            pos += m.end()
            continue
        m = re.match(rf"\s(?:in)\s(?:{_land_or_country()})", rest)
        if m:
            pos += m.end()
            continue
        m = re.match(rf"\s({CAP}(?:-{CAP})*)(?![\wÄÖÜäöüß])", rest)
        if m and caps < 4 and m.group(1) not in grammar.SENTENCE_WORDS and not _is_function(m.group(1)):
            pos += m.end()
            caps += 1
            continue
        m = re.match(r"/(?:[A-ZÄÖÜ][\wäöüß-]*)(?:\s[A-ZÄÖÜ][\wäöüß-]*)?", rest)
        if m:
            pos += m.end()
            continue
        break
    return pos, acr


@cache
def _land_or_country() -> str:
    names = {x.name for x in lexicon().laender} | {"Deutschland", "Europa", "Germany"}
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _functions() -> frozenset[str]:
    out = set()
    for f in lexicon().vocab.person_functions:
        if f.type == "function":
            out |= {f.text, *f.forms}
    return frozenset(out)


_FUNCTION_STARTS = ("Präsident", "Vorsitz", "Geschäftsführ", "Minister", "Bürgermeister", "Senator", "Leiter")


def _is_function(tok: str) -> bool:
    return tok in _functions() or any(tok.endswith(f) for f in ("präsident", "vorsitzender", "vorsitzende"))


def _left(text: str, tokens: list[tuple[int, int, str]], i: int, limit: int = 3) -> int:
    """Index of the first token of the name whose head is token i (capitalised words before it)."""
    k = i
    while k > 0 and i - k < limit:
        s, e, t = tokens[k - 1]
        gap = text[e : tokens[k][0]]
        if gap not in (" ", "") or not _is_cap(t) or t in grammar.SENTENCE_WORDS or t.lower() in grammar.NUMBER_WORDS:
            break
        if _is_function(t) or t.endswith((".", ":")) or grammar.is_plural_noun(t):
            break
        k -= 1
    return k


@cache
def _cue_words() -> tuple[str, ...]:
    out = set()
    for kind in lexicon().vocab.kinds:
        for cue in kind.cues:
            if cue.text and "…" not in cue.text:
                words = cue.text.lower().split()
                out.add(words[-1])
                if len(words) > 1 and len(words[0]) > 3:
                    out.add(words[0])  # the head of a phrase cue ("Agentur für Arbeit")
    return tuple(sorted(out))


def _head_word(low: str) -> bool:
    """A token can head a name when its last part is a cue word ("Goethe-Universität", "Industriegewerkschaft"),
    or a cue compound with an organisation's final part ("Gewerkschaftsbund"), not when a cue only stands inside
    a compound about something else ("Gewerkschaftsseite", "Cross-Cluster-Projekt")."""
    last = re.split(r"[-/.]", low)[-1] or low
    stem = re.sub(r"(?:e?s|e?n)$", "", last)
    cues = _cue_words()
    if last.endswith(cues) or stem.endswith(cues) or last in _bare_heads():
        return True
    return any(c in last for c in cues if len(c) > 4) and stem.endswith(ORG_FINALS)


ORG_FINALS = ("bund", "tag", "gesellschaft", "vereinigung", "kammer", "verband", "verein", "rat", "schaft")


def is_org_word(word: str) -> bool:
    """Whether a word heads organisation names (a person's name never has one: "Industry Association")."""
    return _head_word(word.lower())


def _limit(pos: int, stops: list[tuple[int, int]]) -> int | None:
    return min((a for a, _ in stops if a >= pos), default=None)


def _heads(text: str, tokens, stops: list[tuple[int, int]]) -> list[OrgMention]:
    out = []
    starts = {s: i for i, (s, _, _) in enumerate(tokens)}
    for at, at_end in _head_matches(text):
        i = starts.get(at)
        if i is None:
            # the cue stands inside a hyphenated token ("DGB-Bezirk"): take the whole token
            i = next((j for j, (s, e, _) in enumerate(tokens) if s <= at < e), None)
            if i is None:
                continue
        token = tokens[i][2]
        low = token.lower().rstrip(".")
        if not token[:1].isupper() or not _head_word(low):
            continue  # the cue is only a part of a compound about something else ("Gewerkschaftsseite")
        if i > 0 and tokens[i - 1][2] in ("des", "dem") and low in ("landes", "land"):
            continue  # "des Landes Nordrhein-Westfalen": the territory
        s0 = tokens[_left(text, tokens, i)][0]
        head_end = max(at_end, tokens[i][1])
        end, acr = _right(text, head_end, stop=_limit(head_end, stops))
        written = text[s0:end]
        if acr:
            written = written[: written.rfind("(")].rstrip()
        core = written.strip()
        bare = core.lower().rstrip(".") in _bare_heads()
        single = " " not in core and "-" not in core.strip("-")
        weak = single and not bare and not acr
        out.append(OrgMention(s0, end, core, core, "", acronym=acr, how="head", generic=bare and not acr, weak=weak))
    return out


def _ministries(text: str) -> list[OrgMention]:
    out = []
    for m in _ministry_re().finditer(text):
        end, acr = _right(text, m.end(), head_is_org=False) if re.match(r"\s?\(", text[m.end() :]) else (m.end(), None)
        core = m.group(0)
        out.append(OrgMention(m.start(), end, core, core, "", acronym=acr, how="ministry"))
    return out


def _legal_names(text: str, tokens, stops: list[tuple[int, int]]) -> list[OrgMention]:
    out = []
    ends = {e: i for i, (_, e, _) in enumerate(tokens)}
    for m in _legal_re().finditer(text):
        # the token before the legal form
        before = text[: m.start()].rstrip()
        j = ends.get(len(before))
        if j is None:
            continue
        k = j
        take = [j]
        while k > 0:
            s, e, t = tokens[k - 1]
            gap = text[e : tokens[k][0]]
            if any(c in gap for c in ',;:()„“”"'):
                break
            if t in grammar.SENTENCE_WORDS or t.lower() in grammar.ARTICLES or t.lower() in grammar.NUMBER_WORDS:
                break
            if _is_cap(t) or t in ("&", "–", "-"):
                k -= 1
                take.insert(0, k)
                continue
            left = tokens[k - 2][2] if k > 1 else ""
            if t in ("und", "sowie") and (left.isupper() or left in lexicon().land_spellings()):
                break  # "VCI NRW und VDMA e. V.": an acronym or a Land ends the name before
            if t in ("für", "und", "der", "des", "am", "im", "an", "zu", "in", "durch") and k > 1 and _is_cap(left):
                k -= 1
                take.insert(0, k)
                continue
            break
        first = tokens[take[0]]
        tok = tokens[j][2]
        if len(take) == 1 and not _is_cap(tok) and not (len(tok) > 3 and re.search(r"[-.]|\d", tok) or k == 0):
            # a lower-case name ("autoregion e. V.") only directly after an article or at the start
            prev = tokens[j - 1][2].lower() if j else ""
            if prev not in grammar.ARTICLES and prev not in ("und", "sowie"):
                continue
        while take and tokens[take[0]][2] in ("für", "und", "der", "des", "&", "–", "-"):
            take.pop(0)
        if not take:
            continue
        first = tokens[take[0]]
        end, acr = _right(text, m.end(), stop=_limit(m.end(), stops))
        written = text[first[0] : end]
        if acr:
            written = written[: written.rfind("(")].rstrip()
        out.append(OrgMention(first[0], end, written, written, "", acronym=acr, how="legal"))
    return out


def _gazetteer(text: str, ctx: OrgContext) -> list[OrgMention]:
    lex = lexicon()
    out = []
    for s, e, key in lex.scan(text):
        forms = lex.forms[key]
        if not any(f.distinctive for f in forms) and not (ctx.land and any(ctx.land in f.body.laender for f in forms)):
            continue
        body = lex.pick(forms, ctx.land)
        if body is None:
            continue
        spelled = next((f.text for f in forms if f.body.id == body.id), text[s:e])  # the name as listed
        out.append(OrgMention(s, e, text[s:e], text[s:e], body.kind, body=body, how="gazetteer", aliases=[spelled]))
    for s, e, acr in lex.scan_acronyms(text):
        forms = lex.acronyms[acr]
        body = lex.pick(forms, ctx.land)
        if body is None or (body.laender and ctx.land and ctx.land not in body.laender and len(acr) <= 3):
            continue
        out.append(OrgMention(s, e, acr, acr, body.kind, body=body, acronym=acr, how="acronym"))
    for acr, name in ctx.acronyms.items():
        for m in re.finditer(rf"(?<![\w.-]){re.escape(acr)}(?![\w-])", text):
            out.append(OrgMention(m.start(), m.end(), name, acr, "", acronym=acr, how="defined"))
    return out


def _extend_branch(text: str, m: OrgMention, stop: int | None = None) -> None:
    """ "IG Metall Baden-Württemberg", "VCI NRW", "VDMA e. V. Nordrhein-Westfalen", "IG Metall Aalen/Heidenheim",
    "ZVEI – Landesstelle NRW", "Bitkom e. V.": a body's branch or legal form after its name."""
    lex = lexicon()
    pos = m.end
    text = text if stop is None else text[:stop]
    lm = re.match(r"\s" + _legal_re().pattern, text[pos:])
    if lm:
        pos += lm.end()
    places = lex.land_spellings()
    dm = re.match(rf"\s[–-]\s((?:{CAP})(?:\s{CAP}){{0,3}})", text[pos:])
    if dm and m.how == "acronym":
        pos += dm.end()
    else:
        unit = r"(?:Bezirk|Landesbezirk|Region|Landesstelle)"
        pm = re.match(rf"\s({unit}\s)?({CAP}(?:[/-]{CAP})*(?:\s{CAP}(?:/{CAP})*)?)", text[pos:])
        if pm:
            words = re.split(r"[/\s]+", pm.group(2))
            if pm.group(1) or words[0] in places or words[0] in lex.cities or "/" in pm.group(2):
                if not (words[0] in places or words[0] in lex.cities or pm.group(1)) or len(words) == 1:
                    pos += pm.end()
                else:
                    pos += len(pm.group(0)) - len(pm.group(2)) + len(words[0]) if "/" not in pm.group(2) else pm.end()
    if pos != m.end:
        m.end = pos
        m.written = text[m.start : pos]
        m.name = m.written


def _quoted(text: str, ctx: OrgContext) -> list[OrgMention]:
    out = []
    lex = lexicon()
    for q in re.finditer(r"[„\"“«]([^„\"“”«»]{2,80})[“\"”»]", text):
        inner = q.group(1).strip()
        forms = lex.lookup(inner)
        if forms:
            body = lex.pick(forms, ctx.land)
            out.append(OrgMention(q.start(1), q.end(1), inner, inner, body.kind if body else "", body=body,
                                  how="quoted"))  # fmt: skip
        elif re.search(r"\b(?:Verein|Verband|Gesellschaft|Firma|Unternehmen)\s*$", text[: q.start()]):
            out.append(OrgMention(q.start(1), q.end(1), inner, inner, "", how="quoted"))
    return out


def _shared_head(text: str, ctx: OrgContext) -> list[OrgMention]:
    """A plural head noun shared by a list: "die Industriegewerkschaften Metall, BCE und BAU" names three unions,
    "die Handwerkskammern Trier und Koblenz" two chambers. Each item with the singular head is looked up in the
    vocabulary, also as the abbreviation a body uses ("IG BCE" for "Industriegewerkschaft Bergbau, …")."""
    lex = lexicon()
    out = []
    item = r"[A-ZÄÖÜ][\wäöüß.-]*"
    for m in re.finditer(rf"\b([A-ZÄÖÜ][a-zäöüß]+?)(?:en|n|e)\s((?:{item},\s)*{item}\s(?:und|sowie)\s{item})", text):
        head = m.group(1)
        if not _head_word(head.lower()):
            continue
        for part in re.finditer(item, m.group(2)):
            word = part.group(0).rstrip(".")
            body = lex.pick(lex.lookup(f"{head} {word}"), ctx.land)
            if body is None:
                bodies = {b.id: b for b in lex.vocab.bodies if b.name.startswith(head)
                          and any(a.endswith(" " + word) for a in b.acronyms)}  # fmt: skip
                body = next(iter(bodies.values())) if len(bodies) == 1 else None
            if body is None:
                continue
            a = m.start(2) + part.start()
            out.append(OrgMention(a, a + len(word), body.name, word, body.kind, body=body, how="shared"))
            out[-1].acronym = str(m.start())  # where the shared head stands (read by find_orgs, then cleared)
    return out


def _acronym_fits(acr: str, name: str) -> bool:
    letters = [c.lower() for c in acr if c.isalpha()]
    words = [w for w in re.findall(r"[\wÄÖÜäöüß]+", name) if w[:1].isupper() or w.lower() not in grammar.PREPOSITIONS]
    if not letters or not words or words[0][0].lower() != letters[0]:
        return False
    flat, pos = "".join(words).lower(), 0
    for ch in letters:
        pos = flat.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _paren_definitions(text: str, tokens) -> list[OrgMention]:
    """ "Automotive Cluster Ostdeutschland e.V. (ACOD)" when no other recogniser found the name: the capitalised
    run before an acronym in parentheses that the acronym spells."""
    out = []
    for m in re.finditer(r"\(([A-ZÄÖÜ][\w.&-]{1,9}|[a-zäöü]{2,6})\)", text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2 and not acr.islower():
            continue
        before = text[: m.start()].rstrip()
        run = [t for t in tokens if t[1] <= len(before)]
        k = len(run)
        while k > 0:
            s, e, t = run[k - 1]
            gap = text[e : run[k][0]] if k < len(run) else text[e : len(before)]
            if gap.strip() or t in grammar.SENTENCE_WORDS or t.lower() in grammar.ARTICLES:
                break
            adjective = (
                re.fullmatch(r"[a-zäöü]+(?:e|en|er|es)", t) and k >= 2 and run[k - 2][2] in ("für", "der", "des")
            )
            if not (_is_cap(t) or t in ("für", "und", "der", "des", "&", "–") or adjective):
                break
            k -= 1
        while k < len(run) and run[k][2] in ("für", "und", "der", "des", "&", "–"):
            k += 1
        if k >= len(run):
            continue
        name = text[run[k][0] : len(before)]
        if len(name.split()) >= 2 and _acronym_fits(acr, name):
            out.append(OrgMention(run[k][0], m.end(), name, name, "", acronym=acr, how="paren"))
            # "den Europäischen Fonds für …": the adjective before the head is declined

    return out


# ------------------------------------------------------------------------------------------------


PRIORITY = {
    "shared": 0,
    "ministry": 0,
    "gazetteer": 1,
    "legal": 2,
    "head": 3,
    "paren": 4,
    "quoted": 1,
    "acronym": 5,
    "defined": 5,
}


def find_orgs(text: str, ctx: OrgContext | None = None, stops: list[tuple[int, int]] | None = None) -> list[OrgMention]:
    """Organisation mentions in ``text``, non-overlapping, in order; generic and weak ones are flagged.

    ``stops`` are spans no name may run into (people's names found before)."""
    ctx = ctx or OrgContext()
    stops = sorted(stops or [])
    tokens = _tokens(text)
    cands = _ministries(text) + _gazetteer(text, ctx) + _legal_names(text, tokens, stops) + _heads(text, tokens, stops)
    shared = _shared_head(text, ctx)
    heads_at = {int(c.acronym) for c in shared}
    for c in shared:
        c.acronym = None
    cands = [c for c in cands if not (c.how == "head" and c.start in heads_at)]
    cands += _paren_definitions(text, tokens) + _quoted(text, ctx) + shared
    spread = distributed(text)
    if spread:
        heads = [(a, b) for a, b, _ in spread]
        cands = [c for c in cands if not any(a < c.end and c.start < b for a, b in heads)]
        cands += [m for _, _, ms in spread for m in ms]
    for c in cands:
        if c.how in ("gazetteer", "acronym"):
            _extend_branch(text, c, _limit(c.end, stops))
    cands = [c for c in cands if not any(a < c.end and c.start < b for a, b in stops)]
    quoted = [(q.start(), q.end()) for q in re.finditer(r"[„“\"«]([^„“”\"«»]{2,100})[“”\"»]", text)]
    cands = [
        c for c in cands if c.how not in ("head", "paren") or not any(a < c.start and c.end < b for a, b in quoted)
    ]
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), PRIORITY.get(c.how, 9)))
    kept: list[OrgMention] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            last = kept[-1]
            if c.end <= last.end:
                if (
                    last.how == "head"
                    and c.how in ("gazetteer", "acronym")
                    and c.end == last.end
                    and is_generic(text[last.start : c.start].strip())
                ):
                    kept[-1] = c  # an apposition: "die Gewerkschaft IG Metall" names the IG Metall
                    continue
                # nested: a vocabulary body inside a longer name tells that name's body when it starts it
                if c.body is not None and last.body is None and c.start == last.start:
                    last.body = c.body
                if c.acronym and not last.acronym and c.end == last.end:
                    last.acronym = c.acronym
                continue
            if last.how in ("ministry", "gazetteer") and c.how in ("head", "legal"):
                continue  # a pattern that ran past a known name
            kept[-1] = c if (c.end - c.start) > (last.end - last.start) else last
            continue
        kept.append(c)
    out = []
    for c in kept:
        years = re.match(r"(\S+\s+)?Jahren?\s+", c.written or "")
        before = text[: c.start].split()[-1:]
        count = (years.group(1) if years and years.group(1) else (before[0] if before else "")).strip()
        if years and (count.isdigit() or count.lower() in grammar.NUMBER_WORDS):
            # "Zehn Jahre Netzwerk am Erfurter Kreuz": an anniversary before a name, not part of it
            c.start += years.end()
            c.written = c.written[years.end() :]
            if not c.written.strip():
                continue
        _finish(text, c, ctx)
        if c.name:
            out.append(c)
    return out


@cache
def _plural_heads() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    heads = {}
    for kind in lexicon().vocab.kinds:
        for cue in kind.cues:
            for plural in cue.plurals:
                heads[plural] = (cue.text, kind.code)
    if not heads:
        return None, {}
    alts = "|".join(re.escape(p) for p in sorted(heads, key=len, reverse=True))
    return re.compile(rf"\b(?:[Dd](?:en|ie|er)\s+)(?:\w+\s+)?({alts})\s+(?=[A-ZÄÖÜ])"), heads


def is_plural_head(word: str) -> bool:
    """A plural kind noun that introduces an enumeration ("Städten", "Landkreisen")."""
    return word in _plural_heads()[1]


_ITEM_NAME = re.compile(
    r"[A-ZÄÖÜ][\wäöüß.]*(?:-\s?[A-ZÄÖÜ][\wäöüß]*)*(?:\s[A-ZÄÖÜ][\wäöüß]*)*(?:\s\([A-ZÄÖÜ][\w\s]*\))?"
)


def distributed(text: str) -> list[tuple[int, int, list[OrgMention]]]:
    """Enumerations under a plural head noun: (start of the head, end of the list, one mention per item).

    "gemeinsam mit den Landkreisen Altenburger Land, Anhalt-Bitterfeld und Saalekreis" gives Landkreis
    Altenburger Land, Landkreis Anhalt-Bitterfeld and Saalekreis (an item that ends in the head noun is named
    alone); the list ends at the first item that is not a capitalised name or that opens a new plural head.
    Land items must be Länder and take their official name."""
    from industriegraph.text.recognise import lists

    rx, heads = _plural_heads()
    if rx is None:
        return []
    lex = lexicon()
    out = []
    for m in rx.finditer(text):
        singular, kind = heads[m.group(1)]
        a, b = lists.list_region(text, m.end())
        mentions: list[OrgMention] = []
        end = m.end()
        for x, y in lists.items(text, m.end(), b):
            item = _ITEM_NAME.match(text, x, y)
            if item is None or rx.match(text, max(0, x - 4)) or text[x:y].split()[0] in heads:
                break
            written = item.group(0)
            if grammar.gender(written.split()[0]) and len(written.split()) == 1 and written.lower() != written:
                if not written.lower().endswith(singular.lower()[-5:]):
                    break  # a common noun ("Projekte"), unless it ends like the head ("Saalekreis")
            name = re.sub(r"(\w)-\s(?=[A-ZÄÖÜ])", r"\1-", written)
            if kind == "StateGovernment":
                land = lex.land(name)
                if land is None:
                    break
                name = land.official[0] if land.official else f"{singular} {land.name}"
            elif not name.lower().endswith(singular.lower()[-5:]):
                name = f"{singular} {name}"
            mentions.append(OrgMention(item.start(), item.end(), name, written, kind, how="distributed"))
            end = item.end()
            if item.end() < y:
                break  # the clause goes on after this name
        if mentions:
            out.append((m.start(), end, mentions))
    return out


_TRAILING_DOT_OK = re.compile(r"(?:\b[A-Za-z]\.|\bCo\.|\bInc\.|\bLtd\.|\bCorp\.|\be\.\s?V\.|\be\.\s?G\.)$")


def _finish(text: str, c: OrgMention, ctx: OrgContext) -> None:
    lex = lexicon()
    written = c.written.strip(" ,;:")
    if written.endswith(".") and not _TRAILING_DOT_OK.search(written):
        written = written[:-1]
    c.written = written
    spelled = c.aliases.pop() if c.how == "gazetteer" and c.aliases else None
    if c.how == "distributed":
        return
    if c.how == "shared":
        c.aliases = [written]
        c.kind = c.body.kind
        return
    if c.how in ("acronym", "defined") and written == c.acronym:
        full = ctx.acronyms.get(written)
        if full:
            c.name = full
        elif c.body is not None:
            versions = [v for v in c.body.names if v.acronym == written]
            if ctx.date and versions:
                # a ministry's acronym names the ministry of the document's date (BMWi in 2016, BMWK in 2023)
                day = _dt.date.fromisoformat(ctx.date)
                versions = [v for v in versions if v.valid.contains(day)] or versions
            c.name = versions[-1].name if versions else c.body.name
        c.aliases = [written]
    else:
        before = text[: c.start].split()
        article = before[-1].lower() if before else ""
        base = written
        if spelled:
            # the vocabulary's spelling (nominative, hyphens) for the part of the name the vocabulary knows
            variant = next((f.variant for f in lex.lookup_variant(written) if f.text == spelled), None)
            if variant and fold(written).startswith(fold(variant)) and not written.startswith(spelled):
                base = spelled + written[len(fold_prefix(written, variant)) :]
        c.name = grammar.nominative(base, article)
        if c.name.endswith(" e. V") or c.name.endswith(" e.V"):
            c.name += "."
    if c.body is None:
        forms = lex.lookup(c.name) or (lex.acronyms.get(c.acronym, []) if c.acronym else [])
        c.body = lex.pick(forms, ctx.land) if forms else None
    if c.acronym and c.acronym not in c.aliases and c.acronym != c.name:
        c.aliases.append(c.acronym)
    if c.written != c.name and c.written not in c.aliases:
        c.aliases.append(c.written)
    if c.body is not None:
        if fold(c.name) in {fold(n) for n in c.body.all_names()} or c.how in ("acronym", "quoted", "gazetteer"):
            c.kind = c.body.kind
    c.kind = c.kind or classify_kind(c.name)
    if c.how == "head" and c.body is not None:
        c.generic = False
    # a place after a locative preposition is a place ("in der Region Leipzig", "im Stanzwerk Bochum")
    before = text[: c.start].split()[-2:]
    words = [w.lower() for w in before]
    if words and (words[-1] in grammar.LOCATIVE or len(words) == 2 and words[0] in grammar.LOCATIVE and words[1] in
                  grammar.ARTICLES) and c.kind in ("Municipality", "Company") and c.body is None:  # fmt: skip
        c.generic = c.how != "legal"  # "bei der X GmbH" names a firm, not a place


def fold_prefix(written: str, spelled: str) -> str:
    """The part of ``written`` that spells ``spelled`` (they fold alike), e.g. without a missing hyphen."""
    target = fold(spelled)
    for k in range(len(spelled) - 3, len(written) + 1):
        if fold(written[:k]) == target:
            return written[:k]
    return written[: len(spelled)]
