"""``--format json``: the round record a later ``--previous`` reads (docs/progress.md)."""

from __future__ import annotations

from typing import BinaryIO

from emcheck.history import round_json
from emcheck.history.progress import Progress
from emcheck.report.progress import ProgressOptions
from emcheck.writing import text_stream


def render(progress: Progress, options: ProgressOptions, out: BinaryIO) -> None:
    with text_stream(out) as text:
        round_json.write(progress.round, text)
