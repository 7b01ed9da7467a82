"""Run a rule's pass/fail examples: each case is a site fragment audited on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from emcheck import resources
from emcheck.audit.copies import flag_copies
from emcheck.audit.engine import audit_document
from emcheck.errors import EmcheckError
from emcheck.i18n import Text
from emcheck.loading.loader import load_bytes
from emcheck.rulepack.model import Case, Rule, RulePack
from emcheck.validation.validator import validate_document

CASE_AS_OF = date(2026, 11, 30)
"""Cases without ``as_of`` are judged on this date, so they never go stale."""


@dataclass(frozen=True)
class CaseResult:
    rule: Rule
    case: Case
    got: str
    """The outcome status the rule produced, or ``invalid`` when the case site is malformed."""
    detail: Text | None
    unmet: tuple[str, ...] = ()
    """Sub-checks the case names under ``fails`` that did not fail."""

    @property
    def agrees(self) -> bool:
        return self.got == self.case.expect and not self.unmet


def case_site(case: Case, pack: RulePack) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "level": case.level,
        "id": "case",
        "name": "样例单位",
        "pilot_year": pack.settings["pilot_year"],
        **case.site,
    }


def run_case(rule: Rule, case: Case, pack: RulePack) -> CaseResult:
    text = yaml.safe_dump(case_site(case, pack), allow_unicode=True, sort_keys=False)
    try:
        document = load_bytes(text.encode("utf-8"), f"{case.location.file} ({case.name})")
    except EmcheckError as error:
        return CaseResult(rule, case, "invalid", error.message)
    problems = validate_document(document, resources.validator("site"))
    if problems:
        first = problems[0]
        return CaseResult(
            rule,
            case,
            "invalid",
            Text(
                f"样例站点格式有误：{first.message.zh}", f"case site is invalid: {first.message.en}"
            ),
        )
    # A case's attachments are files beside its rule file.
    folder = Path(case.location.file).parent
    as_of = case.as_of or CASE_AS_OF
    (audit,) = flag_copies([audit_document(document, pack, as_of, folder)], pack, as_of)
    outcome = next(o for o in audit.outcomes if o.rule.id == rule.id and o.subject.path == ())
    unmet = tuple(
        wanted
        for wanted in case.fails
        if not any(_names_part(wanted, part) for part in outcome.failed_parts)
    )
    return CaseResult(rule, case, outcome.status, outcome.message, unmet)


def _names_part(wanted: str, part: tuple[str, str, str, str]) -> bool:
    """A label (or a piece of one) in either language, the path or a path it lies below, or a
    rule id among what was found (for ``rules:`` checks)."""
    zh, en, path, found = part
    if re.fullmatch(r"[A-Z]+-\d{2,3}", wanted):
        return re.search(rf"\b{wanted}\b", found) is not None
    below = path.startswith(wanted) and path[len(wanted) : len(wanted) + 1] in ("", ".", "[")
    return wanted in zh or wanted in en or below


def run_all(pack: RulePack) -> list[CaseResult]:
    return [run_case(rule, case, pack) for rule in pack.rules for case in rule.cases]
