"""One operator set in three places: the registry, the rule schema and docs/rule-language.md.

Adding an operator (or a ``where`` key) means a function, a schema entry and a documented row;
these tests fail when one of the three is forgotten. ``emcheck rules show`` is tested here too,
since it is where a rule maintainer sees the settings a check uses.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from emcheck.rulepack import matchers, operators

ROOT = Path(__file__).resolve().parents[1]
RULE_SCHEMA = yaml.safe_load(
    (ROOT / "src" / "emcheck" / "schemas" / "rule.schema.yaml").read_text(encoding="utf-8")
)
DOC = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    """The text under a markdown heading, up to the next heading of any level."""
    start = DOC.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(r"^#{1,6} ", DOC[start:], re.M)
    return DOC[start : start + following.start()] if following else DOC[start:]


def _cells(row: str) -> list[str]:
    """A table row's cells; ``\\|`` inside a cell is not a border."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def _table_first_column(text: str, header: str) -> list[str]:
    """The first cells of the table whose header row starts with ``| header |``."""
    lines = text[text.index(f"| {header} |") :].splitlines()
    cells = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        cells.append(_cells(line)[0])
    return cells


def test_schema_registry_and_doc_name_the_same_operators() -> None:
    check = RULE_SCHEMA["$defs"]["check"]["properties"]
    in_schema = set(check) - set(operators.COMMON_KEYS)
    in_doc = [
        re.fullmatch(r"`([a-z_]+)`", cell).group(1)  # type: ignore[union-attr]
        for cell in _table_first_column(_section("## Checks"), "operator")
    ]
    assert len(in_doc) == len(set(in_doc)), "an operator is documented twice"
    assert in_schema == set(operators.OPERATORS)
    assert set(in_doc) == set(operators.OPERATORS)


def test_schema_matchers_and_doc_name_the_same_where_keys() -> None:
    where = RULE_SCHEMA["$defs"]["where"]["additionalProperties"]["anyOf"]
    (mapping,) = [branch for branch in where if branch.get("type") == "object"]
    in_doc = {
        re.match(r"[a-z_]+", token).group(0)  # type: ignore[union-attr]
        for cell in _table_first_column(_section("### `where`"), "key")
        for token in re.findall(r"`([^`]+)`", cell)
    }
    assert set(mapping["properties"]) == set(matchers.MATCHER_KEYS)
    assert in_doc == set(matchers.MATCHER_KEYS)


def test_every_documented_option_is_in_the_schema() -> None:
    """Each operator's spec in the doc's table lists exactly the keys its schema allows."""
    check = RULE_SCHEMA["$defs"]["check"]["properties"]
    section = _section("## Checks")
    rows = section[section.index("| operator |") :].splitlines()[2:]
    for row in rows:
        if not row.startswith("|"):
            break
        name, spec = _cells(row)[:2]
        name = name.strip("`")
        schema = check[name]
        if schema.get("type") != "object":
            continue
        inner = re.sub(r"\{[^{}]*\}|\[[^\]]*\]", "", spec.strip("`")[1:-1])
        parts = re.split(r",|\\\|", inner)
        documented = {re.match(r"\s*([a-z_]+)", part).group(1) for part in parts}  # type: ignore[union-attr]
        assert documented == set(schema["properties"]), name


# --- emcheck rules show ---------------------------------------------------------------------


RULE = {
    "id": "MECH-99",
    "name": "mechanism.substance-demo",
    "section": "mechanism",
    "title": {"zh": "示例规则", "en": "demo rule"},
    "clause": "二(三)12",
    "quote": "值班",
    "severity": "error",
    "levels": ["community"],
    "check": {
        "all": [
            {
                "each": {
                    "path": "duty_plans",
                    "check": {"mentions": {"path": "filed_with", "texts": ["$zone", "值班室"]}},
                }
            },
            {
                "sizes": {
                    "path": "grids",
                    "field": "households",
                    "total": "households",
                    "min": "$grid_households_min",
                    "max": "$grid_households_max",
                }
            },
            {
                "each": {
                    "path": "duty_plans",
                    "check": {"one_of": {"path": "filed_with", "values": ["$demo_rooms"]}},
                }
            },
        ]
    },
    "advice": {"zh": "改", "en": "fix"},
}


def _pack_with_demo_rule(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules", pack)
    meta: dict[str, Any] = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    meta["settings"]["demo_rooms"] = ["东部经济区值班室", "西部经济区值班室"]
    meta["settings"]["grid_households_min_extra"] = 1
    (pack / "pack.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (pack / "mechanism" / "MECH-99.yaml").write_text(
        yaml.safe_dump(RULE, allow_unicode=True), encoding="utf-8"
    )
    return pack


def test_rules_show_lists_the_settings_a_check_uses(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    pack = _pack_with_demo_rule(tmp_path)
    result = cli("rules", "show", "MECH-99", "--rules", pack)
    assert result.exit_code == 0, result.output
    settings = result.output[result.output.index("设置:") :]
    assert "grid_households_min = 300" in settings
    assert "grid_households_max = 500" in settings
    # Only names the check uses: a setting whose name merely starts the same is not one.
    assert "grid_households_min_extra" not in settings
    assert "demo_rooms = 东部经济区值班室、西部经济区值班室" in settings
    assert "zone = " in settings and "经济区" in settings
    english = cli("rules", "show", "MECH-99", "--rules", pack, "--lang", "en").output
    assert "demo_rooms = 东部经济区值班室, 西部经济区值班室" in english
    assert "zone = " in english


def test_rules_show_ends_with_what_counts_as_missing_evidence(cli: Callable[..., Any]) -> None:
    placeholders = yaml.safe_load((ROOT / "rules" / "pack.yaml").read_text(encoding="utf-8"))[
        "settings"
    ]["placeholders"]
    shown = cli("rules", "show", "ORG-08").output.rstrip().splitlines()
    last = shown[-1]
    assert "视同未填写" in last and "全角空格" in last
    assert "placeholders" in last and "、".join(placeholders) in last
    english = cli("rules", "show", "ORG-08", "--lang", "en").output.rstrip().splitlines()[-1]
    assert "missing evidence" in english and ", ".join(placeholders) in english
    assert "['" not in last and "['" not in english
