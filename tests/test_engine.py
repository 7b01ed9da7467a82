"""The rule engine: random edits never crash it, and a check that cannot run is never a pass."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, COMPLIANT, VILLAGE
from emcheck.audit.engine import audit_document
from emcheck.audit.outcomes import ERROR, STATUSES, AuditResult
from emcheck.audit.units import site_problems
from emcheck.commands.audit import exit_code
from emcheck.loading.loader import load_bytes, load_file
from emcheck.rulepack import operators
from emcheck.rulepack.model import RulePack
from mutations import paths

BASE = load_file(COMPLIANT).data

# Edits a submitter makes that keep the file well-formed: the engine must judge every one of
# them without crashing, whatever it decides. Text takes blanks, placeholders and real words;
# numbers stay numbers within the schema's bounds; dates stay dates (before and after the
# audit date); booleans flip; list entries are dropped or repeated; optional keys vanish.
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_sites())
def test_random_edits_never_crash_and_outcomes_are_whole(
    pack: RulePack, site: dict[str, Any]
) -> None:
    text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False)
    document = load_bytes(text.encode("utf-8"), "edited.yaml")
    # Edits that break the schema (an enum emptied, a duplicate unit id) are the validator's
    # business, not the engine's: they are rare here and skipped.
    assume(not site_problems(document))
    audit = audit_document(document, pack, AS_OF)
    assert all(o.status in STATUSES for o in audit.outcomes)
    assert len(audit.outcomes) == len(audit.subjects) * len(pack.rules)
    assert not any(o.status == ERROR for o in audit.outcomes), [
        o.message for o in audit.outcomes if o.status == ERROR
    ]


def test_crashing_check_is_an_error_outcome_never_a_pass(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(spec: Any, scope: Any, label: Any, run: Any) -> list[operators.Failure]:
        raise ZeroDivisionError("boom")

    crashing = replace(operators.OPERATORS["count"], run=explode)
    monkeypatch.setitem(operators.OPERATORS, "count", crashing)
    audit = audit_document(load_file(VILLAGE), pack, AS_OF)
    errored = [o for o in audit.outcomes if o.status == ERROR]
    assert errored, "rules using count must report an error"
    assert all(o.message and "boom" in o.message.en for o in errored)
    assert exit_code(AuditResult(AS_OF, pack, (audit,)), "error") == 1
