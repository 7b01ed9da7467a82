"""``emcheck recheck --kind recheck``: the 整改复查意见书, and the notice record it cites."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx.document import Document as DocumentObject

from conftest import VILLAGE, with_attachments
from emcheck.history import notice_record
from emcheck.history.answers import Answer, LedgerAnswers
from ooxml_support import HAVE_SCHEMAS, assert_parts_validate, wml_schema
from recheck_support import ROUND_2, TODAY, Rounds, audit_json, emcheck, make_rounds
from report_support import META, cells, check_golden, docx_text, open_docx

HEADINGS_ZH = [
    "一、复查基本情况",
    "二、已整改销号的问题",
    "三、未整改的问题",
    "四、新发现和反弹的问题",
    "五、经批准豁免的问题",
    "六、未复查的问题",
    "七、复查结论",
    "八、下一步要求",
]
NOTICE_DAY = date(2026, 11, 25)
"""The notice's date: its deadlines (30 days on) differ from the earlier audit's plus 30."""


@dataclass(frozen=True)
class Made:
    folder: Path
    rounds: Rounds
    notice: Path
    """整改通知书.docx written by ``report --kind notice`` (its record beside it)."""


def recheck(made: Made, target: Path, *more: object, code: int = 1) -> Path:
    rounds = made.rounds
    args = [*rounds.previous_args(), "--as-of", TODAY, "--meta", META, "-o", target, *more]
    result = emcheck("recheck", rounds.site, *args)
    assert result.exit_code == code, result.output
    return target


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    folder = tmp_path_factory.mktemp("recheck")
    rounds = make_rounds(folder)
    meta = folder / "notice-meta.yaml"
    meta.write_text(
        META.read_text(encoding="utf-8").replace("2026-11-30", NOTICE_DAY.isoformat()),
        encoding="utf-8",
    )
    notice = folder / "整改通知书.docx"
    args = ("--kind", "notice", "--meta", meta, "--as-of", ROUND_2, "-o", notice)
    assert emcheck("report", rounds.inspected, *args).exit_code == 1
    return Made(folder, rounds, notice)


@pytest.fixture(scope="module")
def documents(made: Made) -> dict[str, Path]:
    folder = made.folder
    record = made.notice.with_suffix(".json")
    return {
        "zh": recheck(made, folder / "zh.docx", "--kind", "recheck"),
        "en": recheck(made, folder / "en.docx", "--kind", "recheck", "--lang", "en"),
        "notice": recheck(made, folder / "cited.docx", "--kind", "recheck", "--notice", record),
    }


def _items(made: Made, *more: object) -> list[dict[str, Any]]:
    target = recheck(
        made, made.folder / f"items-{len(more)}.json", "--kind", "json", *more, "--force"
    )
    items: list[dict[str, Any]] = json.loads(target.read_text(encoding="utf-8"))["items"]
    return items


def _document(documents: dict[str, Path], key: str) -> DocumentObject:
    return open_docx(documents[key].read_bytes())


def _headings(document: DocumentObject) -> list[str]:
    return [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]


def _table(document: DocumentObject, caption: str) -> list[list[str]]:
    """The rows of the table whose caption ends with ``caption``, header first."""
    captions = [p.text for p in document.paragraphs if p.style and p.style.name == "EM Caption"]
    index = next(i for i, c in enumerate(captions) if c.endswith(caption))
    return cells(document.tables[index])


def test_sections_in_order(documents: dict[str, Path]) -> None:
    document = _document(documents, "zh")
    assert document.paragraphs[0].text == "红应急检〔2026〕7号"
    assert document.paragraphs[1].text.endswith("整改情况的复查意见书")
    assert document.paragraphs[2].text == "红桥街道："
    assert _headings(document) == HEADINGS_ZH
    text = docx_text(document)
    for said in ("复查结论：未完成。", "[EM Closing] 红桥区应急管理局", "（张明，执法证号"):
        assert said in text
    assert "未提供整改通知书记录：整改期限按上次检查日期起 30 天计算。" in text


def test_every_item_in_its_table_once(made: Made, documents: dict[str, Path]) -> None:
    items = _items(made)
    document = _document(documents, "zh")
    tables = {
        ("fixed",): _table(document, "已整改销号的问题"),
        ("open",): _table(document, "未整改的问题"),
        ("new", "regressed"): _table(document, "新发现和反弹的问题"),
    }
    for statuses, rows in tables.items():
        listed = [i for i in items if i["status"] in statuses]
        column = 3 if "new" in statuses else 2
        assert [r[column] for r in rows[1:]] == [i["description"] for i in listed]
    counts = _table(document, "各单位复查情况")
    assert counts[0] == ["单位", "已整改", "未整改", "新发现", "反弹", "已豁免", "未复查", "合计"]
    assert counts[-1] == ["合计", "1", "33", "1", "1", "1", "2", "39"] and len(items) == 39
    text = docx_text(document)
    assert "豁免理由：街道应急救援队 17 人" in text
    assert "以下2项问题所在单位（柳溪村）未列入本次复查" in text


def test_open_items_carry_deadline_and_days_overdue(documents: dict[str, Path]) -> None:
    rows = _table(_document(documents, "zh"), "未整改的问题")
    assert rows[0][4:] == ["原整改期限", "逾期天数"]
    assert {tuple(r[4:]) for r in rows[1:]} == {("2026年12月30日", "1天")}
    fresh = _table(_document(documents, "zh"), "新发现和反弹的问题")
    assert [r[2] for r in fresh[1:]] == ["反弹", "新发现"]
    assert all(r[5] and r[6] == "2027年1月30日" for r in fresh[1:])


def test_properties(documents: dict[str, Path]) -> None:
    core = _document(documents, "zh").core_properties
    assert core.title.startswith("红桥区应急管理局关于红桥街道")
    assert core.author == "红桥区应急管理局" and core.keywords == "emcheck-recheck"


@pytest.mark.skipif(not HAVE_SCHEMAS, reason="../shared/schemas/ooxml is not beside this checkout")
@pytest.mark.parametrize("key", ["zh", "en", "notice"])
def test_parts_validate(documents: dict[str, Path], key: str) -> None:
    assert_parts_validate(documents[key].read_bytes(), wml_schema())


@pytest.mark.parametrize("key", ["zh", "en"])
def test_golden_text(documents: dict[str, Path], key: str) -> None:
    check_golden(f"recheck-rounds.{key}.docx.txt", docx_text(_document(documents, key)))


def test_english(documents: dict[str, Path]) -> None:
    document = _document(documents, "en")
    headings = _headings(document)
    assert headings[0] == "1. Overview" and headings[-1] == "8. Next steps"
    assert "Conclusion: rectification incomplete." in docx_text(document)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_converts_it(documents: dict[str, Path], tmp_path: Path) -> None:
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    pdf = ["--convert-to", "pdf", "--outdir", str(tmp_path), str(documents["zh"])]
    subprocess.run(
        ["soffice", profile, "--headless", *pdf],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "zh.pdf").read_bytes().startswith(b"%PDF")


# ── the notice remembered ────────────────────────────────────────────────────


def test_notice_record_round_trip(made: Made) -> None:
    record = notice_record.read(made.notice.with_suffix(".json"))
    assert (record.number, record.issued_on, record.issuer) == (
        "红应急检〔2026〕7号",
        NOTICE_DAY,
        "红桥区应急管理局",
    )
    document = open_docx(made.notice.read_bytes())
    printed = [
        r[4] for t in document.tables if cells(t)[0][4:5] == ["整改期限"] for r in cells(t)[1:]
    ]
    assert len(printed) == len(record.items) == 35
    assert set(printed) == {"2026年12月25日前"}
    assert {i.deadline for i in record.items} == {date(2026, 12, 25)}
    assert record.deadline_of("MECH-02", "hongqiao") == date(2026, 12, 25)


def test_recheck_cites_the_notice(made: Made, documents: dict[str, Path]) -> None:
    cited = [
        i
        for i in _items(made, "--notice", made.notice.with_suffix(".json"))
        if i["status"] == "open"
    ]
    assert {(i["deadline"], i["days_overdue"]) for i in cited} == {("2026-12-25", 6)}
    by_period = {(i["deadline"], i["days_overdue"]) for i in _items(made) if i["status"] == "open"}
    assert by_period == {("2026-12-30", 1)}
    document = _document(documents, "notice")
    opening = document.paragraphs[3].text
    assert "于2026年11月25日向你单位印发整改通知书（红应急检〔2026〕7号）" in opening
    assert "未提供整改通知书记录" not in docx_text(document)
    rows = _table(document, "未整改的问题")
    assert {tuple(r[4:]) for r in rows[1:]} == {("2026年12月25日", "6天")}


def test_notice_record_kept_like_the_notice(made: Made, tmp_path: Path) -> None:
    notice = tmp_path / "n.md"
    args = ("--kind", "notice", "--format", "markdown", "--as-of", ROUND_2, "-o", notice)
    written = emcheck("report", made.rounds.inspected, *args)
    assert written.exit_code == 1 and notice.with_suffix(".json").is_file()
    assert f"已写入 {notice.with_suffix('.json')}" in written.output
    notice.unlink()
    refused = emcheck("report", made.rounds.inspected, *args)
    assert refused.exit_code == 2 and "n.json" in refused.stderr and not notice.exists()
    assert emcheck("report", made.rounds.inspected, *args, "--force").exit_code == 1


def test_notice_and_record_written_together(made: Made, tmp_path: Path) -> None:
    (tmp_path / "n.json").mkdir()
    args = ("--kind", "notice", "--as-of", ROUND_2, "-o", tmp_path / "n.docx", "--force")
    assert emcheck("report", made.rounds.inspected, *args).exit_code == 2
    assert not (tmp_path / "n.docx").exists()


# ── what the unit reported, exit codes ───────────────────────────────────────


def test_ledger_answers_are_shown(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Answer("周强", "已完成", "流程图已上墙", date(2026, 12, 20), "整改台账", 5)
    stray = Answer("", "进行中", "", None, "整改台账", 9)
    answers = LedgerAnswers(
        "returned.xlsx",
        {"MECH-02|hongqiao|flowchart.posted_on_wall": said, "ORG-01|hongqiao|x": stray},
        {"ORG-01|hongqiao|x": "办公室未挂牌"},
    )
    monkeypatch.setattr("emcheck.commands.recheck._answers", lambda path: answers)
    ledger = tmp_path / "returned.xlsx"
    ledger.write_bytes(b"")
    target = recheck(made, tmp_path / "a.docx", "--kind", "recheck", "--ledger", ledger)
    document = open_docx(target.read_bytes())
    fixed = _table(document, "已整改销号的问题")
    assert fixed[0][-1] == "单位报告的整改情况"
    assert fixed[1][-1] == "已完成：流程图已上墙\n完成时间：2026年12月20日\n责任人：周强"
    assert {r[-1] for r in _table(document, "未整改的问题")[1:]} == {"未填报"}
    assert "整改台账第9行“办公室未挂牌”" in docx_text(document)


def test_all_fixed_is_exit_0(made: Made, tmp_path: Path) -> None:
    previous = audit_json(tmp_path / "v.json", ROUND_2, made.rounds.village)
    site = shutil.copy(VILLAGE, with_attachments(tmp_path))
    args = ("--previous", previous, "--as-of", "2026-12-01", "--kind", "recheck")
    result = emcheck("recheck", site, *args, "-o", tmp_path / "v.docx")
    assert result.exit_code == 0, result.output
    text = docx_text(open_docx((tmp_path / "v.docx").read_bytes()))
    assert "复查结论：整改完成。" in text and "三、复查结论" in text


def test_input_errors_are_exit_2(made: Made, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("level: [\n", encoding="utf-8")
    rounds = made.rounds
    unreadable = emcheck("recheck", broken, *rounds.previous_args())
    assert unreadable.exit_code == 2 and "broken.yaml" in unreadable.stdout
    not_notice = emcheck(
        "recheck", rounds.site, *rounds.previous_args(), "--notice", rounds.previous[0]
    )
    assert not_notice.exit_code == 2 and "不是 emcheck 整改通知书记录" in not_notice.stderr
    other = tmp_path / "v7.json"
    other.write_text(
        rounds.previous[1].read_text(encoding="utf-8").replace('"version": 1', '"version": 7', 1),
        encoding="utf-8",
    )
    old = emcheck("recheck", rounds.site, "--previous", other)
    assert old.exit_code == 2 and "version=7" in old.stderr and "audit --format json" in old.stderr
