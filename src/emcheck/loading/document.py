"""A loaded YAML file: its data and where each value stands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from emcheck.errors import Location

if TYPE_CHECKING:
    from emcheck.loading.ignore_comments import InlineIgnore

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """1-based line and column of a value (of its key, for a mapping entry)."""

    line: int
    column: int
    sheet: str | None = None
    """In a workbook: the sheet; line is then the row and column the column's number."""
    cell: str | None = None
    """In a workbook: the cell's name (C7)."""


@dataclass(frozen=True)
class Document:
    """The plain data of one YAML file, with positions converted once at parse time."""

    file: str
    """The path as the user named it."""
    data: Any
    """JSON-like data: dict, list, str, int, float, bool, None; dates stay ISO strings."""
    positions: Mapping[JsonPath, Position]
    """Position of every value by its path from the root."""
    encoding: str
    """The encoding the bytes were read with (utf-8, utf-8-sig, gb18030 …)."""
    empty: bool
    """True when the file holds no document or only a null one."""
    ignores: tuple[InlineIgnore, ...] = ()
    """``# emcheck: ignore`` comments, found while the text was at hand."""
    notes: tuple[tuple[JsonPath, str], ...] = ()
    """A workbook's 备注/豁免 cells that are no ignore, by their row's record: what
    ``convert`` writes back as ``# 备注：`` comments."""
    sha256: str = ""
    """SHA-256 of the file's bytes as read, so that a report names exactly what it judged."""

    def position_of(self, path: JsonPath) -> Position:
        """The position of ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def location_of(self, path: JsonPath) -> Location:
        """Where ``path`` (or its nearest ancestor) stands: file, line and column, or cell."""
        found = self.position_of(path)
        return Location(self.file, found.line, found.column, found.sheet, found.cell)


def format_path(path: JsonPath) -> str:
    """``('villages', 0, 'grids')`` → ``villages[0].grids``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(root)"
