"""What ``emcheck progress`` shows: this round, and how it moved since the earlier ones."""

from __future__ import annotations

from dataclasses import dataclass

from emcheck.history.round import Round
from emcheck.history.trend import Trend
from emcheck.i18n import Text


@dataclass(frozen=True, eq=False)
class Progress:
    """Compared and hashed as the one object it is: formats cache what they build from it."""

    round: Round
    trend: Trend | None
    """None without ``--previous``."""
    title: Text
    """The pack's standard, for headings."""
