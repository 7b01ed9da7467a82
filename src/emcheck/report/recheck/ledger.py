"""``--kind ledger``: the rectification ledger (整改台账) the inspected unit fills in and returns.

One row per recheck item. The unit's columns (责任单位/责任人, 整改进度 from a drop-down,
整改情况, 完成时间) are highlighted and the only unlocked ones; the sheet is protected
without a password, so a clerk cannot change a key by mistake but can if they must. What
the unit wrote in the ledger read with ``--ledger`` is carried in, and its rows that match
no finding any more are kept on a second sheet: nothing the unit wrote is lost. 复查结论
and 状态 are emcheck's. The same recheck always gives the same bytes.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.history.answers import Answer
from emcheck.history.ledger_columns import COLUMNS, MARK, PROGRESS_WORDS, SHEET, STRAY_SHEET
from emcheck.history.recheck import FIXED, NEW, NOT_RECHECKED, OPEN, REGRESSED, Item, Recheck
from emcheck.i18n import Lang, chooser
from emcheck.report.progress.cells import Cell, Column, Table
from emcheck.report.progress.sheet_look import HEADER_ROW, dress
from emcheck.report.recheck import RecheckContext
from emcheck.report.recheck.rows import ItemRow, item_row
from emcheck.report.tied import input_properties
from emcheck.report.xlsx_cells import NUMBER_FORMATS, describe, fill, saved

UNIT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
STATUS_FILLS = {
    FIXED: PatternFill("solid", start_color="E2EFDA", end_color="E2EFDA"),
    OPEN: PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE"),
    REGRESSED: PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE"),
    NEW: PatternFill("solid", start_color="FCE4D6", end_color="FCE4D6"),
}
KEY_FONT = Font(name=DEFAULT_FONT.name, size=8, color="808080")
KEY_WIDTH = 12
"""The key is for emcheck: narrow and grey on one line, but visible, so a clerk sees it."""
ROOM = {"responsible": 18, "progress": 10, "situation": 36, "completed": 12}
"""Widths of the unit's columns, empty when emcheck writes them: room to write in."""


def render(recheck: Recheck, context: RecheckContext) -> bytes:
    lang = context.lang
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = SHEET.get(lang)
    table = _table(recheck, context)
    fill(sheet, table)
    dress(sheet, table)
    _for_the_unit(sheet, recheck, lang)
    if recheck.strays:
        strays = _strays_table(recheck, lang)
        stray_sheet = book.create_sheet(STRAY_SHEET.get(lang))
        fill(stray_sheet, strays)
        dress(stray_sheet, strays)
    pack = context.pack
    tied = input_properties(pack.id, pack.version, pack.sha256, recheck.judged)
    describe(book, title_of(recheck, lang), context.meta.issuer, lang, MARK, recheck.as_of, tied)
    return saved(book)


def _table(recheck: Recheck, context: RecheckContext) -> Table:
    lang = context.lang
    t = chooser(lang)
    columns = tuple(Column(c.header.get(lang), c.kind, c.key) for c in COLUMNS)
    rows = []
    for number, item in enumerate(recheck.items, 1):
        row = item_row(item, context.pack, lang)
        cells = _cells(number, item, row, lang)
        if cells["responsible"] is None:
            # 责任人 the inspector named in --meta, until the unit writes its own.
            cells["responsible"] = context.meta.responsible.get(item.unit_id)
        rows.append(tuple(cells[c.key] for c in COLUMNS))
    note = t(
        "黄色列由被检查单位填写（整改进度请从下拉列表选择），填好后交回；请勿改动“编号”列，"
        "复查时按编号对应问题。复查结论、状态由 emcheck 填写。",
        "The unit fills in the yellow columns (progress from the drop-down) and returns the "
        "file; leave the Key column as it is: the recheck matches rows by it. The conclusion "
        "and status are emcheck's.",
    )
    return Table("recheck-ledger", title_of(recheck, lang), columns, tuple(rows), note)


def title_of(recheck: Recheck, lang: Lang) -> str:
    return chooser(lang)(
        f"整改台账（复查日期 {recheck.as_of}）", f"Rectification ledger, rechecked {recheck.as_of}"
    )


def _cells(number: int, item: Item, row: ItemRow, lang: Lang) -> dict[str, Cell]:
    return {
        "number": number,
        "unit": row.unit,
        "description": row.description,
        "clause": f"{row.clause} {row.title}".strip(),
        "measure": row.advice,
        "deadline": row.deadline,
        "conclusion": conclusion_of(item, row, lang),
        "status": row.status,
        "key": row.key,
        **_answer_cells(item.answer, lang),
    }


