"""The figures and rows a report is built from: tallies, problems with their deadlines, marks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from emcheck.audit.outcomes import ERROR, FAIL, OVERDUE, WAIVED, FileAudit, Outcome, Subject
from emcheck.audit.vocabulary import Tally, percent
from emcheck.errors import Location, RulePackError
from emcheck.i18n import Lang, Text
from emcheck.report.meta import ReportMeta
from emcheck.rulepack.model import Rule, RulePack

DEADLINE_RULES = ("period", "pilot")
"""``rectification_deadline`` in pack.yaml: ``period`` counts ``rectification_days`` from
the inspection date; ``pilot`` takes the clause's pilot-plan deadline while it is still
ahead, and the period otherwise (clauses without a deadline, deadlines already passed)."""


def tally_values(outcomes: Iterable[Outcome]) -> dict[str, Any]:
    """The counts every statistics sentence and row is rendered from."""
    tally = Tally.of(outcomes)
    return {
        "applicable": tally.applicable,
        "passed": tally.passed,
        "failed": tally.failed - tally.warnings,
        "warnings": tally.warnings,
        "errors": tally.errors,
        "waived": tally.waived,
        "not_applicable": tally.not_applicable,
        "overdue": tally.overdue,
        "rate": tally.compliance,
    }


def tally_cells(values: dict[str, Any]) -> tuple[str, ...]:
    keys = ("applicable", "passed", "failed", "warnings", "errors", "overdue")
    return (*(str(values[k]) for k in keys), percent(values["rate"]))


def ordered(outcomes: Iterable[Outcome], pack: RulePack) -> list[Outcome]:
    """Outcomes in the pack's section order, then by rule id."""
    position = {section.id: index for index, section in enumerate(pack.sections)}
    return sorted(outcomes, key=lambda o: (position.get(o.rule.section, 99), o.rule.id))


def of_subject(outcomes: Iterable[Outcome], subject: Subject) -> list[Outcome]:
    return [o for o in outcomes if o.subject is subject]


@dataclass(frozen=True)
class Problem:
    """A failing outcome with the dates the notice gives for it."""

    outcome: Outcome
    deadline: date
    """整改期限: rectify by this day."""
    review: date
    """复查日期."""


def problems_of(
    outcomes: Sequence[Outcome], pack: RulePack, meta: ReportMeta, inspected: date
) -> list[Problem]:
    rule = deadline_rule(pack)
    found = []
    for outcome in ordered((o for o in outcomes if o.status == FAIL), pack):
        deadline = rectification_deadline(outcome, pack, inspected, rule)
        review = deadline + timedelta(days=1)
        if meta.review_date is not None and meta.review_date > deadline:
            review = meta.review_date
        found.append(Problem(outcome, deadline, review))
    return found


def unchecked_of(outcomes: Sequence[Outcome], pack: RulePack) -> list[Outcome]:
    """Checks that could not run: never a pass, listed for the inspector to verify on site."""
    return ordered((o for o in outcomes if o.status == ERROR), pack)


def waived_of(outcomes: Sequence[Outcome], pack: RulePack) -> list[Outcome]:
    """Failures an approved waiver excuses: still reported, not asked to be rectified."""
    return ordered((o for o in outcomes if o.status == WAIVED), pack)


def deadline_rule(pack: RulePack) -> str:
    value = str(pack.settings.get("rectification_deadline", "period"))
    if value not in DEADLINE_RULES:
        raise RulePackError(
            Location(str(pack.directory / "pack.yaml")),
            Text(
                f"settings.rectification_deadline 应为 period 或 pilot，实际为 “{value}”",
                f"settings.rectification_deadline must be period or pilot, found '{value}'",
            ),
        )
    return value


def rectification_deadline(outcome: Outcome, pack: RulePack, inspected: date, rule: str) -> date:
    period = inspected + timedelta(days=int(pack.settings["rectification_days"]))
    if rule == "pilot" and outcome.deadline is not None and outcome.deadline >= inspected:
        return outcome.deadline
    return period


def is_overdue(outcome: Outcome) -> bool:
    return outcome.due == OVERDUE and outcome.deadline is not None


def section_rows(
    audit: FileAudit, pack: RulePack, lang: Lang, total_label: str
) -> list[tuple[str, ...]]:
    """Statistics per part of the pilot plan, then the total."""
    rows = []
    for section in pack.sections:
        values = tally_values(o for o in audit.outcomes if o.rule.section == section.id)
        if values["applicable"]:
            rows.append((f"{section.clause} {section.title.get(lang)}", *tally_cells(values)))
    return [*rows, (total_label, *tally_cells(tally_values(audit.outcomes)))]


def unit_rows(audit: FileAudit, total_label: str) -> list[tuple[str, ...]]:
    """Statistics per unit (the district, each village and community), then the total."""
    rows = [
        (subject.name, *tally_cells(tally_values(of_subject(audit.outcomes, subject))))
        for subject in audit.subjects
    ]
    return [*rows, (total_label, *tally_cells(tally_values(audit.outcomes)))]


def ten_ones_grid(
    audit: FileAudit, pack: RulePack, section: str
) -> tuple[list[Rule], list[Subject]]:
    """The "ten ones" rules (by id) and the units they apply to (villages, communities)."""
    rules = sorted((r for r in pack.rules if r.section == section), key=lambda r: r.id)
    units = [s for s in audit.subjects if any(s.level_group in r.levels for r in rules)]
    return rules, units


def outcome_values(outcome: Outcome, lang: Lang) -> dict[str, Any]:
    """What the templates about one outcome may use."""

    def get(text: Text | None) -> str:
        return "" if text is None else text.get(lang)

    rule = outcome.rule
    return {
        "rule_id": rule.id,
        "clause": rule.clause,
        "title": rule.title.get(lang),
        "quote": rule.quote,
        "status": outcome.status,
        "severity": outcome.severity,
        "message": get(outcome.message),
        "expected": get(outcome.expected),
        "actual": get(outcome.actual),
        "advice": get(outcome.advice),
        "due": outcome.due,
        "pilot_deadline": outcome.deadline,
        "waiver_reason": outcome.waiver.reason if outcome.waiver else "",
        "waiver_approver": outcome.waiver.approver if outcome.waiver else "",
        "waiver_expires": outcome.waiver.expires if outcome.waiver else None,
    }
