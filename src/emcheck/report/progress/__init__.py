"""``emcheck progress`` output formats, by the name the user types.

Each is a module whose ``render(progress, options)`` returns the file's bytes (the
:data:`Render` interface); to add one: its module and one line in ``FORMAT_BY_NAME``, and
its extension in ``FORMAT_BY_SUFFIX``. Modules load only when asked for, so a console run
never pays for matplotlib or openpyxl.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from emcheck.history.progress import Progress
from emcheck.i18n import Lang


@dataclass(frozen=True)
class ProgressOptions:
    lang: Lang
    width: int = 100
    """Terminal columns, for the console format."""


Render = Callable[[Progress, ProgressOptions], bytes]

FORMAT_BY_NAME = {
    "console": "emcheck.report.progress.console",
    "json": "emcheck.report.progress.round_file",
    "markdown": "emcheck.report.progress.markdown",
    "xlsx": "emcheck.report.progress.workbook",
    "docx": "emcheck.report.progress.bulletin",
    "html": "emcheck.report.progress.dashboard",
}
FORMAT_BY_SUFFIX = {
    ".txt": "console",
    ".json": "json",
    ".md": "markdown",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}


def renderer(name: str) -> Render:
    module = importlib.import_module(FORMAT_BY_NAME[name])
    render: Render = module.render
    return render
