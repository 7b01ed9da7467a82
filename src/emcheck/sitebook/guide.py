"""The 填表说明 sheet: how to fill the workbook in, and what each sheet is for."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.i18n import Lang, Text
from emcheck.report.progress.sheet_look import HEADER_FILL
from emcheck.report.xlsx_cells import put
from emcheck.sitebook.layout import Layout
from emcheck.validation.template_text import UNIT_NAMES

TITLE = Text("填表说明", "How to fill it in")
STEPS = Text(
    "1. 每个工作表是站点文件的一部分，第 1 行是列名（鼠标停在列名上可看到说明和《试点方案》条款），"
    "从第 3 行起每行一条记录；不要改动列名，可以增加行。\n"
    "2. 先在“基本信息”中把单位标识、单位名称改成本单位的。\n"
    "3. 有下拉列表的列请从列表中选择；“是/否”列填 是 或 否；日期写成 2026-03-01 或 2026/3/1。\n"
    "4. 一格中有多项内容的列（如 值班员、分管领域）每项占一行（Alt+Enter 换行）。\n"
    "5. “备注/豁免”列可写备注；写 emcheck: ignore 规则编号 理由 可申请忽略该行的问题。\n"
    "6. “无”“暂无”“待定”“/”等占位内容和空白一样，按未填写处理；没有的材料保持空白。\n"
    "7. 填好后运行：emcheck audit 本工作簿.xlsx",
    "1. Each sheet is a part of the site file. Row 1 holds the column names (hover over one for "
    "its description and clause); records start in row 3, one a row. Keep the column names; add "
    "rows as needed.\n"
    "2. First change the unit id and name in the basic information sheet to your unit's.\n"
    "3. Pick choices from the drop-down lists; yes/no columns take 是 or 否; dates 2026-03-01.\n"
    "4. Columns holding several entries (duty officers, domains) take one a line (Alt+Enter).\n"
    "5. The remarks column takes notes; emcheck: ignore RULE reason asks to ignore the row's "
    "finding.\n"
    "6. Placeholders such as 无, 暂无, 待定 or / count as blank; leave out what you lack.\n"
    "7. Then run: emcheck audit workbook.xlsx",
)
HEADERS = (Text("工作表", "Sheet"), Text("内容及条款", "What it holds, and the clause"))


def write_guide(sheet: Worksheet, layout: Layout, names: dict[str, str], lang: Lang) -> None:
    sheet.title = TITLE.get(lang)
    unit = UNIT_NAMES[layout.levels[0]].get(lang)
    title = put(sheet, 1, 1, f"{unit} · {TITLE.get(lang)}", "text")
    if title is not None:
        title.font = Font(size=14, bold=True)
    steps = put(sheet, 2, 1, STEPS.get(lang), "text")
    if steps is not None:
        steps.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A2:B2")
    sheet.row_dimensions[2].height = 15 * (STEPS.get(lang).count("\n") + 3)
    for col, header in enumerate(HEADERS, 1):
        cell = put(sheet, 4, col, header.get(lang), "text")
        if cell is not None:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row, table in enumerate(layout.tables, 5):
        put(sheet, row, 1, names[table.key], "text")
        text = put(sheet, row, 2, table.help.get(lang), "text")
        if text is not None:
            text.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
