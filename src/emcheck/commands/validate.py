"""``emcheck validate``: the schema check a village clerk runs before submitting."""

from __future__ import annotations

import typer

from emcheck import exit_codes
from emcheck.discovery import site_files
from emcheck.engine import read_site, site_problems
from emcheck.errors import EmcheckError
from emcheck.i18n import Lang, Text


def run_validate(paths: tuple[object, ...], lang: Lang) -> int:
    from pathlib import Path

    try:
        files = site_files([Path(str(p)) for p in paths])
    except EmcheckError as error:
        typer.echo(f"emcheck: {error.render(lang)}", err=True)
        return error.exit_code
    bad = 0
    for path in files:
        try:
            document = read_site(path)
        except EmcheckError as error:
            typer.echo(error.render(lang))
            bad += 1
            continue
        problems = site_problems(document)
        for problem in problems:
            typer.echo(f"{problem.location}: {problem.message.get(lang)}")
        if problems:
            bad += 1
        else:
            typer.echo(Text(f"{path}: 格式正确", f"{path}: valid").get(lang))
    if bad:
        typer.echo(Text(f"{bad} 个文件格式有误", f"{bad} files are not valid").get(lang), err=True)
        return exit_codes.INPUT_ERROR
    return exit_codes.OK
