"""The house rules a newcomer relies on: modules of at most 300 lines, functions of at most
50 (a command's option declarations aside: only its body counts)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "emcheck"
MODULES = sorted(SOURCE.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_module_and_functions_are_short(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert text.count("\n") <= 300, f"{module.name}: {text.count(chr(10))} lines"
    command = module.parent.name == "cli"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = node.body[0].lineno if command else node.lineno
            length = (node.end_lineno or start) - start + 1
            assert length <= 50, f"{module.name}:{node.lineno} {node.name} is {length} lines"
