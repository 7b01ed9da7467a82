"""``--format console``: every table but the ledger, aligned for a terminal with Chinese in it."""

from __future__ import annotations

from typing import BinaryIO

from rich.cells import cell_len

from emcheck.history.progress import Progress
from emcheck.i18n import chooser
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.cells import Table, shown
from emcheck.report.progress.tables import tables
from emcheck.reporters.text_layout import columns, wrap

TEXT_WIDTH = 40
"""A text cell longer than this is wrapped onto more lines of its column."""


def render(progress: Progress, options: ProgressOptions, out: BinaryIO) -> None:
    t = chooser(options.lang)
    parts = [
        t(
            f"试点工作进度 · 截至 {progress.round.as_of}",
            f"Pilot progress as of {progress.round.as_of}",
        )
    ]
    for table in tables(progress, options.lang):
        if table.key == "ledger":
            # One line per open finding would bury the tables: the ledger is for xlsx and HTML.
            parts.append(
                t(
                    f"问题台账：{len(table.rows)} 项未整改问题，见 --format xlsx 或 html。",
                    f"Open findings: {len(table.rows)}; see --format xlsx or html.",
                )
            )
        elif table.rows:
            parts.append(_table(table, options.width))
    out.write(("\n\n".join(parts) + "\n").encode("utf-8"))


def _table(table: Table, width: int) -> str:
    lines = [table.title, "=" * min(width, cell_len(table.title))]
    if table.note:
        lines += wrap(table.note, width)
    right = [c.kind != "text" for c in table.columns]
    header = [c.header for c in table.columns]
    body: list[list[str]] = []
    for row in table.rows:
        cells = [shown(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
        body += _spread(cells)
    lines += columns([header, *body], right, gap=2)
    return "\n".join(lines)


def _spread(cells: list[str]) -> list[list[str]]:
    """A row whose long text cells wrap becomes several lines, other cells blank below."""
    wrapped = [wrap(c, TEXT_WIDTH) if len(c) > TEXT_WIDTH // 2 else [c] for c in cells]
    height = max(len(w) for w in wrapped)
    return [[w[i] if i < len(w) else "" for w in wrapped] for i in range(height)]
