"""Read a site workbook into the Document the YAML loader makes, every value at its cell.

基本信息 gives the units: the file's own (a district, or the one village) and, in a
district's workbook, its villages and communities, which the other sheets name in 所属单位
(by name or id; blank is the file's own unit). Each sheet's rows then become records of
their unit, a child sheet's rows records of the parent row they name. Blank rows are skipped
wherever they are; the workbook's own limits and refusals are ``loading.workbook``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.document import Document, JsonPath, Position
from emcheck.loading.ignore_comments import InlineIgnore, ignore_in
from emcheck.loading.workbook import Book, open_workbook
from emcheck.loading.workbook_vetting import WorkbookLimits
from emcheck.sitebook.cells import cell_value
from emcheck.sitebook.headers import Found, find_columns
from emcheck.sitebook.layout import GRASSROOTS, Table, reading_layout
from emcheck.sitebook.sheets import find_sheets
from emcheck.validation.schema_fields import SUB_SITE_KEYS

SPECIAL = ("unit", "parent", "remark")
LIST_OF = {level: key for key, level in SUB_SITE_KEYS.items()}


class _Unit:
    def __init__(self, path: JsonPath, data: dict[str, Any]) -> None:
        self.path, self.data = path, data
        self.records: dict[str, list[tuple[JsonPath, dict[str, Any]]]] = {}


def read_site_workbook(path: Path, limits: WorkbookLimits | None = None) -> Document:
    book = open_workbook(path, limits)
    layout = reading_layout()
    sheets = find_sheets(book, layout)
    reader = _Reader(book)
    units = reader.units(sheets[""], layout.tables[0])
    for table in layout.tables[1:]:
        if table.key in sheets:
            reader.table(sheets[table.key], table, units)
    data = units[0].data
    for key in SUB_SITE_KEYS:  # embedded units last, as a site file has them
        if key in data:
            data[key] = data.pop(key)
    return Document(
        book.file, data, reader.positions, "xlsx", False, reader.ignores, tuple(reader.notes)
    )


class _Reader:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.positions: dict[JsonPath, Position] = {}
        self.ignores: tuple[InlineIgnore, ...] = ()
        self.notes: list[tuple[JsonPath, str]] = []

    def units(self, sheet: Worksheet, table: Table) -> list[_Unit]:
        found = find_columns(self.book, sheet, table)
        rows = [(row, record) for row, record in self._rows(sheet, found) if record]
        if not rows:
            raise InputError(
                Location(self.book.file, sheet=sheet.title),
                Text("没有填写任何单位（单位标识、单位名称等）", "holds no unit (id, name …)"),
            )
        top = next((i for i, (_, r) in enumerate(rows) if r.get("level") not in GRASSROOTS), 0)
        ordered = [rows[top], *rows[:top], *rows[top + 1 :]]
        units: list[_Unit] = []
        for number, (row, record) in enumerate(ordered):
            path: JsonPath = ()
            data = {"schema_version": 1, **record}
            if number:
                key = LIST_OF.get(str(record.get("level")), "villages")
                data = {k: v for k, v in record.items() if k != "level"}
                siblings = units[0].data.setdefault(key, [])
                path = (key, len(siblings))
                siblings.append(data)
            units.append(_Unit(path, data))
            self._place(sheet, found, row, path, record)
        return units

    def table(self, sheet: Worksheet, table: Table, units: list[_Unit]) -> None:
        found = find_columns(self.book, sheet, table)
        for row, record in self._rows(sheet, found):
            if not record:
                continue
            unit = self._unit_of(sheet, found, row, units)
            if table.parent is not None:
                parent_path, into = self._parent(sheet, found, row, unit, table)
            else:
                parent_path, into = unit.path, unit.data
            path = self._put(sheet, row, table, into, record, parent_path)
            unit.records.setdefault(table.key, []).append((path, record))
            self._place(sheet, found, row, path, record)

    def _put(
        self,
        sheet: Worksheet,
        row: int,
        table: Table,
        into: dict[str, Any],
        record: dict[str, Any],
        at: JsonPath,
    ) -> JsonPath:
        *outer, last = table.path
        holder = into
        for key in outer:
            holder = holder.setdefault(key, {})
        if not table.many:
            if last in holder:
                raise InputError(
                    self.book.where(sheet, row),
                    Text("同一单位在本表只能有一行", "one row per unit in this sheet"),
                )
            holder[last] = record
            return (*at, *table.path)
        records = holder.setdefault(last, [])
        records.append(record)
        return (*at, *table.path, len(records) - 1)

    def _rows(self, sheet: Worksheet, found: Found) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each row below the header with its values by column key (blank rows give {})."""
        for row in range(found.first_row, sheet.max_row + 1):
            values: dict[str, Any] = {}
            for col, column in found.columns.items():
                value = cell_value(self.book, sheet, row, col, column)
                if value is not None:
                    values[column.key] = (col, value)
            yield row, _record(found, values)

    def _place(
        self, sheet: Worksheet, found: Found, row: int, path: JsonPath, record: dict[str, Any]
    ) -> None:
        """Positions of the record, its values, and its 备注/豁免 ignore."""
        first = min(found.columns)
        self.positions[path] = self._cell(sheet, row, first)
        for depth in range(len(path)):
            self.positions.setdefault(path[:depth], self._cell(sheet, row, first))
        for col, column in found.columns.items():
            if column.kind == "remark":
                self._remark(sheet, row, col, path)
            elif column.kind not in SPECIAL and _has(record, column.path):
                self.positions.setdefault((*path, *column.path), self._cell(sheet, row, col))

    def _remark(self, sheet: Worksheet, row: int, col: int, path: JsonPath) -> None:
        text = self.book.text(sheet, row, col)
        found = ignore_in(text, self.book.where(sheet, row, col)) if text else None
        if found is not None:
            self.ignores = (*self.ignores, found)
        elif text:
            self.notes.append((path, text))

    def _cell(self, sheet: Worksheet, row: int, col: int) -> Position:
        return Position(row, col, sheet.title, f"{get_column_letter(col)}{row}")

    def _unit_of(self, sheet: Worksheet, found: Found, row: int, units: list[_Unit]) -> _Unit:
        col = next((c for c, k in found.columns.items() if k.kind == "unit"), None)
        named = self.book.text(sheet, row, col).strip() if col else ""
        if not named:
            return units[0]
        for unit in units:
            if named in (unit.data.get("name"), unit.data.get("id")):
                return unit
        assert col is not None
        known = "、".join(str(u.data.get("name")) for u in units)
        raise InputError(
            self.book.where(sheet, row, col),
            Text(
                f"“{named}”不是“基本信息”中的单位（{known}）",
                f"'{named}' is no unit of the basic information sheet ({known})",
            ),
        )

    def _parent(
        self, sheet: Worksheet, found: Found, row: int, unit: _Unit, table: Table
    ) -> tuple[JsonPath, dict[str, Any]]:
        col, column = next((c, k) for c, k in found.columns.items() if k.kind == "parent")
        named = self.book.text(sheet, row, col).strip()
        matches = [
            (path, record)
            for path, record in unit.records.get(str(table.parent), [])
            if str(_get(record, column.path)) == named
        ]
        if len(matches) == 1:
            return matches[0]
        choices = "、".join(
            str(_get(r, column.path)) for _, r in unit.records.get(str(table.parent), [])
        )
        raise InputError(
            self.book.where(sheet, row, col),
            Text(
                f"“{named}”{'对应多行' if matches else '没有对应的行'}（可填：{choices}）",
                f"'{named}' matches {'several rows' if matches else 'no row'} ({choices})",
            ),
        )


def _record(found: Found, values: dict[str, Any]) -> dict[str, Any]:
    """The record of a row's values; {} when it holds none but unit, parent or remark."""
    record: dict[str, Any] = {}
    for column in found.columns.values():
        if column.key not in values or column.kind in SPECIAL:
            continue
        value = values[column.key][1]
        if column.kind == "flag":
            chosen = _get(record, column.path) or []
            value = [*chosen, column.choices[0]] if value else chosen
        _set(record, column.path, value)
    if record:
        for column in found.columns.values():
            if column.required and column.path[0] not in record:
                record[column.path[0]] = ""
    return record


def _has(record: dict[str, Any], path: tuple[str, ...]) -> bool:
    return _get(record, path) is not None


def _get(record: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(record, dict):
            return None
        record = record.get(key)
    return record


def _set(record: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        record = record.setdefault(key, {})
    record[path[-1]] = value
