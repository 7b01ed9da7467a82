"""``emcheck audit``: load the pack, audit the files, print the report, pick the exit code."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.discovery import site_files
from emcheck.engine import audit_paths
from emcheck.errors import EmcheckError
from emcheck.i18n import Lang
from emcheck.model import ERROR, FAIL, AuditResult
from emcheck.packs import load_rule_pack
from emcheck.reporters import reporter
from emcheck.reporters.options import ReportOptions


@dataclass(frozen=True)
class AuditOptions:
    """Everything ``emcheck audit`` was asked to do."""

    paths: tuple[Path, ...]
    output_format: str
    lang: Lang
    as_of: date
    rules: Path | None
    fail_level: str
    show_passed: bool = False


def run_audit(options: AuditOptions) -> int:
    try:
        pack = load_rule_pack(options.rules)
        files = site_files(list(options.paths))
    except EmcheckError as error:
        typer.echo(f"emcheck: {error.render(options.lang)}", err=True)
        return error.exit_code
    result = audit_paths(files, pack, options.as_of)
    color = options.output_format == "console" and sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if color else 100
    report_options = ReportOptions(
        lang=options.lang, color=color, width=width, show_passed=options.show_passed
    )
    rendered = reporter(options.output_format)(result, report_options)
    typer.echo(rendered if isinstance(rendered, str) else rendered.decode(), nl=False)
    return exit_code(result, options.fail_level)


def exit_code(result: AuditResult, fail_level: str) -> int:
    if any(not f.audited for f in result.files):
        return exit_codes.INPUT_ERROR
    failing = {"error"} if fail_level == "error" else {"error", "warning"}
    for outcome in result.outcomes:
        if outcome.status == ERROR or (outcome.status == FAIL and outcome.severity in failing):
            return exit_codes.FINDINGS
    return exit_codes.OK
