"""Dates a clerk types as text into a date cell: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日.

Year-first spellings are read one way only. A year-last one (1/3/2026) is read only when
its day cannot be taken for a month (25/12/2026, 12/25/2026): whether 1/3 is the first of
March or the third of January depends on the computer it was typed on. Anything else is
refused with the spellings that are understood, never guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from emcheck.i18n import Text

YEAR_FIRST = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
YEAR_LAST = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})")
SPELLINGS = Text(
    "请写成 2026-03-01、2026/3/1 或 2026年3月1日",
    "write it as 2026-03-01, 2026/3/1 or 2026年3月1日",
)


def date_from_text(text: str) -> date | Text:
    """The date ``text`` spells, or why it is not read as one (with the accepted spellings)."""
    # Full-width digits and separators (２０２６／３／１) are the same characters to a reader.
    plain = unicodedata.normalize("NFKC", text).strip()
    found = YEAR_FIRST.fullmatch(plain)
    if found:
        return _day(plain, int(found[1]), int(found[3]), int(found[4]))
    found = CHINESE.fullmatch(plain)
    if found:
        return _day(plain, int(found[1]), int(found[2]), int(found[3]))
    found = YEAR_LAST.fullmatch(plain)
    if found:
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        if first == second or first > 12:
            return _day(plain, year, second, first)
        if second > 12:
            return _day(plain, year, first, second)
        return Text(
            f"“{text}”既可读作 {year}年{second}月{first}日，也可读作 {year}年{first}月{second}日；"
            + SPELLINGS.zh,
            f"'{text}' could be {year}-{second:02}-{first:02} or {year}-{first:02}-{second:02}; "
            + SPELLINGS.en,
        )
    return Text(f"“{text}”不是日期；" + SPELLINGS.zh, f"'{text}' is not a date; " + SPELLINGS.en)


def _day(text: str, year: int, month: int, day: int) -> date | Text:
    try:
        return date(year, month, day)
    except ValueError:
        return Text(
            f"“{text}”不是存在的日期（{year}年{month}月{day}日）；" + SPELLINGS.zh,
            f"'{text}' is no such day ({year}-{month}-{day}); " + SPELLINGS.en,
        )
