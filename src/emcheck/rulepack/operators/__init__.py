"""The closed set of check operators a rule file may use, in one registry.

Each operator reads its spec and a :class:`Scope` and returns what it found: problems (none
means the check passed) and, for counting operators, a tally of what a passing check counted.
How an operator's paths relate to the site schema is declared on it, so a rule naming a field
the site schema does not have is refused when the pack loads. To add an operator: a function
in one of the modules here, one line below, its entry in ``schemas/rule.schema.yaml`` and a
row in ``docs/rule-language.md`` (a test checks that the three agree).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.operators import combinators, counting, coverage, dates, presence
from emcheck.rulepack.operators.base import PROBLEM, TALLY, Failure, Operator, problems
from emcheck.rulepack.scope import Scope
from emcheck.validation.fieldnames import field_label

COMMON_KEYS = ("label", "severity")

OPERATORS: dict[str, Operator] = {
    "present": Operator(presence.present, path_list_keys=("paths",)),
    "is_true": Operator(presence.is_true, path_keys=("path",)),
    "one_of": Operator(presence.one_of, path_keys=("path",)),
    "same_as": Operator(presence.same_as, path_keys=("path",), path_list_keys=("others",)),
    "member_of": Operator(presence.member_of, path_keys=("path", "list"), element_keys=("field",)),
    "mentions": Operator(presence.mentions, path_keys=("path",)),
    "count": Operator(
        counting.count, path_keys=("path",), element_keys=("key",), reach_keys=("excluding",)
    ),
    "number": Operator(counting.number, path_keys=("path",)),
    "sum": Operator(
        counting.sum_,
        path_keys=("path", "min_of", "max_of"),
        element_keys=("field", "key", "until_audit"),
    ),
    "distinct": Operator(counting.distinct, path_keys=("path",), element_keys=("field",)),
    "unique": Operator(counting.unique, path_keys=("path",), element_keys=("key",)),
    "no_decrease": Operator(
        counting.no_decrease, path_keys=("path",), element_keys=("by", "field")
    ),
    "covers": Operator(coverage.covers, path_keys=("path",), element_keys=("field",)),
    "partition": Operator(coverage.partition, path_keys=("path", "of"), element_keys=("field",)),
    "sizes": Operator(coverage.sizes, path_keys=("path", "total"), element_keys=("field",)),
    "recent": Operator(dates.recent, path_keys=("path",)),
    "not_future": Operator(dates.not_future, path_keys=("path",)),
    "each": Operator(
        combinators.each, path_keys=("path",), element_keys=("name_field",), nested="check"
    ),
    "all": Operator(combinators.all_, children=True),
    "any": Operator(combinators.any_, children=True),
    "rules": Operator(combinators.rules),
}


def operator_name(check: Mapping[str, Any]) -> str:
    """The one key of a check that is not ``label`` or ``severity``."""
    names = [key for key in check if key not in COMMON_KEYS]
    if len(names) != 1 or names[0] not in OPERATORS:
        raise KeyError(names)
    return names[0]


_PREPARED: dict[int, tuple[Mapping[str, Any], str, Text]] = {}


def _prepared(check: Mapping[str, Any]) -> tuple[str, Text]:
    """A check's operator and label, worked out once: rules run thousands of times a file."""
    known = _PREPARED.get(id(check))
    if known is None or known[0] is not check:
        name = operator_name(check)
        # The check is kept beside its entry, so its id cannot be reused meanwhile.
        known = _PREPARED[id(check)] = (check, name, _label(check, check[name]))
    return known[1], known[2]


def run_check(check: Mapping[str, Any], scope: Scope) -> list[Failure]:
    """Problems and tallies of one check; the check passed when :func:`problems` is empty."""
    name, label = _prepared(check)
    found = OPERATORS[name].run(check[name], scope, label, run_check)
    severity = check.get("severity")
    if severity is not None:
        found = [replace(f, severity=f.severity or severity) for f in found]
    return found


def _label(check: Mapping[str, Any], spec: Any) -> Text:
    given = check.get("label")
    if isinstance(given, Mapping):
        return Text(str(given["zh"]), str(given["en"]))
    path = spec.get("path") if isinstance(spec, Mapping) else None
    return field_label(str(path)) if path else Text("检查项", "check")


__all__ = [
    "COMMON_KEYS",
    "OPERATORS",
    "PROBLEM",
    "TALLY",
    "Failure",
    "operator_name",
    "problems",
    "run_check",
]
