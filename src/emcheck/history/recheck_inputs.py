"""What a recheck compares: this run's open and waived findings, and the earlier rounds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from emcheck.audit.outcomes import WAIVED, FileAudit
from emcheck.history.collect import finding_of, unreadable_of
from emcheck.history.matching import FindingId
from emcheck.history.previous import PastFinding, PreviousRound, read_previous
from emcheck.history.round import Finding, Unreadable


@dataclass
class Current:
    """This run's open and waived findings, by rule and unit."""

    open: dict[FindingId, Finding]
    waived: dict[FindingId, str]
    units: set[str]
    unreadable: list[Unreadable]
    tops: list[str] = field(default_factory=list)
    judged: list[tuple[str, str]] = field(default_factory=list)
    """(path, SHA-256) of every site file and attachment read."""
    """Each audited file's own unit, by name, in the order given."""


def current_of(audits: Iterable[FileAudit], as_of: date) -> Current:
    now = Current({}, {}, set(), [])
    for audit in audits:
        now.judged.extend(audit.judged)
        if not audit.audited:
            now.unreadable.append(unreadable_of(audit))
            continue
        now.units.update(s.id for s in audit.subjects)
        now.tops.append(audit.subjects[0].name)
        for outcome in audit.outcomes:
            found = (outcome.rule.id, outcome.subject.id)
            if outcome.is_problem:
                now.open[found] = finding_of(outcome, as_of)
            elif outcome.status == WAIVED and outcome.waiver is not None:
                now.waived[found] = outcome.waiver.reason
    return now


@dataclass(frozen=True)
class EarlierRounds:
    """Earlier rounds in date order, each with its open findings by rule and unit."""

    rounds: tuple[PreviousRound, ...]
    open: tuple[dict[FindingId, PastFinding], ...]


def read_rounds(paths: Iterable[Path]) -> EarlierRounds:
    """Every earlier record, in full, ordered by its as-of date."""
    read = [_read_round(path) for path in paths]
    read.sort(key=lambda pair: pair[0].as_of)
    return EarlierRounds(tuple(r for r, _ in read), tuple(f for _, f in read))


def _read_round(path: Path) -> tuple[PreviousRound, dict[FindingId, PastFinding]]:
    found: dict[FindingId, PastFinding] = {}

    def keep(finding: PastFinding) -> None:
        found[(finding.rule_id, finding.unit_id)] = finding

    return read_previous(path, keep), found
