"""How a progress sheet looks: column widths and row heights for Chinese text, the frozen and
filtered header, printing, and the conditional colours that mark what is overdue."""

from __future__ import annotations

from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from emcheck.i18n import Lang, chooser
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
OVERDUE_KEYS = ("overdue", "days_overdue")

HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
RED = DifferentialStyle(
    font=Font(color="9C0006"), fill=PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
)
PINK = DifferentialStyle(fill=PatternFill("solid", start_color="FCE4E4", end_color="FCE4E4"))
TEXT = Alignment(wrap_text=True, vertical="top")
FIGURE = Alignment(vertical="top")


def dress(sheet: Worksheet, table: Table) -> None:
    widths = [_width(index, table) for index in range(len(table.columns))]
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    edge = Border(bottom=Side(style="thin", color="808080"))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(name=cell.font.name, size=cell.font.size, bold=True)
        cell.fill = HEADER_FILL
        cell.border = edge
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    _heights(sheet, table, widths)
    sheet.freeze_panes = f"{get_column_letter(_labels(table) + 1)}{HEADER_ROW + 1}"
    last = f"{get_column_letter(len(table.columns))}{HEADER_ROW + len(table.rows)}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _width(index: int, table: Table) -> int:
    """Room for the widest cell, up to TEXT_WIDTH; a long header may wrap instead."""
    column = table.columns[index]
    widest = max((_cells(shown(row[index], column.kind)) for row in table.rows), default=0)
    header = min(_cells(column.header), max(widest, HEADER_WIDTH))
    return min(max(widest, header, 4), TEXT_WIDTH)


def _cells(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _heights(sheet: Worksheet, table: Table, widths: list[int]) -> None:
    header = [c.header for c in table.columns]
    body = [
        [shown(v, c.kind) for v, c in zip(row, table.columns, strict=True)] for row in table.rows
    ]
    for row, texts in enumerate([header, *body], HEADER_ROW):
        lines = max(
            (_lines(text, width) for text, width in zip(texts, widths, strict=True)), default=1
        )
        if lines > 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines


def _lines(text: str, width: int) -> int:
    """Lines the text takes wrapped at ``width`` cells: an estimate by cell count, which a
    row height needs (measuring by wrapping every cell took seconds over a zone's ledger)."""
    return sum(max(1, -(-cell_len(line) // width)) for line in text.splitlines() or [""])


def _labels(table: Table) -> int:
    """How many columns, from the left, stay in view: up to the one naming the row."""
    keys = [c.key for c in table.columns[:4]]
    return next((i + 1 for i, key in enumerate(keys) if key in LABEL_KEYS), 0)


def highlight(sheet: Worksheet, table: Table, nodes: frozenset[str], lang: Lang) -> None:
    """Overdue figures in red; in the ledger the whole row, in the nodes sheet overdue nodes."""
    if not table.rows:
        return
    first, bottom = HEADER_ROW + 1, HEADER_ROW + len(table.rows)
    rules = sheet.conditional_formatting
    # overview.node_text writes this word into every overdue node, and into no other state.
    word = chooser(lang)("逾期", "overdue")
    for col, column in enumerate(table.columns, 1):
        letter = get_column_letter(col)
        area = f"{letter}{first}:{letter}{bottom}"
        if column.key in OVERDUE_KEYS:
            rules.add(area, Rule("cellIs", operator="greaterThan", formula=["0"], dxf=RED))
        elif column.key in nodes:
            found = f'ISNUMBER(SEARCH("{word}",{letter}{first}))'
            rules.add(area, Rule("expression", formula=[found], dxf=RED))
    keys = [c.key for c in table.columns]
    if table.key == "ledger" and "days_overdue" in keys:
        days = get_column_letter(keys.index("days_overdue") + 1)
        whole = f"A{first}:{get_column_letter(len(keys))}{bottom}"
        rules.add(whole, Rule("expression", formula=[f"${days}{first}>0"], dxf=PINK))
