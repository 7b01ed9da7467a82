"""A commented site-file template for one level, written from the site schema (``emcheck init``).

Every field the schema gives the level appears, grouped by the clause of the pilot plan it serves,
each under a comment saying what it is. Its value is a stand-in that claims nothing: text ``""``,
lists ``[]``, yes/no ``false``; dates, numbers and choices are commented-out samples, because an
empty one would not be valid. So an unedited template is valid and passes no rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from emcheck import resources
from emcheck.i18n import Lang, Text, list_separator
from emcheck.validation.schema_fields import (
    Field,
    Node,
    applies,
    fields,
    level_schema,
    resolve,
    section_of,
    template_order,
)
from emcheck.validation.template_text import header

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FLOW_SPECIAL = re.compile(r"[:#,\[\]{}]|^[-?&*!|>'\"%@`\s]|\s$")
_LABEL = Text("（本行固定，不要改动）", " (leave as is)")
_AS_ABOVE = Text("填法同上一条", "fill in as above")
_SEE_BELOW = Text(
    "每条一段，写法见下方示例：删去 [] 和各行的“# ”", "one entry each, as in the example below"
)


def site_template(level: str, lang: Lang) -> str:
    """The template of a site file of ``level``, comments in ``lang``."""
    sections = {section["id"]: section for section in resources.schema("site")["x-sections"]}
    lines = header(level, lang)
    current = None
    for field in template_order(fields(level_schema(level), level)):
        if section_of(field) != current:
            current = section_of(field)
            shown = f"{current} " if "(" in current else ""
            lines += ["", f"# ── {shown}{sections[current][lang]} ".ljust(60, "─")]
        lines += ["", *_field(field, 0, level, lang)]
    return "\n".join(lines) + "\n"


def _field(field: Field, indent: int, level: str, lang: Lang) -> list[str]:
    """A field's comment line and its stand-in value (or commented-out sample)."""
    key, node, pad = field.key, field.schema, " " * indent
    fixed = _fixed(field, level)
    if fixed is not None:
        return [_comment(node, pad, lang), f"{pad}{key}: {_scalar(fixed)}"]
    if _is_sample(node):
        return [
            _comment(node, pad, lang, _choices(node, lang)),
            f"{pad}# {key}: {_scalar(_sample(node))}",
        ]
    if node.get("type") == "object":
        nested = [line for f in fields(node, level) for line in _field(f, indent + 2, level, lang)]
        return [_comment(node, pad, lang), f"{pad}{key}:", *nested]
    if node.get("type") == "array":
        return _list(field, indent, level, lang)
    placeholder = "false" if node.get("type") == "boolean" else '""'
    return [_comment(node, pad, lang, _example(node, lang)), f"{pad}{key}: {placeholder}"]


def _list(field: Field, indent: int, level: str, lang: Lang) -> list[str]:
    key, node, pad = field.key, field.schema, " " * indent
    items = resolve(node.get("items", {}))
    if "properties" not in items:
        tail = _choices(items, lang, many=True) + _example(node, lang)
        return [_comment(node, pad, lang, tail), f"{pad}{key}: []"]
    presets = [row for row in node.get("x-rows", []) if applies(row, level)]
    if presets:
        first, *rest = presets
        flows = [_flow_row(items, row, indent + 4, level, lang) for row in rest]
        return [
            _comment(node, pad, lang),
            f"{pad}{key}:",
            *_row(items, first, indent + 4, level, lang),
            *flows,
        ]
    if all(_can_be_empty(f.schema) for f in fields(items, level) if f.required):
        return [
            _comment(node, pad, lang),
            f"{pad}{key}:",
            *_row(items, {}, indent + 4, level, lang),
        ]
    example = _example_row(node, items, indent + 2, level, lang)
    return [_comment(node, pad, lang), f"{pad}{key}: []  # {_SEE_BELOW.get(lang)}", *example]


def _row(items: Node, preset: Mapping[str, Any], indent: int, level: str, lang: Lang) -> list[str]:
    """One list entry written out in full: the preset's labels fixed, the rest stand-ins."""
    lines: list[str] = []
    for field in fields(items, level):
        if field.key in preset:
            label = _comment(field.schema, " " * indent, lang, _LABEL.get(lang))
            lines += [label, f"{' ' * indent}{field.key}: {_scalar(preset[field.key])}"]
        elif "enum" not in field.schema:
            lines += _field(field, indent, level, lang)
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    lines[first] = " " * (indent - 2) + "- " + lines[first][indent:]
    note = _note(preset, lang)
    before = [f"{' ' * (indent - 2)}# {note}"] if note else []
    return before + [line[2:] if i < first else line for i, line in enumerate(lines)]


