"""``--format markdown``: the same tables, for a wiki page or a message."""

from __future__ import annotations

from emcheck.history.progress import Progress
from emcheck.i18n import chooser
from emcheck.report.markdown import escape
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.cells import Table, shown
from emcheck.report.progress.tables import tables


def render(progress: Progress, options: ProgressOptions) -> bytes:
    t = chooser(options.lang)
    as_of = progress.round.as_of
    parts = [f"# {t(f'试点工作进度（截至 {as_of}）', f'Pilot progress as of {as_of}')}"]
    parts += [_table(table) for table in tables(progress, options.lang) if table.rows]
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def _table(table: Table) -> str:
    def row(cells: list[str], strong: bool = False) -> str:
        shown = [escape(c).replace("\n", "<br>") for c in cells]
        return "| " + " | ".join(f"**{c}**" if strong and c else c for c in shown) + " |"

    lines = [f"## {escape(table.title)}", ""]
    if table.note:
        lines += [escape(table.note), ""]
    align = ["---:" if c.kind != "text" else "---" for c in table.columns]
    lines += [row([c.header for c in table.columns]), "|" + "|".join(align) + "|"]
    for values, strong in zip(
        table.rows, table.emphasis or (False,) * len(table.rows), strict=True
    ):
        cells = [shown(v, c.kind) for v, c in zip(values, table.columns, strict=True)]
        lines.append(row(cells, strong))
    return "\n".join(lines)
