"""``emcheck audit``: load the pack, audit the files, apply waivers and baseline, report, exit."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from operator import methodcaller
from pathlib import Path

import typer

from emcheck.audit.baseline import load_baseline, render_baseline
from emcheck.audit.batch import audit_files, default_jobs, progress_wanted
from emcheck.audit.outcomes import FileAudit, Outcome
from emcheck.audit.policy import ExitCode, Policy, exit_code
from emcheck.audit.waivers import beside, load_waivers
from emcheck.commands.init import write_new_file
from emcheck.errors import InputError, Location
from emcheck.i18n import Lang, Text
from emcheck.loading.discovery import check_one_file_per_unit, once_each, site_files, top_level_id
from emcheck.reporters import writer
from emcheck.reporters.options import ReportOptions
from emcheck.reporters.stream import Writer
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.evidence import pack_evidence
from emcheck.rulepack.model import RulePack
from emcheck.writing import (
    PendingFile,
    check_writable,
    refuse_existing,
    refuse_inputs,
    unwritable,
    write_atomically,
)


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
    inline_ignores: bool = False
    """Honour ``# emcheck: ignore`` comments in the site files (they are the unit's own word)."""
    screen: bool = True
    """False when ``-o PATH`` sends the run's own report to a file instead."""
    annotate: Path | None = None
    """``--annotate -o COPY.xlsx``: where the annotated copy of the one site workbook goes."""
    force: bool = False
    """Overwrite an existing annotated copy."""


FORMAT_BY_SUFFIX = {
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".txt": "console",
}
"""``-o report.sarif``: the format a bare output path asks for by its extension."""


def parse_outputs(
    values: Sequence[str],
    formats: Sequence[str],
    chosen: str | None,
    suffixes: Mapping[str, str] = FORMAT_BY_SUFFIX,
) -> tuple[tuple[OutputRequest, ...], OutputRequest | None]:
    """``--output FORMAT=PATH`` (more reports), and at most one bare ``-o PATH``: the run's own
    report, written to that file instead of the screen, in ``--format`` or by its extension."""
    extra, main = [], None
    for value in values:
        name, _, path = value.partition("=")
        if name in formats and path:
            extra.append(OutputRequest(name, Path(path)))
            continue
        target = Path(value)
        shape = chosen or suffixes.get(target.suffix.lower())
        if main is not None or shape is None:
            known = "、".join(suffixes)
            raise InputError(
                Location("--output"),
                Text(
                    f"“{value}”：只能有一个 -o 文件，格式由 --format 或扩展名（{known}）决定；"
                    f"另写报告请用 FORMAT=PATH，FORMAT 为 {'、'.join(formats)} 之一",
                    f"'{value}': one -o file at most, its format from --format or its extension "
                    f"({', '.join(suffixes)}); for more reports write FORMAT=PATH with "
                    f"FORMAT one of {', '.join(formats)}",
                ),
            )
        main = OutputRequest(shape, target)
    return tuple(extra), main


def annotation_target(
    values: Sequence[str], formats: Sequence[str], annotate: bool
) -> tuple[list[str], Path | None]:
    """With ``--annotate``, the one bare ``-o PATH`` names the annotated copy (the report
    stays on the screen); ``FORMAT=PATH`` ones are reports as ever."""
    if not annotate:
        return list(values), None
    bare = [v for v in values if not (v.partition("=")[0] in formats and v.partition("=")[2])]
    if len(bare) != 1 or Path(bare[0]).suffix.lower() != ".xlsx":
        raise InputError(
            Location("--annotate"),
            Text(
                "需要用 -o 指定一个副本文件名（.xlsx），例如 -o 柳溪村-自查.xlsx",
                "needs one -o naming the copy (.xlsx), e.g. -o liuxi-checked.xlsx",
            ),
        )
    return [v for v in values if v != bare[0]], Path(bare[0])


