"""The ``emcheck`` command line: options are parsed here and handed on as plain values."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from emcheck import exit_codes
from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Lang, Text

app = typer.Typer(
    name="emcheck",
    help="检查基层应急管理试点单位是否符合试点方案 · Audit emergency-management pilot sites.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(
    help="规则包：列出、查看、测试 · List, show and test rules.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    console = "console"
    json = "json"


class LangOption(str, Enum):
    zh = "zh"
    en = "en"


class FailLevel(str, Enum):
    error = "error"
    warning = "warning"


class InitLevel(str, Enum):
    district = "district"
    village = "village"
    community = "community"


PathsArg = Annotated[
    list[Path], typer.Argument(help="站点文件或文件夹 · site files or folders", show_default=False)
]
LangOpt = Annotated[LangOption, typer.Option("--lang", help="报告语言 · report language")]
RulesOpt = Annotated[
    Path | None, typer.Option("--rules", help="使用另一个规则包文件夹 · another rule pack folder")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="审核日期 YYYY-MM-DD（默认今天）· audit date (default today)"),
]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


def fail(error: EmcheckError, lang: Lang) -> NoReturn:
    typer.echo(f"emcheck: {error.render(lang)}", err=True)
    raise typer.Exit(error.exit_code)


def parse_as_of(value: str | None, lang: Lang) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(
            InputError(
                Location("--as-of"),
                Text(
                    f"不是有效日期：“{value}”，应写成 YYYY-MM-DD",
                    f"not a valid date: '{value}'; write YYYY-MM-DD",
                ),
            ),
            lang,
        )


@app.command()
def audit(
    paths: PathsArg,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="输出格式 · output format")
    ] = Format.console,
    lang: LangOpt = LangOption.zh,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    fail_level: Annotated[
        FailLevel,
        typer.Option(
            "--fail-level", help="从哪个严重程度起判为失败 · lowest severity that fails the run"
        ),
    ] = FailLevel.error,
    show_passed: Annotated[
        bool, typer.Option("--show-passed", help="同时列出符合的规则 · list passing rules too")
    ] = False,
) -> None:
    """审核站点文件，逐条给出结论 · Audit site files rule by rule."""
    from emcheck.commands.audit import AuditOptions, run_audit

    code = run_audit(
        AuditOptions(
            paths=tuple(paths),
            output_format=output_format.value,
            lang=lang.value,
            as_of=parse_as_of(as_of, lang.value),
            rules=rules,
            fail_level=fail_level.value,
            show_passed=show_passed,
        )
    )
    raise typer.Exit(code)


@app.command()
def validate(paths: PathsArg, lang: LangOpt = LangOption.zh) -> None:
    """只检查站点文件格式（报送前自查）· Check site files against the schema only."""
    from emcheck.commands.validate import run_validate

    raise typer.Exit(run_validate(tuple(paths), lang.value))


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
) -> None:
    """生成带中文注释的站点文件模板 · Write a commented site file template."""
    from emcheck.commands.init import run_init

    raise typer.Exit(run_init(level.value, output))


@rules_app.command("list")
def rules_list(lang: LangOpt = LangOption.zh, rules: RulesOpt = None) -> None:
    """列出全部规则 · List every rule."""
    from emcheck.commands.rules import run_list

    raise typer.Exit(run_list(rules, lang.value))


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="规则编号，如 ORG-08 · rule id")],
    lang: LangOpt = LangOption.zh,
    rules: RulesOpt = None,
) -> None:
    """查看一条规则：条款、原文、检查方法、设置 · Show one rule."""
    from emcheck.commands.rules import run_show

    raise typer.Exit(run_show(rules, rule_id, lang.value))


@rules_app.command("test")
def rules_test(
    directory: Annotated[
        Path | None, typer.Argument(help="规则包文件夹（默认内置）· rule pack folder")
    ] = None,
    lang: LangOpt = LangOption.zh,
) -> None:
    """运行每条规则的通过/不通过样例 · Run every rule's pass/fail cases."""
    from emcheck.commands.rules import run_test

    raise typer.Exit(run_test(directory, lang.value))


__all__ = ["app", "exit_codes", "main"]
