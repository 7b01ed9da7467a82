"""Golden files: expected output kept as text; set EMCHECK_UPDATE_GOLDEN=1 to rewrite them."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("EMCHECK_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run the tests once with EMCHECK_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), str(path), "actual", n=2
            )
        )
        raise AssertionError(
            f"output differs from {path.name} (EMCHECK_UPDATE_GOLDEN=1 rewrites it):\n{diff[:6000]}"
        )
