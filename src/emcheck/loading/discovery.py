"""Turn the paths a user names into the site files to read, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import yaml

from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Text
from emcheck.loading.encoding import decode
from emcheck.loading.reading import os_error_text, read_file

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SITE_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
"""Named on the command line, these are read as site workbooks (.xls and .xlsm to be refused
with a reason); in a folder only an .xlsx emcheck marked as a site workbook is."""
LOCK_PREFIX = "~$"
"""Excel and WPS keep a lock file ``~$name.xlsx`` beside a workbook that is open."""
NOT_SITE_FILES = frozenset(
    {"emcheck-waivers.yaml", ".pre-commit-hooks.yaml", ".pre-commit-config.yaml"}
)
"""YAML files that live beside site files but are not site files."""


def site_files(paths: list[Path], other_inputs: Iterable[Path] = ()) -> list[Path]:
    """Files as named, and the *.yaml / *.yml files below each folder (sorted, no symlink loops).

    A named path that exists but is no regular file (a pipe, a broken or looping symlink) is
    kept: the loader then says exactly what is wrong with it. A file reached twice (named twice,
    named and inside a named folder, or through ``./`` or a symlink) is listed once, where it
    was first reached, so that it is never audited or counted twice. The run's other inputs
    (``--meta``, ``--waivers``, ``--baseline``) kept beside the site files are not site files.
    """
    others = {_real(p) for p in other_inputs}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [f for f in _walk(path) if _real(f) not in others]
        elif os.path.lexists(path):
            found.append(path)
        else:
            raise InputError(
                Location(str(path)), Text("文件或文件夹不存在", "no such file or folder")
            )
    if not found:
        raise InputError(
            Location(", ".join(map(str, paths))),
            Text(
                "没有找到站点文件（*.yaml、*.yml、站点工作簿 *.xlsx）",
                "no site files (*.yaml, *.yml, site workbooks *.xlsx) found",
            ),
        )
    return once_each(found)


def once_each(files: Iterable[Path]) -> list[Path]:
    """The files in order without a second path to the same file (compared by real path)."""
    seen: set[str] = set()
    unique = []
    for path in files:
        real = _real(path)
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


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
            elif (
                entry.name.endswith(SITE_SUFFIXES) and entry.name not in NOT_SITE_FILES
            ) or _is_site_workbook(entry):
                files.append(Path(entry.path))
        pending += reversed(folders)
    return files


def _is_site_workbook(entry: os.DirEntry[str]) -> bool:
    """An .xlsx emcheck wrote as a site workbook; not a lock file, ledger or bulletin."""
    if not entry.name.lower().endswith(".xlsx") or entry.name.startswith(LOCK_PREFIX):
        return False
    from emcheck.loading.workbook_mark import workbook_mark  # openpyxl only when a workbook is met

    return workbook_mark(Path(entry.path)) == "site"


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:  # a symlink loop: listed if named like a site file, then reported
        return False


def top_level_id(path: Path) -> str | None:
    """The ``id`` of the file's top-level unit, or None when it cannot be told.

    Cheap: the YAML is parsed only as far as the top-level ``id`` key (the third line of a
    usual site file) and nothing is built. A file that cannot be read or parsed gives None;
    its audit then reports why.
    """
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _workbook_id(path)
    try:
        text, _ = decode(read_file(path), str(path))
    except EmcheckError:
        return None
    return id_in(text)


def _workbook_id(path: Path) -> str | None:
    from emcheck.sitebook.reading import read_site_workbook

    try:
        found = read_site_workbook(path).data.get("id")
    except EmcheckError:
        return None
    return found if isinstance(found, str) else None


def id_in(text: str) -> str | None:
    """The scalar value of the top-level mapping's ``id`` key in YAML ``text``, if any."""
    parser = _Parser(text)
    try:
        next_event = parser.get_event
        for expected in (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.MappingStartEvent):
            if not isinstance(next_event(), expected):
                return None
        is_key = True
        while True:
            event = next_event()
            if isinstance(event, yaml.MappingEndEvent):
                return None
            if is_key and isinstance(event, yaml.ScalarEvent) and event.value == "id":
                value = next_event()
                return value.value if isinstance(value, yaml.ScalarEvent) else None
            if isinstance(event, yaml.CollectionStartEvent):
                _skip_collection(next_event)
            is_key = not is_key
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _skip_collection(next_event: Callable[[], yaml.Event]) -> None:
    """Read past the end of the collection whose start event was just read."""
    depth = 1
    while depth:
        event = next_event()
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.StreamEndEvent):
            return


def check_one_file_per_unit(files: Sequence[Path], ids: Iterable[str | None]) -> None:
    """Refuse two files whose top-level unit has the same id, naming the files and the id.

    Two site files for one unit are almost always an old and a new version of the same
    submission left in one folder: auditing both would count the unit twice and let the
    older file's verdicts stand beside the newer's.
    """
    holders: dict[str, list[Path]] = {}
    for path, unit in zip(files, ids, strict=True):
        if unit is not None:
            holders.setdefault(unit, []).append(path)
    clashes = {unit: paths for unit, paths in holders.items() if len(paths) > 1}
    if not clashes:
        return
    first_paths = next(iter(clashes.values()))
    zh = "；".join(f"“{u}” 同时出现在 {'、'.join(map(str, ps))}" for u, ps in clashes.items())
    en = "; ".join(f"'{u}' is in {', '.join(map(str, ps))}" for u, ps in clashes.items())
    raise InputError(
        Location(str(first_paths[1])),
        Text(
            f"单位标识（id）重复：{zh}。同一单位只能有一份站点文件（可能是旧版本没有删除）："
            "请删去或移走多余的文件后再运行；本次未输出任何结果",
            f"unit id used by more than one file: {en}. A unit must have one site file (an "
            "old version left behind?): remove or move the extra files and run again; no "
            "results were written",
        ),
    )


def same_unit_text(unit: str, first: Path) -> Text:
    """What ``emcheck validate`` says of a file whose top-level id an earlier file has."""
    return Text(
        f"单位标识（id）“{unit}” 与 {first} 相同：同一单位只能有一份站点文件（可能是旧版本没有删除）",
        f"the unit id '{unit}' is the same as in {first}: a unit must have one site file "
        "(an old version left behind?)",
    )
