"""Site workbooks: generated from the schema, read back into the same site as the YAML, every
finding at its cell, and a clerk's typing understood or named with the cell."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError
from emcheck.loading.discovery import site_files
from emcheck.loading.loader import load_file
from emcheck.report.xlsx_cells import describe, saved
from emcheck.sitebook.layout import LEVELS
from emcheck.sitebook.reading import read_site_workbook
from site_workbook_support import ROOT, edit, normal, workbook_of

INVALID_EXAMPLE = ROOT / "examples/zone/yuwan-community.yaml"
"""Invalid on purpose (户数 typed as “约470户”): no site to carry across, see the test below."""
EXAMPLES = sorted(
    p
    for folder in ("examples", "examples/zone", "examples/rounds")
    for p in ROOT.glob(f"{folder}/*.yaml")
    if p.name != "emcheck-waivers.yaml" and p != INVALID_EXAMPLE
)
Cli = Callable[..., Any]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_value_of_an_example_comes_back(example: Path, tmp_path: Path) -> None:
    book = workbook_of(example, tmp_path / f"{example.stem}.xlsx")
    assert normal(read_site_workbook(book).data) == normal(load_file(example).data)


@pytest.mark.parametrize("level", LEVELS)
def test_an_unedited_workbook_is_valid_and_passes_no_rule(
    level: str, tmp_path: Path, cli: Cli
) -> None:
    target = tmp_path / "新.xlsx"
    assert cli("init", "--level", level, "--format", "xlsx", "-o", target).exit_code == 0
    assert cli("validate", target).exit_code == 0
    done = cli("audit", target, "--format", "json", "--as-of", "2026-12-20")
    statuses = {o["status"] for o in json.loads(done.output)["outcomes"]}
    assert "pass" not in statuses and done.exit_code == 1


def test_findings_point_at_cells_in_every_format(tmp_path: Path, cli: Cli) -> None:
    book = workbook_of(ROOT / "examples/hongqiao-street-gaps.yaml", tmp_path / "红桥.xlsx")
    found = json.loads(cli("audit", book, "--format", "json").output)
    failed = [o for o in found["outcomes"] if o["status"] == "fail"]
    assert failed and all(o["sheet"] and o["cell"] for o in failed)
    sarif = json.loads(cli("audit", book, "--format", "sarif").output)
    result = sarif["runs"][0]["results"][0]
    assert "!" in result["locations"][0]["logicalLocations"][0]["name"]
    console = cli("audit", book).output
    assert "红桥.xlsx 表“" in console
    assert "表“" in cli("audit", book, "--format", "github").output
    assert "sheet '" in cli("audit", book, "--format", "junit", "--lang", "en").output


def test_the_invalid_example_is_refused_at_the_same_value_in_its_workbook(
    tmp_path: Path, cli: Cli
) -> None:
    yaml_error = cli("validate", INVALID_EXAMPLE).output
    assert "households" in yaml_error and "约470户" in yaml_error
    book = tmp_path / "yuwan.xlsx"
    assert cli("convert", INVALID_EXAMPLE, "-o", book).exit_code == 0
    done = cli("validate", book)
    assert done.exit_code == 2 and "表“应急管理网格” B4" in done.output and "约470户" in done.output


def test_a_clerks_typing_is_understood(tmp_path: Path) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")

    def typed(sheet: Worksheet) -> None:
        sheet["D3"] = "２０人"  # participants
        sheet["B3"] = "2026年3月1日"  # date
        sheet["C3"] = " 是 "
        sheet.insert_rows(4, 2)  # blank rows in the middle
        sheet.row_dimensions[6].hidden = True
        sheet["Z2"] = "我的备注"  # a column of the clerk's own

    edit(book, "应急演练记录", typed)
    drill = read_site_workbook(book).data["drills"][0]
    assert drill["participants"] == 20 and drill["date"] == "2026-03-01" and drill["planned"]


def _error(book: Path, sheet: str, change: Callable[[Worksheet], None]) -> InputError:
    edit(book, sheet, change)
    with pytest.raises(InputError) as caught:
        read_site_workbook(book)
    return caught.value


@pytest.mark.parametrize(
    ("cell", "value", "words"),
    [("D3", "二十来人", "应填数字"), ("B3", "3/4/2026", "既可读作"), ("C3", "也许", "“是”或“否”")],
)
def test_what_cannot_be_read_is_named_with_its_cell(
    cell: str, value: str, words: str, tmp_path: Path
) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")
    error = _error(book, "应急演练记录", lambda s: s.__setitem__(cell, value))
    assert error.location.sheet == "应急演练记录" and error.location.cell == cell
    assert words in error.render("zh")


def test_a_misspelt_column_gets_a_did_you_mean(tmp_path: Path) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")

    def misspell(sheet: Worksheet) -> None:
        sheet["D1"], sheet["D2"] = "参演人", None

    error = _error(book, "应急演练记录", misspell)
    assert "是否应为“参演人数”" in error.render("zh") and error.location.cell == "D1"


def test_a_formula_without_its_result_is_an_error_for_that_cell(tmp_path: Path) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")
    error = _error(book, "应急演练记录", lambda s: s.__setitem__("D3", "=10+10"))
    assert error.location.cell == "D3" and "公式" in error.render("zh")


def test_a_folder_holds_site_workbooks_but_not_lock_files_or_ledgers(tmp_path: Path) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")
    (tmp_path / "~$柳溪村.xlsx").write_bytes(b"lock")
    ledger = Workbook()
    describe(ledger, "整改台账", "", "zh", "ledger", date(2026, 1, 1))
    (tmp_path / "台账.xlsx").write_bytes(saved(ledger))
    assert site_files([tmp_path]) == [book]


def test_an_ignore_in_the_remarks_column_covers_its_row(tmp_path: Path, cli: Cli) -> None:
    book = workbook_of(ROOT / "examples/hongqiao-street-gaps.yaml", tmp_path / "红桥.xlsx")
    found = json.loads(cli("audit", book, "--format", "json").output)
    first = next(o for o in found["outcomes"] if o["status"] == "fail")
    rule, sheet, row = first["rule_id"], first["sheet"], first["line"]

    def remark(page: Worksheet) -> None:
        page.cell(row, page.max_column, f"emcheck: ignore {rule} 正在整改")

    edit(book, sheet, remark)
    again = json.loads(cli("audit", book, "--format", "json", "--inline-ignores").output)
    waived = [o for o in again["outcomes"] if o["rule_id"] == rule and o["status"] == "waived"]
    assert waived


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_convert_goes_both_ways_without_loss(example: Path, tmp_path: Path, cli: Cli) -> None:
    book, back = tmp_path / "site.xlsx", tmp_path / "back.yaml"
    assert cli("convert", example, "-o", book).exit_code == 0
    assert cli("convert", book, "-o", back).exit_code == 0
    assert normal(load_file(back).data) == normal(load_file(example).data)


def test_convert_refuses_two_categories_of_one_name_with_items(tmp_path: Path, cli: Cli) -> None:
    # 物资明细 rows name their category: a second 灭火救援 would read back as a mismatch.
    text = (ROOT / "examples/qingshan-district.yaml").read_text(encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text(
        text.replace("  - category: 安全生产\n", "  - category: 灭火救援\n", 1), "utf-8"
    )
    line = text[: text.index("  - category: 安全生产\n")].count("\n") + 1
    book = tmp_path / "site.xlsx"
    done = cli("convert", site, "-o", book)
    assert done.exit_code == 2
    assert f"site.yaml:{line}:" in done.output and "“灭火救援”出现不止一次" in done.output
    assert not book.exists()


def test_convert_keeps_ignores_tells_of_other_comments_and_never_overwrites(
    tmp_path: Path, cli: Cli
) -> None:
    found = json.loads(
        cli("audit", ROOT / "examples/hongqiao-street-gaps.yaml", "--format", "json").output
    )
    first = next(o for o in found["outcomes"] if o["status"] == "fail")
    lines = (ROOT / "examples/hongqiao-street-gaps.yaml").read_text(encoding="utf-8").split("\n")
    lines[first["line"] - 1] += f"  # emcheck: ignore {first['rule_id']} 正在整改"
    site = tmp_path / "site.yaml"
    site.write_text("\n".join(lines), encoding="utf-8")
    book, back = tmp_path / "site.xlsx", tmp_path / "back.yaml"
    done = cli("convert", site, "-o", book)
    assert done.exit_code == 0 and "的注释未转换" in done.output
    assert cli("convert", site, "-o", book).exit_code == 2
    assert cli("convert", site, "-o", book, "--force").exit_code == 0
    assert cli("convert", book, "-o", back).exit_code == 0
    assert f"# emcheck: ignore {first['rule_id']} 正在整改" in back.read_text(encoding="utf-8")
    for path in (site, book, back):
        audit = json.loads(cli("audit", path, "--format", "json", "--inline-ignores").output)
        waived = {o["rule_id"] for o in audit["outcomes"] if o["status"] == "waived"}
        assert first["rule_id"] in waived, path


def test_a_remark_that_is_no_ignore_survives_convert_both_ways(tmp_path: Path, cli: Cli) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")
    note = "第二次演练由镇里统一组织\n照片另存"

    def remark(sheet: Worksheet) -> None:
        sheet.cell(4, sheet.max_column, note)

    edit(book, "应急演练记录", remark)
    back, again = tmp_path / "back.yaml", tmp_path / "again.xlsx"
    assert cli("convert", book, "-o", back).exit_code == 0
    drill = load_file(back)
    line = back.read_text(encoding="utf-8").split("\n")[drill.position_of(("drills", 1)).line - 1]
    assert line.endswith("# 备注：第二次演练由镇里统一组织  # 照片另存")
    done = cli("convert", back, "-o", again)
    assert done.exit_code == 0 and "注释未转换" not in done.output
    sheet = openpyxl.load_workbook(again)["应急演练记录"]
    assert sheet.cell(4, sheet.max_column).value == note
    assert normal(load_file(back).data) == normal(read_site_workbook(again).data)
