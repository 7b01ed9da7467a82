"""The rule pack as the audit sees it: frozen values built once when the pack loads."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from emcheck.errors import Location
from emcheck.i18n import Text
from emcheck.rulepack.checks import Check
from emcheck.rulepack.templating import BilingualTemplate

BUILTIN_VARIABLES = ("pilot_year", "audit_year", "zone")


@dataclass(frozen=True)
class Deadline:
    """A date within the pilot year, such as the end of February."""

    name: str
    month: int
    day: int | Literal["last"]
    label: Text | None = None
    """The pack's words for it (2月底前 / by the end of February), if it gives them."""

    def on(self, year: int) -> date:
        last = calendar.monthrange(year, self.month)[1]
        return date(year, self.month, last if self.day == "last" else min(int(self.day), last))


@dataclass(frozen=True)
class Section:
    """A part of the pilot plan (二(一) 健全组织体系 …) and its deadline, if it has one."""

    id: str
    clause: str
    title: Text
    deadline: str | None


@dataclass(frozen=True)
class Case:
    """A pass or fail example of a rule, run by ``emcheck rules test``."""

    name: str
    level: str
    expect: str
    as_of: date | None
    site: Mapping[str, Any]
    location: Location
    fails: tuple[str, ...] = ()
    """For a failing case: sub-checks (a label or part of one, or a path) that must fail."""


@dataclass(frozen=True)
class Rule:
    """One checkable clause of the standard."""

    id: str
    name: str
    section: str
    title: Text
    clause: str
    quote: str
    severity: str
    levels: frozenset[str]
    deadline: str | None
    check: Check
    message: BilingualTemplate | None
    advice: BilingualTemplate
    record: BilingualTemplate | None
    """How to record the fix in the site file (填报说明), for submitters, not for notices."""
    cases: tuple[Case, ...]
    source: Location
    when_present: tuple[str, ...] = ()
    """The rule judges only units with at least one of these paths filled in for real."""


@dataclass(frozen=True)
class RulePack:
    """A validated rule pack, rules in an order where every ``rules:`` reference comes first."""

    id: str
    version: str
    title: Text
    standard: Text
    directory: Path
    settings: Mapping[str, Any]
    deadlines: Mapping[str, Deadline]
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    sha256: str = ""
    """SHA-256 over every file of the pack folder (names and contents), so that a report
    names the exact pack that judged it."""

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def deadline_of(self, rule: Rule, pilot_year: int) -> date | None:
        name = rule.deadline
        return self.deadlines[name].on(pilot_year) if name else None
