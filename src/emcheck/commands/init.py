"""``emcheck init``: a commented Chinese site file template for a district, village or community."""

from __future__ import annotations

from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.errors import Location, OutputError
from emcheck.i18n import Lang
from emcheck.reading import os_error_text
from emcheck.resources import template_dir
from emcheck.writing import check_writable, write_atomically


def run_init(level: str, output: Path | None, lang: Lang = "zh") -> int:
    text = (template_dir() / "init" / f"{level}.yaml").read_text(encoding="utf-8")
    if output is None:
        typer.echo(text, nl=False)
        return exit_codes.OK
    try:
        check_writable(output)
        write_atomically(output, text.encode("utf-8"))
    except OutputError as error:
        typer.echo(f"emcheck: {error.render(lang)}", err=True)
        return error.exit_code
    except OSError as error:
        failed = OutputError(Location(str(output)), os_error_text(output, error))
        typer.echo(f"emcheck: {failed.render(lang)}", err=True)
        return failed.exit_code
    return exit_codes.OK
