"""The progress workbook's sheets, written row by row with XlsxWriter in constant-memory
mode: a zone's ledger (tens of thousands of rows) is never held as a workbook in memory,
and writing it takes a fraction of what building openpyxl cells did.

The look is the one :mod:`sheet_look` gives the rectification ledger: titled table, bold
filled header, frozen and filtered, widths and heights for Chinese text, landscape printing
one page wide; overdue figures coloured by conditional formatting, so the colour follows
the figure when someone edits or sorts the sheet.
"""

from __future__ import annotations

from datetime import date

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from emcheck.i18n import Lang, chooser
from emcheck.report.progress.cells import Cell, Table, shown
from emcheck.report.progress.sheet_look import (
    EDGE_COLOUR,
    HEADER_COLOUR,
    HEADER_ROW,
    LINE_HEIGHT,
    column_widths,
    frozen_columns,
    row_lines,
)
from emcheck.report.xlsx_cells import FORMULA_STARTS, NUMBER_FORMATS, safe_text, stored

HEADER = HEADER_ROW - 1
"""The header's row as XlsxWriter counts (from 0)."""
OVERDUE_KEYS = ("overdue", "days_overdue")
RED = {"font_color": "#9C0006", "bg_color": "#FFC7CE"}
PINK = {"bg_color": "#FCE4E4"}


class Looks:
    """Each cell format made once per workbook (XlsxWriter keeps every one it is given)."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.made: dict[tuple[str, bool, bool], Format] = {}
        self.red = book.add_format(RED)
        self.pink = book.add_format(PINK)

    def get(self, kind: str, strong: bool = False, quoted: bool = False) -> Format:
        """``kind``: a cell kind, or ``title``, ``note`` or ``header``."""
        key = (kind, strong, quoted)
        look = self.made.get(key)
        if look is None:
            look = self.made[key] = self.book.add_format(_properties(kind, strong, quoted))
        return look


def _properties(kind: str, strong: bool, quoted: bool) -> dict[str, object]:
    if kind == "title":
        found: dict[str, object] = {"bold": True, "font_size": 14}
    elif kind == "note":
        found = {}
    elif kind == "header":
        edge = {"bottom": 1, "bottom_color": f"#{EDGE_COLOUR}"}
        found = {"bold": True, "bg_color": f"#{HEADER_COLOUR}", **edge, "text_wrap": True}
        found["valign"] = "vcenter"
    elif kind == "text":
        found = {"text_wrap": True, "valign": "top"}
    else:
        found = {"valign": "top", "num_format": NUMBER_FORMATS.get(kind, "General")}
    if strong:
        found["bold"] = True
    if quoted:
        # Text from a site file is the reporting unit's: it is never run as a formula.
        found["quote_prefix"] = True
    return found


def write_sheet(sheet: Worksheet, looks: Looks, table: Table) -> None:
    """Title in row 1, note in row 2, the header, then the rows, one after another."""
    widths = column_widths(table)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width + 2)
    _put(sheet, looks, 0, 0, table.title, "title")
    _put(sheet, looks, 1, 0, table.note, "note")
    header = [c.header for c in table.columns]
    _height(sheet, HEADER, header, widths)
    for col, text in enumerate(header):
        _put(sheet, looks, HEADER, col, text, "header")
    kinds = [c.kind for c in table.columns]
    emphasis = table.emphasis or (False,) * len(table.rows)
    for row, (values, strong) in enumerate(zip(table.rows, emphasis, strict=True), HEADER + 1):
        _height(sheet, row, [shown(v, k) for v, k in zip(values, kinds, strict=True)], widths)
        for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            _put(sheet, looks, row, col, value, kind, strong)
    _frame(sheet, table)


def _height(sheet: Worksheet, row: int, texts: list[str], widths: list[int]) -> None:
    # Set before the row's cells: in constant-memory mode a row is final once the next begins.
    _forget_written(sheet)
    lines = row_lines(texts, widths)
    if lines > 1:
        sheet.set_row(row, LINE_HEIGHT * lines)


def _forget_written(sheet: Worksheet) -> None:
    """XlsxWriter keeps every height set for the sheet's life (to place pictures, which these
    sheets have none of), so a zone's ledger would hold one per finding. In constant-memory
    mode the rows before the one it holds are written for good: theirs are dropped."""
    for kept in (sheet.row_info, sheet.row_sizes):
        for done in [r for r in kept if r < sheet.previous_row]:
            del kept[done]


def _put(
    sheet: Worksheet,
    looks: Looks,
    row: int,
    col: int,
    value: Cell,
    kind: str,
    strong: bool = False,
) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        look = looks.get(kind, strong, value.startswith(FORMULA_STARTS))
        sheet.write_string(row, col, safe_text(value), look)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, looks.get(kind, strong))
    else:
        sheet.write_number(row, col, stored(value, kind), looks.get(kind, strong))


def _frame(sheet: Worksheet, table: Table) -> None:
    """Header frozen and filtered, repeated on every printed page, one page wide."""
    sheet.freeze_panes(HEADER + 1, frozen_columns(table))
    sheet.autofilter(HEADER, 0, HEADER + len(table.rows), len(table.columns) - 1)
    sheet.repeat_rows(HEADER)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def highlight(
    sheet: Worksheet, looks: Looks, table: Table, nodes: frozenset[str], lang: Lang
) -> None:
    """Overdue figures in red; in the ledger the whole row, in the nodes sheet overdue nodes."""
    if not table.rows:
        return
    first, bottom = HEADER + 1, HEADER + len(table.rows)
    red = looks.red
    # overview.node_text writes this word into every overdue node, and into no other state.
    word = chooser(lang)("逾期", "overdue")
    for col, column in enumerate(table.columns):
        if column.key in OVERDUE_KEYS:
            rule = {"type": "cell", "criteria": ">", "value": 0, "format": red}
        elif column.key in nodes:
            found = f'ISNUMBER(SEARCH("{word}",{xl_rowcol_to_cell(first, col)}))'
            rule = {"type": "formula", "criteria": found, "format": red}
        else:
            continue
        sheet.conditional_format(first, col, bottom, col, rule)
    keys = [c.key for c in table.columns]
    if table.key == "ledger" and "days_overdue" in keys:
        days = xl_rowcol_to_cell(first, keys.index("days_overdue"), col_abs=True)
        rule = {"type": "formula", "criteria": f"{days}>0", "format": looks.pink}
        sheet.conditional_format(first, 0, bottom, len(keys) - 1, rule)
