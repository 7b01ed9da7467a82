"""Read back a rectification ledger (整改台账) the inspected unit filled in (``--ledger``).

The sheet is the one named 整改台账 (or its English name), else the first sheet with the
ledger's headers in its first rows; columns are found by header text in either language,
so extra, moved, hidden or merged header cells do no harm. A row is tied to its finding by
the key in 编号, never by position. Anything that would lose or misplace an answer (a
missing column, merged cells over answers, a repeated key, a word not in the drop-down, a
date that is not one) stops the run with the sheet and cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError, Location
from emcheck.history.answers import PROGRESS_CHOICES, Answer, LedgerAnswers
from emcheck.history.ledger_columns import (
    BY_KEY,
    HEADER_KEYS,
    PROGRESS_WORDS,
    READ,
    SHEET,
    plain_header,
)
from emcheck.i18n import Text
from emcheck.loading.workbook import Book, below_header, open_workbook
from emcheck.loading.workbook_vetting import WorkbookLimits

HEADER_SCAN = 20
"""Rows searched for the header: emcheck's ledger has it in row 3, under a title and a note."""
PROGRESS_BY_WORD = {
    plain_header(word.get(lang)): choice
    for choice, word in PROGRESS_WORDS.items()
    for lang in ("zh", "en")
}


@dataclass(frozen=True)
class _Layout:
    sheet: Worksheet
    header_row: int
    first_row: int
    """The first row under the header (a header merged over two rows ends lower)."""
    columns: dict[str, int]
    """Column number by column key (ledger_columns.COLUMNS)."""


def read_ledger(path: Path, limits: WorkbookLimits | None = None) -> LedgerAnswers:
    book = open_workbook(path, limits)
    layout = _layout(book)
    _refuse_merged_answers(book, layout)
    answers: dict[str, Answer] = {}
    descriptions: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for row in range(layout.first_row, layout.sheet.max_row + 1):
        read = _row(book, layout, row)
        if read is None:
            continue
        key, answer, description = read
        if key in first_seen:
            raise InputError(
                book.where(layout.sheet, row, layout.columns["key"]),
                Text(
                    f"与第 {first_seen[key]} 行是同一问题（编号“{key}”）：请只保留一行",
                    f"the same finding as row {first_seen[key]} (key '{key}'): keep one row",
                ),
            )
        first_seen[key] = row
        if answer is not None:
            answers[key], descriptions[key] = answer, description
    return LedgerAnswers(book.file, answers, descriptions)


def _row(book: Book, layout: _Layout, row: int) -> tuple[str, Answer | None, str] | None:
    """(key, answer or None if the unit wrote nothing, 问题描述); None: a blank row."""
    sheet, columns = layout.sheet, layout.columns
    key = book.text(sheet, row, columns["key"])
    responsible = book.text(sheet, row, columns["responsible"])
    progress = _progress(book, layout, row)
    situation = book.text(sheet, row, columns["situation"])
    completed = book.date(sheet, row, columns["completed"])
    written = bool(responsible or progress or situation or completed)
    if not key:
        if not written:
            return None
        raise InputError(
            book.where(sheet, row, columns["key"]),
            Text(
                "这一行填写了答复，但“编号”为空，无法对应到问题：请从 emcheck 生成的台账中"
                "复制编号，或删除这一行",
                "this row has answers but no key, so it matches no finding: copy the key from "
                "the ledger emcheck made, or delete the row",
            ),
        )
    key = _checked_key(book, layout, row, key)
    column = columns.get("description")
    description = book.text(sheet, row, column) if column else ""
    answer = Answer(responsible, progress, situation, completed, sheet.title, row)
    return key, answer if written else None, description


def _checked_key(book: Book, layout: _Layout, row: int, key: str) -> str:
    rule, _, rest = key.partition("|")
    unit, bar, _ = rest.partition("|")
    if not (rule.strip() and unit.strip() and bar):
        raise InputError(
            book.where(layout.sheet, row, layout.columns["key"]),
            Text(
                f"“{key}”不是 emcheck 的问题编号（规则|单位|位置）：请勿改动“编号”列",
                f"'{key}' is not an emcheck finding key (rule|unit|place): leave the Key column",
            ),
        )
    return key.strip()


