"""What a gap report (检查情况报告) or a rectification notice (整改通知书) says, in order.

One site file gives one report. Every sentence comes from the wording templates
(``report_text``); this module decides which sentences, headings and tables appear, and
fills the tables from the audit. Layout is left to the Word and Markdown writers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from emcheck.audit.outcomes import LEVEL_NAMES, NOT_APPLICABLE, FileAudit, Outcome, Subject
from emcheck.report.annex import add_annex
from emcheck.report.blocks import Block, Orientation, Table, Title
from emcheck.report.composer import Composer
from emcheck.report.meta import ReportMeta
from emcheck.report.rows import (
    Problem,
    deadline_rule,
    is_overdue,
    of_subject,
    ordered,
    outcome_values,
    problems_of,
    section_rows,
    tally_values,
    ten_ones_grid,
    unchecked_of,
    unit_rows,
    waived_of,
)
from emcheck.report.wording import Wording
from emcheck.rulepack.model import RulePack

Kind = Literal["gap", "notice"]
KINDS: tuple[Kind, ...] = ("gap", "notice")
TEN_ONES_SECTION = "ten_ones"
TEN_ONES_UNITS_PER_TABLE = 5


@dataclass(frozen=True)
class ReportSpec:
    """Which report, with which particulars and wording."""

    kind: Kind
    meta: ReportMeta
    wording: Wording
    thumbnails: bool = True
    """Thumbnails of image attachments in the annex: Word only, decoding images costs time."""


def build_report(audit: FileAudit, pack: RulePack, as_of: date, spec: ReportSpec) -> list[Block]:
    """The blocks of the report on one audited site file (not one that failed the schema)."""
    if not audit.audited:
        raise ValueError(f"{audit.file} was not audited: it has no report")
    return _Report(audit, pack, as_of, spec).build()


class _Report:
    def __init__(self, audit: FileAudit, pack: RulePack, as_of: date, spec: ReportSpec) -> None:
        self.audit = audit
        self.pack = pack
        self.kind = spec.kind
        self.lang = spec.wording.lang
        self.top = audit.subjects[0]
        self.several = len(audit.subjects) > 1
        inspected = spec.meta.inspection_date or as_of
        self.problems = problems_of(audit.outcomes, pack, spec.meta, inspected)
        self.unchecked = unchecked_of(audit.outcomes, pack)
        self.waived = waived_of(audit.outcomes, pack)
        self.meta = spec.meta
        self.thumbnails = spec.thumbnails
        self.out = Composer(spec.wording, self._base_values(as_of, inspected))

    def build(self) -> list[Block]:
        self._front()
        self._overview()
        if self.kind == "gap":
            self._results()
        self._problems()
        if self.kind == "gap":
            self._ten_ones()
        self.out.heading(1, "heading_requirements")
        self.out.say("requirements")
        if self.kind == "gap":
            self.out.say("annex_reference")
        self.out.say("closing", "closing")
        self.out.say("contact_note", "note")
        self.out.say("signature_unit", "signature")
        self.out.say("signature_inspectors", "signature")
        if self.kind == "gap":
            add_annex(self.out, self.audit, self.pack, self.thumbnails)
        return self.out.blocks

    def _base_values(self, as_of: date, inspected: date) -> dict[str, Any]:
        deadlines = [p.deadline for p in self.problems]
        return {
            "kind": self.kind,
            "unit": self.top.name,
            "unit_level": LEVEL_NAMES[self.top.level].get(self.lang),
            "issuer": self.meta.issuer,
            "number": self.meta.number,
            "inspection_date": inspected,
            "review_date": self.meta.review_date,
            "as_of": as_of,
            "contact": self.meta.contact,
            "inspectors": [
                {"name": i.name, "post": i.post, "certificate": i.certificate}
                for i in self.meta.inspectors
            ],
            "standard": self.pack.standard.get(self.lang),
            "pack_title": self.pack.title.get(self.lang),
            "pack_version": self.pack.version,
            "rule_count": len(self.pack.rules),
            "file": Path(self.audit.file).name,
            "pilot_year": self.top.pilot_year,
            "rectification_days": int(self.pack.settings["rectification_days"]),
            "deadline_rule": deadline_rule(self.pack),
            "unit_count": len(self.audit.subjects),
            "problem_count": len(self.problems),
            "warning_count": sum(1 for p in self.problems if p.outcome.severity == "warning"),
            "overdue_count": sum(1 for p in self.problems if is_overdue(p.outcome)),
            "error_count": len(self.unchecked),
            "waived_count": len(self.waived),
            "earliest_deadline": min(deadlines, default=None),
            "latest_deadline": max(deadlines, default=None),
            "tab": "\t",
        }

    def _front(self) -> None:
        self.out.say("number_line", "centered")
        self.out.add(Title(self.out.text("title")))
        self.out.say("addressee" if self.kind == "notice" else "particulars", "plain")
        self.out.say("opening")

    def _overview(self) -> None:
        self.out.heading(1, "heading_overview")
        children = self.audit.subjects[1:]
        self.out.say(
            "scope",
            villages=[s.name for s in children if s.level == "village"],
            communities=[s.name for s in children if s.level == "community"],
        )
        self.out.say("method")
        sections = self.out.tables + 1
        units = sections + 1 if self.several else None
        self.out.say(
            "statistics",
            sections_table=sections,
            units_table=units,
            **tally_values(self.audit.outcomes),
        )
        total = self.out.text("total_label")
        rows = section_rows(self.audit, self.pack, self.lang, total)
        self.out.table(self.out.next_table(), "sections", "caption_sections", rows)
        if self.several:
            rows = unit_rows(self.audit, total)
            self.out.table(self.out.next_table(), "units", "caption_units", rows)

    def _unit_heading(self, subject: Subject) -> None:
        if self.several:
            self.out.heading(
                2,
                "heading_unit",
                name=subject.name,
                level_name=LEVEL_NAMES[subject.level].get(self.lang),
                is_top=subject is self.top,
            )

    def _results(self) -> None:
        self.out.heading(1, "heading_results")
        for subject in self.audit.subjects:
            self._unit_heading(subject)
            outcomes = of_subject(self.audit.outcomes, subject)
            applicable = ordered((o for o in outcomes if o.status != NOT_APPLICABLE), self.pack)
            if not applicable:
                self.out.say("results_none", name=subject.name)
                continue
            number = self.out.next_table()
            self.out.say("results_intro", name=subject.name, table=number, **tally_values(outcomes))
            rows = [self._result_row(i, o) for i, o in enumerate(applicable, 1)]
            self.out.table(number, "results", "caption_results", rows, name=subject.name)

    def _result_row(self, index: int, outcome: Outcome) -> tuple[str, ...]:
        values = outcome_values(outcome, self.lang)
        return (
            str(index),
            self.out.text("rule_ref", **values),
            outcome.rule.title.get(self.lang),
            self.out.text("status", **values),
            self.out.text("result_note", **values),
        )

    def _problems(self) -> None:
        # The problem list is a wide table: its pages are landscape.
        wide = bool(self.problems)
        if wide:
            self.out.add(Orientation(landscape=True))
        self.out.heading(1, "heading_problems")
        if self.problems or self.unchecked or self.waived:
            for subject in self.audit.subjects:
                self._unit_heading(subject)
                self._subject_problems(subject)
        else:
            self.out.say("no_problems_at_all")
        if wide:
            self.out.add(Orientation(landscape=False))

    def _subject_problems(self, subject: Subject) -> None:
        problems = [p for p in self.problems if p.outcome.subject is subject]
        if problems:
            number = self.out.next_table()
            self.out.say(
                "problems_intro",
                name=subject.name,
                table=number,
                count=len(problems),
                warnings=sum(1 for p in problems if p.outcome.severity == "warning"),
                overdue=sum(1 for p in problems if is_overdue(p.outcome)),
            )
            rows = [self._problem_row(i, p) for i, p in enumerate(problems, 1)]
            self.out.table(number, "problems", "caption_problems", rows, name=subject.name)
        else:
            self.out.say("no_problems", name=subject.name)
        unchecked = [o for o in self.unchecked if o.subject is subject]
        if unchecked:
            self.out.say("unchecked", name=subject.name, items=self._items(unchecked))
        waived = [o for o in self.waived if o.subject is subject]
        if waived:
            self.out.say("waived", name=subject.name, items=self._items(waived))

    def _items(self, outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
        return [outcome_values(o, self.lang) for o in outcomes]

    def _problem_row(self, index: int, problem: Problem) -> tuple[str, ...]:
        outcome = problem.outcome
        values = {
            **outcome_values(outcome, self.lang),
            "deadline": problem.deadline,
            "review": problem.review,
            "overdue": is_overdue(outcome),
            "pilot_deadline": outcome.deadline,
            "name": outcome.subject.name,
            "person": self.meta.responsible.get(outcome.subject.id, ""),
        }
        keys = ("description", "clause", "measure", "deadline", "responsible", "review")
        return (str(index), *(self.out.text(f"problem_{key}", **values) for key in keys))

    def _ten_ones(self) -> None:
        rules, units = ten_ones_grid(self.audit, self.pack, TEN_ONES_SECTION)
        if not rules or not units:
            return
        self.out.heading(1, "heading_ten_ones")
        self.out.say("ten_ones_intro", table=self.out.tables + 1)
        status = {(o.subject.id, o.rule.id): o.status for o in self.audit.outcomes}
        for start in range(0, len(units), TEN_ONES_UNITS_PER_TABLE):
            chunk = units[start : start + TEN_ONES_UNITS_PER_TABLE]
            rows = [
                (
                    str(index),
                    rule.title.get(self.lang),
                    *(self.out.text("mark", status=status.get((u.id, rule.id), "")) for u in chunk),
                )
                for index, rule in enumerate(rules, 1)
            ]
            self._ten_ones_table(chunk, rows, continued=start > 0)

    def _ten_ones_table(
        self, units: Sequence[Subject], rows: list[tuple[str, ...]], continued: bool
    ) -> None:
        number = self.out.next_table()
        self.out.say("caption_ten_ones", "caption", table=number, continued=continued)
        header = (*self.out.lines("ten_ones_table_header"), *(u.name for u in units))
        widths = (8, 60, *([18.0] * len(units)))
        self.out.add(Table("ten_ones", header, tuple(rows), widths))
