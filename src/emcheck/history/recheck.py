"""The second visit: what became of each finding of earlier audits (整改 → 复查 → 销号).

Statuses (状态), computed here and nowhere else (docs/recheck.md):

- 已整改 fixed: open in the latest earlier round, no longer open now (销号);
- 未整改 open: still open, with the days past its rectification deadline;
- 新发现 new: open now, in no earlier round;
- 反弹 regressed: open now, open in an earlier round but fixed in a later one;
- 已豁免 waived: open before, now excused by a waiver (its reason given);
- 未复查 not rechecked: its unit is not in this run, so nothing is known: never 已整改.

A finding is the same across rounds by :mod:`emcheck.history.matching`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from emcheck.history.answers import Answer, LedgerAnswers, Stray, key_parts
from emcheck.history.matching import FindingId, same
from emcheck.history.notice_record import NoticeRecord
from emcheck.history.previous import PastFinding
from emcheck.history.recheck_inputs import Current, EarlierRounds
from emcheck.history.round import Finding, Unreadable
from emcheck.i18n import Text
from emcheck.rulepack.model import RulePack

FIXED, OPEN, NEW, REGRESSED, WAIVED_NOW, NOT_RECHECKED = (
    "fixed",
    "open",
    "new",
    "regressed",
    "waived",
    "not_rechecked",
)
STATUS_ORDER = (OPEN, REGRESSED, NEW, NOT_RECHECKED, WAIVED_NOW, FIXED)
STATUS_WORDS = {
    FIXED: Text("已整改", "fixed"),
    OPEN: Text("未整改", "not fixed"),
    NEW: Text("新发现", "new"),
    REGRESSED: Text("反弹", "regressed"),
    WAIVED_NOW: Text("已豁免", "waived"),
    NOT_RECHECKED: Text("未复查", "not rechecked"),
}
COMPLETE, MOSTLY, INCOMPLETE = "complete", "mostly", "incomplete"
CONCLUSION_WORDS = {
    COMPLETE: Text("整改完成", "rectification complete"),
    MOSTLY: Text("基本完成", "rectification mostly complete"),
    INCOMPLETE: Text("未完成", "rectification incomplete"),
}


@dataclass(frozen=True)
class Item:
    """One finding followed from the earlier round to this one."""

    status: str
    rule_id: str
    unit_id: str
    unit_name: str
    earlier: PastFinding | None
    """As the latest earlier round recorded it (None for a new finding)."""
    now: Finding | None
    """As this audit found it (None when fixed, waived or not rechecked)."""
    deadline: date | None
    """整改期限: the notice's, else the earlier audit's date plus the pack's period; for a
    new or regressed finding, a fresh one from today."""
    days_overdue: int
    waiver: str | None = None
    """For 已豁免: the waiver's reason."""
    answer: Answer | None = None
    """What the unit wrote in the returned ledger for this finding, if it was given."""

    @property
    def places(self) -> frozenset[str]:
        """Every place it pointed at, earlier and now."""
        now = frozenset(self.now.paths) if self.now is not None else frozenset()
        return now | (self.earlier.paths if self.earlier is not None else frozenset())

    @property
    def key(self) -> str:
        """Its 编号 in a ledger: rule|unit|its first place (now, else as last recorded)."""
        if self.now is not None:
            return self.now.key
        first = sorted(self.earlier.paths)[0] if self.earlier and self.earlier.paths else ""
        return f"{self.rule_id}|{self.unit_id}|{first}"


@dataclass(frozen=True)
class Recheck:
    as_of: date
    rounds: tuple[tuple[str, date], ...]
    """Earlier records (file, as-of) in date order."""
    notice: NoticeRecord | None
    items: tuple[Item, ...]
    unreadable: tuple[Unreadable, ...]
    conclusion: str
    notes: tuple[Text, ...]
    """What the reader must know: deadlines by period, another pack version …"""
    strays: tuple[Stray, ...] = ()
    """Rows of the returned ledger that match no finding any more."""
    ledger: str | None = None
    """The returned ledger read (``--ledger``)."""
    units: tuple[str, ...] = ()
    """The units rechecked, by name: each site file's own unit (a street, not its villages)."""
    judged: tuple[tuple[str, str], ...] = ()
    """(path, SHA-256) of every site file and attachment read this run."""

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)


