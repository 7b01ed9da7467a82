"""``--format xlsx``: the progress tables as a workbook, one sheet a table.

Cells keep their kind, so a clerk can sort, filter and sum: counts are numbers, rates are
fractions shown as 0.0%, deadlines are date cells. Overdue is coloured by conditional
formatting rather than fixed fills, so the colour follows the figure when someone edits or
sorts the sheet. The same round always gives the same bytes.
"""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook

from emcheck.history.progress import Progress
from emcheck.i18n import Lang, Text, chooser
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.sheet_look import dress, highlight
from emcheck.report.progress.tables import tables
from emcheck.report.tied import input_properties
from emcheck.report.xlsx_cells import describe, fill, saved

SHEET_NAMES = {
    "summary": Text("总体情况", "Overview"),
    "units": Text("汇总", "Units"),
    "nodes": Text("节点", "Deadline nodes"),
    "ranking-districts": Text("区排名", "District ranking"),
    "ranking-villages": Text("村排名", "Village ranking"),
    "weaknesses": Text("共性问题", "Common weaknesses"),
    "rounds": Text("走势", "Rounds"),
    "trend": Text("较上轮", "Since last round"),
    "ledger": Text("问题台账", "Open findings"),
    "unreadable": Text("未能审核", "Not audited"),
}
"""Short enough for a sheet tab (Excel allows 31 characters, none of []:*?/\\)."""

MARK = "emcheck-progress"
"""The custom document property that says what made the workbook (as the round JSON's format)."""


def render(progress: Progress, options: ProgressOptions, out: BinaryIO) -> None:
    book = Workbook()
    book.remove(book.worksheets[0])
    nodes = frozenset(n.name for n in progress.round.nodes)
    for table in tables(progress, options.lang):
        sheet = book.create_sheet(SHEET_NAMES[table.key].get(options.lang))
        fill(sheet, table)
        dress(sheet, table)
        highlight(sheet, table, nodes, options.lang)
    _describe(book, progress, options.lang)
    out.write(saved(book))


def _describe(book: Workbook, progress: Progress, lang: Lang) -> None:
    t = chooser(lang)
    as_of = progress.round.as_of
    title = t(f"试点工作进度（截至 {as_of}）", f"Pilot progress as of {as_of}")
    tied = input_properties(
        progress.round.pack_id,
        progress.round.pack_version,
        progress.round.pack_sha256,
        progress.round.judged,
    )
    describe(book, title, progress.title.get(lang), lang, MARK, as_of, tied)
