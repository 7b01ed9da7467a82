"""Reporters as writers: a beginning, one piece per audited file, an end.

An audit of 10,000 files never holds more than one file's outcomes: each file is written
out and dropped. A writer keeps only running totals. ``render_all`` gives the same text
for a finished :class:`AuditResult`, which is what tests and the report command use.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from emcheck.audit.outcomes import AuditResult, FileAudit, Notice
from emcheck.audit.vocabulary import Tally
from emcheck.reporters.options import ReportOptions
from emcheck.rulepack.model import RulePack


class Writer:
    """Base of every streaming reporter: totals over the files seen so far."""

    def __init__(self, as_of: date, pack: RulePack, options: ReportOptions) -> None:
        self.as_of = as_of
        self.pack = pack
        self.options = options
        self.tally = Tally.of(())
        self.files = 0
        self.units = 0
        self.broken = 0

    def begin(self) -> str:
        return ""

    def file(self, audit: FileAudit) -> str:
        self.files += 1
        self.units += len(audit.subjects)
        self.broken += 0 if audit.audited else 1
        self.tally = self.tally + Tally.of(audit.outcomes)
        return self.write_file(audit)

    def write_file(self, audit: FileAudit) -> str:
        raise NotImplementedError

    def end(self, notices: Sequence[Notice]) -> str:
        return ""


def render_all(writer: Writer, result: AuditResult) -> str:
    parts = [writer.begin(), *(writer.file(audit) for audit in result.files)]
    parts.append(writer.end(result.notices))
    return "".join(parts)
