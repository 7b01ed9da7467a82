"""Run every rule of a pack on every subject of a site file; one outcome per rule and subject."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from emcheck.attachments.collect import Attachment, Limits, by_path, collect
from emcheck.audit.keys import keyed_path
from emcheck.audit.outcomes import (
    DUE,
    ERROR,
    FAIL,
    NO_DEADLINE,
    NOT_APPLICABLE,
    OVERDUE,
    PASS,
    FileAudit,
    Mark,
    Outcome,
    Subject,
)
from emcheck.audit.units import data_at, locate, read_site, site_problems, subjects_of
from emcheck.errors import EmcheckError, Location
from emcheck.i18n import Text
from emcheck.loading.document import Document, JsonPath, format_path
from emcheck.rulepack.evidence import pack_evidence
from emcheck.rulepack.model import Rule, RulePack
from emcheck.rulepack.operators import MARK, TALLY, Failure, problems, run_check
from emcheck.rulepack.paths import reach
from emcheck.rulepack.scope import AuditContext, Scope


def audit_file(path: Path, pack: RulePack, as_of: date) -> FileAudit:
    shown = str(path)
    try:
        document = read_site(path)
    except EmcheckError as error:
        return FileAudit(shown, (), (), error=error)
    problems = site_problems(document)
    if problems:
        return FileAudit(shown, (), (), problems=tuple(problems))
    return audit_document(document, pack, as_of)


def audit_document(
    document: Document, pack: RulePack, as_of: date, folder: Path | None = None
) -> FileAudit:
    """Every rule on every unit; attachments resolve beside the file (or in ``folder``)."""
    subjects = tuple(subjects_of(document))
    attachments = collect(document, Limits.of(pack.settings), folder)
    files = by_path(attachments)
    outcomes = tuple(
        outcome
        for subject in subjects
        for outcome in evaluate_subject(subject, document, pack, as_of, files)
    )
    return FileAudit(
        document.file,
        subjects,
        outcomes,
        ignores=document.ignores,
        sha256=document.sha256,
        attachments=attachments,
    )


def evaluate_subject(
    subject: Subject,
    document: Document,
    pack: RulePack,
    as_of: date,
    files: Mapping[JsonPath, Attachment] | None = None,
) -> list[Outcome]:
    data = data_at(document.data, subject.path)
    evidence = pack_evidence(pack)
    declared = data.get("hazards_absent", [])
    absent = frozenset(h["hazard"] for h in declared if evidence.real(h.get("reason")))
    unexcused = frozenset(h["hazard"] for h in declared) - absent
    status: dict[str, str] = {}
    # A village inside a district file belongs to the district's zone.
    zone = data.get("zone", document.data.get("zone"))
    variables = unit_variables(pack.settings, subject, as_of, zone)
    context = AuditContext(
        as_of, variables, absent, unexcused, evidence, status, files if files is not None else {}
    )
    scope = Scope(data, subject.path, data, subject.path, context)
    # Every pass and n/a outcome points at the unit's start: one Location serves them all.
    base = locate(document, subject.path)
    outcomes = []
    for rule in pack.rules:
        outcome = evaluate_rule(rule, subject, scope, document, pack, base)
        status[rule.id] = outcome.status
        outcomes.append(outcome)
    return outcomes


def evaluate_rule(
    rule: Rule,
    subject: Subject,
    scope: Scope,
    document: Document,
    pack: RulePack,
    base: Location,
) -> Outcome:
    deadline = pack.deadline_of(rule, subject.pilot_year) if subject.pilot_year else None
    if subject.level_group not in rule.levels or not _has_any(scope, rule.when_present):
        return Outcome(rule, subject, NOT_APPLICABLE, base, subject.path, deadline)
    try:
        found = run_check(rule.check, scope)
        if rule.check.operator == "duplicates":
            # Judged only against the other units of the run (emcheck.audit.copies).
            marks = tuple(_mark(document, subject, f) for f in found if f.kind == MARK)
            return Outcome(rule, subject, NOT_APPLICABLE, base, subject.path, deadline, marks=marks)
        failures = problems(found)
        if not failures:
            counted = [f for f in found if f.kind == TALLY]
            return Outcome(
                rule, subject, PASS, base, subject.path, deadline, actual=_tallied(counted)
            )
        return _failed(rule, subject, scope, document, failures, deadline)
    except Exception as crash:  # a crashing rule is reported, never a silent pass
        message = Text(
            f"检查无法执行（{type(crash).__name__}: {crash}），请联系规则维护人员",
            f"the check could not run ({type(crash).__name__}: {crash}); tell the rule maintainers",
        )
        due = due_status(deadline, scope.context.as_of)
        return Outcome(
            rule, subject, ERROR, base, subject.path, deadline, "error", message, due=due
        )


def _mark(document: Document, subject: Subject, found: Failure) -> Mark:
    assert found.mark is not None
    fingerprint, holder = found.mark
    return Mark(
        fingerprint,
        holder,
        found.label,
        found.actual,
        locate(document, found.path),
        found.path,
        keyed_path(document.data, found.path, len(subject.path)),
    )


def _has_any(scope: Scope, paths: tuple[str, ...]) -> bool:
    """Whether the unit has something for the rule to judge (always, when the rule names nothing)."""
    evidence = scope.context.evidence
    return not paths or any(evidence.real(v) for path in paths for v in reach(scope.data, path))


def _tallied(counted: list[Failure]) -> Text | None:
    """What a passing rule counted, for the inspector: ``应急救援队人数：24（去重后）``."""
    # The same figure measured against a floor and a ceiling is one figure.
    unique = {(f.path, f.actual): f for f in reversed(counted)}
    counted = [f for f in counted if unique[(f.path, f.actual)] is f]
    if not counted:
        return None
    return Text(
        "；".join(f"{f.label.zh}：{f.actual.zh}" for f in counted),
        "; ".join(f"{f.label.en}: {f.actual.en}" for f in counted),
    )


def _failed(
    rule: Rule,
    subject: Subject,
    scope: Scope,
    document: Document,
    failures: list[Failure],
    deadline: date | None,
) -> Outcome:
    severities = {failure.severity or rule.severity for failure in failures}
    severity = "error" if "error" in severities else "warning"
    expected = Text(
        "；".join(f.expected.zh for f in failures), "; ".join(f.expected.en for f in failures)
    )
    actual = Text(
        "；".join(f.actual.zh for f in failures), "; ".join(f.actual.en for f in failures)
    )
    described = [_described(document, f) for f in failures]
    context = scope.context
    values = template_values(
        context.variables, subject, described, expected, actual, deadline, context.as_of
    )
    listed = Text("；".join(d.zh for d in described), "; ".join(d.en for d in described))
    message = rule.message.render(values["zh"], values["en"]) if rule.message else listed
    advice = rule.advice.render(values["zh"], values["en"])
    record = rule.record.render(values["zh"], values["en"]) if rule.record else None
    location = locate(document, failures[0].path)
    return Outcome(
        rule,
        subject,
        FAIL,
        location,
        failures[0].path,
        deadline,
        severity=severity,
        message=message,
        expected=expected,
        actual=actual,
        advice=advice,
        record=record,
        due=due_status(deadline, scope.context.as_of),
        failed_parts=tuple(
            (f.label.zh, f.label.en, format_path(f.path[len(subject.path) :]), f.actual.zh)
            for f in failures
        ),
        key_paths=tuple(
            sorted({keyed_path(document.data, f.path, len(subject.path)) for f in failures})
        ),
    )


def _described(document: Document, failure: Failure) -> Text:
    """The failure in words; one that concerns several entries names their lines."""
    text = failure.describe()
    if not failure.related and not failure.cite_line:
        return text
    places = [document.location_of(p) for p in (failure.path, *failure.related)]
    if places[0].sheet is not None:
        cells = "、".join(f"表“{p.sheet}” {p.cell}" for p in places)
        en = ", ".join(f"sheet '{p.sheet}' {p.cell}" for p in places)
        return Text(f"{text.zh}（{cells}）", f"{text.en} ({en})")
    lines = [p.line for p in places]
    shown = "、".join(map(str, lines))
    return Text(f"{text.zh}（第 {shown} 行）", f"{text.en} (lines {', '.join(map(str, lines))})")


def unit_variables(
    settings: Mapping[str, Any], subject: Subject, as_of: date, zone: str | None
) -> dict[str, Any]:
    """The ``$names`` a check and a template may use on this unit."""
    return {**settings, "pilot_year": subject.pilot_year, "audit_year": as_of.year, "zone": zone}


def template_values(
    variables: Mapping[str, Any],
    subject: Subject,
    described: list[Text],
    expected: Text,
    actual: Text,
    deadline: date | None,
    as_of: date,
) -> dict[str, dict[str, Any]]:
    """What a rule's ``message``, ``advice`` and ``record`` templates may name, per language."""
    values: dict[str, dict[str, Any]] = {}
    for lang in ("zh", "en"):
        values[lang] = {
            **variables,
            "subject": subject.name,
            "expected": expected.get(lang),
            "actual": actual.get(lang),
            "problems": [d.get(lang) for d in described],
            "as_of": as_of.isoformat(),
            "deadline": deadline.isoformat() if deadline else "",
        }
    return values


def due_status(deadline: date | None, as_of: date) -> str:
    if deadline is None:
        return NO_DEADLINE
    return OVERDUE if as_of > deadline else DUE
