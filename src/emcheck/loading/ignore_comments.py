"""Find ``# emcheck: ignore ORG-03 <reason>`` comments while a site file is loaded.

The YAML parser drops comments, so the loader hands its decoded text here once; what the
comments mean for the findings is ``inline_ignores``'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from emcheck.errors import Location
from emcheck.loading.yaml_hints import split_lines

_IGNORE = re.compile(r"#\s*emcheck:\s*ignore\b(?P<body>.*)$")
_CELL_IGNORE = re.compile(r"^\s*#?\s*emcheck\s*[:：]\s*ignore\b(?P<body>.*)$", re.S)
_RULE_IDS = re.compile(r"^\s*(?P<ids>[A-Z]+-\d{2,3}(?:\s*,\s*[A-Z]+-\d{2,3})*)(?P<reason>.*)$")


@dataclass(frozen=True)
class InlineIgnore:
    location: Location
    rules: tuple[str, ...]
    reason: str


def find_ignores(text: str, file: str) -> tuple[InlineIgnore, ...]:
    """Every ignore comment of a file's text (cheap: most files hold none)."""
    if "emcheck:" not in text:
        return ()
    found = []
    # Line numbers must be the parser's, which counts more kinds of breaks than str.splitlines.
    for number, line in enumerate(split_lines(text), 1):
        match = _IGNORE.search(line)
        if match is None:
            continue
        found.append(_ignore(match.group("body"), Location(file, number, match.start() + 1)))
    return tuple(found)


def ignore_in(text: str, location: Location) -> InlineIgnore | None:
    """The ignore a workbook's 备注/豁免 cell asks for (``emcheck: ignore ORG-03 理由``)."""
    match = _CELL_IGNORE.match(text)
    return _ignore(match.group("body"), location) if match else None


def _ignore(body: str, location: Location) -> InlineIgnore:
    ids = _RULE_IDS.match(body)
    rules = tuple(r.strip() for r in ids.group("ids").split(",")) if ids else ()
    reason = ids.group("reason").strip(" \t:：-—") if ids else ""
    return InlineIgnore(location, rules, reason.strip())
