"""Audit output formats, by the name the user types: each a module whose ``Writer`` implements
:class:`emcheck.reporters.stream.Writer`, or (for a format laid out as a whole, Markdown) whose
``render(result, options)`` is collected at the end. To add a format: its module and one line
in ``REPORTER_BY_NAME``.

Modules are imported only when their format is asked for, so a console audit never pays
for python-docx.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from datetime import date

from emcheck.audit.outcomes import AuditResult, FileAudit, Notice
from emcheck.reporters.options import ReportOptions
from emcheck.reporters.stream import Writer
from emcheck.rulepack.model import RulePack

REPORTER_BY_NAME = {
    "console": "emcheck.reporters.console",
    "json": "emcheck.reporters.json_format",
    "sarif": "emcheck.reporters.sarif",
    "junit": "emcheck.reporters.junit",
    "github": "emcheck.reporters.github",
    "markdown": "emcheck.report.markdown",
}


WholeRender = Callable[[AuditResult, ReportOptions], str]
"""A format laid out as a whole rather than file by file."""


def writer(name: str, as_of: date, pack: RulePack, options: ReportOptions) -> Writer:
    """A streaming writer for the format; one that needs the whole result collects it."""
    module = importlib.import_module(REPORTER_BY_NAME[name])
    if hasattr(module, "Writer"):
        made: Writer = module.Writer(as_of, pack, options)
        return made
    return Collecting(module.render, as_of, pack, options)


class Collecting(Writer):
    """For formats laid out as a whole (Markdown): holds every file until the end."""

    def __init__(
        self, render: WholeRender, as_of: date, pack: RulePack, options: ReportOptions
    ) -> None:
        super().__init__(as_of, pack, options)
        self.render = render
        self.audits: list[FileAudit] = []

    def write_file(self, audit: FileAudit) -> str:
        self.audits.append(audit)
        return ""

    def end(self, notices: Sequence[Notice]) -> str:
        result = AuditResult(self.as_of, self.pack, tuple(self.audits), tuple(notices))
        return self.render(result, self.options)
