"""Small YAML inputs beside the site files (rule files, waivers, report details): load and validate.

Each is refused as a whole at its first problem, with file:line:col and a count of the rest;
the caller chooses the error type, and so the exit code.
"""

from __future__ import annotations

from pathlib import Path

from emcheck import resources
from emcheck.errors import EmcheckError, Location
from emcheck.i18n import Text
from emcheck.loading.document import Document
from emcheck.loading.loader import load_file
from emcheck.validation.validator import validate_document


def load_validated(
    path: Path, schema_name: str, error_type: type[EmcheckError], shape: Text
) -> Document:
    """A document of ``path`` valid against ``schemas/<schema_name>``; ``shape`` says what it should hold."""
    document = load_file(path, error_type)
    if document.empty or not isinstance(document.data, dict):
        raise error_type(
            Location(str(path), 1, 1),
            Text(
                f"文件为空或不是键值映射：应为 {shape.zh}",
                f"empty, or not a mapping: expected {shape.en}",
            ),
        )
    problems = validate_document(document, resources.validator(schema_name))
    if problems:
        first, more = problems[0], len(problems) - 1
        suffix = Text(f"（另有 {more} 处问题）", f" (and {more} more)") if more else Text("", "")
        raise error_type(
            first.location, Text(first.message.zh + suffix.zh, first.message.en + suffix.en)
        )
    return document
