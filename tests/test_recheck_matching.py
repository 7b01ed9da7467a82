"""A recheck finds every earlier finding again under edits that change no substance: key order,
comments, list order, a village moved to a file of its own, a unit renamed under its id."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import AS_OF_TEXT, GAPS, with_attachments

Edit = Callable[[dict[str, Any], Path], list[Path]]


def _dump(data: dict[str, Any], path: Path, sort_keys: bool = False) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=sort_keys), "utf-8")
    return path


def _keys_sorted(data: dict[str, Any], folder: Path) -> list[Path]:
    # yaml.safe_dump drops every comment too.
    return [_dump(data, folder / "site.yaml", sort_keys=True)]


def _lists_reversed(data: dict[str, Any], folder: Path) -> list[Path]:
    def flip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: flip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [flip(v) for v in reversed(node)]
        return node

    return [_dump(flip(data), folder / "site.yaml")]


def _village_on_its_own(data: dict[str, Any], folder: Path) -> list[Path]:
    village = data["villages"].pop(0)
    own = {
        "schema_version": 1,
        "level": "village",
        "pilot_year": data["pilot_year"],
        "zone": data["zone"],
        "parent": data["id"],
        **village,
    }
    return [_dump(data, folder / "site.yaml"), _dump(own, folder / "village.yaml")]


def _renamed(data: dict[str, Any], folder: Path) -> list[Path]:
    data["name"] = "红桥街道（更名）"
    data["villages"][0]["name"] = "杨柳新村"
    return [_dump(data, folder / "site.yaml")]


@pytest.mark.parametrize(
    "edit",
    [_keys_sorted, _lists_reversed, _village_on_its_own, _renamed],
    ids=["key-order-and-comments", "list-order", "village-moved-out", "renamed-same-id"],
)
def test_no_substance_changed_no_finding_fixed_or_new(cli: Any, tmp_path: Path, edit: Edit) -> None:
    earlier = tmp_path / "earlier.json"
    done = cli("audit", GAPS, "--as-of", AS_OF_TEXT, "-f", "json", "-o", earlier)
    assert done.exit_code == 1, done.output
    opened = [
        o for o in json.loads(earlier.read_text("utf-8"))["outcomes"] if o["status"] == "fail"
    ]
    folder = with_attachments(tmp_path / "now")
    files = edit(yaml.safe_load(GAPS.read_text(encoding="utf-8")), folder)
    result = cli("recheck", *files, "--previous", earlier, "--as-of", AS_OF_TEXT, "--kind", "json")
    assert result.exit_code == 1, result.output
    record = json.loads(result.output)
    assert Counter(i["status"] for i in record["items"]) == {"open": len(opened)}


def test_a_ledger_row_answers_the_item_of_its_place_when_a_rule_has_two() -> None:
    """Fixed in one place and new in another: one rule, one unit, two ledger rows; each
    answer goes to the row it was written on."""
    from datetime import date

    from emcheck.history.answers import Answer, LedgerAnswers
    from emcheck.history.previous import PastFinding
    from emcheck.history.recheck import FIXED, NEW, Item, _answered

    before = PastFinding("MECH-02", "u", "某村", frozenset({"flowchart.posted_on_wall"}),
                         None, None, "f.yaml", 3)  # fmt: skip
    fixed = Item(FIXED, "MECH-02", "u", "某村", before, None, None, 0)
    new = Item(NEW, "MECH-02", "u", "某村", None, None, None, 0)
    said = Answer("周某", "已完成", "已上墙", date(2026, 12, 1), "整改台账", 4)
    later = Answer("周某", "进行中", "补拍照片", None, "整改台账", 5)
    answers = LedgerAnswers(
        "l.xlsx",
        {"MECH-02|u|flowchart.posted_on_wall": said, "MECH-02|u|": later},
        {},
    )
    joined, strays = _answered([fixed, new], answers)
    assert [i.answer for i in joined] == [said, later] and strays == ()
