"""What a rectification notice (整改通知书) demanded, remembered for the recheck.

``report --kind notice`` writes ``<notice>.json`` beside the document: its 文号, issue date
and each item's 整改期限, so that the recheck cites the notice rather than re-deriving
deadlines. Without one, the recheck counts the pack's rectification period from the earlier
audit and says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.json_input import json_errors

FORMAT = "emcheck-notice"
VERSION = 1


@dataclass(frozen=True)
class NoticeItem:
    rule_id: str
    unit_id: str
    paths: tuple[str, ...]
    deadline: date


@dataclass(frozen=True)
class NoticeRecord:
    file: str
    number: str
    """文号, as printed on the notice (may be blank)."""
    issued_on: date
    issuer: str
    items: tuple[NoticeItem, ...]

    def deadline_of(self, rule_id: str, unit_id: str) -> date | None:
        return next(
            (i.deadline for i in self.items if (i.rule_id, i.unit_id) == (rule_id, unit_id)),
            None,
        )


def render(number: str, issued_on: date, issuer: str, items: list[NoticeItem]) -> str:
    record = {
        "format": FORMAT,
        "version": VERSION,
        "number": number,
        "issued_on": issued_on.isoformat(),
        "issuer": issuer,
        "items": [
            {
                "rule_id": i.rule_id,
                "unit_id": i.unit_id,
                "paths": list(i.paths),
                "deadline": i.deadline.isoformat(),
            }
            for i in items
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def read(path: Path) -> NoticeRecord:
    shown = str(path)
    with json_errors(shown):
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or (data.get("format"), data.get("version")) != (FORMAT, VERSION):
        raise InputError(
            Location(shown, 1, 1),
            Text(
                "不是 emcheck 整改通知书记录（report --kind notice 在 .docx 旁写出的 .json）",
                "not an emcheck notice record (the .json report --kind notice writes beside the .docx)",
            ),
        )
    try:
        items = tuple(
            NoticeItem(
                str(i["rule_id"]),
                str(i["unit_id"]),
                tuple(map(str, i.get("paths") or ())),
                date.fromisoformat(i["deadline"]),
            )
            for i in data["items"]
        )
        return NoticeRecord(
            shown,
            str(data.get("number") or ""),
            date.fromisoformat(data["issued_on"]),
            str(data.get("issuer") or ""),
            items,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(
            Location(shown),
            Text(
                f"记录中有缺字段或格式不对的条目（{error!r}）",
                f"an entry is incomplete or malformed ({error!r})",
            ),
        ) from None
