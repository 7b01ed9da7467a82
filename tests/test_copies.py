"""材料雷同 across the files of a run (DUP-01/02/03): which file carries the finding, that the
order and not ``--jobs`` decides it, that ``progress`` and waivers see it, and the figures
against a count made from the YAML alone.

The zone example's 双井村 copies 芦塘村 on purpose: its flowchart photo, its response
procedure and its people's mobile numbers (under other names).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import AS_OF_TEXT, EXAMPLES

Cli = Callable[..., Any]
ZONE = EXAMPLES / "zone"
LUTANG, SHUANGJING = "lutang-village.yaml", "shuangjing-village.yaml"
DUP = ("DUP-01", "DUP-02", "DUP-03")


@pytest.fixture
def zone(tmp_path: Path) -> Path:
    folder = tmp_path / "zone"
    shutil.copytree(ZONE, folder)
    return folder


def audit(cli: Cli, *args: object) -> dict[str, Any]:
    result = cli("audit", *args, "--format", "json", "--as-of", AS_OF_TEXT)
    # The zone holds one unreadable file on purpose (yuwan-community): the folder exits 2.
    assert result.exit_code in (0, 1, 2), result.exit_code
    return json.loads(result.output)  # type: ignore[no-any-return]


def copies(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        o for o in report["outcomes"] if o["rule_id"] in DUP and o["status"] != "not_applicable"
    ]


def test_a_copy_between_files_is_on_the_later_file_naming_the_earlier(cli: Cli, zone: Path) -> None:
    forward = copies(audit(cli, zone / LUTANG, zone / SHUANGJING))
    assert {(o["rule_id"], o["site_name"], o["status"]) for o in forward} == {
        (rule, "双井村", "fail") for rule in DUP
    }
    for outcome in forward:
        assert Path(outcome["file"]).name == SHUANGJING
        assert re.search(rf"{LUTANG}:\d+:\d+", outcome["message"]), outcome["message"]
        assert outcome["severity"] == "warning"
    backward = copies(audit(cli, zone / SHUANGJING, zone / LUTANG))
    assert {(o["rule_id"], o["site_name"]) for o in backward} == {(r, "芦塘村") for r in DUP}
    assert all(SHUANGJING in o["message"] for o in backward)


def test_one_file_alone_has_no_copy_and_no_copy_is_not_a_pass(cli: Cli, zone: Path) -> None:
    alone = audit(cli, zone / SHUANGJING)
    statuses = {o["status"] for o in alone["outcomes"] if o["rule_id"] in DUP}
    assert statuses == {"not_applicable"}


def test_jobs_do_not_change_what_is_found(cli: Cli, zone: Path) -> None:
    one = audit(cli, zone, "--jobs", "1")
    two = audit(cli, zone, "--jobs", "2")
    assert copies(one) and one["outcomes"] == two["outcomes"]


def test_progress_counts_the_copies_as_open_findings(cli: Cli, zone: Path) -> None:
    result = cli("progress", zone, "--format", "json", "--as-of", AS_OF_TEXT)
    record = json.loads(result.output)
    found = {(f["rule_id"], f["unit_id"]) for f in record["findings"] if f["rule_id"] in DUP}
    assert found == {(rule, "shuangjing") for rule in DUP}
    unit = next(u for u in record["units"] if u["id"] == "shuangjing")
    audited = audit(cli, zone)
    own = [o for o in audited["outcomes"] if o["site_id"] == "shuangjing"]
    assert unit["warnings"] == sum(o["severity"] == "warning" for o in own)


def test_a_copy_is_waived_inline_with_its_reason(cli: Cli, zone: Path) -> None:
    site = zone / SHUANGJING
    text = site.read_text(encoding="utf-8")
    line = next(o for o in copies(audit(cli, zone)) if o["rule_id"] == "DUP-01")["line"]
    lines = text.split("\n")
    lines[line - 1] += "  # emcheck: ignore DUP-01 两村共用一张流程图，经区应急管理局同意"
    site.write_text("\n".join(lines), encoding="utf-8")
    waived = audit(cli, zone, "--inline-ignores")
    status = {o["rule_id"]: o["status"] for o in waived["outcomes"] if o["site_id"] == "shuangjing"}
    assert (status["DUP-01"], status["DUP-02"], status["DUP-03"]) == ("waived", "fail", "fail")


def test_a_copy_is_waived_by_a_waivers_file(cli: Cli, zone: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - rule: DUP-03\n    site: shuangjing\n"
        "    reason: 两村网格员由同一批人兼任，号码相同\n    approver: 南港区应急管理局 孙某平\n"
        "    expires: 2027-03-31\n",
        encoding="utf-8",
    )
    waived = audit(cli, zone, "--waivers", waivers)
    status = {o["rule_id"]: o["status"] for o in waived["outcomes"] if o["site_id"] == "shuangjing"}
    assert status["DUP-03"] == "waived" and status["DUP-01"] == "fail"


def _phones(data: Any) -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        if isinstance(data.get("phone"), str) and data.get("name"):
            yield data["phone"], data["name"]
        for value in data.values():
            yield from _phones(value)
    elif isinstance(data, list):
        for value in data:
            yield from _phones(value)


def test_phone_copies_match_a_count_from_the_yaml(cli: Cli, zone: Path) -> None:
    """Every mobile of 双井村 that 芦塘村 lists under another name, counted from the YAML."""
    earlier = dict(_phones(yaml.safe_load((zone / LUTANG).read_text(encoding="utf-8"))))
    later = list(_phones(yaml.safe_load((zone / SHUANGJING).read_text(encoding="utf-8"))))
    expected = sum(
        1
        for phone, name in later
        if re.fullmatch(r"1[3-9]\d{9}", phone) and earlier.get(phone, name) != name
    )
    found = next(o for o in copies(audit(cli, zone)) if o["rule_id"] == "DUP-03")
    assert expected >= 3
    assert len(found["finding_paths"]) == expected
    assert found["actual"].count("相同手机号") == expected
