"""Check a loaded document against a JSON Schema and explain each error as a clerk would want."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema

from emcheck.document import Document, JsonPath, format_path
from emcheck.errors import Location
from emcheck.i18n import Text

_TYPE_NAMES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "array": ("列表", "a list"),
    "object": ("映射（键: 值）", "a mapping (key: value)"),
    "boolean": ("true 或 false", "true or false"),
    "null": ("空值", "null"),
}


@dataclass(frozen=True)
class SchemaProblem:
    """One place where a document does not fit its schema."""

    location: Location
    path: JsonPath
    message: Text


def make_validator(schema: Mapping[str, Any]) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_document(
    document: Document, validator: jsonschema.protocols.Validator
) -> list[SchemaProblem]:
    """All schema problems of ``document``, in file order, each explained once."""
    problems: dict[tuple[JsonPath, str], SchemaProblem] = {}
    root = validator.schema
    for error in _leaves(validator.iter_errors(document.data)):
        for path, message in _explain(error, root):
            position = document.position_of(path)
            location = Location(document.file, position.line, position.column)
            problems.setdefault((path, message.en), SchemaProblem(location, path, message))
    return sorted(
        problems.values(),
        key=lambda p: (p.location.line or 0, p.location.column or 0, p.message.en),
    )


def _leaves(errors: Iterable[jsonschema.ValidationError]) -> Iterable[jsonschema.ValidationError]:
    for error in errors:
        if error.context and error.validator in ("anyOf", "oneOf"):
            yield from _leaves(error.context)
        else:
            yield error


def _explain(error: jsonschema.ValidationError, root: Any) -> list[tuple[JsonPath, Text]]:
    path: JsonPath = tuple(error.absolute_path)
    where = format_path(path)
    keyword = str(error.validator)
    value = error.validator_value
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = _allowed_keys(schema, root)
        return [
            (
                (*path, key),
                _unknown_key(key, allowed),
            )
            for key in _extra_keys(error.instance, allowed)
        ]
    if keyword == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else str(value)
        return [
            (path, Text(f"{where} 缺少必填字段 “{missing}”", f"{where}: '{missing}' is missing"))
        ]
    if keyword == "type":
        zh, en = _TYPE_NAMES.get(str(value), (str(value), str(value)))
        return [
            (
                path,
                Text(
                    f"{where} 应为{zh}，实际为 {_show(error.instance)}",
                    f"{where} must be {en}, found {_show(error.instance)}",
                ),
            )
        ]
    if keyword in ("enum", "const"):
        options = list(value) if keyword == "enum" and isinstance(value, list) else [value]
        shown = "、".join(str(o) for o in options)
        return [
            (
                path,
                Text(
                    f"{where} 的值 {_show(error.instance)} 不在允许范围内；可选：{shown}",
                    f"{where}: {_show(error.instance)} is not allowed; choose one of: "
                    + ", ".join(str(o) for o in options),
                ),
            )
        ]
    if keyword in ("format", "pattern") and schema.get("format") == "date":
        return [
            (
                path,
                Text(
                    f"{where} 不是有效日期：{_show(error.instance)}，应写成 YYYY-MM-DD",
                    f"{where} is not a valid date: {_show(error.instance)}; write YYYY-MM-DD",
                ),
            )
        ]
    bounds = {
        "minimum": ("不能小于", "must be at least"),
        "maximum": ("不能大于", "must be at most"),
        "exclusiveMinimum": ("必须大于", "must be greater than"),
        "exclusiveMaximum": ("必须小于", "must be less than"),
    }
    if keyword in bounds:
        zh, en = bounds[keyword]
        return [
            (
                path,
                Text(
                    f"{where} {zh} {value}，实际为 {error.instance}",
                    f"{where} {en} {value}, found {error.instance}",
                ),
            )
        ]
    if keyword == "minLength":
        return [(path, Text(f"{where} 不能为空", f"{where} must not be empty"))]
    return [(path, Text(f"{where}：{error.message}", f"{where}: {error.message}"))]


def _allowed_keys(schema: Mapping[str, Any], root: Any) -> set[str]:
    """Property names a schema declares, through local $ref and allOf branches."""
    keys: set[str] = set(schema.get("properties", {}))
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        keys |= _allowed_keys(target, root)
    for branch in schema.get("allOf", []):
        keys |= _allowed_keys(branch, root)
    return keys


def _extra_keys(instance: Any, allowed: set[str]) -> list[str]:
    if not isinstance(instance, dict):
        return []
    return [key for key in instance if key not in allowed] if allowed else list(instance)


def _unknown_key(key: str, allowed: set[str]) -> Text:
    close = difflib.get_close_matches(key, sorted(allowed), n=1)
    if close:
        return Text(
            f"未知字段 “{key}”，是否应为 “{close[0]}”？",
            f"unknown key '{key}'; did you mean '{close[0]}'?",
        )
    return Text(f"未知字段 “{key}”", f"unknown key '{key}'")


def _show(instance: Any) -> str:
    if isinstance(instance, str):
        return f"“{instance}”"
    if isinstance(instance, bool):
        return "true" if instance else "false"
    if instance is None:
        return "空值"
    if isinstance(instance, list):
        return "列表"
    if isinstance(instance, dict):
        return "映射"
    return str(instance)
