"""The site schema read as a list of fields for one level, ``$ref`` and ``allOf`` merged in.

The schema is written for validation: a district file is the shared identity part plus its own
properties, a field is often a ``$ref`` plus a local description. Someone generating a template
or documentation wants the flat view instead: which fields a village file has, in schema order,
each with everything the schema says about it. The template annotations (``x-en``,
``x-clause``, ``x-levels``, ``x-rows``, ``x-placeholder``) are described at the top of
``site.schema.yaml``; JSON Schema ignores them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from emcheck import resources

Node = Mapping[str, Any]

SUB_SITE_KEYS = {"villages": "village", "communities": "community"}
"""The lists in which a district file holds its villages and communities, each a unit of its own."""


@dataclass(frozen=True)
class Field:
    """One property of an object in the site schema, as it applies to one level."""

    key: str
    """The property name, as written in the site file."""
    schema: Node
    """The property's schema with its ``$ref`` and ``allOf`` merged in; local keywords win."""
    required: bool
    """Whether the enclosing object requires it."""


def level_schema(level: str) -> Node:
    """The merged schema of a whole site file of ``level`` (the branch the root picks for it)."""
    root = resources.schema("site")
    for branch in root.get("allOf", []):
        if level in branch["if"]["properties"]["level"]["enum"]:
            return resolve(branch["then"])
    raise ValueError(f"no schema branch for level {level!r}")


def fields(node: Node, level: str) -> list[Field]:
    """The properties of an object schema that apply to ``level``, in schema order."""
    required = set(node.get("required", []))
    return [
        Field(key, merged, key in required)
        for key, child in node.get("properties", {}).items()
        if applies(merged := resolve(child), level)
    ]


def template_order(found: list[Field]) -> list[Field]:
    """Fields by section in the pilot plan's order, by clause number within one (二(一)2 before
    5): the order of the YAML template and of the workbook's sheets."""
    order = [section["id"] for section in resources.schema("site")["x-sections"]]

    def place(field: Field) -> tuple[int, int]:
        number = re.search(r"\)([0-9]+)$", str(field.schema.get("x-clause", "")))
        return order.index(section_of(field)), int(number.group(1)) if number else 0

    return sorted(found, key=place)


def section_of(field: Field) -> str:
    """The id of the template section (``x-sections``) a field belongs to."""
    if "x-section" in field.schema:
        return str(field.schema["x-section"])
    clause = str(field.schema.get("x-clause", ""))
    return clause[: clause.index(")") + 1] if ")" in clause else "basic"


def applies(node: Node, level: str) -> bool:
    """A field or preset row marked ``x-levels`` belongs only to those levels."""
    levels = node.get("x-levels")
    return levels is None or level in levels


def resolve(node: Node) -> Node:
    """``node`` with what its ``$ref`` and ``allOf`` parts say merged in, properties in order."""
    parts = [resolve(_lookup(node["$ref"]))] if "$ref" in node else []
    parts += [resolve(part) for part in node.get("allOf", [])]
    merged: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for part in [*parts, node]:
        merged.update({k: v for k, v in part.items() if k not in ("$ref", "allOf")})
        properties.update(part.get("properties", {}))
        required += [name for name in part.get("required", []) if name not in required]
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def _lookup(ref: str) -> Node:
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise ValueError(f"only local $defs references are followed, not {ref!r}")
    found: Node = resources.schema("site")["$defs"][ref.removeprefix(prefix)]
    return found
