"""``emcheck recheck`` outputs, by ``--kind``: each a module whose ``render(recheck, context)``
returns the file's bytes (:data:`Render`); to add one, its module and a line in
``KIND_BY_NAME``. Modules load only when asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from emcheck.history.recheck import Recheck
from emcheck.i18n import Lang
from emcheck.report.meta import ReportMeta
from emcheck.rulepack.model import RulePack


@dataclass(frozen=True)
class RecheckContext:
    lang: Lang
    pack: RulePack
    meta: ReportMeta
    """Who rechecks whom, under which number (``--meta``, like ``report``)."""


Render = Callable[[Recheck, RecheckContext], bytes]

KIND_BY_NAME = {
    "recheck": "emcheck.report.recheck.document",
    "ledger": "emcheck.report.recheck.ledger",
    "markdown": "emcheck.report.recheck.markdown",
    "json": "emcheck.report.recheck.record",
}
SUFFIX_BY_KIND = {"recheck": ".docx", "ledger": ".xlsx", "markdown": ".md", "json": ".json"}
BINARY_KINDS = ("recheck", "ledger")
"""Kinds that cannot go to a terminal: they need ``-o``."""


def renderer(kind: str) -> Render:
    module = importlib.import_module(KIND_BY_NAME[kind])
    render: Render = module.render
    return render
