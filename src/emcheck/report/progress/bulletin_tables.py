"""A progress table as the bulletin lays it out: caption, grid, note; landscape when too wide.

Column widths follow what the cells hold (a Chinese character is two cells wide), so a
name column is not squeezed while a count column takes a third of the page.
"""

from __future__ import annotations

from rich.cells import cell_len

from emcheck.report.blocks import Block, Orientation, Paragraph, Table
from emcheck.report.docx_format import SIZE_TABLE, TEXT_WIDTH
from emcheck.report.docx_table import CELL_MARGIN
from emcheck.report.progress import cells

LONGEST_LINE = 28
"""A text column wider than this many cells wraps instead of widening."""
NARROWEST = 6
"""Room for a count or a rate such as 100%."""
_CELL = SIZE_TABLE / 2
"""One narrow character of a 五号 table cell."""


def table_blocks(table: cells.Table, caption: str, note: str = "") -> list[Block]:
    """Caption above, the grid, a note below; turned landscape when portrait cannot hold it."""
    made: list[Block] = [Paragraph(caption, "caption"), grid(table)]
    if note:
        made.append(Paragraph(note, "note"))
    if too_wide(table):
        return [Orientation(landscape=True), *made, Orientation(landscape=False)]
    return made


def grid(table: cells.Table) -> Table:
    """The cells as written in every text format; numbers centred."""
    columns = table.columns
    return Table(
        "progress",
        tuple(c.header for c in columns),
        tuple(
            tuple(cells.shown(v, c.kind) for v, c in zip(row, columns, strict=True))
            for row in table.rows
        ),
        _widths(table),
        tuple(i for i, c in enumerate(columns) if c.kind != "text"),
    )


def too_wide(table: cells.Table) -> bool:
    """Whether the columns at their natural widths, padding included, overflow portrait."""
    widths = _widths(table)
    return sum(widths) * _CELL + len(widths) * 2 * CELL_MARGIN > TEXT_WIDTH


def _widths(table: cells.Table) -> tuple[float, ...]:
    return tuple(_natural(table, i) for i in range(len(table.columns)))


def _natural(table: cells.Table, index: int) -> float:
    """Cells the column needs: its longest value (a long text wraps), a header on two lines."""
    column = table.columns[index]
    longest = max((cell_len(cells.shown(row[index], column.kind)) for row in table.rows), default=0)
    header = -(-cell_len(column.header) // 2)
    if column.kind == "text":
        return float(max(min(longest, LONGEST_LINE), header, NARROWEST))
    return float(max(longest, header, NARROWEST))
