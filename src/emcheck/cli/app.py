"""The ``emcheck`` application: its command groups, the version flag, the entry point and the
one error path every command goes through."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, NoReturn

import typer

from emcheck import exit_codes
from emcheck.cli.help_format import HelpGroup
from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Lang, Text

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="emcheck",
    cls=HelpGroup,
    help="检查基层应急管理试点单位是否符合试点方案 · Audit emergency-management pilot sites.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=HELP_OPTIONS,
)
rules_app = typer.Typer(
    cls=HelpGroup,
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
    from emcheck.cli.usage import usage_message, wanted_lang

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
