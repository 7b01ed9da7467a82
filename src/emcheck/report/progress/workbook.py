"""``--format xlsx``: the progress tables as a workbook, one sheet a table.

Cells keep their kind, so a clerk can sort, filter and sum: counts are numbers, rates are
fractions shown as 0.0%, deadlines are date cells. Overdue is coloured by conditional
formatting rather than fixed fills, so the colour follows the figure when someone edits or
sorts the sheet. The same round always gives the same bytes.
"""

from __future__ import annotations

import io
from copy import copy
from datetime import date, datetime, time
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from emcheck.history.progress import Progress
from emcheck.i18n import Lang, Text, chooser
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.cells import Cell, Kind, Table
from emcheck.report.progress.sheet_look import FIGURE, HEADER_ROW, TEXT, dress, highlight
from emcheck.report.progress.tables import tables

SHEET_NAMES = {
    "summary": Text("总体情况", "Overview"),
    "units": Text("汇总", "Units"),
    "nodes": Text("节点", "Deadline nodes"),
    "ranking-districts": Text("区排名", "District ranking"),
    "ranking-villages": Text("村排名", "Village ranking"),
    "weaknesses": Text("共性问题", "Common weaknesses"),
    "rounds": Text("走势", "Rounds"),
    "trend": Text("较上轮", "Since last round"),
    "ledger": Text("问题台账", "Open findings"),
    "unreadable": Text("未能审核", "Not audited"),
}
"""Short enough for a sheet tab (Excel allows 31 characters, none of []:*?/\\)."""

NUMBER_FORMATS: dict[Kind, str] = {
    "int": "0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "change": "+0.0;-0.0;0.0",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take for the start of a formula when the cell is edited."""
MARK = "emcheck-progress"
"""The custom document property that says what made the workbook (as the round JSON's format)."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BOLD = Font(name=DEFAULT_FONT.name, size=DEFAULT_FONT.size, bold=True)
"""A total or group row; the font named, or LibreOffice falls back to a serif one."""


def render(progress: Progress, options: ProgressOptions) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])
    nodes = frozenset(n.name for n in progress.round.nodes)
    for table in tables(progress, options.lang):
        sheet = book.create_sheet(SHEET_NAMES[table.key].get(options.lang))
        _fill(sheet, table)
        dress(sheet, table)
        highlight(sheet, table, nodes, options.lang)
    _describe(book, progress, options.lang)
    return _saved(book)


def _fill(sheet: Worksheet, table: Table) -> None:
    title = _put(sheet, 1, 1, table.title, "text")
    if title is not None:
        title.font = Font(name=DEFAULT_FONT.name, size=14, bold=True)
    _put(sheet, 2, 1, table.note, "text")
    for col, column in enumerate(table.columns, 1):
        _put(sheet, HEADER_ROW, col, column.header, "text")
    emphasis = table.emphasis or (False,) * len(table.rows)
    # Styling a cell hashes the style each time (seconds over a zone's ledger): each
    # combination is made once and copied, openpyxl's documented way to copy a style.
    looks: dict[tuple[Kind, bool], StyleArray] = {}
    for row, (values, strong) in enumerate(zip(table.rows, emphasis, strict=True), HEADER_ROW + 1):
        for col, (value, column) in enumerate(zip(values, table.columns, strict=True), 1):
            cell = _put(sheet, row, col, value, column.kind)
            if cell is None:
                continue
            look = looks.get((column.kind, strong))
            quoted = cell.quotePrefix
            if look is None:
                cell.alignment = TEXT if column.kind == "text" else FIGURE
                cell.number_format = NUMBER_FORMATS.get(column.kind, "General")
                if strong:
                    cell.font = BOLD
                cell.quotePrefix = False
                looks[(column.kind, strong)] = copy(cell._style)  # type: ignore[attr-defined]
            else:
                cell._style = copy(look)  # type: ignore[attr-defined]  # not in the stubs
            if quoted:
                cell.quotePrefix = True


def _put(sheet: Worksheet, row: int, col: int, value: Cell, kind: Kind) -> SheetCell | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        cell = sheet.cell(row, col, ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        # Text from a site file is the reporting unit's: it is never run as a formula.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell
    if kind == "percent" and not isinstance(value, date):
        # The table's 65.6 is 65.6 %: 0.656, without the binary tail of 65.6 / 100.
        value = round(value / 100, 6)
    cell = sheet.cell(row, col, value)
    cell.number_format = NUMBER_FORMATS.get(kind, "General")
    return cell


def _describe(book: Workbook, progress: Progress, lang: Lang) -> None:
    t = chooser(lang)
    as_of = progress.round.as_of
    properties = book.properties
    properties.title = t(f"试点工作进度（截至 {as_of}）", f"Pilot progress as of {as_of}")
    properties.subject = progress.title.get(lang)
    properties.creator = properties.lastModifiedBy = "emcheck"
    properties.language = t("zh-CN", "en")
    # The round's date, not the clock: the same round makes the same file.
    properties.created = properties.modified = datetime.combine(as_of, time())
    custom = book.custom_doc_props  # type: ignore[attr-defined]  # missing from the stubs
    custom.append(StringProperty(name="emcheck-format", value=MARK))
    custom.append(StringProperty(name="emcheck-as-of", value=as_of.isoformat()))


def _saved(book: Workbook) -> bytes:
    written = io.BytesIO()
    # Workbook.save would stamp "modified" with the clock; the writer keeps ours.
    ExcelWriter(book, ZipFile(written, "w", ZIP_DEFLATED)).save()
    # Parts carry the moment they were written (sheets even their temporary file's): one time.
    steady = io.BytesIO()
    with ZipFile(written) as parts, ZipFile(steady, "w", ZIP_DEFLATED) as package:
        for part in parts.infolist():
            package.writestr(ZipInfo(part.filename, ZIP_TIME), parts.read(part), ZIP_DEFLATED)
    return steady.getvalue()
