"""Operators on sets: a list covers required items, units are partitioned, totals are split."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.checks import Spec, Value, Where
from emcheck.rulepack.matchers import select
from emcheck.rulepack.operators.base import TALLY, Failure, Run, values_of
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import bounds, join, show


@dataclass(frozen=True, kw_only=True)
class CoversSpec(Spec):
    path: str
    items: tuple[str, ...]
    """Required entries, or ``$settings`` naming them."""
    field: str | None = None
    where: Where | None = None
    excused_by_absent_hazard: Mapping[str, str] | None = None
    """Item → hazard: the item is not required where the unit declares that hazard absent."""


@dataclass(frozen=True, kw_only=True)
class PartitionSpec(Spec):
    path: str
    field: str
    of: str
    """The list of units every one of which must be in exactly one element of ``path``."""


@dataclass(frozen=True, kw_only=True)
class SizesSpec(Spec):
    path: str
    field: str
    total: str
    min: Value
    max: Value


def covers(spec: CoversSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    present, at = values_of(scope, spec.path, spec.field, spec.where)
    evidence = scope.context.evidence
    hazards = spec.excused_by_absent_hazard or {}
    excused = {item for item, hazard in hazards.items() if hazard in scope.context.absent_hazards}
    refused = [item for item, h in hazards.items() if h in scope.context.unexcused_hazards]
    required = [scope.value(item) for item in spec.items]
    missing = [i for i in required if evidence.key(i) not in present and i not in excused]
    if not missing:
        done = len(required) - len(excused)
        shown = Text(f"{done} 项齐全", f"all {done}")
        if excused:
            shown = Text(
                f"{shown.zh}（{len(excused)} 项免除）", f"{shown.en} ({len(excused)} excused)"
            )
        return [Failure(at, label, Text("", ""), shown, kind=TALLY)]
    wanted = [item for item in required if item not in excused]
    actual = Text(
        f"缺少 {join(show(i) for i in missing).zh}", f"missing {join(show(i) for i in missing).en}"
    )
    unexcused = [i for i in missing if i in refused]
    if unexcused:
        named = join(show(i) for i in unexcused)
        actual = Text(
            f"{actual.zh}（{named.zh}：声明不存在的理由为空白或占位内容，不予免除）",
            f"{actual.en} ({named.en}: the reason given for its absence is blank or a placeholder)",
        )
    return [
        Failure(
            at,
            label,
            Text(
                f"涵盖 {join(show(i) for i in wanted).zh}",
                f"covering {join(show(i) for i in wanted).en}",
            ),
            actual,
        )
    ]


def partition(spec: PartitionSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    assigned, at = values_of(scope, spec.path, spec.field)
    units, _ = values_of(scope, spec.of)
    counts = Counter(assigned)
    uncovered = [u for u in units if counts[u] == 0]
    repeated = [u for u in units if counts[u] > 1]
    unknown = [a for a in counts if a not in units]
    problems = []
    if not units:
        problems.append(Text("未列出基本单元", "no units listed"))
    for names, zh, en in (
        (uncovered, "未覆盖", "uncovered"),
        (repeated, "重复划分", "split twice"),
        (unknown, "不在名单中", "not listed"),
    ):
        if names:
            problems.append(
                Text(f"{zh} {join(map(show, names)).zh}", f"{en} {join(map(show, names)).en}")
            )
    if not problems:
        return []
    expected = Text("每个基本单元恰好划入一个网格", "every unit in exactly one grid")
    return [
        Failure(
            at,
            label,
            expected,
            Text("；".join(p.zh for p in problems), "; ".join(p.en for p in problems)),
        )
    ]


def sizes(spec: SizesSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Each element's ``field`` lies within min–max, unless ``total`` cannot be split that way.

    A community of 250 households, or of 550, has no split into grids of 300–500: there the
    plan's range cannot be met by any grid, and a grid outside it is no shortfall.
    """
    items, at = scope.get(spec.path)
    total = scope.get(spec.total)[0]
    low, high = scope.value(spec.min), scope.value(spec.max)
    if not isinstance(total, int) or isinstance(total, bool) or total < 1:
        expected = Text("填写总数（大于 0）", "the total filled in (above 0)")
        return [Failure(scope.get(spec.total)[1], label, expected, show(total))]
    elements = select(scope, items, at, None)
    if not elements:
        return [Failure(at, label, Text("至少 1 条", "at least 1 entry"), Text("没有", "none"))]
    splittable = any(k * low <= total <= k * high for k in range(1, total // max(low, 1) + 2))
    failures = []
    for element in elements:
        value = element.get(spec.field)[0]
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number or (splittable and not low <= value <= high):
            name = element.get("name")[0]
            failures.append(
                Failure(
                    element.get(spec.field)[1],
                    Text(f"{show(name).zh}：{label.zh}", f"{show(name).en}: {label.en}"),
                    bounds(low, high),
                    show(value),
                )
            )
    if failures or splittable:
        return failures
    return _fewest_parts(total, low, high, len(elements), at, label)


def _fewest_parts(
    total: int, low: int, high: int, parts: int, at: JsonPath, label: Text
) -> list[Failure]:
    """No split meets the range, so the fewest parts come closest: 250 households are one
    grid, not two of 125; 550 are one grid or two, never three."""
    fewest, most = max(1, total // high), -(-total // high)
    if not fewest <= parts <= most:
        wanted = show(fewest) if fewest == most else bounds(fewest, most)
        expected = Text(f"{wanted.zh} 个", wanted.en)
        found = Text(f"{parts} 个（总数 {total}）", f"{parts} (total {total})")
        return [Failure(at, label, expected, found)]
    shown = Text(
        f"总数 {total} 无法按 {low}–{high} 划分，{parts} 个即最少",
        f"a total of {total} cannot be split into {low}–{high}; {parts} is the fewest",
    )
    return [Failure(at, label, bounds(low, high), shown, kind=TALLY)]
