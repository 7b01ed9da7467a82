"""Hostile and broken workbooks, made at test time from a good one: shared by the ledger's
tests and the hostile-input corpus (site workbooks). Big ones are generated, never committed.

Each maker takes a good workbook and a folder and returns the file it wrote there.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from docx import Document

ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
Maker = Callable[[Path, Path], Path]


def repacked(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """``source`` with each part passed through ``change``."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for part in package.infolist():
            out.writestr(part.filename, change(part.filename, package.read(part)), 8)
    return target


def with_part(name: str, data: bytes, suffix: str = ".xlsx") -> Maker:
    """The good workbook with one more part (a macro project, an external link …)."""

    def make(good: Path, folder: Path) -> Path:
        target = repacked(good, folder / f"site{suffix}", lambda _n, d: d)
        with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as package:
            package.writestr(name, data)
        return target

    return make


def entities(good: Path, folder: Path) -> Path:
    """A billion-laughs DOCTYPE at the top of the first sheet, an entity used in a cell."""

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data)
        return ENTITY.encode() + body.replace(b"<t>", b"<t>&lol2;", 1)

    return repacked(good, folder / "entity.xlsx", change)


zip_bomb = with_part("xl/media/image1.png", b"\0" * (8 << 20))
"""8 MiB of zeros packed into a few kilobytes: a compression ratio in the thousands."""


def million_rows(good: Path, folder: Path) -> Path:
    """A million real (empty, formatted) rows at the end of the first data sheet."""
    rows = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(100, 1_000_100))

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet3.xml":
            return data
        return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")

    return repacked(good, folder / "rows.xlsx", change)


def widest(good: Path, folder: Path) -> Path:
    """A cell in the last column Excel has (XFD, the 16,384th)."""
    book = openpyxl.load_workbook(good)
    book["基本信息"].cell(3, 16_384, "x")
    book.save(folder / "wide.xlsx")
    return folder / "wide.xlsx"


def truncated(good: Path, folder: Path) -> Path:
    raw = good.read_bytes()
    (folder / "cut.xlsx").write_bytes(raw[: len(raw) // 2])
    return folder / "cut.xlsx"


def renamed_docx(_good: Path, folder: Path) -> Path:
    Document().save(str(folder / "site.xlsx"))
    return folder / "site.xlsx"


def bytes_named(name: str, content: bytes) -> Maker:
    def make(_good: Path, folder: Path) -> Path:
        (folder / name).write_bytes(content)
        return folder / name

    return make


def ole_file(*streams: str) -> bytes:
    """An OLE compound file's header and a directory sector naming ``streams``: how Excel
    stores an old .xls, or an encrypted .xlsx (EncryptionInfo, EncryptedPackage)."""
    header = OLE + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + bytes(512 - 32)
    entries = b"".join(
        name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in ("Root Entry", *streams)
    )
    return header + entries.ljust(512, b"\0")


old_xls = bytes_named("柳溪村.xls", ole_file("Workbook", "\x05SummaryInformation"))
encrypted = bytes_named(
    "柳溪村.xlsx", ole_file("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")
)
