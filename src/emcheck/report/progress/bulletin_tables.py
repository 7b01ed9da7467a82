"""A progress table as the bulletin lays it out: caption, grid, note; landscape when too wide.

Column widths follow what the cells hold (a Chinese character is two cells wide), so a
name column is not squeezed while a count column takes a third of the page.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len

from emcheck.report.blocks import Block, Orientation, Paragraph, Table
from emcheck.report.docx_format import LANDSCAPE_TEXT_WIDTH, SIZE_TABLE, TEXT_WIDTH
from emcheck.report.docx_table import CELL_MARGIN
from emcheck.report.progress import cells

LONGEST_LINE = 28
"""A text column wider than this many cells wraps instead of widening."""
NARROWEST = 5
"""Room for a count or a rate such as 65.6%."""
_CELL = SIZE_TABLE / 2
"""One narrow character of a 五号 table cell."""
_PADDING = 2 * CELL_MARGIN / _CELL
"""A cell's left and right padding, in narrow characters."""


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
        ShownRows(table),
        _widths(table),
        tuple(i for i, c in enumerate(columns) if c.kind != "text"),
    )


class ShownRows:
    """A table's rows as text, made as the writer reaches each (a row per unit of a zone)."""

    def __init__(self, table: cells.Table) -> None:
        self.table = table

    def __len__(self) -> int:
        return len(self.table.rows)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        columns = self.table.columns
        for row in self.table.rows:
            yield tuple(cells.shown(v, c.kind) for v, c in zip(row, columns, strict=True))


def too_wide(table: cells.Table) -> bool:
    """Whether portrait overflows even with every text column wrapped onto two lines."""
    least = (
        max(w / 2, NARROWEST + _PADDING) if c.kind == "text" else w
        for w, c in zip(_natural_widths(table), table.columns, strict=True)
    )
    return sum(least) * _CELL > TEXT_WIDTH


def _widths(table: cells.Table) -> tuple[float, ...]:
    """Natural widths; when the page is narrower, only the text columns give (they wrap)."""
    natural = _natural_widths(table)
    room = (LANDSCAPE_TEXT_WIDTH if too_wide(table) else TEXT_WIDTH) / _CELL
    is_text = [c.kind == "text" for c in table.columns]
    text = sum(w for w, t in zip(natural, is_text, strict=True) if t)
    if sum(natural) <= room or not text:
        return natural
    scale = max((room - (sum(natural) - text)) / text, 0.5)
    return tuple(w * scale if t else w for w, t in zip(natural, is_text, strict=True))


def _natural_widths(table: cells.Table) -> tuple[float, ...]:
    """In narrow characters, padding included."""
    return tuple(_natural(table, i) + _PADDING for i in range(len(table.columns)))


def _natural(table: cells.Table, index: int) -> float:
    """Cells the column needs: its longest value (a long text wraps), its header."""
    column = table.columns[index]
    longest = max((cell_len(cells.shown(row[index], column.kind)) for row in table.rows), default=0)
    # A header may take two lines (three over a column of counts); English words do not break.
    lines = 2 if column.kind == "text" else 3
    header = max(-(-cell_len(column.header) // lines), *map(cell_len, column.header.split(" ")))
    if column.kind == "text":
        return float(max(min(longest, LONGEST_LINE), header, NARROWEST))
    return float(max(longest, header, NARROWEST))
