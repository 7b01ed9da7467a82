"""Turn the paths a user names into the site files to read, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.reading import os_error_text

SITE_SUFFIXES = (".yaml", ".yml")
NOT_SITE_FILES = frozenset(
    {"emcheck-waivers.yaml", ".pre-commit-hooks.yaml", ".pre-commit-config.yaml"}
)
"""YAML files that live beside site files but are not site files."""


def site_files(paths: list[Path]) -> list[Path]:
    """Files as named, and the *.yaml / *.yml files below each folder (sorted, no symlink loops).

    A named path that exists but is no regular file (a pipe, a broken or looping symlink) is
    kept: the loader then says exactly what is wrong with it.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += _walk(path)
        elif os.path.lexists(path):
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
    """Depth first in name order, without recursion (folders may nest thousands deep).

    Symlinked folders are not entered, so a link back up the tree cannot loop the walk; a
    symlink whose name looks like a site file is listed, so that a broken one is reported.
    """
    files: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            reason = os_error_text(current, error)
            raise InputError(
                Location(str(current)),
                Text(f"无法读取文件夹：{reason.zh}", f"cannot read the folder: {reason.en}"),
            ) from None
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                if not entry.is_symlink():
                    folders.append(Path(entry.path))
            elif entry.name.endswith(SITE_SUFFIXES) and entry.name not in NOT_SITE_FILES:
                files.append(Path(entry.path))
        pending += reversed(folders)
    return files


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:  # a symlink loop: listed if named like a site file, then reported
        return False
