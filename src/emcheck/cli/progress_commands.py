"""``progress``: the push group's view over every pilot site, round after round."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from emcheck.cli.app import app, parse_date, run_command
from emcheck.cli.help_format import HelpCommand
from emcheck.cli.options import (
    AsOfOpt,
    ForceOpt,
    InlineIgnoresOpt,
    JobsOpt,
    LangOpt,
    LangOption,
    OutputsOpt,
    PathsArg,
    ProgressFormat,
    RulesOpt,
    WaiversOpt,
)

FORMATS = "、".join(f.value for f in ProgressFormat)


@app.command(cls=HelpCommand)
def progress(
    paths: PathsArg,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous",
            metavar="ROUND.json",
            help="上一轮或更早的轮次记录（progress 或 audit 的 JSON 输出，可重复）"
            " · an earlier round: progress or audit JSON (repeatable)",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ProgressFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"输出格式：{FORMATS}（默认 console）· output format",
        ),
    ] = None,
    outputs: OutputsOpt = None,
    lang: LangOpt = LangOption.zh,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    waivers: WaiversOpt = None,
    force: ForceOpt = False,
    jobs: JobsOpt = None,
    inline_ignores: InlineIgnoresOpt = False,
) -> None:
    """推进组调度：各试点单位进度、节点、排名与走势 · Progress of every pilot site."""
    from emcheck.commands.audit import parse_outputs
    from emcheck.commands.progress import ProgressRun, run_progress
    from emcheck.report.progress import FORMAT_BY_SUFFIX

    def job() -> int:
        chosen = output_format.value if output_format is not None else None
        names = [f.value for f in ProgressFormat]
        extra, main = parse_outputs(outputs or [], names, chosen, FORMAT_BY_SUFFIX)
        return run_progress(
            ProgressRun(
                paths=tuple(paths),
                previous=tuple(previous or ()),
                lang=lang.value,
                as_of=parse_date(as_of, "--as-of") or date.today(),
                rules=rules,
                outputs=(*extra, *([main] if main else [])),
                screen=None if main else (chosen or ProgressFormat.console.value),
                waivers=tuple(waivers or ()),
                force=force,
                jobs=jobs,
                inline_ignores=inline_ignores,
            )
        )

    run_command(job, lang.value)
