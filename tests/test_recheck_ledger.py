"""``emcheck recheck --kind ledger`` and ``--ledger``: the 整改台账 written, filled in by a
clerk with openpyxl, read back, and its answers carried into the recheck and the next ledger."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import GAPS
from ledger_support import HEADER, assert_tied_to_input, by_header, columns, make_round, recheck
from ooxml_support import HAVE_SML, assert_sml_parts_validate, libreoffice_text

HEADERS = [
    *("序号", "单位", "问题描述", "违反条款", "整改措施", "责任单位/责任人", "整改期限"),
    *("整改进度", "整改情况", "完成时间", "复查结论", "状态", "编号"),
]
HOSTILE = '=HYPERLINK("http://example.invalid","红桥")'


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("ledger")
    site, earlier = make_round(folder)
    for kind, name in (("ledger", "ledger.xlsx"), ("json", "recheck.json")):
        done = recheck(site, earlier, "--kind", kind, "-o", folder / name)
        assert done.exit_code == 1, done.output
    yield folder


def filled(made: Path, target: Path) -> Path:
    """The ledger as a clerk returns it: answers typed, a row hidden, a column and a blank
    row inserted, one row's finding gone (its key is a rule no pack has any more)."""
    book = openpyxl.load_workbook(made / "ledger.xlsx")
    sheet = book["整改台账"]
    at = columns(sheet)
    answers = {
        HEADER + 1: ("张三 13800000000", "已完成", "已组织补训 4 天", "2026年12月5日"),
        HEADER + 2: ("李四", "进行中", "考核安排在一月", 46000),
        HEADER + 3: ("王五", "未启动", "", datetime(2026, 12, 20)),
        HEADER + 4: ("赵六", "已完成", "流程图已上墙", "2026/12/1"),
    }
    for row, values in answers.items():
        for name, value in zip(
            ("责任单位/责任人", "整改进度", "整改情况", "完成时间"), values, strict=True
        ):
            sheet.cell(row, at[name], value)
    sheet.cell(HEADER + 4, at["编号"], "OLD-99|hongqiao|gone")
    sheet.row_dimensions[HEADER + 2].hidden = True
    sheet.insert_rows(HEADER + 3)
    sheet.insert_cols(1)
    sheet.cell(HEADER, 1, "备注")
    book.save(target)
    return target


def test_layout(made: Path) -> None:
    book = openpyxl.load_workbook(made / "ledger.xlsx")
    assert book.sheetnames == ["整改台账"]
    sheet = book["整改台账"]
    assert [c.value for c in sheet[HEADER]] == HEADERS
    assert sheet.freeze_panes == "C4" and sheet.auto_filter.ref.startswith("A3:M")
    record = json.loads((made / "recheck.json").read_text(encoding="utf-8"))
    rows = by_header(made / "ledger.xlsx")
    assert [r["编号"] for r in rows] == [i["key"] for i in record["items"]]
    assert [r["序号"] for r in rows] == list(range(1, len(rows) + 1))
    fixed = [r for r in rows if r["状态"] == "已整改"]
    assert fixed and all(r["复查结论"] == "已整改，予以销号" for r in fixed)
    assert all(isinstance(r["整改期限"], datetime) for r in rows)
    at = columns(sheet)
    first = sheet.cell(HEADER + 1, at["完成时间"])
    assert first.number_format == "yyyy-mm-dd" and not first.protection.locked
    assert sheet.cell(HEADER + 1, at["状态"]).protection.locked and sheet.protection.sheet
    (choices,) = sheet.data_validations.dataValidation
    assert choices.type == "list" and choices.formula1 == '"未启动,进行中,已完成"'
    assert str(choices.sqref) == f"H4:H{HEADER + len(rows)}"
    custom = {p.name: p.value for p in book.custom_doc_props}
    assert custom["emcheck-format"] == "emcheck-ledger"
    assert custom["emcheck-as-of"] == "2026-12-30"
    assert_tied_to_input(custom, [made / "hongqiao.yaml"])


def test_answers_carried_into_the_recheck_and_the_next_ledger(made: Path, tmp_path: Path) -> None:
    returned = filled(made, tmp_path / "returned.xlsx")
    site, earlier = made / "hongqiao.yaml", made / "a1.json"
    done = recheck(site, earlier, "--kind", "json", "--ledger", returned)
    assert done.exit_code == 1, done.output
    record = json.loads(done.output)
    answers = {i["key"]: i["answer"] for i in record["items"] if i["answer"]}
    keys = [r["编号"] for r in by_header(made / "ledger.xlsx")]
    assert answers[keys[0]] == {
        "responsible": "张三 13800000000",
        "progress": "已完成",
        "situation": "已组织补训 4 天",
        "completed_on": "2026-12-05",
    }
    assert answers[keys[1]]["completed_on"] == "2025-12-09"  # serial 46000, in a hidden row
    assert answers[keys[2]]["completed_on"] == "2026-12-20"
    assert len(answers) == 3
    (stray,) = record["stray_ledger_rows"]
    assert stray == {"sheet": "整改台账", "row": 8, "key": "OLD-99|hongqiao|gone"} | {
        "description": stray["description"]
    }
    markdown = recheck(site, earlier, "--kind", "markdown", "--ledger", returned).output
    assert "已完成；已组织补训 4 天" in markdown and "整改台账 8" in markdown
    assert (
        recheck(
            site, earlier, "--ledger", returned, "--kind", "ledger", "-o", tmp_path / "next.xlsx"
        ).exit_code
        == 1
    )
    rows = {r["编号"]: r for r in by_header(tmp_path / "next.xlsx")}
    assert rows[keys[0]]["完成时间"] == datetime(2026, 12, 5)
    assert rows[keys[1]]["整改进度"] == "进行中"
    strays = by_header(tmp_path / "next.xlsx", "对应不上的行")
    assert strays == [
        {
            "原工作表": "整改台账",
            "原行号": 8,
            "编号": "OLD-99|hongqiao|gone",
            "问题描述": stray["description"],
            "责任单位/责任人": "赵六",
            "整改进度": "已完成",
            "整改情况": "流程图已上墙",
            "完成时间": datetime(2026, 12, 1),
        }
    ]


