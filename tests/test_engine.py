"""The rule engine: random edits never crash it, and a check that cannot run is never a pass."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings

from conftest import AS_OF, VILLAGE
from emcheck.audit.engine import audit_document
from emcheck.audit.outcomes import ERROR, STATUSES, AuditResult
from emcheck.audit.units import site_problems
from emcheck.commands.audit import exit_code
from emcheck.loading.loader import load_bytes, load_file
from emcheck.rulepack import operators
from emcheck.rulepack.model import RulePack
from site_strategies import edited_sites


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
