"""Whether a site value is real evidence: not missing, not blank, not placeholder text.

A "符合" goes into a signed report, so every operator asks this one place instead of testing
for an empty string: "无", "/", "待定", "xxx" or a line of full-width spaces is no name and no
document. The placeholder list is a rule-pack setting (``placeholders``) that maintainers extend.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from typing import Any

from emcheck.i18n import Text
from emcheck.rulepack.paths import MISSING

NOT_FILLED = Text("未填写", "not filled in")
BLANK = Text("只有空白", "blank")
PLACEHOLDER = Text("填写的是占位内容", "placeholder text")

# Characters that look like nothing: spaces of every width, zero-width marks, the BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@functools.lru_cache(maxsize=65536)
def normalized(text: str) -> str:
    """The text as compared: full-width folded (NFKC), invisible marks and outer space gone."""
    folded = unicodedata.normalize("NFKC", text)
    return folded.translate({ord(c): None for c in _INVISIBLE}).strip().casefold()


def _only_marks(text: str) -> bool:
    """Punctuation or symbols only, such as / - — …… ？"""
    return all(unicodedata.category(c)[0] in "PSZ" for c in text)


def _strip_marks(text: str) -> str:
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start])[0] in "PSZ":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PSZ":
        end -= 1
    return text[start:end]


def _letters_x(text: str) -> bool:
    """Typed stand-ins such as xxx, XX, ×××, ***: one mark repeated where the value should go."""
    return text[0] in "x×*○〇" and not text.strip(text[0])


class Evidence:
    """Judges values against one pack's placeholder list."""

    def __init__(self, placeholders: Iterable[str]) -> None:
        self.placeholders = frozenset(normalized(p) for p in placeholders)

    def gap(self, value: Any) -> Text | None:
        """Why the value is no evidence (未填写 / 只有空白 / 占位内容), or None when it is real."""
        if value is MISSING or value is None:
            return NOT_FILLED
        if isinstance(value, str):
            return self._text_gap(value)
        if isinstance(value, (list, dict)) and not value:
            return NOT_FILLED
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            # A list of texts is evidence when at least one of them is.
            gaps = [self._text_gap(v) for v in value]
            if all(gaps):
                return PLACEHOLDER if PLACEHOLDER in gaps else BLANK
        return None

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one judge per pack, kept for the run
    def _text_gap(self, value: str) -> Text | None:
        text = normalized(value)
        if not text:
            return BLANK
        if _only_marks(text):
            return PLACEHOLDER
        # "（无）", "无。", "“待定”": the placeholder inside quotes or brackets is no more.
        core = _strip_marks(text)
        if core in self.placeholders or _letters_x(core):
            return PLACEHOLDER
        return None

    def real(self, value: Any) -> bool:
        return self.gap(value) is None

    def key(self, value: Any) -> Any:
        """What two entries are compared by: text normalized, so "王某某 " equals "王某某"."""
        if isinstance(value, str):
            return normalized(value)
        if isinstance(value, list):
            return tuple(self.key(v) for v in value)
        return value


@functools.lru_cache(maxsize=8)
def for_placeholders(placeholders: tuple[str, ...]) -> Evidence:
    """One judge per placeholder list: every unit of every file audited with a pack shares it."""
    return Evidence(placeholders)
