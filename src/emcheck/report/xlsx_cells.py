"""Writing workbooks emcheck hands to people: typed, formula-safe cells laid out as a titled
table, document properties that say what made the file, and the same bytes for the same input.

Shared by the progress workbook and the rectification ledger (整改台账).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
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

from emcheck.i18n import Lang, chooser
from emcheck.report.progress.cells import Cell, Kind, Table
from emcheck.report.progress.sheet_look import FIGURE, HEADER_ROW, TEXT

NUMBER_FORMATS: dict[str, str] = {
    "int": "0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "change": "+0.0;-0.0;0.0",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take for the start of a formula when the cell is edited."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BOLD = Font(name=DEFAULT_FONT.name, size=DEFAULT_FONT.size, bold=True)
"""A total or group row; the font named, or LibreOffice falls back to a serif one."""


def fill(sheet: Worksheet, table: Table) -> None:
    """Title in row 1, note in row 2, header in HEADER_ROW, the rows below it."""
    title = put(sheet, 1, 1, table.title, "text")
    if title is not None:
        title.font = Font(name=DEFAULT_FONT.name, size=14, bold=True)
    put(sheet, 2, 1, table.note, "text")
    for col, column in enumerate(table.columns, 1):
        put(sheet, HEADER_ROW, col, column.header, "text")
    emphasis = table.emphasis or (False,) * len(table.rows)
    # Styling a cell hashes the style each time (seconds over a zone's ledger): each
    # combination is made once and copied, openpyxl's documented way to copy a style.
    looks: dict[tuple[Kind, bool], StyleArray] = {}
    for row, (values, strong) in enumerate(zip(table.rows, emphasis, strict=True), HEADER_ROW + 1):
        for col, (value, column) in enumerate(zip(values, table.columns, strict=True), 1):
            cell = put(sheet, row, col, value, column.kind)
            if cell is not None:
                _look(cell, column.kind, strong, looks)


def _look(
    cell: SheetCell, kind: Kind, strong: bool, looks: dict[tuple[Kind, bool], StyleArray]
) -> None:
    quoted = cell.quotePrefix
    look = looks.get((kind, strong))
    if look is None:
        cell.alignment = TEXT if kind == "text" else FIGURE
        cell.number_format = NUMBER_FORMATS.get(kind, "General")
        if strong:
            cell.font = BOLD
        cell.quotePrefix = False
        looks[(kind, strong)] = copy(cell._style)  # type: ignore[attr-defined]
    else:
        cell._style = copy(look)  # type: ignore[attr-defined]  # not in the stubs
    cell.quotePrefix = quoted


def put(sheet: Worksheet, row: int, col: int, value: Cell, kind: Kind) -> SheetCell | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        cell = sheet.cell(row, col, safe_text(value))
        # Text from a site file is the reporting unit's: it is never run as a formula.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell
    cell = sheet.cell(row, col, stored(value, kind))
    cell.number_format = NUMBER_FORMATS.get(kind, "General")
    return cell


def safe_text(text: str) -> str:
    """Characters XML cannot carry, replaced."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def stored(value: int | float | date, kind: str) -> int | float | date:
    """A figure as the cell holds it."""
    if kind == "percent" and not isinstance(value, date):
        # The table's 65.6 is 65.6 %: 0.656, without the binary tail of 65.6 / 100.
        return round(value / 100, 6)
    return value


def describe(
    book: Workbook,
    title: str,
    subject: str,
    lang: Lang,
    mark: str,
    as_of: date,
    inputs: Sequence[tuple[str, str]] = (),
) -> None:
    """Title and subject, and custom properties naming the format (``mark``), the date and
    what was judged (``inputs``: name, value; see :mod:`emcheck.report.tied`)."""
    properties = book.properties
    properties.title = title
    properties.subject = subject
    properties.creator = properties.lastModifiedBy = "emcheck"
    properties.language = chooser(lang)("zh-CN", "en")
    # The round's date, not the clock: the same round makes the same file.
    properties.created = properties.modified = datetime.combine(as_of, time())
    custom = book.custom_doc_props  # type: ignore[attr-defined]  # missing from the stubs
    for name, value in custom_properties(mark, as_of, inputs):
        custom.append(StringProperty(name=name, value=value))


def custom_properties(
    mark: str, as_of: date, inputs: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The format (``mark``), the round's date and what was judged, as (name, value)."""
    named = [("emcheck-format", mark), ("emcheck-as-of", as_of.isoformat()), *inputs]
    return [(name, safe_text(value)) for name, value in named]


def saved(book: Workbook) -> bytes:
    written = io.BytesIO()
    # Workbook.save would stamp "modified" with the clock; the writer keeps ours.
    ExcelWriter(book, ZipFile(written, "w", ZIP_DEFLATED)).save()
    # Parts carry the moment they were written (sheets even their temporary file's): one time.
    steady = io.BytesIO()
    with ZipFile(written) as parts, ZipFile(steady, "w", ZIP_DEFLATED) as package:
        for part in parts.infolist():
            package.writestr(ZipInfo(part.filename, ZIP_TIME), parts.read(part), ZIP_DEFLATED)
    return steady.getvalue()
