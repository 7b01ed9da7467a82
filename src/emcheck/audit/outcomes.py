"""The frozen values one audit produces; reporters only read them."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from emcheck.attachments.collect import Attachment
from emcheck.audit.keys import finding_key
from emcheck.errors import EmcheckError, Location
from emcheck.i18n import Text
from emcheck.loading.document import JsonPath, format_path
from emcheck.loading.ignore_comments import InlineIgnore
from emcheck.rulepack.model import Rule, RulePack
from emcheck.validation.validator import SchemaProblem

PASS = "pass"
FAIL = "fail"
NOT_APPLICABLE = "not_applicable"
ERROR = "error"
WAIVED = "waived"
STATUSES = (PASS, FAIL, NOT_APPLICABLE, ERROR, WAIVED)

OVERDUE = "overdue"
DUE = "due"
NO_DEADLINE = "no_deadline"

LEVEL_GROUP = {
    "district": "district",
    "township": "district",
    "street": "district",
    "village": "village",
    "community": "community",
}
LEVEL_NAMES = {
    "district": Text("区（试点）", "district"),
    "township": Text("乡镇", "township"),
    "street": Text("街道", "street"),
    "village": Text("村", "village"),
    "community": Text("社区", "community"),
}


@dataclass(frozen=True)
class Subject:
    """A unit audited on its own: the district, or one village or community in it."""

    id: str
    name: str
    level: str
    """As written in the file: district, township, street, village or community."""
    file: str
    path: JsonPath
    """Where the unit's data starts in the file (``()`` for the file's own unit)."""
    parent: str | None
    """The district's id: for a village or community written inside a district file, or as
    a village or community file names it (``parent:``)."""
    pilot_year: int
    zone: str | None = None
    """The 经济区 the unit belongs to (a village in a district file: the district's)."""

    @property
    def level_group(self) -> str:
        """district (区/乡镇/街道), village or community: what rule ``levels`` name."""
        return LEVEL_GROUP[self.level]


@dataclass(frozen=True)
class Waiver:
    """An accepted exception: this rule may fail on this unit (and path) until it expires."""

    rule: str
    site: str
    path: JsonPath | None
    """Only findings at or below this path (relative to the unit); None for the whole unit."""
    reason: str
    approver: str
    expires: date | None
    """None only for an inline ``# emcheck: ignore`` comment, which lasts as long as it stands."""
    source: Location
    """The waiver file entry or the commented line."""


@dataclass(frozen=True)
class Notice:
    """Something about the audit itself: an expired or unused waiver, a finding fixed since the baseline."""

    location: Location
    message: Text
    level: str
    """error, warning or note."""


@dataclass(frozen=True)
class Mark:
    """A piece of a unit's material that another unit should not show (``duplicates``)."""

    fingerprint: str
    holder: str | None
    """The name a phone number stands under; None for attachments and texts."""
    label: Text
    shown: Text
    """The material as the finding names it: the file, the text's beginning, the number."""
    location: Location
    path: JsonPath
    key_path: str
    """From the unit's start, list elements named by key (see :mod:`emcheck.audit.keys`)."""


@dataclass(frozen=True)
class Outcome:
    """What one rule found on one subject."""

    rule: Rule
    subject: Subject
    status: str
    """pass, fail, not_applicable or error (the check could not run; never a pass)."""
    location: Location
    path: JsonPath
    deadline: date | None
    """The pilot-plan deadline of the rule's part, in the subject's pilot year."""
    severity: str | None = None
    """error or warning for a fail or error outcome; None otherwise."""
    message: Text | None = None
    expected: Text | None = None
    actual: Text | None = None
    advice: Text | None = None
    """整改建议: what to do, as an official notice would word it."""
    record: Text | None = None
    """填报说明: how to record the fix in the site file."""
    due: str | None = None
    """For a problem: overdue, due (not yet passed) or no_deadline."""
    waiver: Waiver | None = None
    """Set when status is ``waived``: what allowed this failure."""
    baseline: str | None = None
    """With ``--baseline``: ``new`` or ``unchanged`` for a problem; None without a baseline."""
    failed_parts: tuple[tuple[str, str, str, str], ...] = ()
    """For a fail: each failing sub-check's label (zh, en), path from the unit's start and
    what was found (zh), so that a rule case can name the part it expects to fail."""
    key_paths: tuple[str, ...] = ()
    """For a fail: every place it points at, from the unit's start, list elements named by
    key (``rescue_team.members[王五].phone``), sorted: what finds it again in a later round."""
    marks: tuple[Mark, ...] = ()
    """For a ``duplicates`` rule until the run compares units (:mod:`emcheck.audit.copies`):
    the unit's material; empty once compared."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Parallel audits send outcomes between processes: the rule travels as its id
        # (both sides hold the same pack), not as its checks and templates each time.
        fields = tuple(getattr(self, f.name) for f in dataclasses.fields(self))
        return (_outcome_with_rule, (self.rule.id, *fields[1:]))

    @property
    def relative_path(self) -> JsonPath:
        """Where the finding points, from the unit's own start (survives reordering of units)."""
        return self.path[len(self.subject.path) :]

    @property
    def fingerprint(self) -> str:
        """Stable across edits elsewhere in the file: rule, unit and path, never the line."""
        key = f"{self.rule.id}|{self.subject.id}|{format_path(self.relative_path)}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    @property
    def finding_key(self) -> str:
        """The finding across rounds: rule × unit × keyed path (see :mod:`emcheck.audit.keys`)."""
        return finding_key(self.rule.id, self.subject.id, self.key_paths)

    @property
    def is_problem(self) -> bool:
        return self.status in (FAIL, ERROR)


_RULES: dict[str, Rule] = {}


def share_rules(pack: RulePack) -> None:
    """Make the pack's rules known for outcomes arriving from other processes."""
    _RULES.update((rule.id, rule) for rule in pack.rules)


def _outcome_with_rule(rule_id: str, *fields: Any) -> Outcome:
    return Outcome(_RULES[rule_id], *fields)


@dataclass(frozen=True)
class FileAudit:
    """Everything found in one site file."""

    file: str
    subjects: tuple[Subject, ...]
    outcomes: tuple[Outcome, ...]
    problems: tuple[SchemaProblem, ...] = ()
    """Schema problems: when present, no rule ran on this file."""
    error: EmcheckError | None = None
    """A file that could not be read or parsed at all."""
    ignores: tuple[InlineIgnore, ...] = ()
    """The file's ``# emcheck: ignore`` comments, applied by the policy step."""
    sha256: str | None = None
    """SHA-256 of the bytes judged; None when the file could not be read."""
    attachments: tuple[Attachment, ...] = ()
    """Every attachment the file references, as checked (each file hashed once)."""

    @property
    def audited(self) -> bool:
        return self.error is None and not self.problems

    @property
    def judged(self) -> tuple[tuple[str, str], ...]:
        """(path, SHA-256) of the site file and of each attachment read: what the outputs
        name as their input (the paths as ``emcheck verify`` finds them again)."""
        found = [(self.file, self.sha256)] + [
            (a.file.shown, a.file.sha256) for a in self.attachments
        ]
        return tuple((path, digest) for path, digest in found if digest)


@dataclass(frozen=True)
class AuditResult:
    """One run of ``emcheck audit`` over one or more files."""

    as_of: date
    pack: RulePack
    files: tuple[FileAudit, ...]
    notices: tuple[Notice, ...] = ()
    """Waiver and baseline remarks, in file order."""

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for f in self.files for o in f.outcomes)
