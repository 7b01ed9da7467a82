"""Where a finding points, written so that it survives edits between two audits.

A positional path (``members[3].phone``) changes meaning when a list is reordered or an
entry above is removed, so a fixed item would read as "fixed + new". Across rounds a list
element is named by a key it carries (its name, topic, category …), and positions are used
only where an element has no such key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from emcheck.loading.document import JsonPath

KEY_FIELDS = (
    "name",
    "title",
    "item",
    "topic",
    "category",
    "subject",
    "hazard",
    "type",
    "week_of",
    "year",
    "id",
)
"""Fields that name a list element in the site schema, most telling first."""


def keyed_path(data: Any, path: JsonPath, start: int = 0) -> str:
    """``path`` from its ``start``-th step, list elements named by key:
    ``rescue_team.members[王五].phone``; two elements with one key read ``[王五#2]``."""
    node = data
    text = ""
    for depth, step in enumerate(path):
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            part = f"[{_element_key(node, step)}]"
            node = node[step]
        elif isinstance(node, dict) and step in node:
            part = f".{step}" if text else str(step)
            node = node[step]
        else:
            part = f"[#{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
            node = None
        if depth >= start:
            text += part
    return text


def _element_key(items: Sequence[Any], index: int) -> str:
    key = _key_of(items[index])
    if key is None:
        return f"#{index + 1}"
    same = [i for i, item in enumerate(items) if _key_of(item) == key]
    return key if len(same) == 1 else f"{key}#{same.index(index) + 1}"


def _key_of(item: Any) -> str | None:
    if isinstance(item, str):
        return _clean(item)
    if isinstance(item, dict):
        for field in KEY_FIELDS:
            value = item.get(field)
            if isinstance(value, (str, int, date)) and not isinstance(value, bool):
                cleaned = _clean(str(value))
                if cleaned:
                    return cleaned
    return None


def _clean(text: str) -> str | None:
    # Brackets and the separator would make the written path ambiguous.
    cleaned = " ".join(text.split()).replace("[", "(").replace("]", ")").replace("|", "/")
    return cleaned or None


def finding_key(rule_id: str, unit_id: str, key_paths: Sequence[str]) -> str:
    """A finding's name across rounds: rule × unit × the first of its keyed paths (a rule
    has one finding per unit; its other paths tell a later round whether it is the same)."""
    return f"{rule_id}|{unit_id}|{key_paths[0] if key_paths else ''}"
