"""Read a YAML file into plain JSON-like data plus the 1-based position of every value.

This module is the door: limits, encoding, characters YAML would choke on, and the parser's
own syntax errors worded for a clerk. ``document_builder`` turns the events into a Document.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import yaml

from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Text
from emcheck.loading import yaml_hints
from emcheck.loading.document import Document
from emcheck.loading.document_builder import DocumentBuilder
from emcheck.loading.encoding import decode
from emcheck.loading.reading import Limits, read_file, too_large

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(
    path: Path, error_type: type[EmcheckError] = InputError, limits: Limits | None = None
) -> Document:
    """Load one YAML file; any problem raises ``error_type`` naming file, line and column.

    ``limits`` defaults to the README's, changed by any ``EMCHECK_MAX_*`` variable set.
    """
    limits = limits if limits is not None else Limits.from_environment()
    return load_bytes(read_file(path, error_type, limits), str(path), error_type, limits)


def load_bytes(
    raw: bytes,
    file: str,
    error_type: type[EmcheckError] = InputError,
    limits: Limits | None = None,
) -> Document:
    limits = limits if limits is not None else Limits.from_environment()
    if len(raw) > limits.max_bytes:
        raise too_large(file, len(raw), limits, error_type)
    try:
        text, encoding = decode(raw, file)
    except InputError as error:
        raise error_type(error.location, error.message) from None
    forbidden = yaml_hints.forbidden_character(text)
    if forbidden is not None:
        line, column, message = forbidden
        raise error_type(Location(file, line, column), message)
    builder = DocumentBuilder(file, text, error_type, limits)
    _parse(text, builder, file, error_type)
    return replace(builder.finish(encoding), sha256=hashlib.sha256(raw).hexdigest())


def _parse(text: str, builder: DocumentBuilder, file: str, error_type: type[EmcheckError]) -> None:
    parser = _Parser(text)
    try:
        # get_event directly: yaml.parse's generator costs a tenth of the load.
        next_event, feed = parser.get_event, builder.feed
        event = next_event()
        while type(event) is not yaml.StreamEndEvent:
            feed(event)
            event = next_event()
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, file, error_type) from None
    except yaml.YAMLError as error:
        raise error_type(
            Location(file), Text(f"YAML 无法解析：{error}", f"YAML cannot be parsed: {error}")
        ) from None
    finally:
        parser.dispose()


def _syntax_error(
    error: yaml.MarkedYAMLError, text: str, file: str, error_type: type[EmcheckError]
) -> EmcheckError:
    mark = error.problem_mark or error.context_mark
    at_line = mark.line + 1 if mark is not None else None
    at_column = mark.column + 1 if mark is not None else None
    context = error.context_mark.line + 1 if error.context_mark is not None else at_line
    message = yaml_hints.syntax_error(error.problem or error.context, text, at_line, context)
    return error_type(Location(file, at_line, at_column), message)


__all__ = ["load_bytes", "load_file"]
