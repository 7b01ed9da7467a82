"""``emcheck report``: one Word (or Markdown) report per site file, written only once complete.

One site file named alone gives one report at ``-o``; several files or a folder make
``-o`` a folder holding ``<site file name>-<kind>.docx`` for each. Every report is rendered
in full before its file is written (atomically), so a failure never leaves half a report.
A notice is remembered in ``<notice>.json`` beside it (its 文号, date and deadlines), which
``recheck --notice`` cites; the two are written together or not at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import typer

from emcheck.audit.batch import audit_files
from emcheck.audit.outcomes import AuditResult, FileAudit
from emcheck.audit.policy import apply_policy, exit_code
from emcheck.audit.waivers import beside, load_waivers
from emcheck.errors import InputError, Location, OutputError
from emcheck.i18n import Lang, Text
from emcheck.loading.discovery import check_one_file_per_unit, once_each, site_files, top_level_id
from emcheck.report.content import Kind, ReportSpec
from emcheck.report.document import notice_record_path, render_notice_record, render_report
from emcheck.report.meta import MetaOverrides, check_units, load_meta
from emcheck.report.wording import wording
from emcheck.rulepack.choose import load_rule_pack
from emcheck.writing import refuse_existing, unwritable, write_output

SUFFIXES = {"docx": ".docx", "markdown": ".md"}


@dataclass(frozen=True)
class ReportCommandOptions:
    """Everything ``emcheck report`` was asked to do."""

    paths: tuple[Path, ...]
    output: Path
    """A file for one site file named alone; otherwise a folder (created if missing)."""
    kind: Kind
    """gap (检查情况报告) or notice (整改通知书)."""
    output_format: str
    """docx or markdown."""
    lang: Lang
    as_of: date | None
    """The audit date; None: the inspection date from the metadata, else today."""
    rules: Path | None = None
    meta_file: Path | None = None
    overrides: MetaOverrides = field(default_factory=MetaOverrides)
    template_dir: Path | None = None
    inline_ignores: bool = False
    """Honour ``# emcheck: ignore`` comments in the site files."""
    force: bool = False
    """Replace reports that already exist."""


def run_report(options: ReportCommandOptions) -> int:
    pack = load_rule_pack(options.rules)
    files = site_files(list(options.paths), [options.meta_file] if options.meta_file else [])
    meta = load_meta(options.meta_file, options.overrides)
    spec = ReportSpec(options.kind, meta, wording(options.lang, options.template_dir))
    targets, folder = plan_outputs(options, files)
    if options.kind == "notice":
        refuse_existing([notice_record_path(t) for t in targets], options.force)
    as_of = options.as_of or meta.inspection_date or date.today()
    waivers = [w for path in once_each(beside(files)) for w in load_waivers(path)]
    audits = tuple(audit_files(files, pack, as_of, jobs=1, progress=False))
    check_one_file_per_unit(files, map(_unit_id, audits, files))
    check_units(meta, (s.id for a in audits for s in a.subjects))
    if folder is not None:
        _make_folder(folder)
    # Waivers and inline ignores beside the site files count here as they do for audit.
    result = apply_policy(
        AuditResult(as_of, pack, audits), waivers, None, None, options.inline_ignores
    )
    for audit in result.files:
        _explain_unaudited(audit, options.lang)
    for notice in result.notices:
        typer.echo(f"emcheck: {notice.location}: {notice.message.get(options.lang)}", err=True)
    written: list[Path] = []
    with _progress(len(result.files)) as advance:
        for audit, target in zip(result.files, targets, strict=True):
            if audit.audited:
                data = render_report(audit, pack, as_of, spec, options.output_format)
                if options.kind == "notice":
                    record = notice_record_path(target)
                    remembered = render_notice_record(audit, pack, as_of, spec)
                    _write_pair(target, data, record, remembered)
                    written += [target, record]
                else:
                    write_output(target, data)
                    written.append(target)
            advance()
    for path in written:
        typer.echo(Text(f"已写入 {path}", f"wrote {path}").get(options.lang))
    return exit_code(result, "error")


def plan_outputs(
    options: ReportCommandOptions, files: list[Path]
) -> tuple[list[Path], Path | None]:
    """Where each site file's report goes, and the output folder to make (None for one file).

    The folder is made only once the inputs have been checked, so a refused run leaves nothing.
    """
    suffix = SUFFIXES[options.output_format]
    output = options.output
    alone = len(files) == 1 and not any(p.is_dir() for p in options.paths)
    if alone and not output.is_dir():
        parent = output.parent if str(output.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(
                Location(str(output)),
                Text(f"文件夹 {parent} 不存在", f"the folder {parent} does not exist"),
            )
        return refuse_existing([output], options.force), None
    if output.suffix.lower() in (".docx", ".md") and not output.is_dir():
        # 汇总.docx for a folder of sites would become a folder named like a document.
        raise OutputError(
            Location(str(output)),
            Text(
                f"要写 {len(files)} 份报告（每个站点文件一份）：-o 请给一个文件夹，例如 -o 报告/",
                f"{len(files)} reports are written, one per site file: give -o a folder, e.g. -o reports/",
            ),
        )
    if output.exists() and not output.is_dir():
        raise OutputError(
            Location(str(output)),
            Text(
                "报告不止一份时 -o 应为文件夹，但这是一个文件",
                "with more than one report, -o must be a folder, but this is a file",
            ),
        )
    targets = [output / f"{path.stem}-{options.kind}{suffix}" for path in files]
    _no_clashes(files, targets)
    return refuse_existing(targets, options.force), output


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise unwritable(str(folder), error) from None


def _unit_id(audit: FileAudit, path: Path) -> str | None:
    """The file's top-level unit id: known once audited, else read from the file if it can be."""
    return audit.subjects[0].id if audit.subjects else top_level_id(path)


def _no_clashes(files: list[Path], targets: list[Path]) -> None:
    seen: dict[Path, Path] = {}
    for source, target in zip(files, targets, strict=True):
        if target in seen:
            raise InputError(
                Location(str(source)),
                Text(
                    f"与 {seen[target]} 同名，两份报告都会写到 {target}；请分开运行",
                    f"same name as {seen[target]}: both reports would be written to {target}; "
                    "run them separately",
                ),
            )
        seen[target] = source


def _write_pair(target: Path, data: bytes, record: Path, text: bytes) -> None:
    """The notice and its record: a notice whose record could not be written is taken back,
    so the recheck never meets a notice it cannot cite."""
    write_output(target, data)
    try:
        write_output(record, text)
    except OutputError:
        target.unlink(missing_ok=True)
        raise


def _explain_unaudited(audit: FileAudit, lang: Lang) -> None:
    if audit.audited:
        return
    typer.echo(
        Text(
            f"emcheck: {audit.file}：无法审核，未生成报告",
            f"emcheck: {audit.file}: cannot be audited, no report written",
        ).get(lang),
        err=True,
    )
    if audit.error is not None:
        typer.echo(f"  {audit.error.render(lang)}", err=True)
    for problem in audit.problems:
        typer.echo(f"  {problem.location}: {problem.message.get(lang)}", err=True)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr, only when it is a terminal and there is more than one report."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("emcheck report", total=total)
        yield lambda: progress.advance(task)
