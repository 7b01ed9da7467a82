"""``--kind recheck``: the 整改复查意见书 (rectification recheck), GB/T 9704 like the notice
and laid out by the same Word writer; what it says is decided in ``document_content``."""

from __future__ import annotations

from emcheck.history.recheck import Recheck
from emcheck.report.docx_report import render as render_docx
from emcheck.report.recheck import RecheckContext
from emcheck.report.recheck.document_content import recheck_blocks

KEYWORDS = "emcheck-recheck"


def render(recheck: Recheck, context: RecheckContext) -> bytes:
    blocks = recheck_blocks(recheck, context)
    pack = context.pack
    earlier = ", ".join(f"{file} ({as_of})" for file, as_of in recheck.rounds)
    judged = f"rule pack {pack.id} {pack.version}; rechecked against {earlier}"
    author = context.meta.issuer or "emcheck"
    return render_docx(blocks, author, recheck.as_of, judged, keywords=KEYWORDS)
