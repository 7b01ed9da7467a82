"""What a schema error means, in words a village clerk can act on (zh and en)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.validation.fieldnames import field_label

if TYPE_CHECKING:
    import jsonschema


_TYPE_NAMES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "array": ("列表", "a list"),
    "object": ("映射（键: 值）", "a mapping (key: value)"),
    "boolean": ("true 或 false", "true or false"),
    "null": ("空值", "null"),
}


def shown_path(path: JsonPath) -> tuple[str, str]:
    """Where a problem is, as a clerk counts: list positions from 1, and no "(root)".

    ``grids[1].grid_worker`` reads ``grids（第 2 项）.grid_worker``."""
    if not path:
        return "文件顶层", "top level"
    zh, en = "", ""
    for part in path:
        if isinstance(part, int):
            zh += f"（第 {part + 1} 项）"
            en += f" (item {part + 1})"
        else:
            zh += f".{part}" if zh else str(part)
            en += f".{part}" if en else str(part)
    return zh, en


def explain_one(error: jsonschema.ValidationError) -> list[tuple[JsonPath, Text]]:
    path: JsonPath = tuple(error.absolute_path)
    return [(path, _explain(error, Text(*shown_path(path))))]


@dataclass(frozen=True)
class _Quoted:
    """The parts of a schema error every message quotes, in both languages."""

    where: Text
    """The field, as ``shown_path`` words it."""
    found: Text
    """The value found there."""
    hint: Text
    """What an editor may have added to the value (Word quotes, odd spaces), or nothing."""


def _explain(error: jsonschema.ValidationError, where: Text) -> Text:
    keyword = str(error.validator)
    value = error.validator_value
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else str(value)
        return Text(f"{where.zh} 缺少必填字段 “{missing}”", f"{where.en}: '{missing}' is missing")
    instance = error.instance
    quoted = _Quoted(
        where, Text(_show(instance), _show(instance, english=True)), Text(*_hint(instance))
    )
    if keyword == "type":
        return _wrong_type(str(value), instance, quoted)
    if keyword in ("enum", "const"):
        options = list(value) if keyword == "enum" and isinstance(value, list) else [value]
        return _not_allowed(options, quoted)
    if keyword in ("format", "pattern") and schema.get("format") == "date":
        return _bad_date(instance, quoted)
    if keyword in _BOUNDS:
        zh, en = _BOUNDS[keyword]
        return Text(
            f"{where.zh} {zh} {value}，实际为 {quoted.found.zh}",
            f"{where.en} {en} {value}, found {quoted.found.en}",
        )
    if keyword == "pattern" and isinstance(schema.get("description"), str):
        # The schema's description says in words what the pattern says in symbols.
        return Text(
            f"{where.zh} 的值 {quoted.found.zh} 不符合要求：{schema['description']}",
            f"{where.en}: {quoted.found.en} does not have the required form ({value})",
        )
    if keyword == "minLength":
        return Text(f"{where.zh} 不能为空", f"{where.en} must not be empty")
    message = _shorten(str(error.message), 200)
    return Text(f"{where.zh}：{message}{quoted.hint.zh}", f"{where.en}: {message}{quoted.hint.en}")


_BOUNDS = {
    "minimum": ("不能小于", "must be at least"),
    "maximum": ("不能大于", "must be at most"),
    "exclusiveMinimum": ("必须大于", "must be greater than"),
    "exclusiveMaximum": ("必须小于", "must be less than"),
}


def _wrong_type(wanted: str, instance: Any, quoted: _Quoted) -> Text:
    zh, en = _TYPE_NAMES.get(wanted, (wanted, wanted))
    hint_zh, hint_en = _type_hint(wanted, instance) or (quoted.hint.zh, quoted.hint.en)
    return Text(
        f"{quoted.where.zh} 应为{zh}，实际为 {quoted.found.zh}{hint_zh}",
        f"{quoted.where.en} must be {en}, found {quoted.found.en}{hint_en}",
    )


def _not_allowed(options: list[Any], quoted: _Quoted) -> Text:
    return Text(
        f"{quoted.where.zh} 的值 {quoted.found.zh} 不在允许范围内；"
        f"可选：{'、'.join(str(o) for o in options)}{quoted.hint.zh}",
        f"{quoted.where.en}: {quoted.found.en} is not allowed; choose one of: "
        f"{', '.join(str(o) for o in options)}{quoted.hint.en}",
    )


def _bad_date(instance: Any, quoted: _Quoted) -> Text:
    if isinstance(instance, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", instance):
        return Text(
            f"{quoted.where.zh} 的日期 {quoted.found.zh} 不存在（这个月没有这一天）",
            f"{quoted.where.en}: the date {quoted.found.en} does not exist in the calendar",
        )
    return Text(
        f"{quoted.where.zh} 不是有效日期：{quoted.found.zh}，应写成 YYYY-MM-DD{quoted.hint.zh}",
        f"{quoted.where.en} is not a valid date: {quoted.found.en}; write YYYY-MM-DD"
        f"{quoted.hint.en}",
    )


def unknown_key(key: str, allowed: set[str]) -> Text:
    shown = _shorten(key)
    close = difflib.get_close_matches(key, sorted(allowed), n=1) if len(key) <= 100 else []
    if close:
        return Text(
            f"未知字段 “{shown}”，是否应为 “{close[0]}”？",
            f"unknown key '{shown}'; did you mean '{close[0]}'?",
        )
    # A clerk writes the field in Chinese (所属经济区:): the key whose description says it.
    described = [k for k in sorted(allowed) if _describes(field_label(k).zh, key)]
    if described:
        name = described[0]
        return Text(
            f"未知字段 “{shown}”：字段名要用英文，“{field_label(name).zh}”应写成 “{name}”",
            f"unknown key '{shown}': keys are English; '{field_label(name).zh}' is '{name}'",
        )
    return Text(f"未知字段 “{shown}”", f"unknown key '{shown}'")


def _describes(description: str, key: str) -> bool:
    text = key.strip().rstrip(":：")
    return len(text) >= 2 and bool(description) and (text in description or description in text)


def _type_hint(wanted: str, instance: Any) -> tuple[str, str] | None:
    """The usual YAML slips: a number in quotes, a phone number without them."""
    if wanted in ("integer", "number") and isinstance(instance, str):
        try:
            float(instance.strip())
        except ValueError:
            return None
        return (
            f"（去掉引号，直接写 {instance.strip()}）",
            f" (remove the quotes: write {instance.strip()})",
        )
    if wanted == "string" and isinstance(instance, (int, float)) and not isinstance(instance, bool):
        return (
            f'（加上引号写成文本，例如 "{instance}"；电话号码等数字串都要加引号）',
            f' (put it in quotes as text, e.g. "{instance}"; phone numbers need quotes)',
        )
    return None


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _show(instance: Any, english: bool = False) -> str:
    if isinstance(instance, str):
        return f"“{_shorten(instance)}”"
    if isinstance(instance, bool):
        return "true" if instance else "false"
    if instance is None:
        return "null" if english else "空值"
    if isinstance(instance, list):
        return "a list" if english else "列表"
    if isinstance(instance, dict):
        return "a mapping" if english else "映射"
    return _shorten(str(instance))


_SMART_QUOTES = "“”‘’「」"
_ODD_SPACES = "\u3000\xa0\u200b\ufeff"


def _hint(instance: Any) -> tuple[str, str]:
    """What an editor may have added to a text value: Word quotes, odd spaces."""
    if not isinstance(instance, str):
        return "", ""
    if instance[:1] in _SMART_QUOTES or instance[-1:] in _SMART_QUOTES:
        return (
            '（值两边的中文引号也被当成了内容：请去掉，或改用半角引号 "）',
            " (the curly quotes are part of the value: remove them or use straight quotes)",
        )
    if any(c in _ODD_SPACES for c in instance):
        return (
            "（值里有全角空格、不间断空格或看不见的字符，请删除）",
            " (the value holds a full-width, no-break or invisible space: remove it)",
        )
    return "", ""