def _flow_row(items: Node, preset: Mapping[str, Any], indent: int, level: str, lang: Lang) -> str:
    """A further preset entry on one line: its labels and the stand-ins that need no sample."""
    values = {
        f.key: preset[f.key] if f.key in preset else _empty(f.schema)
        for f in fields(items, level)
        if f.key in preset or (_can_be_empty(f.schema) and "properties" not in f.schema)
    }
    note = _note(preset, lang) or _AS_ABOVE.get(lang)
    return f"{' ' * (indent - 2)}- {_scalar(values)}  # {note}"


def _example_row(node: Node, items: Node, indent: int, level: str, lang: Lang) -> list[str]:
    """A commented-out sample entry: deleting the "# " of each line gives a valid entry.

    The list's own example, if it has one, else the samples of the entry's fields."""
    given = node["examples"][0][0] if "examples" in node else {}
    lines: list[str] = []
    for field in fields(items, level):
        sample = field.schema
        if given and field.key not in given:
            continue
        if not given and ("properties" in sample or not (field.required or "examples" in sample)):
            continue
        lead = "# - " if not lines else "#   "
        value = _scalar(given[field.key] if given else _sample(sample))
        lines.append(f"{' ' * indent}{lead}{field.key}: {value}  # {_describe(sample, lang)}")
    return lines


def _fixed(field: Field, level: str) -> Any:
    """A required identity value: the format version, the level, a stand-in id or name."""
    node = field.schema
    if not field.required:
        return None
    if "const" in node:
        return node["const"]
    if field.key == "level":
        return level
    placeholder = node.get("x-placeholder")
    return placeholder[level] if isinstance(placeholder, Mapping) else None


def _is_sample(node: Node) -> bool:
    """Choices, dates and numbers have no empty value that is valid: they are commented out."""
    return (
        "enum" in node or node.get("format") == "date" or node.get("type") in ("integer", "number")
    )


def _can_be_empty(node: Node) -> bool:
    kind = node.get("type")
    return (kind == "string" and "pattern" not in node and "format" not in node) or kind in (
        "boolean",
        "array",
    )


def _empty(node: Node) -> Any:
    return {"boolean": False, "array": []}.get(str(node.get("type")), "")


def _sample(node: Node) -> Any:
    if "examples" in node:
        return node["examples"][0]
    if "enum" in node:
        return node["enum"][0]
    if node.get("type") == "array" and "enum" in node.get("items", {}):
        return node["items"]["enum"][:1]
    return node.get("const", 1)


def _comment(node: Node, pad: str, lang: Lang, tail: str = "") -> str:
    return f"{pad}# {_describe(node, lang)}{tail}"


def _describe(node: Node, lang: Lang) -> str:
    text = str(node.get("description" if lang == "zh" else "x-en", ""))
    clause = node.get("x-clause")
    return f"{clause} {text}" if clause else text


def _choices(node: Node, lang: Lang, many: bool = False) -> str:
    """The values a choice may take, in the comment: they are Chinese in either language."""
    if "enum" not in node:
        return ""
    values = [str(v) for v in node["enum"]]
    words = (Text("可选", "any of") if many else Text("可填", "one of")).get(lang)
    return (
        Text("；{0}：{1}", "; {0}: {1}").get(lang).format(words, list_separator(lang).join(values))
    )


def _example(node: Node, lang: Lang) -> str:
    text = str(node.get("description" if lang == "zh" else "x-en", ""))
    if "examples" not in node or "例如" in text or "e.g." in text:
        return ""
    return Text("，例如 {0}", ", e.g. {0}").get(lang).format(_scalar(node["examples"][0]))


def _note(preset: Mapping[str, Any], lang: Lang) -> str:
    return str(preset.get("x-note" if lang == "zh" else "x-note-en", ""))


def _scalar(value: Any) -> str:
    """A value in YAML flow style: plain where it reads back as the same string, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return (
            "{"
            + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items() if not k.startswith("x-"))
            + "}"
        )
    text = str(value)
    if _DATE.fullmatch(text) or (
        text and not _FLOW_SPECIAL.search(text) and yaml.safe_load(text) == text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)