def test_next_ledger_reads_back_the_same_answers(made: Path, tmp_path: Path) -> None:
    from emcheck.loading.ledger import read_ledger

    returned = filled(made, tmp_path / "returned.xlsx")
    site, earlier = made / "hongqiao.yaml", made / "a1.json"
    recheck(site, earlier, "--ledger", returned, "--kind", "ledger", "-o", tmp_path / "next.xlsx")
    before, after = read_ledger(returned), read_ledger(tmp_path / "next.xlsx")
    plain = {
        f: (a.responsible, a.progress, a.situation, a.completed_on) for f, a in after.by_key.items()
    }
    assert plain == {
        f: (a.responsible, a.progress, a.situation, a.completed_on)
        for f, a in before.by_key.items()
        if not f.startswith("OLD-99|")
    }
    (cap,) = (a for f, a in after.by_key.items() if f.startswith("CAP-01|hongqiao|"))
    assert cap.completed_on == date(2026, 12, 5)


def test_output_never_replaces_the_ledger_it_reads(made: Path, tmp_path: Path) -> None:
    returned = filled(made, tmp_path / "returned.xlsx")
    data = returned.read_bytes()
    site, earlier = made / "hongqiao.yaml", made / "a1.json"
    done = recheck(site, earlier, "--ledger", returned, "-o", returned, "--force")
    assert done.exit_code == 2 and "本次读取的文件" in done.output
    assert returned.read_bytes() == data
    # Nor the earlier round it reads.
    record = earlier.read_bytes()
    done = recheck(site, earlier, "--kind", "json", "-o", earlier, "--force")
    assert done.exit_code == 2 and earlier.read_bytes() == record


def test_same_bytes(made: Path, tmp_path: Path) -> None:
    site, earlier = made / "hongqiao.yaml", made / "a1.json"
    recheck(site, earlier, "--kind", "ledger", "-o", tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == (made / "ledger.xlsx").read_bytes()


def test_unit_name_is_never_a_formula(tmp_path: Path) -> None:
    text = GAPS.read_text(encoding="utf-8").replace("name: 红桥街道\n", f"name: '{HOSTILE}'\n", 1)
    site, earlier = make_round(tmp_path, text)
    done = recheck(site, earlier, "--kind", "ledger", "-o", tmp_path / "out.xlsx")
    assert done.exit_code == 1, done.output
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["整改台账"]
    named = [c for c in sheet["B"][HEADER:] if c.value == HOSTILE]
    assert named and all(c.data_type == "s" and c.quotePrefix for c in named)
    with zipfile.ZipFile(tmp_path / "out.xlsx") as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_english_ledger_reads_back(made: Path, tmp_path: Path) -> None:
    from emcheck.loading.ledger import read_ledger

    site, earlier = made / "hongqiao.yaml", made / "a1.json"
    recheck(site, earlier, "--lang", "en", "--kind", "ledger", "-o", tmp_path / "en.xlsx")
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    sheet = book["Rectification ledger"]
    at = columns(sheet)
    assert {"Key", "Progress", "Completed on"} <= at.keys()
    sheet.cell(HEADER + 1, at["Progress"], "in progress")
    book.save(tmp_path / "en.xlsx")
    (answer,) = read_ledger(tmp_path / "en.xlsx").by_key.values()
    assert answer.progress == "进行中"


@pytest.mark.skipif(not HAVE_SML, reason="no ../shared/schemas/ooxml")
def test_parts_validate(made: Path, tmp_path: Path) -> None:
    returned = filled(made, tmp_path / "returned.xlsx")
    site, earlier = made / "hongqiao.yaml", made / "a1.json"
    recheck(site, earlier, "--ledger", returned, "--kind", "ledger", "-o", tmp_path / "next.xlsx")
    checked = assert_sml_parts_validate((tmp_path / "next.xlsx").read_bytes())
    assert "xl/worksheets/sheet2.xml" in checked


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts(made: Path, tmp_path: Path) -> None:
    text = libreoffice_text(made / "ledger.xlsx", tmp_path)
    assert text == "" or all(w in text for w in ("整改台账", "红桥街道", "已整改，予以销号"))
