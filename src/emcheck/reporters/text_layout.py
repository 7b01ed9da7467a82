"""Wrapping and column alignment for terminal text with Chinese in it (two cells a character).

Done here rather than by rich's layout engine, which costs tens of milliseconds per file:
too slow when a whole province is audited in one run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len

WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# In Chinese text a wide character may break anywhere; a run of narrow ones is a word.
_CHINESE_TOKENS = re.compile(rf"[{WIDE}]|[^\s{WIDE}]+|\s+")
# In English text a Chinese term quoted from the site file is kept whole where it fits.
_ENGLISH_TOKENS = re.compile(rf"[{WIDE}]+|[^\s{WIDE}]+|\s+")
# A line never starts with these (避头点): the character before them moves down with them.
CLOSING = "，。、；：！？）」』】〉》”’,.;:!?)%"


def wrap(text: str, width: int, chinese: bool = True) -> list[str]:
    """Greedy lines of at most ``width`` cells (a longer word is cut)."""
    lines: list[str] = []
    current, used = "", 0
    tokens = _CHINESE_TOKENS if chinese else _ENGLISH_TOKENS
    for token in tokens.findall(text):
        size = cell_len(token)
        if token.isspace():
            if current:
                current, used = current + " ", used + 1
            continue
        if used + size > width and current.strip():
            body, carried = current.rstrip(), ""
            movable = len(body) > 1 and body[-1] not in CLOSING
            if token[0] in CLOSING and movable and cell_len(body[-1]) + size <= width:
                body, carried = body[:-1], body[-1]
            lines.append(body.rstrip())
            current, used = carried, cell_len(carried)
        while size > width:
            cut = _fit(token, width)
            lines.append(token[:cut])
            token = token[cut:]
            size = cell_len(token)
        current, used = current + token, used + size
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _fit(token: str, width: int) -> int:
    used = 0
    for index, char in enumerate(token):
        used += cell_len(char)
        if used > width:
            return max(index, 1)
    return len(token)


def columns(rows: Sequence[Sequence[str]], right: Sequence[bool], gap: int = 4) -> list[str]:
    """Rows padded into aligned columns; ``right`` says which columns align right."""
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(right))]
    lines = []
    for row in rows:
        cells = []
        for cell, size, to_right in zip(row, widths, right, strict=True):
            pad = " " * (size - cell_len(cell))
            cells.append(pad + cell if to_right else cell + pad)
        lines.append((" " * gap).join(cells).rstrip())
    return lines
