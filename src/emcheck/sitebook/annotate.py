"""``emcheck audit 柳溪村.xlsx --annotate -o 柳溪村-自查.xlsx``: the clerk's own workbook back,
with a 自查结果 sheet first listing what to fix, each finding linked to its cell, and the cells
with findings filled pink: what a clerk fixes next, in the file they already know.

The workbook is opened through ``loading.workbook`` (its limits and refusals) and changed
only by the added sheet and the fills; openpyxl keeps the clerk's values, styles, widths,
merged cells, drop-downs and comments, but not pictures or charts, which a site file never
needs. A finding without a cell (a missing sheet) is listed as the whole workbook's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from emcheck.audit.outcomes import FAIL, FileAudit
from emcheck.audit.vocabulary import SEVERITY, STATUS, due_text
from emcheck.errors import Location
from emcheck.i18n import Lang, Text
from emcheck.loading.workbook import open_workbook
from emcheck.report.progress.cells import Column, Table
from emcheck.report.progress.sheet_look import HEADER_ROW, dress
from emcheck.report.xlsx_cells import fill, saved

SHEET = Text("自查结果", "Self-check")
FOUND_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
"""The fill of a cell with a finding (Excel's "light red"), over the clerk's own."""
LINK_FONT = Font(color="0563C1", underline="single")
WHOLE = Text("整个工作簿", "whole workbook")
INVALID = Text("填写有误", "invalid entry")
SCHEMA = Text("格式", "format")
COLUMNS = (
    (Text("单位", "Unit"), "unit"),
    (Text("规则", "Rule"), "rule"),
    (Text("条款", "Clause"), "clause"),
    (Text("结论", "Verdict"), "verdict"),
    (Text("问题", "Finding"), "description"),
    (Text("应为", "Expected"), "expected"),
    (Text("实际", "Found"), "found"),
    (Text("整改期限", "Deadline"), "deadline"),
    (Text("位置（点击跳转）", "Where (click to go)"), "where"),
)


@dataclass(frozen=True)
class Finding:
    """One row of the 自查结果 sheet."""

    cells: tuple[str, ...]
    """Every column but the last, in COLUMNS order."""
    location: Location


def findings_of(audit: FileAudit, lang: Lang) -> list[Finding]:
    """Schema problems (no rule ran), or each failing or unchecked rule, in report order."""
    found = [
        Finding(
            ("", SCHEMA.get(lang), "", INVALID.get(lang), p.message.get(lang), *[""] * 3),
            p.location,
        )
        for p in audit.problems
    ]
    for outcome in audit.outcomes:
        if not outcome.is_problem:
            continue
        label = (
            SEVERITY[outcome.severity or "error"]
            if outcome.status == FAIL
            else STATUS[outcome.status]
        )
        texts = (outcome.message, outcome.expected, outcome.actual)
        message, expected, actual = (t.get(lang) if t else "" for t in texts)
        cells = (
            outcome.subject.name,
            outcome.rule.id,
            outcome.rule.clause,
            label.get(lang),
            message,
            expected,
            actual,
            due_text(outcome, lang),
        )
        found.append(Finding(cells, outcome.location))
    return found


def annotated_copy(source: Path, findings: list[Finding], lang: Lang) -> bytes:
    """The workbook at ``source`` with the 自查结果 sheet and its cells with findings filled."""
    book = open_workbook(source).formulas
    title = SHEET.get(lang)
    if title in book.sheetnames:  # annotating a copy again: the old list goes
        del book[title]
    sheet = book.create_sheet(title, 0)
    rows = tuple((*f.cells, where_text(f.location, lang)) for f in findings)
    columns = tuple(Column(header.get(lang), "text", key) for header, key in COLUMNS)
    note = Text(
        f"共 {len(findings)} 项；点击“位置”跳到该单元格，有问题的单元格已标成红色。"
        "改好后再运行 emcheck audit 原工作簿.xlsx",
        f"{len(findings)} in all; click Where to go to the cell; cells with findings are red. "
        "Fix them, then run emcheck audit on the original workbook again",
    )
    table = Table("self-check", f"{title} · {source.name}", columns, rows, note.get(lang))
    fill(sheet, table)
    dress(sheet, table)
    for row, finding in enumerate(findings, HEADER_ROW + 1):
        cell = sheet.cell(row, len(COLUMNS))
        place = _target(finding.location, title)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=place)
        cell.font = LINK_FONT
    for name, coordinate in _marked(book, findings):
        book[name][coordinate].fill = FOUND_FILL
    for other in book.worksheets:
        other.sheet_view.tabSelected = other is sheet
    book.active = 0
    return saved(book)


def where_text(location: Location, lang: Lang) -> str:
    if location.sheet is None:
        return WHOLE.get(lang)
    return f"{location.sheet} {location.cell or ''}".rstrip()


def _target(location: Location, title: str) -> str:
    """The link's place inside the workbook: ``'救援队'!C7``, the sheet's first cell, or for
    the whole workbook this sheet's."""
    if location.sheet is None:
        return f"{quote_sheetname(title)}!A1"
    return f"{quote_sheetname(location.sheet)}!{location.cell or 'A1'}"


def _marked(book: Workbook, findings: list[Finding]) -> Iterator[tuple[str, str]]:
    """Each cell a finding points at, once."""
    seen: set[tuple[str, str]] = set()
    for finding in findings:
        where = finding.location
        if where.sheet in book.sheetnames and where.cell:
            seen.add((where.sheet, where.cell))
    yield from sorted(seen)
