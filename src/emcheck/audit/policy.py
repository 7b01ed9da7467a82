"""What an audit's findings mean for this run: inline ignores, waivers, the baseline, the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from emcheck import exit_codes
from emcheck.audit.baseline import BaselineCheck, KnownFinding
from emcheck.audit.inline_ignores import apply_inline
from emcheck.audit.outcomes import ERROR, FAIL, AuditResult, FileAudit, Notice, Outcome, Waiver
from emcheck.audit.waivers import WaiverBook
from emcheck.rulepack.evidence import Evidence, pack_evidence


class Policy:
    """Inline ignores, waivers and the baseline, applied to each file as the audit streams."""

    def __init__(
        self,
        waivers: Sequence[Waiver],
        as_of: date,
        evidence: Evidence,
        known: Sequence[KnownFinding] | None = None,
        baseline_file: Path | None = None,
        inline: bool = False,
    ) -> None:
        self.book = WaiverBook(waivers, as_of, evidence)
        self.evidence = evidence
        self.trust_inline = inline
        self.baseline = (
            BaselineCheck(known, baseline_file)
            if known is not None and baseline_file is not None
            else None
        )
        self.inline: list[Notice] = []

    def apply(self, audit: FileAudit) -> FileAudit:
        if not audit.outcomes:
            return audit
        outcomes, found = apply_inline(
            audit.outcomes, audit.ignores, self.evidence, self.trust_inline
        )
        self.inline += found
        outcomes = self.book.apply(outcomes)
        if self.baseline is not None:
            outcomes = self.baseline.apply(outcomes)
        return replace(audit, outcomes=tuple(outcomes))

    def notices(self) -> list[Notice]:
        """Once every file has been applied: what the ignores, waivers and baseline did."""
        baseline = self.baseline.notices() if self.baseline is not None else []
        return [*self.inline, *self.book.notices(), *baseline]


def apply_policy(
    result: AuditResult,
    waivers: Sequence[Waiver],
    known: Sequence[KnownFinding] | None = None,
    baseline_file: Path | None = None,
    inline: bool = False,
) -> AuditResult:
    policy = Policy(waivers, result.as_of, pack_evidence(result.pack), known, baseline_file, inline)
    files = tuple(policy.apply(audit) for audit in result.files)
    return replace(result, files=files, notices=tuple(policy.notices()))


class ExitCode:
    """The README's contract, kept up to date file by file."""

    def __init__(self, fail_level: str, strict: bool = False) -> None:
        self.failing = {"error", "warning"} if strict or fail_level == "warning" else {"error"}
        self.strict = strict
        self.unusable = False
        self.findings = False

    def add(self, audit: FileAudit) -> None:
        self.unusable = self.unusable or not audit.audited
        if not self.findings:
            self.findings = any(self._fails(o) for o in audit.outcomes)

    def _fails(self, outcome: Outcome) -> bool:
        if outcome.status == ERROR:
            return True  # a check that could not run always fails, baseline or not
        return (
            outcome.status == FAIL
            and outcome.severity in self.failing
            and outcome.baseline != "unchanged"
        )

    def code(self, notices: Sequence[Notice]) -> int:
        if self.unusable:
            return exit_codes.INPUT_ERROR
        if self.findings or (self.strict and any(n.level in ("error", "warning") for n in notices)):
            return exit_codes.FINDINGS
        return exit_codes.OK


def exit_code(result: AuditResult, fail_level: str, strict: bool = False) -> int:
    tracker = ExitCode(fail_level, strict)
    for audit in result.files:
        tracker.add(audit)
    return tracker.code(result.notices)
