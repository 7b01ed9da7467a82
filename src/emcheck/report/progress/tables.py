"""Every table of the progress bulletin, in reading order (definitions: docs/progress.md)."""

from __future__ import annotations

from functools import lru_cache

from emcheck.history.progress import Progress
from emcheck.i18n import Lang
from emcheck.report.progress.cells import Table
from emcheck.report.progress.changes import changes, ledger, rounds, unreadable
from emcheck.report.progress.overview import nodes, summary, units
from emcheck.report.progress.standing import common_weaknesses, rankings


@lru_cache(maxsize=2)
def tables(progress: Progress, lang: Lang) -> tuple[Table, ...]:
    """The trend tables only when earlier rounds were given.

    Built once per run and language: every format of a run lays out the same tables, and
    building a zone's ledger again for each format cost seconds each time.
    """
    made = [
        summary(progress, lang),
        units(progress, lang),
        nodes(progress, lang),
        *rankings(progress, lang),
        common_weaknesses(progress, lang),
    ]
    if progress.trend is not None:
        made += [rounds(progress, lang), changes(progress, lang)]
    made += [ledger(progress, lang), unreadable(progress, lang)]
    return tuple(made)
