"""Read an input file's bytes without trusting it: size, kind of file and errors all checked.

A named pipe or a device such as /dev/zero would block or never end; a file may be larger
than any site file could be, or grow while it is read. Each of these ends in one message.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Text

ENVIRONMENT = {
    "max_bytes": "EMCHECK_MAX_FILE_BYTES",
    "max_depth": "EMCHECK_MAX_DEPTH",
    "max_nodes": "EMCHECK_MAX_VALUES",
    "max_text": "EMCHECK_MAX_TEXT",
}
"""The environment variables that change each limit (README "Input limits")."""


@dataclass(frozen=True)
class Limits:
    """How much a single input file may ask of us; documented in the README."""

    max_bytes: int = 10 * 1024 * 1024
    """Files larger than this are refused before they are read (10 MiB)."""
    max_depth: int = 64
    """Deepest nesting of mappings and sequences."""
    max_nodes: int = 100_000
    """Values after expanding aliases; stops alias bombs ("billion laughs") and keeps one
    file's audit within seconds. A district with 15 villages holds under 10,000."""
    max_text: int = 10_000
    """Longest single value or key, in characters; the longest in the examples and the
    built-in rules is under 1,000. Every finding repeats a unit's name, so one huge value
    would multiply through the reports."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Limits:
        """The defaults, with any limit set in the environment; a bad value is an input error."""
        return cls(**set_in_environment(ENVIRONMENT, environ))


def set_in_environment(names: Mapping[str, str], environ: Mapping[str, str]) -> dict[str, int]:
    """The limits (field name → value) that ``environ`` sets, by the variables in ``names``."""
    values = {}
    for field_name, name in names.items():
        text = environ.get(name)
        if text is None or not text.strip():
            continue
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise InputError(
                Location(name),
                Text(
                    f"应为正整数，实际为“{text}”",
                    f"must be a positive whole number, not '{text}'",
                ),
            )
        values[field_name] = value
    return values


DEFAULT_LIMITS = Limits()


def read_file(
    path: Path,
    error_type: type[EmcheckError] = InputError,
    limits: Limits | None = None,
    kind: str = "YAML",
) -> bytes:
    """The bytes of a regular file no larger than the limit; never blocks on a pipe or device."""
    limits = limits if limits is not None else Limits.from_environment()
    shown = str(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then refuses it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise error_type(Location(shown), os_error_text(path, error)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise error_type(
                Location(shown), Text("这是一个文件夹，不是文件", "this is a folder, not a file")
            )
        if not stat.S_ISREG(info.st_mode):
            raise error_type(
                Location(shown),
                Text(
                    f"不是普通文件（是管道、设备或套接字），不能作为 {kind} 文件读取",
                    f"not a regular file (a pipe, device or socket): it cannot be read as {kind}",
                ),
            )
        if info.st_size > limits.max_bytes:
            raise too_large(shown, info.st_size, limits, error_type)
        # Read one byte past the limit: a file that grows while we read is still refused.
        raw = _read_up_to(descriptor, limits.max_bytes + 1)
    except OSError as error:
        raise error_type(Location(shown), os_error_text(path, error)) from None
    finally:
        os.close(descriptor)
    if len(raw) > limits.max_bytes:
        raise too_large(shown, len(raw), limits, error_type)
    return raw


def _read_up_to(descriptor: int, limit: int) -> bytes:
    chunks = []
    left = limit
    while left > 0:
        chunk = os.read(descriptor, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_ERRNO_TEXTS = {
    errno.ENOENT: ("文件不存在", "no such file"),
    errno.EACCES: ("没有读取权限", "permission denied"),
    errno.EPERM: ("没有读取权限", "permission denied"),
    errno.ELOOP: ("符号链接形成循环", "a loop of symbolic links"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.ENAMETOOLONG: ("文件名过长", "the file name is too long"),
    errno.EIO: ("读取时发生输入输出错误（磁盘或网络盘故障？）", "an I/O error while reading"),
}


def os_error_text(path: Path, error: OSError) -> Text:
    """What an OSError from opening or reading ``path`` means, in both languages."""
    if error.errno == errno.ENOENT and path.is_symlink():
        return Text("符号链接指向的文件不存在", "the symbolic link points to a missing file")
    known = _ERRNO_TEXTS.get(error.errno or 0)
    if known is not None:
        return Text(*known)
    return Text(f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}")


def too_large(file: str, size: int, limits: Limits, error_type: type[EmcheckError]) -> EmcheckError:
    return error_type(
        Location(file),
        Text(
            f"文件过大：{size} 字节，上限为 {limits.max_bytes} 字节",
            f"file too large: {size} bytes, the limit is {limits.max_bytes}",
        ),
    )
