"""Operators on dates, measured from the audit date (``--as-of``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.checks import Spec, Value
from emcheck.rulepack.operators.base import Failure, Run
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import in_window, parse_date, show, window_text


@dataclass(frozen=True, kw_only=True)
class RecentSpec(Spec):
    """A date within one of ``days``, ``months`` or ``years`` before the audit date."""

    path: str
    days: Value | None = None
    months: Value | None = None
    years: Value | None = None

    def window(self) -> dict[str, Value]:
        """The one unit the rule gives, and its amount: ``{"days": "$training_window_days"}``."""
        given = (("days", self.days), ("months", self.months), ("years", self.years))
        return {unit: amount for unit, amount in given if amount is not None}


@dataclass(frozen=True, kw_only=True)
class NotFutureSpec(Spec):
    path: str


def recent(spec: RecentSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec.path)
    window = {unit: int(scope.value(amount)) for unit, amount in spec.window().items()}
    as_of = scope.context.as_of
    if in_window(value, as_of, window):
        return []
    expected = Text(
        f"审核日前 {window_text(window).zh}", window_text(window).en + " before the audit date"
    )
    return [Failure(at, label, expected, _dated(value, scope))]


def not_future(spec: NotFutureSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Something that has happened cannot be dated after the audit date: likely a typo."""
    value, at = scope.get(spec.path)
    day = parse_date(value)
    if day is None or day <= scope.context.as_of:
        return []
    expected = Text(
        f"不晚于核查基准日 {scope.context.as_of.isoformat()}",
        f"not after the audit date {scope.context.as_of.isoformat()}",
    )
    return [Failure(at, label, expected, _dated(value, scope))]


def _dated(value: Any, scope: Scope) -> Text:
    """The date as written, marked when it lies after the audit date."""
    day = parse_date(value)
    if day is not None and day > scope.context.as_of:
        return Text(
            f"{day.isoformat()}（日期晚于核查基准日）", f"{day.isoformat()} (after the audit date)"
        )
    return show(value)
