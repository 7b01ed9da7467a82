"""What an audit's findings mean for this run: inline ignores, waivers, the baseline, the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from emcheck import exit_codes
from emcheck.baseline import KnownFinding, compare
from emcheck.inline_ignores import apply_inline, scan
from emcheck.model import ERROR, FAIL, AuditResult, Notice, Waiver
from emcheck.waivers import apply_waivers


def apply_policy(
    result: AuditResult,
    waivers: Sequence[Waiver],
    known: Sequence[KnownFinding] | None,
    baseline_file: Path | None,
) -> AuditResult:
    notices: list[Notice] = []
    files = []
    for audit in result.files:
        if not audit.outcomes:
            files.append(audit)
            continue
        outcomes, found = apply_inline(audit.outcomes, scan(Path(audit.file)))
        notices += found
        files.append(replace(audit, outcomes=tuple(outcomes)))
    everything = [o for f in files for o in f.outcomes]
    waived, found = apply_waivers(everything, waivers, result.as_of)
    notices += found
    if known is not None and baseline_file is not None:
        waived, found = compare(waived, known, baseline_file)
        notices += found
    regrouped = iter(waived)
    files = [replace(f, outcomes=tuple(next(regrouped) for _ in f.outcomes)) for f in files]
    return replace(result, files=tuple(files), notices=tuple(notices))


def exit_code(result: AuditResult, fail_level: str, strict: bool = False) -> int:
    """The README's contract: 2 for unusable input, 1 for findings at or above the fail level."""
    if any(not f.audited for f in result.files):
        return exit_codes.INPUT_ERROR
    failing = {"error", "warning"} if strict or fail_level == "warning" else {"error"}
    for outcome in result.outcomes:
        if outcome.status == ERROR:
            return exit_codes.FINDINGS  # a check that could not run always fails, baseline or not
        if (
            outcome.status == FAIL
            and outcome.severity in failing
            and outcome.baseline != "unchanged"
        ):
            return exit_codes.FINDINGS
    if strict and any(n.level in ("error", "warning") for n in result.notices):
        return exit_codes.FINDINGS
    return exit_codes.OK
