"""What every operator shares: the finding it returns, its registry entry, range checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.checks import Bounded, Check, Key, Spec, Where
from emcheck.rulepack.matchers import select
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import bounds, join, show

PROBLEM = "problem"
"""A way the subject falls short: the rule fails."""
TALLY = "tally"
"""What a passing check counted ("24（去重后）"), so an inspector can see why it passed."""
MARK = "mark"
"""Material of the unit that no other unit should show (``duplicates``): not a verdict by
itself, compared across units once they are all audited (:mod:`emcheck.audit.copies`)."""


@dataclass(frozen=True)
class Failure:
    """One thing a check found: a shortfall, or (kind ``tally``) what it counted."""

    path: JsonPath
    """The document path the finding points at."""
    label: Text
    """What was checked, in words."""
    expected: Text
    actual: Text
    severity: str | None = None
    """Overrides the rule's severity for this part of the check (``warning``)."""
    kind: str = PROBLEM
    related: tuple[JsonPath, ...] = ()
    """Further places the finding concerns (the second entry of a duplicate), shown as lines."""
    cite_line: bool = False
    """Name the line in the message too: one of several findings about entries of a list."""
    mark: tuple[str, str | None] | None = None
    """For kind ``mark``: the material's fingerprint, and the name it stands under where that
    matters (a phone number's holder)."""

    def describe(self) -> Text:
        return Text(
            f"{self.label.zh}：应为 {self.expected.zh}，实际为 {self.actual.zh}",
            f"{self.label.en}: expected {self.expected.en}, found {self.actual.en}",
        )


Run = Callable[[Check, Scope], list[Failure]]
S = TypeVar("S", bound=Spec)


@dataclass(frozen=True)
class Operator(Generic[S]):
    """How one operator runs, its spec's type, and which spec keys name paths (checked at load)."""

    run: Callable[[S, Scope, Text, Run], list[Failure]]
    spec: type[S]
    """The frozen dataclass its spec is built into when the pack loads."""
    path_keys: tuple[str, ...] = ()
    """Keys holding a path relative to the current scope (``path``)."""
    path_list_keys: tuple[str, ...] = ()
    """Keys holding a list of such paths (``paths``, ``others``)."""
    element_keys: tuple[str, ...] = ()
    """Keys holding a path (or a list of paths) relative to each element of ``path``."""
    reach_keys: tuple[str, ...] = ()
    """Keys holding a list of paths that may step into lists (``/plans.name``)."""
    nested: str | None = None
    """``each``: the key of the check run on every element."""
    children: bool = False
    """``all`` / ``any``: the spec is itself a list of checks in the same scope."""


def problems(found: Iterable[Failure]) -> list[Failure]:
    """Only the shortfalls, without the tallies of passing parts."""
    return [f for f in found if f.kind == PROBLEM]


def alternatives(values: list[Any]) -> Text:
    """``a`` for one value, ``a、b 之一`` for several."""
    listed = join(show(v) for v in values)
    if len(values) < 2:
        return listed
    return Text(f"{listed.zh} 之一", f"one of {listed.en}")


def bounds_text(spec: Bounded, scope: Scope) -> Text:
    return bounds(scope.value(spec.min), scope.value(spec.max))


def in_range(
    value: float, spec: Bounded, scope: Scope, label: Text, at: JsonPath, shown: Text | None = None
) -> list[Failure]:
    """A problem when the value is outside ``min``–``max``, else the tally of what was counted."""
    low, high = scope.value(spec.min), scope.value(spec.max)
    actual = shown or show(value)
    if (low is not None and value < low) or (high is not None and value > high):
        return [Failure(at, label, bounds_text(spec, scope), actual)]
    return [Failure(at, label, bounds_text(spec, scope), actual, kind=TALLY)]


def element_key(element: Scope, key: Key) -> Any:
    """The value (or tuple of values) an element is told apart by; None when any part is no evidence."""
    evidence = element.context.evidence
    fields = key if isinstance(key, tuple) else (key,)
    parts = []
    for field in fields:
        value = element.get(field)[0]
        if not evidence.real(value):
            return None
        parts.append(evidence.key(value))
    return parts[0] if len(parts) == 1 else tuple(parts)


def values_of(
    scope: Scope, path: str, field: str | None = None, where: Where | None = None
) -> tuple[list[Any], JsonPath]:
    """The real values of a list, or of ``field`` over its (matching) elements, normalized."""
    items, at = scope.get(path)
    evidence = scope.context.evidence
    if field is None:
        raw = list(items) if isinstance(items, list) else []
    else:
        raw = [e.get(field)[0] for e in select(scope, items, at, where)]
    return [evidence.key(v) for v in raw if evidence.real(v)], at
