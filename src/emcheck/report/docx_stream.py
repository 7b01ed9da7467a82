"""Long tables written into a saved Word file row by row, never held whole.

python-docx keeps a document as one XML tree: a table with a row for each unit of a large
zone is hundreds of thousands of elements (hundreds of megabytes), and saving makes one more
string of the whole body. So a table enters the tree as its header alone, with a marker
comment where its rows go; once python-docx has saved the rest, the package is copied part by
part and the body is written anew, each marker replaced by its table's rows as they are made.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import IO

_MARK = re.compile(rb"<!--emcheck-rows-(\d+)-->")
_BATCH = 256
"""Rows handed to the compressor at once: one write per row is several times slower."""


class LaterRows:
    """Each table's rows, to be written where its marker stands in the saved body."""

    def __init__(self) -> None:
        self.tables: list[Iterable[str]] = []

    def mark(self, rows: Iterable[str]) -> str:
        """The marker to put where ``rows`` go (``<w:tr>`` texts, made when written)."""
        self.tables.append(rows)
        return f"<!--emcheck-rows-{len(self.tables) - 1}-->"

    def splice(self, saved: bytes, body: str) -> bytes:
        """The package ``saved`` with every marker of part ``body`` (its name in the zip)
        replaced by its table's rows; every other part copied as it is."""
        if not self.tables:
            return saved
        made = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(saved)) as source, zipfile.ZipFile(made, "w") as target:
            for info in source.infolist():
                # Read before writing: the target takes over (and resets) the same ZipInfo.
                data = source.read(info)
                if info.filename != body:
                    target.writestr(info, data)
                    continue
                with target.open(info, "w") as part:
                    self._write(data, part)
        return made.getvalue()

    def _write(self, xml: bytes, part: IO[bytes]) -> None:
        pieces = _MARK.split(xml)
        part.write(pieces[0])
        for index, after in zip(pieces[1::2], pieces[2::2], strict=True):
            batch: list[str] = []
            for row in self.tables[int(index)]:
                batch.append(row)
                if len(batch) == _BATCH:
                    part.write("".join(batch).encode("utf-8"))
                    batch.clear()
            part.write("".join(batch).encode("utf-8"))
            part.write(after)
