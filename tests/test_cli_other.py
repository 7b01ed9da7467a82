"""validate, schema, init and rules: the submitter's and the maintainer's commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import VILLAGE

Cli = Callable[..., Any]


def test_schema_is_valid_json_schema(cli: Cli) -> None:
    result = cli("schema")
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "应急" in result.output


@pytest.mark.parametrize("level", ["district", "village", "community"])
def test_init_template_validates(cli: Cli, tmp_path: Path, level: str) -> None:
    target = tmp_path / f"{level}.yaml"
    assert cli("init", "--level", level, "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("#") > 20, "the template explains its fields"
    result = cli("validate", target)
    assert result.exit_code == 0, result.output


def test_init_to_stdout(cli: Cli) -> None:
    assert "level: village" in cli("init", "--level", "village").output


def test_init_into_missing_folder_is_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "-o", tmp_path / "no" / "such" / "site.yaml")
    assert result.exit_code == 2
    assert not (tmp_path / "no").exists()


def test_validate_examples(cli: Cli, examples_folder: Path) -> None:
    result = cli("validate", examples_folder)
    assert result.exit_code == 0 and result.output.count("格式正确") == 3


def test_validate_reports_every_problem_with_line(cli: Cli, tmp_path: Path) -> None:
    text = VILLAGE.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("pilot_year: 2026", "pilot_year: 二〇二六\nfavourite_colour: red"),
        encoding="utf-8",
    )
    result = cli("validate", bad)
    assert result.exit_code == 2
    assert "pilot_year 应为整数" in result.output and "未知字段 “favourite_colour”" in result.output
    assert f"{bad}:" in result.output


def test_rules_list_and_show(cli: Cli) -> None:
    listing = cli("rules", "list").output
    assert "ORG-08" in listing and "STD-09" in listing
    shown = cli("rules", "show", "ORG-08").output
    assert "二(一)5" in shown and "district_team_min = 20" in shown
    english = cli("rules", "show", "org-08", "--lang", "en").output
    assert "clause" in english
    assert cli("rules", "show", "NOPE-01").exit_code == 2


def test_rules_test_passes_on_builtin_pack(cli: Cli) -> None:
    result = cli("rules", "test")
    assert result.exit_code == 0 and " 0 failed" in result.output


def test_validate_catches_what_the_schema_cannot(cli: Cli, tmp_path: Path) -> None:
    site = tmp_path / "both.yaml"
    site.write_text(
        "schema_version: 1\nlevel: district\nid: d\nname: 甲区\npilot_year: 2026\n"
        "hazards_present: [水旱灾害]\nhazards_absent:\n  - {hazard: 水旱灾害, reason: 无河流}\n"
        "villages:\n  - {id: v1, name: 一村}\n  - {id: v1, name: 二村}\n",
        encoding="utf-8",
    )
    result = cli("validate", site)
    assert result.exit_code == 2
    assert f"{site}:8:" in result.output and "同时列为存在和不存在" in result.output
    assert f"{site}:11:" in result.output and "“v1” 重复" in result.output


def test_rules_lint(cli: Cli, tmp_path: Path) -> None:
    from emcheck.resources import builtin_rules_dir

    assert cli("rules", "lint", builtin_rules_dir()).exit_code == 0
    assert cli("rules", "lint", tmp_path).exit_code == 3


def test_pre_commit_hooks_and_action_are_well_formed() -> None:
    import yaml

    from conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"emcheck-validate", "emcheck-audit"}
    assert all(h["entry"].startswith("emcheck ") and h["language"] == "python" for h in hooks)
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    gitlab = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["emcheck"]["artifacts"]["reports"]["junit"] == "emcheck-junit.xml"


def test_mistyped_level_is_one_problem_not_one_per_key(cli: Cli, tmp_path: Path) -> None:
    site = tmp_path / "level.yaml"
    site.write_text(
        VILLAGE.read_text(encoding="utf-8").replace("level: village", "level: vilage", 1),
        encoding="utf-8",
    )
    result = cli("validate", site)
    assert result.exit_code == 2
    assert result.output.count(f"{site}:") == 1 and "vilage" in result.output


def test_version_and_short_help(cli: Callable[..., Any]) -> None:
    from emcheck import __version__

    version = cli("--version")
    assert version.exit_code == 0 and version.output.strip() == f"emcheck {__version__}"
    for args in (["-h"], ["audit", "-h"], ["rules", "-h"]):
        shown = cli(*args)
        assert shown.exit_code == 0 and "Usage" in shown.output


@pytest.mark.parametrize("level", ["township", "street"])
def test_init_for_a_township_or_street(cli: Callable[..., Any], tmp_path: Path, level: str) -> None:
    target = tmp_path / f"{level}.yaml"
    assert cli("init", "--level", level, "-o", target).exit_code == 0
    assert f"\nlevel: {level}" in target.read_text(encoding="utf-8")
    assert cli("validate", target).exit_code == 0


def test_rules_lint_defaults_to_the_builtin_pack(cli: Callable[..., Any]) -> None:
    result = cli("rules", "lint")
    assert result.exit_code == 0 and "rules" in result.output
