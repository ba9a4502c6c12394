"""Judgements: a person's decision whether two names mean one entity, kept in a reviewable file.

The model follows nomenklatura's ``Judgement`` (positive / negative / unsure / no judgement, with user and
timestamp): ``same`` is nomenklatura's POSITIVE, ``different`` NEGATIVE, ``unsure`` UNSURE; a candidate nobody
has judged yet is NO_JUDGEMENT (it has no entry). nomenklatura itself is not used: it keeps judgements in a
database over followthemoney entities and statements, and pulls in followthemoney's whole model; our store is one
YAML file a reviewer reads and diffs (``data/aliases.yaml``).

File format (a YAML list, one entry per decision, sorted by label, name and the other names)::

    - label: Organization              # Organization, Initiative, Person, Strategy
      name: Beispielverband Nord e. V.
      aliases: [BVN, Beispielverband Nord]   # decision same: the spellings that mean this entity
      kind: BusinessAssociation        # optional: the organisation kind to keep
      decision: same
      author: maintainers
      date: 2026-11-22
      note: why

    - label: Initiative
      name: Netzwerk Wasserstoff Nord
      other: Netzwerk Wasserstoff Nordost   # decision different or unsure: exactly one other name
      decision: different
      candidate: 3fa9c2d1              # the id ``industriegraph review`` showed, when it came from a candidate
      author: …
      date: …

Semantics in the build (``industriegraph.resolve``): ``same`` joins the names (an entry without ``candidate`` also
decides the canonical name and kind, as the alias file always did); ``different`` keeps them apart, also when a
chain of other similar names would join them, and a link look-up judged different is left out; ``unsure`` keeps
what the machine did and the candidate stays listed, marked unsure (nomenklatura would keep the two apart; here
the reviewer's "I do not know" changes nothing in the graph). The rule that near-identical names differing in a
number or a short token name different things (``resolve._compatible``) is general,
not a decision about one pair, so it stays a rule in code.

An entry without ``decision`` is ``same`` (the alias file's older form). ``write_judgements`` writes the entries in
one canonical form: reading a file and writing it again gives the same bytes when it is already canonical.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml when available (parsing the five sources' judgement file: 1 ms instead of 26 ms), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SAME, DIFFERENT, UNSURE = "same", "different", "unsure"
DECISIONS = (SAME, DIFFERENT, UNSURE)
NOMENKLATURA = {SAME: "positive", DIFFERENT: "negative", UNSURE: "unsure", None: "no_judgement"}
LABELS = ("Organization", "Initiative", "Person", "Strategy")
KEYS = ("label", "name", "aliases", "other", "kind", "decision", "candidate", "author", "date", "note")

HEADER = """\
# Reviewable judgements: what the resolution rules cannot decide on their own (see
# industriegraph/model/judgements.py for the format). `industriegraph review` lists the merges and links the
# machine made on similarity alone; `industriegraph review accept|reject|unsure ID` records a decision here and
# the next build honours it: same -> one node, different -> kept apart, unsure -> stays listed for review.
# Entries are sorted (label, name, other names); the command rewrites the file in this form.
"""


class JudgementError(ValueError):
    """A judgement file that cannot be read; the message names the file and line."""


@dataclass
class Judgement:
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)  # the other names (one for different / unsure)
    kind: str | None = None
    decision: str = SAME
    author: str | None = None
    date: str | None = None
    note: str | None = None
    candidate: str | None = None

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def sort_key(self) -> tuple:
        return (self.label, self.name.casefold(), [a.casefold() for a in self.aliases], self.decision)


def read_judgements(path: Path | None) -> list[Judgement]:
    """The judgements of a file; a missing file means none. ``JudgementError`` names ``file:line`` of a bad entry."""
    if path is None or not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()  # the nodes: their lines name a bad entry
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode):
            raise JudgementError(f"{path}:{root.start_mark.line + 1}: erwartet wird eine Liste von Entscheidungen")
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise JudgementError(f"{where}: kein gültiges YAML ({getattr(exc, 'problem', exc)})") from None
    finally:
        loader.dispose()
    out = []
    for node, item in zip(root.value, data, strict=True):
        where = f"{path}:{node.start_mark.line + 1}"
        out.append(_entry(item, where))
    return out


def _entry(item: object, where: str) -> Judgement:
    if not isinstance(item, dict):
        raise JudgementError(f"{where}: ein Eintrag ist eine Zuordnung mit 'label' und 'name'")
    unknown = sorted(set(item) - set(KEYS))
    if unknown:
        raise JudgementError(f"{where}: unbekannte Angabe {', '.join(map(repr, unknown))} (erlaubt: {', '.join(KEYS)})")
    if not item.get("label") or not item.get("name"):
        raise JudgementError(f"{where}: der Eintrag braucht 'label' und 'name'")
    if item["label"] not in LABELS:
        raise JudgementError(f"{where}: label {item['label']!r} unbekannt (erlaubt: {', '.join(LABELS)})")
    decision = item.get("decision") or SAME
    if decision not in DECISIONS:
        raise JudgementError(f"{where}: decision {decision!r} unbekannt (erlaubt: {', '.join(DECISIONS)})")
    others = [str(x) for x in item.get("aliases") or []]
    if item.get("other"):
        others.append(str(item["other"]))
    if decision != SAME and len(others) != 1:
        raise JudgementError(f"{where}: decision {decision} braucht genau einen anderen Namen ('other')")
    date = item.get("date")
    return Judgement(
        label=item["label"],
        name=str(item["name"]),
        aliases=others,
        kind=item.get("kind"),
        decision=decision,
        author=item.get("author"),
        date=date.isoformat() if isinstance(date, dt.date) else (str(date) if date else None),
        note=item.get("note"),
        candidate=str(item["candidate"]) if item.get("candidate") else None,
    )


_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß0-9„][^:#,\[\]{}\"\n]*")


def _scalar(value: str) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted (JSON is valid YAML)."""
    if _PLAIN.fullmatch(value) and value == value.strip():
        try:
            if yaml.safe_load(f"[{value}]") == [value]:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def dump_judgements(entries: list[Judgement]) -> str:
    """The canonical text of a judgement file: header, entries sorted, one key per line, a blank line between."""
    blocks = []
    for j in sorted(entries, key=Judgement.sort_key):
        lines = [f"- label: {j.label}", f"  name: {_scalar(j.name)}"]
        if j.decision == SAME:
            lines.append(f"  aliases: [{', '.join(_scalar(a) for a in j.aliases)}]")
        else:
            lines.append(f"  other: {_scalar(j.aliases[0])}")
        if j.kind:
            lines.append(f"  kind: {_scalar(j.kind)}")
        lines.append(f"  decision: {j.decision}")
        for key in ("candidate", "author", "date", "note"):
            value = getattr(j, key)
            if value:
                plain = key == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value))
                lines.append(f"  {key}: {value if plain else _scalar(str(value))}")
        blocks.append("\n".join(lines))
    return HEADER + "\n" + "\n\n".join(blocks) + "\n"


def write_judgements(path: Path, entries: list[Judgement]) -> None:
    """Write the file in its canonical form, atomically (a half-written file never replaces the old one)."""
    text = dump_judgements(entries)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def record(
    path: Path,
    candidate: dict,
    decision: str,
    *,
    author: str | None = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> Judgement:
    """Record a decision on a candidate (``{"id", "label", "names": [a, b], …}`` as ``Graph.candidates`` lists it)
    in the judgement file: an earlier decision on the same candidate is replaced. Returns the new entry."""
    if decision not in DECISIONS:
        raise ValueError(f"decision {decision!r} unbekannt (erlaubt: {', '.join(DECISIONS)})")
    first, second = candidate["names"]
    entry = Judgement(
        label=candidate["label"],
        name=first,
        aliases=[second],
        decision=decision,
        author=author,
        date=(today or dt.date.today()).isoformat(),
        note=note or None,
        candidate=candidate["id"],
    )
    entries = [j for j in read_judgements(path) if j.candidate != candidate["id"]]
    write_judgements(path, [*entries, entry])
    return entry
