"""The command line's choices and shared options, declared once for every command."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Format(str, Enum):
    console = "console"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"


FORMAT_NAMES = "、".join(f.value for f in Format)


class LangOption(str, Enum):
    zh = "zh"
    en = "en"


class FailLevel(str, Enum):
    error = "error"
    warning = "warning"


class ReportKind(str, Enum):
    gap = "gap"
    notice = "notice"


class ReportFormat(str, Enum):
    docx = "docx"
    markdown = "markdown"


class SiteFormat(str, Enum):
    yaml = "yaml"
    xlsx = "xlsx"


class InitLevel(str, Enum):
    district = "district"
    township = "township"
    street = "street"
    village = "village"
    community = "community"


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH...", help="站点文件或文件夹 · site files or folders", show_default=False
    ),
]
LangOpt = Annotated[
    LangOption,
    typer.Option("--lang", envvar="EMCHECK_LANG", help="报告语言 · report language"),
]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules", metavar="DIR", help="使用另一个规则包文件夹 · another rule pack folder"
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="审核日期 YYYY-MM-DD（默认今天）· audit date (default today)",
    ),
]
InlineIgnoresOpt = Annotated[
    bool,
    typer.Option(
        "--inline-ignores",
        help="采纳站点文件中的 # emcheck: ignore 注释（默认只列出：申报单位不能自行豁免）"
        " · honour ignore comments in site files (default: listed, not applied)",
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="覆盖已存在的文件 · overwrite an existing file")
]


class ProgressFormat(str, Enum):
    """The names of ``emcheck.report.progress.FORMAT_BY_NAME`` (a test keeps them equal)."""

    console = "console"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"
    docx = "docx"
    html = "html"


WaiversOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--waivers",
        metavar="FILE",
        help="豁免清单（可重复）· waivers file (repeatable)",
        show_default=False,
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="并行进程数（默认 CPU 核数）· parallel workers"
    ),
]
OutputsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="写入文件 PATH（格式取 --format 或扩展名），或另写一份 FORMAT=PATH，可重复"
        " · write to PATH (format from --format or its extension), or FORMAT=PATH (repeatable)",
    ),
]
