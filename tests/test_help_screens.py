"""Every help screen at 80 columns: Chinese first, nothing cut off, flags shown as flags."""

from __future__ import annotations

import pytest
import typer
from rich.cells import cell_len
from typer.testing import CliRunner

from emcheck.cli import app


def command_paths(command: object, path: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and group of the app, found from the app itself so a new one is covered."""
    found = [list(path)]
    for name, sub in getattr(command, "commands", {}).items():
        found += command_paths(sub, (*path, name))
    return found


COMMANDS = command_paths(typer.main.get_command(app))


def help_screen(command: list[str], columns: int) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "emcheck")
@pytest.mark.parametrize("columns", [80, 100])
def test_help_fits_and_is_whole(command: list[str], columns: int) -> None:
    screen = help_screen(command, columns)
    assert "…" not in screen
    assert all(cell_len(line) <= columns for line in screen.splitlines())
    assert "<bool>" not in screen
    assert "Show this message" not in screen
    assert "显示本帮助并退出" in screen


def test_every_word_of_a_long_chinese_help_survives_wrapping() -> None:
    screen = help_screen(["audit"], 80)
    flat = "".join(
        line.strip("│ ").replace(" ", "")
        for line in screen.splitlines()
        if "--inline-ignores" in line or line.startswith("│   ")
    )
    assert "申报单位不能自行豁免" in flat


def test_a_flag_takes_no_value() -> None:
    result = CliRunner().invoke(app, ["audit", "x.yaml", "--strict", "true"])
    assert result.exit_code != 0
