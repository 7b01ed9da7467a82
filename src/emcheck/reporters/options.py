"""What every reporter may be told besides the audit result."""

from __future__ import annotations

from dataclasses import dataclass

from emcheck.i18n import Lang


@dataclass(frozen=True)
class ReportOptions:
    lang: Lang = "zh"
    """Language of the report's own words and of the rule pack's texts."""
    color: bool = False
    """Console only: colour and styles (on a terminal)."""
    width: int = 100
    """Console only: line width."""
    show_passed: bool = False
    """Console only: list passing rules too, not only the problems."""
    fail_level: str = "error"
    """Lowest severity that fails the run; JUnit reports lower ones as passing with a note."""
