"""A rule's check in words, for ``emcheck rules show``: one describer per operator.

Each describer turns an operator's spec into one sentence (and, for ``all``, ``any``, ``each``
and ``rules``, the parts below it), in Chinese or English. Settings are shown with the pack's
value and their ``$name`` beside it, so a maintainer sees both what a rule asks for today and
where to change it. A new operator needs its describer here: a test fails without one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from emcheck.audit.vocabulary import SEVERITY
from emcheck.i18n import Lang, Text
from emcheck.rulepack.model import Rule, RulePack
from emcheck.rulepack.operators import operator_name

BUILTIN_WORDS = {
    "pilot_year": Text("单位的试点年份", "the unit's pilot year"),
    "audit_year": Text("审核年度", "the audit year"),
    "zone": Text("单位所属经济区", "the unit's economic zone"),
}
_UNITS = {
    "days": Text("天", "days"),
    "months": Text("个月", "months"),
    "years": Text("年", "years"),
}


@dataclass(frozen=True)
class Described:
    """One part of a check in words; a part with children introduces them (全部满足：…)."""

    head: str
    children: tuple[Described, ...] = ()


def setting_text(value: Any, lang: Lang) -> str:
    """A setting as a maintainer writes it: ``无、暂无、待定`` rather than ``['无', '暂无']``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        if not value:
            return Text("（空）", "(empty)").get(lang)
        return ("、" if lang == "zh" else ", ").join(setting_text(item, lang) for item in value)
    return str(value)


