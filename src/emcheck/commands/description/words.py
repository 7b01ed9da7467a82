"""What the describers share: the pack's settings and the words for values and conditions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from emcheck.audit.vocabulary import SEVERITY
from emcheck.i18n import Lang, Text
from emcheck.rulepack.checks import Check, Value
from emcheck.rulepack.model import RulePack

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

    def check(self, check: Check) -> Described:
        """A check with its label (what is checked) and its own severity, if it has one."""
        from emcheck.commands.description import DESCRIBERS  # the registry is built on this

        described = DESCRIBERS[check.operator](check.spec, self)
        head = described.head
        if check.label is not None:
            text = check.label.get(self.lang)
            if described.children:
                head = f"{text} — {head}"
            else:
                head = self.t(f"{text}：{head}", f"{text}: {head}")
        if check.severity is not None:
            word = SEVERITY[check.severity].get(self.lang)
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

    def window(self, window: Mapping[str, Value]) -> str:
        """``审核日前 365 天内（$training_window_days）``."""
        unit = next(u for u in _UNITS if u in window)
        amount, source = self.number(window[unit])
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
