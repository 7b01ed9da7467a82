"""``# emcheck: ignore ORG-03 <reason>`` on the line a finding points at waives that finding.

Such a comment is written by whoever wrote the site file, usually the unit being audited: it
waives only when the run trusts it (``--inline-ignores``, for a repository whose maintainers
review every change). Otherwise it is listed, not applied: a unit cannot approve its own
exception. The reason is required and must be real: an ignore without one waives nothing and
is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from emcheck.audit.outcomes import FAIL, WAIVED, Notice, Outcome, Waiver
from emcheck.i18n import Text
from emcheck.loading.ignore_comments import InlineIgnore
from emcheck.rulepack.evidence import Evidence

INLINE_APPROVER = "站点文件行内注释（--inline-ignores）"


def apply_inline(
    outcomes: Sequence[Outcome],
    ignores: Sequence[InlineIgnore],
    evidence: Evidence,
    trusted: bool,
) -> tuple[list[Outcome], list[Notice]]:
    """Waive the failures of one file that its own ignore comments name, when trusted."""
    notices = []
    # In a workbook an ignore in a row's 备注/豁免 cell covers that row of that sheet.
    usable: dict[tuple[str, str | None, int], InlineIgnore] = {}
    for ignore in ignores:
        refused = _refusal(ignore, evidence, trusted)
        if refused is not None:
            notices.append(refused)
            continue
        for rule in ignore.rules:
            usable[(rule, ignore.location.sheet, ignore.location.line or 0)] = ignore
    used: set[tuple[str, str | None, int]] = set()
    result = []
    for outcome in outcomes:
        where = outcome.location
        key = (outcome.rule.id, where.sheet, where.line or 0)
        found = usable.get(key) if outcome.status == FAIL else None
        if found is None:
            result.append(outcome)
            continue
        used.add(key)
        waiver = Waiver(
            outcome.rule.id,
            outcome.subject.id,
            None,
            found.reason,
            INLINE_APPROVER,
            None,
            found.location,
        )
        result.append(replace(outcome, status=WAIVED, waiver=waiver))
    for key, ignore in usable.items():
        if key not in used:
            notices.append(
                Notice(
                    ignore.location,
                    Text(
                        f"忽略注释没有对应的问题：{key[0]} 在本行并未判为不符合",
                        f"ignore comment matches nothing: {key[0]} does not fail on this line",
                    ),
                    "warning",
                )
            )
    return result, notices


def _refusal(ignore: InlineIgnore, evidence: Evidence, trusted: bool) -> Notice | None:
    """Why an ignore comment waives nothing, or None when it may be applied."""
    rules_zh, rules_en = "、".join(ignore.rules), ", ".join(ignore.rules)
    if not ignore.rules:
        text = Text(
            "emcheck: ignore 后应写规则编号和理由，例如 # emcheck: ignore ORG-03 编制调整中",
            "emcheck: ignore needs a rule id and a reason, e.g. # emcheck: ignore ORG-03 staffing under review",
        )
        return Notice(ignore.location, text, "error")
    if not evidence.real(ignore.reason):
        text = Text(
            f"忽略 {rules_zh} 必须写明理由，本条忽略未生效",
            f"ignoring {rules_en} needs a reason; this ignore has no effect",
        )
        return Notice(ignore.location, text, "error")
    if not trusted:
        text = Text(
            f"站点文件中的行内忽略（{rules_zh}：{ignore.reason}）未采纳："
            "申报单位不能自行豁免，须由检查组在豁免清单（--waivers）中批准",
            f"inline ignore of {rules_en} ({ignore.reason}) not applied: "
            "a unit cannot waive its own findings; an approved waivers file (--waivers) "
            "can, or --inline-ignores where maintainers review the site files",
        )
        return Notice(ignore.location, text, "warning")
    return None
