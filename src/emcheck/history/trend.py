"""How each unit and the zone moved since earlier rounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from emcheck.history.matching import FindingId, Places, compare
from emcheck.history.previous import NOTHING, Earlier, PreviousRound
from emcheck.history.round import Round, Unit


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
    rounds = sorted(earlier, key=lambda r: r.as_of)
    points = [_point(r) for r in rounds]
    points.append(
        RoundPoint(
            current.as_of, current.tally.compliance, len(current.units), len(current.findings)
        )
    )
    now: dict[str, dict[FindingId, Places]] = {u.id: {} for u in current.units}
    for finding in current.findings:
        now[finding.unit_id][(finding.rule_id, finding.unit_id)] = frozenset(finding.paths)
    changes = {}
    for unit in current.units:
        before = next((r for r in reversed(rounds) if unit.id in r.units), None)
        if before is not None:
            changes[unit.id] = _change(unit, before.units[unit.id], now[unit.id])
    return Trend(tuple(points), changes)


def _point(round_: PreviousRound) -> RoundPoint:
    tally = sum((u.tally for u in round_.units.values()), start=NOTHING)
    open_ = sum(len(u.open) for u in round_.units.values())
    return RoundPoint(round_.as_of, tally.compliance, len(round_.units), open_)


def _change(unit: Unit, earlier: Earlier, now: dict[FindingId, Places]) -> UnitChange:
    then = {(rule, unit.id): places for rule, places in earlier.open.items()}
    moved = compare(then, now)
    rate, past = unit.tally.compliance, earlier.tally.compliance
    delta = None if rate is None or past is None else round(rate - past, 1)
    return UnitChange(unit.id, delta, len(moved.fixed), len(moved.new), len(moved.still_open))
