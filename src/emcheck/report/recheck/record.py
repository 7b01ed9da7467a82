"""``--kind json``: the recheck as a record (docs/recheck.md), one item per line."""

from __future__ import annotations

import json
from typing import Any

from emcheck import __version__
from emcheck.history.recheck import CONCLUSION_WORDS, Item, Recheck
from emcheck.history.round_json import dump, entry_list
from emcheck.report.recheck import RecheckContext
from emcheck.report.recheck.rows import item_row

FORMAT = "emcheck-recheck"
VERSION = 1


def render(recheck: Recheck, context: RecheckContext) -> bytes:
    lines = [f"  {json.dumps(k)}: {dump(v)}" for k, v in _head(recheck, context).items()]
    items = [_item(item, context) for item in recheck.items]
    strays = [
        {"sheet": s.sheet, "row": s.row, "key": s.key, "description": s.description}
        for s in recheck.strays
    ]
    unreadable = [{"file": u.file, "reason": u.reason} for u in recheck.unreadable]
    body = [
        entry_list("items", items),
        entry_list("stray_ledger_rows", strays),
        entry_list("unreadable", unreadable),
    ]
    return ("{\n" + ",\n".join(lines + body) + "\n}\n").encode("utf-8")


def _head(recheck: Recheck, context: RecheckContext) -> dict[str, Any]:
    notice = recheck.notice
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "emcheck", "version": __version__},
        "pack": {"id": context.pack.id, "version": context.pack.version},
        "as_of": recheck.as_of.isoformat(),
        "lang": context.lang,
        "previous": [{"file": f, "as_of": d.isoformat()} for f, d in recheck.rounds],
        "notice": None
        if notice is None
        else {
            "file": notice.file,
            "number": notice.number,
            "issued_on": notice.issued_on.isoformat(),
        },
        "conclusion": recheck.conclusion,
        "conclusion_text": CONCLUSION_WORDS[recheck.conclusion].get(context.lang),
        "counts": {s: recheck.count(s) for s in sorted({i.status for i in recheck.items})},
        "notes": [n.get(context.lang) for n in recheck.notes],
    }


def _item(item: Item, context: RecheckContext) -> dict[str, Any]:
    row = item_row(item, context.pack, context.lang)
    answer = item.answer
    return {
        "status": item.status,
        "rule_id": item.rule_id,
        "unit_id": item.unit_id,
        "key": row.key,
        "description": row.description,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "days_overdue": item.days_overdue,
        "where": row.where,
        "waiver": item.waiver,
        "answer": None
        if answer is None
        else {
            "responsible": answer.responsible,
            "progress": answer.progress,
            "situation": answer.situation,
            "completed_on": answer.completed_on.isoformat() if answer.completed_on else None,
        },
    }
