"""Every ``attachments:`` list of a site file, each file checked and hashed once per audit.

The audit runs this before any rule: rules then only look the results up by the path of the
reference (see the ``attachments`` operator), and the outputs record what was judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emcheck.attachments.inspect import Inspected, inspect
from emcheck.errors import Location
from emcheck.i18n import Text
from emcheck.loading.document import Document, JsonPath

KEY = "attachments"
MEBIBYTE = 1 << 20


@dataclass(frozen=True)
class Limits:
    """The pack's ``attachment_max_mb`` and ``attachments_per_item_max``."""

    max_bytes: int
    per_item: int

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Limits:
        megabytes = settings.get("attachment_max_mb", 20)
        return cls(int(megabytes * MEBIBYTE), int(settings.get("attachments_per_item_max", 50)))


@dataclass(frozen=True)
class Attachment:
    """One reference to an attachment in a site file, and what the file turned out to be."""

    reference: str
    """The path as written in the site file."""
    path: JsonPath
    """Where the reference stands in the document (``(…, "attachments", 2)``)."""
    location: Location
    """The reference's file:line:column, which findings about it point at."""
    file: Inspected
    overflow: int = 0
    """For a list longer than the limit: its length (the entry stands for the whole list, at
    its path; only the first entries up to the limit were checked)."""

    @property
    def ok(self) -> bool:
        return self.file.problem is None


def collect(
    document: Document, limits: Limits, folder: Path | None = None
) -> tuple[Attachment, ...]:
    """Every attachment of the document, checked against files beside it (or in ``folder``)."""
    base = folder if folder is not None else Path(document.file).parent
    seen: dict[str, Inspected] = {}
    found: list[Attachment] = []
    for path, listed in _lists(document.data, ()):
        if len(listed) > limits.per_item:
            found.append(_overflow(document, path, len(listed), limits.per_item))
        for index, reference in enumerate(listed[: limits.per_item]):
            text = str(reference)
            if text not in seen:
                seen[text] = inspect(base, text, limits.max_bytes)
            at = (*path, index)
            found.append(Attachment(text, at, _locate(document, at), seen[text]))
    return tuple(found)


def by_path(attachments: tuple[Attachment, ...]) -> dict[JsonPath, Attachment]:
    return {a.path: a for a in attachments}


def _lists(data: Any, path: JsonPath) -> Iterator[tuple[JsonPath, list[Any]]]:
    """Each ``attachments`` list in document order (the schema allows them on evidence items)."""
    if type(data) is dict:
        for key, value in data.items():
            if key == KEY and type(value) is list:
                yield (*path, key), value
            elif type(value) in (dict, list):
                yield from _lists(value, (*path, key))
    elif type(data) is list:
        for index, value in enumerate(data):
            if type(value) in (dict, list):
                yield from _lists(value, (*path, index))


def _overflow(document: Document, path: JsonPath, listed: int, limit: int) -> Attachment:
    problem = Text(
        f"列出 {listed} 个附件，超过每项上限 {limit} 个；只检查了前 {limit} 个",
        f"{listed} attachments listed, over the limit of {limit} per item; "
        f"only the first {limit} were checked",
    )
    location = _locate(document, path)
    return Attachment("", path, location, Inspected(document.file, problem=problem), listed)


def _locate(document: Document, path: JsonPath) -> Location:
    position = document.position_of(path)
    return Location(document.file, position.line, position.column)
