"""Reporters as writers: a beginning, one piece per audited file, an end.

An audit of 10,000 files never holds more than one file's outcomes: each file is written
out and dropped. A writer keeps only running totals. Every audit format is a subclass of
:class:`Writer`, registered by name in ``emcheck.reporters.REPORTER_BY_NAME``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import date

from emcheck.audit.outcomes import FileAudit, Notice
from emcheck.audit.vocabulary import Tally
from emcheck.reporters.options import ReportOptions
from emcheck.rulepack.model import RulePack


class Writer(ABC):
    """The interface of every audit format: ``begin``, ``file`` for each audited file, ``end``;
    this base keeps the totals over the files seen so far."""

    def __init__(self, as_of: date, pack: RulePack, options: ReportOptions) -> None:
        self.as_of = as_of
        self.pack = pack
        self.options = options
        self.tally = Tally.of(())
        self.files = 0
        self.units = 0
        self.broken = 0
        self.unaudited: list[str] = []
        """Files that could not be audited, named again at the end of a long run."""

    def begin(self) -> str:
        return ""

    def file(self, audit: FileAudit) -> str:
        self.files += 1
        self.units += len(audit.subjects)
        if not audit.audited:
            self.broken += 1
            self.unaudited.append(audit.file)
        self.tally = self.tally + Tally.of(audit.outcomes)
        return self.write_file(audit)

    @abstractmethod
    def write_file(self, audit: FileAudit) -> str:
        """The text for one audited file (empty for formats written whole at the end)."""

    def end(self, notices: Sequence[Notice]) -> str:
        return ""
