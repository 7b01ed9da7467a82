"""Build a round from an audit as it streams: each file is reduced to figures and dropped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from emcheck.audit.outcomes import FAIL, NOT_APPLICABLE, PASS, WAIVED, FileAudit, Outcome
from emcheck.audit.vocabulary import Tally
from emcheck.history.round import (
    DONE,
    NONE_APPLICABLE,
    OVERDUE,
    PENDING,
    UNASSIGNED,
    Finding,
    Node,
    NodeState,
    Round,
    Unit,
    Unreadable,
    Worst,
)
from emcheck.history.spool import FindingSpool
from emcheck.i18n import Text
from emcheck.rulepack.model import RulePack


def pack_nodes(pack: RulePack) -> tuple[Node, ...]:
    """The deadline nodes, in date order: each the parts of the plan due on one date."""
    nodes = []
    for name, deadline in sorted(pack.deadlines.items(), key=lambda d: d[1].on(2001)):
        parts = [s for s in pack.sections if s.deadline == name]
        if not parts:
            continue
        when = deadline.label or Text(name, name)
        clauses = "、".join(s.clause for s in parts)
        titles = Text("、".join(s.title.zh for s in parts), ", ".join(s.title.en for s in parts))
        nodes.append(
            Node(
                name,
                clauses,
                Text(f"{clauses} {titles.zh} · {when.zh}", f"{clauses} {titles.en} · {when.en}"),
            )
        )
    return tuple(nodes)


def is_done(outcome: Outcome) -> bool:
    """A rule counts as done for its node when it passes, is waived, or only needs attention."""
    if outcome.status in (PASS, WAIVED):
        return True
    return outcome.status == FAIL and outcome.severity == "warning"


class RoundCollector:
    """Feed it every audited file (waivers applied), then ask for the round."""

    def __init__(self, pack: RulePack, as_of: date) -> None:
        self.pack = pack
        self.as_of = as_of
        self.nodes = pack_nodes(pack)
        self.units: list[Unit] = []
        self.findings = FindingSpool()
        self.unreadable: list[Unreadable] = []
        self.applicable: Counter[str] = Counter()
        self.judged: list[tuple[str, str]] = []

    def add(self, audit: FileAudit) -> None:
        self.judged.extend(audit.judged)
        if not audit.audited:
            self.unreadable.append(unreadable_of(audit))
            return
        by_unit: dict[str, list[Outcome]] = {s.id: [] for s in audit.subjects}
        for outcome in audit.outcomes:
            by_unit[outcome.subject.id].append(outcome)
        for subject in audit.subjects:
            outcomes = by_unit[subject.id]
            self.units.append(self._unit(subject.id, outcomes, audit.file))
            for outcome in outcomes:
                if outcome.is_problem:
                    self.findings.add(finding_of(outcome, self.as_of))
            self.applicable.update(o.rule.id for o in outcomes if o.status != NOT_APPLICABLE)

    def finish(self) -> Round:
        return Round(
            self.as_of,
            self.pack.id,
            self.pack.version,
            self.nodes,
            tuple(self.units),
            self.findings,
            tuple(self.unreadable),
            tuple(sorted(self.applicable.items())),
            self.pack.sha256,
            tuple(self.judged),
        )

    def _unit(self, unit_id: str, outcomes: Sequence[Outcome], file: str) -> Unit:
        subject = outcomes[0].subject if outcomes else None
        assert subject is not None, f"unit {unit_id} without outcomes"
        applicable = [o for o in outcomes if o.status != NOT_APPLICABLE]
        return Unit(
            subject.id,
            subject.name,
            subject.level,
            subject.zone or UNASSIGNED,
            subject.parent,
            file,
            Tally.of(outcomes),
            tuple(self._node(node, applicable) for node in self.nodes),
            sum(1 for o in applicable if o.rule.deadline is None and not is_done(o)),
            self._worst(applicable),
        )

    def _node(self, node: Node, applicable: Sequence[Outcome]) -> NodeState:
        mine = [o for o in applicable if o.rule.deadline == node.name]
        if not mine:
            return NodeState(NONE_APPLICABLE)
        open_ = [o for o in mine if not is_done(o)]
        if not open_:
            return NodeState(DONE)
        late = max(self._days_overdue(o) for o in open_)
        return NodeState(OVERDUE if late else PENDING, len(open_), late)

    def _days_overdue(self, outcome: Outcome) -> int:
        deadline = outcome.deadline
        return max(0, (self.as_of - deadline).days) if deadline else 0

    def _worst(self, applicable: Sequence[Outcome]) -> Worst | None:
        late = [o for o in applicable if o.is_problem and self._days_overdue(o) > 0]
        if not late:
            return None
        # Furthest past its deadline; among equals the first in the pack's order.
        worst = max(late, key=self._days_overdue)
        rule = worst.rule
        return Worst(rule.id, rule.clause, rule.title, self._days_overdue(worst))


def finding_of(outcome: Outcome, as_of: date) -> Finding:
    """An open outcome as a round keeps it."""
    rule, location = outcome.rule, outcome.location
    late = max(0, (as_of - outcome.deadline).days) if outcome.deadline else 0
    return Finding(
        outcome.finding_key,
        outcome.key_paths,
        rule.id,
        rule.clause,
        rule.title,
        outcome.subject.id,
        outcome.subject.name,
        outcome.status,
        outcome.severity,
        outcome.message,
        outcome.expected,
        outcome.actual,
        outcome.deadline,
        late,
        location.file,
        location.line,
        location.column,
        outcome.advice,
    )


def unreadable_of(audit: FileAudit) -> Unreadable:
    """A file no rule ran on, and why."""
    if audit.error is not None:
        return Unreadable(audit.file, "unreadable", audit.error.message, audit.error.location.line)
    first = audit.problems[0]
    more = len(audit.problems) - 1
    message = first.message
    if more:
        message = Text(
            f"{message.zh}（另有 {more} 处格式问题）",
            f"{message.en} (and {more} more schema problems)",
        )
    return Unreadable(audit.file, "invalid", message, first.location.line)
