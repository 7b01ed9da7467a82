"""Operators that combine checks: on every element, all of, any of, other rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.checks import BuildCheck, Check, Spec, Where
from emcheck.rulepack.matchers import select
from emcheck.rulepack.operators.base import Failure, Run, problems
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import join, show


@dataclass(frozen=True, kw_only=True)
class EachSpec(Spec):
    path: str
    check: Check
    """Run on every (matching) element of ``path``."""
    where: Where | None = None
    name_field: str = "name"
    """The element's field that names it in findings (``第 2 项`` when it is blank)."""
    allow_empty: bool = False

    @classmethod
    def build(cls, raw: Any, check: BuildCheck) -> EachSpec:
        return cls(**{**raw, "check": check(raw["check"])})

    def checks(self) -> tuple[Check, ...]:
        return (self.check,)


@dataclass(frozen=True, kw_only=True)
class PartsSpec(Spec):
    """``all`` and ``any``: checks in the same scope, written as a list."""

    parts: tuple[Check, ...]

    @classmethod
    def build(cls, raw: Any, check: BuildCheck) -> PartsSpec:
        return cls(parts=tuple(check(part) for part in raw))

    def checks(self) -> tuple[Check, ...]:
        return self.parts


@dataclass(frozen=True, kw_only=True)
class RulesSpec(Spec):
    ids: tuple[str, ...]
    """Rules already judged on the same unit, which must all comply."""

    @classmethod
    def build(cls, raw: Any, check: BuildCheck) -> RulesSpec:
        return cls(ids=tuple(raw))


def each(spec: EachSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """``check`` on every (matching) element; no elements at all is a shortfall, never a pass."""
    items, at = scope.get(spec.path)
    elements = select(scope, items, at, spec.where)
    if not elements and not spec.allow_empty:
        return [Failure(at, label, Text("至少 1 条", "at least 1 entry"), Text("没有", "none"))]
    evidence = scope.context.evidence
    failures: list[Failure] = []
    for element in elements:
        name = element.get(spec.name_field)[0]
        index = int(element.path[-1]) + 1
        tag = show(name) if evidence.real(name) else Text(f"第 {index} 项", f"item {index}")
        # What passed inside one element is not worth a line of its own.
        for failure in problems(run(spec.check, element)):
            failures.append(
                replace(
                    failure,
                    label=Text(f"{tag.zh}：{failure.label.zh}", f"{tag.en}: {failure.label.en}"),
                )
            )
    return failures


def all_(spec: PartsSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    return [failure for check in spec.parts for failure in run(check, scope)]


def any_(spec: PartsSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    tried = [run(check, scope) for check in spec.parts]
    for found in tried:
        if not problems(found):
            return found
    return tried[0]


def rules(spec: RulesSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    status = scope.context.rule_status
    judged = [rule for rule in spec.ids if status.get(rule) not in (None, "not_applicable")]
    failing = [rule for rule in judged if status.get(rule) in ("fail", "error")]
    names = join(show(r) for r in spec.ids)
    expected = Text(f"{names.zh} {'均' if len(spec.ids) > 1 else ''}符合", f"{names.en} met")
    if not judged:
        # Nothing the unit could be judged on is no evidence that it complies.
        return [Failure(scope.path, label, expected, Text("均不适用，无从判断", "none applies"))]
    if not failing:
        return []
    shown = join(show(r) for r in failing)
    return [Failure(scope.path, label, expected, Text(f"{shown.zh} 不符合", f"{shown.en} not met"))]
