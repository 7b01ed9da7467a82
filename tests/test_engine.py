"""The rule engine: random edits never crash it, and a check that cannot run is never a pass."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, VILLAGE
from emcheck import resources
from emcheck.audit.engine import audit_document
from emcheck.audit.outcomes import ERROR, PASS, STATUSES, AuditResult
from emcheck.commands.audit import exit_code
from emcheck.errors import InputError
from emcheck.loading.loader import load_bytes, load_file
from emcheck.rulepack import operators
from emcheck.rulepack.model import RulePack
from emcheck.validation.validator import validate_document
from mutations import paths

BASE = load_file(VILLAGE).data

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2000),
    st.floats(-1, 1e6, allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(
        ["2026-11-30", "2019-01-01", "2031-02-03", "民兵", "经济区", "已完成", "专项预案"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "days", "category", "x"]), inner, max_size=3),
    ),
    max_leaves=6,
)


ALL_PATHS = [p for p in paths(BASE) if p]


@st.composite
def mutated_sites(draw: st.DrawFn) -> dict[str, Any]:
    site = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 6))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = site
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue
    return site


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sites())
def test_random_edits_never_crash_and_outcomes_are_whole(
    pack: RulePack, site: dict[str, Any]
) -> None:
    text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False)
    try:
        document = load_bytes(text.encode("utf-8"), "mutated.yaml")
    except InputError:
        return
    if validate_document(document, resources.validator("site")):
        return
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

    crashing = operators.Operator(explode, path_keys=("path",))
    monkeypatch.setitem(operators.OPERATORS, "count", crashing)
    audit = audit_document(load_file(VILLAGE), pack, AS_OF)
    errored = [o for o in audit.outcomes if o.status == ERROR]
    assert errored, "rules using count must report an error"
    assert all(o.message and "boom" in o.message.en for o in errored)
    assert all(o.status != PASS for o in errored)
    assert exit_code(AuditResult(AS_OF, pack, (audit,)), "error") == 1
