"""The closed set of check operators a rule file may use, in one registry.

Each operator reads its spec and a :class:`Scope` and returns the failures it found (none
means the check passed). How an operator's paths relate to the site schema is declared on
it, so a rule naming a field the site schema does not have is refused when the pack loads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from emcheck.document import JsonPath, format_path
from emcheck.fieldnames import field_label
from emcheck.i18n import Text
from emcheck.matchers import select
from emcheck.paths import MISSING, is_empty
from emcheck.scope import Scope
from emcheck.values import NONE_, bounds, in_window, join, show, window_text

COMMON_KEYS = ("label", "severity")


@dataclass(frozen=True)
class Failure:
    """One way a subject falls short of a check."""

    path: JsonPath
    """The document path the finding points at."""
    label: Text
    """What was checked, in words."""
    expected: Text
    actual: Text
    severity: str | None = None
    """Overrides the rule's severity for this part of the check (``warning``)."""

    def describe(self) -> Text:
        return Text(
            f"{self.label.zh}：应为 {self.expected.zh}，实际为 {self.actual.zh}",
            f"{self.label.en}: expected {self.expected.en}, found {self.actual.en}",
        )


Run = Callable[[Mapping[str, Any], Scope], list[Failure]]


@dataclass(frozen=True)
class Operator:
    """How one operator runs, and which of its spec keys name paths for load-time checking."""

    run: Callable[[Any, Scope, Text, Run], list[Failure]]
    path_keys: tuple[str, ...] = ()
    """Keys holding a path relative to the current scope (``path``)."""
    path_list_keys: tuple[str, ...] = ()
    """Keys holding a list of such paths (``paths``, ``others``)."""
    element_keys: tuple[str, ...] = ()
    """Keys holding a path relative to each element of ``path`` (``field``)."""
    nested: str | None = None
    """``each``: the key of the check run on every element."""
    children: bool = False
    """``all`` / ``any``: the spec is itself a list of checks in the same scope."""


