"""Vet an .xlsx package before openpyxl reads it: nothing in it is trusted.

The file's size on disk, the number of parts in the zip, their unpacked size added up
(zipfile never unpacks a part past its declared size, so the sum bounds what reading can
cost) and each large part's compression ratio (a zip bomb). Every XML part is then read once
by expat with a handler that refuses a DOCTYPE, so no entity is ever declared, let alone
expanded, and the worksheets' rows and cells are counted as they stream past. What is not a
workbook at all is told apart: an old .xls or an encrypted workbook (both OLE compound
files), a Word document, a truncated download.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.reading import set_in_environment

ENVIRONMENT = {
    "max_bytes": "EMCHECK_MAX_WORKBOOK_BYTES",
    "max_unpacked": "EMCHECK_MAX_WORKBOOK_UNPACKED",
    "max_parts": "EMCHECK_MAX_WORKBOOK_PARTS",
    "max_ratio": "EMCHECK_MAX_WORKBOOK_RATIO",
    "max_rows": "EMCHECK_MAX_ROWS",
    "max_columns": "EMCHECK_MAX_COLUMNS",
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
    max_columns: int = 1_000
    """Columns of one sheet, likewise; the widest site sheet has about 30."""
    max_cells: int = 200_000
    """Cells with content or formatting in the whole workbook."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> WorkbookLimits:
        return cls(**set_in_environment(ENVIRONMENT, environ))


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an OLE compound file: an Excel 97-2003 .xls, or an encrypted .xlsx."""
ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
SHEET_NAMES = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
"""Where a sheet's name is, and which part holds it."""
"""The stream an encrypted Office file holds (OLE names its streams in UTF-16)."""


def vet(file: str, raw: bytes, limits: WorkbookLimits) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(Location(file), _not_a_package(raw)) from None
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        word = "word/document.xml" in names
        raise InputError(
            Location(file),
            Text(
                f"不是 Excel 工作簿（.xlsx）：{'这是 Word 文档，' if word else ''}"
                "其中没有工作簿（xl/workbook.xml）",
                f"not an Excel workbook (.xlsx): {'a Word document, ' if word else ''}"
                "it holds no workbook (xl/workbook.xml)",
            ),
        )
    if len(parts) > limits.max_parts:
        raise InputError(
            Location(file), over("压缩包内文件数", "parts", len(parts), limits.max_parts)
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked:
        raise InputError(
            Location(file),
            over("解压后大小（字节）", "unpacked bytes", unpacked, limits.max_unpacked),
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
        # The sheets' names first, so that a sheet over the limits is named as a clerk sees it.
        for part in sorted(parts, key=_names_first):
            if part.filename.endswith((".xml", ".rels", ".vml")):
                with package.open(part) as stream:
                    counted.scan(part.filename, stream)


def _names_first(part: zipfile.ZipInfo) -> int:
    name = part.filename
    return SHEET_NAMES.index(name) if name in SHEET_NAMES else len(SHEET_NAMES)


def _not_a_package(raw: bytes) -> Text:
    """Why bytes that are no zip cannot be a workbook, with what to do about it."""
    if raw.startswith(OLE) and ENCRYPTED in raw:
        return Text(
            "是加密（设置了打开密码）的工作簿，emcheck 无法读取：请在 Excel 或 WPS 中取消密码后"
            "另存为 .xlsx",
            "an encrypted (password-protected) workbook, which emcheck cannot read: remove "
            "the password in Excel or WPS and save it as .xlsx",
        )
    if raw.startswith(OLE):
        return Text(
            "是旧版 Excel 97-2003 工作簿（.xls），emcheck 不读取：请在 Excel 或 WPS 中另存为 .xlsx",
            "an old Excel 97-2003 workbook (.xls), which emcheck does not read: save it as "
            ".xlsx in Excel or WPS",
        )
    if raw.startswith(b"PK\x03\x04"):
        return Text(
            "压缩包不完整，文件可能没有下载或复制完：请重新获取原文件",
            "the zip package is incomplete, perhaps cut short in a download or copy: fetch the "
            "file again",
        )
    return Text(
        "不是 Excel 工作簿（.xlsx）：请用 Excel 或 WPS 另存为 .xlsx",
        "not an Excel workbook (.xlsx): save it as .xlsx in Excel or WPS",
    )


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
    """Expat over each part: no DOCTYPE anywhere; worksheets' cells counted to the limit, and
    their rows, so a million formatted rows are refused before openpyxl builds them."""

    def __init__(self, file: str, limits: WorkbookLimits) -> None:
        self.file, self.limits, self.cells = file, limits, 0
        self.part, self.row = "", 0
        self.titles: dict[str, str] = {}
        """Sheet name by its relationship id, then by its part."""

    def scan(self, name: str, stream: IO[bytes]) -> None:
        self.part, self.row = name, 0
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = lambda *_: self._refuse_doctype(name)
        if name.startswith("xl/worksheets/"):
            parser.StartElementHandler = self._element
        elif name in SHEET_NAMES:
            parser.StartElementHandler = self._names
        try:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as error:
            raise InputError(
                Location(self.file),
                Text(f"{name} 已损坏：{error}", f"{name} is damaged: {error}"),
            ) from None

    def _names(self, name: str, attributes: dict[str, str]) -> None:
        """``<sheet name= r:id=>`` in workbook.xml, ``<Relationship Id= Target=>`` in its rels."""
        local = name.rpartition(":")[2]
        if local == "sheet":
            rid = next((v for k, v in attributes.items() if k.endswith(":id")), "")
            self.titles[rid] = attributes.get("name", "")
        elif local == "Relationship" and attributes.get("Id") in self.titles:
            target = attributes.get("Target", "").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            self.titles[part] = self.titles[attributes["Id"]]

    def _element(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            number = attributes.get("r", "")
            self.row = int(number) if number.isdigit() else self.row + 1
            if self.row > self.limits.max_rows:
                title = self.titles.get(self.part)
                raise InputError(
                    Location(self.file, sheet=title) if title else Location(self.file),
                    over(ROWS.zh, ROWS.en, self.row, self.limits.max_rows),
                )
        elif local == "c":
            self.cells += 1
            if self.cells > self.limits.max_cells:
                raise InputError(
                    Location(self.file),
                    over("单元格数", "cells", self.cells, self.limits.max_cells),
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


ROWS = Text("行数（到最后一个有内容或格式的行）", "rows")


def over(zh: str, en: str, count: int, limit: int) -> Text:
    return Text(
        f"{zh}超过上限：{count}，上限为 {limit}", f"too many {en}: {count}, the limit is {limit}"
    )
