"""``emcheck audit X.xlsx --annotate -o COPY.xlsx``: the clerk's workbook back with a 自查结果
sheet linking every finding to its cell and those cells marked, checked against the findings
``audit --format json`` reports for the same workbook."""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import Location
from emcheck.sitebook.annotate import FOUND_FILL, Finding, annotated_copy
from ooxml_support import HAVE_SML, assert_sml_parts_validate, libreoffice_text
from site_workbook_support import ROOT, edit, workbook_of

Cli = Callable[..., Any]
AS_OF = "2026-11-30"


@pytest.fixture
def annotated(tmp_path: Path, cli: Cli) -> tuple[Path, Path]:
    book = workbook_of(ROOT / "examples/hongqiao-street-gaps.yaml", tmp_path / "红桥.xlsx")
    copy = tmp_path / "红桥-自查.xlsx"
    done = cli("audit", book, "--as-of", AS_OF, "--annotate", "-o", copy)
    assert done.exit_code == 1 and copy.is_file(), done.output
    return book, copy


def _problems(cli: Cli, book: Path) -> list[dict[str, Any]]:
    found = json.loads(cli("audit", book, "--as-of", AS_OF, "--format", "json").output)
    return [o for o in found["outcomes"] if o["status"] in ("fail", "error")]


def test_every_finding_is_listed_with_a_link_to_its_cell(
    annotated: tuple[Path, Path], cli: Cli
) -> None:
    book, copy = annotated
    problems = _problems(cli, book)
    sheet = openpyxl.load_workbook(copy).worksheets[0]
    assert sheet.title == "自查结果"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(problems) > 10
    links = [sheet.cell(row, 9).hyperlink for row in range(4, 4 + len(rows))]
    assert all(link is not None and not link.target for link in links)  # inside the workbook
    wanted = Counter(f"'{o['sheet']}'!{o['cell']}" for o in problems)
    assert Counter(link.location for link in links if link) == wanted
    assert Counter(r[1] for r in rows) == Counter(o["rule_id"] for o in problems)


def test_the_marked_cells_are_the_cells_with_findings(
    annotated: tuple[Path, Path], cli: Cli
) -> None:
    book, copy = annotated
    marked = {
        (sheet.title, cell.coordinate)
        for sheet in openpyxl.load_workbook(copy).worksheets[1:]
        for row in sheet.iter_rows()
        for cell in row
        if cell.fill.fgColor.rgb == FOUND_FILL.fgColor.rgb
    }
    assert marked == {(o["sheet"], o["cell"]) for o in _problems(cli, book)}


def test_the_clerks_own_formatting_and_values_stay(annotated: tuple[Path, Path]) -> None:
    book, copy = annotated
    before, after = openpyxl.load_workbook(book), openpyxl.load_workbook(copy)
    assert after.sheetnames == ["自查结果", *before.sheetnames]
    for sheet in before.worksheets:
        again = after[sheet.title]
        assert [[c.value for c in r] for r in sheet.iter_rows()] == [
            [c.value for c in r] for r in again.iter_rows()
        ]
        assert again.freeze_panes == sheet.freeze_panes
        assert again["A1"].font.b == sheet["A1"].font.b
        assert len(again.data_validations.dataValidation) == len(
            sheet.data_validations.dataValidation
        )


def test_auditing_the_copy_finds_the_same(annotated: tuple[Path, Path], cli: Cli) -> None:
    book, copy = annotated

    def seen(path: Path) -> list[tuple[Any, ...]]:
        keys = ("rule_id", "status", "site_id", "sheet", "cell", "message")
        return sorted(tuple(o.get(k) for k in keys) for o in _problems(cli, path))

    assert seen(copy) == seen(book)


