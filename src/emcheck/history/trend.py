"""How each unit and the zone moved since earlier rounds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from emcheck.history.matching import FindingId, Places, compare
from emcheck.history.previous import NOTHING, PreviousRound
from emcheck.history.round import Finding, Round, Unit


@dataclass(frozen=True)
class UnitChange:
    """A unit compared with the latest earlier round that had it."""

    unit_id: str
    rate_change: float | None
    """Percentage points; None when either round has no applicable rule for it."""
    fixed: int
    """Open before, no longer open (newly fixed)."""
    new: int
    still_open: int


@dataclass(frozen=True)
class RoundPoint:
    as_of: date
    compliance: float | None
    units: int
    open_findings: int


@dataclass(frozen=True)
class Trend:
    points: tuple[RoundPoint, ...]
    """Every round in date order, this one last: the zone's line."""
    changes: dict[str, UnitChange]
    """Per unit id of this round, when an earlier round had it."""


def trend(current: Round, earlier: Sequence[PreviousRound]) -> Trend:
    """Each unit's findings, now and before, are read from their spools a unit at a time."""
    rounds = sorted(earlier, key=lambda r: r.as_of)
    points = [_point(r) for r in rounds]
    points.append(
        RoundPoint(
            current.as_of, current.tally.compliance, len(current.units), len(current.findings)
        )
    )
    changes = {}
    for unit in current.units:
        before = next((r for r in reversed(rounds) if unit.id in r.units), None)
        if before is not None:
            changes[unit.id] = _change(unit, before, current.findings.of(unit.id))
    return Trend(tuple(points), changes)


def _point(round_: PreviousRound) -> RoundPoint:
    tally = sum((u.tally for u in round_.units.values()), start=NOTHING)
    # By unit and rule, as matched: a record could list one twice.
    open_ = sum(len(round_.open_of(unit)) for unit in round_.units)
    return RoundPoint(round_.as_of, tally.compliance, len(round_.units), open_)


def _change(unit: Unit, before: PreviousRound, findings: Iterable[Finding]) -> UnitChange:
    now: dict[FindingId, Places] = {(f.rule_id, f.unit_id): frozenset(f.paths) for f in findings}
    then = {(rule, unit.id): places for rule, places in before.open_of(unit.id).items()}
    moved = compare(then, now)
    rate, past = unit.tally.compliance, before.units[unit.id].tally.compliance
    delta = None if rate is None or past is None else round(rate - past, 1)
    return UnitChange(unit.id, delta, len(moved.fixed), len(moved.new), len(moved.still_open))
