"""``emcheck progress`` writes its files: each format streams into a temporary file beside its
target, and all are renamed into place once every one is made (a failing one leaves none).

With several files and more than one core, formats are made side by side in forked worker
processes, the longest first: the workbook of a zone's ledger takes as long as all the
others together, and waiting for it alone doubled the run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

from emcheck.history.progress import Progress
from emcheck.report.progress import FORMAT_BY_NAME, ProgressOptions, renderer
from emcheck.writing import PendingFile, unwritable

LONGEST_FIRST = ("xlsx", "html", "docx", "markdown", "json", "console")
"""The order formats are started in, by the time each takes on a large zone."""

_WORKER: dict[str, Progress] = {}
"""The round, handed to the workers by fork rather than pickled."""


def write_outputs(
    progress: Progress,
    options: ProgressOptions,
    outputs: Sequence[tuple[Path, str]],
    jobs: int,
    meanwhile: Callable[[], None],
) -> None:
    """``outputs``: (path, format name) pairs; ``meanwhile`` (the screen's table) runs here
    while the workers make the files."""
    with ExitStack() as stack:
        pending = [(_pending(stack, path), name) for path, name in outputs]
        workers = min(jobs, len(pending))
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            _side_by_side(progress, options, pending, workers, meanwhile)
        else:
            for file, name in pending:
                with _told(file.path):
                    renderer(name)(progress, options, file.handle)
            meanwhile()
        for file, _ in pending:
            with _told(file.path):
                file.commit()


def _side_by_side(
    progress: Progress,
    options: ProgressOptions,
    pending: list[tuple[PendingFile, str]],
    workers: int,
    meanwhile: Callable[[], None],
) -> None:
    assert set(LONGEST_FIRST) == set(FORMAT_BY_NAME), "every format has its place in the order"
    _WORKER["progress"] = progress
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as executor:
            ordered = sorted(pending, key=lambda p: LONGEST_FIRST.index(p[1]))
            made: list[tuple[Path, Future[None]]] = [
                (file.path, executor.submit(_render, name, file.temporary, options))
                for file, name in ordered
            ]
            meanwhile()
            for path, future in made:
                with _told(path):
                    future.result()
    finally:
        _WORKER.clear()


def _render(name: str, temporary: Path, options: ProgressOptions) -> None:
    """In a worker: one format into the temporary file its parent made (and will rename)."""
    with temporary.open("wb") as out:
        renderer(name)(_WORKER["progress"], options, out)


def _pending(stack: ExitStack, path: Path) -> PendingFile:
    with _told(path):
        return stack.enter_context(PendingFile(path))


@contextmanager
def _told(path: Path) -> Iterator[None]:
    """A full disk or a vanished folder, told as an OutputError naming the file."""
    try:
        yield
    except OSError as error:
        raise unwritable(str(path), error) from None
