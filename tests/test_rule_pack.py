"""The built-in pack: every clause of REQUIREMENTS.md is a rule, quoted faithfully, with cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from emcheck.audit.rule_cases import run_case
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.model import RulePack

PLAN = (Path(__file__).parent / "data" / "pilot-plan.zh.txt").read_text(encoding="utf-8")
REQUIREMENTS = Path(__file__).resolve().parents[2] / "shared" / "standard" / "REQUIREMENTS.md"

# The clause catalogue of REQUIREMENTS.md, kept here so the suite runs without shared/.
REQUIRED_IDS = (
    [f"ORG-{n:02d}" for n in range(1, 11)]
    + [f"RESP-{n:02d}" for n in range(1, 9)]
    + [f"MECH-{n:02d}" for n in range(1, 10)]
    + [f"CAP-{n:02d}" for n in range(1, 7)]
    + [f"SUP-{n:02d}" for n in range(1, 8)]
    + [f"STD-{n:02d}" for n in range(1, 10)]
)
# Beyond the catalogue: warning-level data-quality rules (repeated or blank entries, dates
# after the audit date), waivable like any rule.
DATA_QUALITY_IDS = [f"DATA-{n:02d}" for n in range(1, 5)] + [f"DUP-{n:02d}" for n in range(1, 4)]

PACK = load_rule_pack(None)
CASES = [(rule, case) for rule in PACK.rules for case in rule.cases]


def test_catalogue_here_matches_requirements_md() -> None:
    if not REQUIREMENTS.is_file():
        pytest.skip("shared/standard/REQUIREMENTS.md is not beside this checkout")
    ids = re.findall(r"^\| ([A-Z]+-\d{2}) \|", REQUIREMENTS.read_text(encoding="utf-8"), re.M)
    assert sorted(ids) == sorted(REQUIRED_IDS)


def test_every_requirement_has_a_rule(pack: RulePack) -> None:
    assert sorted(r.id for r in pack.rules) == sorted(REQUIRED_IDS + DATA_QUALITY_IDS)


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_rule_has_passing_and_failing_case(rule) -> None:  # type: ignore[no-untyped-def]
    expected = {case.expect for case in rule.cases}
    # A copy check never passes: its counterpart to a failing case is "nothing shared".
    other = "not_applicable" if rule.check.operator == "duplicates" else "pass"
    assert {other, "fail"} <= expected


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_quote_is_faithful_to_the_plan(rule) -> None:  # type: ignore[no-untyped-def]
    for piece in rule.quote.split("……"):
        assert piece.strip() and piece in PLAN, f"{rule.id}: not in the plan: {piece!r}"


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_clause_reference_is_well_formed(rule) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(
        r"[一二三四]\([一二三四五]\)(\d{1,2})?([,、] ?[一二三四]\([一二三四五]\)\d{1,2})*",
        rule.clause,
    )


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r.id}:{c.name}" for r, c in CASES])
def test_rule_case(rule, case, pack: RulePack) -> None:  # type: ignore[no-untyped-def]
    result = run_case(rule, case, pack)
    detail = result.detail.zh if result.detail else ""
    assert result.got == case.expect, f"{case.location}: {detail}"
    assert not result.unmet, f"{case.location}: these parts did not fail: {result.unmet}; {detail}"


def test_failing_outcomes_carry_message_and_advice(pack: RulePack) -> None:
    for rule, case in CASES:
        if case.expect == "fail":
            result = run_case(rule, case, pack)
            assert result.detail is not None and result.detail.zh and result.detail.en
