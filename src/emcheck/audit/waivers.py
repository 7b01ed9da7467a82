"""Waivers: accepted exceptions from a waivers file or an inline ``# emcheck: ignore`` comment.

A waived failure stays in every report, marked waived; an expired waiver stops waiving and
says so; a waiver that matches nothing is reported. Errors (checks that could not run) are
never waived.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from emcheck.audit.outcomes import FAIL, WAIVED, Notice, Outcome, Waiver
from emcheck.errors import Location, RulePackError
from emcheck.i18n import Text
from emcheck.loading.document import JsonPath, format_path
from emcheck.rulepack.evidence import Evidence
from emcheck.validation.config_files import load_validated

WAIVERS_FILE_NAME = "emcheck-waivers.yaml"
"""A waivers file of this name beside site files applies to them without ``--waivers``."""
EXPIRY_WARNING_DAYS = 30
_PATH_PART = re.compile(r"([a-z_][a-z0-9_]*)|\[(\d+)\]")


def load_waivers(path: Path) -> list[Waiver]:
    """Read and validate a waivers file; any problem is exit 3 with file:line."""
    shape = Text("豁免清单（waivers: [...]）", "a waivers list (waivers: [...])")
    document = load_validated(path, "waivers", RulePackError, shape)
    waivers = []
    for index, entry in enumerate(document.data["waivers"]):
        position = document.position_of(("waivers", index))
        waivers.append(
            Waiver(
                rule=entry["rule"],
                site=entry["site"],
                path=parse_path(entry["path"]) if "path" in entry else None,
                reason=entry["reason"].strip(),
                approver=entry["approver"].strip(),
                expires=date.fromisoformat(entry["expires"]),
                source=Location(document.file, position.line, position.column),
            )
        )
    return waivers


def parse_path(text: str) -> JsonPath:
    """``grids[2].grid_worker`` → ``('grids', 2, 'grid_worker')``."""
    return tuple(name or int(index) for name, index in _PATH_PART.findall(text))


def beside(site_files: Iterable[Path]) -> list[Path]:
    """Waivers files found next to the site files, once each, in a stable order."""
    found = {
        f.parent / WAIVERS_FILE_NAME for f in site_files if (f.parent / WAIVERS_FILE_NAME).is_file()
    }
    return sorted(found)


class WaiverBook:
    """The waivers of one run, applied file by file; what they did is told at the end."""

    def __init__(self, waivers: Sequence[Waiver], as_of: date, evidence: Evidence) -> None:
        self.upfront: list[Notice] = []
        self.active: list[Waiver] = []
        for waiver in waivers:
            if not (evidence.real(waiver.reason) and evidence.real(waiver.approver)):
                # An exception goes into a signed report: "无" is no reason, "-" no approver.
                self.upfront.append(
                    _notice(
                        waiver,
                        f"豁免理由或批准人为空白或占位内容，{waiver.rule}（{waiver.site}）不予豁免",
                        f"the waiver's reason or approver is blank or a placeholder: {waiver.rule} ({waiver.site}) is not waived",
                    )
                )
                continue
            if waiver.expires is not None and waiver.expires < as_of:
                self.upfront.append(
                    _notice(
                        waiver,
                        f"豁免已于 {waiver.expires} 到期，{waiver.rule}（{waiver.site}）不再豁免",
                        f"waiver expired on {waiver.expires}: {waiver.rule} ({waiver.site}) is no longer waived",
                    )
                )
                continue
            if waiver.expires is not None and waiver.expires - as_of <= timedelta(
                days=EXPIRY_WARNING_DAYS
            ):
                self.upfront.append(
                    _notice(
                        waiver,
                        f"豁免将于 {waiver.expires} 到期（{waiver.rule}，{waiver.site}），请及时整改或续批",
                        f"waiver for {waiver.rule} ({waiver.site}) expires on {waiver.expires}: fix it or renew the approval",
                    )
                )
            self.active.append(waiver)
        self.used: set[int] = set()

    def apply(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        if not self.active:
            return list(outcomes)
        result = []
        for outcome in outcomes:
            match = next(
                (
                    i
                    for i, w in enumerate(self.active)
                    if outcome.status == FAIL and _matches(w, outcome)
                ),
                None,
            )
            if match is None:
                result.append(outcome)
            else:
                self.used.add(match)
                result.append(replace(outcome, status=WAIVED, waiver=self.active[match]))
        return result

    def notices(self) -> list[Notice]:
        unused = []
        for index, waiver in enumerate(self.active):
            if index not in self.used:
                where = f"{waiver.site}" + (f" {format_path(waiver.path)}" if waiver.path else "")
                unused.append(
                    _notice(
                        waiver,
                        f"豁免没有对应的问题：{waiver.rule} 在 {where} 并未判为不符合，可删除此豁免",
                        f"waiver matches nothing: {waiver.rule} does not fail at {where}; remove it",
                    )
                )
        return [*self.upfront, *unused]


def _notice(waiver: Waiver, zh: str, en: str) -> Notice:
    return Notice(waiver.source, Text(zh, en), "warning")


def _matches(waiver: Waiver, outcome: Outcome) -> bool:
    if waiver.rule != outcome.rule.id or waiver.site != outcome.subject.id:
        return False
    return waiver.path is None or outcome.relative_path[: len(waiver.path)] == waiver.path
