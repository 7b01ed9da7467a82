"""The progress tables, as every format shows them: titles, headers, typed cells.

A table is built once, here, in the run's language; console, Markdown, xlsx, HTML and Word
only lay it out, so the figures in each format are the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["text", "int", "percent", "date", "change"]
Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"
    key: str = ""
    """A stable name for the column (HTML sorting, tests), independent of the language."""


@dataclass(frozen=True)
class Table:
    key: str
    """summary, units, nodes, ranking-districts, ranking-villages, weaknesses, trend, rounds,
    ledger, unreadable: the same in every language."""
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]
    """A tuple; the ledger's a view made anew from the spool on every walk (walk it once
    where possible)."""
    note: str = ""
    """A sentence under the title: what the table counts."""
    emphasis: tuple[bool, ...] = ()
    """Per row: drawn as a total or group heading."""
    unit_ids: Sequence[str] = ()
    """Per row of the units and ledger tables: the unit's id, so that a format can join a
    unit's row with its findings (names may repeat across districts)."""


def shown(value: Cell, kind: Kind) -> str:
    """One way to write a cell in text formats: 87.5%, +3.2, 2026-03-15, — for nothing."""
    if value is None or value == "":
        return "—" if kind != "text" else ""
    if kind == "percent" and isinstance(value, (int, float)):
        return f"{value:.1f}".removesuffix(".0") + "%"
    if kind == "change" and isinstance(value, (int, float)):
        return f"{value:+.1f}".removesuffix(".0")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
