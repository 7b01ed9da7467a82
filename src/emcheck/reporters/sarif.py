"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

The rule pack is ``tool.driver.rules``; each problem (and each waived one, with a
suppression) is a result with a physical location and a stable fingerprint.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from emcheck import __version__
from emcheck.audit.outcomes import ERROR, WAIVED, FileAudit, Notice, Outcome
from emcheck.errors import Location
from emcheck.i18n import Lang, Text
from emcheck.reporters import stream
from emcheck.rulepack.model import Rule, Section

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SITE_FORMAT_RULE = "SITE-FORMAT"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


class Writer(stream.Writer):
    """Driver and rules first, results as files are audited, the invocation last."""

    def begin(self) -> str:
        lang = self.options.lang
        rules = sorted(self.pack.rules, key=lambda r: r.id)
        self.index = {rule.id: position for position, rule in enumerate(rules)}
        descriptors = [_descriptor(rule, self.pack.section(rule.section), lang) for rule in rules]
        self.index[SITE_FORMAT_RULE] = len(descriptors)
        descriptors.append(_format_descriptor())
        driver = {
            "name": "emcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": "https://pypi.org/project/emcheck/",
            "rules": descriptors,
            "properties": {
                "pack": self.pack.id,
                "packVersion": self.pack.version,
                "packSha256": self.pack.sha256,
            },
        }
        self.written = 0
        self.artifacts: list[str] = []
        tool = _dump({"driver": driver})
        return (
            f'{{\n  "$schema": "{SCHEMA_URI}",\n  "version": "2.1.0",\n  "runs": [{{\n'
            f'  "tool": {tool},\n  "columnKind": "unicodeCodePoints",\n  "results": ['
        )

    def write_file(self, audit: FileAudit) -> str:
        lang = self.options.lang
        self.artifacts += [_dump(a) for a in _artifacts(audit)]
        entries = [
            _format_result(p.location, p.message, self.index[SITE_FORMAT_RULE], lang)
            for p in audit.problems
        ]
        if audit.error is not None:
            entries.append(
                _format_result(
                    audit.error.location, audit.error.message, self.index[SITE_FORMAT_RULE], lang
                )
            )
        entries += [
            _result(o, self.index, lang)
            for o in audit.outcomes
            if o.is_problem or o.status == WAIVED
        ]
        text = "".join(
            f"{',' if self.written + i else ''}\n    {_dump(e)}" for i, e in enumerate(entries)
        )
        self.written += len(entries)
        return text

    def end(self, notices: Sequence[Notice]) -> str:
        invocation = {
            "executionSuccessful": self.broken == 0,
            "toolExecutionNotifications": [_notification(n, self.options.lang) for n in notices],
            "properties": {"asOf": self.as_of.isoformat()},
        }
        artifacts = "".join(f"\n    {a}," for a in self.artifacts).rstrip(",")
        return (
            f'\n  ],\n  "artifacts": [{artifacts}\n  ],'
            f'\n  "invocations": [{_dump(invocation)}]\n  }}]\n}}\n'
        )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _descriptor(rule: Rule, section: Section, lang: Lang) -> dict[str, Any]:
    other: Lang = "en" if lang == "zh" else "zh"
    help_text = f"{rule.clause} {rule.quote}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title.get(lang)},
        "fullDescription": {"text": f"{rule.title.get(lang)} / {rule.title.get(other)}"},
        "help": {"text": help_text, "markdown": f"**{rule.clause}** {rule.quote}"},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "clause": rule.clause,
            "quote": rule.quote,
            "title_zh": rule.title.zh,
            "title_en": rule.title.en,
            "section": f"{section.clause} {section.title.get(lang)}",
            "levels": sorted(rule.levels),
            "tags": [rule.section, *sorted(rule.levels)],
        },
    }


def _result(outcome: Outcome, index: dict[str, int], lang: Lang) -> dict[str, Any]:
    message = outcome.message.get(lang) if outcome.message else outcome.rule.title.get(lang)
    advice = outcome.advice.get(lang) if outcome.advice else ""
    entry: dict[str, Any] = {
        "ruleId": outcome.rule.id,
        "ruleIndex": index[outcome.rule.id],
        "level": "error" if outcome.status == ERROR else _LEVEL[outcome.severity or "error"],
        "message": {
            "text": f"{message}（{outcome.rule.clause}）"
            if lang == "zh"
            else f"{message} ({outcome.rule.clause})"
        },
        "locations": [_location(outcome.location)],
        "partialFingerprints": {"emcheck/v1": outcome.fingerprint},
        "properties": {
            "siteId": outcome.subject.id,
            "siteName": outcome.subject.name,
            "level": outcome.subject.level,
            "status": outcome.status,
            "advice": advice,
            "record": outcome.record.get(lang) if outcome.record else None,
            "deadline": outcome.deadline.isoformat() if outcome.deadline else None,
            "dueStatus": outcome.due,
        },
    }
    if outcome.baseline is not None:
        entry["baselineState"] = outcome.baseline
    if outcome.waiver is not None:
        inline = outcome.waiver.expires is None
        entry["suppressions"] = [
            {
                "kind": "inSource" if inline else "external",
                "status": "accepted",
                "justification": outcome.waiver.reason,
                "location": _location(outcome.waiver.source),
                "properties": {
                    "approver": outcome.waiver.approver,
                    "expires": outcome.waiver.expires.isoformat()
                    if outcome.waiver.expires
                    else None,
                },
            }
        ]
    return entry


def _artifacts(audit: FileAudit) -> list[dict[str, Any]]:
    """The site file and each attachment judged, with the SHA-256 of what was read."""
    files: list[tuple[str, str | None, int | None, str]] = [
        (audit.file, audit.sha256, None, "siteFile")
    ]
    files += [(a.file.shown, a.file.sha256, a.file.size, "attachment") for a in audit.attachments]
    return [
        {
            "location": {"uri": quote(name.replace("\\", "/"))},
            "hashes": {"sha-256": digest},
            **({"length": size} if size is not None else {}),
            "roles": ["analysisTarget"] if role == "siteFile" else ["attachment"],
        }
        for name, digest, size, role in files
        if digest
    ]


def _format_descriptor() -> dict[str, Any]:
    return {
        "id": SITE_FORMAT_RULE,
        "name": "site-file.format",
        "shortDescription": {"text": "站点文件格式 / site file format"},
        "defaultConfiguration": {"level": "error"},
    }


def _format_result(
    location: Location, message: Text, rule_index: int, lang: Lang
) -> dict[str, Any]:
    return {
        "ruleId": SITE_FORMAT_RULE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": message.get(lang)},
        "locations": [_location(location)],
    }


def _notification(notice: Notice, lang: Lang) -> dict[str, Any]:
    return {
        "level": _LEVEL[notice.level],
        "message": {"text": notice.message.get(lang)},
        "locations": [_location(notice.location)],
    }


def _location(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(location.file.replace("\\", "/"))}
    }
    if location.line is not None:
        region: dict[str, Any] = {"startLine": location.line}
        if location.column is not None:
            region["startColumn"] = location.column
        physical["region"] = region
    if location.sheet is None:
        return {"physicalLocation": physical}
    # A workbook: the region's line is the row; the sheet and cell are a logical location.
    cell = f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    return {
        "physicalLocation": physical,
        "logicalLocations": [{"name": cell, "fullyQualifiedName": cell, "kind": "element"}],
    }
