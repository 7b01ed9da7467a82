"""A rule's check in words, for ``emcheck rules show``: one describer per operator.

Each describer turns an operator's spec into one sentence (and, for ``all``, ``any``, ``each``
and ``rules``, the parts below it), in Chinese or English. Settings are shown with the pack's
value and their ``$name`` beside it, so a maintainer sees both what a rule asks for today and
where to change it. A new operator needs its describer here: a test fails without one.
"""

from __future__ import annotations

from emcheck.commands.description.structure import (
    all_,
    any_,
    attachments,
    covers,
    duplicates,
    each,
    not_future,
    partition,
    recent,
    rules,
    sizes,
)
from emcheck.commands.description.values import (
    count,
    distinct,
    is_true,
    member_of,
    mentions,
    no_decrease,
    number,
    one_of,
    present,
    same_as,
    sum_,
    unique,
)
from emcheck.commands.description.words import Described, Describer, Describing, setting_text
from emcheck.i18n import Lang, Text
from emcheck.rulepack.checks import Check
from emcheck.rulepack.model import Rule, RulePack

__all__ = ["DESCRIBERS", "describe_check", "describe_rule", "setting_text", "when_present_text"]

DESCRIBERS: dict[str, Describer] = {
    "present": present,
    "is_true": is_true,
    "one_of": one_of,
    "same_as": same_as,
    "member_of": member_of,
    "mentions": mentions,
    "count": count,
    "number": number,
    "sum": sum_,
    "distinct": distinct,
    "unique": unique,
    "no_decrease": no_decrease,
    "covers": covers,
    "partition": partition,
    "sizes": sizes,
    "attachments": attachments,
    "duplicates": duplicates,
    "recent": recent,
    "not_future": not_future,
    "each": each,
    "all": all_,
    "any": any_,
    "rules": rules,
}
"""Every operator of :data:`emcheck.rulepack.operators.OPERATORS`, in words."""


def describe_check(check: Check, pack: RulePack, lang: Lang) -> list[str]:
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
