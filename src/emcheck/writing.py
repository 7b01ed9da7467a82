"""Write an output file all at once: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Either the whole file appears at ``path`` or nothing does."""
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_writable(path: Path) -> None:
    """Refuse, before any work is done, an output path that can never be written."""
    from emcheck.errors import Location, OutputError
    from emcheck.i18n import Text

    if path.is_dir():
        raise OutputError(
            Location(str(path)), Text("输出路径是一个文件夹", "the output path is a folder")
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            Location(str(path)),
            Text(f"输出文件夹不存在：{folder}", f"the output folder does not exist: {folder}"),
        )
