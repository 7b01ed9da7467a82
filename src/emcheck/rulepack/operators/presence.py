"""Operators on single values: filled in, true, one of a list, equal to another, mentioning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emcheck.i18n import Text
from emcheck.loading.document import format_path
from emcheck.rulepack.checks import Spec
from emcheck.rulepack.matchers import select
from emcheck.rulepack.operators.base import Failure, Run, alternatives
from emcheck.rulepack.scope import Scope
from emcheck.rulepack.values import join, show
from emcheck.validation.fieldnames import field_label


@dataclass(frozen=True, kw_only=True)
class PresentSpec(Spec):
    paths: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class IsTrueSpec(Spec):
    path: str


@dataclass(frozen=True, kw_only=True)
class OneOfSpec(Spec):
    path: str
    values: tuple[Any, ...]
    """Literals or ``$settings``."""


@dataclass(frozen=True, kw_only=True)
class SameAsSpec(Spec):
    path: str
    others: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class MemberOfSpec(Spec):
    path: str
    list: str
    """The list whose elements' ``field`` the value must be one of."""
    field: str


@dataclass(frozen=True, kw_only=True)
class MentionsSpec(Spec):
    path: str
    texts: tuple[str, ...]
    excludes: tuple[str, ...] = ()


def present(spec: PresentSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    evidence = scope.context.evidence
    gaps = [(p, evidence.gap(scope.get(p)[0])) for p in spec.paths]
    lacking = [(p, gap) for p, gap in gaps if gap is not None]
    if not lacking:
        return []
    at = scope.get(lacking[0][0])[1]
    wanted = join(field_label(p) for p in spec.paths)
    found = join(_gap_text(scope, p, gap) for p, gap in lacking)
    return [Failure(at, label, Text(f"填写 {wanted.zh}", f"{wanted.en} filled in"), found)]


def _gap_text(scope: Scope, path: str, gap: Text) -> Text:
    """``缺少 责任制文件`` or ``责任制文件 填写的是占位内容（“无”）``."""
    name = field_label(path)
    value = scope.get(path)[0]
    if isinstance(value, str) and value.strip():
        return Text(f"{name.zh} {gap.zh}（“{value}”）", f"{name.en} {gap.en} ('{value}')")
    if isinstance(value, str):
        return Text(f"{name.zh} {gap.zh}", f"{name.en} {gap.en}")
    return Text(f"缺少 {name.zh}", f"{name.en} missing")


def is_true(spec: IsTrueSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec.path)
    return [] if value is True else [Failure(at, label, show(True), show(value))]


def one_of(spec: OneOfSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec.path)
    allowed = [scope.value(v) for v in spec.values]
    evidence = scope.context.evidence
    if evidence.real(value) and evidence.key(value) in [evidence.key(a) for a in allowed]:
        return []
    return [Failure(at, label, alternatives(allowed), show(value))]


def same_as(spec: SameAsSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec.path)
    evidence = scope.context.evidence
    wanted = [o for o in (scope.get(other)[0] for other in spec.others) if evidence.real(o)]
    if evidence.real(value) and evidence.key(value) in [evidence.key(w) for w in wanted]:
        return []
    expected = alternatives(wanted) if wanted else Text("（对照项未填写）", "(reference missing)")
    return [Failure(at, label, expected, show(value))]


def member_of(spec: MemberOfSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    value, at = scope.get(spec.path)
    items, items_at = scope.get(spec.list)
    evidence = scope.context.evidence
    names = [e.get(spec.field)[0] for e in select(scope, items, items_at, None)]
    keys = {evidence.key(n) for n in names if evidence.real(n)}
    if evidence.real(value) and evidence.key(value) in keys:
        return []
    list_label = format_path(tuple(spec.list.lstrip("/").split(".")))
    return [Failure(at, label, Text(f"列入 {list_label}", f"listed in {list_label}"), show(value))]


def mentions(spec: MentionsSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    """The text names every one of ``texts`` (the zone duty room: ``[$zone, 值班室]``) and none
    of ``excludes`` (未, 拟: "未报西岭经济区值班室" names the room but says it was not filed)."""
    value, at = scope.get(spec.path)
    evidence = scope.context.evidence
    texts = [scope.value(t) for t in spec.texts]
    if not all(evidence.real(t) for t in texts):
        # The reference itself is missing (the unit's zone): say so, not "expected X, found X".
        missing = join(field_label(t[1:]) for t in spec.texts if not evidence.real(scope.value(t)))
        return [
            Failure(
                at,
                label,
                Text(f"可核对的{missing.zh}", f"a {missing.en} to check against"),
                Text(f"{missing.zh}未填写，无法核对", f"{missing.en} not filled in"),
            )
        ]
    wanted = join(show(t) for t in texts)
    expected = Text(f"写明 {wanted.zh}", f"naming {wanted.en}")
    said = evidence.key(value) if isinstance(value, str) else ""
    banned = [w for w in spec.excludes if evidence.key(w) in said]
    if banned:
        shown = join(show(w) for w in banned)
        expected = Text(f"{expected.zh}，不含 {shown.zh}", f"{expected.en}, without {shown.en}")
    elif evidence.real(value) and all(evidence.key(t) in said for t in texts):
        return []
    return [Failure(at, label, expected, show(value))]
