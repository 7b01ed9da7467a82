"""The rectification ledger's (整改台账) sheets and columns, shared by the writer
(report/recheck/ledger.py) and the reader (loading/ledger.py), in both languages.

The reader finds every column by its header, never by position: a clerk may move, add or
hide columns. The finding key (编号) is what ties a row to a finding.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from emcheck.i18n import Text

MARK = "emcheck-ledger"
"""The custom document property naming the workbook an emcheck ledger."""
SHEET = Text("整改台账", "Rectification ledger")
STRAY_SHEET = Text("对应不上的行", "Rows matching nothing")
PROGRESS_WORDS = {
    "未启动": Text("未启动", "not started"),
    "进行中": Text("进行中", "in progress"),
    "已完成": Text("已完成", "done"),
}
"""整改进度 in each language, by the word the answers keep (answers.PROGRESS_CHOICES)."""


@dataclass(frozen=True)
class LedgerColumn:
    key: str
    header: Text
    kind: Literal["text", "int", "date"] = "text"
    unit_fills: bool = False
    """A column the inspected unit fills in: unlocked and highlighted."""


COLUMNS = (
    LedgerColumn("number", Text("序号", "No."), "int"),
    LedgerColumn("unit", Text("单位", "Unit")),
    LedgerColumn("description", Text("问题描述", "Finding")),
    LedgerColumn("clause", Text("违反条款", "Clause")),
    LedgerColumn("measure", Text("整改措施", "Measure")),
    LedgerColumn("responsible", Text("责任单位/责任人", "Responsible"), unit_fills=True),
    LedgerColumn("deadline", Text("整改期限", "Deadline"), "date"),
    LedgerColumn("progress", Text("整改进度", "Progress"), unit_fills=True),
    LedgerColumn("situation", Text("整改情况", "What was done"), unit_fills=True),
    LedgerColumn("completed", Text("完成时间", "Completed on"), "date", unit_fills=True),
    LedgerColumn("conclusion", Text("复查结论", "Recheck conclusion")),
    LedgerColumn("status", Text("状态", "Status")),
    LedgerColumn("key", Text("编号", "Key")),
)
BY_KEY = {c.key: c for c in COLUMNS}
READ = ("key", "responsible", "progress", "situation", "completed")
"""Columns a returned ledger must have; 问题描述 is read when present (for stray rows)."""


def plain_header(text: str) -> str:
    """A header as compared: full-width forms, spaces, line breaks and case do not count."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


HEADER_KEYS = {plain_header(c.header.get(lang)): c.key for c in COLUMNS for lang in ("zh", "en")}
