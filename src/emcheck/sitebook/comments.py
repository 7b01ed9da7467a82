"""YAML comments across a conversion: ``# emcheck: ignore`` lines, and ``# 备注：`` notes,
travel as the 备注/豁免 cell of the record they stand on (a note in the cell comes back as a
``# 备注：`` comment); every other comment is dropped, and counted so ``convert`` can say
which lines it lost."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import yaml

from emcheck.loading.document import Document, JsonPath
from emcheck.loading.ignore_comments import InlineIgnore
from emcheck.loading.loader import load_bytes
from emcheck.loading.yaml_hints import split_lines

NOTE = "备注："
"""How a 备注/豁免 cell that is no ignore is written as a comment, and known again."""
LINE_BREAK = "  # "
"""A remark's line break, on the one comment line after its record."""


def ignore_text(ignore: InlineIgnore) -> str:
    return f"emcheck: ignore {','.join(ignore.rules)} {ignore.reason}".strip()


def remarks_of(document: Document, rows: Iterable[JsonPath], text: str) -> dict[JsonPath, str]:
    """Each ignore comment's and ``# 备注：`` note's text by the record (a row's path) its line
    belongs to; ``text`` is the file's."""
    known = set(rows)
    found: dict[JsonPath, str] = {}
    marks = [(i.location.line, ignore_text(i)) for i in document.ignores]
    for number, comment in _comments(text):
        if comment.startswith(NOTE):
            note = comment.removeprefix(NOTE).split(LINE_BREAK.strip())
            marks.append((number, "\n".join(part.strip() for part in note)))
    for line, remark in marks:
        at_line = [p for p, where in document.positions.items() if where.line == line]
        for path in sorted(at_line, key=len, reverse=True):
            record = _row_of(path, known)
            if record is not None:
                found[record] = "\n".join(filter(None, [found.get(record), remark]))
                break
    return found


def _row_of(path: JsonPath, known: set[JsonPath]) -> JsonPath | None:
    """The row a path's findings point at in a workbook: its record's, or for a whole list
    (or an object spread over a sheet) its first row's."""
    for first in ((*path, 0), path):
        if first in known:
            return first
    return next((path[:n] for n in range(len(path) - 1, -1, -1) if path[:n] in known), None)


def dropped_lines(text: str) -> list[int]:
    """Lines holding a comment other than an ignore or a note: what a workbook cannot keep."""
    return [
        number
        for number, comment in _comments(text)
        if not comment.startswith(NOTE) and "emcheck:" not in comment
    ]


def _comments(text: str) -> list[tuple[int, str]]:
    """Each comment's line number and text (after the "#", stripped)."""
    # A "#" on a later line of a block or multi-line scalar is text, not a comment.
    within: set[int] = set()
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken):
            within.update(range(token.start_mark.line + 1, token.end_mark.line + 1))
    found = []
    for number, line in enumerate(split_lines(text)):
        mark = _comment_start(line)
        if mark is not None and number not in within:
            found.append((number + 1, line[mark + 1 :].strip()))
    return found


def _comment_start(line: str) -> int | None:
    """Where a comment starts on a line, outside quotes; None without one."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return None


def with_ignores(text: str, file: str, ignores: Mapping[JsonPath, str]) -> str:
    """The dumped YAML with each ignore written after the line of the record it belongs to."""
    if not ignores:
        return text
    document = load_bytes(text.encode("utf-8"), file)
    lines = text.split("\n")
    for path, remark in ignores.items():
        line = document.position_of(path).line - 1
        lines[line] += LINE_BREAK + remark.replace("\n", LINE_BREAK)
    return "\n".join(lines)
