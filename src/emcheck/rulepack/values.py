"""How site values read in a finding, and the date arithmetic the checks need."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.paths import MISSING

NOT_FILLED = Text("未填写", "missing")
NONE_ = Text("无", "none")


def show(value: Any) -> Text:
    """A site value as a person would write it."""
    if value is MISSING or value is None:
        return NOT_FILLED
    if isinstance(value, bool):
        return Text("是", "yes") if value else Text("否", "no")
    if isinstance(value, float):
        # Sums of half days must not read 3.9999899999999995.
        shown = f"{round(value, 2):g}"
        return Text(shown, shown)
    if isinstance(value, (list, tuple)):
        return join(show(item) for item in value) if value else NONE_
    if isinstance(value, dict):
        return Text(f"{len(value)} 项", f"{len(value)} entries")
    return Text(str(value), str(value))


def join(parts: Iterable[Text]) -> Text:
    items = list(parts)
    if not items:
        return NONE_
    return Text("、".join(p.zh for p in items), ", ".join(p.en for p in items))


def bounds(minimum: Any, maximum: Any) -> Text:
    if minimum is not None and maximum is not None:
        return Text(
            f"{show(minimum).zh}–{show(maximum).zh}", f"{show(minimum).en}–{show(maximum).en}"
        )
    if minimum is not None:
        return Text(f"不少于 {show(minimum).zh}", f"at least {show(minimum).en}")
    return Text(f"不多于 {show(maximum).zh}", f"at most {show(maximum).en}")


def parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def window_start(as_of: date, window: dict[str, int]) -> date:
    """The first day of a window of ``{days|months|years: N}`` that ends on ``as_of``."""
    if "days" in window:
        return date.fromordinal(as_of.toordinal() - int(window["days"]) + 1)
    if "months" in window:
        return months_before(as_of, int(window["months"]))
    return months_before(as_of, 12 * int(window["years"]))


def window_text(window: dict[str, int]) -> Text:
    if "days" in window:
        return Text(f"{window['days']} 天内", f"within {window['days']} days")
    if "months" in window:
        return Text(f"{window['months']} 个月内", f"within {window['months']} months")
    return Text(f"{window['years']} 年内", f"within {window['years']} years")


def in_window(value: Any, as_of: date, window: dict[str, int]) -> bool:
    day = parse_date(value)
    return day is not None and window_start(as_of, window) <= day <= as_of
