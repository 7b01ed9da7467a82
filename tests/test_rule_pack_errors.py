"""A broken rule pack stops the run with exit 3 and file:line — never a silent pass."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import COMPLIANT
from emcheck.errors import RulePackError
from emcheck.resources import builtin_rules_dir
from emcheck.rulepack.pack import load_pack

RULE = """id: XYZ-01
name: test.rule
section: organization
title: {zh: 测试, en: test}
clause: 二(一)2
quote: 设1-2名专职工作人员
severity: error
levels: [district]
check:
  CHECK
advice: {zh: 整改, en: fix}
"""


def pack_with(tmp_path: Path, check: str, extra: str = "") -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(builtin_rules_dir() / "pack.yaml", folder / "pack.yaml")
    (folder / "XYZ-01.yaml").write_text(RULE.replace("CHECK", check) + extra, encoding="utf-8")
    return folder


def load_error(folder: Path) -> RulePackError:
    with pytest.raises(RulePackError) as caught:
        load_pack(folder)
    return caught.value


@pytest.mark.parametrize(
    ("check", "line", "words"),
    [
        ("frobnicate: {path: office}", 10, "frobnicate"),
        ("count: {path: office.staf, min: 1}", 10, "office.staf"),
        ("count: {path: staff, min: $no_such_setting}", 10, "$no_such_setting"),
        ("rules: [ORG-99]", 10, "ORG-99"),
        ("{count: {path: staff, min: 1}, is_true: {path: office.internal_body}}", 9, "exactly one"),
        ("each: {path: staff, check: {is_true: {path: full_tme}}}", 10, "full_tme"),
        ("count: {path: staff, where: {ful_time: true}, min: 1}", 10, "ful_time"),
    ],
)
def test_bad_checks_name_file_and_line(tmp_path: Path, check: str, line: int, words: str) -> None:
    error = load_error(pack_with(tmp_path, check))
    assert error.location.file.endswith("XYZ-01.yaml")
    assert error.location.line == line
    assert words in error.message.en or words in str(error.location)
    assert error.exit_code == 3


def test_unknown_top_level_key(tmp_path: Path) -> None:
    error = load_error(pack_with(tmp_path, "count: {path: staff, min: 1}", "serverity: error\n"))
    assert error.location.line == 12 and "serverity" in error.message.en


def test_template_syntax_error_points_at_the_template(tmp_path: Path) -> None:
    folder = pack_with(tmp_path, "count: {path: staff, min: 1}")
    rule = folder / "XYZ-01.yaml"
    rule.write_text(
        rule.read_text(encoding="utf-8") + "message: {zh: '{{ broken', en: ok}\n", encoding="utf-8"
    )
    error = load_error(folder)
    assert error.location.line == 12 and "template" in error.message.en


def test_duplicate_rule_id(tmp_path: Path) -> None:
    folder = pack_with(tmp_path, "count: {path: staff, min: 1}")
    shutil.copy(folder / "XYZ-01.yaml", folder / "XYZ-01-copy.yaml")
    assert "duplicate" in load_error(folder).message.en


def test_reference_cycle(tmp_path: Path) -> None:
    folder = pack_with(tmp_path, "rules: [XYZ-02]")
    other = (
        (folder / "XYZ-01.yaml")
        .read_text(encoding="utf-8")
        .replace("XYZ-01", "XYZ-02")
        .replace("rules: [XYZ-02]", "rules: [XYZ-01]")
    )
    (folder / "XYZ-02.yaml").write_text(other, encoding="utf-8")
    assert "cycle" in load_error(folder).message.en


def test_missing_pack_yaml(tmp_path: Path) -> None:
    assert "pack.yaml" in load_error(tmp_path).message.en


def test_cli_exits_3_with_location(tmp_path: Path, cli: Callable[..., object]) -> None:
    folder = pack_with(tmp_path, "count: {path: office.staf, min: 1}")
    result = cli("audit", COMPLIANT, "--rules", folder)
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "XYZ-01.yaml:10:" in result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_when_present_path_is_checked_against_the_site_schema(tmp_path: Path) -> None:
    folder = pack_with(tmp_path, "present: {paths: [office.name]}", "when_present: [drills.dat]\n")
    error = load_error(folder)
    assert "drills.dat" in error.message.zh and error.location.line == 12


def test_when_present_may_step_into_lists(tmp_path: Path) -> None:
    folder = pack_with(tmp_path, "present: {paths: [office.name]}", "when_present: [drills.date]\n")
    assert load_pack(folder).rules[0].when_present == ("drills.date",)
