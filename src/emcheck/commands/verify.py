"""``emcheck verify RESULT.json [PATHS…]``: are the files on disk still the ones the audit judged?

The audit's JSON records the SHA-256 of every site file and attachment it read. This reads
them again (only regular files; a pipe or device named in a doctored record is never opened)
and lists what changed or went missing: exit 0 all the same, 1 something changed, 2 when the
record itself cannot be used.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from emcheck import exit_codes
from emcheck.errors import InputError, Location
from emcheck.i18n import Lang, Text
from emcheck.loading.reading import read_file

CHUNK = 1 << 20


@dataclass(frozen=True)
class Judged:
    """One file as the audit recorded it."""

    path: str
    sha256: str
    role: Text
    """站点文件 or 附件, for the listing."""


def run_verify(result: Path, paths: tuple[Path, ...], lang: Lang) -> int:
    judged = _recorded(result)
    if paths:
        judged = _only(judged, paths, result)
    states = [(j, _state(j)) for j in judged]
    changed = [(j, state) for j, state in states if state is not None]
    colon = "：" if lang == "zh" else ": "
    for item, state in changed:
        typer.echo(f"{state.get(lang)}{colon}{item.role.get(lang)} {item.path}")
    summary = (
        Text(f"{len(changed)} 个文件与审核时不同", f"{len(changed)} file(s) differ from the audit")
        if changed
        else Text(
            f"全部 {len(judged)} 个文件与审核时相同", f"all {len(judged)} files are as audited"
        )
    )
    typer.echo(summary.get(lang))
    return exit_codes.FINDINGS if changed else exit_codes.OK


def _recorded(result: Path) -> list[Judged]:
    """Every site file and attachment the record holds a digest for."""
    raw = read_file(result)
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(
            Location(str(result)),
            Text(f"不是有效的 JSON：{error}", f"not valid JSON: {error}"),
        ) from None
    if not isinstance(record, dict) or record.get("format") != "emcheck-audit":
        raise _unusable(
            result, Text("不是 emcheck audit 的 JSON 结果", "not an emcheck audit JSON")
        )
    judged = [j for entry in record.get("files", []) for j in _file_entry(entry)]
    if not judged:
        raise _unusable(
            result,
            Text(
                "结果中没有记录文件的 SHA-256（由较早版本生成？）",
                "the result records no SHA-256 of any file (made by an older version?)",
            ),
        )
    return judged


def _file_entry(entry: Any) -> list[Judged]:
    if not isinstance(entry, dict):
        return []
    found = []
    if isinstance(entry.get("sha256"), str):
        found.append(Judged(str(entry["file"]), entry["sha256"], Text("站点文件", "site file")))
    for item in entry.get("attachments") or []:
        if isinstance(item, dict) and isinstance(item.get("sha256"), str):
            found.append(Judged(str(item["path"]), item["sha256"], Text("附件", "attachment")))
    return found


def _only(judged: list[Judged], paths: tuple[Path, ...], result: Path) -> list[Judged]:
    """The recorded files at or under the given paths; a path matching none is an input error."""
    wanted = [Path(os.path.abspath(p)) for p in paths]
    kept = []
    for item in judged:
        where = Path(os.path.abspath(item.path))
        if any(where == w or w in where.parents for w in wanted):
            kept.append(item)
    for given, absolute in zip(paths, wanted, strict=True):
        if not any(Path(os.path.abspath(k.path)).is_relative_to(absolute) for k in kept):
            raise _unusable(
                result,
                Text(f"结果中没有 {given} 的记录", f"the result records nothing at {given}"),
            )
    return kept


def _state(item: Judged) -> Text | None:
    """None when the file is as judged; else what happened to it."""
    try:
        info = os.stat(item.path)
        if not stat.S_ISREG(info.st_mode):
            return Text("已不是普通文件", "no longer a regular file")
        descriptor = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        digest = hashlib.sha256()
        with os.fdopen(descriptor, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return Text("已不存在", "missing")
    except OSError as error:
        return Text(f"无法读取（{error.strerror}）", f"unreadable ({error.strerror})")
    return None if digest.hexdigest() == item.sha256 else Text("已改动", "changed")


def _unusable(result: Path, message: Text) -> InputError:
    return InputError(Location(str(result)), message)
