"""Console and JSON output of the gap example, compared with golden files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import AS_OF_TEXT, GAPS, ROOT
from emcheck.rulepack.model import RulePack
from golden import assert_golden

Cli = Callable[..., Any]
GAPS_RELATIVE = GAPS.relative_to(ROOT)


@pytest.fixture(autouse=True)
def in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in the output are as the user typed them: relative, so the files match any checkout.
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_console_report(cli: Cli, lang: str) -> None:
    result = cli("audit", GAPS_RELATIVE, "--as-of", AS_OF_TEXT, "--lang", lang)
    assert result.exit_code == 1
    assert_golden(f"hongqiao-audit.{lang}.txt", result.output)


def test_json_report(cli: Cli, pack: RulePack) -> None:
    result = cli("audit", GAPS_RELATIVE, "--as-of", AS_OF_TEXT, "--format", "json")
    # The pack's digest changes with every rule edit; the site's and attachments' stay put.
    assert_golden(
        "hongqiao-audit.json",
        result.output.replace('"version": "0.1.0"', '"version": "(tool version)"').replace(
            pack.sha256, "(pack digest)"
        ),
    )
