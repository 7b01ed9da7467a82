"""``emcheck init``: a commented site file template for one level, written from the site schema.

A file that already exists is never overwritten unless ``--force`` is given: a clerk who runs
``emcheck init -o 柳溪村.yaml`` a second time must not lose the filled-in site file.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.errors import InputError, Location, OutputError
from emcheck.i18n import Lang, Text
from emcheck.loading.reading import os_error_text
from emcheck.sitebook.rows import template_data
from emcheck.sitebook.writing import site_workbook
from emcheck.validation.template import site_template
from emcheck.validation.template_text import UNIT_NAMES
from emcheck.writing import check_writable, write_atomically


def run_init(
    level: str, output: Path | None, lang: Lang = "zh", force: bool = False, form: str = "yaml"
) -> int:
    if form == "xlsx":
        if output is None:
            raise InputError(
                Location("--format xlsx"),
                Text("工作簿须用 -o 指定文件名", "a workbook needs a file name: add -o FILE"),
            )
        data = site_workbook(template_data(level), level, lang, date.today())
    else:
        text = site_template(level, lang)
        if output is None:
            typer.echo(text, nl=False)
            return exit_codes.OK
        data = text.encode("utf-8")
    existed = os.path.lexists(output)
    write_new_file(output, data, force)
    unit = UNIT_NAMES[level]
    done = (
        Text(f"已覆盖 {output}（{unit.zh}模板）", f"overwrote {output} ({unit.en} template)")
        if existed
        else Text(f"已写入 {output}（{unit.zh}模板）", f"wrote {output} ({unit.en} template)")
    )
    typer.echo(done.get(lang), err=True)
    return exit_codes.OK


def write_new_file(output: Path, data: bytes, force: bool) -> None:
    """Write ``output``; one that exists is overwritten only with ``force``."""
    try:
        check_writable(output)
        if force:
            write_atomically(output, data)
        else:
            _write_new(output, data)
    except FileExistsError:
        raise OutputError(
            Location(str(output)),
            Text(
                "文件已存在，未写入；确需覆盖请加 --force",
                "the file already exists; nothing written (add --force to overwrite it)",
            ),
        ) from None
    except OSError as error:
        raise OutputError(Location(str(output)), os_error_text(output, error)) from None


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``, or raise FileExistsError; a failed write leaves nothing.

    O_EXCL makes the check and the creation one step, so a file that appears in between (or a
    symlink, even a broken one) is never overwritten. The mode is a plain ``open()``'s (umask).
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