class Describing:
    """What the describers share: the language, the pack's settings, and the words for values."""

    def __init__(self, pack: RulePack, lang: Lang) -> None:
        self.pack = pack
        self.lang = lang
        self.sep = "、" if lang == "zh" else ", "

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    # Checks ---------------------------------------------------------------------------------

    def check(self, check: Mapping[str, Any]) -> Described:
        """A check with its label (what is checked) and its own severity, if it has one."""
        name = operator_name(check)
        described = DESCRIBERS[name](check[name], self)
        head = described.head
        label = check.get("label")
        if isinstance(label, Mapping):
            text = str(label[self.lang])
            if described.children:
                head = f"{text} — {head}"
            else:
                head = self.t(f"{text}：{head}", f"{text}: {head}")
        severity = check.get("severity")
        if severity in SEVERITY:
            word = SEVERITY[severity].get(self.lang)
            head += self.t(f"（此项不满足时为“{word}”）", f" (a shortfall here is a {word})")
        return Described(head, described.children)

    # Values ---------------------------------------------------------------------------------

    def number(self, value: Any) -> tuple[str, str | None]:
        """A value as it stands today and the ``$name`` it comes from (None for a literal)."""
        if isinstance(value, str) and value.startswith("$"):
            name = value[1:]
            if name in BUILTIN_WORDS:
                return BUILTIN_WORDS[name].get(self.lang), value
            if name in self.pack.settings:
                return setting_text(self.pack.settings[name], self.lang), value
            return value, None
        return setting_text(value, self.lang), None

    def value(self, value: Any) -> str:
        """``20（$district_team_min）``, ``审核年度（$audit_year）``, or a literal as written."""
        shown, source = self.number(value)
        return self.t(f"{shown}（{source}）", f"{shown} ({source})") if source else shown

    def values(self, values: Sequence[Any]) -> str:
        return self.sep.join(self.value(v) for v in values)

    def _several(self, value: Any) -> bool:
        """A ``$setting`` that stands for a list of more than one value."""
        if not (isinstance(value, str) and value.startswith("$")):
            return False
        setting = self.pack.settings.get(value[1:])
        return isinstance(setting, list) and len(setting) > 1

    def alternatives(self, values: Sequence[Any]) -> str:
        """``为 a`` or ``为 a、b 之一``."""
        if len(values) == 1 and not self._several(values[0]):
            return self.t(f"为 {self.value(values[0])}", f"is {self.value(values[0])}")
        return self.t(f"为 {self.values(values)} 之一", f"is one of {self.values(values)}")

    def range(self, minimum: Any, maximum: Any) -> str:
        """``在 20–30 之间（$district_team_min–$district_team_max）``, ``至少 1``."""
        low, low_source = self.number(minimum) if minimum is not None else ("", None)
        high, high_source = self.number(maximum) if maximum is not None else ("", None)
        if minimum is not None and maximum is not None:
            note = ""
            if low_source or high_source:
                note = f"{low_source or low}–{high_source or high}"
                note = self.t(f"（{note}）", f" ({note})")
            if minimum == maximum:
                return self.t(f"为 {low}", f"is {low}") + note
            return self.t(f"在 {low}–{high} 之间", f"is between {low} and {high}") + note
        if minimum is not None:
            return self.t("至少 ", "is at least ") + self.value(minimum)
        if maximum == 0:
            return self.t("为 0", "is 0")
        return self.t("至多 ", "is at most ") + self.value(maximum)

    def window(self, spec: Mapping[str, Any]) -> str:
        """``审核日前 365 天内（$training_window_days）``."""
        unit = next(u for u in _UNITS if u in spec)
        amount, source = self.number(spec[unit])
        note = self.t(f"（{source}）", f" ({source})") if source else ""
        return self.t(
            f"审核日前 {amount} {_UNITS[unit].zh}内{note}",
            f"within {amount} {_UNITS[unit].en}{note} before the audit date",
        )

    # Paths ----------------------------------------------------------------------------------

    def path(self, path: str) -> str:
        """A path as written; a rooted one (``/office.director.name``) says it is the unit's."""
        if path.startswith("/"):
            return self.t(f"本单位的 {path[1:]}", f"the unit's {path[1:]}")
        return path

    def paths(self, paths: Sequence[str]) -> str:
        return self.sep.join(self.path(p) for p in paths)

    def key(self, key: str | Sequence[str]) -> str:
        """``name``; several fields as ``title、start`` or ``(title, start)``."""
        if isinstance(key, str):
            return key
        return self.t(self.sep.join(key), f"({', '.join(key)})")

    def items_in(self, path: str, where: Mapping[str, Any] | None) -> str:
        """Where the entries are: ``plans 里 type 为 综合应急预案 的条目中``, or in English ``of
        plans where type is 综合应急预案``."""
        if where:
            return self.t(
                f"{self.path(path)} 里 {self.where(where)} 的条目中",
                f"{self.path(path)} where {self.where(where)}",
            )
        return self.t(f"{self.path(path)} 中", self.path(path))

    # where ----------------------------------------------------------------------------------

    def where(self, where: Mapping[str, Any]) -> str:
        """A ``where`` condition in words, its parts joined by 且 / and."""
        parts = [self._condition(key, test) for key, test in where.items()]
        return self.t(" 且 ", " and ").join(parts)

    def _condition(self, key: str, test: Any) -> str:
        if not isinstance(test, Mapping):
            return self.t(f"{key} 为 {self.value(test)}", f"{key} is {self.value(test)}")
        parts: list[str] = []
        if "equals" in test:
            parts.append(self.t("为 ", "is ") + self.value(test["equals"]))
        if "in" in test:
            parts.append(self.alternatives(test["in"]))
        if "min" in test or "max" in test:
            parts.append(self.range(test.get("min"), test.get("max")))
        if "above" in test:
            parts.append(self.t("大于 ", "is above ") + self.value(test["above"]))
        if "present" in test:
            parts.append(
                self.t("已如实填写", "is filled in for real")
                if test["present"]
                else self.t("未如实填写", "is not filled in for real")
            )
        if "within" in test:
            parts.append(self.t("在", "is ") + self.window(test["within"]))
        if "some" in test:
            inner = self.where(test["some"])
            parts.append(self.t(f"中至少有一项（{inner}）", f"has an item where ({inner})"))
        if "other_than" in test:
            others = self.t(" 或 ", " or ").join(self.path(p) for p in test["other_than"])
            parts.append(self.t(f"不同于 {others}", f"is not the same entry as {others}"))
        return f"{key} " + self.t(" 且 ", " and ").join(parts)