def _answer_cells(answer: Answer | None, lang: Lang) -> dict[str, Cell]:
    if answer is None:
        return {"responsible": None, "progress": None, "situation": None, "completed": None}
    word = PROGRESS_WORDS.get(answer.progress)
    return {
        "responsible": answer.responsible,
        "progress": word.get(lang) if word else answer.progress,
        "situation": answer.situation,
        "completed": answer.completed_on,
    }


def conclusion_of(item: Item, row: ItemRow, lang: Lang) -> str:
    """复查结论: what the recheck says of the item, in one sentence."""
    t = chooser(lang)
    due = str(item.deadline or "")
    if item.status == FIXED:
        return t("已整改，予以销号", "Fixed: closed")
    if item.status == OPEN and item.days_overdue:
        days = item.days_overdue
        return t(f"未整改，已逾期 {days} 天", f"Not fixed, {days} days overdue")
    if item.status == OPEN:
        return t(f"未整改，整改期限 {due} 未到", f"Not fixed; the deadline {due} has not passed")
    if item.status == NEW:
        return t(f"新发现，请于 {due} 前整改", f"New: to be fixed by {due}")
    if item.status == REGRESSED:
        return t(f"整改后再次出现，请于 {due} 前整改", f"Failing again: to be fixed by {due}")
    if item.status == NOT_RECHECKED:
        return t("本次未复查该单位", "Unit not rechecked this time")
    return t(f"已豁免：{row.note}", f"Waived: {row.note}")


def _for_the_unit(sheet: Worksheet, recheck: Recheck, lang: Lang) -> None:
    """Highlight and unlock the unit's columns, offer the drop-down, protect the rest."""
    first, last = HEADER_ROW + 1, HEADER_ROW + len(recheck.items)
    keys = [c.key for c in COLUMNS]
    for col, column in enumerate(COLUMNS, 1):
        for row in range(first, last + 1):
            cell = sheet.cell(row, col)
            if column.unit_fills:
                cell.fill = UNIT_FILL
                cell.protection = Protection(locked=False)
            if column.kind == "date":
                cell.number_format = NUMBER_FORMATS["date"]
        if column.unit_fills:
            sheet.cell(HEADER_ROW, col).fill = UNIT_FILL
    for row, item in enumerate(recheck.items, first):
        status = sheet.cell(row, keys.index("status") + 1)
        status.fill = STATUS_FILLS.get(item.status, PatternFill())
        key = sheet.cell(row, keys.index("key") + 1)
        key.font, key.alignment = KEY_FONT, Alignment(vertical="top")
    sheet.column_dimensions[get_column_letter(len(keys))].width = KEY_WIDTH
    for name, width in ROOM.items():
        letter = get_column_letter(keys.index(name) + 1)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width, width)
    if recheck.items:
        sheet.add_data_validation(_progress_choices(lang, keys.index("progress") + 1, first, last))
    protection = sheet.protection
    protection.sheet = True
    # Allowed under protection: filtering, sorting, and widening or hiding rows and columns.
    protection.autoFilter = protection.sort = False
    protection.formatColumns = protection.formatRows = False


def _progress_choices(lang: Lang, col: int, first: int, last: int) -> DataValidation:
    t = chooser(lang)
    words = ",".join(w.get(lang) for w in PROGRESS_WORDS.values())
    choices = DataValidation(
        type="list",
        formula1=f'"{words}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("整改进度", "Progress"),
        error=t(f"请从下拉列表选择：{words}", f"Choose one of: {words}"),
    )
    letter = get_column_letter(col)
    choices.add(f"{letter}{first}:{letter}{last}")
    return choices


def _strays_table(recheck: Recheck, lang: Lang) -> Table:
    t = chooser(lang)
    names = ("sheet", "row", "key", "description", "responsible", "progress", "situation")
    headers = {c.key: c.header.get(lang) for c in COLUMNS}
    headers.update(sheet=t("原工作表", "Sheet"), row=t("原行号", "Row"))
    columns = (
        *(Column(headers[k], "int" if k == "row" else "text", k) for k in names),
        Column(headers["completed"], "date", "completed"),
    )
    rows = tuple(
        (s.sheet, s.row, s.key, s.description, *_stray_answer(s.answer, lang))
        for s in recheck.strays
    )
    note = t(
        "上次台账中这些行的编号已对应不上本次复查的任何问题；单位填写的内容保留于此，供核对。",
        "These rows of the returned ledger match no finding of this recheck; what the unit "
        "wrote is kept here to be checked.",
    )
    return Table("recheck-strays", STRAY_SHEET.get(lang), columns, rows, note)


def _stray_answer(answer: Answer, lang: Lang) -> tuple[Cell, ...]:
    cells = _answer_cells(answer, lang)
    return tuple(cells[k] for k in ("responsible", "progress", "situation", "completed"))
