"""A JSON Schema compiled into one fast yes/no check.

jsonschema explains every error well but walks a 1,000-line site file slowly (about 30 ms:
each node is a validator object, each ``$ref`` a registry lookup). Most submitted files are
valid, so ``validate_document`` first asks this check and only when it says no lets
jsonschema find and explain the errors. The check is built from closures once per schema.

It knows a closed set of keywords with draft 2020-12 meaning; a schema using any other (or
a non-local ``$ref``, or ``unevaluatedProperties`` it cannot settle statically) raises
``Unsupported`` at compile time, and the caller keeps to jsonschema alone. A property test
holds it equal to ``jsonschema``'s ``is_valid`` on mutated site files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

Check = Callable[[Any], bool]


class Unsupported(Exception):
    """The schema uses something this compiler does not implement."""


_IGNORED = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "definitions",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "then",  # compiled with "if"
        "else",
    }
)


def _yes(instance: Any) -> bool:
    return True


def _no(instance: Any) -> bool:
    return False


def _is_number(instance: Any) -> bool:
    return isinstance(instance, int | float) and not isinstance(instance, bool)


def _is_integer(instance: Any) -> bool:
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())


_TYPES: dict[str, Check] = {
    "string": lambda i: isinstance(i, str),
    "object": lambda i: isinstance(i, dict),
    "array": lambda i: isinstance(i, list),
    "boolean": lambda i: isinstance(i, bool),
    "null": lambda i: i is None,
    "number": _is_number,
    "integer": _is_integer,
}


def equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema has it: true is not 1, lists and mappings compared deeply."""
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[k], two[k]) for k in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


def compile_schema(schema: Any, format_checker: Any | None) -> Check:
    """One check for ``schema``; raises ``Unsupported`` when it cannot be exact."""
    return _Compiler(schema, format_checker).compile(schema)


class _Compiler:
    def __init__(self, root: Mapping[str, Any], format_checker: Any | None) -> None:
        self.root = root
        self.format_checker = format_checker
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _yes
        if schema is False:
            return _no
        if not isinstance(schema, Mapping):
            raise Unsupported(f"schema {schema!r}")
        checks = []
        for keyword, value in schema.items():
            if keyword in _IGNORED:
                continue
            make = _KEYWORDS.get(keyword)
            if make is None:
                raise Unsupported(keyword)
            checks.append(make(self, value, schema))
        return _all(checks)

    def resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise Unsupported(f"$ref {ref}")
        target: Any = self.root
        for part in unquote(ref[1:]).split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, Sequence) and not isinstance(target, str):
                target = target[int(part)]
            elif isinstance(target, Mapping) and part in target:
                target = target[part]
            else:
                raise Unsupported(f"$ref {ref}")
        return target

    def ref(self, ref: str) -> Check:
        if ref not in self.refs:
            holder: list[Check] = []
            self.refs[ref] = lambda i: holder[0](i)  # a recursive schema meets itself
            holder.append(self.compile(self.resolve(ref)))
            self.refs[ref] = holder[0]
        return self.refs[ref]

    def evaluated(self, schema: Any, seen: frozenset[int] = frozenset()) -> frozenset[str]:
        """Property names ``unevaluatedProperties`` counts as evaluated, when this is static."""
        if not isinstance(schema, Mapping) or id(schema) in seen:
            return frozenset()
        seen |= {id(schema)}
        dynamic = {"patternProperties", "if", "anyOf", "oneOf", "not", "dependentSchemas"}
        extra = schema.get("additionalProperties", False)
        if dynamic & set(schema) or extra is not False or "$dynamicRef" in schema:
            raise Unsupported("unevaluatedProperties beside dynamic keywords")
        names = frozenset(schema.get("properties", {}))
        if "$ref" in schema:
            names |= self.evaluated(self.resolve(schema["$ref"]), seen)
        for branch in schema.get("allOf", []):
            names |= self.evaluated(branch, seen)
        return names


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _yes
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda i: first(i) and second(i)
    return lambda i: all(check(i) for check in checks)


Maker = Callable[[_Compiler, Any, Mapping[str, Any]], Check]


