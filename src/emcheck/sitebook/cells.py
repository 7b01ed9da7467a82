"""A cell's value as the site file holds it, read the way a clerk meant it.

Numbers typed as text (20, ２０, 20人, 1,200), dates typed as text or kept as Excel serial
numbers, 是/否 spelt many ways, choices with stray spaces or full-width letters: understood
where only one reading exists, otherwise an error naming the cell with what to write. Free
text is kept as typed: it is the unit's own words.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError
from emcheck.i18n import Text
from emcheck.loading.workbook import Book
from emcheck.sitebook.layout import Column
from emcheck.validation.template_text import UNIT_NAMES

NUMBER = re.compile(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([^\d\s.,]{0,3})")
"""A number, perhaps with thousands commas, and a short unit word after it (人, 天, 个)."""
TRUE_WORDS = frozenset({"是", "有", "对", "√", "✓", "✔", "y", "yes", "true", "1", "已"})
FALSE_WORDS = frozenset({"否", "无", "不", "×", "✗", "✘", "n", "no", "false", "0", "未"})
LEVEL_WORDS = {word: level for level, name in UNIT_NAMES.items() for word in (name.zh,)}
LEVEL_WORDS.update({"区": "district", "镇": "township", "乡": "township"})


def plain(text: str) -> str:
    """Full-width letters and digits as ASCII, no spaces at either end."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_value(book: Book, sheet: Worksheet, row: int, col: int, column: Column) -> Any:
    """The value for the site file, or None for an empty cell."""
    if column.kind == "date":
        found = book.date(sheet, row, col)
        return found.isoformat() if found else None
    raw = book.value(sheet, row, col)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if column.kind in ("integer", "number"):
        return _number(book, sheet, row, col, raw, column.kind == "integer")
    if column.kind in ("yes_no", "flag"):
        return _yes_no(book, sheet, row, col, raw)
    if column.kind == "lines":
        return [line.strip() for line in _text(raw).splitlines() if line.strip()]
    if column.kind == "choice":
        return _choice(_text(raw), column.choices)
    if column.kind in ("unit", "parent", "remark"):
        return _text(raw).strip()
    return _text(raw)


def _text(raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else str(raw)
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _number(book: Book, sheet: Worksheet, row: int, col: int, raw: Any, whole: bool) -> Any:
    if isinstance(raw, (bool, date, datetime)):
        raise _wrong(book, sheet, row, col, str(raw), Text("数字", "a number"))
    if isinstance(raw, (int, float)):
        return int(raw) if whole and float(raw).is_integer() else raw
    found = NUMBER.fullmatch(plain(str(raw)))
    if found is None:
        raise _wrong(book, sheet, row, col, str(raw), Text("数字，例如 20", "a number, e.g. 20"))
    digits = found[1].replace(",", "")
    number = float(digits)
    if "." not in digits or (whole and number.is_integer()):
        return int(number)
    return number


def _yes_no(book: Book, sheet: Worksheet, row: int, col: int, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = plain(_text(raw)).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _wrong(book, sheet, row, col, str(raw), Text("“是”或“否”", "是 (yes) or 否 (no)"))


def _choice(text: str, choices: tuple[str, ...]) -> str:
    """The choice the text spells; text that is none of them is kept for the schema check,
    which names the choices and the nearest one."""
    if text in choices:
        return text
    typed = "".join(plain(text).split())
    for choice in choices:
        if "".join(plain(choice).split()) == typed:
            return choice
    if "district" in choices:
        return LEVEL_WORDS.get(typed, text)
    return text


def _wrong(book: Book, sheet: Worksheet, row: int, col: int, typed: str, want: Text) -> InputError:
    return InputError(
        book.where(sheet, row, col),
        Text(f"应填{want.zh}，实际为“{typed}”", f"should be {want.en}, not '{typed}'"),
    )
