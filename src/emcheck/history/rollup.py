"""The round seen from above: 管委会 → 经济区 → district → village, rankings, common weaknesses."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from emcheck.audit.vocabulary import Tally
from emcheck.history.round import DONE, UNASSIGNED, Finding, Round, Unit
from emcheck.i18n import Text

EMPTY = Tally(0, 0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class District:
    """A district, township or street with the villages and communities it holds."""

    id: str
    name: str
    unit: Unit | None
    """None when villages name a parent no audited file describes."""
    villages: tuple[Unit, ...]

    @property
    def units(self) -> tuple[Unit, ...]:
        return ((self.unit,) if self.unit else ()) + self.villages

    @property
    def tally(self) -> Tally:
        return total(self.units)

    @property
    def overdue(self) -> int:
        return self.tally.overdue


@dataclass(frozen=True)
class Zone:
    name: str
    districts: tuple[District, ...]
    unassigned: tuple[Unit, ...]
    """Villages and communities that name no parent (listed under 未归属, never dropped)."""

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(u for d in self.districts for u in d.units) + self.unassigned

    @property
    def tally(self) -> Tally:
        return total(self.units)


@dataclass(frozen=True)
class Weakness:
    """A rule failing in several units: what a 督导 visit should target."""

    rule_id: str
    clause: str
    title: Text
    units_failing: int
    units_applicable: int


def total(units: Iterable[Unit]) -> Tally:
    return sum((u.tally for u in units), EMPTY)


def zones(round_: Round) -> tuple[Zone, ...]:
    """Zones by name (未归属 last), districts by name, villages in file order."""
    by_zone: dict[str, list[Unit]] = defaultdict(list)
    for unit in round_.units:
        by_zone[unit.zone].append(unit)
    names = sorted(by_zone, key=lambda z: (z == UNASSIGNED, z))
    return tuple(_zone(name, by_zone[name]) for name in names)


def _zone(name: str, units: Sequence[Unit]) -> Zone:
    heads = {u.id: u for u in units if u.is_district}
    members: dict[str, list[Unit]] = defaultdict(list)
    loose = []
    for unit in units:
        if unit.is_district:
            continue
        if unit.parent:
            members[unit.parent].append(unit)
        else:
            loose.append(unit)
    # By name, then id: two districts may share a name, and a set's order changes by run.
    ids = sorted(set(heads) | set(members), key=lambda i: (heads[i].name if i in heads else i, i))
    districts = tuple(
        District(i, heads[i].name if i in heads else i, heads.get(i), tuple(members[i]))
        for i in ids
    )
    return Zone(name, districts, tuple(loose))


def ranked(units: Iterable[Unit]) -> list[Unit]:
    """By 合格率 (highest first; a unit no rule applies to last), then fewer overdue, then name."""
    return sorted(units, key=lambda u: (_rate_key(u.tally), u.tally.overdue, u.name, u.id))


def ranked_districts(round_: Round) -> list[District]:
    """Districts as whole pilots: the district's own unit and every village it holds."""
    every = [d for z in zones(round_) for d in z.districts]
    return sorted(every, key=lambda d: (_rate_key(d.tally), d.overdue, d.name, d.id))


NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九十", 1)}


def clause_order(clause: str) -> tuple[int, ...]:
    """The pilot plan's own order: 二(二)10 before 二(三)11, 二(一)4 before 二(一)10; a rule
    citing several clauses (二(一)4、二(二)10) stands at its first."""
    parts = re.findall(r"[一二三四五六七八九十]+|\d+", clause.split("、")[0])
    return tuple(int(p) if p.isdigit() else _numeral(p) for p in parts)


def _numeral(text: str) -> int:
    """一 … 九十九 as written in clause numbers (十一 = 11, 二十 = 20)."""
    if "十" not in text:
        return NUMERALS[text]
    tens, _, ones = text.partition("十")
    return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[ones] if ones else 0)


def _rate_key(tally: Tally) -> float:
    return -tally.compliance if tally.compliance is not None else 1.0


def weaknesses(round_: Round, limit: int | None = None) -> list[Weakness]:
    """Rules by the number of units with an open finding on them (most first), then clause.

    An audit has one outcome per rule and unit, so each open finding is one failing unit.
    """
    failing: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for finding in round_.findings:
        failing[finding.rule_id] += 1
        first.setdefault(finding.rule_id, finding)
    applicable = dict(round_.rule_applicable)
    rows = [
        Weakness(r, first[r].clause, first[r].title, n, applicable.get(r, n))
        for r, n in failing.items()
    ]
    rows.sort(key=lambda w: (-w.units_failing, clause_order(w.clause), w.rule_id))
    return rows[:limit] if limit else rows


def node_completion(round_: Round) -> list[tuple[int, int]]:
    """Per node: units done and units the node applies to."""
    counts = []
    for index in range(len(round_.nodes)):
        states = [u.nodes[index].state for u in round_.units]
        applies = [s for s in states if s != "n/a"]
        counts.append((sum(1 for s in applies if s == DONE), len(applies)))
    return counts
