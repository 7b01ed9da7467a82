"""``--format json``: one entry per rule outcome, in a documented and versioned shape.

Shape version 1 (``"format": "emcheck-audit", "version": 1``); fields are only ever
added within a version.
"""

from __future__ import annotations

import json
from typing import Any

from emcheck import __version__
from emcheck.errors import Location
from emcheck.i18n import Lang, Text
from emcheck.model import AuditResult, FileAudit, Outcome, Waiver
from emcheck.reporters.options import ReportOptions
from emcheck.ui import Tally

FORMAT_VERSION = 1


def render(result: AuditResult, options: ReportOptions) -> str:
    lang = options.lang
    tally = Tally.of(result.outcomes)
    document = {
        "format": "emcheck-audit",
        "version": FORMAT_VERSION,
        "tool": {"name": "emcheck", "version": __version__},
        "pack": {"id": result.pack.id, "version": result.pack.version},
        "as_of": result.as_of.isoformat(),
        "lang": lang,
        "summary": _summary(tally),
        "files": [_file(f, lang) for f in result.files],
        "outcomes": [_outcome(o, lang) for o in result.outcomes],
        "notices": [
            {**_error(n.location, n.message, lang), "level": n.level} for n in result.notices
        ],
    }
    return _dumps(document)


def _dumps(document: dict[str, Any]) -> str:
    """Top-level keys one per line, list entries one per line.

    ``indent=`` would force Python's pure encoder, several times slower than the C one on a
    province-sized audit; one outcome per line stays readable and diffable.
    """
    parts = []
    for key, value in document.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in value)
            parts.append(f"  {name}: [\n{items}\n  ]")
        else:
            parts.append(f"  {name}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _summary(tally: Tally) -> dict[str, Any]:
    return {
        "pass": tally.passed,
        "fail": tally.failed,
        "not_applicable": tally.not_applicable,
        "error": tally.errors,
        "waived": tally.waived,
        "warnings": tally.warnings,
        "overdue": tally.overdue,
        "compliance_percent": None if tally.compliance is None else round(tally.compliance, 1),
    }


def _file(audit: FileAudit, lang: Lang) -> dict[str, Any]:
    errors = [_error(p.location, p.message, lang) for p in audit.problems]
    if audit.error is not None:
        errors.append(_error(audit.error.location, audit.error.message, lang))
    status = "audited" if audit.audited else ("unreadable" if audit.error else "invalid")
    return {
        "file": audit.file,
        "status": status,
        "sites": [
            {"id": s.id, "name": s.name, "level": s.level, "parent": s.parent}
            for s in audit.subjects
        ],
        "errors": errors,
    }


def _error(location: Location, message: Text, lang: Lang) -> dict[str, Any]:
    return {
        "file": location.file,
        "line": location.line,
        "column": location.column,
        "message": message.get(lang),
    }


def _outcome(outcome: Outcome, lang: Lang) -> dict[str, Any]:
    rule = outcome.rule
    return {
        "rule_id": rule.id,
        "rule_name": rule.name,
        "title": rule.title.get(lang),
        "section": rule.section,
        "clause": rule.clause,
        "site_id": outcome.subject.id,
        "site_name": outcome.subject.name,
        "level": outcome.subject.level,
        "parent_site_id": outcome.subject.parent,
        "status": outcome.status,
        "severity": outcome.severity,
        "message": _get(outcome.message, lang),
        "expected": _get(outcome.expected, lang),
        "actual": _get(outcome.actual, lang),
        "advice": _get(outcome.advice, lang),
        "file": outcome.location.file,
        "line": outcome.location.line,
        "column": outcome.location.column,
        "deadline": outcome.deadline.isoformat() if outcome.deadline else None,
        "due_status": outcome.due,
        "fingerprint": outcome.fingerprint,
        "baseline": outcome.baseline,
        "waiver": _waiver(outcome.waiver),
    }


def _waiver(waiver: Waiver | None) -> dict[str, Any] | None:
    if waiver is None:
        return None
    return {
        "reason": waiver.reason,
        "approver": waiver.approver,
        "expires": waiver.expires.isoformat() if waiver.expires else None,
        "file": waiver.source.file,
        "line": waiver.source.line,
    }


def _get(text: Text | None, lang: Lang) -> str | None:
    return None if text is None else text.get(lang)
