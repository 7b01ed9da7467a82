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


@functools.cache
def _descriptions() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, child in node.get("properties", {}).items():
                description = child.get("description") if isinstance(child, Mapping) else None
                if isinstance(description, str) and key not in found:
                    found[key] = re.split(r"[（(，,：:；]", description, maxsplit=1)[0].strip()
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(resources.schema("site"))
    return found


def field_label(path: str) -> Text:
    """``duty_system.report_channel`` → 信息报送渠道 / report channel."""
    last = path.lstrip("/").split(".")[-1]
    zh = _descriptions().get(last) or path
    return Text(zh, last.replace("_", " "))
