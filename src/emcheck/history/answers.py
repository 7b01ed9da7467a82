"""What a unit wrote back in the rectification ledger (整改台账), carried into the recheck.

The ledger emcheck writes has one row per finding; the unit fills in 责任单位/责任人,
整改进度, 整改情况 and 完成时间 and sends it back. Its rows are matched to findings by the
finding key in the ledger's 编号 column, never by position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from emcheck.history.matching import FindingId

PROGRESS_CHOICES = ("未启动", "进行中", "已完成")
"""整改进度: the ledger's drop-down."""


@dataclass(frozen=True)
class Answer:
    responsible: str
    """责任单位/责任人."""
    progress: str
    """整改进度: one of PROGRESS_CHOICES, or blank."""
    situation: str
    """整改情况: what the unit says it did."""
    completed_on: date | None
    """完成时间."""
    sheet: str
    row: int
    """Where the answer stands in the returned ledger (1-based row)."""


@dataclass(frozen=True)
class Stray:
    """A returned ledger row that matches no finding of this recheck: reported, not dropped."""

    sheet: str
    row: int
    key: str
    description: str
    answer: Answer


@dataclass(frozen=True)
class LedgerAnswers:
    file: str
    by_key: Mapping[str, Answer]
    """Answers by the row's 编号 (rule|unit|place): a rule may have two rows for one unit —
    a finding fixed and a new one elsewhere — so the whole key names the row."""
    descriptions: Mapping[str, str]
    """问题描述 as the ledger printed it, for rows that match nothing any more."""


def key_parts(key: str) -> tuple[FindingId, str]:
    """``RULE|unit|place`` → ((RULE, unit), place)."""
    rule, _, rest = key.partition("|")
    unit, _, place = rest.partition("|")
    return (rule.strip(), unit.strip()), place.strip()
