"""``progress --format json``: the round as a compact, versioned record (docs/progress.md).

One unit or finding per line, like the audit JSON: the C encoder stays fast, the file stays
diffable, and a later run reads it back line by line (:mod:`emcheck.history.previous`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from emcheck import __version__
from emcheck.audit.vocabulary import Tally
from emcheck.history.round import Finding, Round, Unit

FORMAT = "emcheck-progress"
VERSION = 1


def render(round_: Round) -> str:
    text = io.StringIO()
    write(round_, text)
    return text.getvalue()


def write(round_: Round, out: TextIO) -> None:
    """The record, entry by entry: a zone's findings are never held as one text."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "emcheck", "version": __version__},
        "pack": {"id": round_.pack_id, "version": round_.pack_version},
        "as_of": round_.as_of.isoformat(),
        "nodes": [
            {"name": n.name, "clauses": n.clauses, "label": {"zh": n.label.zh, "en": n.label.en}}
            for n in round_.nodes
        ],
        "summary": tally_fields(round_.tally),
    }
    out.write("{\n" + ",\n".join(f"  {dump(k)}: {dump(v)}" for k, v in head.items()) + ",\n")
    write_entries(out, "units", map(_unit, round_.units))
    out.write(",\n")
    write_entries(out, "findings", map(_finding, round_.findings))
    out.write(",\n")
    unreadable = [
        {"file": u.file, "reason": u.reason, "line": u.line, "message": u.message.zh}
        for u in round_.unreadable
    ]
    write_entries(out, "unreadable", unreadable)
    out.write("\n}\n")


def tally_fields(tally: Tally) -> dict[str, Any]:
    """The audit summary's figures, under the audit JSON's names."""
    return {
        "pass": tally.passed,
        "fail": tally.failed,
        "warnings": tally.warnings,
        "error": tally.errors,
        "waived": tally.waived,
        "not_applicable": tally.not_applicable,
        "overdue": tally.overdue,
        "compliance_percent": None if tally.compliance is None else round(tally.compliance, 1),
    }


def _unit(unit: Unit) -> dict[str, Any]:
    worst = unit.worst
    return {
        "id": unit.id,
        "name": unit.name,
        "level": unit.level,
        "zone": unit.zone,
        "parent": unit.parent,
        "file": unit.file,
        **tally_fields(unit.tally),
        "nodes": [
            {"state": s.state, "open": s.open, "days_overdue": s.days_overdue} for s in unit.nodes
        ],
        "no_deadline_open": unit.no_deadline_open,
        "worst": None
        if worst is None
        else {"rule_id": worst.rule_id, "clause": worst.clause, "days_overdue": worst.days_overdue},
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "key": finding.key,
        "paths": list(finding.paths),
        "rule_id": finding.rule_id,
        "clause": finding.clause,
        "unit_id": finding.unit_id,
        "status": finding.status,
        "severity": finding.severity,
        "deadline": finding.deadline.isoformat() if finding.deadline else None,
        "days_overdue": finding.days_overdue,
        "file": finding.file,
        "line": finding.line,
    }


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def entry_list(name: str, items: Iterable[dict[str, Any]]) -> str:
    text = io.StringIO()
    write_entries(text, name, items)
    return text.getvalue()


def write_entries(out: TextIO, name: str, items: Iterable[dict[str, Any]]) -> None:
    """``"name": [`` with one entry per line: the layout earlier-round readers stream."""
    entries = iter(items)
    first = next(entries, None)
    if first is None:
        out.write(f"  {dump(name)}: []")
        return
    out.write(f"  {dump(name)}: [\n    {dump(first)}")
    for entry in entries:
        out.write(f",\n    {dump(entry)}")
    out.write("\n  ]")