Describer = Callable[[Any, Describing], Described]


# Presence -------------------------------------------------------------------------------------


def _present(spec: Any, d: Describing) -> Described:
    paths = spec["paths"]
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


def _is_true(spec: Any, d: Describing) -> Described:
    return Described(d.t(f"{d.path(spec['path'])} 为 true", f"{d.path(spec['path'])} is true"))


def _one_of(spec: Any, d: Describing) -> Described:
    return Described(f"{d.path(spec['path'])} {d.alternatives(spec['values'])}")


def _same_as(spec: Any, d: Describing) -> Described:
    path, others = d.path(spec["path"]), spec["others"]
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


def _member_of(spec: Any, d: Describing) -> Described:
    path, listed, field = d.path(spec["path"]), d.path(spec["list"]), spec["field"]
    return Described(
        d.t(
            f"{path} 是 {listed} 中某一项的 {field}",
            f"{path} is the {field} of an item of {listed}",
        )
    )


def _mentions(spec: Any, d: Describing) -> Described:
    path, texts = d.path(spec["path"]), [d.value(t) for t in spec["texts"]]
    both = texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"
    head = d.t(f"{path} 含有 {'、'.join(texts)}", f"{path} contains {both}")
    if spec.get("excludes"):
        excluded = d.values(spec["excludes"])
        head += d.t(f"，且不含 {excluded} 中任何一个", f", and none of {excluded}")
    return Described(head)


# Counting -------------------------------------------------------------------------------------


def _count(spec: Any, d: Describing) -> Described:
    where, key = spec.get("where"), spec.get("key")
    bounds = d.range(spec.get("min"), spec.get("max"))
    if d.lang == "zh":
        counted = f"按 {d.key(key)} 去重后的" if key else "不重复的"
        head = f"{d.items_in(spec['path'], where)}{counted}真实条目数{bounds}"
    else:
        once = f", counted once per {d.key(key)}," if key else ""
        distinct = "" if key else "distinct "
        head = f"the number of {distinct}real entries of {d.items_in(spec['path'], where)}{once} {bounds}"
    if spec.get("excluding"):
        others = d.t(" 或 ", " or ").join(d.path(p) for p in spec["excluding"])
        head += d.t(f"（不计与 {others} 相同的条目）", f" (entries equal to {others} not counted)")
    return Described(head)


def _number(spec: Any, d: Describing) -> Described:
    path, bounds = d.path(spec["path"]), d.range(spec.get("min"), spec.get("max"))
    return Described(d.t(f"{path} 是数字，{bounds}", f"{path} is a number and {bounds}"))


def _sum(spec: Any, d: Describing) -> Described:
    where, field = spec.get("where"), spec["field"]
    bounds = []
    if "min" in spec or "max" in spec:
        bounds.append(d.range(spec.get("min"), spec.get("max")))
    low, high = spec.get("min_of"), spec.get("max_of")
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
        f"{d.items_in(spec['path'], where)} {field} 之和{limits}",
        f"the sum of {field} over {d.items_in(spec['path'], where)} {limits}",
    )
    if "key" in spec:
        key = d.key(spec["key"])
        head += d.t(f"；{key} 相同的条目只计一次", f"; entries with the same {key} count once")
    if "until_audit" in spec:
        start = spec["until_audit"]
        head += d.t(
            f"；{field} 为自 {start} 起的天数，只计到审核日为止的日历天，重叠的日子只计一次",
            f"; {field} is a number of days from {start}: only calendar days up to the audit "
            "date count, a day covered twice once",
        )
    return Described(head)


