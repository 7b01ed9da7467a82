"""Blocks from the wording templates: paragraphs, numbered headings, numbered tables.

``content`` decides what a report says and in which order; this keeps the running
numbers (一、/（一）… and 表 1, 表 2 …) and fills every sentence with the report-wide values.
"""

from __future__ import annotations

from typing import Any

from emcheck.report.blocks import (
    Block,
    Heading,
    Paragraph,
    ParagraphRole,
    Table,
    TableKind,
    heading_number,
)
from emcheck.report.wording import Wording

_WIDTHS: dict[TableKind, tuple[float, ...]] = {
    "sections": (30, 10, 10, 11, 11, 13, 11, 11),
    "units": (30, 10, 10, 11, 11, 13, 11, 11),
    "results": (10, 17, 56, 12, 45),
    "problems": (10, 50, 52, 52, 22, 20, 19),
}


class Composer:
    """Collects one report's blocks; ``base`` holds the values every template may use."""

    def __init__(self, words: Wording, base: dict[str, Any]) -> None:
        self.words = words
        self.base = base
        self.blocks: list[Block] = []
        self.headings = [0, 0, 0, 0]
        self.tables = 0

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def text(self, key: str, **values: Any) -> str:
        return self.words.text(key, **{**self.base, **values})

    def lines(self, key: str, **values: Any) -> list[str]:
        return self.words.lines(key, **{**self.base, **values})

    def say(self, key: str, role: ParagraphRole = "body", **values: Any) -> None:
        for line in self.words.lines(key, **{**self.base, **values}):
            self.blocks.append(Paragraph(line, role))

    def heading(self, level: int, key: str, **values: Any) -> None:
        self.headings[level - 1] += 1
        self.headings[level:] = [0] * (4 - level)
        number = heading_number(level, self.headings[level - 1], self.words.lang)
        self.blocks.append(Heading(level, number, self.text(key, **values)))

    def table(
        self, number: int, kind: TableKind, caption: str, rows: list[tuple[str, ...]], **values: Any
    ) -> None:
        self.say(caption, "caption", table=number, **values)
        header = tuple(self.lines(f"{kind}_table_header"))
        self.blocks.append(Table(kind, header, tuple(rows), _WIDTHS[kind]))

    def next_table(self) -> int:
        self.tables += 1
        return self.tables
