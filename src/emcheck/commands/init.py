"""``emcheck init``: a commented Chinese site file template for a district, village or community.

A file that already exists is never overwritten unless ``--force`` is given: a clerk who runs
``emcheck init -o 柳溪村.yaml`` a second time must not lose the filled-in site file.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.errors import Location, OutputError
from emcheck.i18n import Lang, Text
from emcheck.loading.reading import os_error_text
from emcheck.resources import template_dir
from emcheck.writing import check_writable, write_atomically

TEMPLATE_NAMES = {
    "district": Text("区、乡镇、街道模板", "district, township or street template"),
    "village": Text("村模板", "village template"),
    "community": Text("社区模板", "community template"),
}


# A township or street fills in the district template: the same clauses, its own level.
TEMPLATE_OF = {"township": "district", "street": "district"}


def run_init(level: str, output: Path | None, lang: Lang = "zh", force: bool = False) -> int:
    template = TEMPLATE_OF.get(level, level)
    text = (template_dir() / "init" / f"{template}.yaml").read_text(encoding="utf-8")
    if template != level:
        text = text.replace("\nlevel: district", f"\nlevel: {level}", 1)
    if output is None:
        typer.echo(text, nl=False)
        return exit_codes.OK
    existed = os.path.lexists(output)
    try:
        check_writable(output)
        if force:
            write_atomically(output, text.encode("utf-8"))
        else:
            _write_new(output, text.encode("utf-8"))
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
    name = TEMPLATE_NAMES[template]
    done = (
        Text(f"已覆盖 {output}（{name.zh}）", f"overwrote {output} ({name.en})")
        if existed
        else Text(f"已写入 {output}（{name.zh}）", f"wrote {output} ({name.en})")
    )
    typer.echo(done.get(lang), err=True)
    return exit_codes.OK


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
