"""``emcheck progress`` output formats, by the name the user types.

Each is a module whose ``render(progress, options, out)`` writes the file's bytes to ``out``
as they are made (the :data:`Render` interface), so that a zone's ledger never has to be
held whole; to add one: its module and one line in ``FORMAT_BY_NAME``, and its extension in
``FORMAT_BY_SUFFIX``. Modules load only when asked for, so a console run never pays for
matplotlib or the workbook writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from emcheck.history.progress import Progress
from emcheck.i18n import Lang


@dataclass(frozen=True)
class ProgressOptions:
    lang: Lang
    width: int = 100
    """Terminal columns, for the console format."""


Render = Callable[[Progress, ProgressOptions, BinaryIO], None]
"""Writes one format to ``out``: a temporary file the command renames into place once every
format of the run is made (or a buffer, for the screen)."""

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
