"""A returned ledger that cannot be read as it stands: one message naming the file, the sheet
and the cell, exit 2, no traceback, nothing written. And the safe reader's limits, the
entity refusal, formulas with and without saved results, and dates typed as text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.text_dates import date_from_text
from hostile_workbooks import entities, repacked, zip_bomb
from ledger_support import HEADER, columns, make_round, recheck

Edit = Callable[[Worksheet], None]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("ledger-errors")
    site, earlier = make_round(folder)
    done = recheck(site, earlier, "--kind", "ledger", "-o", folder / "ledger.xlsx")
    assert done.exit_code == 1, done.output
    yield folder


def edited(made: Path, target: Path, edit: Edit) -> Path:
    book = openpyxl.load_workbook(made / "ledger.xlsx")
    edit(book.worksheets[0])
    book.save(target)
    return target


def put(header: str, value: object, row: int = HEADER + 1) -> Edit:
    return lambda sheet: setattr(sheet.cell(row, columns(sheet)[header]), "value", value)


def renamed_without_header(sheet: Worksheet) -> None:
    sheet.title = "Sheet1"
    sheet.delete_rows(HEADER)


def repeated_key(sheet: Worksheet) -> None:
    at = columns(sheet)["编号"]
    sheet.cell(HEADER + 2, at, sheet.cell(HEADER + 1, at).value)


MALFORMED: dict[str, tuple[Edit, list[str]]] = {
    "wrong sheet": (renamed_without_header, ["没有“整改台账”工作表", "“Sheet1”"]),
    "missing column": (put("整改进度", None, HEADER), ["表“整改台账” 第 3 行", "缺少 “整改进度”"]),
    "merged over data": (
        lambda sheet: sheet.merge_cells("I4:I6"),
        ["表“整改台账” I4:I6", "合并单元格"],
    ),
    "text for a date": (put("完成时间", "下周一"), ["表“整改台账” J4", "“下周一”不是日期"]),
    "ambiguous date": (put("完成时间", "3/4/2026"), ["J4", "既可读作"]),
    "formula without result": (put("完成时间", "=TODAY()"), ["J4", "=TODAY()", "没有保存计算结果"]),
    "not a choice": (put("整改进度", "差不多"), ["表“整改台账” H4", "“差不多”"]),
    "repeated key": (repeated_key, ["表“整改台账” M5", "与第 4 行是同一问题"]),
    "answer without key": (put("编号", None), ["M4", "“编号”为空"]),
    "not a key": (put("编号", "第一条"), ["M4", "不是 emcheck 的问题编号"]),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_ledger(made: Path, tmp_path: Path, case: str) -> None:
    edit, expected = MALFORMED[case]

    def with_answer(sheet: Worksheet) -> None:
        put("整改情况", "已整改")(sheet)
        edit(sheet)

    returned = edited(made, tmp_path / "returned.xlsx", with_answer)
    assert_refused(made, tmp_path, returned, expected)


def assert_refused(made: Path, tmp_path: Path, ledger: Path, expected: list[str]) -> None:
    out = tmp_path / "out.md"
    done = recheck(made / "hongqiao.yaml", made / "a1.json", "--ledger", ledger, "-o", out)
    assert done.exit_code == 2, done.output
    assert done.output.startswith(f"emcheck: {ledger}")
    assert all(word in done.output for word in expected), done.output
    assert "Traceback" not in done.output and not out.exists()


def test_entity_declaration_refused(made: Path, tmp_path: Path) -> None:
    returned = entities(made / "ledger.xlsx", tmp_path)
    assert_refused(made, tmp_path, returned, ["xl/worksheets/sheet1.xml", "DOCTYPE"])
    # Past emcheck's own check, openpyxl parses with defusedxml (a dependency): refused too.
    with pytest.raises(Exception, match=r"(?i)entit"):
        openpyxl.load_workbook(returned)


def test_zip_bomb_refused(made: Path, tmp_path: Path) -> None:
    returned = zip_bomb(made / "ledger.xlsx", tmp_path)
    assert_refused(made, tmp_path, returned, ["xl/media/image1.png", "压缩炸弹"])


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("EMCHECK_MAX_WORKBOOK_UNPACKED", "20000", "解压后大小（字节）超过上限"),
        ("EMCHECK_MAX_WORKBOOK_BYTES", "2000", "文件过大"),
        ("EMCHECK_MAX_WORKBOOK_PARTS", "5", "压缩包内文件数超过上限"),
        ("EMCHECK_MAX_CELLS", "100", "单元格数超过上限"),
        ("EMCHECK_MAX_ROWS", "10", "表“整改台账”: 行数"),
    ],
)
def test_limits(
    made: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    expected: str,
) -> None:
    monkeypatch.setenv(variable, value)
    assert_refused(made, tmp_path, made / "ledger.xlsx", [expected])


def test_not_a_workbook(made: Path, tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 an old binary workbook")
    assert_refused(made, tmp_path, tmp_path / "old.xls", ["不是 Excel 工作簿（.xlsx）"])


def test_formula_with_saved_result_gives_the_result(made: Path, tmp_path: Path) -> None:
    from emcheck.loading.ledger import read_ledger

    returned = edited(made, tmp_path / "f.xlsx", put("完成时间", "=DATE(2026,12,5)"))
    serial = (date(2026, 12, 5) - date(1899, 12, 30)).days

    def saved_result(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return re.sub(rb"(<f>DATE\(2026,12,5\)</f>)<v\s*/?>(</v>)?", rb"\1<v>%d</v>" % serial, data)

    result = repacked(returned, tmp_path / "saved.xlsx", saved_result)
    (answer,) = read_ledger(result).by_key.values()
    assert answer.completed_on == date(2026, 12, 5)


def test_merged_header_cells_and_moved_columns(made: Path, tmp_path: Path) -> None:
    from emcheck.loading.ledger import read_ledger

    def rearranged(sheet: Worksheet) -> None:
        sheet.move_range("M3:M60", cols=2)  # 编号 two columns further right
        sheet.insert_rows(HEADER + 1)  # the header now spans two rows, merged
        for col in range(1, 16):
            sheet.merge_cells(
                start_row=HEADER, end_row=HEADER + 1, start_column=col, end_column=col
            )
        put("整改情况", "已整改", HEADER + 2)(sheet)

    (answer,) = read_ledger(edited(made, tmp_path / "m.xlsx", rearranged)).by_key.values()
    assert (answer.situation, answer.row) == ("已整改", HEADER + 2)


def test_location_rendering() -> None:
    assert str(Location("a.yaml", 3, 4)) == "a.yaml:3:4"
    assert Location("a.yaml", 3).shown("zh") == "a.yaml:3"
    cell = Location("l.xlsx", 7, sheet="整改台账", cell="C7")
    assert cell.shown("zh") == "l.xlsx 表“整改台账” C7"
    assert cell.shown("en") == str(cell) == "l.xlsx sheet '整改台账' C7"
    row = InputError(Location("l.xlsx", 3, sheet="整改台账"), Text("缺列", "no column"))
    assert row.render("zh") == "l.xlsx 表“整改台账” 第 3 行: 缺列"
    assert row.render("en") == "l.xlsx sheet '整改台账' row 3: no column"


DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31))
SPELLINGS = (
    "{y}-{m:02}-{d:02}",
    "{y}/{m}/{d}",
    "{y}.{m}.{d}",
    "{y}-{m}-{d}",
    "{y}年{m}月{d}日",
    "{y} 年 {m} 月 {d} 号",
    "{y}/{m:02}/{d:02}",
)


@given(DAYS, st.sampled_from(SPELLINGS))
def test_text_dates_round_trip(day: date, spelling: str) -> None:
    assert date_from_text(spelling.format(y=day.year, m=day.month, d=day.day)) == day


@given(DAYS, st.sampled_from(("{a}/{b}/{y}", "{a}.{b}.{y}", "{a}-{b}-{y}")))
def test_year_last_only_when_unambiguous(day: date, spelling: str) -> None:
    as_dmy = date_from_text(spelling.format(a=day.day, b=day.month, y=day.year))
    if day.day > 12 or day.day == day.month:
        assert as_dmy == day
    else:
        assert not isinstance(as_dmy, date)  # 3/4/2026: March or April? refused, not guessed


@given(st.text(max_size=12))
def test_any_text_is_a_date_or_a_reason(text: str) -> None:
    read = date_from_text(text)
    assert isinstance(read, date) or ("请写成" in read.zh and "write it as" in read.en)


def test_impossible_day_refused() -> None:
    assert not isinstance(date_from_text("2026-02-30"), date)
    assert date_from_text("2028-02-29") == date(2028, 2, 29)
    assert date_from_text("２０２６／３／１") == date(2026, 3, 1)
