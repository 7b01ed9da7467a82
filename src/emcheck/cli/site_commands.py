"""The commands a submitting unit uses on its own file: ``validate``, ``schema``, ``init``
and ``convert``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from emcheck.cli.app import app, run_command
from emcheck.cli.help_format import HelpCommand
from emcheck.cli.options import ForceOpt, InitLevel, LangOpt, LangOption, PathsArg, SiteFormat


@app.command(cls=HelpCommand)
def validate(paths: PathsArg, lang: LangOpt = LangOption.zh) -> None:
    """只检查站点文件格式（报送前自查）· Check site files against the schema only."""
    from emcheck.commands.validate import run_validate

    run_command(lambda: run_validate(tuple(paths), lang.value), lang.value)


@app.command(cls=HelpCommand)
def schema() -> None:
    """打印站点文件的 JSON Schema（供编辑器补全）· Print the site file JSON Schema."""
    import json

    from emcheck import resources

    typer.echo(json.dumps(resources.schema("site"), ensure_ascii=False, indent=2))


@app.command(cls=HelpCommand)
def init(
    level: Annotated[InitLevel, typer.Option("--level", help="层级 · level")] = InitLevel.district,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="写入文件（默认输出到屏幕）· write to a file"
        ),
    ] = None,
    form: Annotated[
        SiteFormat | None,
        typer.Option(
            "--format",
            help="yaml 或 xlsx（Excel/WPS 工作簿；默认按文件扩展名）· yaml or xlsx (a workbook)",
        ),
    ] = None,
    force: ForceOpt = False,
    lang: LangOpt = LangOption.zh,
) -> None:
    """生成带注释的站点文件模板 · Write a commented site file template."""
    from emcheck.commands.init import run_init

    chosen = form.value if form else ("xlsx" if output and output.suffix == ".xlsx" else "yaml")
    run_command(lambda: run_init(level.value, output, lang.value, force, chosen), lang.value)


@app.command(cls=HelpCommand)
def convert(
    source: Annotated[Path, typer.Argument(metavar="IN", help="站点文件或站点工作簿 · site file")],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="OUT", help="输出文件 · output file")
    ],
    force: ForceOpt = False,
    lang: LangOpt = LangOption.zh,
) -> None:
    """站点文件与 Excel 工作簿互转 · Convert a site file to a workbook or back."""
    from emcheck.commands.convert import run_convert

    run_command(lambda: run_convert(source, output, lang.value, force), lang.value)