def _distinct(spec: Any, d: Describing) -> Described:
    where, field = spec.get("where"), spec["field"]
    bounds = d.range(spec.get("min"), spec.get("max"))
    return Described(
        d.t(
            f"{d.items_in(spec['path'], where)} {field} 不同的真实取值个数{bounds}",
            f"the number of different real values of {field} in "
            f"{d.items_in(spec['path'], where)} {bounds}",
        )
    )


def _unique(spec: Any, d: Describing) -> Described:
    key = d.key(spec["key"])
    return Described(
        d.t(
            f"{d.items_in(spec['path'], spec.get('where'))} {key} 没有重复，也没有空白或占位内容",
            f"no {key} is listed twice in {d.items_in(spec['path'], spec.get('where'))}, "
            "and none is blank or a placeholder",
        )
    )


def _no_decrease(spec: Any, d: Describing) -> Described:
    by, field = spec["by"], spec["field"]
    return Described(
        d.t(
            f"{d.items_in(spec['path'], spec.get('where'))}按 {by} 逐年合计 {field}，"
            "最近一年（不晚于审核年度）不少于上一年（没有上一年时满足）",
            f"the total of {field} over {d.items_in(spec['path'], spec.get('where'))} for the "
            f"latest {by} (up to the audit year) is not below the year before "
            "(passes when there is no year before)",
        )
    )


# Coverage -------------------------------------------------------------------------------------


def _covers(spec: Any, d: Describing) -> Described:
    items, where, field = d.values(spec["items"]), spec.get("where"), spec.get("field")
    if field:
        head = d.t(
            f"{d.items_in(spec['path'], where)} {field} 涵盖以下全部：{items}",
            f"{field} across {d.items_in(spec['path'], where)} covers all of: {items}",
        )
    else:
        head = d.t(
            f"{d.items_in(spec['path'], where)}包括以下全部：{items}",
            f"{d.items_in(spec['path'], where)} includes all of: {items}",
        )
    hazards: Mapping[str, str] = spec.get("excused_by_absent_hazard") or {}
    if hazards:
        excused = d.sep.join(
            item if item == hazard else d.t(f"{item}（{hazard}）", f"{item} ({hazard})")
            for item, hazard in hazards.items()
        )
        head += d.t(
            f"；单位在 hazards_absent 中如实说明本地没有相应灾种的，可免：{excused}",
            f"; excused where the unit declares the hazard absent in hazards_absent with a real "
            f"reason: {excused}",
        )
    return Described(head)


def _partition(spec: Any, d: Describing) -> Described:
    path, field, of = d.path(spec["path"]), spec["field"], d.path(spec["of"])
    return Described(
        d.t(
            f"{of} 中每个真实的单位恰好是 {path} 中一项的 {field}，{path} 中没有未列出的单位，"
            "且至少有一个单位",
            f"every real entry of {of} is the {field} of exactly one item of {path}, no item "
            "names an unlisted one, and there is at least one",
        )
    )


def _sizes(spec: Any, d: Describing) -> Described:
    path, field, total = d.path(spec["path"]), spec["field"], d.path(spec["total"])
    bounds = d.range(spec["min"], spec["max"])
    return Described(
        d.t(
            f"{path} 每一项的 {field} 是数字且{bounds}；{total} 无法分成这样大小的几份时，"
            f"可以超出范围，但份数须最少；{total} 缺失或为 0、或没有条目时不满足",
            f"the {field} of every item of {path} is a number and {bounds}; when {total} "
            "cannot be split into such parts, sizes outside the range are accepted with the "
            f"fewest parts only; a missing or zero {total}, or no items, fails",
        )
    )


# Dates ----------------------------------------------------------------------------------------


def _recent(spec: Any, d: Describing) -> Described:
    path = d.path(spec["path"])
    return Described(
        d.t(
            f"{path} 在{d.window(spec)}，晚于审核日的不算",
            f"{path} is {d.window(spec)} (a later date fails)",
        )
    )


