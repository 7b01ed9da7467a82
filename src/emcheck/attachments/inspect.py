"""One attachment (佐证材料) checked like any input: inside the site file's folder, a regular
file, not empty, within the size limit (by ``stat``, before a byte is read), of an allowed
type by its content whatever its name, and hashed (SHA-256, streamed) in the same pass.

A refused path is never opened: ``..``, absolute and drive paths are refused as written, a
symbolic link leading outside the folder once resolved, a pipe or device by ``stat``.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from emcheck.attachments.kinds import identify
from emcheck.i18n import Text

CHUNK = 1 << 20
TAIL = 1024
"""Bytes kept from the end of a file: enough to see whether a JPEG, PNG or PDF was cut short."""
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Inspected:
    """What one attachment file turned out to be."""

    shown: str
    """The path as the reports name it: the site file's folder joined with the reference."""
    size: int | None = None
    sha256: str | None = None
    kind: str | None = None
    """jpeg, png, pdf, docx, xlsx or ofd, by content; None when refused."""
    problem: Text | None = None
    """Why the file does not count as evidence; None when it does."""


def inspect(folder: Path, reference: str, max_bytes: int) -> Inspected:
    """The attachment ``reference`` (relative to ``folder``), checked; never raises for its content."""
    written = reference.replace("\\", "/")
    shown = str(folder / written) if written.strip() else reference
    refused = _refused_path(reference, written)
    if refused is not None:
        return Inspected(shown, problem=refused)
    real = os.path.realpath(folder / written)
    if os.path.commonpath([real, os.path.realpath(folder)]) != os.path.realpath(folder):
        return Inspected(shown, problem=_OUTSIDE_LINK)
    try:
        return _inspect_file(shown, real, max_bytes)
    except OSError as error:
        return Inspected(shown, problem=_os_problem(error))


def _refused_path(reference: str, written: str) -> Text | None:
    if not reference.strip():
        return Text("附件路径为空", "the attachment path is blank")
    if "\x00" in reference:
        return Text("附件路径含有空字符", "the attachment path holds a NUL character")
    if written.startswith("/") or _DRIVE.match(written):
        return Text(
            "附件须写相对于站点文件所在文件夹的路径，不能写绝对路径或盘符",
            "attachments must be paths relative to the site file's folder, not absolute or drive paths",
        )
    if ".." in written.split("/"):
        return Text(
            "附件路径不能含“..”（不能指向站点文件所在文件夹之外）",
            "attachment paths may not hold '..' (nothing outside the site file's folder)",
        )
    return None


_OUTSIDE_LINK = Text(
    "附件是指向站点文件所在文件夹之外的符号链接，已拒绝读取",
    "the attachment is a symbolic link leading outside the site file's folder; not read",
)


def _inspect_file(shown: str, real: str, max_bytes: int) -> Inspected:
    info = os.stat(real)
    refused = _refused_kind_of_file(info.st_mode)
    if refused is not None:
        return Inspected(shown, problem=refused)
    if info.st_size == 0:
        return Inspected(
            shown, 0, problem=Text("附件是空文件（0 字节）", "the attachment is empty (0 bytes)")
        )
    if info.st_size > max_bytes:
        return Inspected(shown, info.st_size, problem=_too_large(info.st_size, max_bytes))
    # O_NONBLOCK: a file swapped for a pipe since the stat must not hang the audit.
    descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return Inspected(shown, problem=_refused_kind_of_file(0))
        head, tail, size, digest = _hash(handle, max_bytes)
        if size > max_bytes:
            return Inspected(shown, size, problem=_too_large(size, max_bytes))
        kind, problem = identify(head, tail, handle)
    return Inspected(shown, size, digest, kind, problem)


def _hash(handle: object, max_bytes: int) -> tuple[bytes, bytes, int, str]:
    """First bytes, last bytes, size and SHA-256, reading at most one chunk past the limit."""
    read = handle.read  # type: ignore[attr-defined]
    digest = hashlib.sha256()
    head, tail, size = b"", b"", 0
    while size <= max_bytes:
        chunk: bytes = read(CHUNK)
        if not chunk:
            break
        if not head:
            head = chunk[:64]
        digest.update(chunk)
        tail = (tail + chunk)[-TAIL:]
        size += len(chunk)
    return head, tail, size, digest.hexdigest()


def _refused_kind_of_file(mode: int) -> Text | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Text("附件路径指向文件夹，不是文件", "the attachment path is a folder, not a file")
    return Text(
        "附件不是普通文件（是管道、设备或套接字），已拒绝读取",
        "the attachment is not a regular file (a pipe, device or socket); not read",
    )


def _too_large(size: int, max_bytes: int) -> Text:
    return Text(
        f"附件过大：{size / 1048576:.1f} MB，上限为 {max_bytes / 1048576:g} MB",
        f"the attachment is too large: {size / 1048576:.1f} MB, the limit is {max_bytes / 1048576:g} MB",
    )


def _os_problem(error: OSError) -> Text:
    if isinstance(error, FileNotFoundError):
        return Text("附件文件不存在", "the attachment file does not exist")
    if isinstance(error, PermissionError):
        return Text("没有读取附件的权限", "no permission to read the attachment")
    return Text(f"无法读取附件：{error.strerror}", f"cannot read the attachment: {error.strerror}")
