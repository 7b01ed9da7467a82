"""Reports as GitHub-flavoured Markdown, for CI summaries and quick reading.

``emcheck audit --format markdown`` prints the gap report of every audited file;
``emcheck report --format markdown`` writes one file per site file, of either kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from emcheck.audit.outcomes import AuditResult, FileAudit
from emcheck.i18n import Lang, Text
from emcheck.report.blocks import Block, Heading, Paragraph, Table, Title
from emcheck.report.content import ReportSpec, build_report
from emcheck.report.meta import ReportMeta
from emcheck.report.wording import wording
from emcheck.reporters.options import ReportOptions

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_WIDE_SPACE = "\u3000" * 4


def render(result: AuditResult, options: ReportOptions) -> str:
    """The gap report of each file, one after another; files that cannot be audited say why."""
    spec = ReportSpec("gap", ReportMeta(), wording(options.lang), thumbnails=False)
    parts = []
    for audit in result.files:
        if audit.audited:
            parts.append(render_blocks(build_report(audit, result.pack, result.as_of, spec)))
        else:
            parts.append(_unaudited(audit, options.lang))
    return "\n---\n\n".join(parts)


def render_blocks(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out.append(f"# {escape(_one_line(block.text))}\n")
        elif isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {escape(block.number + block.text)}\n")
        elif isinstance(block, Paragraph):
            out.append(_paragraph(block) + "\n")
        elif isinstance(block, Table):
            out.append(_table(block) + "\n")
    return "\n".join(out)


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _one_line(text: str) -> str:
    """A title's lines joined: no space between Chinese lines, one between English ones."""
    joined = ""
    for line in text.split("\n"):
        if joined and (joined[-1].isascii() or line[:1].isascii()):
            joined += " "
        joined += line
    return joined


def _paragraph(block: Paragraph) -> str:
    text = escape(block.text).replace("\t", _WIDE_SPACE)
    if block.role in ("caption", "label"):
        return f"**{text}**"
    return text


def _table(block: Table) -> str:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(escape(c).replace("\n", "<br>") for c in cells) + " |"

    lines = [row(block.header), "|" + "---|" * len(block.header)]
    lines += [row(cells) for cells in block.rows]
    return "\n".join(lines)


def _unaudited(audit: FileAudit, lang: Lang) -> str:
    heading = Text(f"{audit.file}：无法审核", f"{audit.file}: cannot be audited").get(lang)
    lines = [f"# {escape(heading)}\n"]
    if audit.error is not None:
        lines.append(f"- {escape(audit.error.render(lang))}")
    for problem in audit.problems:
        lines.append(
            f"- {escape(problem.location.shown(lang))}: {escape(problem.message.get(lang))}"
        )
    return "\n".join(lines) + "\n"
