"""``--format json``: the round record a later ``--previous`` reads (docs/progress.md)."""

from __future__ import annotations

from emcheck.history import round_json
from emcheck.history.progress import Progress
from emcheck.report.progress import ProgressOptions


def render(progress: Progress, options: ProgressOptions) -> bytes:
    return round_json.render(progress.round).encode("utf-8")
