"""Shared fixtures: the built-in pack, the examples, and a CLI runner that keeps exit codes."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.model import RulePack

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
COMPLIANT = EXAMPLES / "qingshan-district.yaml"
GAPS = EXAMPLES / "hongqiao-street-gaps.yaml"
VILLAGE = EXAMPLES / "liuxi-village.yaml"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
"""The single-site examples; ``examples/zone/`` below them is the progress example."""
AS_OF = date(2026, 11, 30)
AS_OF_TEXT = AS_OF.isoformat()


_CACHE = tempfile.mkdtemp(prefix="emcheck-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    # The suite (and the emcheck processes it starts) must not write to the user's ~/.cache,
    # and collection already loads the pack to parametrize the rule cases.
    os.environ["EMCHECK_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_rule_pack(None)


@pytest.fixture
def cli() -> Callable[..., object]:
    from emcheck.cli import app

    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def examples_folder(tmp_path: Path) -> Path:
    """A folder of the single-site examples alone: a folder run on ``examples/`` also reaches
    ``examples/zone/``, whose unreadable file and waivers would change every count."""
    folder = tmp_path / "examples"
    folder.mkdir()
    for path in EXAMPLE_FILES:
        shutil.copy(path, folder / path.name)
    return folder


def with_attachments(folder: Path) -> Path:
    """``folder`` with the examples' attachment files beside it, as a copied example site
    needs them (a flowchart on the wall without its photo fails MECH-02)."""
    target = folder / "attachments"
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted((ROOT / "examples").rglob("attachments/*")):
        shutil.copy(source, target / source.name)
    return folder
