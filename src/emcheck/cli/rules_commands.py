"""``emcheck rules …``: list, show, test and lint a rule pack."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from emcheck.cli.app import rules_app, run_command
from emcheck.cli.help_format import HelpCommand
from emcheck.cli.options import LangOpt, LangOption, RulesOpt


@rules_app.command("list", cls=HelpCommand)
def rules_list(lang: LangOpt = LangOption.zh, rules: RulesOpt = None) -> None:
    """列出全部规则 · List every rule."""
    from emcheck.commands.rules import run_list

    run_command(lambda: run_list(rules, lang.value), lang.value)


@rules_app.command("show", cls=HelpCommand)
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="规则编号，如 ORG-08 · rule id")],
    lang: LangOpt = LangOption.zh,
    rules: RulesOpt = None,
) -> None:
    """查看一条规则：条款、原文、检查方法、设置 · Show one rule."""
    from emcheck.commands.rules import run_show

    run_command(lambda: run_show(rules, rule_id, lang.value), lang.value)


@rules_app.command("test", cls=HelpCommand)
def rules_test(
    directory: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help="规则包文件夹（默认内置）· rule pack folder"),
    ] = None,
    lang: LangOpt = LangOption.zh,
) -> None:
    """运行每条规则的通过/不通过样例 · Run every rule's pass/fail cases."""
    from emcheck.commands.rules import run_test

    run_command(lambda: run_test(directory, lang.value), lang.value)


@rules_app.command("lint", cls=HelpCommand)
def rules_lint(
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            help="规则包文件夹（默认内置规则包）· rule pack folder (default: built-in)",
        ),
    ] = None,
    lang: LangOpt = LangOption.zh,
) -> None:
    """只检查规则包本身，不审核任何站点 · Validate a rule pack without auditing anything."""
    from emcheck.commands.rules import run_lint

    run_command(lambda: run_lint(directory, lang.value), lang.value)
