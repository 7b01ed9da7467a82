"""``--format xlsx``: the progress tables as a workbook, one sheet a table.

Cells keep their kind, so a clerk can sort, filter and sum: counts are numbers, rates are
fractions shown as 0.0%, deadlines are date cells, written row by row (:mod:`sheet_stream`).
The same round always gives the same bytes.
"""

from __future__ import annotations

import warnings
from datetime import datetime, time
from typing import BinaryIO

from xlsxwriter.workbook import Workbook

from emcheck.history.progress import Progress
from emcheck.i18n import Lang, Text, chooser
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.sheet_stream import Looks, highlight, write_sheet
from emcheck.report.progress.tables import tables
from emcheck.report.tied import input_properties
from emcheck.report.xlsx_cells import custom_properties

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
    # Strings stay strings (never numbers, formulas or links); each sheet's rows go to a
    # temporary file as they are written, and the package to ``out`` when the book closes.
    book = Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    looks = Looks(book)
    nodes = frozenset(n.name for n in progress.round.nodes)
    for table in tables(progress, options.lang):
        sheet = book.add_worksheet(SHEET_NAMES[table.key].get(options.lang))
        write_sheet(sheet, looks, table)
        highlight(sheet, looks, table, nodes, options.lang)
    _describe(book, progress, options.lang)
    book.close()


def _describe(book: Workbook, progress: Progress, lang: Lang) -> None:
    """Title and subject, and custom properties naming the format, the date and what was
    judged (:mod:`emcheck.report.tied`)."""
    t = chooser(lang)
    round_ = progress.round
    as_of = round_.as_of
    book.set_properties(
        {
            "title": t(f"试点工作进度（截至 {as_of}）", f"Pilot progress as of {as_of}"),
            "subject": progress.title.get(lang),
            "author": "emcheck",
            # The round's date, not the clock: the same round makes the same file.
            "created": datetime.combine(as_of, time()),
        }
    )
    tied = input_properties(round_.pack_id, round_.pack_version, round_.pack_sha256, round_.judged)
    with warnings.catch_warnings():
        # XlsxWriter warns past 255 characters (Excel's limit for showing a property); the
        # list of files judged is longer, and read by `sha256sum -c`, not in Excel's dialog.
        warnings.simplefilter("ignore")
        for name, value in custom_properties(MARK, as_of, tied):
            book.set_custom_property(name, value, "text")
