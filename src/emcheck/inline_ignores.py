"""``# emcheck: ignore ORG-03 <reason>`` on the line a finding points at waives that finding.

The reason is required: an ignore without one waives nothing and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from emcheck.encoding import decode
from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.model import FAIL, WAIVED, Notice, Outcome, Waiver
from emcheck.reading import read_file
from emcheck.yaml_hints import split_lines

_IGNORE = re.compile(r"#\s*emcheck:\s*ignore\b(?P<body>.*)$")
_RULE_IDS = re.compile(r"^\s*(?P<ids>[A-Z]+-\d{2,3}(?:\s*,\s*[A-Z]+-\d{2,3})*)(?P<reason>.*)$")
INLINE_APPROVER = "inline"


@dataclass(frozen=True)
class InlineIgnore:
    location: Location
    rules: tuple[str, ...]
    reason: str


def scan(path: Path) -> list[InlineIgnore]:
    """Every ignore comment of a site file (cheap: most files hold none)."""
    try:
        raw = read_file(path)
        if b"emcheck:" not in raw:
            return []
        text, _ = decode(raw, str(path))
    except InputError:
        return []  # the audit itself already reported an unreadable file
    found = []
    # Line numbers must be the parser's, which counts more kinds of breaks than str.splitlines.
    for number, line in enumerate(split_lines(text), 1):
        match = _IGNORE.search(line)
        if match is None:
            continue
        ids = _RULE_IDS.match(match.group("body"))
        rules = tuple(r.strip() for r in ids.group("ids").split(",")) if ids else ()
        reason = ids.group("reason").strip(" \t:：-—") if ids else ""
        found.append(InlineIgnore(Location(str(path), number, match.start() + 1), rules, reason))
    return found


def apply_inline(
    outcomes: Sequence[Outcome], ignores: Sequence[InlineIgnore]
) -> tuple[list[Outcome], list[Notice]]:
    """Waive the failures of one file that its own ignore comments name."""
    notices = []
    usable: dict[tuple[str, int], InlineIgnore] = {}
    for ignore in ignores:
        if not ignore.rules:
            notices.append(
                Notice(
                    ignore.location,
                    Text(
                        "emcheck: ignore 后应写规则编号和理由，例如 # emcheck: ignore ORG-03 编制调整中",
                        "emcheck: ignore needs a rule id and a reason, e.g. # emcheck: ignore ORG-03 staffing under review",
                    ),
                    "error",
                )
            )
        elif not ignore.reason:
            notices.append(
                Notice(
                    ignore.location,
                    Text(
                        f"忽略 {'、'.join(ignore.rules)} 必须写明理由，本条忽略未生效",
                        f"ignoring {', '.join(ignore.rules)} needs a reason; this ignore has no effect",
                    ),
                    "error",
                )
            )
        else:
            for rule in ignore.rules:
                usable[(rule, ignore.location.line or 0)] = ignore
    used: set[tuple[str, int]] = set()
    result = []
    for outcome in outcomes:
        key = (outcome.rule.id, outcome.location.line or 0)
        found = usable.get(key) if outcome.status == FAIL else None
        if found is None:
            result.append(outcome)
            continue
        used.add(key)
        waiver = Waiver(
            outcome.rule.id,
            outcome.subject.id,
            None,
            found.reason,
            INLINE_APPROVER,
            None,
            found.location,
        )
        result.append(replace(outcome, status=WAIVED, waiver=waiver))
    for key, ignore in usable.items():
        if key not in used:
            notices.append(
                Notice(
                    ignore.location,
                    Text(
                        f"忽略注释没有对应的问题：{key[0]} 在本行并未判为不符合",
                        f"ignore comment matches nothing: {key[0]} does not fail on this line",
                    ),
                    "warning",
                )
            )
    return result, notices
