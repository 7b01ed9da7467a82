"""Making site workbooks for the tests: from an example, edited as a clerk would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from emcheck.loading.loader import load_file
from emcheck.sitebook.writing import site_workbook

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 1, 1)


def workbook_of(example: Path, target: Path) -> Path:
    data = load_file(example).data
    target.write_bytes(site_workbook(data, data["level"], "zh", AS_OF))
    return target


def edit(path: Path, sheet: str, change: Callable[[Worksheet], None]) -> Path:
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(path)
    return path


def normal(value: Any) -> Any:
    """Data as both forms hold it: empty values (text of spaces alone too) left out, lists of
    choices in schema order, embedded units without the level their list already says."""
    if isinstance(value, dict):
        kept = {k: normal(v) for k, v in value.items()}
        for key in ("villages", "communities"):
            for unit in kept.get(key, []):
                unit.pop("level", None)
        return {k: v for k, v in kept.items() if not _empty(v)}
    if isinstance(value, list):
        items = [normal(v) for v in value if not _empty(v)]
        if items and all(isinstance(v, str) for v in items) and len(set(items)) == len(items):
            return sorted(items)
        return items
    return value


def _empty(value: Any) -> bool:
    return value in ([], {}, None) or (isinstance(value, str) and not value.strip())
