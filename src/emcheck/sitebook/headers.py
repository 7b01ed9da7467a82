"""Which column of a sheet holds which field, and where its records start.

A column is known by the field key in the hidden key row emcheck writes, else by its header
text in either language (full-width forms, spaces and case aside), so a sheet a clerk typed
out by hand, with merged headers or columns moved, still reads. A column nobody knows is the
clerk's own and is skipped, unless it looks like a misspelt one that is missing: then reading
stops with "did you mean", rather than lose what is under it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError
from emcheck.history.ledger_columns import plain_header
from emcheck.i18n import Text
from emcheck.loading.workbook import Book, below_header
from emcheck.sitebook.layout import Column, Table

HEADER_SCAN = 5
"""Rows searched for headers: emcheck writes them in rows 1 and 2."""


@dataclass(frozen=True)
class Found:
    columns: dict[int, Column]
    """Column by its number in the sheet."""
    first_row: int


def find_columns(book: Book, sheet: Worksheet, table: Table) -> Found:
    by_key = {c.key: c for c in table.columns}
    by_header = {
        plain_header(c.header.get(lang)): c for c in table.columns for lang in ("zh", "en")
    }
    last = min(sheet.max_row, HEADER_SCAN)
    width = sheet.max_column
    texts = {
        (row, col): book.merged_text(sheet, row, col)
        for row in range(1, last + 1)
        for col in range(1, width + 1)
    }
    key_row = _best(texts, lambda t: t in by_key, last, width)
    head_row = _best(texts, lambda t: plain_header(t) in by_header, last, width)
    columns: dict[int, Column] = {}
    for col in range(1, width + 1):
        key = texts.get((key_row, col), "") if key_row else ""
        head = plain_header(texts.get((head_row, col), "")) if head_row else ""
        found = by_key.get(key) or by_header.get(head)
        if found is not None and found not in columns.values():
            columns[col] = found
    rows = [r for r in (key_row, head_row) if r]
    _unknown(book, sheet, table, columns, [(r, texts) for r in rows])
    first = max((below_header(sheet, r) for r in rows), default=1)
    return Found(columns, first)


def _best(
    texts: dict[tuple[int, int], str], known: Callable[[str], bool], last: int, width: int
) -> int:
    """The row among the first few with the most known cells; 0 if none has any."""
    counts = {
        row: sum(1 for col in range(1, width + 1) if known(texts[(row, col)]))
        for row in range(1, last + 1)
    }
    best = max(counts, key=lambda r: (counts[r], -r), default=0)
    return best if best and counts[best] else 0


def _unknown(
    book: Book,
    sheet: Worksheet,
    table: Table,
    columns: dict[int, Column],
    rows: list[tuple[int, dict[tuple[int, int], str]]],
) -> None:
    missing = [c for c in table.columns if c not in columns.values()]
    names = {plain_header(c.header.zh): c for c in missing}
    names.update({c.key: c for c in missing})
    for row, texts in rows:
        for col in range(1, sheet.max_column + 1):
            text = texts.get((row, col), "")
            if col in columns or not text:
                continue
            close = difflib.get_close_matches(plain_header(text), list(names), n=1, cutoff=0.75)
            if close:
                meant = names[close[0]]
                raise InputError(
                    book.where(sheet, row, col),
                    Text(
                        f"不认识的列“{text}”：是否应为“{meant.header.zh}”？"
                        "请改正列名，否则这一列的内容不会被读取",
                        f"unknown column '{text}': did you mean '{meant.header.en}' "
                        f"({meant.header.zh})? Correct it, or the column is not read",
                    ),
                )
