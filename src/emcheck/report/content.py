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
from emcheck.report.blocks import (
    Block,
    Heading,
    Orientation,
    Paragraph,
    ParagraphRole,
    Table,
    TableKind,
    Title,
    heading_number,
)
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

_WIDTHS: dict[TableKind, tuple[float, ...]] = {
    "sections": (30, 10, 10, 11, 11, 13, 11, 11),
    "units": (30, 10, 10, 11, 11, 13, 11, 11),
    "results": (10, 17, 56, 12, 45),
    "problems": (10, 50, 52, 52, 22, 20, 19),
}


@dataclass(frozen=True)
class ReportSpec:
    """Which report, with which particulars and wording."""

    kind: Kind
    meta: ReportMeta
    wording: Wording


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
        self.words = spec.wording
        self.lang = spec.wording.lang
        self.top = audit.subjects[0]
        self.several = len(audit.subjects) > 1
        inspected = spec.meta.inspection_date or as_of
        self.problems = problems_of(audit.outcomes, pack, spec.meta, inspected)
        self.unchecked = unchecked_of(audit.outcomes, pack)
        self.waived = waived_of(audit.outcomes, pack)
        self.meta = spec.meta
        self.blocks: list[Block] = []
        self.headings = [0, 0, 0, 0]
        self.tables = 0
        self.base = self._base_values(as_of, inspected)

    def build(self) -> list[Block]:
        self._front()
        self._overview()
        if self.kind == "gap":
            self._results()
        self._problems()
        if self.kind == "gap":
            self._ten_ones()
        self._heading(1, "heading_requirements")
        self._say("requirements")
        self._say("closing", "closing")
        self._say("contact_note", "note")
        self._say("signature_unit", "signature")
        self._say("signature_inspectors", "signature")
        return self.blocks

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

    # -- building blocks ---------------------------------------------------------------

    def _text(self, key: str, **values: Any) -> str:
        return self.words.text(key, **{**self.base, **values})

    def _say(self, key: str, role: ParagraphRole = "body", **values: Any) -> None:
        for line in self.words.lines(key, **{**self.base, **values}):
            self.blocks.append(Paragraph(line, role))

    def _heading(self, level: int, key: str, **values: Any) -> None:
        self.headings[level - 1] += 1
        self.headings[level:] = [0] * (4 - level)
        number = heading_number(level, self.headings[level - 1], self.lang)
        self.blocks.append(Heading(level, number, self._text(key, **values)))

    def _table(
        self, number: int, kind: TableKind, caption: str, rows: list[tuple[str, ...]], **values: Any
    ) -> None:
        self._say(caption, "caption", table=number, **values)
        header = tuple(self.words.lines(f"{kind}_table_header", **self.base))
        self.blocks.append(Table(kind, header, tuple(rows), _WIDTHS[kind]))

    def _next_table(self) -> int:
        self.tables += 1
        return self.tables

    # -- parts ---------------------------------------------------------------------------

    def _front(self) -> None:
        self._say("number_line", "centered")
        self.blocks.append(Title(self._text("title")))
        self._say("addressee" if self.kind == "notice" else "particulars", "plain")
        self._say("opening")

    def _overview(self) -> None:
        self._heading(1, "heading_overview")
        children = self.audit.subjects[1:]
        self._say(
            "scope",
            villages=[s.name for s in children if s.level == "village"],
            communities=[s.name for s in children if s.level == "community"],
        )
        self._say("method")
        sections = self.tables + 1
        units = sections + 1 if self.several else None
        self._say(
            "statistics",
            sections_table=sections,
            units_table=units,
            **tally_values(self.audit.outcomes),
        )
        total = self._text("total_label")
        rows = section_rows(self.audit, self.pack, self.lang, total)
        self._table(self._next_table(), "sections", "caption_sections", rows)
        if self.several:
            rows = unit_rows(self.audit, total)
            self._table(self._next_table(), "units", "caption_units", rows)

    def _unit_heading(self, subject: Subject) -> None:
        if self.several:
            self._heading(
                2,
                "heading_unit",
                name=subject.name,
                level_name=LEVEL_NAMES[subject.level].get(self.lang),
                is_top=subject is self.top,
            )

    def _results(self) -> None:
        self._heading(1, "heading_results")
        for subject in self.audit.subjects:
            self._unit_heading(subject)
            outcomes = of_subject(self.audit.outcomes, subject)
            applicable = ordered((o for o in outcomes if o.status != NOT_APPLICABLE), self.pack)
            if not applicable:
                self._say("results_none", name=subject.name)
                continue
            number = self._next_table()
            self._say("results_intro", name=subject.name, table=number, **tally_values(outcomes))
            rows = [self._result_row(i, o) for i, o in enumerate(applicable, 1)]
            self._table(number, "results", "caption_results", rows, name=subject.name)

    def _result_row(self, index: int, outcome: Outcome) -> tuple[str, ...]:
        values = outcome_values(outcome, self.lang)
        return (
            str(index),
            self._text("rule_ref", **values),
            outcome.rule.title.get(self.lang),
            self._text("status", **values),
            self._text("result_note", **values),
        )

    def _problems(self) -> None:
        # The problem list is a wide table: its pages are landscape.
        wide = bool(self.problems)
        if wide:
            self.blocks.append(Orientation(landscape=True))
        self._heading(1, "heading_problems")
        if self.problems or self.unchecked or self.waived:
            for subject in self.audit.subjects:
                self._unit_heading(subject)
                self._subject_problems(subject)
        else:
            self._say("no_problems_at_all")
        if wide:
            self.blocks.append(Orientation(landscape=False))

    def _subject_problems(self, subject: Subject) -> None:
        problems = [p for p in self.problems if p.outcome.subject is subject]
        if problems:
            number = self._next_table()
            self._say(
                "problems_intro",
                name=subject.name,
                table=number,
                count=len(problems),
                warnings=sum(1 for p in problems if p.outcome.severity == "warning"),
                overdue=sum(1 for p in problems if is_overdue(p.outcome)),
            )
            rows = [self._problem_row(i, p) for i, p in enumerate(problems, 1)]
            self._table(number, "problems", "caption_problems", rows, name=subject.name)
        else:
            self._say("no_problems", name=subject.name)
        unchecked = [o for o in self.unchecked if o.subject is subject]
        if unchecked:
            self._say("unchecked", name=subject.name, items=self._items(unchecked))
        waived = [o for o in self.waived if o.subject is subject]
        if waived:
            self._say("waived", name=subject.name, items=self._items(waived))

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
        return (str(index), *(self._text(f"problem_{key}", **values) for key in keys))

    def _ten_ones(self) -> None:
        rules, units = ten_ones_grid(self.audit, self.pack, TEN_ONES_SECTION)
        if not rules or not units:
            return
        self._heading(1, "heading_ten_ones")
        self._say("ten_ones_intro", table=self.tables + 1)
        status = {(o.subject.id, o.rule.id): o.status for o in self.audit.outcomes}
        for start in range(0, len(units), TEN_ONES_UNITS_PER_TABLE):
            chunk = units[start : start + TEN_ONES_UNITS_PER_TABLE]
            rows = [
                (
                    str(index),
                    rule.title.get(self.lang),
                    *(self._text("mark", status=status.get((u.id, rule.id), "")) for u in chunk),
                )
                for index, rule in enumerate(rules, 1)
            ]
            self._ten_ones_table(chunk, rows, continued=start > 0)

    def _ten_ones_table(
        self, units: Sequence[Subject], rows: list[tuple[str, ...]], continued: bool
    ) -> None:
        number = self._next_table()
        self._say("caption_ten_ones", "caption", table=number, continued=continued)
        header = (*self.words.lines("ten_ones_table_header", **self.base), *(u.name for u in units))
        widths = (8, 60, *([18.0] * len(units)))
        self.blocks.append(Table("ten_ones", header, tuple(rows), widths))
