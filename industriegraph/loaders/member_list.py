"""Member lists a network office keeps as a table: CSV/TSV, YAML, or a spreadsheet (.xlsx, .ods).

One row per membership, with the columns (YAML: keys) ``initiative``, ``organisation``, ``kind``, ``role``,
``land``, ``source`` (address or document that states it) and ``date`` (as of when), or their German names
(Initiative, Organisation, Art/Typ, Rolle, Land/Bundesland, Quelle, Datum). Only ``initiative`` and
``organisation`` are required. Kinds and roles are given as schema codes or German labels (case-insensitive),
the Land in any spelling the vocabulary knows (``model/vocab/laender.yaml``), the date as ``2024-05-01``,
``2024-05``, ``2024`` or ``01.05.2024``.

Every row is checked before anything is taken: a bad row fails the whole file with a ``SourceError`` naming
``file:line:column`` (a spreadsheet: sheet, row and column), so nothing of a broken list reaches the graph.
A good row becomes an ``Organization`` record, an ``Initiative`` record (``LOCATED_IN`` its Land when given)
and a ``MEMBER_OF`` link with the role, the date and the source address (``citation``); the evidence of all three
is the row (``file.csv:7``; in a spreadsheet the row number). The resolver merges them with what other documents say,
like any other mention.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from industriegraph.loaders.orgs import classify_kind
from industriegraph.model.records import STRUCTURED, LoadResult, Ref
from industriegraph.model.schema import KIND_LABELS, MEMBER_ROLES_DE
from industriegraph.model.vocab import vocabulary
from industriegraph.text.source import SourceError

KIND = "member-list"
SUFFIXES = frozenset({".csv", ".tsv", ".yaml", ".yml", ".xlsx", ".ods"})
SPREADSHEETS = frozenset({".xlsx", ".ods"})

# column (key) names as written, case-folded -> field
COLUMNS = {
    "initiative": "initiative",
    "organisation": "organisation",
    "organization": "organisation",
    "kind": "kind",
    "art": "kind",
    "typ": "kind",
    "organisationsart": "kind",
    "role": "role",
    "rolle": "role",
    "land": "land",
    "bundesland": "land",
    "state": "land",
    "source": "source",
    "quelle": "source",
    "date": "date",
    "datum": "date",
    "stand": "date",
}
FIELDS = ("initiative", "organisation", "kind", "role", "land", "source", "date")
REQUIRED = ("initiative", "organisation")


def claims(path: Path) -> bool:
    """Whether this loader reads the file (by its suffix: a table is no text for the text loaders)."""
    return path.suffix.lower() in SUFFIXES


@dataclass
class Cell:
    value: Any
    line: int  # line in the file (a spreadsheet: row number)
    column: int  # 1-based
    where: str = ""  # a spreadsheet cell: "sheet Mitglieder, row 7, column C"


Row = dict[str, Cell]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _kinds() -> dict[str, str]:
    out: dict[str, str] = {}
    for k in vocabulary().kinds:
        for name in (k.code, k.label_de, k.label_de_plural, k.label_en):
            out.setdefault(_fold(name), k.code)
    for code, label in KIND_LABELS.items():
        out.setdefault(_fold(label), code)
        for part in label.split(" / "):
            out.setdefault(_fold(part), code)
    return out


def _roles() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, label in MEMBER_ROLES_DE.items():
        for name in (code, label, label.replace("/in", ""), label.replace("/in", "in")):
            out.setdefault(_fold(name), code)
    return out


def _date(value: Any) -> str | None:
    """ISO date (or year-month, year) for a cell; None when it is no date."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and float(value).is_integer() and 1800 <= value <= 2200:
        return str(int(value))
    text = str(value).strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if m:
        text = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return _dt.date.fromisoformat(text).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", text) and 1 <= int(text[5:]) <= 12:
            return text
    except ValueError:
        return None
    return text if re.fullmatch(r"(18|19|20|21)\d{2}", text) else None


def _fail(name: str, cell: Cell, header: str, message: str) -> SourceError:
    where = f"{name}: {cell.where}" if cell.where else ""
    return SourceError(name, f"column {header!r}: {message}", cell.line, cell.column, where)


# -- reading the table --------------------------------------------------------------------------------------