def run_audit(options: AuditOptions) -> int:
    """Check every input before anything is written, then stream the audit out file by file."""
    pack = load_rule_pack(options.rules)
    files, policy = _inputs(options, pack)
    screen = (
        _writer(options, pack, options.output_format, sys.stdout.isatty())
        if options.screen
        else None
    )
    extra = [(r.path, _writer(options, pack, r.format, False)) for r in options.outputs]
    verdict = ExitCode(options.fail_level, options.strict)
    problems: list[Outcome] = []
    last: FileAudit | None = None
    try:
        with ExitStack() as stack:
            sinks = [(stack.enter_context(PendingFile(path)), w) for path, w in extra]
            _emit(methodcaller("begin"), screen, sinks)
            jobs = options.jobs or default_jobs()
            for audit in audit_files(files, pack, options.as_of, jobs, progress_wanted()):
                # Each file is written out and dropped: memory stays flat over any number of files.
                audit = policy.apply(audit)
                verdict.add(audit)
                if options.write_baseline is not None:
                    problems += [o for o in audit.outcomes if o.is_problem]
                _emit(methodcaller("file", audit), screen, sinks)
                last = audit
            notices = policy.notices()
            _emit(methodcaller("end", notices), screen, sinks)
            for sink, _ in sinks:
                sink.commit()
        if options.write_baseline is not None:
            write_atomically(options.write_baseline, render_baseline(problems).encode("utf-8"))
        if options.annotate is not None and last is not None:
            _annotate(last, files[0], options.annotate, options)
    except OSError as error:
        raise unwritable(str(error.filename or ""), error) from None
    return verdict.code(notices)


def _inputs(options: AuditOptions, pack: RulePack) -> tuple[list[Path], Policy]:
    """The site files and the run's policy, every input checked before any output exists."""
    others = [*options.waivers, *(p for p in (options.baseline, options.write_baseline) if p)]
    files = site_files(list(options.paths), others)
    if len(files) > 1:
        # Before anything is written: the report streams out file by file.
        check_one_file_per_unit(files, map(top_level_id, files))
    for target in [r.path for r in options.outputs] + [p for p in (options.write_baseline,) if p]:
        check_writable(target)
    if options.annotate is not None:
        _check_annotation(options, files)
    # A waivers file named with --waivers and also found beside the site files is read once:
    # read twice, each waiver would be applied once and then reported as matching nothing.
    waivers = [
        w for path in once_each((*options.waivers, *beside(files))) for w in load_waivers(path)
    ]
    known = load_baseline(options.baseline) if options.baseline else None
    policy = Policy(
        waivers,
        options.as_of,
        pack_evidence(pack),
        known,
        options.baseline,
        options.inline_ignores,
    )
    return files, policy


def _check_annotation(options: AuditOptions, files: list[Path]) -> None:
    """One .xlsx site workbook named on its own; the copy new (or --force) and not the input."""
    target = options.annotate
    assert target is not None
    named = options.paths[0]
    if len(options.paths) != 1 or named.is_dir() or named.suffix.lower() != ".xlsx":
        raise InputError(
            Location("--annotate"),
            Text(
                "只用于单个站点工作簿（.xlsx）：YAML 站点文件或文件夹没有可标注的单元格",
                "takes one site workbook (.xlsx): a YAML site file or a folder has "
                "no cells to mark",
            ),
        )
    refuse_inputs([target], files)
    check_writable(target)
    refuse_existing([target], options.force)


def _annotate(audit: FileAudit, source: Path, target: Path, options: AuditOptions) -> None:
    """The annotated copy, unless the workbook could not be read at all (nothing to mark)."""
    from emcheck.sitebook.annotate import annotated_copy, findings_of

    if audit.error is not None:
        return
    data = annotated_copy(source, findings_of(audit, options.lang), options.lang)
    write_new_file(target, data, options.force)
    done = Text(f"已写入自查副本 {target}", f"wrote the annotated copy {target}")
    typer.echo(done.get(options.lang), err=True)


def _writer(options: AuditOptions, pack: RulePack, name: str, terminal: bool) -> Writer:
    return writer(name, options.as_of, pack, _report_options(options, name, terminal))


def _emit(
    step: Callable[[Writer], str],
    screen: Writer | None,
    sinks: Sequence[tuple[PendingFile, Writer]],
) -> None:
    """The same step (begin, one file, end) for the screen and every --output file."""
    text = step(screen) if screen is not None else ""
    if text:
        try:
            typer.echo(text, nl=False)
        except BrokenPipeError:
            # `emcheck audit … | head`: the reader has gone. Stop writing to it, finish the
            # --output files, and exit with the audit's own code, quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    for sink, other in sinks:
        sink.write(step(other))


def _report_options(options: AuditOptions, name: str, terminal: bool) -> ReportOptions:
    color = name == "console" and terminal
    width = shutil.get_terminal_size((100, 24)).columns if color else 100
    fail_level = "warning" if options.strict else options.fail_level
    return ReportOptions(
        lang=options.lang,
        color=color,
        width=width,
        show_passed=options.show_passed,
        fail_level=fail_level,
    )


__all__ = ["AuditOptions", "OutputRequest", "exit_code", "parse_outputs", "run_audit"]
