"""``emcheck init``: a commented Chinese site file template for a district, village or community."""

from __future__ import annotations

from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.resources import template_dir
from emcheck.writing import write_atomically


def run_init(level: str, output: Path | None) -> int:
    text = (template_dir() / "init" / f"{level}.yaml").read_text(encoding="utf-8")
    if output is None:
        typer.echo(text, nl=False)
        return exit_codes.OK
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        typer.echo(f"emcheck: {output}: {error.strerror}", err=True)
        return exit_codes.INPUT_ERROR
    return exit_codes.OK
