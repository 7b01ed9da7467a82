"""Output formats: each a module with ``render(result, options) -> str | bytes``.

Modules are imported only when their format is asked for, so a console audit never pays
for python-docx.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from emcheck.model import AuditResult
from emcheck.reporters.options import ReportOptions

REPORTER_BY_NAME = {
    "console": "emcheck.reporters.console",
    "json": "emcheck.reporters.json_format",
    "sarif": "emcheck.reporters.sarif",
    "junit": "emcheck.reporters.junit",
    "github": "emcheck.reporters.github",
    "markdown": "emcheck.reporters.markdown",
}


class Reporter(Protocol):
    def __call__(self, result: AuditResult, options: ReportOptions) -> str | bytes: ...


def reporter(name: str) -> Reporter:
    module = importlib.import_module(REPORTER_BY_NAME[name])
    render: Reporter = module.render
    return render
