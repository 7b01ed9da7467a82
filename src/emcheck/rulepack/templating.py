"""Message and report wording as jinja2 templates, rendered in a sandbox with strict undefined."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from emcheck.errors import Location, RulePackError
from emcheck.i18n import Text

if TYPE_CHECKING:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

T = TypeVar("T")


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    # Imported here: a run whose rules all pass, with a cached pack, never needs jinja2.
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # Rule packs and template folders may come from anyone: no attribute tricks, no
    # silently empty placeholders.
    return ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )


def compile_template(source: str, location: Location) -> jinja2.Template:
    return _checked(lambda: environment().from_string(source), location)


def check_syntax(source: str, location: Location) -> None:
    """Parse without compiling: a fifth of the cost, and the same syntax errors."""
    _checked(lambda: environment().parse(source), location)


def _checked(step: Callable[[], T], location: Location) -> T:
    import jinja2

    try:
        return step()
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
        # Syntax is checked now, so a broken pack stops before any audit; compiling waits
        # for the first failure that needs the sentence (most rules pass on most units).
        check_syntax(zh, zh_at)
        check_syntax(en, en_at)
        self.sources = (zh, en, zh_at, en_at)

    @functools.cached_property
    def zh(self) -> jinja2.Template:
        return compile_template(self.sources[0], self.sources[2])

    @functools.cached_property
    def en(self) -> jinja2.Template:
        return compile_template(self.sources[1], self.sources[3])

    def __reduce__(self) -> tuple[Callable[..., BilingualTemplate], tuple[Any, ...]]:
        # Compiled templates cannot be pickled: keep the sources (already checked) and
        # compile again where they are used.
        return (_restore, (self.sources,))

    def render(self, zh_values: dict[str, Any], en_values: dict[str, Any]) -> Text:
        return Text(render(self.zh, zh_values), render(self.en, en_values))


def _restore(sources: tuple[str, str, Location, Location]) -> BilingualTemplate:
    template = BilingualTemplate.__new__(BilingualTemplate)
    template.sources = sources
    return template