def recheck(
    now: Current,
    earlier: EarlierRounds,
    pack: RulePack,
    as_of: date,
    notice: NoticeRecord | None,
    answers: LedgerAnswers | None = None,
) -> Recheck:
    period = timedelta(days=int(pack.settings["rectification_days"]))
    latest = earlier.open[-1]
    latest_round = earlier.rounds[-1]
    items = []
    for found, past in latest.items():
        if found[1] not in now.units:
            status = NOT_RECHECKED
        elif found in now.waived:
            status = WAIVED_NOW
        elif found in now.open and same(past.paths, frozenset(now.open[found].paths)):
            status = OPEN
        else:
            status = FIXED
        due = (notice.deadline_of(*found) if notice else None) or latest_round.as_of + period
        current = now.open.get(found) if status == OPEN else None
        late = max(0, (as_of - due).days) if status == OPEN else 0
        items.append(
            Item(status, *found, past.unit_name, past, current, due, late, now.waived.get(found))
        )
    for found, finding in now.open.items():
        if found in latest and same(latest[found].paths, frozenset(finding.paths)):
            continue
        status = REGRESSED if _open_before(found, finding, earlier) else NEW
        items.append(Item(status, *found, finding.unit_name, None, finding, as_of + period, 0))
    items.sort(key=lambda i: (STATUS_ORDER.index(i.status), i.unit_id, i.rule_id))
    items, strays = _answered(items, answers)
    return Recheck(
        as_of,
        tuple((r.file, r.as_of) for r in earlier.rounds),
        notice,
        tuple(items),
        tuple(now.unreadable),
        _conclusion(items, pack),
        tuple(_notes(earlier, pack, notice)),
        strays,
        answers.file if answers else None,
        tuple(now.tops),
        tuple(now.judged),
    )


def _answered(
    items: list[Item], answers: LedgerAnswers | None
) -> tuple[list[Item], tuple[Stray, ...]]:
    """Each item with what the unit wrote for it; rows that match no item are kept apart."""
    if answers is None:
        return items, ()
    taken: dict[int, Answer] = {}
    strays = []
    for key, answer in sorted(answers.by_key.items(), key=lambda pair: pair[1].row):
        index = _answered_item(key, items, taken)
        if index is None:
            strays.append(
                Stray(answer.sheet, answer.row, key, answers.descriptions.get(key, ""), answer)
            )
        else:
            taken[index] = answer
    joined = [replace(item, answer=taken.get(index)) for index, item in enumerate(items)]
    return joined, tuple(strays)


def _answered_item(key: str, items: Sequence[Item], taken: dict[int, Answer]) -> int | None:
    """The item a ledger row answers: the same 编号, else the same rule and unit with the
    row's place among the item's (a finding's first place may change between rounds)."""
    found, place = key_parts(key)
    free = [i for i in range(len(items)) if i not in taken]
    exact = [i for i in free if items[i].key == key]
    if exact:
        return exact[0]
    return next(
        (
            i
            for i in free
            if (items[i].rule_id, items[i].unit_id) == found
            and (not place or not items[i].places or place in items[i].places)
        ),
        None,
    )


def _open_before(found: FindingId, finding: Finding, earlier: EarlierRounds) -> bool:
    """Open in a round before the latest (and so fixed since): a regression."""
    places = frozenset(finding.paths)
    return any(found in r and same(r[found].paths, places) for r in earlier.open[:-1])


def _conclusion(items: Sequence[Item], pack: RulePack) -> str:
    left = sum(1 for i in items if i.status in (OPEN, NEW, REGRESSED, NOT_RECHECKED))
    if not left:
        return COMPLETE
    rate = done_percent(items)
    fresh = any(i.status in (NEW, REGRESSED, NOT_RECHECKED) for i in items)
    if rate is not None and rate >= mostly_percent(pack) and not fresh:
        return MOSTLY
    return INCOMPLETE


def done_percent(items: Sequence[Item]) -> float | None:
    """Of the earlier findings rechecked, the share fixed or waived (None: there were none)."""
    followed = [i for i in items if i.status in (FIXED, OPEN, WAIVED_NOW)]
    if not followed:
        return None
    return 100.0 * sum(1 for i in followed if i.status != OPEN) / len(followed)


def mostly_percent(pack: RulePack) -> float:
    """基本完成 from this share of earlier findings fixed or waived (a pack setting)."""
    return float(pack.settings.get("recheck_mostly_percent", 80))


def _notes(earlier: EarlierRounds, pack: RulePack, notice: NoticeRecord | None) -> list[Text]:
    notes = []
    if notice is None:
        days = pack.settings["rectification_days"]
        notes.append(
            Text(
                f"未提供整改通知书记录：整改期限按上次检查日期起 {days} 天计算。",
                f"No notice record given: deadlines are the earlier audit's date plus {days} days.",
            )
        )
    versions = {r.pack_version for r in earlier.rounds if r.pack_version}
    if versions - {pack.version}:
        old = "、".join(sorted(versions - {pack.version}))
        known = {rule.id for rule in pack.rules}
        gone = sorted({f[0] for r in earlier.open for f in r} - known)
        text = Text(
            f"上次记录的规则包版本为 {old}，本次为 {pack.version}：按规则编号对应。",
            f"The earlier record used pack version {old}, this run {pack.version}: matched by rule id.",
        )
        if gone:
            text = Text(
                text.zh + f"本规则包已没有的规则：{'、'.join(gone)}。",
                text.en + f" Rules no longer in this pack: {', '.join(gone)}.",
            )
        notes.append(text)
    return notes
