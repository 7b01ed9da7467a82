"""The reports' wording: jinja2 templates in ``templates/<set>/<lang>.yaml``, one per sentence.

Sets: ``report`` (检查情况报告, 整改通知书) and ``bulletin`` (the progress 调度通报).

Every sentence of a Word or Markdown report is rendered from one of these templates, in the
sandboxed environment with strict undefined, so the wording changes without code.
``--template-dir DIR`` points at a folder holding ``zh.yaml`` and/or ``en.yaml`` with any
subset of the keys; the built-in template fills in the rest. An override file is checked
like every other input: unknown keys, syntax errors and failed renders name file:line:col.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from emcheck import resources
from emcheck.audit.vocabulary import percent
from emcheck.errors import InputError, Location
from emcheck.i18n import MONTHS, Lang, Text
from emcheck.loading.document import Document
from emcheck.loading.loader import load_file
from emcheck.validation.validator import SchemaValidator, validate_document


@dataclass(frozen=True)
class _Entry:
    template: jinja2.Template
    location: Location


class Wording:
    """The compiled templates of one language."""

    def __init__(self, lang: Lang, entries: Mapping[str, _Entry]) -> None:
        self.lang = lang
        self._entries = entries

    def keys(self) -> frozenset[str]:
        return frozenset(self._entries)

    def text(self, key: str, **values: Any) -> str:
        """The rendered template, stripped; several lines stay joined by newlines."""
        entry = self._entries[key]
        try:
            rendered = entry.template.render(**values)
        except jinja2.TemplateError as error:
            raise InputError(
                entry.location,
                Text(
                    f"报告模板 “{key}” 无法渲染：{error}",
                    f"report template '{key}' cannot be rendered: {error}",
                ),
            ) from None
        return "\n".join(line.strip(" ") for line in rendered.strip().splitlines())

    def lines(self, key: str, **values: Any) -> list[str]:
        """The rendered template split into its non-empty lines (one paragraph or cell each)."""
        return [line for line in self.text(key, **values).splitlines() if line]


def wording(lang: Lang, override_dir: Path | None = None, name: str = "report") -> Wording:
    entries = dict(_builtin(lang, name))
    if override_dir is not None:
        entries.update(_override(lang, override_dir, frozenset(entries)))
    return Wording(lang, entries)


@functools.cache
def _builtin(lang: Lang, name: str) -> Mapping[str, _Entry]:
    path = resources.template_dir() / name / f"{lang}.yaml"
    return _compile(load_file(path), lang)


def _override(lang: Lang, folder: Path, known: frozenset[str]) -> Mapping[str, _Entry]:
    if not folder.is_dir():
        raise InputError(Location(str(folder)), Text("模板文件夹不存在", "no such template folder"))
    path = folder / f"{lang}.yaml"
    if not path.is_file():
        raise InputError(
            Location(str(folder)),
            Text(
                f"模板文件夹中没有 {lang}.yaml（--lang {lang} 的措辞模板）",
                f"the template folder has no {lang}.yaml (the wording for --lang {lang})",
            ),
        )
    document = load_file(path)
    if document.empty:
        return {}
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: {"type": "string"} for key in sorted(known)},
    }
    problems = validate_document(document, SchemaValidator(schema))
    if problems:
        raise InputError(problems[0].location, problems[0].message)
    return _compile(document, lang)


def _compile(document: Document, lang: Lang) -> dict[str, _Entry]:
    entries = {}
    for key, source in document.data.items():
        position = document.position_of((key,))
        location = Location(document.file, position.line, position.column)
        try:
            template = _environment(lang).from_string(source)
        except jinja2.TemplateSyntaxError as error:
            line = position.line + max(error.lineno - 1, 0)
            raise InputError(
                Location(document.file, line, position.column),
                Text(f"模板语法错误：{error.message}", f"template syntax error: {error.message}"),
            ) from None
        entries[key] = _Entry(template, location)
    return entries


@functools.cache
def _environment(lang: Lang) -> ImmutableSandboxedEnvironment:
    # The same sandbox as the rule messages, plus two filters for dates and rates.
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters = {**env.filters, "date": functools.partial(format_date, lang=lang)}
    env.filters["percent"] = percent
    return env


def format_date(value: date | None, lang: Lang) -> str:
    """``2026年4月10日`` (GB/T 9704: Arabic numerals, no leading zeros) or ``10 April 2026``."""
    if value is None:
        return ""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
