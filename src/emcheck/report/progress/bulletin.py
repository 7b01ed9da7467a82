"""``--format docx``: the progress bulletin (调度通报) an office issues, GB/T 9704 like the
other Word documents and laid out by the same writer."""

from __future__ import annotations

from typing import BinaryIO

from emcheck.history.progress import Progress
from emcheck.report.docx_report import render as render_docx
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.bulletin_content import bulletin_blocks
from emcheck.report.progress.charts import charts
from emcheck.report.tied import input_properties

KEYWORDS = "emcheck-progress"


def render(progress: Progress, options: ProgressOptions, out: BinaryIO) -> None:
    round_ = progress.round
    blocks = bulletin_blocks(progress, options.lang, charts(progress, options.lang))
    judged = f"rule pack {round_.pack_id} {round_.pack_version}; as of {round_.as_of}"
    subject = progress.title.get(options.lang)
    tied = input_properties(round_.pack_id, round_.pack_version, round_.pack_sha256, round_.judged)
    out.write(render_docx(blocks, "emcheck", round_.as_of, judged, subject, KEYWORDS, tied))
