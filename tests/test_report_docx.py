"""Word reports: reopened with python-docx and checked for GB/T 9704 page setup, fonts on
styles, headings, tables whose rows match the audit one to one, and text snapshots."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from conftest import AS_OF, AS_OF_TEXT, COMPLIANT, EXAMPLE_FILES, GAPS, with_attachments
from emcheck.audit.outcomes import FAIL, OVERDUE
from emcheck.errors import RulePackError
from emcheck.report.meta import ReportMeta, load_meta
from emcheck.report.rows import ordered, problems_of
from emcheck.rulepack.model import RulePack
from report_support import (
    META,
    PROBLEM_HEADER,
    cells,
    check_golden,
    docx_text,
    open_docx,
    render,
    tables_with_header,
)

Cli = Callable[..., Any]


@pytest.fixture(scope="module")
def notice(pack: RulePack) -> tuple[Any, DocumentObject]:
    audit, data = render(GAPS, pack, AS_OF, "notice")
    return audit, open_docx(data)


@pytest.fixture(scope="module")
def gap(pack: RulePack) -> tuple[Any, DocumentObject]:
    audit, data = render(GAPS, pack, AS_OF, "gap")
    return audit, open_docx(data)


def _mm(length: int | None) -> float:
    assert length is not None
    return round(length / Mm(1), 1)


class TestPageSetup:
    def test_a4_with_gb9704_margins(self, notice: tuple[Any, DocumentObject]) -> None:
        first = notice[1].sections[0]
        assert first.orientation == WD_ORIENT.PORTRAIT
        assert (_mm(first.page_width), _mm(first.page_height)) == (210, 297)
        margins = (first.top_margin, first.left_margin, first.right_margin, first.bottom_margin)
        assert tuple(_mm(m) for m in margins) == (37, 28, 26, 35)

    def test_problem_list_on_landscape_pages_then_portrait_again(
        self, notice: tuple[Any, DocumentObject]
    ) -> None:
        sections = notice[1].sections
        assert [s.orientation for s in sections] == [
            WD_ORIENT.PORTRAIT,
            WD_ORIENT.LANDSCAPE,
            WD_ORIENT.PORTRAIT,
        ]
        wide = sections[1]
        assert (_mm(wide.page_width), _mm(wide.page_height)) == (297, 210)
        assert _mm(sections[2].top_margin) == 37

    def test_page_numbers_in_footer(self, notice: tuple[Any, DocumentObject]) -> None:
        document = notice[1]
        assert document.settings.odd_and_even_pages_header_footer
        section = document.sections[0]
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            paragraph = footer.paragraphs[0]
            xml = paragraph._p.xml
            assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
            assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
            assert f'w:jc w:val="{align}"' in xml
        footer_style = document.styles["Footer"]
        assert footer_style.font.size == Pt(14)
        assert _east_asia(footer_style) == "宋体"


def _east_asia(style: Any) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsiaTheme")) is None, "a theme font would override the name"
    value: str | None = fonts.get(qn("w:eastAsia"))
    return value


class TestStyles:
    @pytest.mark.parametrize(
        ("style", "font", "size"),
        [
            ("Normal", "仿宋_GB2312", 16),
            ("Title", "方正小标宋简体", 22),
            ("Heading 1", "黑体", 16),
            ("Heading 2", "楷体_GB2312", 16),
            ("Heading 3", "仿宋_GB2312", 16),
            ("Heading 4", "仿宋_GB2312", 16),
            ("EM Table Text", "仿宋_GB2312", 10.5),
        ],
    )
    def test_fonts_on_styles(
        self, notice: tuple[Any, DocumentObject], style: str, font: str, size: float
    ) -> None:
        found = notice[1].styles[style]
        assert _east_asia(found) == font
        assert found.font.size == Pt(size)
        assert found.font.color.rgb is None

    def test_body_has_two_character_first_line_indent(
        self, notice: tuple[Any, DocumentObject]
    ) -> None:
        normal = notice[1].styles["Normal"]
        indent = normal.element.pPr.find(qn("w:ind"))
        assert indent.get(qn("w:firstLineChars")) == "200"
        assert normal.paragraph_format.first_line_indent == Pt(32)

    def test_title_font_falls_back_to_songti(self, pack: RulePack) -> None:
        _, data = render(GAPS, pack, AS_OF, "notice")
        table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
        assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in table

    def test_paragraphs_use_the_styles(self, notice: tuple[Any, DocumentObject]) -> None:
        document = notice[1]
        title = next(p for p in document.paragraphs if p.style.name == "Title")
        assert "整改通知书" in title.text
        body = [p for p in document.paragraphs if p.style.name == "Normal" and p.text]
        assert body and all(not p.runs[0].font.name for p in body)


class TestHeadings:
    def test_notice_headings(self, notice: tuple[Any, DocumentObject]) -> None:
        document = notice[1]
        first = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert first == ["一、检查基本情况", "二、存在的问题及整改措施", "三、整改要求"]
        second = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
        audit = notice[0]
        assert second == [
            f"（{n}）{s.name}{'本级' if i == 0 else ''}"
            for i, (n, s) in enumerate(zip("一二三四", audit.subjects, strict=False))
        ]

    def test_gap_report_headings(self, gap: tuple[Any, DocumentObject]) -> None:
        first = [p.text for p in gap[1].paragraphs if p.style.name == "Heading 1"]
        assert first == [
            "一、检查基本情况",
            "二、逐项检查情况",
            "三、存在的问题及整改建议",
            "四、“十个一”标准建设情况",
            "五、整改要求",
        ]


class TestTables:
    def test_notice_lists_every_failing_outcome_once(
        self, notice: tuple[Any, DocumentObject], pack: RulePack
    ) -> None:
        audit, document = notice
        tables = tables_with_header(document, PROBLEM_HEADER)
        rows = [row for table in tables for row in cells(table)[1:]]
        failing = [
            o
            for subject in audit.subjects
            for o in ordered((o for o in audit.outcomes if o.subject is subject), pack)
            if o.status == FAIL
        ]
        assert failing, "the gap example must have failing outcomes"
        assert len(rows) == len(failing)
        for row, outcome in zip(rows, failing, strict=True):
            assert outcome.message is not None
            assert outcome.message.zh in row[1]
            assert row[2].startswith(f"{outcome.rule.clause}（{outcome.rule.id}）：“")
            assert outcome.rule.quote[:20] in row[2]
            assert outcome.subject.name in row[5]
        assert [r[0] for r in cells(tables[0])[1:]] == [
            str(i) for i in range(1, len(cells(tables[0])))
        ]

    def test_one_problem_table_per_unit_with_problems(
        self, notice: tuple[Any, DocumentObject]
    ) -> None:
        audit, document = notice
        with_problems = [
            s
            for s in audit.subjects
            if any(o.subject is s and o.status == FAIL for o in audit.outcomes)
        ]
        assert len(tables_with_header(document, PROBLEM_HEADER)) == len(with_problems)

    def test_deadlines_and_review_dates(
        self, notice: tuple[Any, DocumentObject], pack: RulePack
    ) -> None:
        rows = [r for t in tables_with_header(notice[1], PROBLEM_HEADER) for r in cells(t)[1:]]
        meta = load_meta(META)
        assert meta.inspection_date == date(2026, 11, 30)
        assert {r[4] for r in rows} == {"2026年12月30日前"}  # 30 days from the inspection
        assert {r[6] for r in rows} == {"2027年1月5日"}  # the review date from the meta file
        assert any("周强" in r[5] for r in rows)

    def test_overdue_problems_say_so(self, notice: tuple[Any, DocumentObject]) -> None:
        audit, document = notice
        rows = [r for t in tables_with_header(document, PROBLEM_HEADER) for r in cells(t)[1:]]
        overdue = [o for o in audit.outcomes if o.status == FAIL and o.due == OVERDUE]
        assert sum("已过）" in r[1] for r in rows) == len(overdue) > 0

    def test_every_table_repeats_its_header_and_never_splits_rows(
        self, gap: tuple[Any, DocumentObject]
    ) -> None:
        document = gap[1]
        assert len(document.tables) >= 4
        for table in document.tables:
            rows = table._tbl.tr_lst
            assert len(rows) >= 2, "no empty tables"
            assert rows[0].trPr.find(qn("w:tblHeader")) is not None
            assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
            assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"

    def test_ten_ones_checklist(self, gap: tuple[Any, DocumentObject], pack: RulePack) -> None:
        audit, document = gap
        rules = sorted((r for r in pack.rules if r.section == "ten_ones"), key=lambda r: r.id)
        # The district has its own "ten ones" item (the 专题片), so it has a column too.
        units = [s for s in audit.subjects if any(s.level_group in r.levels for r in rules)]
        assert {u.level_group for u in units} == {"district", "village", "community"}
        table = tables_with_header(document, ("序号", "项目", *(u.name for u in units)))
        assert len(table) == 1
        rows = cells(table[0])[1:]
        assert [r[1] for r in rows] == [r.title.zh for r in rules]
        status = {(o.subject.id, o.rule.id): o.status for o in audit.outcomes}
        marks = {"pass": "✓", "fail": "✗", "not_applicable": "—"}
        for row, rule in zip(rows, rules, strict=True):
            assert row[2:] == [marks[status[(u.id, rule.id)]] for u in units]

    def test_gap_report_lists_every_applicable_outcome(
        self, gap: tuple[Any, DocumentObject]
    ) -> None:
        audit, document = gap
        header = ("序号", "条款", "检查项目", "结论", "说明")
        rows = [r for t in tables_with_header(document, header) for r in cells(t)[1:]]
        applicable = [o for o in audit.outcomes if o.status != "not_applicable"]
        assert len(rows) == len(applicable)
        assert sum(r[3] in ("不符合", "需关注") for r in rows) == sum(
            o.status == FAIL for o in audit.outcomes
        )


class TestCompliant:
    def test_compliant_notice_says_there_is_nothing_to_rectify(self, pack: RulePack) -> None:
        _, data = render(COMPLIANT, pack, AS_OF, "notice")
        document = open_docx(data)
        assert not tables_with_header(document, PROBLEM_HEADER)
        text = docx_text(document)
        assert "未发现需要整改的问题" in text
        assert all(len(t.rows) >= 2 for t in document.tables)
        assert len(document.sections) == 1  # no landscape pages without a problem list


class TestDeadlineSetting:
    def test_pilot_deadline_while_still_ahead(self, pack: RulePack) -> None:
        from emcheck.audit.engine import audit_file

        pilot = dataclasses.replace(
            pack, settings={**pack.settings, "rectification_deadline": "pilot"}
        )
        early = date(2026, 1, 10)
        audit = audit_file(GAPS, pilot, early)
        problems = problems_of(audit.outcomes, pilot, ReportMeta(), early)
        assert problems
        for problem in problems:
            pilot_date = problem.outcome.deadline
            if pilot_date is not None:
                assert problem.deadline == pilot_date
            else:
                assert problem.deadline == date(2026, 2, 9)  # 30 days on
            assert problem.review > problem.deadline

    def test_pilot_deadline_passed_falls_back_to_the_period(self, pack: RulePack) -> None:
        from emcheck.audit.engine import audit_file

        pilot = dataclasses.replace(
            pack, settings={**pack.settings, "rectification_deadline": "pilot"}
        )
        audit = audit_file(GAPS, pilot, AS_OF)
        problems = problems_of(audit.outcomes, pilot, ReportMeta(), AS_OF)
        assert {p.deadline for p in problems} == {date(2026, 12, 30)}

    def test_unknown_choice_is_a_pack_error(self, pack: RulePack) -> None:
        broken = dataclasses.replace(
            pack, settings={**pack.settings, "rectification_deadline": "someday"}
        )
        with pytest.raises(RulePackError, match="rectification_deadline"):
            render(GAPS, broken, AS_OF, "notice")


@pytest.mark.parametrize("site", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["gap", "notice"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_example_renders_in_both_languages(
    pack: RulePack, site: Path, kind: str, lang: str
) -> None:
    audit, data = render(site, pack, AS_OF, kind, lang=lang)  # type: ignore[arg-type]
    document = open_docx(data)
    assert audit.subjects[0].name in docx_text(document)
    assert all(len(t.rows) >= 2 for t in document.tables)


@pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (.ci/run installs it; in CI this test never skips)",
)
def test_libreoffice_opens_every_report(pack: RulePack, tmp_path: Path) -> None:
    """LibreOffice converts each report without complaint, and the PDF holds Chinese text."""
    names = []
    for site in EXAMPLE_FILES:
        for kind in ("gap", "notice"):
            _, data = render(site, pack, AS_OF, kind)  # type: ignore[arg-type]
            path = tmp_path / f"{site.stem}-{kind}.docx"
            path.write_bytes(data)
            names.append(path)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, names)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for path in names:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file(), f"LibreOffice could not convert {path.name}"
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
            assert "应急管理体系和能力规范化建设试点" in text


@pytest.mark.parametrize("kind", ["gap", "notice"])
def test_golden_text(pack: RulePack, kind: str) -> None:
    _, data = render(GAPS, pack, AS_OF, kind)  # type: ignore[arg-type]
    # The annex names the pack's digest, which changes with every rule edit.
    text = docx_text(open_docx(data)).replace(pack.sha256, "(pack digest)")
    check_golden(f"{GAPS.stem}.{kind}.docx.txt", text)


class TestCommand:
    def test_one_site_file_one_document(self, cli: Cli, tmp_path: Path) -> None:
        out = tmp_path / "notice.docx"
        result = cli(
            "report", GAPS, "-o", out, "--kind", "notice", "--meta", META, "--as-of", AS_OF_TEXT
        )
        assert result.exit_code == 1  # findings, as for audit; the document is still written
        document = open_docx(out.read_bytes())
        assert "红应急检〔2026〕7号" in docx_text(document)
        # The notice and its record (for recheck --notice); no temporary left.
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.docx", "notice.json"]

    def test_folder_gives_one_report_per_site_file(
        self, cli: Cli, tmp_path: Path, examples_folder: Path
    ) -> None:
        out = tmp_path / "reports"
        result = cli("report", examples_folder, "-o", out, "--as-of", AS_OF_TEXT, "-f", "markdown")
        assert result.exit_code == 1
        assert sorted(p.name for p in out.iterdir()) == [f"{p.stem}-gap.md" for p in EXAMPLE_FILES]

    def test_an_existing_report_is_kept_unless_forced(self, cli: Cli, tmp_path: Path) -> None:
        signed = tmp_path / "n.docx"
        signed.write_bytes(b"signed by the inspector")
        result = cli("report", GAPS, "-o", signed, "--as-of", AS_OF_TEXT)
        assert result.exit_code == 2
        assert f"{signed}: 文件已存在，未写入任何报告；确需覆盖请加 --force" in result.output
        assert signed.read_bytes() == b"signed by the inspector"
        assert cli("report", GAPS, "-o", signed, "--as-of", AS_OF_TEXT, "--force").exit_code == 1
        assert "报告" in docx_text(open_docx(signed.read_bytes()))

    def test_a_folder_run_writes_nothing_when_one_report_exists(
        self, cli: Cli, tmp_path: Path, examples_folder: Path
    ) -> None:
        out = tmp_path / "reports"
        out.mkdir()
        kept = out / f"{EXAMPLE_FILES[-1].stem}-gap.md"
        kept.write_text("edited", encoding="utf-8")
        result = cli("report", examples_folder, "-o", out, "--as-of", AS_OF_TEXT, "-f", "markdown")
        assert result.exit_code == 2
        assert [p.name for p in out.iterdir()] == [kept.name]
        assert kept.read_text(encoding="utf-8") == "edited"

    def test_options_override_the_meta_file(self, cli: Cli, tmp_path: Path) -> None:
        out = tmp_path / "n.docx"
        cli(
            "report", GAPS, "-o", out, "--kind", "notice", "--meta", META,
            "--number", "青应急检〔2026〕1号", "--issuer", "青山区应急管理局",
            "--inspector", "赵一", "--inspector", "钱二", "--inspection-date", "2026-11-20",
        )  # fmt: skip
        text = docx_text(open_docx(out.read_bytes()))
        assert "青应急检〔2026〕1号" in text and "红应急检" not in text
        assert "青山区应急管理局于2026年11月20日" in text
        assert "（赵一）" in text and "张明" not in text

    def test_unwritable_output_is_exit_2_and_nothing_written(
        self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def refuse(path: Path, data: bytes) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("emcheck.writing.write_atomically", refuse)
        out = tmp_path / "n.docx"
        result = cli("report", GAPS, "-o", out, "--as-of", AS_OF_TEXT)
        assert result.exit_code == 2
        assert f"{out}: 无法写入：Permission denied" in result.output
        assert not out.exists()

    def test_waived_failures_are_reported_but_not_to_rectify(
        self, cli: Cli, tmp_path: Path
    ) -> None:
        site = tmp_path / "sites" / GAPS.name
        site.parent.mkdir()
        shutil.copy(GAPS, site)
        with_attachments(site.parent)
        (site.parent / "emcheck-waivers.yaml").write_text(
            "waivers:\n  - rule: ORG-08\n    site: hongqiao\n    reason: 队员招募中\n"
            "    approver: 区应急局 周某某\n    expires: 2027-06-30\n",
            encoding="utf-8",
        )
        out = tmp_path / "n.docx"
        cli("report", site, "-o", out, "--kind", "notice", "--as-of", AS_OF_TEXT)
        document = open_docx(out.read_bytes())
        rows = [r for t in tables_with_header(document, PROBLEM_HEADER) for r in cells(t)[1:]]
        assert not any("（ORG-08）" in r[2] for r in rows)
        plain = tmp_path / "plain.docx"
        cli("report", GAPS, "-o", plain, "--kind", "notice", "--as-of", AS_OF_TEXT)
        unwaived = tables_with_header(open_docx(plain.read_bytes()), PROBLEM_HEADER)
        assert len(rows) == sum(len(t.rows) - 1 for t in unwaived) - 1
        assert "经批准豁免，暂不要求整改：ORG-08" in docx_text(document)
        assert "队员招募中" in docx_text(document)

    def test_missing_output_folder(self, cli: Cli, tmp_path: Path) -> None:
        result = cli("report", GAPS, "-o", tmp_path / "no" / "n.docx", "--as-of", AS_OF_TEXT)
        assert result.exit_code == 2
        assert "不存在" in result.output

    def test_several_reports_need_a_folder(self, cli: Cli, tmp_path: Path) -> None:
        out = tmp_path / "file.docx"
        out.write_bytes(b"")
        result = cli("report", GAPS, COMPLIANT, "-o", out, "--as-of", AS_OF_TEXT)
        assert result.exit_code == 2
        assert "请给一个文件夹" in result.output

    def test_invalid_site_file_gets_no_report(self, cli: Cli, tmp_path: Path) -> None:
        broken = tmp_path / "sites" / "broken.yaml"
        broken.parent.mkdir()
        broken.write_text(
            "schema_version: 1\nlevel: village\nid: x\nname: 某村\nbogus: 1\n", "utf-8"
        )
        out = tmp_path / "out"
        result = cli("report", broken.parent, "-o", out, "--as-of", AS_OF_TEXT)
        assert result.exit_code == 2
        assert f"{broken}:5:1" in result.output
        assert list(out.iterdir()) == []


class TestMeta:
    def test_schema_error_names_file_line_column(self, cli: Cli, tmp_path: Path) -> None:
        meta = tmp_path / "meta.yaml"
        meta.write_text("issuer: 某局\ninspection_date: 2026-13-01\n", encoding="utf-8")
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--meta", meta)
        assert result.exit_code == 2
        assert f"{meta}:2:1" in result.output and "2026-13-01" in result.output
        assert not (tmp_path / "n.docx").exists()

    def test_unknown_key(self, cli: Cli, tmp_path: Path) -> None:
        meta = tmp_path / "meta.yaml"
        meta.write_text("isuer: 某局\n", encoding="utf-8")
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--meta", meta)
        assert result.exit_code == 2
        assert f"{meta}:1:1" in result.output and "issuer" in result.output

    def test_two_inspectors(self, cli: Cli, tmp_path: Path) -> None:
        meta = tmp_path / "meta.yaml"
        meta.write_text("inspectors:\n  - name: 张明\n", encoding="utf-8")
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--meta", meta)
        assert result.exit_code == 2
        assert f"{meta}:1:1" in result.output and "不少于 2 名" in result.output

    def test_responsible_for_an_unknown_unit(self, cli: Cli, tmp_path: Path) -> None:
        meta = tmp_path / "meta.yaml"
        meta.write_text("responsible:\n  hongqiao: 周强\n  nowhere: 某人\n", encoding="utf-8")
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--meta", meta)
        assert result.exit_code == 2
        assert f"{meta}:3:3" in result.output and "nowhere" in result.output

    def test_bad_date_option(self, cli: Cli, tmp_path: Path) -> None:
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--inspection-date", "11/30")
        assert result.exit_code == 2
        assert "--inspection-date" in result.output


class TestTemplateDir:
    def _dir(self, tmp_path: Path, text: str) -> Path:
        folder = tmp_path / "wording"
        folder.mkdir(parents=True)
        (folder / "zh.yaml").write_text(text, encoding="utf-8")
        return folder

    def test_override_one_sentence(self, cli: Cli, tmp_path: Path) -> None:
        folder = self._dir(tmp_path, 'heading_requirements: "{{ unit }}整改工作要求"\n')
        out = tmp_path / "n.docx"
        cli("report", GAPS, "-o", out, "--kind", "notice", "--template-dir", folder)
        headings = [
            p.text for p in open_docx(out.read_bytes()).paragraphs if p.style.name == "Heading 1"
        ]
        assert headings[-1] == "三、红桥街道整改工作要求"
        assert headings[0] == "一、检查基本情况"

    def test_unknown_key_is_an_input_error(self, cli: Cli, tmp_path: Path) -> None:
        folder = self._dir(tmp_path, "titel: 报告\n")
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--template-dir", folder)
        assert result.exit_code == 2
        assert f"{folder / 'zh.yaml'}:1:1" in result.output and "title" in result.output

    def test_syntax_error(self, cli: Cli, tmp_path: Path) -> None:
        folder = self._dir(tmp_path, "opening: x\ntitle: '{{ unit '\n")
        result = cli("report", GAPS, "-o", tmp_path / "n.docx", "--template-dir", folder)
        assert result.exit_code == 2
        assert f"{folder / 'zh.yaml'}:2:1" in result.output and "模板语法错误" in result.output

    def test_undefined_variable_and_sandbox(self, cli: Cli, tmp_path: Path) -> None:
        folder = self._dir(tmp_path, "title: '{{ nope }}'\nopening: '{{ unit.__class__ }}'\n")
        out = tmp_path / "n.docx"
        result = cli("report", GAPS, "-o", out, "--template-dir", folder)
        assert result.exit_code == 2
        assert "nope" in result.output and not out.exists()
        folder = self._dir(tmp_path / "b", "opening: '{{ unit.__class__.__mro__ }}'\n")
        result = cli("report", GAPS, "-o", out, "--template-dir", folder)
        assert result.exit_code == 2 and not out.exists()

    def test_missing_language_file(self, cli: Cli, tmp_path: Path) -> None:
        folder = self._dir(tmp_path, "title: x\n")
        result = cli(
            "report", GAPS, "-o", tmp_path / "n.docx", "--template-dir", folder, "--lang", "en"
        )
        assert result.exit_code == 2
        assert "en.yaml" in result.output


def test_builtin_wordings_have_the_same_keys() -> None:
    from emcheck.report.wording import wording

    assert wording("zh").keys() == wording("en").keys()


def test_control_characters_in_site_data_do_not_break_the_document(
    pack: RulePack, tmp_path: Path
) -> None:
    site = tmp_path / "odd.yaml"
    site.write_text(
        'schema_version: 1\nlevel: village\nid: odd\nname: "柳\\x01溪村"\npilot_year: 2026\n',
        encoding="utf-8",
    )
    for kind in ("gap", "notice"):
        _, data = render(site, pack, AS_OF, kind, meta=ReportMeta())  # type: ignore[arg-type]
        assert "柳\ufffd溪村" in docx_text(open_docx(data))


def test_what_was_judged_is_in_the_properties_not_the_body(pack: RulePack) -> None:
    _, data = render(GAPS, pack, AS_OF, "notice")
    document = open_docx(data)
    comments = document.core_properties.comments
    assert pack.version in comments and GAPS.name in comments
    body = docx_text(document)
    assert "emcheck" not in body and GAPS.name not in body


def test_meta_file_beside_the_sites_is_not_a_site(cli: Any, tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    shutil.copy(GAPS, sites / GAPS.name)
    shutil.copy(META, sites / "meta.yaml")
    out = tmp_path / "out"
    result = cli("report", sites, "--meta", sites / "meta.yaml", "-o", out, "--as-of", AS_OF_TEXT)
    assert result.exit_code == 1, result.output
    assert [p.name for p in out.iterdir()] == [f"{GAPS.stem}-gap.docx"]


def test_several_reports_need_a_folder_not_a_document_name(
    cli: Any, tmp_path: Path, examples_folder: Path
) -> None:
    target = tmp_path / "汇总.docx"
    result = cli("report", examples_folder, "-o", target, "--as-of", AS_OF_TEXT)
    assert result.exit_code == 2 and "文件夹" in result.output
    assert not target.exists()
