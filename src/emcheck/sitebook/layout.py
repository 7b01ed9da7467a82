"""The site schema read as the sheets and columns of a site workbook.

Each part of a unit is a sheet: the unit's own scalars are 基本信息, each object field
(救援队, 值守制度 …) is a sheet with one row per unit, each list of records (网格, 培训 …) a
sheet with one row per record. Nested objects become columns (网格员·姓名); a list of choices
becomes one 是/否 column per choice; a list of free text is one cell, an entry per line; a list
of records inside a record (物资明细 of a material category) is a child sheet whose rows name
their parent by its first field. Every sheet of a workbook holding several units (a district
and its villages) starts with a 单位 column; every sheet ends with 备注/豁免, where
``emcheck: ignore`` lines live.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from emcheck.i18n import Text
from emcheck.validation.schema_fields import (
    SUB_SITE_KEYS,
    Field,
    Node,
    fields,
    level_schema,
    resolve,
    template_order,
)

Kind = Literal[
    "text",
    "integer",
    "number",
    "date",
    "yes_no",
    "choice",
    "flag",
    "lines",
    "unit",
    "parent",
    "remark",
]
GRASSROOTS = ("village", "community")
LEFT_OUT = frozenset({"schema_version", *SUB_SITE_KEYS})
"""The format version rides in a document property; embedded units are rows of 基本信息."""
UNIT = Text("所属单位", "Unit")
REMARK = Text("备注/豁免", "Remarks/ignores")
BASIC = Text("基本信息", "Basic information")
_SHORT = re.compile(r"[（，,：:；;。]")
"""Where a description's name ends; not at "(", which 村(社区) and 二(一) use."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet and the value it holds within the sheet's record."""

    key: str
    """What the hidden key row says: ``grid_worker.name``, ``covers[风险评估]``, ``unit`` …"""
    path: tuple[str, ...]
    """Where the value goes inside the row's record (empty for unit, parent and remark)."""
    kind: Kind
    header: Text
    help: Text
    """The schema's whole description, with the clause."""
    choices: tuple[str, ...] = ()
    """The choices of a choice column; for a flag column, the one choice it stands for."""
    required: bool = False
    """Required text of a record: an empty cell reads as "", as the YAML template has it."""


@dataclass(frozen=True)
class Table:
    """One sheet: a part of every unit, or a list of records of every unit."""

    key: str
    """Dotted path from the unit, ``""`` for 基本信息: ``grids``, ``materials.items``."""
    path: tuple[str, ...]
    """Where its records go: from the unit, or from the parent's record for a child sheet."""
    many: bool
    """A row per record (a list), or one row per unit (an object)."""
    parent: str | None
    """The key of the sheet whose rows hold this one's (物资 for 物资明细)."""
    title: Text
    help: Text
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Layout:
    levels: tuple[str, ...]
    """The levels of the units the workbook holds; the first is the workbook's own."""
    tables: tuple[Table, ...]

    @property
    def several(self) -> bool:
        return len(self.levels) > 1


def short(node: Node, lang: str) -> str:
    """A field's name: its description up to the first punctuation mark."""
    if lang == "zh" and "x-title" in node:
        return str(node["x-title"])
    text = str(node.get("description" if lang == "zh" else "x-en", ""))
    return _SHORT.split(text, maxsplit=1)[0].strip()


def _help(node: Node) -> Text:
    clause = f"{node['x-clause']} " if "x-clause" in node else ""
    return Text(clause + str(node.get("description", "")), clause + str(node.get("x-en", "")))


def _name(node: Node, key: str) -> Text:
    return Text(short(node, "zh") or key, short(node, "en") or key)


LEVELS = ("district", "township", "street", "village", "community")
SHEET_NAME = 31
"""Excel's longest sheet name."""


def layout_for(level: str) -> Layout:
    """The sheets of a workbook of ``level``: a district's holds its villages and communities."""
    return _merged((level,) if level in GRASSROOTS else (level, *GRASSROOTS))


def reading_layout() -> Layout:
    """Every sheet and column any level has: what a workbook is read with."""
    return _merged(LEVELS)


def sheet_names(layout: Layout, lang: str) -> dict[str, str]:
    """Table key → sheet name: the title cut to Excel's 31 characters, kept unique."""
    names: dict[str, str] = {}
    for table in layout.tables:
        name = table.title.get("zh" if lang == "zh" else "en")[:SHEET_NAME]
        number = 2
        while name in names.values():
            name = f"{name[: SHEET_NAME - 3]}~{number}"
            number += 1
        names[table.key] = name
    return names


