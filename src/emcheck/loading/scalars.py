"""What a YAML scalar reads as: text, a finite number, a boolean, null, or a date kept as text.

YAML 1.1 readings a clerk never means (``08:30`` as 510, ``010`` as 8) stay text, and a value
no constructor can read raises ``UnreadableScalar`` for the builder to place at its line.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from emcheck.i18n import Text
from emcheck.loading import yaml_hints

TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = {f"{TAG}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}
ALLOWED_TAGS |= {f"{TAG}timestamp", "!"}


class UnreadableScalar(Exception):
    """A scalar whose tag promises a number the text cannot be read as."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


def read_scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None:
        if not event.implicit[0]:  # quoted: always text
            return event.value
        cached = _PLAIN.get(event.value, _PLAIN)
        if cached is not _PLAIN:
            return cached
    value = _construct(event, tag)
    if tag is None and len(_PLAIN) < _PLAIN_MAX and len(event.value) <= 64:
        _PLAIN[event.value] = value
    return value


def _construct(event: yaml.ScalarEvent, tag: str | None) -> Any:
    if tag in (None, "!"):
        implicit = event.implicit if tag is None else (False, False)
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, implicit)  # type: ignore[no-untyped-call]
        if _is_text_in_disguise(tag, event.value):
            return event.value
    node = yaml.ScalarNode(tag, event.value)
    if tag == f"{TAG}timestamp":
        # Dates stay ISO text, as JSON Schema's "date" format expects.
        return event.value
    constructor = _CONSTRUCTORS.get(tag)
    if constructor is None:
        return event.value
    shown = yaml_hints.shorten(event.value)
    try:
        value = constructor(node)
    except (ValueError, yaml.constructor.ConstructorError):
        raise UnreadableScalar(
            Text(
                f"值 “{shown}” 不能读作 {tag.removeprefix(TAG)}（位数过多或格式不对）",
                f"the value '{shown}' cannot be read as {tag.removeprefix(TAG)} "
                "(too many digits or a wrong form)",
            )
        ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise UnreadableScalar(
            Text(
                f"“{shown}” 不是有限的数：不能用 .nan、.inf 或超出范围的数",
                f"'{shown}' is not a finite number: .nan, .inf and out-of-range numbers "
                "are not allowed",
            )
        )
    return value


_PLAIN: dict[str, Any] = {}
"""What short plain scalars read as: the same names, dates and numbers recur in every file."""
_PLAIN_MAX = 100_000

_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _is_text_in_disguise(tag: str, value: str) -> bool:
    """Plain values YAML 1.1 reads as numbers but a clerk means as text.

    ``08:30`` (base 60: 510), ``010`` (octal: 8), ``0x1F``, ``1_000``: YAML 1.2 dropped these
    readings, and a message "must be text, found 510" would only puzzle the submitter.
    """
    if tag == f"{TAG}int":
        return _DECIMAL.fullmatch(value) is None
    if tag == f"{TAG}float":
        return ":" in value or "_" in value
    return False


_RESOLVER = yaml.resolver.Resolver()
_SAFE = yaml.constructor.SafeConstructor()
_CONSTRUCTORS = {
    f"{TAG}null": _SAFE.construct_yaml_null,
    f"{TAG}bool": _SAFE.construct_yaml_bool,
    f"{TAG}int": _SAFE.construct_yaml_int,
    f"{TAG}float": _SAFE.construct_yaml_float,
    f"{TAG}str": _SAFE.construct_scalar,
}
