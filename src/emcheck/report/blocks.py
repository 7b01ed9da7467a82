"""A report as a flat list of plain blocks, which the Word and Markdown writers lay out.

The content (what is said, in which order) is decided once, in ``report_content``; the
writers only decide how a title, a heading, a paragraph or a table looks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeAlias

from emcheck.i18n import Lang

ParagraphRole = Literal[
    "body", "plain", "centered", "caption", "closing", "note", "signature", "label", "small"
]
"""body: indented body text · plain: no indent (主送机关, particulars) · centered (文号) ·
caption: a table's caption · closing: right-aligned issuer and date · note: 附注 ·
signature: a line of a signature block; a tab separates its left and right halves ·
label: the word 附件 over an annex · small: notes in small print (full digests)."""

TableKind = Literal[
    "sections", "units", "results", "problems", "ten_ones", "progress", "recheck", "annex"
]


class Rows(Protocol):
    """A table's rows of text: a tuple, or rows made each time they are walked (a table
    with a row per unit of a large zone is not held whole)."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Sequence[str]]: ...


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int
    """1 to 4: 一、 /（一）/ 1. /（1）."""
    number: str
    """The numbering prefix, e.g. ``二、`` or ``（一）``."""
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: ParagraphRole = "body"


@dataclass(frozen=True)
class Picture:
    """A picture, centred, as wide as ``width`` of the text block (in a table cell: of the
    cell); a chart's caption follows it."""

    png: bytes
    width: float = 1.0


@dataclass(frozen=True)
class Table:
    kind: TableKind
    header: tuple[str, ...]
    rows: Rows
    """Never empty: a part with nothing to list says so in a sentence instead."""
    widths: tuple[float, ...]
    """Relative column widths."""
    centered: tuple[int, ...] | None = None
    """Columns centred; None leaves it to the writer's rule for the kind."""
    pictures: tuple[tuple[int, int, Picture], ...] = ()
    """Pictures in cells, below the cell's text: (row, column, picture), rows counted from
    the first after the header. Writers without pictures leave them out."""


@dataclass(frozen=True)
class Orientation:
    """From here on, pages are landscape (wide tables) or portrait again."""

    landscape: bool


Block: TypeAlias = Title | Heading | Paragraph | Table | Picture | Orientation

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = ("" if tens == 1 else _DIGITS[tens]) + "十"
    return prefix + (_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int, lang: Lang) -> str:
    """GB/T 9704 numbering 一、 /（一）/ 1. /（1）; in English 1. / 1.1-style letters."""
    if lang == "zh":
        return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.", f"（{n}）")[
            level - 1
        ]
    return (f"{n}. ", f"({n}) ", f"{n}. ", f"({chr(96 + n)}) ")[level - 1]
