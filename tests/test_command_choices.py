"""The command line offers exactly the formats each registry holds: one place declares them."""

from __future__ import annotations

from emcheck.cli.options import ProgressFormat
from emcheck.cli.recheck_commands import RecheckKind
from emcheck.report.progress import FORMAT_BY_NAME, FORMAT_BY_SUFFIX
from emcheck.report.recheck import KIND_BY_NAME, SUFFIX_BY_KIND


def test_progress_formats_are_the_registry() -> None:
    assert [f.value for f in ProgressFormat] == list(FORMAT_BY_NAME)
    assert set(FORMAT_BY_SUFFIX.values()) == set(FORMAT_BY_NAME)


def test_recheck_kinds_are_the_registry() -> None:
    assert [k.value for k in RecheckKind] == list(KIND_BY_NAME)
    assert set(SUFFIX_BY_KIND) == set(KIND_BY_NAME)
