"""The recheck's items as every kind shows them: words and cells built once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from emcheck.history.recheck import STATUS_WORDS, Item
from emcheck.history.round import Finding
from emcheck.i18n import Lang
from emcheck.rulepack.model import Rule, RulePack


@dataclass(frozen=True)
class ItemRow:
    status: str
    """The computed 状态, in words."""
    unit: str
    clause: str
    rule_id: str
    title: str
    description: str
    """问题描述: what was (or is) wrong."""
    advice: str
    """整改措施."""
    deadline: date | None
    days_overdue: int
    where: str
    """file:line of the finding as last seen."""
    key: str
    """The finding key (编号), for the ledger to find it again."""
    note: str
    """已豁免: the waiver's reason."""


def item_row(item: Item, pack: RulePack, lang: Lang) -> ItemRow:
    rule = _rule(pack, item.rule_id)
    title = rule.title.get(lang) if rule else item.rule_id
    clause = rule.clause if rule else ""
    now, before = item.now, item.earlier
    if now is not None and now.message is not None:
        description = now.message.get(lang)
    elif before is not None and before.message:
        description = before.message
    else:
        description = title
    if now is not None:
        where = f"{now.file}:{now.line}" if now.line else now.file
    elif before is not None:
        where = f"{before.file}:{before.line}" if before.line else before.file
    else:
        where = ""
    advice = _advice(now, lang)
    return ItemRow(
        STATUS_WORDS[item.status].get(lang),
        item.unit_name,
        clause,
        item.rule_id,
        title,
        description,
        advice,
        item.deadline,
        item.days_overdue,
        where,
        item.key,
        item.waiver or "",
    )


def _rule(pack: RulePack, rule_id: str) -> Rule | None:
    """None for a rule an earlier pack had and this one has not."""
    return next((r for r in pack.rules if r.id == rule_id), None)


def _advice(now: Finding | None, lang: Lang) -> str:
    return now.advice.get(lang) if now is not None and now.advice is not None else ""
