"""The benchmark's synthetic districts are what the benchmark claims: valid, realistic sizes."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT

_SPEC = importlib.util.spec_from_file_location(
    "generate_sites", ROOT / "benchmarks" / "generate_sites.py"
)
assert _SPEC is not None and _SPEC.loader is not None
generate_sites = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(generate_sites)


@pytest.mark.parametrize(
    ("size", "lines", "units"), [("small", (150, 280), 3), ("large", (950, 1350), 15)]
)
def test_generated_districts_are_schema_valid(
    size: str,
    lines: tuple[int, int],
    units: int,
    tmp_path: Path,
    cli: Callable[..., object],
) -> None:
    for index in range(2):
        text = generate_sites.generate(size, index, seed=7)
        assert lines[0] <= text.count("\n") <= lines[1]
        assert text.count("\n  - id: ") == units
        (tmp_path / f"{size}-{index}.yaml").write_text(text, encoding="utf-8")
    result = cli("validate", tmp_path)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
