"""Markdown: the gap report for CI summaries (``audit --format markdown``) and ``report -f markdown``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import AS_OF, AS_OF_TEXT, COMPLIANT, GAPS
from emcheck.audit.outcomes import FAIL
from emcheck.report.markdown import escape
from emcheck.rulepack.model import RulePack
from report_support import check_golden, render

Cli = Callable[..., Any]


def _problem_rows(markdown: str) -> list[str]:
    rows, inside = [], False
    for line in markdown.splitlines():
        if line.startswith("| 序号 | 问题描述 |"):
            inside = True
        elif inside and line.startswith("|---"):
            continue
        elif inside and line.startswith("| "):
            rows.append(line)
        else:
            inside = False
    return rows


def test_audit_format_markdown_is_the_gap_report(cli: Cli) -> None:
    result = cli("audit", GAPS, "--format", "markdown", "--as-of", AS_OF_TEXT)
    assert result.exit_code == 1
    text = result.output
    assert text.startswith("# 红桥街道应急管理体系和能力规范化建设试点检查情况报告\n")
    assert "## 二、逐项检查情况" in text
    assert "### （一）红桥街道本级" in text
    assert "| 序号 | 条款 | 检查项目 | 结论 | 说明 |" in text


def test_problem_rows_match_the_failing_outcomes(pack: RulePack) -> None:
    audit, data = render(GAPS, pack, AS_OF, "notice", output_format="markdown")
    rows = _problem_rows(data.decode())
    failing = [o for o in audit.outcomes if o.status == FAIL]
    assert len(rows) == len(failing) > 0


def test_several_files_one_after_another(cli: Cli) -> None:
    result = cli("audit", COMPLIANT, GAPS, "--format", "markdown", "--as-of", AS_OF_TEXT)
    assert result.output.count("\n---\n") == 1
    assert "未发现需要整改的问题" in result.output.split("\n---\n")[0]


def test_unaudited_file_says_why(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nlevel: village\nid: x\nname: 某村\nbogus: 1\n", "utf-8")
    result = cli("audit", broken, "--format", "markdown", "--as-of", AS_OF_TEXT)
    assert result.exit_code == 2
    assert "无法审核" in result.output
    assert "bogus" in result.output


def test_escaping_keeps_tables_and_emphasis_intact() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("____年__月") == "\\_\\_\\_\\_年\\_\\_月"
    assert escape("<script>") == "\\<script\\>"


def test_english(pack: RulePack) -> None:
    _, data = render(GAPS, pack, AS_OF, "gap", output_format="markdown", lang="en")
    text = data.decode()
    assert "\n# 红桥街道: emergency-management pilot inspection report\n" in text
    assert "| No. | Problem | Clause | Measure | Deadline | Responsible | Review |" in text


def test_golden_markdown(pack: RulePack) -> None:
    for kind in ("gap", "notice"):
        _, data = render(GAPS, pack, AS_OF, kind, output_format="markdown")  # type: ignore[arg-type]
        # The annex names the pack's digest, which changes with every rule edit.
        text = data.decode().replace(pack.sha256, "(pack digest)")
        check_golden(f"{GAPS.stem}.{kind}.md", text)
