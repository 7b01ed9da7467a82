"""Format errors a village clerk makes are explained in words, with what to write instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import VILLAGE

Cli = Callable[..., Any]


def validate_with(cli: Cli, tmp_path: Path, old: str, new: str) -> str:
    text = VILLAGE.read_text(encoding="utf-8")
    assert old in text
    site = tmp_path / "site.yaml"
    site.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli("validate", site)
    assert result.exit_code == 2
    return str(result.output)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("pilot_year: 2026", 'pilot_year: "2026"', "去掉引号，直接写 2026"),
        ("id: liuxi", "id: 柳溪", "只能用字母、数字、点、横线、下划线"),
        ("zone: 西岭经济区", "所属经济区: 西岭经济区", "应写成 “zone”"),
        ('phone: "13804338811"', "phone: 13804338811", '加上引号写成文本，例如 "13804338811"'),
        ("zone: 西岭经济区", "zone: 柳溪村", "名称须含“经济区”"),
    ],
)
def test_the_message_says_what_to_write(
    cli: Cli, tmp_path: Path, old: str, new: str, words: str
) -> None:
    assert words in validate_with(cli, tmp_path, old, new)


def test_list_positions_count_from_one_and_the_top_is_named(cli: Cli, tmp_path: Path) -> None:
    output = validate_with(cli, tmp_path, "火灾信息员, 地震", "火灾, 地震")
    assert "grids（第 1 项）.grid_worker.duties（第 1 项）" in output
    site = tmp_path / "top.yaml"
    site.write_text(
        "schema_version: 1\nlevel: village\nid: x\npilot_year: 2026\n", encoding="utf-8"
    )
    result = cli("validate", site)
    assert "文件顶层 缺少必填字段 “name”" in result.output and "(root)" not in result.output