def _progress(book: Book, layout: _Layout, row: int) -> str:
    text = book.text(layout.sheet, row, layout.columns["progress"])
    if not text:
        return ""
    choice = PROGRESS_BY_WORD.get(plain_header(text))
    if choice is None:
        choices = "、".join(PROGRESS_CHOICES)
        raise InputError(
            book.where(layout.sheet, row, layout.columns["progress"]),
            Text(
                f"整改进度应为 {choices} 之一，实际为“{text}”",
                f"progress should be one of {choices} "
                f"({', '.join(w.en for w in PROGRESS_WORDS.values())}), not '{text}'",
            ),
        )
    return choice


def _layout(book: Book) -> _Layout:
    named = {plain_header(SHEET.zh), plain_header(SHEET.en)}
    for sheet in book.sheets:
        if plain_header(sheet.title) in named:
            return _table_of(book, sheet, required=True) or _no_table(book)
    for sheet in book.sheets:
        found = _table_of(book, sheet, required=False)
        if found is not None:
            return found
    return _no_table(book)


def _table_of(book: Book, sheet: Worksheet, required: bool) -> _Layout | None:
    """The sheet's ledger table; for the sheet named 整改台账, an error if it has none."""
    best_row, best = 0, dict[str, int]()
    for row in range(1, min(sheet.max_row, HEADER_SCAN) + 1):
        columns = _headers(book, sheet, row)
        if len(columns) > len(best):
            best_row, best = row, columns
    missing = [BY_KEY[k].header for k in READ if k not in best]
    if not missing:
        return _Layout(sheet, best_row, below_header(sheet, best_row), best)
    if not required:
        return None
    names = "、".join(f"“{h.zh}”" for h in missing)
    if len(best) < 2:
        raise InputError(
            Location(book.file, sheet=sheet.title),
            Text(
                f"前 {HEADER_SCAN} 行中没有台账的表头（应有 {names} 等列）",
                f"no ledger header in the first {HEADER_SCAN} rows "
                f"(columns such as {', '.join(h.en for h in missing)})",
            ),
        )
    raise InputError(
        book.where(sheet, best_row),
        Text(
            f"表头缺少 {names} 列",
            f"the header lacks the column(s) {', '.join(h.en for h in missing)}",
        ),
    )


def _headers(book: Book, sheet: Worksheet, row: int) -> dict[str, int]:
    """Column key → column number for the ledger headers in ``row``; the first one counts."""
    found: dict[str, int] = {}
    for col in range(1, sheet.max_column + 1):
        key = HEADER_KEYS.get(plain_header(book.merged_text(sheet, row, col)))
        if key is not None and key not in found:
            found[key] = col
    return found


def _refuse_merged_answers(book: Book, layout: _Layout) -> None:
    """A merged block over answers would give one row's answer to several, or lose some."""
    read = {layout.columns[k] for k in (*READ, "description") if k in layout.columns}
    for block in layout.sheet.merged_cells.ranges:
        if block.max_row < layout.first_row:
            continue
        covered = [
            (row, col)
            for row in range(max(block.min_row, layout.first_row), block.max_row + 1)
            for col in range(block.min_col, block.max_col + 1)
            if col in read
        ]
        if any(cell != (block.min_row, block.min_col) for cell in covered):
            raise InputError(
                Location(book.file, sheet=layout.sheet.title, cell=block.coord),
                Text(
                    "是合并单元格：每个问题的编号和答复应各占一行，请取消合并后分别填写",
                    "are merged cells: each finding's key and answers need a row of their "
                    "own; unmerge them and fill each row",
                ),
            )


def _no_table(book: Book) -> _Layout:
    sheets = "、".join(f"“{s.title}”" for s in book.sheets)
    raise InputError(
        Location(book.file),
        Text(
            f"没有“{SHEET.zh}”工作表，其他工作表（{sheets}）中也没有台账的表头"
            "（编号、整改进度、整改情况等列）：请交回 emcheck 生成的台账",
            f"no sheet '{SHEET.en}' or '{SHEET.zh}', and no sheet ({sheets}) with the ledger's "
            "header (Key, Progress, What was done …): return the ledger emcheck made",
        ),
    )
