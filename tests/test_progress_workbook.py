"""``emcheck progress --format xlsx``: the tables as sheets, read back the way a clerk's
spreadsheet reads them (openpyxl, LibreOffice), checked against the round's JSON figures."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from typer.testing import CliRunner

from conftest import EXAMPLE_FILES, ROOT, VILLAGE
from golden import assert_golden
from ledger_support import assert_tied_to_input
from ooxml_support import HAVE_SML, assert_sml_parts_validate, libreoffice_text

AS_OF, EARLIER = "2026-04-10", "2026-03-10"
SHEETS_ZH = ["总体情况", "汇总", "节点", "区排名", "村排名", "共性问题", "问题台账", "未能审核"]
WITH_TREND_ZH = [*SHEETS_ZH[:6], "走势", "较上轮", *SHEETS_ZH[6:]]
SHEETS_EN = [
    "Overview",
    "Units",
    "Deadline nodes",
    "District ranking",
    "Village ranking",
    "Common weaknesses",
    "Open findings",
    "Not audited",
]
HEADER = 3
"""The header row: the table's title and note are above it."""
SITES = tuple(str(p.relative_to(ROOT)) for p in EXAMPLE_FILES)
"""The single-site examples (``examples/zone/`` is a zone of its own)."""
HOSTILE = '=HYPERLINK("http://example.invalid","柳溪村")'


