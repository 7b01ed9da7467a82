"""How an emcheck sheet looks: column widths and row heights for Chinese text, the frozen and
filtered header, printing. The measures are shared by both writers: openpyxl here (the
rectification ledger) and the streamed progress workbook (sheet_stream)."""

from __future__ import annotations

from functools import lru_cache

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from emcheck.report.progress.cells import Table, shown

HEADER_ROW = 3
"""Row 1 holds the table's title and row 2 its note; the rows below the header scroll."""
TEXT_WIDTH = 48
"""Widest a column grows, in narrow characters (a Chinese one counts two); longer text wraps."""
HEADER_WIDTH = 14
"""A long header wraps onto a second line rather than widening a column of short figures."""
LINE_HEIGHT = 15
"""Points a line of 11-point text takes; neither Excel nor LibreOffice grows a row on opening."""
LABEL_KEYS = ("unit", "scope", "file", "rule", "as_of")
"""Columns that name the row: they stay in view when the sheet scrolls sideways."""

HEADER_COLOUR = "DDEBF7"
EDGE_COLOUR = "808080"
HEADER_FILL = PatternFill("solid", start_color=HEADER_COLOUR, end_color=HEADER_COLOUR)
TEXT = Alignment(wrap_text=True, vertical="top")
FIGURE = Alignment(vertical="top")


def dress(sheet: Worksheet, table: Table) -> None:
    widths = column_widths(table)
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    edge = Border(bottom=Side(style="thin", color=EDGE_COLOUR))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(name=cell.font.name, size=cell.font.size, bold=True)
        cell.fill = HEADER_FILL
        cell.border = edge
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    _heights(sheet, table, widths)
    sheet.freeze_panes = f"{get_column_letter(frozen_columns(table) + 1)}{HEADER_ROW + 1}"
    last = f"{get_column_letter(len(table.columns))}{HEADER_ROW + len(table.rows)}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def column_widths(table: Table) -> list[int]:
    """Room for each column's widest cell, up to TEXT_WIDTH; a long header may wrap instead.
    One pass over the rows, measuring only text that could widen its column."""
    kinds = [c.kind for c in table.columns]
    widest = [0] * len(kinds)
    for row in table.rows:
        for index, (value, kind) in enumerate(zip(row, kinds, strict=True)):
            text = shown(value, kind)
            # A character takes two cells at most: shorter text cannot widen the column.
            if widest[index] < TEXT_WIDTH and 2 * len(text) > widest[index]:
                widest[index] = max(widest[index], _cells(text))
    return [
        min(max(wide, min(_cells(column.header), max(wide, HEADER_WIDTH)), 4), TEXT_WIDTH)
        for wide, column in zip(widest, table.columns, strict=True)
    ]


def _cells(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _heights(sheet: Worksheet, table: Table, widths: list[int]) -> None:
    header = [c.header for c in table.columns]
    body = [
        [shown(v, c.kind) for v, c in zip(row, table.columns, strict=True)] for row in table.rows
    ]
    for row, texts in enumerate([header, *body], HEADER_ROW):
        lines = row_lines(texts, widths)
        if lines > 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines


def row_lines(texts: list[str], widths: list[int]) -> int:
    """Lines the tallest cell of a row takes."""
    return max(
        (
            _lines(text, width) if 2 * len(text) > width else 1
            for text, width in zip(texts, widths, strict=True)
        ),
        default=1,
    )


@lru_cache(maxsize=4096)
def _lines(text: str, width: int) -> int:
    """Lines the text takes wrapped at ``width`` cells: an estimate by cell count, which a
    row height needs (measuring by wrapping every cell took seconds over a zone's ledger).
    Kept for the texts a ledger repeats in every row (a rule's title, what it expects)."""
    return sum(max(1, -(-cell_len(line) // width)) for line in text.splitlines() or [""])


def frozen_columns(table: Table) -> int:
    """How many columns, from the left, stay in view: up to the one naming the row."""
    keys = [c.key for c in table.columns[:4]]
    return next((i + 1 for i, key in enumerate(keys) if key in LABEL_KEYS), 0)
