"""A whole report as bytes, in the format asked for; python-docx is imported only for Word."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from emcheck.audit.outcomes import FileAudit
from emcheck.report.content import ReportSpec, build_report
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
