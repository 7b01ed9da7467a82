"""Helpers for the report tests: render an example, read a .docx back as text, golden files.

Golden files (tests/golden/) are text snapshots, not bytes. After a deliberate change to
the wording, the rules or the examples, regenerate them with

    EMCHECK_UPDATE_GOLDEN=1 /work/venv/bin/pytest tests/test_report_docx.py tests/test_report_markdown.py

and review the diff before committing.
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph

from emcheck.audit.engine import audit_file
from emcheck.audit.outcomes import FileAudit
from emcheck.i18n import Lang
from emcheck.report.content import Kind, ReportSpec
from emcheck.report.document import render_report
from emcheck.report.meta import ReportMeta, load_meta
from emcheck.report.wording import wording
from emcheck.rulepack.model import RulePack

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
META = HERE / "fixtures" / "report" / "meta.yaml"
PROBLEM_HEADER = (
    "序号",
    "问题描述",
    "违反条款",
    "整改措施",
    "整改期限",
    "责任单位/责任人",
    "复查日期",
)


def render(
    site: Path,
    pack: RulePack,
    as_of: date,
    kind: Kind,
    output_format: str = "docx",
    lang: Lang = "zh",
    meta: ReportMeta | None = None,
) -> tuple[FileAudit, bytes]:
    audit = audit_file(site, pack, as_of)
    spec = ReportSpec(kind, meta if meta is not None else load_meta(META), wording(lang))
    return audit, render_report(audit, pack, as_of, spec, output_format)


def open_docx(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables_with_header(document: DocumentObject, header: tuple[str, ...]) -> list[Table]:
    return [t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == header]


def docx_text(document: DocumentObject) -> str:
    """The body in order: each paragraph with its style, each table row as cells joined by |."""
    lines = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text:
                style = item.style.name if item.style is not None else ""
                lines.append(f"[{style}] {item.text}".replace("\n", " / "))
        else:
            lines.append("<table>")
            lines += [" | ".join(c.replace("\n", " / ") for c in row) for row in cells(item)]
            lines.append("</table>")
    return "\n".join(lines) + "\n"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("EMCHECK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run with EMCHECK_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from the golden file; if the change is intended, "
        "regenerate with EMCHECK_UPDATE_GOLDEN=1 and review the diff"
    )
