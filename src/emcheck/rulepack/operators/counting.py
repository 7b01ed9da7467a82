"""Operators that count: entries, distinct people, numbers, sums over a period, duplicates."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.checks import Bounded, Key, Spec, Where
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
from emcheck.rulepack.paths import reach, split
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import join, parse_date, show


@dataclass(frozen=True, kw_only=True)
class CountSpec(Bounded):
    path: str
    where: Where | None = None
    key: Key | None = None
    excluding: tuple[str, ...] = ()
    """Paths (which may step into lists) whose values are not counted as entries."""


@dataclass(frozen=True, kw_only=True)
class NumberSpec(Bounded):
    path: str


@dataclass(frozen=True, kw_only=True)
class SumSpec(Bounded):
    path: str
    field: str
    where: Where | None = None
    key: Key | None = None
    until_audit: str | None = None
    """The element's start date: ``field`` is then a number of days from it."""
    min_of: str | None = None
    max_of: str | None = None


@dataclass(frozen=True, kw_only=True)
class DistinctSpec(Bounded):
    path: str
    field: str
    where: Where | None = None


@dataclass(frozen=True, kw_only=True)
class UniqueSpec(Spec):
    path: str
    key: Key
    where: Where | None = None


@dataclass(frozen=True, kw_only=True)
class NoDecreaseSpec(Spec):
    path: str
    by: str
    field: str
    where: Where | None = None


def count(spec: CountSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Real entries only: with ``key``, distinct non-blank ones; a list of texts, distinct texts."""
    items, at = scope.get(spec.path)
    chosen = select(scope, items, at, spec.where)
    evidence = scope.context.evidence
    key = spec.key
    if key is not None:
        keys = [element_key(e, key) for e in chosen]
    else:
        keys = [
            evidence.key(e.data) if evidence.real(e.data) else None
            for e in chosen
            if not isinstance(e.data, dict) or e.data
        ]
    excluded = 0
    if spec.excluding:
        # Entries that only name what stands elsewhere (a plan citing itself as its higher-level
        # plan) are not counted; they are left out like blanks.
        elsewhere = {repr(evidence.key(v)) for path in spec.excluding for v in reached(scope, path)}
        kept = [k for k in keys if repr(k) not in elsewhere]
        excluded, keys = len(keys) - len(kept), kept
    real = [k for k in keys if k is not None]
    distinct = len(set(map(repr, real)))
    shown = _counted(distinct, keys, real, key is not None, excluded)
    return in_range(distinct, spec, scope, label, at, shown)


def reached(scope: Scope, path: str) -> list[Any]:
    """Every value at ``path`` from the element (or, rooted, from the unit), through lists."""
    return reach(scope.root if split(path)[0] else scope.data, path)


def _counted(
    distinct: int, keys: list[Any], real: list[Any], by_key: bool, excluded: int = 0
) -> Text:
    """``24（去重后；1 条重复、1 条空白或占位未计入）``: the count, and what it left out."""
    repeated, unreal = len(real) - distinct, len(keys) - len(real)
    if not repeated and not unreal and not excluded:
        return Text(f"{distinct}（去重后）", f"{distinct} (distinct)") if by_key else show(distinct)
    notes_zh, notes_en = [], []
    if repeated:
        notes_zh.append(f"{repeated} 条重复")
        notes_en.append(f"{repeated} repeated")
    if unreal:
        notes_zh.append(f"{unreal} 条空白或占位")
        notes_en.append(f"{unreal} blank or placeholder")
    if excluded:
        notes_zh.append(f"{excluded} 条指向本身或本单位记录")
        notes_en.append(f"{excluded} naming itself or the unit's own records")
    return Text(
        f"{distinct}（去重后；{'、'.join(notes_zh)}未计入）",
        f"{distinct} (distinct; {', '.join(notes_en)} not counted)",
    )


def number(spec: NumberSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec.path)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return [Failure(at, label, bounds_text(spec, scope), show(value))]
    return in_range(value, spec, scope, label, at)


def sum_(spec: SumSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Identical rows (same ``key``) count once; with ``until_audit``, ``field`` is a number of
    days from that date and the total is of calendar days already past, each day once."""
    items, at = scope.get(spec.path)
    rows = _distinct_rows(spec, select(scope, items, at, spec.where))
    if spec.until_audit is not None:
        total = _calendar_days(rows, spec.until_audit, scope.context.as_of)
    else:
        total = sum(value for _, value in rows)
    failures = []
    for bound, too_small in ((spec.min_of, True), (spec.max_of, False)):
        if bound is not None:
            # The bound is a figure of the site itself (all households must be in some grid).
            limit = scope.get(bound)[0]
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
    if spec.min is None and spec.max is None:
        return [Failure(at, label, Text("", ""), show(total), kind=TALLY)]
    return in_range(total, spec, scope, label, at)


def _distinct_rows(spec: SumSpec, elements: list[Scope]) -> list[tuple[Scope, float]]:
    """The rows with a number in ``field``; with ``key``, each real key once (like ``count``)."""
    rows = []
    seen: set[str] = set()
    for element in elements:
        value = element.get(spec.field)[0]
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if spec.key is not None:
            found = element_key(element, spec.key)
            if found is None or repr(found) in seen:
                continue
            seen.add(repr(found))
        rows.append((element, float(value)))
    return rows


def _calendar_days(rows: list[tuple[Scope, float]], start_field: str, as_of: date) -> float:
    """Days of the periods that lie on or before the audit date, a day covered twice once.

    Three rows on overlapping dates are the same days of training, not their sum; a half day
    is half a day unless a longer session covers the same date.
    """
    covered: dict[int, float] = {}
    for element, days in rows:
        start = parse_date(element.get(start_field)[0])
        if start is None or start > as_of:
            continue
        first = start.toordinal()
        for offset in range(min(math.ceil(days), as_of.toordinal() - first + 1)):
            share = min(1.0, days - offset)
            covered[first + offset] = max(covered.get(first + offset, 0.0), share)
    return sum(covered.values())


def distinct(spec: DistinctSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    values, at = values_of(scope, spec.path, spec.field, spec.where)
    kinds = sorted({str(v) for v in values})
    shown = Text(
        f"{len(kinds)} 种（{join(map(show, kinds)).zh}）",
        f"{len(kinds)} ({join(map(show, kinds)).en})",
    )
    return in_range(len(kinds), spec, scope, label, at, shown)


def unique(spec: UniqueSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Every entry is there once and named: a duplicate names all its places, a blank its own."""
    items, at = scope.get(spec.path)
    places: dict[str, list[JsonPath]] = defaultdict(list)
    shown: dict[str, Any] = {}
    failures = []
    for element in select(scope, items, at, spec.where):
        key = element_key(element, spec.key)
        if key is None:
            failures.append(
                Failure(
                    element.path,
                    label,
                    Text("每条都填写真实内容", "every entry filled in for real"),
                    Text("一条为空白或占位内容", "an entry is blank or a placeholder"),
                    cite_line=True,
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


def no_decrease(spec: NoDecreaseSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """The latest year's ``field`` (up to the audit year) is not below the year before."""
    items, at = scope.get(spec.path)
    by_year: dict[int, float] = defaultdict(float)
    places: dict[int, JsonPath] = {}
    for element in select(scope, items, at, spec.where):
        year, value = element.get(spec.by)[0], element.get(spec.field)[0]
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
