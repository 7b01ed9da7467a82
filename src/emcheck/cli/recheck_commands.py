"""``recheck``: the inspector's second visit, from earlier audits to today; ``verify``: whether
the files an audit judged are still those on disk."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from emcheck.cli.app import app, parse_date, run_command
from emcheck.cli.help_format import HelpCommand
from emcheck.cli.options import (
    AsOfOpt,
    ForceOpt,
    InlineIgnoresOpt,
    LangOpt,
    LangOption,
    PathsArg,
    RulesOpt,
    WaiversOpt,
)


class RecheckKind(str, Enum):
    """The names of ``emcheck.report.recheck.KIND_BY_NAME`` (a test keeps them equal)."""

    recheck = "recheck"
    ledger = "ledger"
    markdown = "markdown"
    json = "json"


@app.command(cls=HelpCommand)
def recheck(
    paths: PathsArg,
    previous: Annotated[
        list[Path],
        typer.Option(
            "--previous",
            metavar="AUDIT.json",
            help="上次检查的记录（audit 或 progress 的 JSON 输出，可重复，按日期排序）"
            " · an earlier audit: audit or progress JSON (repeatable)",
            show_default=False,
        ),
    ],
    kind: Annotated[
        RecheckKind | None,
        typer.Option(
            "--kind",
            help="recheck 整改复查意见书（Word）· ledger 整改台账（Excel）· markdown · json；"
            "默认按 -o 的扩展名，否则 markdown · default: from the -o extension, else markdown",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH", help="输出文件 · output file"),
    ] = None,
    notice: Annotated[
        Path | None,
        typer.Option(
            "--notice",
            metavar="NOTICE.json",
            help="整改通知书记录（report --kind notice 在 .docx 旁写出的 .json）"
            " · the notice record written beside the notice",
        ),
    ] = None,
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            metavar="LEDGER.xlsx",
            help="单位填写后返回的整改台账 · the ledger as the unit returned it",
        ),
    ] = None,
    meta: Annotated[
        Path | None,
        typer.Option("--meta", metavar="FILE", help="报告信息文件（YAML）· report details file"),
    ] = None,
    lang: LangOpt = LangOption.zh,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    waivers: WaiversOpt = None,
    force: ForceOpt = False,
    inline_ignores: InlineIgnoresOpt = False,
) -> None:
    """整改复查：上次问题逐条销号 · Recheck earlier findings: fixed, open, new, regressed."""
    from emcheck.commands.recheck import RecheckRun, run_recheck

    def job() -> int:
        return run_recheck(
            RecheckRun(
                paths=tuple(paths),
                previous=tuple(previous),
                kind=kind.value if kind is not None else None,
                output=output,
                lang=lang.value,
                as_of=parse_date(as_of, "--as-of") or date.today(),
                rules=rules,
                notice=notice,
                ledger=ledger,
                meta=meta,
                waivers=tuple(waivers or ()),
                force=force,
                inline_ignores=inline_ignores,
            )
        )

    run_command(job, lang.value)


@app.command(cls=HelpCommand)
def verify(
    result: Annotated[
        Path, typer.Argument(metavar="RESULT.json", help="audit 的 JSON 结果 · an audit's JSON")
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="只核对这些文件或文件夹 · check only these files or folders",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = LangOption.zh,
) -> None:
    """核对审核所依据的文件是否未被改动 · Check that the files an audit judged are unchanged."""
    from emcheck.commands.verify import run_verify

    run_command(lambda: run_verify(result, tuple(paths or ()), lang.value), lang.value)
