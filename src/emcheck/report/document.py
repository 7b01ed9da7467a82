"""A whole report as bytes, in the format asked for; python-docx is imported only for Word."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from emcheck.audit.outcomes import FileAudit
from emcheck.history import notice_record
from emcheck.report.content import ReportSpec, build_report
from emcheck.report.rows import problems_of
from emcheck.report.tied import report_properties
from emcheck.rulepack.model import RulePack

FORMATS = ("docx", "markdown")


def render_report(
    audit: FileAudit, pack: RulePack, as_of: date, spec: ReportSpec, output_format: str
) -> bytes:
    """``docx`` (Word) or ``markdown`` (UTF-8 text) for one audited site file."""
    if output_format == "markdown":
        from emcheck.report.markdown import render_blocks

        blocks = build_report(audit, pack, as_of, replace(spec, thumbnails=False))
        return render_blocks(blocks).encode("utf-8")
    from emcheck.report.docx_report import render

    blocks = build_report(audit, pack, as_of, spec)
    author = spec.meta.issuer or "emcheck"
    # What judged the site goes into the document's properties; its digests into custom ones.
    judged = f"{audit.file}; rule pack {pack.id} {pack.version}"
    return render(
        blocks,
        author,
        spec.meta.inspection_date or as_of,
        judged,
        custom=report_properties(audit, pack),
    )


def render_notice_record(audit: FileAudit, pack: RulePack, as_of: date, spec: ReportSpec) -> bytes:
    """What the notice of ``render_report`` demands, for the recheck to cite: its 文号, issue
    date and every item's 整改期限 exactly as the notice prints them (the same problems)."""
    issued_on = spec.meta.inspection_date or as_of
    items = [
        notice_record.NoticeItem(
            p.outcome.rule.id, p.outcome.subject.id, p.outcome.key_paths, p.deadline
        )
        for p in problems_of(audit.outcomes, pack, spec.meta, issued_on)
    ]
    text = notice_record.render(spec.meta.number, issued_on, spec.meta.issuer, items)
    return text.encode("utf-8")


def notice_record_path(report: Path) -> Path:
    """``整改通知书.docx`` → ``整改通知书.json`` beside it (never the report itself)."""
    record = report.with_suffix(".json")
    return record if record != report else report.with_name(report.name + ".json")
