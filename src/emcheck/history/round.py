"""One round of the push group's follow-up: every unit's figures and every open finding.

A round is what ``emcheck progress`` measures on a date and what a later run compares with.
Its definitions (docs/progress.md) are made here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from emcheck.audit.vocabulary import Tally
from emcheck.i18n import Text

DONE = "done"
"""Every applicable rule of the node passes (a waived or 需关注 finding counts as done)."""
PENDING = "pending"
"""Not done, and its deadline has not passed."""
OVERDUE = "overdue"
"""Not done, and its deadline has passed."""
NONE_APPLICABLE = "n/a"
"""No rule of the node applies to the unit."""
NODE_STATES = (DONE, PENDING, OVERDUE, NONE_APPLICABLE)

UNASSIGNED = "(未归属)"
"""The zone or parent id of a unit that names none."""


@dataclass(frozen=True)
class Node:
    """A deadline node of the pilot plan: the parts due on one date."""

    name: str
    """The pack's deadline name, e.g. ``end_of_february``."""
    clauses: str
    """二(一) or 二(二)、二(三) …: the parts of the plan due then."""
    label: Text
    """二(一) 健全组织体系 · 2月底前."""


@dataclass(frozen=True)
class NodeState:
    state: str
    """done, pending, overdue or n/a."""
    open: int = 0
    """Applicable rules of the node not done."""
    days_overdue: int = 0


@dataclass(frozen=True)
class Worst:
    """A unit's open item furthest past its deadline."""

    rule_id: str
    clause: str
    title: Text
    days_overdue: int


@dataclass(frozen=True)
class Unit:
    """One audited unit (district, township, street, village or community) and its figures."""

    id: str
    name: str
    level: str
    zone: str
    """The 经济区, or UNASSIGNED."""
    parent: str | None
    """The district's id for a village or community; None for a district."""
    file: str
    tally: Tally
    nodes: tuple[NodeState, ...]
    """One per node of the round, in the round's node order."""
    no_deadline_open: int
    """Applicable rules of parts without a deadline that are not done."""
    worst: Worst | None

    @property
    def is_district(self) -> bool:
        return self.level in ("district", "township", "street")


@dataclass(frozen=True)
class Finding:
    """One open finding (fail or could-not-check) of the round."""

    key: str
    """rule × unit × its first keyed path: its name across rounds."""
    paths: tuple[str, ...]
    """Every place it points at (keyed paths): whether a later round's finding is the same."""
    rule_id: str
    clause: str
    title: Text
    unit_id: str
    unit_name: str
    status: str
    severity: str | None
    message: Text | None
    expected: Text | None
    actual: Text | None
    deadline: date | None
    days_overdue: int
    """0 when not overdue."""
    file: str
    line: int | None
    column: int | None
    advice: Text | None = None
    """整改建议, for a recheck's new and open items."""


class Findings(Protocol):
    """A round's open findings: sized and re-iterable (on disk while a round is made)."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...
    def part(self, start: int, stop: int) -> Iterator[Finding]:
        """Findings ``start`` to ``stop`` (as a slice), without reading those before."""
        ...

    def of(self, unit_id: str) -> Iterator[Finding]:
        """The unit's findings alone."""
        ...


@dataclass(frozen=True)
class Unreadable:
    """A site file no rule could run on: counted in every total, never left out."""

    file: str
    reason: str
    """``unreadable`` (could not be read or parsed) or ``invalid`` (schema problems)."""
    message: Text
    line: int | None


@dataclass(frozen=True)
class Round:
    """What one ``progress`` run measured."""

    as_of: date
    pack_id: str
    pack_version: str
    nodes: tuple[Node, ...]
    units: tuple[Unit, ...]
    findings: Findings
    """Every open finding, in file and rule order; iterable as often as needed."""
    unreadable: tuple[Unreadable, ...]
    rule_applicable: tuple[tuple[str, int], ...] = ()
    """Per rule id: how many units it applies to (for 共性问题: failing out of applicable)."""
    pack_sha256: str = ""
    judged: tuple[tuple[str, str], ...] = ()
    """(path, SHA-256) of every site file and attachment read (see ``FileAudit.judged``)."""

    @property
    def tally(self) -> Tally:
        return sum((u.tally for u in self.units), Tally(0, 0, 0, 0, 0, 0, 0))
