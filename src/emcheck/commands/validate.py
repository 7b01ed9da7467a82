"""``emcheck validate``: the schema check a village clerk runs before submitting."""

from __future__ import annotations

import typer

from emcheck import exit_codes
from emcheck.audit.units import read_site, site_problems
from emcheck.errors import EmcheckError
from emcheck.i18n import Lang, Text, count_of
from emcheck.loading.discovery import same_unit_text, site_files


def run_validate(paths: tuple[object, ...], lang: Lang) -> int:
    from pathlib import Path

    files = site_files([Path(str(p)) for p in paths])
    bad = 0
    # The first file with each top-level unit id: a second file for one unit is an error.
    holders: dict[str, Path] = {}
    for path in files:
        try:
            document = read_site(path)
        except EmcheckError as error:
            typer.echo(error.render(lang))
            bad += 1
            continue
        problems = [f"{p.location}: {p.message.get(lang)}" for p in site_problems(document)]
        unit = document.data.get("id")
        if isinstance(unit, str):
            if unit in holders:
                problems.append(f"{path}: {same_unit_text(unit, holders[unit]).get(lang)}")
            else:
                holders[unit] = path
        for problem in problems:
            typer.echo(problem)
        if problems:
            bad += 1
        else:
            typer.echo(Text(f"{path}: 格式正确", f"{path}: valid").get(lang))
    if bad:
        verb = "is" if bad == 1 else "are"
        english = f"{count_of(bad, 'file')} {verb} not valid"
        typer.echo(Text(f"{bad} 个文件格式有误", english).get(lang), err=True)
        return exit_codes.INPUT_ERROR
    return exit_codes.OK
