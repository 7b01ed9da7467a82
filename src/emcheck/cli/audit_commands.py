"""The commands that judge sites: ``audit`` (findings in any output format) and ``report``
(the Word gap report or rectification notice)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from emcheck.cli.app import app, parse_date, run_command
from emcheck.cli.help_format import HelpCommand
from emcheck.cli.options import (
    FORMAT_NAMES,
    AsOfOpt,
    FailLevel,
    ForceOpt,
    Format,
    InlineIgnoresOpt,
    JobsOpt,
    LangOpt,
    LangOption,
    OutputsOpt,
    PathsArg,
    ReportFormat,
    ReportKind,
    RulesOpt,
    WaiversOpt,
)


@app.command(cls=HelpCommand)
def audit(
    paths: PathsArg,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"输出格式：{FORMAT_NAMES}（默认 console）· output format",
        ),
    ] = None,
    outputs: OutputsOpt = None,
    lang: LangOpt = LangOption.zh,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    fail_level: Annotated[
        FailLevel,
        typer.Option(
            "--fail-level", help="从哪个严重程度起判为失败 · lowest severity that fails the run"
        ),
    ] = FailLevel.error,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="需关注项和豁免问题也判为失败 · warnings and waiver problems fail too",
        ),
    ] = False,
    waivers: WaiversOpt = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="只对基线之外的新问题判失败 · fail only on new findings",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="把当前问题写成基线 · record findings as a baseline",
        ),
    ] = None,
    jobs: JobsOpt = None,
    show_passed: Annotated[
        bool, typer.Option("--show-passed", help="同时列出符合的规则 · list passing rules too")
    ] = False,
    inline_ignores: InlineIgnoresOpt = False,
    annotate: Annotated[
        bool,
        typer.Option(
            "--annotate",
            help="另存一份标注过的站点工作簿（-o 副本.xlsx）：首页“自查结果”逐项链接到单元格，"
            "有问题的单元格标红；报告仍显示在屏幕上 · write an annotated copy of the site "
            "workbook (-o COPY.xlsx): a Self-check sheet linking each finding to its cell, those "
            "cells in red; the report stays on screen",
        ),
    ] = False,
    force: ForceOpt = False,
) -> None:
    """审核站点文件，逐条给出结论 · Audit site files rule by rule."""
    from emcheck.commands.audit import AuditOptions, annotation_target, parse_outputs, run_audit

    def job() -> int:
        chosen = output_format.value if output_format is not None else None
        names = [f.value for f in Format]
        reports, copy = annotation_target(outputs or [], names, annotate)
        extra, main = parse_outputs(reports, names, chosen)
        return run_audit(
            AuditOptions(
                paths=tuple(paths),
                output_format=main.format if main else chosen or Format.console.value,
                lang=lang.value,
                as_of=parse_date(as_of, "--as-of") or date.today(),
                rules=rules,
                fail_level=fail_level.value,
                show_passed=show_passed,
                outputs=(*extra, *([main] if main else [])),
                waivers=tuple(waivers or ()),
                baseline=baseline,
                write_baseline=write_baseline,
                strict=strict,
                jobs=jobs,
                inline_ignores=inline_ignores,
                screen=main is None,
                annotate=copy,
                force=force,
            )
        )

    run_command(job, lang.value)


@app.command(cls=HelpCommand)
def report(
    paths: PathsArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="报告文件；多个站点文件或文件夹时为输出文件夹 · report file, or a folder for several",
        ),
    ],
    kind: Annotated[
        ReportKind,
        typer.Option(
            "--kind",
            help="gap 检查情况报告 · notice 整改通知书 · gap report or rectification notice",
        ),
    ] = ReportKind.gap,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="docx（Word）或 markdown；默认按 -o 的扩展名，否则 docx"
            " · file format; by default from the -o extension, else docx",
        ),
    ] = None,
    lang: LangOpt = LangOption.zh,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="审核日期 YYYY-MM-DD（默认为检查日期，再默认今天）· audit date "
            "(default: the inspection date, else today)",
        ),
    ] = None,
    rules: RulesOpt = None,
    meta: Annotated[
        Path | None,
        typer.Option("--meta", metavar="FILE", help="报告信息文件（YAML）· report details file"),
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option("--issuer", metavar="TEXT", help="检查单位（发文机关）· inspecting body"),
    ] = None,
    number: Annotated[
        str | None, typer.Option("--number", metavar="TEXT", help="文号 · document number")
    ] = None,
    inspection_date: Annotated[
        str | None,
        typer.Option(
            "--inspection-date", metavar="YYYY-MM-DD", help="检查日期 YYYY-MM-DD · inspection date"
        ),
    ] = None,
    inspector: Annotated[
        list[str] | None,
        typer.Option(
            "--inspector", metavar="NAME", help="检查人员（两名，可重复）· inspector, give twice"
        ),
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option("--contact", metavar="TEXT", help="联系人及电话 · contact person and phone"),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            metavar="DIR",
            help="措辞模板文件夹（zh.yaml/en.yaml）· wording templates",
        ),
    ] = None,
    inline_ignores: InlineIgnoresOpt = False,
    force: ForceOpt = False,
) -> None:
    """生成检查情况报告或整改通知书（Word）· Write gap reports or rectification notices."""
    from emcheck.commands.report import ReportCommandOptions, run_report
    from emcheck.report.meta import MetaOverrides

    def job() -> int:
        overrides = MetaOverrides(
            issuer=issuer,
            number=number,
            inspection_date=parse_date(inspection_date, "--inspection-date"),
            inspectors=tuple(inspector or ()),
            contact=contact,
        )
        return run_report(
            ReportCommandOptions(
                paths=tuple(paths),
                output=output,
                kind=kind.value,
                output_format=(
                    output_format.value
                    if output_format is not None
                    else "markdown"
                    if output.suffix.lower() == ".md"
                    else "docx"
                ),
                lang=lang.value,
                as_of=parse_date(as_of, "--as-of"),
                rules=rules,
                meta_file=meta,
                overrides=overrides,
                template_dir=template_dir,
                inline_ignores=inline_ignores,
                force=force,
            )
        )

    run_command(job, lang.value)
