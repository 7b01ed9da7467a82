"""Operators that count: entries, distinct people, numbers, sums over a period, duplicates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.matchers import select
from emcheck.rulepack.operators.base import (
    TALLY,
    Failure,
    Run,
    bounds_text,
    element_key,
    in_range,
    values_of,
)
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import join, parse_date, show


def count(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Real entries only: with ``key``, distinct non-blank ones; a list of texts, distinct texts."""
    items, at = scope.get(spec["path"])
    chosen = select(scope, items, at, spec.get("where"))
    evidence = scope.context.evidence
    if "key" in spec:
        keys = [element_key(e, spec["key"]) for e in chosen]
    else:
        keys = [
            evidence.key(e.data) if evidence.real(e.data) else None
            for e in chosen
            if not isinstance(e.data, dict) or e.data
        ]
    real = [k for k in keys if k is not None]
    distinct = len(set(map(repr, real)))
    shown = _counted(distinct, keys, real, "key" in spec)
    return in_range(distinct, spec, scope, label, at, shown)


def _counted(distinct: int, keys: list[Any], real: list[Any], by_key: bool) -> Text:
    """``24（去重后；1 条重复、1 条空白或占位未计入）``: the count, and what it left out."""
    repeated, unreal = len(real) - distinct, len(keys) - len(real)
    if not repeated and not unreal:
        return Text(f"{distinct}（去重后）", f"{distinct} (distinct)") if by_key else show(distinct)
    notes_zh, notes_en = [], []
    if repeated:
        notes_zh.append(f"{repeated} 条重复")
        notes_en.append(f"{repeated} repeated")
    if unreal:
        notes_zh.append(f"{unreal} 条空白或占位")
        notes_en.append(f"{unreal} blank or placeholder")
    return Text(
        f"{distinct}（去重后；{'、'.join(notes_zh)}未计入）",
        f"{distinct} (distinct; {', '.join(notes_en)} not counted)",
    )


def number(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return [Failure(at, label, bounds_text(spec, scope), show(value))]
    return in_range(value, spec, scope, label, at)


def sum_(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Identical rows (same ``key``) count once; with ``until_audit``, only days already past."""
    items, at = scope.get(spec["path"])
    total: float = 0
    seen: set[str] = set()
    as_of = scope.context.as_of
    for element in select(scope, items, at, spec.get("where")):
        value = element.get(spec["field"])[0]
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if "key" in spec:
            # Like count: a row without a real key is no real entry, a repeated one counts once.
            found = element_key(element, spec["key"])
            key = repr(found)
            if found is None or key in seen:
                continue
            seen.add(key)
        if "until_audit" in spec:
            value = _days_elapsed(value, parse_date(element.get(spec["until_audit"])[0]), as_of)
        total += value
    failures = []
    for bound, too_small in (("min_of", True), ("max_of", False)):
        if bound in spec:
            # The bound is a figure of the site itself (all households must be in some grid).
            limit = scope.get(spec[bound])[0]
            off = not isinstance(limit, (int, float)) or (
                total < limit if too_small else total > limit
            )
            if off:
                word = ("不少于", "at least") if too_small else ("不多于", "at most")
                expected = Text(f"{word[0]} {show(limit).zh}", f"{word[1]} {show(limit).en}")
                failures.append(Failure(at, label, expected, show(total)))
            if not isinstance(limit, (int, float)):
                break  # a missing figure is one shortfall, however many bounds name it
    if failures:
        return failures
    if "min" not in spec and "max" not in spec:
        return [Failure(at, label, Text("", ""), show(total), kind=TALLY)]
    return in_range(total, spec, scope, label, at)


def _days_elapsed(days: float, start: date | None, as_of: date) -> float:
    """The part of a period starting on ``start`` that lies on or before the audit date."""
    if start is None or start > as_of:
        return 0
    return min(days, (as_of - start).days + 1)


def distinct(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    values, at = values_of(spec, scope)
    kinds = sorted({str(v) for v in values})
    shown = Text(
        f"{len(kinds)} 种（{join(map(show, kinds)).zh}）",
        f"{len(kinds)} ({join(map(show, kinds)).en})",
    )
    return in_range(len(kinds), spec, scope, label, at, shown)


def unique(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Every entry is there once and named: a duplicate names all its places, a blank its own."""
    items, at = scope.get(spec["path"])
    places: dict[str, list[JsonPath]] = defaultdict(list)
    shown: dict[str, Any] = {}
    failures = []
    for element in select(scope, items, at, spec.get("where")):
        key = element_key(element, spec["key"])
        if key is None:
            failures.append(
                Failure(
                    element.path,
                    label,
                    Text("每条都填写真实内容", "every entry filled in for real"),
                    Text(
                        f"第 {int(element.path[-1]) + 1} 条为空白或占位内容",
                        f"entry {int(element.path[-1]) + 1} is blank or a placeholder",
                    ),
                )
            )
            continue
        places[repr(key)].append(element.path)
        shown[repr(key)] = key
    for name, found in places.items():
        if len(found) > 1:
            value = shown[name]
            text = "、".join(map(str, value)) if isinstance(value, tuple) else str(value)
            failures.append(
                Failure(
                    found[0],
                    label,
                    Text("每条只列一次", "each entry listed once"),
                    Text(f"“{text}”列出 {len(found)} 次", f"'{text}' listed {len(found)} times"),
                    related=tuple(found[1:]),
                )
            )
    return failures


def no_decrease(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """The latest year's ``field`` (up to the audit year) is not below the year before."""
    items, at = scope.get(spec["path"])
    by_year: dict[int, float] = defaultdict(float)
    places: dict[int, JsonPath] = {}
    for element in select(scope, items, at, spec.get("where")):
        year, value = element.get(spec["by"])[0], element.get(spec["field"])[0]
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if isinstance(year, int) and number and year <= scope.context.as_of.year:
            by_year[year] += value
            places.setdefault(year, element.path)
    if not by_year:
        return []
    latest = max(by_year)
    before = by_year.get(latest - 1)
    if before is None or by_year[latest] >= before:
        return []
    return [
        Failure(
            places[latest],
            label,
            Text(
                f"不低于 {latest - 1} 年的 {show(before).zh}",
                f"at least {show(before).en} ({latest - 1})",
            ),
            Text(
                f"{latest} 年 {show(by_year[latest]).zh}", f"{show(by_year[latest]).en} ({latest})"
            ),
        )
    ]
