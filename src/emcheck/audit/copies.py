"""材料雷同: the marks of every unit in a run compared, a finding for each unit showing another
unit's material (``duplicates`` rules; the operator only marks, see
:mod:`emcheck.rulepack.operators.sameness`).

File audits arrive in the order the files were named and go on to the reports as soon as
each is compared, so memory holds one entry per distinct piece of material, never the audits.
A copy between two files is therefore reported on the later file, naming the earlier place;
between two units of one file, on both. Output never depends on ``--jobs``: the order is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from emcheck.audit.engine import due_status, template_values, unit_variables
from emcheck.audit.outcomes import FAIL, FileAudit, Mark, Outcome, Subject
from emcheck.errors import Location
from emcheck.i18n import Lang, Text
from emcheck.loading.document import format_path
from emcheck.rulepack.model import RulePack
from emcheck.rulepack.operators.sameness import EXPECTED


@dataclass(frozen=True)
class _Place:
    subject: Subject
    mark: Mark
    file_number: int
    slot: int
    """The outcome's index among its file's outcomes."""


Copies = dict[int, list[tuple[Mark, _Place]]]


def flag_copies(audits: Iterable[FileAudit], pack: RulePack, as_of: date) -> Iterator[FileAudit]:
    """Each audit, its ``duplicates`` outcomes now failing where a unit shows what another
    unit of the run showed before it, and not applicable otherwise."""
    seen: dict[tuple[str, str], _Place] = {}
    for number, audit in enumerate(audits):
        yield _compared(audit, number, seen, pack, as_of)


def _compared(
    audit: FileAudit,
    number: int,
    seen: dict[tuple[str, str], _Place],
    pack: RulePack,
    as_of: date,
) -> FileAudit:
    if not any(outcome.marks for outcome in audit.outcomes):
        return audit
    copies: Copies = defaultdict(list)
    for slot, outcome in enumerate(audit.outcomes):
        for mark in outcome.marks:
            here = _Place(outcome.subject, mark, number, slot)
            earlier = seen.setdefault((outcome.rule.id, mark.fingerprint), here)
            if earlier is here or not _copied(earlier, here):
                continue
            copies[slot].append((mark, earlier))
            if earlier.file_number == number and earlier.slot != slot:
                copies[earlier.slot].append((earlier.mark, here))
    outcomes = tuple(
        _flagged(outcome, copies[slot], pack, as_of)
        if slot in copies
        else replace(outcome, marks=())
        if outcome.marks
        else outcome
        for slot, outcome in enumerate(audit.outcomes)
    )
    return replace(audit, outcomes=outcomes)


def _copied(earlier: _Place, here: _Place) -> bool:
    """Another unit's attachment or text; a phone number under another name, in any unit."""
    if here.mark.holder is None:
        return earlier.subject.id != here.subject.id
    return earlier.mark.holder != here.mark.holder


def _flagged(
    outcome: Outcome, copies: list[tuple[Mark, _Place]], pack: RulePack, as_of: date
) -> Outcome:
    rule, subject = outcome.rule, outcome.subject
    described = [_described(mark, other) for mark, other in copies]
    actual = Text("；".join(d.zh for d in described), "; ".join(d.en for d in described))
    variables = unit_variables(pack.settings, subject, as_of, subject.zone)
    values = template_values(
        variables, subject, described, EXPECTED, actual, outcome.deadline, as_of
    )
    first = copies[0][0]
    return replace(
        outcome,
        status=FAIL,
        location=first.location,
        path=first.path,
        severity=rule.severity,
        message=rule.message.render(values["zh"], values["en"]) if rule.message else actual,
        expected=EXPECTED,
        actual=actual,
        advice=rule.advice.render(values["zh"], values["en"]),
        record=rule.record.render(values["zh"], values["en"]) if rule.record else None,
        due=due_status(outcome.deadline, as_of),
        failed_parts=tuple(
            (m.label.zh, m.label.en, format_path(m.path[len(subject.path) :]), m.shown.zh)
            for m, _ in copies
        ),
        key_paths=tuple(sorted({mark.key_path for mark, _ in copies})),
        marks=(),
    )


def _described(mark: Mark, other: _Place) -> Text:
    """Both places, the other one's file named only when it is another file:
    ``相同附件 a.jpg（第 12 行）与 柳溪村 的 b.jpg（b.yaml:30:9）相同``."""
    theirs = other.mark
    mine = mark.location
    return Text(
        f"{mark.label.zh} {mark.shown.zh}（{_where(mine, mine, 'zh')}）与 {other.subject.name} 的"
        f" {theirs.shown.zh}（{_where(theirs.location, mine, 'zh')}）相同",
        f"{mark.label.en} {mark.shown.en} ({_where(mine, mine, 'en')}) is the same as"
        f" {theirs.shown.en} of {other.subject.name} ({_where(theirs.location, mine, 'en')})",
    )


def _where(place: Location, mine: Location, lang: Lang) -> str:
    """``place`` as a line (or a workbook's sheet and cell) when it is in ``mine``'s file: the
    finding already names that file."""
    if place.file != mine.file:
        return place.shown(lang)
    if place.sheet is not None:
        return place.shown(lang)[len(place.file) + 1 :]
    if lang == "zh":
        return f"第 {place.line} 行"
    return f"line {place.line}"
