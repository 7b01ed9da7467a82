"""Write a site workbook: the template (``emcheck init --format xlsx``) or a site's data
(``emcheck convert``), every sheet and column taken from ``layout``.

Row 1 holds the headers a clerk reads (each with the schema's whole description as its
comment), row 2, hidden, each column's field key, which is what the reader goes by; the data
starts in row 3. Choices get a drop-down (their lists on the hidden sheet 选项), whole
numbers a check, dates a date format, text the text format (a phone number keeps its zero).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from emcheck.i18n import Lang, Text
from emcheck.loading.document import JsonPath
from emcheck.report.progress.sheet_look import HEADER_FILL
from emcheck.report.xlsx_cells import put, saved
from emcheck.sitebook.guide import write_guide
from emcheck.sitebook.layout import Column, Layout, Table, layout_for, sheet_names
from emcheck.sitebook.rows import NO, YES, table_rows

FIRST_ROW = 3
"""Headers in row 1, keys in row 2 (hidden), data from row 3."""
LAST_CHECKED = 2000
"""Drop-downs and checks reach this row: far more records than a unit has."""
CHOICES_SHEET = "选项"
MARK = "site"
"""The ``emcheck-format`` property of a site workbook; ledgers and bulletins carry others."""
FORMATS = {"date": "yyyy-mm-dd", "integer": "0", "text": "@", "lines": "@", "choice": "@"}
WIDEST, NARROWEST = 40, 8
KEY_FONT = Font(color="808080", size=8)


def site_workbook(
    data: Mapping[str, Any],
    level: str,
    lang: Lang,
    as_of: date,
    remarks: Mapping[JsonPath, str] | None = None,
) -> bytes:
    """The workbook of ``data`` (a site file's data of ``level``); ``remarks`` by record path."""
    layout = layout_for(level)
    names = sheet_names(layout, lang)
    book = Workbook()
    write_guide(book.worksheets[0], layout, names, lang)
    lists = book.create_sheet(CHOICES_SHEET)
    lists.sheet_state = "hidden"
    for table in layout.tables:
        sheet = book.create_sheet(names[table.key])
        _fill(sheet, layout, table, data, lang, remarks or {})
        _checks(sheet, table, lists)
    book.move_sheet(lists, len(book.sheetnames))
    _describe(book, level, lang, as_of)
    return saved(book)


def _fill(
    sheet: Worksheet,
    layout: Layout,
    table: Table,
    data: Mapping[str, Any],
    lang: Lang,
    remarks: Mapping[JsonPath, str],
) -> None:
    widths = [cell_len(c.header.get(lang)) // 2 + 2 for c in table.columns]
    for col, column in enumerate(table.columns, 1):
        head = put(sheet, 1, col, column.header.get(lang), "text")
        if head is not None:
            head.font, head.fill = Font(bold=True), HEADER_FILL
            head.alignment = Alignment(wrap_text=True, vertical="center")
            head.comment = Comment(column.help.get(lang), "emcheck", width=300, height=120)
        key = put(sheet, 2, col, column.key, "text")
        if key is not None:
            key.font = KEY_FONT
    for number, row in enumerate(table_rows(layout, table, data), FIRST_ROW):
        cells = (*row.cells[:-1], remarks.get(row.path))
        for col, (value, column) in enumerate(zip(cells, table.columns, strict=True), 1):
            cell = put(sheet, number, col, value, "date" if isinstance(value, date) else "text")
            if cell is not None and column.kind == "lines":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = str(value or "").splitlines() or [""]
            widths[col - 1] = max(widths[col - 1], *(cell_len(line) + 2 for line in lines))
    for col, (width, column) in enumerate(zip(widths, table.columns, strict=True), 1):
        dimension = sheet.column_dimensions[get_column_letter(col)]
        dimension.width = min(max(width, NARROWEST), WIDEST)
        if column.kind in FORMATS:
            dimension.number_format = FORMATS[column.kind]
    sheet.row_dimensions[1].height = 45
    sheet.row_dimensions[2].hidden = True
    sheet.freeze_panes = f"{'B' if layout.several else 'A'}{FIRST_ROW}"
    printed(sheet)


def printed(sheet: Worksheet) -> None:
    """Landscape, as wide as the page, the header on every page."""
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _checks(sheet: Worksheet, table: Table, lists: Worksheet) -> None:
    for col, column in enumerate(table.columns, 1):
        letter = get_column_letter(col)
        area = f"{letter}{FIRST_ROW}:{letter}{LAST_CHECKED}"
        check = _check(column, lists)
        if check is not None:
            check.add(area)
            sheet.add_data_validation(check)


def _check(column: Column, lists: Worksheet) -> DataValidation | None:
    if column.kind in ("yes_no", "flag"):
        return _warn(DataValidation("list", formula1=f'"{YES},{NO}"', allow_blank=True))
    if column.kind == "choice":
        col = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
        for row, choice in enumerate(column.choices, 1):
            lists.cell(row, col, choice)
        letter = get_column_letter(col)
        source = f"{quote_sheetname(CHOICES_SHEET)}!${letter}$1:${letter}${len(column.choices)}"
        return _warn(DataValidation("list", formula1=source, allow_blank=True))
    if column.kind == "integer":
        whole = DataValidation("whole", operator="greaterThanOrEqual", formula1="0")
        return _warn(whole, Text("请填写整数", "a whole number, please"))
    return None


def _warn(check: DataValidation, text: Text | None = None) -> DataValidation:
    """A warning, not a stop: a clerk may still type 20人, which the reader understands."""
    words = text or Text("请从下拉列表中选择", "please pick from the list")
    check.errorStyle = "warning"
    check.showErrorMessage = True
    check.error = f"{words.zh} / {words.en}"
    return check


def _describe(book: Workbook, level: str, lang: Lang, as_of: date) -> None:
    properties = book.properties
    properties.title = "emcheck 站点文件" if lang == "zh" else "emcheck site file"
    properties.creator = properties.lastModifiedBy = "emcheck"
    properties.language = "zh-CN" if lang == "zh" else "en"
    properties.created = properties.modified = datetime.combine(as_of, time())
    custom = book.custom_doc_props  # type: ignore[attr-defined]  # missing from the stubs
    custom.append(StringProperty(name="emcheck-format", value=MARK))
    custom.append(StringProperty(name="emcheck-site-level", value=level))
    custom.append(StringProperty(name="emcheck-schema-version", value="1"))
