"""The vocabulary as data: typed, validated access to the YAML files in ``model/vocab/``.

What exists and what it is called (organisation kinds and their cue words, legal forms, the bodies
industrial policy keeps meeting, ministry naming patterns, role cues, person functions, event words,
months, Länder) lives in versioned YAML files, each entry with its source. This module reads them,
checks them and hands out frozen dataclasses; it knows no names itself.

Validation happens on load and fails with :class:`VocabError` naming the file and the entry: an
unknown key, a missing or empty ``source``, a duplicate id, a kind code that ``kinds.yaml`` does not
declare, a Land that ``laender.yaml`` does not know, a reference to a body or legal form that does not
exist, an acronym used twice within one kind and Land, a malformed ``valid`` interval.

``vocabulary()`` loads the shipped files once (``functools.cache``; the checked result is kept in the user's cache
until a file changes); ``load(folder)`` reads another folder (tests, a reviewer's draft).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from industriegraph.model import schema
from industriegraph.model.schema import MEMBER_ROLES
from industriegraph.model.user_cache import remembered

VOCAB_DIR = Path(__file__).with_name("vocab")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available, else the pure-Python loader

FILES = (
    "kinds.yaml",
    "legal_forms.yaml",
    "laender.yaml",
    "bodies.yaml",
    "ministry_patterns.yaml",
    "roles.yaml",
    "person_functions.yaml",
    "events.yaml",
    "months.yaml",
    "initiatives.yaml",
    "cues.yaml",
)

MATCHES = frozenset({"word", "prefix", "suffix", "infix", "start", "circumfix"})
LANGS = frozenset({"de", "en", "any"})
ROLE_CODES = frozenset(MEMBER_ROLES)  # the schema declares the roles once
ROLE_SHAPES = frozenset({"heading", "agent", "noun", "verb"})
REQUIREMENTS = frozenset({"founding_year", "next_capitalised"})
LEVELS = frozenset({"federal", "land", "city_state"})
SLOTS = frozenset({"portfolio", "land", "land_gen", "land_adj", "city", "city_official"})
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_VALID_RE = re.compile(rf"^(?P<start>{_DATE})?/(?P<end>{_DATE})?$")


class VocabError(ValueError):
    """A vocabulary file is malformed; the message names the file and the entry."""

    def __init__(self, file: str, entry: str | None, message: str):
        self.file, self.entry, self.reason = file, entry, message
        where = f"{file}: {entry}" if entry else file
        super().__init__(f"{where}: {message}")


# ------------------------------------------------------------------------------------------------
# Types


@dataclass(frozen=True)
class Cue:
    """A head noun or cue word of a kind, or a reference to a legal form (``legal_form`` set)."""

    text: str | None
    legal_form: str | None
    lang: str
    match: str
    rank: int
    case_sensitive: bool = False
    requires: tuple[str, ...] = ()
    note: str | None = None
    plurals: tuple[str, ...] = ()  # plural forms of a head noun before an enumeration ("den Landkreisen A, B und C")


@dataclass(frozen=True)
class Kind:
    code: str
    rank: int
    formal: bool
    label_de: str
    label_de_plural: str
    label_en: str
    label_en_plural: str
    description_de: str
    cues: tuple[Cue, ...]
    source: str
    verified: bool


@dataclass(frozen=True)
class LegalForm:
    id: str
    name: str
    long: str
    variants: tuple[str, ...]
    suggests: str | None
    country: str
    source: str
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class Interval:
    """An ISO interval 'start/end'; either side may be open. Dates compare as strings of equal precision."""

    start: str | None
    end: str | None

    def contains(self, day: _dt.date) -> bool:
        iso = day.isoformat()
        if self.start and iso[: len(self.start)] < self.start:
            return False
        return not (self.end and iso[: len(self.end)] > self.end)

    def __str__(self) -> str:
        return f"{self.start or ''}/{self.end or ''}"


@dataclass(frozen=True)
class NameVersion:
    name: str
    acronym: str | None
    valid: Interval


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    kind: str
    laender: tuple[str, ...]
    city: str | None
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    english: tuple[str, ...]
    part_of: str | None
    member_of: tuple[str, ...]
    family_prefixes: tuple[str, ...]
    valid: Interval | None
    names: tuple[NameVersion, ...]
    source: str
    verified: bool
    note: str | None = None
    acronym_shared: bool = False

    @property
    def land(self) -> str | None:
        """The Land of a body that belongs to exactly one; None for federal and multi-Land bodies."""
        return self.laender[0] if len(self.laender) == 1 else None

    def is_current(self, day: _dt.date | None = None) -> bool:
        return self.valid is None or self.valid.contains(day or _dt.date.today())

    def all_names(self) -> tuple[str, ...]:
        """Every German and English name and spelling (no acronyms), the official name first."""
        seen: dict[str, None] = {self.name: None}
        for n in (*(v.name for v in self.names), *self.aliases, *self.english):
            seen.setdefault(n, None)
        return tuple(seen)


@dataclass(frozen=True)
class Land:
    id: str
    name: str
    iso: str
    english: tuple[str, ...]
    capital: str
    city_state: bool
    official: tuple[str, ...]
    genitive: tuple[str, ...]
    adjective: tuple[str, ...]
    other: tuple[str, ...]
    source: str
    verified: bool

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.official, *self.genitive, *self.adjective, *self.english, *self.other)


@dataclass(frozen=True)
class MinistryPattern:
    id: str
    template: str
    kind: str
    level: str
    laender: tuple[str, ...]  # empty for federal patterns; all sixteen for "all"
    example: str
    source: str
    verified: bool
    note: str | None = None

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\{(\w+)\}", self.template))


@dataclass(frozen=True)
class RoleCue:
    text: str
    lang: str
    role: str
    shape: str
    match: str
    source: str
    verified: bool


@dataclass(frozen=True)
class PersonFunction:
    type: str  # function | not_a_person | not_a_name
    text: str
    lang: str
    forms: tuple[str, ...]
    government: bool
    source: str
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class EventWord:
    text: str
    lang: str
    match: str


@dataclass(frozen=True)
class EventKind:
    kind: str
    label_de: str
    label_en: str
    words: tuple[EventWord, ...]
    source: str
    verified: bool


@dataclass(frozen=True)
class Month:
    number: int
    de: str
    de_variants: tuple[str, ...]
    de_abbrev: tuple[str, ...]
    en: str
    en_abbrev: tuple[str, ...]
    source: str
    verified: bool

    def spellings(self) -> tuple[str, ...]:
        return (self.de, *self.de_variants, *self.de_abbrev, self.en, *self.en_abbrev)


@dataclass(frozen=True)
class InitiativeWord:
    """A head word that names an initiative or plan, the label a page about it gets, how a quoted name reads."""

    text: str
    lang: str
    match: str
    label: str  # Initiative | Strategy
    name: str  # bare | inner
    source: str
    verified: bool


@dataclass(frozen=True)
class DocumentCue:
    """Words or expression alternatives by which a kind of document states something (cues.yaml): the loaders
    read them by ``group``; ``role`` and ``side`` say which role a role cue gives and where the organisation
    stands, ``kind`` what an event word names."""

    id: str
    group: str
    words: tuple[str, ...]
    patterns: tuple[str, ...]
    ignorecase: bool
    role: str | None
    side: str | None
    kind: str | None
    source: str
    verified: bool


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[Kind, ...]
    legal_forms: tuple[LegalForm, ...]
    laender: tuple[Land, ...]
    bodies: tuple[Body, ...]
    ministry_patterns: tuple[MinistryPattern, ...]
    roles: tuple[RoleCue, ...]
    person_functions: tuple[PersonFunction, ...]
    events: tuple[EventKind, ...]
    months: tuple[Month, ...]
    initiative_words: tuple[InitiativeWord, ...] = ()
    cues: tuple[DocumentCue, ...] = ()

    def kind(self, code: str) -> Kind:
        return next(k for k in self.kinds if k.code == code)

    @property
    def kind_codes(self) -> frozenset[str]:
        return frozenset(k.code for k in self.kinds)

    def body(self, id: str) -> Body:
        return next(b for b in self.bodies if b.id == id)

    def legal_form(self, id: str) -> LegalForm:
        return next(f for f in self.legal_forms if f.id == id)

    def land(self, spelling: str) -> Land | None:
        """The Land for any known spelling ("NRW", "Bavaria", "des Saarlandes", "Baden- Württemberg")."""
        return self._land_index.get(_fold(spelling))

    @cached_property
    def _land_index(self) -> Mapping[str, Land]:
        index: dict[str, Land] = {}
        for land in self.laender:
            for s in (land.iso, *land.spellings()):
                index.setdefault(_fold(s), land)
        return index

    def branches(self, id: str) -> tuple[Body, ...]:
        return tuple(b for b in self.bodies if b.part_of == id)

    def members(self, id: str) -> tuple[Body, ...]:
        return tuple(b for b in self.bodies if id in b.member_of)


def _fold(text: str) -> str:
    return re.sub(r"[\s\-‐–]+", " ", text).strip().casefold()


# ------------------------------------------------------------------------------------------------
# Reading and checking


class _Entry:
    """One mapping from a file, with checked access that names the file and entry on error."""

    def __init__(self, file: str, index: int, data: Any, allowed: Iterable[str]):
        self.file = file
        label = None
        if isinstance(data, dict):
            label = data.get("id") or data.get("code") or data.get("kind") or data.get("text") or data.get("number")
        self.name = f"entry {index}" + (f" ({label})" if label is not None else "")
        if not isinstance(data, dict):
            self.fail("must be a mapping")
        self.data: dict[str, Any] = data
        unknown = set(data) - set(allowed)
        if unknown:
            self.fail(f"unknown key(s) {sorted(unknown)}")
        source = data.get("source")
        if not isinstance(source, str) or not source.strip():
            self.fail("missing source (every entry says where its facts come from)")
        if not isinstance(data.get("verified", False), bool):
            self.fail("verified must be true or false")

    def fail(self, message: str) -> None:
        raise VocabError(self.file, self.name, message)

    def str(self, key: str, *, optional: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key!r} must be a non-empty string")
        return value

    def strs(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"{key!r} must be a list of non-empty strings")
        if len(set(value)) != len(value):
            self.fail(f"{key!r} lists a value twice")
        return tuple(value)

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{key!r} must be true or false")
        return value

    def int(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{key!r} must be an integer")
        return value

    def choice(self, key: str, allowed: Iterable[str], value: Any = None) -> str:
        value = self.data.get(key) if value is None else value
        allowed = set(allowed)
        if value not in allowed:
            self.fail(f"{key!r} is {value!r}, not one of {sorted(allowed)}")
        return value

    def interval(self, value: Any) -> Interval:
        m = _VALID_RE.match(value) if isinstance(value, str) else None
        if not m:
            self.fail(f"valid {value!r} is not an ISO interval 'YYYY[-MM[-DD]]/YYYY[-MM[-DD]]' (either side open)")
        start, end = m.group("start"), m.group("end")
        if start and end and end < start[: len(end)]:
            self.fail(f"valid {value!r} ends before it starts")
        return Interval(start, end)


def _read(folder: Path, name: str) -> list[Any]:
    path = folder / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise VocabError(name, None, "file not found") from None
    except yaml.YAMLError as exc:
        raise VocabError(name, None, f"not valid YAML: {exc}") from None
    if not isinstance(data, list) or not data:
        raise VocabError(name, None, "must be a non-empty list of entries")
    return data


def _unique(file: str, items: Iterable[tuple[str, Any]], what: str) -> None:
    seen: set[Any] = set()
    for label, key in items:
        if key in seen:
            raise VocabError(file, label, f"duplicate {what} {key!r}")
        seen.add(key)


def _kinds(folder: Path, legal_ids: set[str]) -> tuple[Kind, ...]:
    f = "kinds.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(
            f,
            i,
            raw,
            (
                "code",
                "rank",
                "formal",
                "label_de",
                "label_de_plural",
                "label_en",
                "label_en_plural",
                "description_de",
                "cues",
                "source",
                "verified",
            ),
        )
        rank = e.int("rank")
        cues = []
        for j, c in enumerate(e.data.get("cues") or [], 1):
            if not isinstance(c, dict) or set(c) - {
                "text",
                "legal_form",
                "lang",
                "match",
                "rank",
                "case",
                "requires",
                "note",
                "plural",
            }:
                e.fail(
                    f"cue {j} must be a mapping with keys text|legal_form, lang, match, rank, case, requires, "
                    "note, plural"
                )
            text, lf = c.get("text"), c.get("legal_form")
            if (text is None) == (lf is None):
                e.fail(f"cue {j} needs exactly one of 'text' and 'legal_form'")
            if lf is not None and lf not in legal_ids:
                e.fail(f"cue {j} names unknown legal form {lf!r}")
            if text is not None and (not isinstance(text, str) or not text.strip()):
                e.fail(f"cue {j} has an empty text")
            lang = e.choice(f"cue {j} lang", LANGS, c.get("lang"))
            match = "word" if lf is not None else e.choice(f"cue {j} match", MATCHES, c.get("match"))
            if match == "circumfix" and text.count("…") != 1:
                e.fail(f"cue {j}: a circumfix cue is written 'start…end'")
            requires = c.get("requires") or []
            for r in requires:
                if r not in REQUIREMENTS and not (
                    isinstance(r, str) and r.startswith("legal_form:") and r.split(":", 1)[1] in legal_ids
                ):
                    e.fail(f"cue {j} has unknown requirement {r!r}")
            if c.get("case", "insensitive") not in ("sensitive", "insensitive"):
                e.fail(f"cue {j}: case must be 'sensitive' or 'insensitive'")
            cue_rank = c.get("rank", rank)
            if not isinstance(cue_rank, int):
                e.fail(f"cue {j}: rank must be an integer")
            cues.append(
                Cue(
                    text,
                    lf,
                    lang,
                    match,
                    cue_rank,
                    c.get("case") == "sensitive",
                    tuple(requires),
                    c.get("note"),
                    tuple(c.get("plural") or ()),
                )
            )
        out.append(
            Kind(
                e.str("code"),
                rank,
                e.bool("formal"),
                e.str("label_de"),
                e.str("label_de_plural"),
                e.str("label_en"),
                e.str("label_en_plural"),
                e.str("description_de"),
                tuple(cues),
                e.str("source"),
                e.bool("verified"),
            )
        )
    _unique(f, ((k.code, k.code) for k in out), "kind code")
    return tuple(out)


def _legal_forms(folder: Path) -> tuple[LegalForm, ...]:
    f = "legal_forms.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("id", "name", "long", "variants", "suggests", "country", "source", "verified", "note"))
        id_ = e.str("id")
        if not _ID_RE.match(id_):
            e.fail(f"id {id_!r} must be a lower-case slug")
        out.append(
            LegalForm(
                id_,
                e.str("name"),
                e.str("long"),
                e.strs("variants"),
                e.data.get("suggests"),
                e.str("country"),
                e.str("source"),
                e.bool("verified"),
                e.str("note", optional=True),
            )
        )
    _unique(f, ((x.id, x.id) for x in out), "id")
    return tuple(out)


def _laender(folder: Path) -> tuple[Land, ...]:
    f = "laender.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(
            f,
            i,
            raw,
            (
                "id",
                "name",
                "iso",
                "english",
                "capital",
                "city_state",
                "official",
                "genitive",
                "adjective",
                "other",
                "source",
                "verified",
            ),
        )
        iso = e.str("iso")
        if not re.fullmatch(r"DE-[A-Z]{2}", iso) or iso[3:].lower() != e.str("id"):
            e.fail(f"iso {iso!r} must be DE-XX and the id its lower-case XX")
        out.append(
            Land(
                e.str("id"),
                e.str("name"),
                iso,
                e.strs("english"),
                e.str("capital"),
                e.bool("city_state"),
                e.strs("official"),
                e.strs("genitive"),
                e.strs("adjective"),
                e.strs("other"),
                e.str("source"),
                e.bool("verified"),
            )
        )
    _unique(f, ((x.id, x.iso) for x in out), "ISO code")
    _unique(f, ((x.id, x.name) for x in out), "name")
    return tuple(out)


def _bodies(folder: Path, kinds: set[str], laender: set[str]) -> tuple[Body, ...]:
    f = "bodies.yaml"
    out: list[Body] = []
    entries: list[_Entry] = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(
            f,
            i,
            raw,
            (
                "id",
                "name",
                "kind",
                "land",
                "city",
                "acronyms",
                "aliases",
                "english",
                "part_of",
                "member_of",
                "family_prefixes",
                "valid",
                "names",
                "source",
                "verified",
                "note",
                "acronym_shared",
            ),
        )
        id_ = e.str("id")
        if not _ID_RE.match(id_):
            e.fail(f"id {id_!r} must be a lower-case slug")
        kind = e.choice("kind", kinds)
        land = e.data.get("land")
        lands = (
            ()
            if land is None
            else (land,)
            if isinstance(land, str)
            else tuple(land)
            if isinstance(land, list)
            else None
        )
        if lands is None:
            e.fail("land must be a Land name, a list of Land names or null")
        for name in lands:
            if name not in laender:
                e.fail(f"unknown Land {name!r} (laender.yaml)")
        names = []
        for j, n in enumerate(e.data.get("names") or [], 1):
            if (
                not isinstance(n, dict)
                or set(n) - {"name", "acronym", "valid"}
                or not n.get("name")
                or "valid" not in n
            ):
                e.fail(f"names[{j}] must be {{name, acronym, valid}}")
            names.append(NameVersion(n["name"], n.get("acronym"), e.interval(n["valid"])))
        valid = e.interval(e.data["valid"]) if "valid" in e.data else None
        part_of = e.str("part_of", optional=True)
        out.append(
            Body(
                id_,
                e.str("name"),
                kind,
                lands,
                e.str("city", optional=True),
                e.strs("acronyms"),
                e.strs("aliases"),
                e.strs("english"),
                part_of,
                e.strs("member_of"),
                e.strs("family_prefixes"),
                valid,
                tuple(names),
                e.str("source"),
                e.bool("verified"),
                e.str("note", optional=True),
                e.bool("acronym_shared"),
            )
        )
        entries.append(e)
    _unique(f, ((b.id, b.id) for b in out), "id")
    ids = {b.id for b in out}
    for b, e in zip(out, entries, strict=True):
        for ref in (b.part_of, *b.member_of):
            if ref is not None and (ref not in ids or ref == b.id):
                e.fail(f"refers to unknown body {ref!r}")
    seen: dict[tuple[str, str, tuple[str, ...]], str] = {}
    for b, e in zip(out, entries, strict=True):
        for acr in b.acronyms:
            key = (b.kind, acr.casefold(), b.laender)
            if key in seen and seen[key] != b.id and not b.acronym_shared:
                e.fail(
                    f"acronym {acr!r} already names {seen[key]!r} (same kind and Land); "
                    "mark acronym_shared: true if both are right"
                )
            seen.setdefault(key, b.id)
    return tuple(out)


def _ministry_patterns(folder: Path, kinds: set[str], laender: tuple[str, ...]) -> tuple[MinistryPattern, ...]:
    f = "ministry_patterns.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("id", "template", "kind", "level", "laender", "example", "source", "verified", "note"))
        raw_laender = e.data.get("laender")
        if raw_laender == "all":
            ls = laender
        else:
            ls = e.strs("laender")
            for name in ls:
                if name not in laender:
                    e.fail(f"unknown Land {name!r} (laender.yaml)")
        p = MinistryPattern(
            e.str("id"),
            e.str("template"),
            e.choice("kind", kinds),
            e.choice("level", LEVELS),
            ls,
            e.str("example"),
            e.str("source"),
            e.bool("verified"),
            e.str("note", optional=True),
        )
        unknown = set(p.slots) - SLOTS
        if unknown:
            e.fail(f"template uses unknown slot(s) {sorted(unknown)}")
        out.append(p)
    _unique(f, ((p.id, p.id) for p in out), "id")
    return tuple(out)


def _roles(folder: Path) -> tuple[RoleCue, ...]:
    f = "roles.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("text", "lang", "role", "shape", "match", "source", "verified"))
        out.append(
            RoleCue(
                e.str("text"),
                e.choice("lang", LANGS),
                e.choice("role", ROLE_CODES),
                e.choice("shape", ROLE_SHAPES),
                e.choice("match", MATCHES),
                e.str("source"),
                e.bool("verified"),
            )
        )
    _unique(f, ((r.text, (r.text.casefold(), r.lang, r.role, r.shape)) for r in out), "role cue")
    return tuple(out)


def _person_functions(folder: Path) -> tuple[PersonFunction, ...]:
    f = "person_functions.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("type", "text", "lang", "forms", "government", "note", "source", "verified"))
        out.append(
            PersonFunction(
                e.choice("type", {"function", "not_a_person", "not_a_name"}),
                e.str("text"),
                e.choice("lang", LANGS),
                e.strs("forms"),
                e.bool("government"),
                e.str("source"),
                e.bool("verified"),
                e.str("note", optional=True),
            )
        )
    _unique(f, ((p.text, (p.type, p.text, p.lang)) for p in out), "entry")
    return tuple(out)


def _events(folder: Path) -> tuple[EventKind, ...]:
    f = "events.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("kind", "label_de", "label_en", "words", "source", "verified"))
        words = []
        for j, w in enumerate(e.data.get("words") or [], 1):
            if not isinstance(w, dict) or set(w) != {"text", "lang", "match"} or not w.get("text"):
                e.fail(f"words[{j}] must be {{text, lang, match}}")
            words.append(
                EventWord(
                    w["text"],
                    e.choice(f"words[{j}] lang", LANGS, w["lang"]),
                    e.choice(f"words[{j}] match", MATCHES, w["match"]),
                )
            )
        if not words:
            e.fail("an event kind needs at least one word")
        out.append(
            EventKind(
                e.str("kind"), e.str("label_de"), e.str("label_en"), tuple(words), e.str("source"), e.bool("verified")
            )
        )
    _unique(f, ((k.kind, k.kind) for k in out), "kind")
    _unique(f, ((w.text, (w.text.casefold(), w.lang)) for k in out for w in k.words), "event word")
    return tuple(out)


def _months(folder: Path) -> tuple[Month, ...]:
    f = "months.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("number", "de", "de_variants", "de_abbrev", "en", "en_abbrev", "source", "verified"))
        n = e.int("number")
        if not 1 <= n <= 12:
            e.fail("number must be 1..12")
        out.append(
            Month(
                n,
                e.str("de"),
                e.strs("de_variants"),
                e.strs("de_abbrev"),
                e.str("en"),
                e.strs("en_abbrev"),
                e.str("source"),
                e.bool("verified"),
            )
        )
    _unique(f, ((str(m.number), m.number) for m in out), "month number")
    return tuple(sorted(out, key=lambda m: m.number))


def _initiative_words(folder: Path) -> tuple[InitiativeWord, ...]:
    f = "initiatives.yaml"
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, ("text", "lang", "match", "label", "name", "source", "verified"))
        out.append(
            InitiativeWord(
                e.str("text"),
                e.choice("lang", LANGS),
                e.choice("match", {"word", "suffix"}),
                e.choice("label", {"Initiative", "Strategy"}),
                e.choice("name", {"bare", "inner"}),
                e.str("source"),
                e.bool("verified"),
            )
        )
    _unique(f, ((w.text, (w.text.casefold(), w.lang)) for w in out), "initiative word")
    return tuple(out)


def _cues(folder: Path) -> tuple[DocumentCue, ...]:
    f = "cues.yaml"
    keys = ("id", "group", "words", "patterns", "ignorecase", "role", "side", "kind", "source", "verified")
    out = []
    for i, raw in enumerate(_read(folder, f), 1):
        e = _Entry(f, i, raw, keys)
        words, patterns = e.strs("words"), e.strs("patterns")
        if bool(words) == bool(patterns):
            e.fail("needs either 'words' or 'patterns'")
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                e.fail(f"pattern {p!r} is no regular expression: {exc}")
        role = e.choice("role", ROLE_CODES) if "role" in raw else None
        side = e.choice("side", {"before", "after", "any", "subject"}) if "side" in raw else None
        out.append(DocumentCue(e.str("id"), e.str("group"), words, patterns, e.bool("ignorecase"), role, side,
                       e.str("kind", optional=True), e.str("source"), e.bool("verified")))  # fmt: skip
    _unique(f, ((c.id, c.id) for c in out), "cue id")
    for c in out:
        if not _ID_RE.match(c.id) or not _ID_RE.match(c.group):
            raise VocabError(f, f"entry ({c.id})", "id and group must be lower-case slugs")
    return tuple(out)


def load(folder: str | Path = VOCAB_DIR) -> Vocabulary:
    """Read and check every vocabulary file in ``folder``; raise :class:`VocabError` on the first problem."""
    folder = Path(folder)
    legal = _legal_forms(folder)
    kinds = _kinds(folder, {x.id for x in legal})
    codes = {k.code for k in kinds}
    for lf in legal:
        if lf.suggests is not None and lf.suggests not in codes:
            raise VocabError("legal_forms.yaml", f"entry ({lf.id})", f"suggests unknown kind {lf.suggests!r}")
    laender = _laender(folder)
    names = tuple(x.name for x in laender)
    return Vocabulary(
        kinds=kinds,
        legal_forms=legal,
        laender=laender,
        bodies=_bodies(folder, codes, set(names)),
        ministry_patterns=_ministry_patterns(folder, codes, names),
        roles=_roles(folder),
        person_functions=_person_functions(folder),
        events=_events(folder),
        months=_months(folder),
        initiative_words=_initiative_words(folder),
        cues=_cues(folder),
    )


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read and checked once per process; once per change of its files or of this module,
    since the checked result is kept in the user's cache (``model.user_cache``): unpickling it takes ~5 ms, reading
    and checking the files ~110 ms, which every command that reads documents paid before its first line."""
    return remembered("vocabulary", vocabulary_inputs(), lambda: load(VOCAB_DIR))


def vocabulary_inputs() -> list[Path]:
    """The files the shipped vocabulary follows from: this module's checks, the roles they accept, the YAML files."""
    return [Path(__file__), Path(schema.__file__), *(VOCAB_DIR / f for f in FILES)]
