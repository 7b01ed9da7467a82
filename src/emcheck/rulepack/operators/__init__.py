"""The closed set of check operators a rule file may use, in one registry.

Each operator is a function of its typed spec and a :class:`Scope` that returns what it found:
problems (none means the check passed) and, for counting operators, a tally of what a passing
check counted. Specs are built once, when the pack loads (:func:`build_check`). How an
operator's paths relate to the site schema is declared on it, so a rule naming a field the
site schema does not have is refused when the pack loads. To add an operator: its spec (a
frozen dataclass) and function in one of the modules here, one line below, its entry in
``schemas/rule.schema.yaml`` and a row in ``docs/rule-language.md`` (a test checks that the
three agree).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.checks import Check
from emcheck.rulepack.operators import (
    combinators,
    counting,
    coverage,
    dates,
    files,
    presence,
    sameness,
)
from emcheck.rulepack.operators.base import MARK, PROBLEM, TALLY, Failure, Operator, problems
from emcheck.rulepack.scope import Scope
from emcheck.validation.fieldnames import field_label

COMMON_KEYS = ("label", "severity")

OPERATORS: dict[str, Operator[Any]] = {
    "present": Operator(presence.present, presence.PresentSpec, path_list_keys=("paths",)),
    "is_true": Operator(presence.is_true, presence.IsTrueSpec, path_keys=("path",)),
    "one_of": Operator(presence.one_of, presence.OneOfSpec, path_keys=("path",)),
    "same_as": Operator(
        presence.same_as, presence.SameAsSpec, path_keys=("path",), path_list_keys=("others",)
    ),
    "member_of": Operator(
        presence.member_of,
        presence.MemberOfSpec,
        path_keys=("path", "list"),
        element_keys=("field",),
    ),
    "mentions": Operator(presence.mentions, presence.MentionsSpec, path_keys=("path",)),
    "count": Operator(
        counting.count,
        counting.CountSpec,
        path_keys=("path",),
        element_keys=("key",),
        reach_keys=("excluding",),
    ),
    "number": Operator(counting.number, counting.NumberSpec, path_keys=("path",)),
    "sum": Operator(
        counting.sum_,
        counting.SumSpec,
        path_keys=("path", "min_of", "max_of"),
        element_keys=("field", "key", "until_audit"),
    ),
    "distinct": Operator(
        counting.distinct, counting.DistinctSpec, path_keys=("path",), element_keys=("field",)
    ),
    "unique": Operator(
        counting.unique, counting.UniqueSpec, path_keys=("path",), element_keys=("key",)
    ),
    "no_decrease": Operator(
        counting.no_decrease,
        counting.NoDecreaseSpec,
        path_keys=("path",),
        element_keys=("by", "field"),
    ),
    "covers": Operator(
        coverage.covers, coverage.CoversSpec, path_keys=("path",), element_keys=("field",)
    ),
    "partition": Operator(
        coverage.partition,
        coverage.PartitionSpec,
        path_keys=("path", "of"),
        element_keys=("field",),
    ),
    "sizes": Operator(
        coverage.sizes, coverage.SizesSpec, path_keys=("path", "total"), element_keys=("field",)
    ),
    "attachments": Operator(files.attachments, files.AttachmentsSpec, path_keys=("path",)),
    "duplicates": Operator(sameness.duplicates, sameness.DuplicatesSpec),
    "recent": Operator(dates.recent, dates.RecentSpec, path_keys=("path",)),
    "not_future": Operator(dates.not_future, dates.NotFutureSpec, path_keys=("path",)),
    "each": Operator(
        combinators.each,
        combinators.EachSpec,
        path_keys=("path",),
        element_keys=("name_field",),
        nested="check",
    ),
    "all": Operator(combinators.all_, combinators.PartsSpec, children=True),
    "any": Operator(combinators.any_, combinators.PartsSpec, children=True),
    "rules": Operator(combinators.rules, combinators.RulesSpec),
}


def build_check(check: Mapping[str, Any]) -> Check:
    """A check of a validated, linted rule file as the audit runs it, nested checks built too."""
    (name,) = [key for key in check if key not in COMMON_KEYS]  # the linter saw to one
    given = check.get("label")
    label = Text(str(given["zh"]), str(given["en"])) if isinstance(given, Mapping) else None
    spec = check[name]
    path = spec.get("path") if isinstance(spec, Mapping) else None
    caption = label or (field_label(str(path)) if path else Text("检查项", "check"))
    built = OPERATORS[name].spec.build(spec, build_check)
    return Check(name, built, caption, label, check.get("severity"))


def run_check(check: Check, scope: Scope) -> list[Failure]:
    """Problems and tallies of one check; the check passed when :func:`problems` is empty."""
    found = OPERATORS[check.operator].run(check.spec, scope, check.caption, run_check)
    severity = check.severity
    if severity is not None:
        found = [replace(f, severity=f.severity or severity) for f in found]
    return found


__all__ = [
    "COMMON_KEYS",
    "MARK",
    "OPERATORS",
    "PROBLEM",
    "TALLY",
    "Check",
    "Failure",
    "build_check",
    "problems",
    "run_check",
]
