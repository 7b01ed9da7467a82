"""The fast schema check (jsonschema-rs) says yes exactly when jsonschema finds no error."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COMPLIANT, GAPS, VILLAGE
from emcheck import resources
from emcheck.loading.loader import load_file
from emcheck.resources import builtin_rules_dir
from mutations import paths

SITES = [load_file(path).data for path in (COMPLIANT, GAPS, VILLAGE)]
RULES = [load_file(path).data for path in sorted(builtin_rules_dir().rglob("*-*.yaml"))]

tricky = st.one_of(
    st.sampled_from(
        [
            *(True, False, 0, 1, 1.0, 2026, 2026.0, 2026.5, -1, 10**20, None, "", " ", "x"),
            *("2026-02-30", "2026-03-15", "2026-3-5", "village", "district", "民兵", "已完成"),
            *([], {}, ["x"], {"name": "王某"}, {"x": 1}),
        ]
    ),
    st.text(max_size=6),
    st.integers(-3, 3000),
)


@st.composite
def mutated(draw: st.DrawFn, documents: list[Any]) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(documents)))
    every = [p for p in paths(data) if p]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(every))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "delete", "add"]))
            if action == "delete" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.sampled_from(["name", "extra", "level", "id", "date"]))] = draw(
                    tricky
                )
            else:
                parent[path[-1]] = draw(tricky)
        except (KeyError, IndexError, TypeError):
            continue
    return data


def quick_and_full(name: str) -> tuple[Any, Any]:
    validator = resources.validator(name)
    return validator.quick, validator.full


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SITES))
def test_site_check_agrees_with_jsonschema(site: Any) -> None:
    quick, full = quick_and_full("site")
    assert quick(site) == full.is_valid(site)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(RULES))
def test_rule_check_agrees_with_jsonschema(rule: Any) -> None:
    quick, full = quick_and_full("rule")
    assert quick(rule) == full.is_valid(rule)


def test_examples_and_rules_pass() -> None:
    site, _ = quick_and_full("site")
    rule, _ = quick_and_full("rule")
    assert all(site(data) for data in SITES)
    assert all(rule(data) for data in RULES)


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({"schema_version": True}, False),  # const 1: true is not 1
        ({"schema_version": 1.0}, True),
        ({"pilot_year": 2026.0}, True),  # an integral float is an integer
        ({"pilot_year": True}, False),
        ({"level": "district"}, False),  # the district branch: the village's keys are unknown
        ({"unknown": 1}, False),
    ],
)
def test_edges(change: dict[str, Any], valid: bool) -> None:
    quick, full = quick_and_full("site")
    site = {**copy.deepcopy(SITES[2]), **change}
    assert full.is_valid(site) is valid
    assert quick(site) is valid
