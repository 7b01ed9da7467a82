"""The ``emcheck`` command line: options are parsed here and handed on as plain values."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from emcheck import exit_codes
from emcheck.commands.choices import (
    AsOfOpt,
    FailLevel,
    Format,
    InitLevel,
    InlineIgnoresOpt,
    LangOpt,
    LangOption,
    PathsArg,
    ReportFormat,
    ReportKind,
    RulesOpt,
)
from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Lang, Text

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="emcheck",
    help="检查基层应急管理试点单位是否符合试点方案 · Audit emergency-management pilot sites.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=HELP_OPTIONS,
)
rules_app = typer.Typer(
    help="规则包：列出、查看、测试 · List, show and test rules.",
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)
app.add_typer(rules_app, name="rules")


def _show_version(asked: bool) -> None:
    if asked:
        from emcheck import __version__

        typer.echo(f"emcheck {__version__}")
        raise typer.Exit(exit_codes.OK)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="显示版本并退出 · show the version and exit",
        ),
    ] = False,
) -> None:
    """检查基层应急管理试点单位是否符合试点方案 · Audit emergency-management pilot sites."""


def main() -> None:
    from emcheck.usage import usage_message, wanted_lang

    args = sys.argv[1:]
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="emcheck", standalone_mode=False)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        # A usage error (missing argument, unknown option, a value not among the choices) is told
        # in the run's language like every other message; anything else is not ours to word.
        told = usage_message(error, wanted_lang(args))
        if told is None:
            raise
        if told:
            typer.echo(f"emcheck: {told}", err=True)
        else:  # no arguments at all: the help, as the user asked for nothing else
            command.main(args=[*args, "--help"], prog_name="emcheck", standalone_mode=False)
        sys.exit(exit_codes.INPUT_ERROR)
    sys.exit(code if isinstance(code, int) else exit_codes.OK)


def run_command(job: Callable[[], int], lang: Lang) -> NoReturn:
    """The one error path: a command returns its exit code or raises an EmcheckError, which
    is told on stderr with its location and ends the run with that error's exit code."""
    try:
        code = job()
    except EmcheckError as error:
        typer.echo(f"emcheck: {error.render(lang)}", err=True)
        code = error.exit_code
    raise typer.Exit(code)


def parse_date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option, or None when not given."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            Location(option),
            Text(
                f"不是有效日期：“{value}”，应写成 YYYY-MM-DD",
                f"not a valid date: '{value}'; write YYYY-MM-DD",
            ),
        ) from None


@app.command()
def audit(
    paths: PathsArg,
    output_format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="输出格式（默认 console）· output format"),
    ] = None,
    outputs: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            "-o",
            help="写入文件 PATH（格式取 --format 或扩展名），或另写一份 FORMAT=PATH，可重复"
            " · write to PATH (format from --format or its extension), or FORMAT=PATH (repeatable)",
        ),
    ] = None,
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
    waivers: Annotated[
        list[Path] | None,
        typer.Option(
            "--waivers", help="豁免清单（可重复）· waivers file (repeatable)", show_default=False
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="只对基线之外的新问题判失败 · fail only on new findings"),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="把当前问题写成基线 · record findings as a baseline"),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="并行进程数（默认 CPU 核数）· parallel workers"),
    ] = None,
    show_passed: Annotated[
        bool, typer.Option("--show-passed", help="同时列出符合的规则 · list passing rules too")
    ] = False,
    inline_ignores: InlineIgnoresOpt = False,
) -> None:
    """审核站点文件，逐条给出结论 · Audit site files rule by rule."""
    from emcheck.commands.audit import AuditOptions, parse_outputs, run_audit

    def job() -> int:
        chosen = output_format.value if output_format is not None else None
        extra, main = parse_outputs(outputs or [], [f.value for f in Format], chosen)
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
            )
        )

    run_command(job, lang.value)


@app.command()
def report(
    paths: PathsArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
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
            help="审核日期 YYYY-MM-DD（默认为检查日期，再默认今天）· audit date "
            "(default: the inspection date, else today)",
        ),
    ] = None,
    rules: RulesOpt = None,
    meta: Annotated[
        Path | None,
        typer.Option("--meta", help="报告信息文件（YAML）· report details file"),
    ] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", help="检查单位（发文机关）· inspecting body")
    ] = None,
    number: Annotated[str | None, typer.Option("--number", help="文号 · document number")] = None,
    inspection_date: Annotated[
        str | None,
        typer.Option("--inspection-date", help="检查日期 YYYY-MM-DD · inspection date"),
    ] = None,
    inspector: Annotated[
        list[str] | None,
        typer.Option("--inspector", help="检查人员（两名，可重复）· inspector, give twice"),
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="联系人及电话 · contact person and phone")
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="措辞模板文件夹（zh.yaml/en.yaml）· wording templates"),
    ] = None,
    inline_ignores: InlineIgnoresOpt = False,
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
            )
        )

    run_command(job, lang.value)


@app.command()
def validate(paths: PathsArg, lang: LangOpt = LangOption.zh) -> None:
    """只检查站点文件格式（报送前自查）· Check site files against the schema only."""
    from emcheck.commands.validate import run_validate

    run_command(lambda: run_validate(tuple(paths), lang.value), lang.value)


@app.command()
def schema() -> None:
    """打印站点文件的 JSON Schema（供编辑器补全）· Print the site file JSON Schema."""
    import json

    from emcheck import resources

    typer.echo(json.dumps(resources.schema("site"), ensure_ascii=False, indent=2))


@app.command()
def init(
    level: Annotated[InitLevel, typer.Option("--level", help="层级 · level")] = InitLevel.district,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件（默认输出到屏幕）· write to a file"),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="覆盖已存在的文件 · overwrite an existing file"),
    ] = False,
    lang: LangOpt = LangOption.zh,
) -> None:
    """生成带中文注释的站点文件模板 · Write a commented site file template."""
    from emcheck.commands.init import run_init

    run_command(lambda: run_init(level.value, output, lang.value, force), lang.value)


@rules_app.command("list")
def rules_list(lang: LangOpt = LangOption.zh, rules: RulesOpt = None) -> None:
    """列出全部规则 · List every rule."""
    from emcheck.commands.rules import run_list

    run_command(lambda: run_list(rules, lang.value), lang.value)


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="规则编号，如 ORG-08 · rule id")],
    lang: LangOpt = LangOption.zh,
    rules: RulesOpt = None,
) -> None:
    """查看一条规则：条款、原文、检查方法、设置 · Show one rule."""
    from emcheck.commands.rules import run_show

    run_command(lambda: run_show(rules, rule_id, lang.value), lang.value)


@rules_app.command("test")
def rules_test(
    directory: Annotated[
        Path | None, typer.Argument(help="规则包文件夹（默认内置）· rule pack folder")
    ] = None,
    lang: LangOpt = LangOption.zh,
) -> None:
    """运行每条规则的通过/不通过样例 · Run every rule's pass/fail cases."""
    from emcheck.commands.rules import run_test

    run_command(lambda: run_test(directory, lang.value), lang.value)


@rules_app.command("lint")
def rules_lint(
    directory: Annotated[
        Path | None,
        typer.Argument(help="规则包文件夹（默认内置规则包）· rule pack folder (default: built-in)"),
    ] = None,
    lang: LangOpt = LangOption.zh,
) -> None:
    """只检查规则包本身，不审核任何站点 · Validate a rule pack without auditing anything."""
    from emcheck.commands.rules import run_lint

    run_command(lambda: run_lint(directory, lang.value), lang.value)


__all__ = ["app", "exit_codes", "main"]
