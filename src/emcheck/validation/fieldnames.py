"""Human names for site fields, taken from the site schema's Chinese descriptions.

A message saying “缺少 信息报送渠道” helps a village clerk; “缺少 duty_system.report_channel”
does not. The schema already describes every field, so rules need not repeat it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from emcheck import resources
from emcheck.i18n import Text

# Keys described differently in different places: alone, they get a word true everywhere.
_GENERIC = {
    "name": "名称",
    "document": "文件",
    "title": "标题",
    "date": "日期",
    "post": "职务",
    "households": "户数",
}


@functools.cache
def _descriptions() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Descriptions by key, and by (parent key, key) where the parent says which one is meant."""
    by_key: dict[str, set[str]] = {}
    by_pair: dict[tuple[str, str], str] = {}

    def walk(node: Any, parent: str) -> None:
        if isinstance(node, Mapping):
            for key, child in node.get("properties", {}).items():
                description = child.get("description") if isinstance(child, Mapping) else None
                if isinstance(description, str):
                    short = re.split(r"[（(，,：:；]", description, maxsplit=1)[0].strip()
                    by_key.setdefault(key, set()).add(short)
                    by_pair.setdefault((parent, key), short)
                walk(child, key)
            for name, value in node.items():
                if name != "properties":
                    walk(value, parent)
        elif isinstance(node, list):
            for item in node:
                walk(item, parent)

    walk(resources.schema("site"), "")
    single = {
        key: next(iter(found)) if len(found) == 1 else _GENERIC.get(key, "")
        for key, found in by_key.items()
    }
    return {k: v for k, v in single.items() if v}, by_pair


def field_label(path: str) -> Text:
    """``duty_system.report_channel`` → 信息报送渠道 / report channel."""
    parts = path.lstrip("/").split(".")
    last = parts[-1]
    by_key, by_pair = _descriptions()
    zh = (by_pair.get((parts[-2], last)) if len(parts) > 1 else None) or by_key.get(last) or path
    return Text(zh, last.replace("_", " "))
