"""Is a finding of one round the same as one of another? The rule says so for progress and
for rechecks alike.

An audit has at most one finding per rule and unit; it points at one or more places, each
a keyed path (list entries by name, see :mod:`emcheck.audit.keys`). Two rounds' findings of
one rule and unit are the same finding when they share a place, or when either round does
not say where (an audit record written before findings carried paths, a unit-level finding).
So reordering a list, or fixing one of two grids, keeps the finding; a finding that moved
entirely elsewhere is one fixed and one new.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

FindingId = tuple[str, str]
"""(rule id, unit id): where a round holds at most one finding."""
Places = frozenset[str]


def same(before: Places, now: Places) -> bool:
    return not before or not now or bool(before & now)


@dataclass(frozen=True)
class Comparison:
    """Open findings of an earlier round against those of a later one."""

    fixed: tuple[FindingId, ...]
    """Open then, not now (or now elsewhere entirely)."""
    new: tuple[FindingId, ...]
    """Open now, not then (or then elsewhere entirely)."""
    still_open: tuple[FindingId, ...]


def compare(before: Mapping[FindingId, Places], now: Mapping[FindingId, Places]) -> Comparison:
    fixed, new, kept = [], [], []
    for finding, places in before.items():
        later = now.get(finding)
        if later is None:
            fixed.append(finding)
        elif same(places, later):
            kept.append(finding)
        else:
            fixed.append(finding)
            new.append(finding)
    new += [finding for finding in now if finding not in before]
    return Comparison(tuple(fixed), tuple(new), tuple(kept))