@pytest.mark.skipif(not HAVE_SML, reason="no ../shared/schemas/ooxml")
def test_the_copy_validates(annotated: tuple[Path, Path]) -> None:
    checked = assert_sml_parts_validate(annotated[1].read_bytes())
    assert "xl/worksheets/sheet1.xml" in checked and len(checked) > 10


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_copy(annotated: tuple[Path, Path], tmp_path: Path) -> None:
    text = libreoffice_text(annotated[1], tmp_path)
    assert not text or all(word in text for word in ("自查结果", "红桥街道", "CAP-01"))


def test_in_english(tmp_path: Path, cli: Cli) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "liuxi.xlsx")
    copy = tmp_path / "checked.xlsx"
    done = cli("audit", book, "--annotate", "-o", copy, "--lang", "en", "--as-of", AS_OF)
    assert done.exit_code in (0, 1) and "wrote the annotated copy" in done.output
    sheet = openpyxl.load_workbook(copy).worksheets[0]
    assert sheet.title == "Self-check" and sheet["A3"].value == "Unit"


def test_a_finding_without_a_cell_is_the_whole_workbooks(tmp_path: Path) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")
    whole, sheet_only = Location(str(book)), Location(str(book), sheet="应急演练记录")
    findings = [Finding(("",) * 8, whole), Finding(("",) * 8, sheet_only)]
    copy = openpyxl.load_workbook(io.BytesIO(annotated_copy(book, findings, "zh")))
    first = copy.worksheets[0]
    assert [first["I4"].value, first["I5"].value] == ["整个工作簿", "应急演练记录"]
    assert [first["I4"].hyperlink.location, first["I5"].hyperlink.location] == [
        "'自查结果'!A1",
        "'应急演练记录'!A1",
    ]


def test_schema_problems_are_listed_and_a_broken_cell_writes_nothing(
    tmp_path: Path, cli: Cli
) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")

    def choose(sheet: Worksheet) -> None:
        column = next(c for c in sheet[2] if c.value == "type")
        sheet.cell(3, column.column, "乱填的类型")

    edit(book, "应急预案", choose)
    copy = tmp_path / "自查.xlsx"
    done = cli("audit", book, "--annotate", "-o", copy)
    assert done.exit_code == 2 and copy.is_file()
    first = openpyxl.load_workbook(copy).worksheets[0]
    assert first["D4"].value == "填写有误" and "乱填的类型" in str(first["E4"].value)
    assert first["I4"].hyperlink.location.startswith("'应急预案'!")
    edit(book, "应急预案", lambda sheet: sheet.cell(3, 1, "=1+1"))
    done = cli("audit", book, "--annotate", "-o", tmp_path / "又一份.xlsx")
    assert done.exit_code == 2 and not (tmp_path / "又一份.xlsx").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_annotate_takes_one_workbook_and_never_overwrites(
    lang: str, tmp_path: Path, cli: Cli
) -> None:
    book = workbook_of(ROOT / "examples/liuxi-village.yaml", tmp_path / "柳溪村.xlsx")
    copy = tmp_path / "自查.xlsx"
    cases = [
        ([ROOT / "examples/liuxi-village.yaml", "--annotate", "-o", copy], ".xlsx"),
        ([tmp_path, "--annotate", "-o", copy], ".xlsx"),
        ([book, "--annotate"], "-o"),
        ([book, "--annotate", "-o", tmp_path / "自查.json"], "-o"),
        ([book, "--annotate", "-o", book, "--force"], ""),
    ]
    for args, words in cases:
        done = cli("audit", *args, "--lang", lang)
        assert done.exit_code == 2 and words in done.output and "Traceback" not in done.output
    assert not copy.exists()
    copy.write_bytes(b"earlier")
    assert cli("audit", book, "--annotate", "-o", copy, "--lang", lang).exit_code == 2
    assert copy.read_bytes() == b"earlier"
    assert cli("audit", book, "--annotate", "-o", copy, "--force").exit_code in (0, 1)
    assert openpyxl.load_workbook(copy).sheetnames[0] == "自查结果"
    assert not list(tmp_path.glob(".*.tmp"))
