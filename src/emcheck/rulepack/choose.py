"""Which rule pack a command uses: the one named with ``--rules``, else the built-in one."""

from __future__ import annotations

from pathlib import Path

from emcheck.errors import Location, RulePackError
from emcheck.i18n import Text
from emcheck.resources import builtin_rules_dir
from emcheck.rulepack.cache import cached
from emcheck.rulepack.model import RulePack
from emcheck.rulepack.pack import load_pack


def load_rule_pack(directory: Path | None) -> RulePack:
    folder = directory if directory is not None else builtin_rules_dir()
    if folder.is_file():
        raise RulePackError(
            Location(str(folder)),
            Text(
                "这是一个文件：--rules 应指向规则包文件夹",
                "this is a file: --rules takes a rule pack folder",
            ),
        )
    if not folder.is_dir():
        raise RulePackError(
            Location(str(folder)), Text("规则包文件夹不存在", "no such rule pack folder")
        )
    return cached(folder, load_pack)
