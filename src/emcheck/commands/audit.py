"""``emcheck audit``: load the pack, audit the files, apply waivers and baseline, report, exit."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.baseline import load_baseline, render_baseline
from emcheck.batch import audit_files, default_jobs, progress_wanted
from emcheck.discovery import site_files
from emcheck.errors import EmcheckError, InputError, Location, OutputError
from emcheck.i18n import Lang, Text
from emcheck.model import AuditResult
from emcheck.packs import load_rule_pack
from emcheck.policy import apply_policy, exit_code
from emcheck.reporters import reporter
from emcheck.reporters.options import ReportOptions
from emcheck.waivers import beside, load_waivers
from emcheck.writing import check_writable, write_atomically


@dataclass(frozen=True)
class OutputRequest:
    """``--output FORMAT=PATH``: one more report, written once the run has finished."""

    format: str
    path: Path


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
    outputs: tuple[OutputRequest, ...] = ()
    waivers: tuple[Path, ...] = ()
    """Waivers files named on the command line (those beside the site files are added)."""
    baseline: Path | None = None
    write_baseline: Path | None = None
    strict: bool = False
    jobs: int | None = None
    """Worker processes; None for one per core."""


def parse_outputs(
    values: Sequence[str], formats: Sequence[str], lang: Lang
) -> tuple[OutputRequest, ...]:
    requests = []
    for value in values:
        name, _, path = value.partition("=")
        if name not in formats or not path:
            error = InputError(
                Location("--output"),
                Text(
                    f"应写成 FORMAT=PATH，FORMAT 为 {'、'.join(formats)} 之一：“{value}”",
                    f"write FORMAT=PATH with FORMAT one of {', '.join(formats)}: '{value}'",
                ),
            )
            typer.echo(f"emcheck: {error.render(lang)}", err=True)
            raise typer.Exit(exit_codes.INPUT_ERROR)
        requests.append(OutputRequest(name, Path(path)))
    return tuple(requests)


def run_audit(options: AuditOptions) -> int:
    try:
        pack = load_rule_pack(options.rules)
        files = site_files(list(options.paths))
        for target in [r.path for r in options.outputs] + [
            p for p in (options.write_baseline,) if p
        ]:
            check_writable(target)
        waivers = [w for path in (*options.waivers, *beside(files)) for w in load_waivers(path)]
        known = load_baseline(options.baseline) if options.baseline else None
    except EmcheckError as error:
        typer.echo(f"emcheck: {error.render(options.lang)}", err=True)
        return error.exit_code
    jobs = options.jobs or default_jobs()
    audits = audit_files(files, pack, options.as_of, jobs, progress_wanted())
    result = apply_policy(
        AuditResult(options.as_of, pack, tuple(audits)), waivers, known, options.baseline
    )
    code = exit_code(result, options.fail_level, options.strict)
    typer.echo(_render(result, options.output_format, options, sys.stdout.isatty()), nl=False)
    try:
        for request in options.outputs:
            write_atomically(
                request.path, _render(result, request.format, options, False).encode("utf-8")
            )
        if options.write_baseline is not None:
            write_atomically(
                options.write_baseline, render_baseline(result.outcomes).encode("utf-8")
            )
    except OSError as error:
        failed = OutputError(
            Location(str(error.filename or "")),
            Text(f"无法写入：{error.strerror}", f"cannot write: {error.strerror}"),
        )
        typer.echo(f"emcheck: {failed.render(options.lang)}", err=True)
        return failed.exit_code
    return code


def _render(result: AuditResult, name: str, options: AuditOptions, terminal: bool) -> str:
    color = name == "console" and terminal
    width = shutil.get_terminal_size((100, 24)).columns if color else 100
    report_options = ReportOptions(
        lang=options.lang,
        color=color,
        width=width,
        show_passed=options.show_passed,
        fail_level="warning" if options.strict else options.fail_level,
    )
    rendered = reporter(name)(result, report_options)
    return rendered if isinstance(rendered, str) else rendered.decode("utf-8")


__all__ = ["AuditOptions", "OutputRequest", "exit_code", "exit_codes", "parse_outputs", "run_audit"]
