"""Read an Excel workbook (.xlsx) someone sent back, without trusting it.

Before openpyxl sees the file: its size on disk, the number of parts in the zip, their
unpacked size added up (zipfile never unpacks a part past its declared size, so the sum
bounds what reading can cost) and each large part's compression ratio (a zip bomb). Every
XML part is then read once by expat with a handler that refuses a DOCTYPE, so no entity is
ever declared, let alone expanded, and the worksheets' rows and cells are counted. openpyxl
parses with defusedxml besides (a dependency for that reason). Formulas are never computed:
a formula cell gives the value the spreadsheet saved with it, or an error naming the cell.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.reading import Limits, read_file, set_in_environment
from emcheck.loading.text_dates import date_from_text

ENVIRONMENT = {
    "max_bytes": "EMCHECK_MAX_WORKBOOK_BYTES",
    "max_unpacked": "EMCHECK_MAX_WORKBOOK_UNPACKED",
    "max_parts": "EMCHECK_MAX_WORKBOOK_PARTS",
    "max_ratio": "EMCHECK_MAX_WORKBOOK_RATIO",
    "max_rows": "EMCHECK_MAX_ROWS",
    "max_cells": "EMCHECK_MAX_CELLS",
}
"""The environment variables that change each limit (README "Input limits")."""
RATIO_FLOOR = 1 << 20
"""Parts smaller than this unpacked (1 MiB) are not held to the ratio: little XML files
compress well and cost nothing; the total unpacked size bounds them."""


@dataclass(frozen=True)
class WorkbookLimits:
    """How much a workbook may ask of us; documented in the README."""

    max_bytes: int = 10 * 1024 * 1024
    """The .xlsx file itself (10 MiB); a ledger of 500 findings is under 100 KiB."""
    max_unpacked: int = 50 * 1024 * 1024
    """Every part unpacked, added up (50 MiB)."""
    max_parts: int = 1_000
    """Files inside the zip; Excel writes about a dozen, plus one per sheet."""
    max_ratio: int = 100
    """Unpacked size over packed size of a part over 1 MiB; a zip bomb's is in the thousands."""
    max_rows: int = 10_000
    """Rows of one sheet, counting up to the last row with anything in it."""
    max_cells: int = 200_000
    """Cells with content or formatting in the whole workbook."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> WorkbookLimits:
        return cls(**set_in_environment(ENVIRONMENT, environ))


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
    _vet(shown, raw, limits)
    book = Book(shown, raw, _opened(shown, raw, data_only=False))
    for sheet in book.sheets:
        if sheet.max_row > limits.max_rows:
            raise InputError(
                Location(shown, sheet=sheet.title),
                _over("行数（到最后一个有内容或格式的行）", "rows", sheet.max_row, limits.max_rows),
            )
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


def _vet(file: str, raw: bytes, limits: WorkbookLimits) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            Location(file),
            Text(
                "不是 Excel 工作簿（.xlsx）：旧的 .xls 或加密的文件请在 Excel 中另存为 .xlsx",
                "not an Excel workbook (.xlsx): save an old .xls or encrypted file as .xlsx",
            ),
        ) from None
    if len(parts) > limits.max_parts:
        raise InputError(
            Location(file), _over("压缩包内文件数", "parts", len(parts), limits.max_parts)
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked:
        raise InputError(
            Location(file),
            _over("解压后大小（字节）", "unpacked bytes", unpacked, limits.max_unpacked),
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise InputError(
                Location(file),
                Text(
                    f"{part.filename} 的压缩比为 {ratio:.0f}:1（上限 {limits.max_ratio}:1），"
                    "疑为压缩炸弹，拒绝读取",
                    f"{part.filename} is compressed {ratio:.0f}:1 (limit {limits.max_ratio}:1): "
                    "refused as a likely zip bomb",
                ),
            )
    _refuse_active_parts(file, [part.filename for part in parts])
    counted = _Count(file, limits)
    with package:
        for part in parts:
            if part.filename.endswith((".xml", ".rels", ".vml")):
                with package.open(part) as stream:
                    counted.scan(part.filename, stream)


def _refuse_active_parts(file: str, names: list[str]) -> None:
    """Macros and links to other workbooks: nothing a site file or ledger needs, so refused."""
    for name in names:
        macro = name.lower().endswith("vbaproject.bin")
        if macro or name.startswith("xl/externalLinks/"):
            raise InputError(
                Location(file),
                Text(
                    "含有宏（VBA），拒绝读取：请另存为不含宏的 .xlsx"
                    if macro
                    else "含有指向其他工作簿的外部链接，拒绝读取：请复制为数值后另存",
                    "holds macros (VBA) and is refused: save it as a macro-free .xlsx"
                    if macro
                    else "links to other workbooks and is refused: paste the values and save",
                ),
            )


class _Count:
    """Expat over each part: no DOCTYPE anywhere; worksheets' cells counted to the limit."""

    def __init__(self, file: str, limits: WorkbookLimits) -> None:
        self.file, self.limits, self.cells = file, limits, 0

    def scan(self, name: str, stream: IO[bytes]) -> None:
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = lambda *_: self._refuse_doctype(name)
        if name.startswith("xl/worksheets/"):
            parser.StartElementHandler = self._element
        try:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as error:
            raise InputError(
                Location(self.file),
                Text(f"{name} 已损坏：{error}", f"{name} is damaged: {error}"),
            ) from None

    def _element(self, name: str, _attributes: object) -> None:
        if name.rpartition(":")[2] == "c":
            self.cells += 1
            if self.cells > self.limits.max_cells:
                raise InputError(
                    Location(self.file),
                    _over("单元格数", "cells", self.cells, self.limits.max_cells),
                )

    def _refuse_doctype(self, name: str) -> None:
        raise InputError(
            Location(self.file),
            Text(
                f"{name} 含有 DOCTYPE 声明（可用来定义实体）：Excel 不会这样写，拒绝读取",
                f"{name} declares a DOCTYPE (which can define entities): Excel never writes "
                "one, so the file is refused",
            ),
        )


def _over(zh: str, en: str, count: int, limit: int) -> Text:
    return Text(
        f"{zh}超过上限：{count}，上限为 {limit}", f"too many {en}: {count}, the limit is {limit}"
    )


def _formula(value: Any) -> str:
    return str(getattr(value, "text", value))