def _header(name: str, cells: list[Cell]) -> dict[int, tuple[str, str]]:
    """Column index -> (field, header as written); a ``SourceError`` for an unknown or repeated column."""
    columns: dict[int, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    for i, cell in enumerate(cells):
        text = str(cell.value or "").strip()
        if not text:
            continue
        field = COLUMNS.get(_fold(text))
        if field is None:
            known = ", ".join(FIELDS)
            where = f"{name}: {cell.where}" if cell.where else ""
            raise SourceError(name, f"unknown column {text!r} (known: {known}, or German names)", cell.line,
                              cell.column, where)  # fmt: skip
        if field in seen:
            raise SourceError(name, f"column {text!r} repeats {seen[field]!r}", cell.line, cell.column,
                              f"{name}: {cell.where}" if cell.where else "")  # fmt: skip
        seen[field] = text
        columns[i] = (field, text)
    first = cells[0] if cells else Cell("", 1, 1)
    for field in REQUIRED:
        if field not in seen:
            where = f"{name}: {first.where}" if first.where else ""
            raise SourceError(name, f"no column {field!r} in the header", first.line, None, where)
    return columns


def _table(name: str, grid: list[list[Cell]]) -> list[Row]:
    """Rows as {field: Cell} from a grid whose first non-empty row is the header."""
    grid = [r for r in grid if any(str(c.value if c.value is not None else "").strip() for c in r)]
    if not grid:
        raise SourceError(name, "no header row (the table is empty)", 1)
    columns = _header(name, grid[0])
    rows = []
    for cells in grid[1:]:
        row: Row = {}
        for i, cell in enumerate(cells):
            if i in columns:
                row[columns[i][0]] = cell
            elif str(cell.value if cell.value is not None else "").strip():
                where = f"{name}: {cell.where}" if cell.where else ""
                raise SourceError(name, "a value in a column without header", cell.line, cell.column, where)
        rows.append(row)
    headers = {field: text for field, text in columns.values()}
    out = []
    for cells, row in zip(grid[1:], rows, strict=True):
        for i, (field, _) in columns.items():  # a short row: its missing cells are empty
            if field not in row:
                where = cells[0].where.rsplit(", column", 1)[0] + f", column {_column_letters(i + 1)}"
                row[field] = Cell("", cells[0].line, i + 1, where if cells[0].where else "")
        out.append(dict(row, _headers=Cell(headers, 0, 0)))
    return out


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(path.name, "file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path.name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})",
                          data.count(b"\n", 0, exc.start) + 1) from None  # fmt: skip
    return text.removeprefix("\ufeff")


def _csv_grid(path: Path) -> list[list[Cell]]:
    text = _read_text(path)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:  # German spreadsheets write ";" (the comma is the decimal sign)
        delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    grid, start = [], 1
    try:
        for cells in reader:
            grid.append([Cell(v, start, i) for i, v in enumerate(cells, 1)])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(path.name, f"not a readable table ({exc})", reader.line_num or start) from None
    return grid


def _yaml_rows(path: Path) -> list[Row]:
    """A YAML list of mappings (or a mapping whose one key holds that list), each item a row."""
    text = _read_text(path)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise SourceError(path.name, f"not valid YAML ({getattr(exc, 'problem', exc)})", line, col) from None
    if isinstance(root, yaml.MappingNode) and len(root.value) == 1:
        root = root.value[0][1]
    if not isinstance(root, yaml.SequenceNode):
        line = root.start_mark.line + 1 if root else 1
        raise SourceError(path.name, "expected a list of rows (one mapping per membership)", line)
    rows = []
    for item in root.value:
        mark = item.start_mark
        if not isinstance(item, yaml.MappingNode):
            raise SourceError(path.name, "a row must be a mapping (initiative: …, organisation: …)", mark.line + 1,
                              mark.column + 1)  # fmt: skip
        row: Row = {}
        headers = {}
        for key, value in item.value:
            k = str(key.value)
            field = COLUMNS.get(_fold(k))
            km = key.start_mark
            if field is None:
                raise SourceError(path.name, f"unknown key {k!r} (known: {', '.join(FIELDS)}, or German names)",
                                  km.line + 1, km.column + 1)  # fmt: skip
            if not isinstance(value, yaml.ScalarNode):
                raise SourceError(path.name, f"key {k!r}: expected one value", km.line + 1, km.column + 1)
            vm = value.start_mark
            parsed = yaml.safe_load(yaml.serialize(value)) if value.value != "" else ""
            row[field] = Cell(parsed if parsed is not None else "", vm.line + 1, vm.column + 1)
            headers[field] = k
        for field in REQUIRED:
            if field not in row:
                raise SourceError(path.name, f"row without {field!r}", mark.line + 1, mark.column + 1)
        row["_headers"] = Cell(headers, 0, 0)
        row["_row"] = Cell("", mark.line + 1, mark.column + 1)
        rows.append(row)
    return rows


def _column_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _sheet_rows(path: Path) -> list[Row]:
    """The first sheet of a workbook (python-calamine reads .xlsx and .ods)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = book.sheet_names[0]
        values = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, IndexError, ValueError) as exc:
        raise SourceError(path.name, f"not a readable spreadsheet ({exc})") from None
    grid = [
        [Cell(v, r, c, f"sheet {sheet!r}, row {r}, column {_column_letters(c)}") for c, v in enumerate(row, 1)]
        for r, row in enumerate(values, 1)
    ]
    return _table(path.name, grid)


def sheet_lines(path: Path) -> list[str]:
    """Each row of a spreadsheet's first sheet as one line, its cells joined by " | " (for quoting evidence)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, IndexError, ValueError):
        return []
    return [" | ".join(_text(Cell(v, 0, 0)) for v in row).rstrip(" |") for row in values]


# -- rows to records ----------------------------------------------------------------------------------------


def rows(path: Path) -> list[Row]:
    """The rows of a member list as read (no checking of values yet)."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_rows(path)
    if suffix in SPREADSHEETS:
        return _sheet_rows(path)
    return _table(path.name, _csv_grid(path))


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def load_file(path: Path) -> LoadResult:
    """Check every row, then turn the rows into records; a ``SourceError`` for the first bad row."""
    name = path.name
    if not path.is_file():
        raise SourceError(name, "source file not found")
    kinds, roles = _kinds(), _roles()
    checked = []
    table = rows(path)
    if not table:
        raise SourceError(name, "no rows under the header", 1)
    for row in table:
        headers: dict[str, str] = row["_headers"].value
        anchor = row.get("_row") or next(c for k, c in row.items() if not k.startswith("_"))
        values: dict[str, Any] = {}
        for field in REQUIRED:
            if not _text(row.get(field)):
                cell = row.get(field) or Cell("", anchor.line, anchor.column, anchor.where)
                raise _fail(name, cell, headers.get(field, field), f"missing {field} (the row names no {field})")
            values[field] = _text(row[field])
        if kind := _text(row.get("kind")):
            code = kinds.get(_fold(kind))
            if code is None:
                raise _fail(name, row["kind"], headers["kind"],
                            f"unknown organisation kind {kind!r} (a code or German label, e.g. Unternehmen, "
                            "Gewerkschaft, IHK)")  # fmt: skip
            values["kind"] = code
        if role := _text(row.get("role")):
            code = roles.get(_fold(role))
            if code is None:
                raise _fail(name, row["role"], headers["role"],
                            f"unknown role {role!r} (known: {', '.join(MEMBER_ROLES_DE.values())})")  # fmt: skip
            values["role"] = code
        if land := _text(row.get("land")):
            found = vocabulary().land(land) or next((x for x in vocabulary().laender if x.id == _fold(land)), None)
            if found is None:
                raise _fail(name, row["land"], headers["land"], f"unknown Land {land!r} (one of the sixteen Länder)")
            values["land"] = found.name
        if (cell := row.get("date")) is not None and _text(cell):
            iso = _date(cell.value)
            if iso is None:
                raise _fail(name, cell, headers["date"],
                            f"not a date: {_text(cell)!r} (write 2024-05-01, 2024-05, 2024 or 01.05.2024)")  # fmt: skip
            values["date"] = iso
        if source := _text(row.get("source")):
            values["source"] = source
        checked.append((anchor.line, values))
    return _records(name, checked)


def _records(name: str, checked: list[tuple[int, dict[str, Any]]]) -> LoadResult:
    result = LoadResult(specificity=STRUCTURED)
    initiatives: dict[str, list[int]] = {}
    lands: dict[str, dict[str, list[int]]] = {}
    for line, v in checked:
        initiatives.setdefault(v["initiative"], []).append(line)
        if "land" in v:
            lands.setdefault(v["initiative"], {}).setdefault(v["land"], []).append(line)
    for ini, lines in initiatives.items():
        ref = result.add("Initiative", ini, [f"{name}:{n}" for n in lines], name=ini)
        for position, (land, land_lines) in enumerate(lands.get(ini, {}).items(), 1):
            result.link("LOCATED_IN", ref, Ref("State", land), [f"{name}:{n}" for n in land_lines], position=position)
    for line, v in checked:
        org, ev = v["organisation"], f"{name}:{line}"
        result.add("Organization", org, ev, name=org, kind=v.get("kind") or classify_kind(org))
        props = {k: x for k, x in (("date", v.get("date")), ("citation", v.get("source"))) if x}
        result.link("MEMBER_OF", Ref("Organization", org), Ref("Initiative", v["initiative"]), ev,
                    role=v.get("role", "member"), **props)  # fmt: skip
    return result
