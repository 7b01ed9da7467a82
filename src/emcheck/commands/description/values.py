"""Describers of the operators on values and counts (present … no_decrease)."""

from __future__ import annotations

from emcheck.commands.description.words import Described, Describing
from emcheck.rulepack.operators.counting import (
    CountSpec,
    DistinctSpec,
    NoDecreaseSpec,
    NumberSpec,
    SumSpec,
    UniqueSpec,
)
from emcheck.rulepack.operators.presence import (
    IsTrueSpec,
    MemberOfSpec,
    MentionsSpec,
    OneOfSpec,
    PresentSpec,
    SameAsSpec,
)


def present(spec: PresentSpec, d: Describing) -> Described:
    paths = spec.paths
    if len(paths) == 1:
        return Described(
            d.t(f"{d.path(paths[0])} 已如实填写", f"{d.path(paths[0])} is filled in for real")
        )
    return Described(
        d.t(
            f"以下各项都已如实填写：{d.paths(paths)}",
            f"each of these is filled in for real: {d.paths(paths)}",
        )
    )


def is_true(spec: IsTrueSpec, d: Describing) -> Described:
    return Described(d.t(f"{d.path(spec.path)} 为 true", f"{d.path(spec.path)} is true"))


def one_of(spec: OneOfSpec, d: Describing) -> Described:
    return Described(f"{d.path(spec.path)} {d.alternatives(spec.values)}")


def same_as(spec: SameAsSpec, d: Describing) -> Described:
    path, others = d.path(spec.path), spec.others
    if len(others) == 1:
        return Described(
            d.t(f"{path} 与 {d.path(others[0])} 相同", f"{path} is the same as {d.path(others[0])}")
        )
    return Described(
        d.t(
            f"{path} 与 {d.paths(others)} 之一相同",
            f"{path} is the same as one of {d.paths(others)}",
        )
    )


def member_of(spec: MemberOfSpec, d: Describing) -> Described:
    path, listed, field = d.path(spec.path), d.path(spec.list), spec.field
    return Described(
        d.t(
            f"{path} 是 {listed} 中某一项的 {field}",
            f"{path} is the {field} of an item of {listed}",
        )
    )


def mentions(spec: MentionsSpec, d: Describing) -> Described:
    path, texts = d.path(spec.path), [d.value(t) for t in spec.texts]
    both = texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"
    head = d.t(f"{path} 含有 {'、'.join(texts)}", f"{path} contains {both}")
    if spec.excludes:
        excluded = d.values(spec.excludes)
        head += d.t(f"，且不含 {excluded} 中任何一个", f", and none of {excluded}")
    return Described(head)


# Counting -------------------------------------------------------------------------------------


def count(spec: CountSpec, d: Describing) -> Described:
    where, key = spec.where, spec.key
    bounds = d.range(spec.min, spec.max)
    if d.lang == "zh":
        counted = f"按 {d.key(key)} 去重后的" if key else "不重复的"
        head = f"{d.items_in(spec.path, where)}{counted}真实条目数{bounds}"
    else:
        once = f", counted once per {d.key(key)}," if key else ""
        distinct = "" if key else "distinct "
        head = (
            f"the number of {distinct}real entries of {d.items_in(spec.path, where)}{once} {bounds}"
        )
    if spec.excluding:
        others = d.t(" 或 ", " or ").join(d.path(p) for p in spec.excluding)
        head += d.t(f"（不计与 {others} 相同的条目）", f" (entries equal to {others} not counted)")
    return Described(head)


def number(spec: NumberSpec, d: Describing) -> Described:
    path, bounds = d.path(spec.path), d.range(spec.min, spec.max)
    return Described(d.t(f"{path} 是数字，{bounds}", f"{path} is a number and {bounds}"))


def sum_(spec: SumSpec, d: Describing) -> Described:
    where, field = spec.where, spec.field
    bounds = []
    if spec.min is not None or spec.max is not None:
        bounds.append(d.range(spec.min, spec.max))
    low, high = spec.min_of, spec.max_of
    if low is not None and low == high:
        bounds.append(d.t(f"等于 {d.path(low)} 的数值", f"equals the number at {d.path(low)}"))
    else:
        if low is not None:
            bounds.append(
                d.t(f"不少于 {d.path(low)} 的数值", f"is at least the number at {d.path(low)}")
            )
        if high is not None:
            bounds.append(
                d.t(f"不多于 {d.path(high)} 的数值", f"is at most the number at {d.path(high)}")
            )
    limits = d.t("，且", ", and ").join(bounds)
    head = d.t(
        f"{d.items_in(spec.path, where)} {field} 之和{limits}",
        f"the sum of {field} over {d.items_in(spec.path, where)} {limits}",
    )
    if spec.key is not None:
        key = d.key(spec.key)
        head += d.t(f"；{key} 相同的条目只计一次", f"; entries with the same {key} count once")
    if spec.until_audit is not None:
        start = spec.until_audit
        head += d.t(
            f"；{field} 为自 {start} 起的天数，只计到审核日为止的日历天，重叠的日子只计一次",
            f"; {field} is a number of days from {start}: only calendar days up to the audit "
            "date count, a day covered twice once",
        )
    return Described(head)


def distinct(spec: DistinctSpec, d: Describing) -> Described:
    where, field = spec.where, spec.field
    bounds = d.range(spec.min, spec.max)
    return Described(
        d.t(
            f"{d.items_in(spec.path, where)} {field} 不同的真实取值个数{bounds}",
            f"the number of different real values of {field} in "
            f"{d.items_in(spec.path, where)} {bounds}",
        )
    )


def unique(spec: UniqueSpec, d: Describing) -> Described:
    key = d.key(spec.key)
    return Described(
        d.t(
            f"{d.items_in(spec.path, spec.where)} {key} 没有重复，也没有空白或占位内容",
            f"no {key} is listed twice in {d.items_in(spec.path, spec.where)}, "
            "and none is blank or a placeholder",
        )
    )


def no_decrease(spec: NoDecreaseSpec, d: Describing) -> Described:
    by, field = spec.by, spec.field
    return Described(
        d.t(
            f"{d.items_in(spec.path, spec.where)}按 {by} 逐年合计 {field}，"
            "最近一年（不晚于审核年度）不少于上一年（没有上一年时满足）",
            f"the total of {field} over {d.items_in(spec.path, spec.where)} for the "
            f"latest {by} (up to the audit year) is not below the year before "
            "(passes when there is no year before)",
        )
    )


# Coverage -------------------------------------------------------------------------------------
