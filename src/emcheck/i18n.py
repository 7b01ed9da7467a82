"""Bilingual text: Chinese first, English beside it, picked at render time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, for dates written out in words."""


@dataclass(frozen=True)
class Text:
    """One message in both languages."""

    zh: str
    """The Chinese wording, shown by default."""
    en: str
    """The English wording, shown with ``--lang en``."""

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, **values: object) -> Text:
        return Text(self.zh.format(**values), self.en.format(**values))


def list_separator(lang: Lang) -> str:
    return "、" if lang == "zh" else ", "


def chooser(lang: Lang) -> Callable[[str, str], str]:
    """``t = chooser(lang); t("中文", "English")`` for one-off report words."""

    def choose(zh: str, en: str) -> str:
        return zh if lang == "zh" else en

    return choose


def count_of(number: int, noun: str, plural: str | None = None) -> str:
    """``1 file``, ``2 files``: English counts read right whatever the number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
