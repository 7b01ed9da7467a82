"""Turn the paths a user names into the site files to read, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from emcheck.errors import InputError, Location
from emcheck.i18n import Text

SITE_SUFFIXES = (".yaml", ".yml")


def site_files(paths: list[Path]) -> list[Path]:
    """Files as named, and the *.yaml / *.yml files below each folder (sorted, no symlink loops)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += _walk(path)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(
                Location(str(path)), Text("文件或文件夹不存在", "no such file or folder")
            )
    if not found:
        raise InputError(
            Location(", ".join(map(str, paths))),
            Text("没有找到站点文件（*.yaml、*.yml）", "no site files (*.yaml, *.yml) found"),
        )
    return found


def _walk(folder: Path) -> list[Path]:
    files = []
    # followlinks=False: a symlink pointing back up the tree cannot loop the walk.
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [
            Path(root) / n
            for n in sorted(names)
            if n.endswith(SITE_SUFFIXES) and not n.startswith(".")
        ]
    return files
