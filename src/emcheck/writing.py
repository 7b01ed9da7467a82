"""Write an output file all at once: a temporary file beside it, then a rename."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

if TYPE_CHECKING:
    from emcheck.errors import OutputError


def write_atomically(path: Path, data: bytes) -> None:
    """Either the whole file appears at ``path`` or nothing does."""
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        _usual_mode(descriptor)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes) -> None:
    """``write_atomically``, a failure told as an OutputError naming the file."""
    try:
        write_atomically(path, data)
    except OSError as error:
        raise unwritable(str(path), error) from None


def unwritable(shown: str, error: OSError) -> OutputError:
    from emcheck.errors import Location, OutputError
    from emcheck.i18n import Text

    reason = error.strerror or type(error).__name__
    return OutputError(Location(shown), Text(f"无法写入：{reason}", f"cannot write: {reason}"))


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


def refuse_existing(targets: list[Path], force: bool) -> list[Path]:
    """A document already written may have been edited or signed since: it is replaced only
    when asked, and a refused run writes none of the others either."""
    from emcheck.errors import Location, OutputError
    from emcheck.i18n import Text

    existing = [target for target in targets if os.path.lexists(target)]
    if existing and not force:
        more = len(existing) - 1
        raise OutputError(
            Location(str(existing[0])),
            Text(
                "文件已存在"
                + (f"（另有 {more} 份）" if more else "")
                + "，未写入任何报告；确需覆盖请加 --force",
                "the file already exists"
                + (f" (and {more} more)" if more else "")
                + "; no report written (add --force to overwrite)",
            ),
        )
    return targets


def refuse_inputs(targets: list[Path], inputs: list[Path]) -> None:
    """An output never replaces a file the run reads (an earlier round, a returned ledger, a
    notice record): even with --force, that record would be gone."""
    from emcheck.errors import Location, OutputError
    from emcheck.i18n import Text

    read = {path.resolve() for path in inputs}
    for target in targets:
        if target.resolve() in read:
            raise OutputError(
                Location(str(target)),
                Text(
                    "输出文件不能是本次读取的文件（上一轮记录、整改台账或通知书记录会被覆盖而丢失），"
                    "请另起文件名",
                    "an output must not be a file this run reads (an earlier round, the returned "
                    "ledger or the notice record would be lost): choose another name",
                ),
            )


class PendingFile:
    """An output written bit by bit into a temporary file beside it, renamed into place
    only by :meth:`commit`; leaving the ``with`` block without it leaves nothing behind.

    ``handle`` takes bytes (a workbook's zip is written, and seeked, straight into it);
    :meth:`write` takes text, as UTF-8."""

    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent if str(path.parent) else Path(".")
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        self.temporary = Path(temporary)
        _usual_mode(descriptor)
        self.handle = os.fdopen(descriptor, "wb")

    def write(self, text: str) -> None:
        self.handle.write(text.encode("utf-8"))

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.temporary, self.path)

    def __enter__(self) -> PendingFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.temporary.unlink(missing_ok=True)


@contextmanager
def text_stream(out: BinaryIO) -> Iterator[TextIO]:
    """``out`` written as UTF-8 text, and left open for its owner to commit or close."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def _usual_mode(descriptor: int) -> None:
    """Give the file the mode a plain ``open()`` would (mkstemp makes it private to the user),
    so a report in a shared folder can be read by colleagues."""
    mask = os.umask(0)
    os.umask(mask)
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, 0o666 & ~mask)
