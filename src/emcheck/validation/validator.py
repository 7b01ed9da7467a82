"""Check a loaded document against a JSON Schema and explain each error as a clerk would want."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from emcheck.errors import Location
from emcheck.i18n import Text
from emcheck.loading.document import Document, JsonPath
from emcheck.validation.explain import explain_one, unknown_key

if TYPE_CHECKING:
    import jsonschema


@dataclass(frozen=True)
class SchemaProblem:
    """One place where a document does not fit its schema."""

    location: Location
    path: JsonPath
    message: Text


class SchemaValidator:
    """A schema with a fast yes/no check; jsonschema is loaded only to explain a failure.

    Most documents are valid: the yes/no comes from jsonschema-rs (Draft 2020-12 in Rust,
    about 0.05 ms for a district file), and importing and walking the pure-Python jsonschema,
    which words the problems, costs more than the whole audit of a file.
    """

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema

    @functools.cached_property
    def quick(self) -> Callable[[Any], bool]:
        import jsonschema_rs

        # offline: our schemas refer only to themselves, and nothing is fetched on their behalf.
        checker = jsonschema_rs.validator_for(
            dict(self.schema), validate_formats=True, offline=True
        )
        return checker.is_valid

    @functools.cached_property
    def full(self) -> jsonschema.protocols.Validator:
        import jsonschema

        cls = jsonschema.validators.validator_for(self.schema)
        validator: jsonschema.protocols.Validator = cls(
            self.schema, format_checker=cls.FORMAT_CHECKER
        )
        return validator

    def is_valid(self, instance: Any) -> bool:
        return self.quick(instance)


MAX_PROBLEMS = 100
"""Problems listed per file; a file with thousands of them gets a count of the rest."""


def validate_document(
    document: Document, validator: SchemaValidator, limit: int = MAX_PROBLEMS
) -> list[SchemaProblem]:
    """The schema problems of ``document`` (at most ``limit``, then a count), in file order."""
    if validator.quick(document.data):
        return []
    problems: dict[tuple[JsonPath, str], SchemaProblem] = {}
    more = 0
    root = validator.schema
    for error in _leaves(validator.full.iter_errors(document.data)):
        for path, explain in _explain(error, root):
            if len(problems) >= limit:
                more += 1  # counted, not explained: explaining may cost a fuzzy match each
                continue
            message = explain()
            location = document.location_of(path)
            problems.setdefault((path, message.en), SchemaProblem(location, path, message))
    listed = sorted(
        problems.values(),
        key=lambda p: (p.location.line or 0, p.location.column or 0, p.message.en),
    )
    if more:
        listed.append(
            SchemaProblem(
                Location(document.file),
                (),
                Text(f"另有 {more} 处格式问题未列出", f"{more} more problems are not listed"),
            )
        )
    return listed


def _leaves(errors: Iterable[jsonschema.ValidationError]) -> Iterable[jsonschema.ValidationError]:
    for error in errors:
        if error.context and error.validator in ("anyOf", "oneOf"):
            yield from _leaves(error.context)
        else:
            yield error


def _explain(
    error: jsonschema.ValidationError, root: Any
) -> Iterator[tuple[JsonPath, Callable[[], Text]]]:
    """Each problem an error stands for, its message made only when asked for.

    One ``additionalProperties`` error may stand for 100,000 unknown keys.
    """
    if str(error.validator) in ("additionalProperties", "unevaluatedProperties"):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = _allowed_keys(schema, root)
        path: JsonPath = tuple(error.absolute_path)
        for key in _extra_keys(error.instance, allowed):
            yield (*path, key), functools.partial(unknown_key, key, allowed)
    else:
        for found, text in explain_one(error):
            yield found, functools.partial(_same, text)


def _same(text: Text) -> Text:
    return text


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
