"""``emcheck progress --format docx``: the 调度通报, its figures, its XML and LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx.document import Document as DocumentObject

from conftest import EXAMPLE_FILES
from emcheck.commands.audit import OutputRequest
from emcheck.commands.progress import ProgressRun, run_progress
from emcheck.i18n import Lang
from ooxml_support import HAVE_SCHEMAS, assert_parts_validate, wml_schema
from report_support import check_golden, docx_text, open_docx

AS_OF = date(2026, 4, 10)
EARLIER = date(2026, 3, 10)
HEADINGS_ZH = ["一、基本情况", "二、节点完成情况", "三、排名情况", "四、共性问题"]


def _run(folder: Path, name: str, lang: Lang = "zh", previous: tuple[Path, ...] = ()) -> Path:
    """The examples' round as docx and json, as the command writes them."""
    outputs = tuple(OutputRequest(f, folder / f"{name}.{f}") for f in ("docx", "json"))
    as_of = EARLIER if name == "earlier" else AS_OF
    run_progress(
        ProgressRun(tuple(EXAMPLE_FILES), previous, lang, as_of, None, outputs, None, jobs=1)
    )
    return folder / name


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bulletin")
    earlier = _run(folder, "earlier")
    return {
        "zh": _run(folder, "zh"),
        "en": _run(folder, "en", "en"),
        "trend": _run(folder, "trend", previous=(earlier.with_suffix(".json"),)),
    }


def _document(made: dict[str, Path], key: str) -> DocumentObject:
    return open_docx(made[key].with_suffix(".docx").read_bytes())


def _headings(document: DocumentObject) -> list[str]:
    return [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]


def test_sections_in_order(made: dict[str, Path]) -> None:
    document = _document(made, "zh")
    assert document.paragraphs[0].text.endswith("试点工作进展情况的通报")
    assert _headings(document) == [*HEADINGS_ZH, "五、下一步工作要求"]
    with_trend = _headings(_document(made, "trend"))
    assert with_trend == [*HEADINGS_ZH, "五、与上轮相比", "六、下一步工作要求"]


def test_figures_are_the_rounds(made: dict[str, Path]) -> None:
    round_ = json.loads(made["zh"].with_suffix(".json").read_text(encoding="utf-8"))
    total = round_["summary"]
    text = docx_text(_document(made, "zh"))
    for said in (
        f"涉及试点单位{len(round_['units'])}个",
        f"符合{total['pass']}项",
        f"不符合{total['fail'] - total['warnings']}项",
        f"需关注{total['warnings']}项",
        f"合格率{total['compliance_percent']}%",
        f"{total['overdue']}项已超过试点完成时限",
    ):
        assert said in text
    for unit in round_["units"]:
        if unit["level"] in ("village", "community"):
            assert f"| {unit['name']} | {unit['zone']} | {unit['compliance_percent']}% |" in text


def test_properties(made: dict[str, Path]) -> None:
    core = _document(made, "zh").core_properties
    assert core.title.startswith("关于乡镇(街道)")
    assert core.author == "emcheck"
    assert core.keywords == "emcheck-progress"
    assert core.subject.endswith("试点方案")


def test_charts_are_pictures(made: dict[str, Path]) -> None:
    from emcheck.report.progress.charts import cjk_font

    if cjk_font() is None:
        pytest.skip("no CJK font: the charts are left out")
    assert len(_document(made, "zh").inline_shapes) == 2
    document = _document(made, "trend")
    assert len(document.inline_shapes) == 3
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert [c[:2] for c in captions] == ["图1", "图2", "图3"]


@pytest.mark.skipif(not HAVE_SCHEMAS, reason="../shared/schemas/ooxml is not beside this checkout")
@pytest.mark.parametrize("key", ["zh", "en", "trend"])
def test_parts_validate(made: dict[str, Path], key: str) -> None:
    assert_parts_validate(made[key].with_suffix(".docx").read_bytes(), wml_schema())


@pytest.mark.parametrize("key", ["zh", "en"])
def test_golden_text(made: dict[str, Path], key: str) -> None:
    check_golden(f"progress-examples.{key}.docx.txt", docx_text(_document(made, key)))


def test_english(made: dict[str, Path]) -> None:
    headings = _headings(_document(made, "en"))
    assert headings[0] == "1. Overview" and headings[-1] == "5. Next steps"


def test_unreadable_files_have_a_section(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    for path in EXAMPLE_FILES:
        shutil.copy(path, sites)
    (sites / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    target = tmp_path / "b.docx"
    outputs = (OutputRequest("docx", target),)
    run_progress(ProgressRun((sites,), (), "zh", AS_OF, None, outputs, None, jobs=1))
    document = open_docx(target.read_bytes())
    assert "五、未能审核的文件" in _headings(document)
    assert "有1个站点文件无法读取或格式有误" in docx_text(document)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_converts_it(made: dict[str, Path], tmp_path: Path) -> None:
    source = made["trend"].with_suffix(".docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = tmp_path / "trend.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
