"""Words the reports use around the rule pack's own text, in both languages."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from emcheck.audit.outcomes import (
    DUE,
    ERROR,
    FAIL,
    NO_DEADLINE,
    NOT_APPLICABLE,
    OVERDUE,
    PASS,
    WAIVED,
    Outcome,
)
from emcheck.i18n import Lang, Text

STATUS = {
    PASS: Text("符合", "pass"),
    FAIL: Text("不符合", "fail"),
    NOT_APPLICABLE: Text("不适用", "n/a"),
    ERROR: Text("无法检查", "could not be checked"),
    WAIVED: Text("已豁免", "waived"),
}
# A failing finding reads "fail", never "error": that word would blur it with a check that
# could not run at all.
SEVERITY = {"error": Text("不符合", "fail"), "warning": Text("需关注", "warning")}


def due_text(outcome: Outcome, lang: Lang) -> str:
    if outcome.due == OVERDUE and outcome.deadline:
        return Text(
            f"已逾期（时限 {outcome.deadline}）", f"overdue (deadline {outcome.deadline})"
        ).get(lang)
    if outcome.due == DUE and outcome.deadline:
        return Text(f"{outcome.deadline} 前完成", f"due by {outcome.deadline}").get(lang)
    if outcome.due == NO_DEADLINE:
        return Text("持续推进（无固定时限）", "ongoing (no fixed deadline)").get(lang)
    return ""


@dataclass(frozen=True)
class Tally:
    """Outcome counts for a set of outcomes, and the compliance rate over the applicable ones."""

    passed: int
    failed: int
    not_applicable: int
    errors: int
    waived: int
    warnings: int
    overdue: int

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Tally:
        items = list(outcomes)
        status = Counter(o.status for o in items)
        return cls(
            passed=status[PASS],
            failed=status[FAIL],
            not_applicable=status[NOT_APPLICABLE],
            errors=status[ERROR],
            waived=status[WAIVED],
            warnings=sum(1 for o in items if o.status == FAIL and o.severity == "warning"),
            overdue=sum(1 for o in items if o.status in (FAIL, ERROR) and o.due == OVERDUE),
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            *(getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(self))
        )

    @property
    def applicable(self) -> int:
        """Rules that apply; a waived failure is still a failure of compliance."""
        return self.passed + self.failed + self.errors + self.waived

    @property
    def compliance(self) -> float | None:
        """Share of applicable rules passed, in percent; None when none applies."""
        return 100.0 * self.passed / self.applicable if self.applicable else None


def percent(value: float | None) -> str:
    """One way to write a rate everywhere: 87.5%, 100% (not 100.0%), — when nothing applies."""
    if value is None:
        return "—"
    return f"{value:.1f}".removesuffix(".0") + "%"
