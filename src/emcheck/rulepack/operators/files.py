"""The ``attachments`` operator: the evidence items at a path carry usable attachment files.

The files were checked once, before any rule ran (:mod:`emcheck.attachments.collect`); this
only looks up the references of the items it is given, so a bad file is a finding of the rule
whose evidence it is, at the line of its reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emcheck.attachments.collect import KEY, Attachment
from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.checks import Spec, Value, Where
from emcheck.rulepack.matchers import matches
from emcheck.rulepack.operators.base import Failure, Run
from emcheck.rulepack.scope import Scope

USABLE = Text(
    "可用的佐证附件（JPEG、PNG、PDF、DOCX、XLSX 或 OFD 文件）",
    "a usable attachment (a JPEG, PNG, PDF, DOCX, XLSX or OFD file)",
)


@dataclass(frozen=True, kw_only=True)
class AttachmentsSpec(Spec):
    path: str | None = None
    """An evidence item (``flowchart``) or a list of them (``drills``); None: the element
    ``each`` is looking at."""
    min: Value | None = None
    """Usable attachments each item must have (a number or ``$setting``); none by default."""
    where: Where | None = None
    """Only items meeting it need ``min`` (a flowchart said to be on the wall needs its photo);
    a bad file is reported on any item."""


def attachments(spec: AttachmentsSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """Every listed attachment usable, and at least ``min`` of them on each item."""
    value, at = scope.get(spec.path) if spec.path else (scope.data, scope.path)
    least = int(scope.value(spec.min) or 0)
    items = _items(value, at)
    if not items and least:
        return [Failure(at, label, _at_least(least), Text("未填写", "missing"))]
    found: list[Failure] = []
    for item, item_at in items:
        listed = item.get(KEY)
        count = len(listed) if type(listed) is list else 0
        files = scope.context.attachments
        refs = [files[p] for p in _references(item_at, count) if p in files]
        found += [_unusable(a, label) for a in refs if not a.ok]
        usable = sum(1 for a in refs if a.ok and not a.overflow)
        wanted = spec.where is None or matches(scope.element(item, item_at), spec.where)
        if wanted and usable < least:
            where = (*item_at, KEY) if count else item_at
            shown = Text(f"{usable} 个", str(usable)) if count else Text("未附", "none attached")
            found.append(Failure(where, label, _at_least(least), shown))
    return found


def _items(value: Any, at: JsonPath) -> list[tuple[dict[str, Any], JsonPath]]:
    if type(value) is dict:
        return [(value, at)]
    if type(value) is list:
        return [(v, (*at, i)) for i, v in enumerate(value) if type(v) is dict]
    return []


def _references(item_at: JsonPath, count: int) -> list[JsonPath]:
    """The list itself (where an over-long list is reported) and each of its entries."""
    return [(*item_at, KEY), *((*item_at, KEY, i) for i in range(count))]


def _unusable(attachment: Attachment, label: Text) -> Failure:
    problem = attachment.file.problem
    assert problem is not None
    name = attachment.reference
    actual = Text(f"{name}：{problem.zh}", f"{name}: {problem.en}") if name else problem
    return Failure(attachment.path, label, USABLE, actual, cite_line=True)


def _at_least(least: int) -> Text:
    return Text(f"至少 {least} 个{USABLE.zh}", f"at least {least}: {USABLE.en}")
