"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

The rule pack is ``tool.driver.rules``; each problem (and each waived one, with a
suppression) is a result with a physical location and a stable fingerprint.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from emcheck import __version__
from emcheck.errors import Location
from emcheck.i18n import Lang, Text
from emcheck.model import ERROR, WAIVED, AuditResult, Notice, Outcome
from emcheck.reporters.options import ReportOptions
from emcheck.rulepack import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SITE_FORMAT_RULE = "SITE-FORMAT"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def render(result: AuditResult, options: ReportOptions) -> str:
    lang = options.lang
    rules = sorted(result.pack.rules, key=lambda r: r.id)
    index = {rule.id: position for position, rule in enumerate(rules)}
    descriptors = [_descriptor(rule, result, lang) for rule in rules]
    results = [
        _result(o, index, lang) for o in result.outcomes if o.is_problem or o.status == WAIVED
    ]
    format_problems = [(p.location, p.message) for f in result.files for p in f.problems]
    format_problems += [
        (f.error.location, f.error.message) for f in result.files if f.error is not None
    ]
    if format_problems:
        index[SITE_FORMAT_RULE] = len(descriptors)
        descriptors.append(_format_descriptor())
        results += [
            _format_result(location, message, index[SITE_FORMAT_RULE], lang)
            for location, message in format_problems
        ]
    run = {
        "tool": {
            "driver": {
                "name": "emcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/emcheck/",
                "rules": descriptors,
                "properties": {"pack": result.pack.id, "packVersion": result.pack.version},
            }
        },
        "invocations": [
            {
                "executionSuccessful": all(f.audited for f in result.files),
                "toolExecutionNotifications": [_notification(n, lang) for n in result.notices],
                "properties": {"asOf": result.as_of.isoformat()},
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return (
        json.dumps(
            {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2
        )
        + "\n"
    )


def _descriptor(rule: Rule, result: AuditResult, lang: Lang) -> dict[str, Any]:
    section = result.pack.section(rule.section)
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
    return {"physicalLocation": physical}
