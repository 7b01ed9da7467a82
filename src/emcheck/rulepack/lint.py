"""Load-time checking of a rule's ``check``: operators, paths, settings and rule references."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from emcheck import resources
from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.operators import COMMON_KEYS, OPERATORS
from emcheck.rulepack.operators.base import Operator
from emcheck.rulepack.paths import SchemaPaths, split

Problem = tuple[JsonPath, Text]
Node = Mapping[str, Any]

_ONE_OPERATOR = Text(
    f"每个检查须恰好有一个运算符（可用：{'、'.join(OPERATORS)}）",
    f"each check needs exactly one operator (one of: {', '.join(OPERATORS)})",
)

_WHOLE_CHECK = Text(
    "duplicates 只能作为规则的整个检查（各单位的材料在全部审核后才相互比对）",
    "duplicates must be a rule's whole check (units' material is compared once all are audited)",
)


class CheckLinter:
    """Walks a check beside the site schema for every level group the rule applies to."""

    def __init__(self, levels: frozenset[str], variables: set[str], rule_ids: set[str]) -> None:
        self.schema = SchemaPaths(resources.schema("site"))
        groups = {"district"} & levels | ({"grassroots"} if levels - {"district"} else set())
        self.roots = {group: self.schema.root(group) for group in sorted(groups)}
        self.variables = variables
        self.rule_ids = rule_ids

    def lint(self, check: Mapping[str, Any], at: JsonPath) -> Iterator[Problem]:
        yield from self._settings(check, at)
        for group, root in self.roots.items():
            yield from self._check(check, at, root, root, group)

    def _settings(self, value: Any, at: JsonPath) -> Iterator[Problem]:
        if isinstance(value, str) and value.startswith("$") and value[1:] not in self.variables:
            yield at, Text(f"未定义的设置 {value}", f"unknown setting {value}")
        elif isinstance(value, Mapping):
            for key, item in value.items():
                yield from self._settings(item, (*at, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from self._settings(item, (*at, index))

    def _check(
        self, check: Mapping[str, Any], at: JsonPath, node: Node, root: Node, group: str
    ) -> Iterator[Problem]:
        names = [key for key in check if key not in COMMON_KEYS]
        if len(names) != 1:
            yield at, _ONE_OPERATOR
            return
        name = names[0]
        operator, spec, here = OPERATORS[name], check[name], (*at, name)
        if operator.children:
            for index, child in enumerate(spec):
                yield from self._check(child, (*here, index), node, root, group)
        elif name == "rules":
            yield from self._rule_references(spec, here)
        elif name == "duplicates" and at != ("check",):
            yield here, _WHOLE_CHECK
        else:
            yield from self._spec_paths(operator, spec, here, node, root, group)

    def _rule_references(self, rule_ids: list[str], at: JsonPath) -> Iterator[Problem]:
        for index, ref in enumerate(rule_ids):
            if ref not in self.rule_ids:
                yield (
                    (*at, index),
                    Text(f"引用了不存在的规则 {ref}", f"reference to unknown rule {ref}"),
                )

    def _spec_paths(
        self, operator: Operator[Any], spec: Node, at: JsonPath, node: Node, root: Node, group: str
    ) -> Iterator[Problem]:
        """The spec's paths from the current scope, then those from each of its elements."""
        for key in operator.path_keys:
            if key in spec:
                yield from self._path(spec[key], (*at, key), node, root, group)
        for key in operator.path_list_keys:
            for index, path in enumerate(spec[key]):
                yield from self._path(path, (*at, key, index), node, root, group)
        for key in operator.reach_keys:
            for index, path in enumerate(spec.get(key, [])):
                rooted, parts = split(path)
                if self.schema.walk(root if rooted else node, parts, into_lists=True) is None:
                    yield from self._path(path, (*at, key, index), {}, {}, group)
        element = self._element(spec, node, root)
        if element is not None:
            yield from self._element_paths(operator, spec, at, element, root, group)

    def _element_paths(
        self,
        operator: Operator[Any],
        spec: Node,
        at: JsonPath,
        element: Node,
        root: Node,
        group: str,
    ) -> Iterator[Problem]:
        """Keys naming fields of each element, ``where`` conditions, and ``each``'s check."""
        for key in operator.element_keys:
            value = spec.get(key)
            for index, path in enumerate(value if isinstance(value, list) else [value]):
                if path is not None:
                    at_key = (*at, key, index) if isinstance(value, list) else (*at, key)
                    yield from self._path(path, at_key, element, root, group)
        yield from self._where(spec.get("where", {}), (*at, "where"), element, root, group)
        if operator.nested:
            yield from self._check(
                spec[operator.nested], (*at, operator.nested), element, root, group
            )

    def _where(
        self, where: Mapping[str, Any], at: JsonPath, element: Node, root: Node, group: str
    ) -> Iterator[Problem]:
        for field, condition in where.items():
            yield from self._path(field, (*at, field), element, root, group)
            if isinstance(condition, Mapping) and "some" in condition:
                # ``some`` looks inside a list field: its keys are paths in that list's items.
                target = self._resolve(field, element, root)
                inner = self.schema.items(target) if target is not None else None
                if inner is not None:
                    yield from self._where(
                        condition["some"], (*at, field, "some"), inner, root, group
                    )

    def lint_reachable(self, paths: list[str]) -> Iterator[Problem]:
        """Paths that may step into lists (``drills.date``), as ``when_present`` names them."""
        for index, path in enumerate(paths):
            for group, root in self.roots.items():
                if self.schema.walk(root, split(path)[1], into_lists=True) is None:
                    yield from self._path(path, (index,), {}, {}, group)

    def _element(self, spec: Mapping[str, Any], node: Node, root: Node) -> Node | None:
        # member_of's elements are those of its ``list``; every other operator's, of ``path``.
        target = self._resolve(spec.get("list", spec.get("path", "")), node, root)
        return self.schema.items(target) if target is not None else None

    def _resolve(self, path: str, node: Node, root: Node) -> Node | None:
        rooted, parts = split(path)
        return self.schema.walk(root if rooted else node, parts)

    def _path(
        self, path: str, at: JsonPath, node: Node, root: Node, group: str
    ) -> Iterator[Problem]:
        if self._resolve(path, node, root) is None:
            where = "区（乡镇、街道）" if group == "district" else "村（社区）"
            yield (
                at,
                Text(
                    f"站点文件格式中没有路径 “{path}”（{where}）",
                    f"path '{path}' is not in the site file format ({group})",
                ),
            )
