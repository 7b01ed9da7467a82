"""Operators that combine checks: on every element, all of, any of, other rules."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.matchers import select
from emcheck.rulepack.operators.base import Failure, Run, problems
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import join, show


def each(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """``check`` on every (matching) element; no elements at all is a shortfall, never a pass."""
    items, at = scope.get(spec["path"])
    elements = select(scope, items, at, spec.get("where"))
    if not elements and not spec.get("allow_empty", False):
        return [Failure(at, label, Text("至少 1 条", "at least 1 entry"), Text("没有", "none"))]
    evidence = scope.context.evidence
    failures: list[Failure] = []
    for element in elements:
        name = element.get(spec.get("name_field", "name"))[0]
        index = int(element.path[-1]) + 1
        tag = show(name) if evidence.real(name) else Text(f"第 {index} 项", f"item {index}")
        # What passed inside one element is not worth a line of its own.
        for failure in problems(run(spec["check"], element)):
            failures.append(
                replace(
                    failure,
                    label=Text(f"{tag.zh}：{failure.label.zh}", f"{tag.en}: {failure.label.en}"),
                )
            )
    return failures


def all_(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    return [failure for check in spec for failure in run(check, scope)]


def any_(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    tried = [run(check, scope) for check in spec]
    for found in tried:
        if not problems(found):
            return found
    return tried[0]


def rules(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    status = scope.context.rule_status
    judged = [rule for rule in spec if status.get(rule) not in (None, "not_applicable")]
    failing = [rule for rule in judged if status.get(rule) in ("fail", "error")]
    names = join(show(r) for r in spec)
    expected = Text(f"{names.zh} {'均' if len(spec) > 1 else ''}符合", f"{names.en} met")
    if not judged:
        # Nothing the unit could be judged on is no evidence that it complies.
        return [Failure(scope.path, label, expected, Text("均不适用，无从判断", "none applies"))]
    if not failing:
        return []
    shown = join(show(r) for r in failing)
    return [Failure(scope.path, label, expected, Text(f"{shown.zh} 不符合", f"{shown.en} not met"))]
