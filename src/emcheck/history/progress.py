"""What ``emcheck progress`` shows: this round, and how it moved since the earlier ones."""

from __future__ import annotations

from dataclasses import dataclass

from emcheck.history.round import Round
from emcheck.history.trend import Trend
from emcheck.i18n import Text


@dataclass(frozen=True)
class Progress:
    round: Round
    trend: Trend | None
    """None without ``--previous``."""
    title: Text
    """The pack's standard, for headings."""
