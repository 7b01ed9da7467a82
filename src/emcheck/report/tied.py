"""Document properties tying an output to what it judged: the rule pack (version and
SHA-256) and every site file and attachment read, as ``sha256sum`` lines (``sha256sum -c``
checks them from the folder the run started in, as ``emcheck verify`` does for the JSON).

Word reports carry them as custom properties (docx_properties), workbooks likewise
(xlsx_cells.describe).
"""

from __future__ import annotations

from collections.abc import Sequence

from emcheck.audit.outcomes import FileAudit
from emcheck.rulepack.model import RulePack


def input_properties(
    pack_id: str, pack_version: str, pack_sha256: str, judged: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(name, value) pairs; ``judged`` holds (path, SHA-256) pairs."""
    found = [
        ("emcheck-pack", f"{pack_id} {pack_version}"),
        ("emcheck-pack-sha256", pack_sha256),
        ("emcheck-files-sha256", "\n".join(f"{digest}  {path}" for path, digest in judged)),
    ]
    return [(name, value) for name, value in found if value]


def report_properties(audit: FileAudit, pack: RulePack) -> list[tuple[str, str]]:
    """A report on one site file: that file and its digest first, then the pack and files."""
    site = [("emcheck-site-file", audit.file), ("emcheck-site-sha256", audit.sha256 or "")]
    return [p for p in site if p[1]] + input_properties(
        pack.id, pack.version, pack.sha256, audit.judged
    )
