"""A round's open findings, kept on disk while the audit streams and read back on demand.

A thousand large districts hold tens of thousands of open findings, each with its wording in
two languages; in memory they would grow with the zone. Here each is pickled to an anonymous
temporary file (gone when the run ends, however it ends) as it arrives, and every reader —
the ledger, the record, the trend — walks the file anew, or reads one unit's alone.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Generic, TypeVar, overload

from emcheck.history.round import Finding, Findings

T = TypeVar("T")


class Spool(Generic[T]):
    """Append while collecting; iterate as often as needed, nested or not; read the items of
    one key (a unit's findings) without walking the others."""

    def __init__(self, key: Callable[[T], str], items: Iterable[T] = ()) -> None:
        # Open for the spool's whole life; the system removes it when the run ends.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self.count = 0
        self._starts = array("q")
        """Where each item starts in the file: 8 bytes each, for reading a part alone."""
        self._key = key
        self._runs: dict[str, list[tuple[int, int]]] = {}
        """Per key, its items as runs of positions (one run when they come together)."""
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        self._starts.append(self._file.tell())
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        runs = self._runs.setdefault(self._key(item), [])
        if runs and runs[-1][1] == self.count:
            runs[-1] = (runs[-1][0], self.count + 1)
        else:
            runs.append((self.count, self.count + 1))
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[T]:
        return self.part(0, self.count)

    def part(self, start: int, stop: int) -> Iterator[T]:
        self._file.flush()
        reader = _ReadAt(self._file.fileno())
        if start < stop:
            reader.offset = self._starts[start]
        for _ in range(start, stop):
            yield pickle.load(reader)

    def of(self, key: str) -> Iterator[T]:
        """The items of ``key``, in the order they came."""
        for start, stop in self._runs.get(key, ()):
            yield from self.part(start, stop)


class FindingSpool(Spool[Finding]):
    """A round's open findings; ``of`` reads one unit's."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        super().__init__(attrgetter("unit_id"), findings)


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
