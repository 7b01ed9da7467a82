"""``--format json``: one entry per rule outcome, in a documented and versioned shape.

Shape version 1 (``"format": "emcheck-audit", "version": 1``); fields are only ever
added within a version. Each file entry records the SHA-256 of the bytes judged and every
attachment (path, size, SHA-256, type), and the head the pack's digest: what
``emcheck verify`` compares against the disk.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from emcheck import __version__
from emcheck.attachments.collect import Attachment
from emcheck.audit.outcomes import FileAudit, Notice, Outcome, Waiver
from emcheck.audit.vocabulary import Tally
from emcheck.errors import Location
from emcheck.i18n import Lang, Text
from emcheck.reporters import stream

FORMAT_VERSION = 1


class Writer(stream.Writer):
    """Outcomes are written as each file is audited; file entries and totals come last.

    One outcome per line: ``indent=`` would force Python's pure encoder, several times slower
    than the C one on a province-sized audit, and this stays readable and diffable.
    """

    def begin(self) -> str:
        head = {
            "format": "emcheck-audit",
            "version": FORMAT_VERSION,
            "tool": {"name": "emcheck", "version": __version__},
            "pack": {"id": self.pack.id, "version": self.pack.version, "sha256": self.pack.sha256},
            "as_of": self.as_of.isoformat(),
            "lang": self.options.lang,
        }
        self.file_entries: list[str] = []
        self.written = 0
        lines = [f"  {json.dumps(k)}: {_dump(v)}," for k, v in head.items()]
        return "{\n" + "\n".join(lines) + '\n  "outcomes": ['

    def write_file(self, audit: FileAudit) -> str:
        self.file_entries.append(_dump(_file(audit, self.options.lang)))
        lines = [_dump(_outcome(o, self.options.lang)) for o in audit.outcomes]
        text = "".join(
            f"{',' if self.written + i else ''}\n    {line}" for i, line in enumerate(lines)
        )
        self.written += len(lines)
        return text

    def end(self, notices: Sequence[Notice]) -> str:
        lang = self.options.lang
        notes = [_dump({**_error(n.location, n.message, lang), "level": n.level}) for n in notices]
        return (
            f"\n  ],\n  {_list('files', self.file_entries)},\n"
            f'  "summary": {_dump(_summary(self.tally))},\n'
            f"  {_list('notices', notes)}\n}}\n"
        )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(name: str, items: Sequence[str]) -> str:
    if not items:
        return f'"{name}": []'
    return f'"{name}": [\n' + ",\n".join(f"    {item}" for item in items) + "\n  ]"


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
            {
                "id": s.id,
                "name": s.name,
                "level": s.level,
                "parent": s.parent,
                "zone": s.zone,
                "pilot_year": s.pilot_year,
            }
            for s in audit.subjects
        ],
        "errors": errors,
        "sha256": audit.sha256,
        "attachments": [_attachment(a, lang) for a in audit.attachments if not a.overflow],
    }


def _attachment(attachment: Attachment, lang: Lang) -> dict[str, Any]:
    """What an attachment was when judged; ``path`` is where ``emcheck verify`` finds it again."""
    found = attachment.file
    return {
        "reference": attachment.reference,
        "path": found.shown,
        "line": attachment.location.line,
        "size": found.size,
        "sha256": found.sha256,
        "type": found.kind,
        "problem": _get(found.problem, lang),
    }


def cell_of(location: Location) -> dict[str, str]:
    """A workbook's sheet and cell; nothing for a YAML file, whose output stays as it was."""
    if location.sheet is None:
        return {}
    return {"sheet": location.sheet, "cell": location.cell or ""}


def _error(location: Location, message: Text, lang: Lang) -> dict[str, Any]:
    return {
        "file": location.file,
        "line": location.line,
        "column": location.column,
        **cell_of(location),
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
        "record": _get(outcome.record, lang),
        "file": outcome.location.file,
        "line": outcome.location.line,
        "column": outcome.location.column,
        **cell_of(outcome.location),
        "deadline": outcome.deadline.isoformat() if outcome.deadline else None,
        "due_status": outcome.due,
        "fingerprint": outcome.fingerprint,
        "finding_key": outcome.finding_key if outcome.is_problem else None,
        "finding_paths": list(outcome.key_paths) if outcome.is_problem else None,
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
