"""A site's data laid out as the rows of each sheet (and the template's starting rows).

The inverse of ``reading``: each record of the site lands in one row of its table, with the
JSON path it came from, so that comments on it (``# emcheck: ignore``) can follow it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from emcheck.loading.document import JsonPath
from emcheck.sitebook.layout import Column, Layout, Table
from emcheck.validation.schema_fields import SUB_SITE_KEYS, applies, fields, level_schema, resolve

YES, NO = "是", "否"


@dataclass(frozen=True)
class Row:
    path: JsonPath
    """The record's path in the site file: ``("grids", 2)``, ``("villages", 0)`` …"""
    cells: tuple[Any, ...]
    """One value per column of the table; None leaves the cell empty."""


def units(data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, Mapping[str, Any]]]:
    """The file's own unit, then each embedded village and community, with its path."""
    yield (), data
    for key in SUB_SITE_KEYS:
        for index, unit in enumerate(data.get(key) or []):
            if isinstance(unit, Mapping):
                # The list says the level; 基本信息 needs it written to tell the two apart.
                yield (key, index), {**unit, "level": unit.get("level", SUB_SITE_KEYS[key])}


def table_rows(layout: Layout, table: Table, data: Mapping[str, Any]) -> list[Row]:
    rows = []
    for where, unit in units(data):
        name = unit.get("name") if layout.several else None
        if table.parent is not None:
            parent = _parent_table(layout, table)
            for at, record in _records(parent, unit, where):
                label = _get(record, _label(table))
                for index, child in enumerate(_get(record, table.path) or []):
                    row = (*at, *table.path, index)
                    rows.append(Row(row, _cells(table, child, name, label)))
            continue
        if not table.many:
            record = unit if not table.key else _get(unit, table.path)
            if isinstance(record, Mapping) and (record or not table.key):
                rows.append(Row((*where, *table.path), _cells(table, record, name, None)))
            continue
        for at, record in _records(table, unit, where):
            rows.append(Row(at, _cells(table, record, name, None)))
    return rows


def repeated_parent(layout: Layout, data: Mapping[str, Any]) -> tuple[JsonPath, Any] | None:
    """The first record whose child rows a workbook could not give back, with its label: a
    child row names its parent by the label (物资类别), so two parents of one label, one of
    them with children, cannot be told apart when the workbook is read."""
    for table in layout.tables:
        if table.parent is None:
            continue
        parent = _parent_table(layout, table)
        for where, unit in units(data):
            seen: dict[str, bool] = {}
            for at, record in _records(parent, unit, where):
                label = str(_get(record, _label(table)))
                has_rows = bool(_get(record, table.path))
                if label in seen and (has_rows or seen[label]):
                    return at, label
                seen[label] = seen.get(label, False) or has_rows
    return None


def _parent_table(layout: Layout, table: Table) -> Table:
    return next(t for t in layout.tables if t.key == table.parent)


def _label(table: Table) -> tuple[str, ...]:
    return next(c.path for c in table.columns if c.kind == "parent")


def _records(
    table: Table, unit: Mapping[str, Any], where: JsonPath
) -> Iterator[tuple[JsonPath, Mapping[str, Any]]]:
    for index, record in enumerate(_get(unit, table.path) or []):
        if isinstance(record, Mapping):
            yield (*where, *table.path, index), record


def _cells(table: Table, record: Mapping[str, Any], unit: Any, label: Any) -> tuple[Any, ...]:
    special = {"unit": unit, "parent": label, "remark": None}
    return tuple(
        special[c.kind] if c.kind in special else shown(c, _get(record, c.path))
        for c in table.columns
    )


def shown(column: Column, value: Any) -> Any:
    """What a cell holds for ``value``: 是/否, a date, one line per entry of a list."""
    if value is None:
        return None
    if column.kind == "flag":
        return (YES if column.choices[0] in value else NO) if isinstance(value, list) else None
    if column.kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value) or None
    if isinstance(value, bool):
        return YES if value else NO
    if column.kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _get(record: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(record, Mapping):
            return None
        record = record.get(key)
    return record


def template_data(level: str) -> dict[str, Any]:
    """What an unedited workbook holds: the identity stand-ins and each list's preset rows."""
    schema = level_schema(level)
    data: dict[str, Any] = {}
    for field in fields(schema, level):
        placeholder = field.schema.get("x-placeholder")
        if field.key == "level":
            data["level"] = level
        elif isinstance(placeholder, Mapping):
            data[field.key] = placeholder[level]
    _presets(schema, level, data)
    return data


def _presets(node: Any, level: str, into: dict[str, Any]) -> None:
    for field in fields(node, level):
        if field.schema.get("type") == "object" and "properties" in field.schema:
            inner: dict[str, Any] = {}
            _presets(field.schema, level, inner)
            if inner:
                into[field.key] = inner
        rows = [r for r in field.schema.get("x-rows", []) if applies(r, level)]
        if rows and "properties" in resolve(field.schema.get("items", {})):
            into[field.key] = [{k: v for k, v in r.items() if not k.startswith("x-")} for r in rows]