def progress(*args: str | Path) -> None:
    from emcheck.cli import app

    result = CliRunner().invoke(app, ["progress", *map(str, args)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One run's files, made from the repository root so paths in them are relative."""
    out = tmp_path_factory.mktemp("progress")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        progress(*SITES, "--as-of", EARLIER, "-o", out / "march.json")
        progress(
            *SITES,
            "--as-of",
            AS_OF,
            "-o",
            out / "round.json",
            "-o",
            f"xlsx={out / 'round.xlsx'}",
        )
        progress(
            *SITES, "--as-of", AS_OF, "--previous", out / "march.json", "-o", out / "trend.xlsx"
        )
        progress(*SITES, "--as-of", AS_OF, "--lang", "en", "-o", out / "en.xlsx")
        yield out


def book(path: Path) -> Workbook:
    return openpyxl.load_workbook(path)


def values(path: Path) -> dict[str, list[list[Any]]]:
    def plain(value: Any) -> Any:
        return value.date().isoformat() if isinstance(value, datetime) else value

    loaded = book(path)
    return {
        sheet.title: [[plain(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in loaded.worksheets
    }


def rows(sheet: Any) -> list[dict[str, Any]]:
    header = [c.value for c in sheet[HEADER]]
    body = sheet.iter_rows(min_row=HEADER + 1, values_only=True)
    return [dict(zip(header, row, strict=True)) for row in body]


def test_sheets_and_headers(made: Path) -> None:
    assert book(made / "round.xlsx").sheetnames == SHEETS_ZH
    trend = book(made / "trend.xlsx")
    assert trend.sheetnames == WITH_TREND_ZH
    assert [c.value for c in trend["较上轮"][HEADER]][:3] == ["单位", "合格率", "较上轮（百分点）"]
    assert [c.value for c in trend["问题台账"][HEADER]] == [
        *("单位", "条款", "规则", "问题", "问题描述", "应达到", "实际情况"),
        *("完成时限", "逾期天数", "位置"),
    ]
    for name in WITH_TREND_ZH + SHEETS_EN:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


def test_english_sheets_and_headers(made: Path) -> None:
    english = book(made / "en.xlsx")
    assert english.sheetnames == SHEETS_EN
    assert [c.value for c in english["Units"][HEADER]][:4] == ["zone", "district", "unit", "level"]
    assert english["Open findings"]["A1"].value == "Open findings"
    nodes = english["Deadline nodes"].conditional_formatting
    formulas = [r.formula[0] for f in nodes for r in f.rules]
    assert 'ISNUMBER(SEARCH("overdue",B4))' in formulas


def test_cells_match_golden(made: Path) -> None:
    sheets = values(made / "trend.xlsx")
    lines = [
        f"{json.dumps(name, ensure_ascii=False)}: "
        + "\n".join(json.dumps(row, ensure_ascii=False) for row in sheet)
        for name, sheet in sheets.items()
    ]
    assert_golden("progress-examples.xlsx.txt", "\n\n".join(lines) + "\n")


def test_unit_rows_are_the_round_figures(made: Path) -> None:
    record = json.loads((made / "round.json").read_text(encoding="utf-8"))
    shown = {row["单位"]: row for row in rows(book(made / "round.xlsx")["汇总"])}
    assert len(shown) == len(record["units"]) == 10
    for unit in record["units"]:
        row = shown[unit["name"]]
        assert row["符合"] == unit["pass"]
        # The JSON's fail counts warnings too; the table shows them in their own column.
        assert row["不符合"] + row["需关注"] == unit["fail"]
        assert row["需关注"] == unit["warnings"]
        assert (row["无法检查"], row["已豁免"]) == (unit["error"], unit["waived"])
        assert row["逾期"] == unit["overdue"]
        assert round(row["合格率"] * 100, 1) == unit["compliance_percent"]


def test_typed_cells(made: Path) -> None:
    loaded = book(made / "trend.xlsx")
    ledger = loaded["问题台账"]
    deadlines = [row[7] for row in ledger.iter_rows(min_row=HEADER + 1) if row[7].value]
    assert deadlines and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in deadlines)
    assert all(c.is_date for c in loaded["走势"]["A"][HEADER:])
    rate = loaded["汇总"].cell(HEADER + 1, 11)
    assert rate.data_type == "n" and rate.number_format == "0.0%" and 0 <= rate.value <= 1
    assert isinstance(loaded["汇总"].cell(HEADER + 1, 12).value, int)


def test_frozen_filtered_header(made: Path) -> None:
    for sheet in book(made / "trend.xlsx").worksheets:
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith(str(HEADER + 1))
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith(f"A{HEADER}:")
        assert sheet[HEADER][0].font.bold
    assert book(made / "round.xlsx")["问题台账"].freeze_panes == "B4"


def test_overdue_coloured_by_conditional_formatting(made: Path) -> None:
    loaded = book(made / "round.xlsx")

    def rules(name: str) -> dict[str, list[str]]:
        formatting = loaded[name].conditional_formatting
        return {str(f.sqref): [r.type for r in f.rules] for f in formatting}

    assert rules("汇总")["L4:L13"] == ["cellIs"]
    assert rules("问题台账")["I4:I130"] == ["cellIs"]
    assert rules("问题台账")["A4:J130"] == ["expression"]
    nodes = loaded["节点"].conditional_formatting
    formulas = [r.formula[0] for f in nodes for r in f.rules]
    assert formulas == [f'ISNUMBER(SEARCH("逾期",{c}4))' for c in "BCD"]
    ledger = loaded["问题台账"]
    assert all(cell.fill.fill_type is None for cell in ledger["I"][HEADER:])


def test_document_properties_and_same_bytes(made: Path, tmp_path: Path) -> None:
    loaded = book(made / "round.xlsx")
    assert loaded.properties.creator == "emcheck"
    assert loaded.properties.title == f"试点工作进度（截至 {AS_OF}）"
    assert loaded.properties.modified == datetime(2026, 4, 10)
    custom = {p.name: p.value for p in loaded.custom_doc_props}
    assert (custom["emcheck-format"], custom["emcheck-as-of"]) == ("emcheck-progress", AS_OF)
    assert_tied_to_input(custom, list(EXAMPLE_FILES))
    assert "examples/attachments/flowchart-liuxi-village-1.png" in custom["emcheck-files-sha256"]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        progress(*SITES, "--as-of", AS_OF, "-o", tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == (made / "round.xlsx").read_bytes()


def test_text_is_never_a_formula(tmp_path: Path) -> None:
    site = VILLAGE.read_text(encoding="utf-8").replace("name: 柳溪村", f"name: '{HOSTILE}'", 1)
    (tmp_path / "hostile.yaml").write_text(site, encoding="utf-8")
    progress(tmp_path / "hostile.yaml", "--as-of", AS_OF, "-o", tmp_path / "out.xlsx")
    loaded = book(tmp_path / "out.xlsx")
    cells = [c for s in loaded.worksheets for row in s.iter_rows() for c in row if c.value]
    named = [c for c in cells if c.value == HOSTILE]
    assert len(named) >= 4  # 汇总, 节点, 村排名 and the ledger
    assert all(c.data_type == "s" and c.quotePrefix for c in named)
    assert all(c.data_type != "f" for c in cells)
    with zipfile.ZipFile(tmp_path / "out.xlsx") as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(name) for name in sheets)


@pytest.mark.skipif(not HAVE_SML, reason="no ../shared/schemas/ooxml")
def test_parts_validate(made: Path) -> None:
    for name in ("round.xlsx", "trend.xlsx", "en.xlsx"):
        checked = assert_sml_parts_validate((made / name).read_bytes())
        assert {"xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"} <= {*checked}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts(made: Path, tmp_path: Path) -> None:
    text = libreoffice_text(made / "trend.xlsx", tmp_path)
    assert text == "" or all(word in text for word in ("问题台账", "红桥街道", "60.3%"))


def _display_cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_wrapped_rows_keep_their_heights_all_down_the_ledger(made: Path) -> None:
    """Rows are written one after another and their heights forgotten once written: every
    row whose text cannot fit its column still carries its height in the file."""
    sheet = book(made / "round.xlsx")["问题台账"]
    dimensions = sheet.column_dimensions.values()
    widths = {i: d.width for d in dimensions for i in range(d.min, d.max + 1)}
    wrapped = []
    for row in sheet.iter_rows(min_row=HEADER + 1):
        texts = [c for c in row if isinstance(c.value, str)]
        if max(_display_cells(c.value) / widths[c.column] for c in texts) > 1.5:
            wrapped.append(row[0].row)
    assert len(wrapped) > 10
    assert all((sheet.row_dimensions[r].height or 0) > 15 for r in wrapped)
