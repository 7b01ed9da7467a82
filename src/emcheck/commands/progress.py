"""``emcheck progress``: every pilot's figures, deadline nodes, ranking and trend in one round."""

from __future__ import annotations

import io
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import typer

from emcheck.audit.batch import audit_files, default_jobs, progress_wanted
from emcheck.audit.policy import ExitCode, Policy
from emcheck.audit.waivers import beside, load_waivers
from emcheck.commands.audit import OutputRequest
from emcheck.commands.progress_outputs import write_outputs
from emcheck.history.collect import RoundCollector
from emcheck.history.previous import read_previous
from emcheck.history.progress import Progress
from emcheck.history.trend import trend
from emcheck.i18n import Lang
from emcheck.loading.discovery import check_one_file_per_unit, once_each, site_files, top_level_id
from emcheck.report.progress import ProgressOptions, renderer
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.evidence import pack_evidence
from emcheck.writing import check_writable, refuse_existing, refuse_inputs


@dataclass(frozen=True)
class ProgressRun:
    """Everything ``emcheck progress`` was asked to do."""

    paths: tuple[Path, ...]
    previous: tuple[Path, ...]
    lang: Lang
    as_of: date
    rules: Path | None
    outputs: tuple[OutputRequest, ...]
    """Files to write; the console table goes to the screen when ``screen``."""
    screen: str | None
    """The format shown on the screen, or None when ``-o`` sends it to a file."""
    waivers: tuple[Path, ...] = ()
    force: bool = False
    jobs: int | None = None
    inline_ignores: bool = False


def run_progress(run: ProgressRun) -> int:
    """Every input is checked, and every earlier round read, before any output exists."""
    pack = load_rule_pack(run.rules)
    files = site_files(list(run.paths), [*run.waivers, *run.previous])
    if len(files) > 1:
        check_one_file_per_unit(files, map(top_level_id, files))
    targets = [r.path for r in run.outputs]
    refuse_inputs(targets, [*run.previous, *run.waivers])
    for target in targets:
        check_writable(target)
    refuse_existing(targets, run.force)
    earlier = [read_previous(path) for path in once_each(run.previous)]
    waivers = [w for path in once_each((*run.waivers, *beside(files))) for w in load_waivers(path)]
    policy = Policy(waivers, run.as_of, pack_evidence(pack), inline=run.inline_ignores)
    collector = RoundCollector(pack, run.as_of)
    verdict = ExitCode("error")
    for audit in audit_files(files, pack, run.as_of, run.jobs or default_jobs(), progress_wanted()):
        # Each file is reduced to its units' figures and open findings, then dropped.
        audit = policy.apply(audit)
        verdict.add(audit)
        collector.add(audit)
    round_ = collector.finish()
    progress = Progress(round_, trend(round_, earlier) if earlier else None, pack.standard)
    _write(progress, run)
    return verdict.code(policy.notices())


def _write(progress: Progress, run: ProgressRun) -> None:
    options = ProgressOptions(run.lang, _width())

    def screen() -> None:
        if run.screen is not None:
            shown = io.BytesIO()
            renderer(run.screen)(progress, options, shown)
            typer.echo(shown.getvalue().decode("utf-8"), nl=False)

    outputs = [(r.path, r.format) for r in run.outputs]
    write_outputs(progress, options, outputs, run.jobs or default_jobs(), screen)


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
