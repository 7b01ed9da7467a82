"""Audit many files, in parallel when asked, with results in the order the files were named.

Worker processes get the already-loaded rule pack by fork where the platform has it (no
reloading per worker); a progress bar is drawn on stderr only when it is a terminal.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from emcheck.audit.copies import flag_copies
from emcheck.audit.engine import audit_file
from emcheck.audit.outcomes import FileAudit, share_rules
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.model import RulePack

if TYPE_CHECKING:
    from rich.console import Console

_WORKER: dict[str, object] = {}


def default_jobs() -> int:
    return os.cpu_count() or 1


def audit_files(
    files: Sequence[Path], pack: RulePack, as_of: date, jobs: int, progress: bool
) -> Iterator[FileAudit]:
    """Each file's audit, in the order named, as soon as it and those before it are done,
    its units compared with those before them for 材料雷同."""
    audits = flag_copies(_run(files, pack, as_of, jobs), pack, as_of)
    if not progress:
        yield from audits
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("emcheck", total=len(files))
        for audit in audits:
            yield audit
            bar.advance(task)


def progress_wanted() -> bool:
    # A console report streaming to the same terminal is its own progress.
    return sys.stderr.isatty() and not sys.stdout.isatty()


def _run(files: Sequence[Path], pack: RulePack, as_of: date, jobs: int) -> Iterator[FileAudit]:
    if jobs <= 1 or len(files) < 2:
        return (audit_file(path, pack, as_of) for path in files)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _WORKER.update(pack=pack, as_of=as_of)
    share_rules(pack)
    workers = min(jobs, len(files))
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init,
        initargs=(pack.directory, as_of),
    )
    return _closing(executor, _in_order(executor, files, window=workers * 4))


def _in_order(
    executor: ProcessPoolExecutor, files: Sequence[Path], window: int
) -> Iterator[FileAudit]:
    """Results in file order with at most ``window`` files in flight, so memory stays flat
    however many files there are and however slowly the reports are written."""
    pending: deque[Future[FileAudit]] = deque()
    upcoming = iter(files)
    for path in islice(upcoming, window):
        pending.append(executor.submit(_audit_one, path))
    while pending:
        result = pending.popleft().result()
        for path in islice(upcoming, 1):
            pending.append(executor.submit(_audit_one, path))
        yield result


def _closing(executor: ProcessPoolExecutor, results: Iterator[FileAudit]) -> Iterator[FileAudit]:
    with executor:
        yield from results


def _init(pack_directory: Path, as_of: date) -> None:
    # With fork the parent's pack is already here; with spawn it is loaded once per worker.
    if "pack" not in _WORKER:
        pack = load_rule_pack(pack_directory)
        share_rules(pack)
        _WORKER.update(pack=pack, as_of=as_of)


def _audit_one(path: Path) -> FileAudit:
    pack = _WORKER["pack"]
    as_of = _WORKER["as_of"]
    assert isinstance(pack, RulePack) and isinstance(as_of, date)
    return audit_file(path, pack, as_of)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)
