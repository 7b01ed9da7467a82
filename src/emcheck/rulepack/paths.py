"""Dotted paths into site data (``rescue_team.members``) and into the site schema.

A path is relative to the subject being checked, or to the element inside ``each``; a
leading ``/`` makes it relative to the subject's root again.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from emcheck.loading.document import JsonPath

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@functools.lru_cache(maxsize=4096)
def split(path: str) -> tuple[bool, tuple[str, ...]]:
    """Whether the path is rooted, and its parts (rules name a few hundred paths, often)."""
    rooted = path.startswith("/")
    body = path[1:] if rooted else path
    return rooted, tuple(part for part in body.split(".") if part)


def resolve(
    data: Any, path: str, base: JsonPath, root: Any, root_path: JsonPath
) -> tuple[Any, JsonPath]:
    """The value at ``path`` and its full path in the document (``MISSING`` if absent)."""
    rooted, parts = split(path)
    value, at = (root, root_path) if rooted else (data, base)
    for part in parts:
        # Site data is plain dicts from the loader; an ABC check here is a hot spot.
        if type(value) is dict and part in value:
            value = value[part]
            at = (*at, part)
        else:
            return MISSING, (*at, part)
    return value, at


def reach(data: Any, path: str) -> list[Any]:
    """Every value at ``path``, stepping into each element of a list on the way
    (``drills.date`` is the date of every drill)."""
    found = [data]
    for part in split(path)[1]:
        step: list[Any] = []
        for value in found:
            for item in value if type(value) is list else [value]:
                if type(item) is dict and part in item:
                    step.append(item[part])
        found = step
    return found


class SchemaPaths:
    """Answers whether a dotted path exists in the site schema, for rule-file checking."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema

    def deref(self, node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """The node and everything it pulls in through local ``$ref`` and ``allOf``."""
        found = [node]
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = self.schema
            for part in ref[2:].split("/"):
                target = target[part]
            found += self.deref(target)
        for branch in node.get("allOf", []):
            found += self.deref(branch)
        return found

    def child(self, node: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
        for part in self.deref(node):
            properties = part.get("properties", {})
            if key in properties:
                return properties[key]  # type: ignore[no-any-return]
        return None

    def items(self, node: Mapping[str, Any]) -> Mapping[str, Any] | None:
        for part in self.deref(node):
            if "items" in part:
                return part["items"]  # type: ignore[no-any-return]
        return None

    def walk(
        self, node: Mapping[str, Any], parts: tuple[str, ...], into_lists: bool = False
    ) -> Mapping[str, Any] | None:
        """The schema node at ``parts``; with ``into_lists``, a list's parts are its items'."""
        for part in parts:
            child = self.child(node, part)
            if child is None and into_lists:
                items = self.items(node)
                child = self.child(items, part) if items is not None else None
            if child is None:
                return None
            node = child
        return node

    def root(self, level_group: str) -> Mapping[str, Any]:
        name = "district_file" if level_group == "district" else "grassroots_file"
        return self.schema["$defs"][name]  # type: ignore[no-any-return]
