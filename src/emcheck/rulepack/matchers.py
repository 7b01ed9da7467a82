"""``where:`` conditions that pick list elements: ``{organizer: 经济区, start: {within: {days: 365}}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emcheck.loading.document import JsonPath
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import in_window

MATCHER_KEYS = ("equals", "in", "min", "max", "above", "present", "within", "some", "other_than")


def matches(element: Scope, where: Mapping[str, Any]) -> bool:
    """True when the element meets every condition of ``where``."""
    for field, condition in where.items():
        value, _ = element.get(field)
        if not _meets(element, value, condition):
            return False
    return True


def _meets(scope: Scope, value: Any, condition: Any) -> bool:
    if type(condition) is not dict:
        return bool(value == scope.value(condition))
    for key, expected in condition.items():
        wanted = scope.value(expected)
        if key == "equals" and value != wanted:
            return False
        if key == "in" and value not in [scope.value(item) for item in wanted]:
            return False
        if key == "min" and not (_is_number(value) and value >= wanted):
            return False
        if key == "max" and not (_is_number(value) and value <= wanted):
            return False
        if key == "above" and not (_is_number(value) and value > wanted):
            return False
        if key == "present" and scope.context.evidence.real(value) != bool(wanted):
            return False
        if key == "some" and not _some(scope, value, wanted):
            return False
        if key == "other_than" and _same_as_any(scope, value, wanted):
            return False
        if key == "within":
            window = {unit: scope.value(n) for unit, n in wanted.items()}
            if not in_window(value, scope.context.as_of, window):
                return False
    return True


def _some(scope: Scope, value: Any, where: Mapping[str, Any]) -> bool:
    """A list with at least one element meeting ``where`` (an item with quantity above 0)."""
    if not isinstance(value, list):
        return False
    return any(matches(scope.element(item, scope.path), where) for item in value)


def _same_as_any(scope: Scope, value: Any, paths: list[str]) -> bool:
    """Whether the value is the same entry as one of the values at ``paths``."""
    evidence = scope.context.evidence
    key = evidence.key(value)
    return any(key == evidence.key(scope.get(path)[0]) for path in paths)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def select(
    scope: Scope, items: Any, items_path: JsonPath, where: Mapping[str, Any] | None
) -> list[Scope]:
    """The elements of a list (as scopes) that meet ``where``; a non-list gives none."""
    if not isinstance(items, list):
        return []
    elements = [scope.element(item, (*items_path, index)) for index, item in enumerate(items)]
    return [e for e in elements if where is None or matches(e, where)]
