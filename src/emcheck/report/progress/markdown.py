"""``--format markdown``: the same tables, for a wiki page or a message."""

from __future__ import annotations

from typing import BinaryIO, TextIO

from emcheck.history.progress import Progress
from emcheck.i18n import chooser
from emcheck.report.markdown import escape
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.cells import Table, shown
from emcheck.report.progress.tables import tables
from emcheck.writing import text_stream


def render(progress: Progress, options: ProgressOptions, out: BinaryIO) -> None:
    t = chooser(options.lang)
    as_of = progress.round.as_of
    with text_stream(out) as text:
        text.write(f"# {t(f'试点工作进度（截至 {as_of}）', f'Pilot progress as of {as_of}')}\n")
        for table in tables(progress, options.lang):
            if table.rows:
                text.write("\n")
                _table(table, text)


def _table(table: Table, out: TextIO) -> None:
    def row(cells: list[str], strong: bool = False) -> str:
        shown = [escape(c).replace("\n", "<br>") for c in cells]
        return "| " + " | ".join(f"**{c}**" if strong and c else c for c in shown) + " |\n"

    out.write(f"## {escape(table.title)}\n\n")
    if table.note:
        out.write(f"{escape(table.note)}\n\n")
    align = ["---:" if c.kind != "text" else "---" for c in table.columns]
    out.write(row([c.header for c in table.columns]) + "|" + "|".join(align) + "|\n")
    for values, strong in zip(
        table.rows, table.emphasis or (False,) * len(table.rows), strict=True
    ):
        cells = [shown(v, c.kind) for v, c in zip(values, table.columns, strict=True)]
        out.write(row(cells, strong))