def _type(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    names = [value] if isinstance(value, str) else list(value)
    if any(name not in _TYPES for name in names):
        raise Unsupported(f"type {value}")
    if len(names) == 1:
        return _TYPES[names[0]]
    predicates = [_TYPES[name] for name in names]
    return lambda i: any(p(i) for p in predicates)


def _enum(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    options = list(value)
    if all(isinstance(o, str) for o in options):
        texts = frozenset(options)
        return lambda i: isinstance(i, str) and i in texts
    return lambda i: any(equal(o, i) for o in options)


def _const(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda i: equal(value, i)


def _properties(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    checks = {name: c.compile(sub) for name, sub in value.items()}

    def check(i: Any) -> bool:
        if not isinstance(i, dict):
            return True
        for key, item in i.items():
            sub = checks.get(key)
            if sub is not None and not sub(item):
                return False
        return True

    return check


def _required(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    names = list(value)
    return lambda i: not isinstance(i, dict) or all(name in i for name in names)


def _additional(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    if "patternProperties" in schema:
        raise Unsupported("additionalProperties with patternProperties")
    known = frozenset(schema.get("properties", {}))
    extra = c.compile(value)
    if extra is _no:
        return lambda i: not isinstance(i, dict) or all(key in known for key in i)
    return lambda i: (
        not isinstance(i, dict) or all(extra(item) for key, item in i.items() if key not in known)
    )


def _unevaluated(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    if value is not False:
        raise Unsupported("unevaluatedProperties other than false")
    known = c.evaluated(schema)
    return lambda i: not isinstance(i, dict) or all(key in known for key in i)


def _items(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    if "prefixItems" in schema or not isinstance(value, Mapping | bool):
        raise Unsupported("items with prefixItems or as a list")
    each = c.compile(value)
    return lambda i: not isinstance(i, list) or all(each(item) for item in i)


def _bound(test: Callable[[Any, Any], bool], applies: Check) -> Maker:
    def make(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
        return lambda i: not applies(i) or test(i, value)

    return make


def _property_names(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    each = c.compile(value)
    return lambda i: not isinstance(i, dict) or all(each(key) for key in i)


def _unique(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    if not value:
        return _yes

    def check(i: Any) -> bool:
        if not isinstance(i, list):
            return True
        return not any(equal(a, b) for n, a in enumerate(i) for b in i[n + 1 :])

    return check


def _pattern(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    regex = re.compile(value)
    return lambda i: not isinstance(i, str) or regex.search(i) is not None


def _format(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    checker = c.format_checker
    if checker is None:
        return _yes
    return lambda i: bool(checker.conforms(i, value))


def _ref(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    return c.ref(value)


def _all_of(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    return _all([c.compile(sub) for sub in value])


def _any_of(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    checks = [c.compile(sub) for sub in value]
    return lambda i: any(check(i) for check in checks)


def _one_of(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    checks = [c.compile(sub) for sub in value]
    return lambda i: sum(1 for check in checks if check(i)) == 1


def _not(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    check = c.compile(value)
    return lambda i: not check(i)


def _if(c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Check:
    condition = c.compile(value)
    then = c.compile(schema.get("then", True))
    otherwise = c.compile(schema.get("else", True))
    return lambda i: then(i) if condition(i) else otherwise(i)


_KEYWORDS: dict[str, Maker] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "unevaluatedProperties": _unevaluated,
    "items": _items,
    "minItems": _bound(lambda i, v: len(i) >= v, lambda i: isinstance(i, list)),
    "maxItems": _bound(lambda i, v: len(i) <= v, lambda i: isinstance(i, list)),
    "minProperties": _bound(lambda i, v: len(i) >= v, lambda i: isinstance(i, dict)),
    "maxProperties": _bound(lambda i, v: len(i) <= v, lambda i: isinstance(i, dict)),
    "minLength": _bound(lambda i, v: len(i) >= v, lambda i: isinstance(i, str)),
    "maxLength": _bound(lambda i, v: len(i) <= v, lambda i: isinstance(i, str)),
    "minimum": _bound(lambda i, v: i >= v, _is_number),
    "maximum": _bound(lambda i, v: i <= v, _is_number),
    "exclusiveMinimum": _bound(lambda i, v: i > v, _is_number),
    "exclusiveMaximum": _bound(lambda i, v: i < v, _is_number),
    "pattern": _pattern,
    "propertyNames": _property_names,
    "uniqueItems": _unique,
    "format": _format,
    "$ref": _ref,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
}