def _present(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    missing = [path for path in spec["paths"] if is_empty(scope.get(path)[0])]
    if not missing:
        return []
    at = scope.get(missing[0])[1]
    wanted = join(field_label(p) for p in spec["paths"])
    absent = join(field_label(p) for p in missing)
    return [
        Failure(
            at,
            label,
            Text(f"填写 {wanted.zh}", f"{wanted.en} filled in"),
            Text(f"缺少 {absent.zh}", f"{absent.en} missing"),
        )
    ]


def _is_true(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    return [] if value is True else [Failure(at, label, show(True), show(value))]


def _one_of(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    allowed = [scope.value(v) for v in spec["values"]]
    if value in allowed:
        return []
    return [Failure(at, label, _alternatives(allowed), show(value))]


def _alternatives(values: list[Any]) -> Text:
    """``a`` for one value, ``a、b 之一`` for several."""
    listed = join(show(v) for v in values)
    if len(values) < 2:
        return listed
    return Text(f"{listed.zh} 之一", f"one of {listed.en}")


def _same_as(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    others = [scope.get(other)[0] for other in spec["others"]]
    wanted = [o for o in others if not is_empty(o)]
    if not is_empty(value) and value in wanted:
        return []
    expected = _alternatives(wanted) if wanted else Text("（对照项未填写）", "(reference missing)")
    return [Failure(at, label, expected, show(value))]


def _member_of(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    items, items_at = scope.get(spec["list"])
    names = [e.get(spec["field"])[0] for e in select(scope, items, items_at, None)]
    if not is_empty(value) and value in names:
        return []
    list_label = format_path(tuple(spec["list"].lstrip("/").split(".")))
    return [Failure(at, label, Text(f"列入 {list_label}", f"listed in {list_label}"), show(value))]


def _count(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    items, at = scope.get(spec["path"])
    chosen = select(scope, items, at, spec.get("where"))
    return _range(len(chosen), spec, scope, label, at)


def _number(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return [Failure(at, label, _bounds_text(spec, scope), show(value))]
    return _range(value, spec, scope, label, at)


def _sum(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    items, at = scope.get(spec["path"])
    total: float = 0
    for element in select(scope, items, at, spec.get("where")):
        value = element.get(spec["field"])[0]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            total += value
    if "min_of" in spec:
        # The floor is a figure of the site itself (all households must be in some grid).
        floor = scope.get(spec["min_of"])[0]
        if not isinstance(floor, (int, float)) or total < floor:
            return [
                Failure(
                    at,
                    label,
                    Text(f"不少于 {show(floor).zh}", f"at least {show(floor).en}"),
                    show(total),
                )
            ]
    return _range(total, spec, scope, label, at)


def _distinct(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    values, at = _values_of(spec, scope)
    kinds = sorted({str(v) for v in values if not is_empty(v)})
    failures = _range(len(kinds), spec, scope, label, at)
    return [
        replace(
            f,
            actual=Text(
                f"{len(kinds)} 种（{join(map(show, kinds)).zh}）",
                f"{len(kinds)} ({join(map(show, kinds)).en})",
            ),
        )
        for f in failures
    ]


def _bounds_text(spec: Any, scope: Scope) -> Text:
    return bounds(scope.value(spec.get("min")), scope.value(spec.get("max")))


def _range(value: float, spec: Any, scope: Scope, label: Text, at: JsonPath) -> list[Failure]:
    low, high = scope.value(spec.get("min")), scope.value(spec.get("max"))
    if (low is not None and value < low) or (high is not None and value > high):
        return [Failure(at, label, _bounds_text(spec, scope), show(value))]
    return []


def _values_of(spec: Any, scope: Scope) -> tuple[list[Any], JsonPath]:
    items, at = scope.get(spec["path"])
    if "field" not in spec:
        return (list(items) if isinstance(items, list) else []), at
    elements = select(scope, items, at, spec.get("where"))
    return [e.get(spec["field"])[0] for e in elements], at


def _covers(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    present, at = _values_of(spec, scope)
    excused = {
        item
        for item, hazard in spec.get("excused_by_absent_hazard", {}).items()
        if hazard in scope.context.absent_hazards
    }
    required = [scope.value(item) for item in spec["items"]]
    missing = [item for item in required if item not in present and item not in excused]
    if not missing:
        return []
    wanted = [item for item in required if item not in excused]
    return [
        Failure(
            at,
            label,
            Text(
                f"涵盖 {join(show(i) for i in wanted).zh}",
                f"covering {join(show(i) for i in wanted).en}",
            ),
            Text(
                f"缺少 {join(show(i) for i in missing).zh}",
                f"missing {join(show(i) for i in missing).en}",
            ),
        )
    ]


def _partition(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    assigned, at = _values_of(spec, scope)
    units = scope.get(spec["of"])[0]
    units = list(units) if isinstance(units, list) else []
    counts = Counter(assigned)
    uncovered = [u for u in units if counts[u] == 0]
    repeated = [u for u in units if counts[u] > 1]
    unknown = [a for a in counts if a not in units]
    if not units or uncovered or repeated or unknown:
        problems = []
        if not units:
            problems.append(Text("未列出基本单元", "no units listed"))
        if uncovered:
            problems.append(
                Text(
                    f"未覆盖 {join(map(show, uncovered)).zh}",
                    f"uncovered {join(map(show, uncovered)).en}",
                )
            )
        if repeated:
            problems.append(
                Text(
                    f"重复划分 {join(map(show, repeated)).zh}",
                    f"split twice {join(map(show, repeated)).en}",
                )
            )
        if unknown:
            problems.append(
                Text(
                    f"不在名单中 {join(map(show, unknown)).zh}",
                    f"not listed {join(map(show, unknown)).en}",
                )
            )
        expected = Text("每个基本单元恰好划入一个网格", "every unit in exactly one grid")
        return [
            Failure(
                at,
                label,
                expected,
                Text("；".join(p.zh for p in problems), "; ".join(p.en for p in problems)),
            )
        ]
    return []


def _recent(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec["path"])
    window = {
        unit: int(scope.value(spec[unit])) for unit in ("days", "months", "years") if unit in spec
    }
    if in_window(value, scope.context.as_of, window):
        return []
    return [
        Failure(
            at,
            label,
            Text(
                f"审核日前 {window_text(window).zh}",
                window_text(window).en + " before the audit date",
            ),
            show(value),
        )
    ]


def _each(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    items, at = scope.get(spec["path"])
    failures: list[Failure] = []
    for element in select(scope, items, at, spec.get("where")):
        name = element.get(spec.get("name_field", "name"))[0]
        index = element.path[-1]
        tag = (
            show(name)
            if not is_empty(name)
            else Text(f"第 {int(index) + 1} 项", f"item {int(index) + 1}")
        )
        for failure in run(spec["check"], element):
            failures.append(
                replace(
                    failure,
                    label=Text(f"{tag.zh}：{failure.label.zh}", f"{tag.en}: {failure.label.en}"),
                )
            )
    return failures


def _all(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    return [failure for check in spec for failure in run(check, scope)]


def _any(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    tried = [run(check, scope) for check in spec]
    return [] if any(not failures for failures in tried) else tried[0]


def _rules(spec: Any, scope: Scope, label: Text, run: Run) -> list[Failure]:
    status = scope.context.rule_status
    failing = [rule for rule in spec if status.get(rule) in ("fail", "error")]
    if not failing:
        return []
    return [
        Failure(
            scope.path,
            label,
            Text(
                f"{join(show(r) for r in spec).zh} {'均' if len(spec) > 1 else ''}符合",
                f"{join(show(r) for r in spec).en} met",
            ),
            Text(
                f"{join(show(r) for r in failing).zh} 不符合",
                f"{join(show(r) for r in failing).en} not met",
            ),
        )
    ]


OPERATORS: dict[str, Operator] = {
    "present": Operator(_present, path_list_keys=("paths",)),
    "is_true": Operator(_is_true, path_keys=("path",)),
    "one_of": Operator(_one_of, path_keys=("path",)),
    "same_as": Operator(_same_as, path_keys=("path",), path_list_keys=("others",)),
    "member_of": Operator(_member_of, path_keys=("path", "list"), element_keys=("field",)),
    "count": Operator(_count, path_keys=("path",)),
    "number": Operator(_number, path_keys=("path",)),
    "sum": Operator(_sum, path_keys=("path", "min_of"), element_keys=("field",)),
    "distinct": Operator(_distinct, path_keys=("path",), element_keys=("field",)),
    "covers": Operator(_covers, path_keys=("path",), element_keys=("field",)),
    "partition": Operator(_partition, path_keys=("path", "of"), element_keys=("field",)),
    "recent": Operator(_recent, path_keys=("path",)),
    "each": Operator(_each, path_keys=("path",), element_keys=("name_field",), nested="check"),
    "all": Operator(_all, children=True),
    "any": Operator(_any, children=True),
    "rules": Operator(_rules),
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
    name, label = _prepared(check)
    spec = check[name]
    failures = OPERATORS[name].run(spec, scope, label, run_check)
    severity = check.get("severity")
    if severity is not None:
        failures = [replace(f, severity=f.severity or severity) for f in failures]
    return failures


def _label(check: Mapping[str, Any], spec: Any) -> Text:
    given = check.get("label")
    if isinstance(given, Mapping):
        return Text(str(given["zh"]), str(given["en"]))
    path = spec.get("path") if isinstance(spec, Mapping) else None
    return field_label(str(path)) if path else Text("检查项", "check")


__all__ = ["MISSING", "NONE_", "OPERATORS", "Failure", "operator_name", "run_check"]
