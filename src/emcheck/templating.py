"""Message and report wording as jinja2 templates, rendered in a sandbox with strict undefined."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from emcheck.errors import Location, RulePackError
from emcheck.i18n import Text


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    # Rule packs and template folders may come from anyone: no attribute tricks, no
    # silently empty placeholders.
    return ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )


def compile_template(source: str, location: Location) -> jinja2.Template:
    try:
        return environment().from_string(source)
    except jinja2.TemplateSyntaxError as error:
        line = (location.line or 1) + max(error.lineno - 1, 0)
        raise RulePackError(
            Location(location.file, line, location.column),
            Text(f"模板语法错误：{error.message}", f"template syntax error: {error.message}"),
        ) from None


def render(template: jinja2.Template, values: dict[str, Any]) -> str:
    return template.render(**values).strip()


class BilingualTemplate:
    """A zh and an en template for the same sentence."""

    def __init__(self, zh: str, en: str, zh_at: Location, en_at: Location) -> None:
        self.sources = (zh, en, zh_at, en_at)
        self.zh = compile_template(zh, zh_at)
        self.en = compile_template(en, en_at)

    def __reduce__(self) -> tuple[type[BilingualTemplate], tuple[str, str, Location, Location]]:
        # Compiled templates cannot be pickled; parallel audits recompile from source.
        return (BilingualTemplate, self.sources)

    def render(self, zh_values: dict[str, Any], en_values: dict[str, Any]) -> Text:
        return Text(render(self.zh, zh_values), render(self.en, en_values))
