"""Read an Excel workbook (.xlsx) someone sent back, without trusting it.

Before openpyxl sees the file, ``workbook_vetting`` checks the package (size, parts, zip
bombs, DOCTYPEs, macros, external links, rows and cells); openpyxl parses with defusedxml
besides (a dependency for that reason). After it, each sheet's extent is held to the row and
column limits. Formulas are never computed: a formula cell gives the value the spreadsheet
saved with it, or an error naming the cell.
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.reading import Limits, read_file
from emcheck.loading.text_dates import date_from_text
from emcheck.loading.workbook_vetting import ROWS, WorkbookLimits, over, vet


class Book:
    """A vetted workbook: its sheets, and each cell's value as the spreadsheet saved it."""

    def __init__(self, file: str, raw: bytes, formulas: Workbook) -> None:
        self.file = file
        self._raw = raw
        self.formulas = formulas
        self._values: Workbook | None = None

    @property
    def sheets(self) -> list[Worksheet]:
        return list(self.formulas.worksheets)

    def where(self, sheet: Worksheet, row: int, col: int | None = None) -> Location:
        cell = None if col is None else f"{get_column_letter(col)}{row}"
        return Location(self.file, row, sheet=sheet.title, cell=cell)

    def value(self, sheet: Worksheet, row: int, col: int) -> Any:
        """The cell's value; for a formula, the result the spreadsheet saved with it."""
        value = sheet.cell(row, col).value
        if sheet.cell(row, col).data_type != "f":
            return value
        if self._values is None:
            self._values = _opened(self.file, self._raw, data_only=True)
        saved = self._values[sheet.title].cell(row, col).value
        if saved is None:
            raise InputError(
                self.where(sheet, row, col),
                Text(
                    f"是公式（{_formula(value)}），文件中没有保存计算结果；emcheck 不计算公式，"
                    "请直接填写内容，或在 Excel 中打开后保存一次",
                    f"holds a formula ({_formula(value)}) saved without its result; emcheck "
                    "never computes formulas: type the value, or open and save it in Excel",
                ),
            )
        return saved

    def text(self, sheet: Worksheet, row: int, col: int) -> str:
        value = self.value(sheet, row, col)
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def merged_text(self, sheet: Worksheet, row: int, col: int) -> str:
        """A header cell's text; inside merged cells, the merged block's (its top-left's)."""
        for block in sheet.merged_cells.ranges:
            if block.min_row <= row <= block.max_row and block.min_col <= col <= block.max_col:
                return self.text(sheet, block.min_row, block.min_col)
        return self.text(sheet, row, col)

    def date(self, sheet: Worksheet, row: int, col: int) -> date | None:
        """A date cell, an Excel serial number, or text spelling a date (text_dates)."""
        value = self.value(sheet, row, col)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2958466:
            serial = from_excel(value, self.formulas.epoch)
            return serial.date() if isinstance(serial, datetime) else None
        read = date_from_text(str(value))
        if isinstance(read, date):
            return read
        raise InputError(
            self.where(sheet, row, col),
            Text(f"应为日期：{read.zh}", f"should be a date: {read.en}"),
        )


def below_header(sheet: Worksheet, row: int) -> int:
    """The first row under a header in ``row`` (a header merged over two rows ends lower)."""
    lowest = max(
        (b.max_row for b in sheet.merged_cells.ranges if b.min_row <= row <= b.max_row),
        default=row,
    )
    return lowest + 1


def open_workbook(path: Path, limits: WorkbookLimits | None = None) -> Book:
    limits = limits if limits is not None else WorkbookLimits.from_environment()
    shown = str(path)
    raw = read_file(path, limits=Limits(max_bytes=limits.max_bytes), kind="Excel")
    vet(shown, raw, limits)
    book = Book(shown, raw, _opened(shown, raw, data_only=False))
    for sheet in book.sheets:
        for count, limit, zh, en in (
            (sheet.max_row, limits.max_rows, ROWS.zh, ROWS.en),
            (sheet.max_column, limits.max_columns, "列数（到最后一个有内容或格式的列）", "columns"),
        ):
            if count > limit:
                raise InputError(Location(shown, sheet=sheet.title), over(zh, en, count, limit))
    return book


def _opened(file: str, raw: bytes, data_only: bool) -> Workbook:
    try:
        with warnings.catch_warnings():
            # "Data Validation extension is not supported" and the like: nothing to act on.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(raw), data_only=data_only, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds on a broken package: all one here
        raise InputError(
            Location(file),
            Text(
                f"无法作为 Excel 工作簿读取（{type(error).__name__}）：文件可能已损坏",
                f"cannot be read as an Excel workbook ({type(error).__name__}): it may be damaged",
            ),
        ) from None


def _formula(value: Any) -> str:
    return str(getattr(value, "text", value))
