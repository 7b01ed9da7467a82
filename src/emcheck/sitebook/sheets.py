"""Which sheet of a workbook is which part of the site file: by name, in either language.

Other sheets (a clerk's notes, the hidden 选项 lists, 填表说明) are left alone, unless a name
looks like a misspelt part that is missing: then reading stops with "did you mean".
"""

from __future__ import annotations

import difflib

from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError, Location
from emcheck.history.ledger_columns import plain_header
from emcheck.i18n import Text
from emcheck.loading.workbook import Book
from emcheck.sitebook.layout import LEVELS, Layout, layout_for, sheet_names


def find_sheets(book: Book, layout: Layout) -> dict[str, Worksheet]:
    """Table key → the sheet holding it; 基本信息 must be there."""
    known = _names(layout)
    found: dict[str, Worksheet] = {}
    for sheet in book.sheets:
        key = known.get(plain_header(sheet.title))
        if key is not None and key not in found:
            found[key] = sheet
    if "" not in found:
        titles = "、".join(f"“{s.title}”" for s in book.sheets)
        raise InputError(
            Location(book.file),
            Text(
                f"没有“基本信息”工作表（现有 {titles}）：这不是 emcheck 的站点工作簿？"
                "可用 emcheck init --format xlsx 生成一份",
                f"no sheet 'Basic information' or '基本信息' (it has {titles}): not an emcheck "
                "site workbook? emcheck init --format xlsx writes one",
            ),
        )
    missing = {name: key for name, key in known.items() if key not in found}
    for sheet in book.sheets:
        if plain_header(sheet.title) in known:
            continue
        close = difflib.get_close_matches(plain_header(sheet.title), list(missing), 1, 0.8)
        if close:
            meant = next(t.title for t in layout.tables if t.key == missing[close[0]])
            raise InputError(
                Location(book.file, sheet=sheet.title),
                Text(
                    f"不认识的工作表：是否应为“{meant.zh}”？请改正表名，否则这张表不会被读取",
                    f"unknown sheet: did you mean '{meant.en}' ({meant.zh})? Rename it, or "
                    "it is not read",
                ),
            )
    return found


def _names(layout: Layout) -> dict[str, str]:
    names: dict[str, str] = {}
    for each in (layout, *(layout_for(level) for level in LEVELS)):
        for lang in ("zh", "en"):
            for key, name in sheet_names(each, lang).items():
                names.setdefault(plain_header(name), key)
    return names
