"""A round's open findings, kept on disk while the audit streams and read back on demand.

A thousand large districts hold tens of thousands of open findings, each with its wording in
two languages; in memory they would grow with the zone. Here each is pickled to an anonymous
temporary file (gone when the run ends, however it ends) as it arrives, and every reader —
the ledger, the record, the trend — walks the file anew.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar, overload

from emcheck.history.round import Finding, Findings

T = TypeVar("T")


class FindingSpool:
    """Append while collecting; iterate as often as needed, nested or not."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        # Open for the spool's whole life; the system removes it when the run ends.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self.count = 0
        self._starts = array("q")
        """Where each finding starts in the file: 8 bytes each, for reading a unit's alone."""
        for finding in findings:
            self.add(finding)

    def add(self, finding: Finding) -> None:
        self._starts.append(self._file.tell())
        pickle.dump(finding, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Finding]:
        return self.part(0, self.count)

    def part(self, start: int, stop: int) -> Iterator[Finding]:
        self._file.flush()
        reader = _ReadAt(self._file.fileno())
        if start < stop:
            reader.offset = self._starts[start]
        for _ in range(start, stop):
            yield pickle.load(reader)


class _ReadAt:
    """Reads the file from its start without moving the writer's position (pread), so
    readers and the writer never disturb one another."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        data = os.pread(self.descriptor, size if size >= 0 else 1 << 30, self.offset)
        self.offset += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self) -> bytes:
        raise NotImplementedError("pickle protocol 5 frames never ask for a line")


class FindingView(Sequence[T]):
    """Each open finding as ``make`` turns it (a ledger row, say), made anew on every walk
    from the spool, so that a zone's ledger is never held whole. A slice reads just its
    findings; an index walks the whole view (for a row or two of a small table)."""

    def __init__(self, findings: Findings, make: Callable[[Finding], T]) -> None:
        self.findings = findings
        self.make = make

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[T]:
        return map(self.make, self.findings)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1:
                # One unit's findings, read from where they start.
                return list(map(self.make, self.findings.part(start, max(start, stop))))
        return list(self)[index]