def _not_future(spec: Any, d: Describing) -> Described:
    path = d.path(spec["path"])
    return Described(
        d.t(
            f"{path} 不晚于审核日（未填写的不算不符合）",
            f"{path} is not after the audit date (a missing date passes)",
        )
    )


# Combinators ----------------------------------------------------------------------------------


def _each(spec: Any, d: Describing) -> Described:
    where = spec.get("where")
    if d.lang == "zh":
        within = f" 里 {d.where(where)}" if where else ""
        head = f"对 {d.path(spec['path'])}{within} 的每一项"
    else:
        head = f"for each item of {d.items_in(spec['path'], where)}"
    head += (
        d.t("（没有这样的条目也算满足）", " (none at all also passes)")
        if spec.get("allow_empty")
        else d.t("（至少要有一项，没有即不满足）", " (there must be at least one: none fails)")
    )
    check = spec["check"]
    if set(check) == {"all"}:
        # "For each item: all of: …" says no more than "for each item: …".
        return Described(head, tuple(d.check(c) for c in check["all"]))
    return Described(head, (d.check(check),))


def _all(spec: Any, d: Describing) -> Described:
    return Described(d.t("全部满足", "all of"), tuple(d.check(c) for c in spec))


def _any(spec: Any, d: Describing) -> Described:
    return Described(d.t("至少满足一项", "at least one of"), tuple(d.check(c) for c in spec))


def _rules(spec: Any, d: Describing) -> Described:
    titles = {rule.id: rule.title.get(d.lang) for rule in d.pack.rules}
    return Described(
        d.t(
            "以下规则对同一单位都没有不符合或无法检查，且至少一条适用",
            "none of these rules fails or cannot be checked on the same unit, and at least one applies",
        ),
        tuple(Described(f"{rule_id} {titles.get(rule_id, '')}".rstrip()) for rule_id in spec),
    )


DESCRIBERS: dict[str, Describer] = {
    "present": _present,
    "is_true": _is_true,
    "one_of": _one_of,
    "same_as": _same_as,
    "member_of": _member_of,
    "mentions": _mentions,
    "count": _count,
    "number": _number,
    "sum": _sum,
    "distinct": _distinct,
    "unique": _unique,
    "no_decrease": _no_decrease,
    "covers": _covers,
    "partition": _partition,
    "sizes": _sizes,
    "recent": _recent,
    "not_future": _not_future,
    "each": _each,
    "all": _all,
    "any": _any,
    "rules": _rules,
}
"""Every operator of :data:`emcheck.rulepack.operators.OPERATORS`, in words."""


def describe_check(check: Mapping[str, Any], pack: RulePack, lang: Lang) -> list[str]:
    """A check as indented lines: a part that holds others ends in a colon, its parts below."""
    return _lines(Describing(pack, lang).check(check), 0, False, lang)


def describe_rule(rule: Rule, pack: RulePack, lang: Lang) -> list[str]:
    return describe_check(rule.check, pack, lang)


def when_present_text(rule: Rule, lang: Lang) -> str | None:
    """The rule's applicability condition (``when_present``) in words, if it has one."""
    if not rule.when_present:
        return None
    paths = ("、" if lang == "zh" else ", ").join(rule.when_present)
    return Text(
        f"仅对以下至少一项如实填写的单位检查，都没有时不适用：{paths}",
        f"only units with at least one of these filled in for real; otherwise not applicable: "
        f"{paths}",
    ).get(lang)


def _lines(node: Described, depth: int, bullet: bool, lang: Lang) -> list[str]:
    colon = ("：" if lang == "zh" else ":") if node.children else ""
    lines = ["  " * depth + ("- " if bullet else "") + node.head + colon]
    for child in node.children:
        lines += _lines(child, depth + 1, True, lang)
    return lines
