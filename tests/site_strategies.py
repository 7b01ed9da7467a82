"""Hypothesis strategies for site files: the compliant example, edited as a submitter would.

Edits keep the file well-formed (the engine must judge every one of them without crashing,
whatever it decides, and a workbook must carry every one of them across). Text takes blanks,
placeholders and real words; numbers stay numbers within the schema's bounds; dates stay
dates (before and after the audit date); booleans flip; list entries are dropped or
repeated; optional keys vanish.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from hypothesis import strategies as st

from conftest import COMPLIANT
from emcheck.loading.loader import load_file
from mutations import paths

BASE = load_file(COMPLIANT).data

texts = st.one_of(
    st.sampled_from(["", " ", "\u3000", "无", "暂缺", "（无）", "xxx", "0", "王某某", "某制度"]),
    st.text(max_size=6),
)
dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)).map(str)
IDENTITY = {"schema_version", "level", "id", "name", "pilot_year"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FREE_TEXT = {
    "name", "post", "title", "document", "reason", "evidence", "review", "location", "purpose",
    "captain", "filed_with", "villager_group", "rescue_area", "tasks", "response_procedure",
    "disposal_methods", "rescue_principles", "duty_officer_responsibilities", "report_content",
    "report_time", "report_channel", "report_procedure", "resource_sharing_rules",
    "dispatch_compensation_rules", "unit", "staffing",
}  # fmt: skip


def _edit(draw: st.DrawFn, parent: Any, key: Any) -> None:
    value = parent[key]
    if isinstance(value, bool):
        parent[key] = not value
    elif isinstance(value, int):
        parent[key] = draw(st.integers(0, max(value * 2, 3)))
    elif isinstance(value, float):
        parent[key] = draw(st.floats(0, max(value * 2, 3), allow_nan=False))
    elif isinstance(value, str) and DATE.fullmatch(value):
        parent[key] = draw(dates)
    elif isinstance(value, str) and key in FREE_TEXT:
        parent[key] = draw(texts)
    elif isinstance(value, list) and value:
        index = draw(st.integers(0, len(value) - 1))
        if draw(st.booleans()):
            del value[index]
        else:
            value.append(copy.deepcopy(value[index]))
    elif isinstance(parent, dict) and key not in IDENTITY:
        del parent[key]


@st.composite
def edited_sites(draw: st.DrawFn) -> dict[str, Any]:
    site = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 8))):
        where = [p for p in paths(site) if p and p[-1] not in IDENTITY]
        path = draw(st.sampled_from(where))
        parent: Any = site
        for part in path[:-1]:
            parent = parent[part]
        _edit(draw, parent, path[-1])
    return site
