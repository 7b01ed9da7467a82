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
from emcheck.rulepack.model import RulePack
from emcheck.rulepack.paths import MISSING

NOT_FILLED = Text("未填写", "not filled in")
BLANK = Text("只有空白", "blank")
PLACEHOLDER = Text("填写的是占位内容", "placeholder text")

# Characters that look like nothing once full-width forms are folded: Hangul fillers, which
# NFKC maps to U+1160 and which render as blank, and variation selectors. Every format
# character (category Cf: zero-width spaces and joiners, direction marks, the soft hyphen, the
# BOM, tag characters) is dropped as well.
_FILLERS = {0x115F, 0x1160, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


@functools.lru_cache(maxsize=65536)
def normalized(text: str) -> str:
    """The text as compared: full-width folded (NFKC), invisible characters and outer space
    gone, case folded."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(
        c for c in folded if ord(c) not in _FILLERS and unicodedata.category(c) != "Cf"
    )
    return visible.strip().casefold()


@functools.lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """What two entries are compared by: normalized, and with no space inside either
    ("高 某军" and "高某军" are one person)."""
    return "".join(normalized(text).split())


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


def _stand_in(text: str) -> bool:
    """Typed stand-ins: one character repeated or alone (xxx, ×××, 无无无, 一, 缺) — no name,
    title or document is one character — or digits only (0, 12345)."""
    return not text.strip(text[0]) or text.isdigit()


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
        if not core or core in self.placeholders or _stand_in(compact(core)):
            return PLACEHOLDER
        return None

    def real(self, value: Any) -> bool:
        return self.gap(value) is None

    def key(self, value: Any) -> Any:
        """What two entries are compared by: text compacted, so "王某某 " equals "王 某某"."""
        if isinstance(value, str):
            return compact(value)
        if isinstance(value, list):
            return tuple(self.key(v) for v in value)
        return value


@functools.lru_cache(maxsize=8)
def for_placeholders(placeholders: tuple[str, ...]) -> Evidence:
    """One judge per placeholder list: every unit of every file audited with a pack shares it."""
    return Evidence(placeholders)


def pack_evidence(pack: RulePack) -> Evidence:
    """The judge of a rule pack: its ``placeholders`` setting."""
    return for_placeholders(tuple(pack.settings.get("placeholders", ())))