@functools.cache
def _merged(levels: tuple[str, ...]) -> Layout:
    merged: dict[str, _Draft] = {}
    for each in levels:
        for draft in _tables(each):
            known = merged.setdefault(draft.key, draft)
            for column in draft.columns:
                if all(c.key != column.key for c in known.columns):
                    known.columns.append(column)
    several = len(levels) > 1
    return Layout(levels, tuple(d.done(several, merged) for d in merged.values()))


@dataclass
class _Draft:
    key: str
    path: tuple[str, ...]
    many: bool
    parent: str | None
    title: Text
    help: Text
    columns: list[Column]

    def done(self, several: bool, drafts: dict[str, _Draft]) -> Table:
        first = [Column("#unit", (), "unit", UNIT, UNIT)] if several and self.key else []
        if self.parent is not None:
            # A child row names its parent by the parent's first field (物资类别).
            label = drafts[self.parent].columns[0]
            first.append(Column("#parent", label.path, "parent", label.header, label.help))
        last = [Column("#remark", (), "remark", REMARK, REMARK)]
        return Table(
            self.key,
            self.path,
            self.many,
            self.parent,
            self.title,
            self.help,
            (*first, *self.columns, *last),
        )


def _tables(level: str) -> list[_Draft]:
    root = _Draft("", (), False, None, BASIC, BASIC, [])
    drafts = [root]
    ordered = template_order(fields(level_schema(level), level))
    for field in ordered:
        if field.key not in LEFT_OUT:
            _place(field, (field.key,), root, drafts, level)
    return [d for d in drafts if d.columns or d.many]


def _place(
    field: Field,
    path: tuple[str, ...],
    table: _Draft,
    drafts: list[_Draft],
    level: str,
    within: tuple[Text, ...] = (),
) -> None:
    """Put ``field`` (at ``path`` inside a record of ``table``) into columns or sheets;
    ``within`` names the objects it sits in, for its header (网格员·姓名)."""
    node = field.schema
    if node.get("type") == "object" and "properties" in node:
        into = table
        if not table.key and len(path) == 1:
            into = _Draft(field.key, path, False, None, _name(node, field.key), _help(node), [])
            drafts.append(into)
            path = ()
        else:
            within = (*within, _name(node, field.key))
        for child in fields(node, level):
            _place(child, (*path, child.key), into, drafts, level, within)
        return
    if node.get("type") == "array":
        items = resolve(node.get("items", {}))
        if "properties" in items:
            _records(field, path, table, drafts, level)
            return
        if "enum" in items:
            for choice in items["enum"]:
                table.columns.append(
                    _column(
                        f"{'.'.join(path)}[{choice}]", path, "flag", node, within, (str(choice),)
                    )
                )
            return
        table.columns.append(_column(".".join(path), path, "lines", node, within))
        return
    column = _column(
        ".".join(path), path, _kind(node), node, within, tuple(str(c) for c in node.get("enum", ()))
    )
    required = field.required and len(path) == 1 and column.kind == "text"
    table.columns.append(replace(column, required=required and "pattern" not in node))


def _records(
    field: Field, path: tuple[str, ...], table: _Draft, drafts: list[_Draft], level: str
) -> None:
    node = field.schema
    items = resolve(node["items"])
    key = ".".join(k for k in (table.key, *path) if k)
    nested = table.many
    title = _name(node, field.key)
    if table.key and len(title.zh) <= 4:
        # 成员 or 物资明细 alone would not say whose.
        title = Text(f"{table.title.zh}·{title.zh}", f"{table.title.en} - {title.en}")
    own = _Draft(
        key,
        path if nested else (*(table.path if table.key else ()), *path),
        True,
        table.key if nested else None,
        title,
        _help(node),
        [],
    )
    drafts.append(own)
    for child in fields(items, level):
        _place(child, (child.key,), own, drafts, level)


def _column(
    key: str,
    path: tuple[str, ...],
    kind: Kind,
    node: Node,
    within: tuple[Text, ...],
    choices: tuple[str, ...] = (),
) -> Column:
    own = _name(node, path[-1])
    zh = "·".join([*(t.zh for t in within if not own.zh.startswith(t.zh)), own.zh])
    en = " - ".join([*(t.en for t in within), own.en])
    if kind == "flag":
        zh, en = f"{zh}：{choices[0]}", f"{en}: {choices[0]}"
    return Column(key, path, kind, Text(zh, en), _help(node), choices)


def _kind(node: Node) -> Kind:
    if "enum" in node:
        return "choice"
    if node.get("format") == "date":
        return "date"
    if node.get("type") == "boolean":
        return "yes_no"
    if node.get("type") == "integer":
        return "integer"
    if node.get("type") == "number":
        return "number"
    return "text"
