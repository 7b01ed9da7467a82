"""Waivers, inline ignores and baselines: accepted exceptions stay visible, and expire."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from junitparser import JUnitXml, Skipped

from conftest import AS_OF_TEXT, GAPS, with_attachments

Cli = Callable[..., Any]


def report(cli: Cli, *args: object) -> tuple[int, dict[str, Any]]:
    result = cli("audit", *args, "--as-of", AS_OF_TEXT, "-f", "json")
    return result.exit_code, json.loads(result.output)


def outcome(data: dict[str, Any], rule: str, site: str) -> dict[str, Any]:
    return next(o for o in data["outcomes"] if o["rule_id"] == rule and o["site_id"] == site)


@pytest.fixture
def gap_site(tmp_path: Path) -> Path:
    copy = tmp_path / "sites" / GAPS.name
    with_attachments(copy.parent)
    shutil.copy(GAPS, copy)
    return copy


@pytest.fixture
def failing(cli: Cli) -> list[dict[str, Any]]:
    _, data = report(cli, GAPS)
    return [o for o in data["outcomes"] if o["status"] == "fail" and o["severity"] == "error"]


def waivers_file(
    folder: Path, entries: list[dict[str, str]], name: str = "emcheck-waivers.yaml"
) -> Path:
    lines = ["waivers:"]
    for entry in entries:
        lines.append(f"  - rule: {entry['rule']}")
        lines += [f"    {key}: {value}" for key, value in entry.items() if key != "rule"]
    target = folder / name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def waiver(o: dict[str, Any], expires: str = "2027-06-30", **extra: str) -> dict[str, str]:
    return {
        "rule": o["rule_id"],
        "site": o["site_id"],
        "reason": "编制调整中，2027年补齐",
        "approver": "管委会应急局 周某某",
        "expires": expires,
        **extra,
    }


class TestWaiversFile:
    def test_waiving_every_failure_passes_but_keeps_them_visible(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        waivers_file(gap_site.parent, [waiver(o) for o in failing])
        code, data = report(cli, gap_site, "--fail-level", "error")
        assert code == 0
        waived = [o for o in data["outcomes"] if o["status"] == "waived"]
        assert len(waived) == len(failing)
        assert all(
            o["waiver"]["reason"]
            and o["waiver"]["approver"]
            and o["waiver"]["expires"] == "2027-06-30"
            for o in waived
        )
        console = cli("audit", gap_site, "--as-of", AS_OF_TEXT).output
        assert "已豁免" in console and "编制调整中" in console
        sarif = json.loads(cli("audit", gap_site, "--as-of", AS_OF_TEXT, "-f", "sarif").output)
        suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
        assert len(suppressed) == len(failing)
        junit = gap_site.parent / "junit.xml"
        cli("audit", gap_site, "--as-of", AS_OF_TEXT, "-o", f"junit={junit}")
        skipped = [
            c
            for s in JUnitXml.fromfile(str(junit))
            for c in s
            if any(
                (isinstance(r, Skipped) and "waived" in (r.message or ""))
                or (isinstance(r, Skipped) and "已豁免" in (r.message or ""))
                for r in c.result
            )
        ]
        assert len(skipped) == len(failing)
        github = cli("audit", gap_site, "--as-of", AS_OF_TEXT, "-f", "github").output
        assert github.count("::notice") >= len(failing)

    def test_expired_waiver_stops_waiving_and_says_so(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        target = failing[0]
        waivers_file(gap_site.parent, [waiver(target, expires="2026-10-31")])
        code, data = report(cli, gap_site)
        assert code == 1
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "fail"
        (notice,) = data["notices"]
        assert "2026-10-31" in notice["message"] and notice["line"] == 2
        assert notice["file"].endswith("emcheck-waivers.yaml")

    @pytest.mark.parametrize(("field", "value"), [("reason", "无"), ("approver", "'-'")])
    def test_waiver_with_a_placeholder_reason_or_approver_does_not_waive(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]], field: str, value: str
    ) -> None:
        target = failing[0]
        waivers_file(gap_site.parent, [waiver(target, **{field: value})])
        code, data = report(cli, gap_site)
        assert code == 1
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "fail"
        (notice,) = data["notices"]
        assert "占位" in notice["message"] and notice["line"] == 2

    def test_waiver_expiring_soon_is_warned(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        target = failing[0]
        waivers_file(gap_site.parent, [waiver(target, expires="2026-12-20")])
        _, data = report(cli, gap_site)
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "waived"
        assert any("2026-12-20" in n["message"] for n in data["notices"])

    def test_waiver_for_a_rule_that_does_not_fail(self, cli: Cli, gap_site: Path) -> None:
        _, data = report(cli, gap_site)
        passing = next(o for o in data["outcomes"] if o["status"] == "pass")
        waivers_file(gap_site.parent, [waiver(passing)])
        code, data = report(cli, gap_site)
        assert code == 1
        (notice,) = data["notices"]
        assert (
            passing["rule_id"] in notice["message"] and "matches nothing" not in notice["message"]
        )
        assert "没有对应的问题" in notice["message"]
        assert cli("audit", gap_site, "--as-of", AS_OF_TEXT, "--strict").exit_code == 1

    def test_waiver_path_narrows_what_is_waived(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        target = failing[0]
        waivers_file(gap_site.parent, [waiver(target, path="no_such_section")])
        _, data = report(cli, gap_site)
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "fail"

    def test_named_waivers_file(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]], tmp_path: Path
    ) -> None:
        named = waivers_file(tmp_path, [waiver(failing[0])], name="accepted.yaml")
        _, data = report(cli, gap_site, "--waivers", named)
        assert outcome(data, failing[0]["rule_id"], failing[0]["site_id"])["status"] == "waived"

    @pytest.mark.parametrize(
        ("text", "line"),
        [
            ("waivers:\n  - rule: ORG-08\n    site: hongqiao\n    reason: x\n    approver: y\n", 2),
            (
                "waivers:\n  - rule: ORG-08\n    site: hongqiao\n    reason: x\n    approver: y\n    expires: 2026-02-30\n",
                6,
            ),
            (
                "waivers:\n  - rule: org-8\n    site: a\n    reason: x\n    approver: y\n    expires: 2027-01-01\n",
                2,
            ),
            ("waiver: []\n", 1),
            ("waivers:\n  - rule: ORG-08\n    rule: ORG-09\n", 3),
            ("", 1),
        ],
    )
    def test_malformed_waivers_file_is_3_with_line(
        self, cli: Cli, gap_site: Path, text: str, line: int
    ) -> None:
        (gap_site.parent / "emcheck-waivers.yaml").write_text(text, encoding="utf-8")
        result = cli("audit", gap_site, "--as-of", AS_OF_TEXT)
        assert result.exit_code == 3
        assert f"emcheck-waivers.yaml:{line}:" in result.output and "Traceback" not in result.output


class TestInlineIgnore:
    def place_comment(self, site: Path, line: int, comment: str) -> None:
        lines = site.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line - 1] = lines[line - 1].rstrip("\n") + f"  # emcheck: ignore {comment}\n"
        site.write_text("".join(lines), encoding="utf-8")

    def test_ignore_with_reason_waives_that_finding(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        target = failing[0]
        self.place_comment(
            gap_site, target["line"], f"{target['rule_id']} 已报管委会同意，年底前补齐"
        )
        _, data = report(cli, gap_site, "--inline-ignores")
        found = outcome(data, target["rule_id"], target["site_id"])
        assert (
            found["status"] == "waived"
            and found["waiver"]["reason"] == "已报管委会同意，年底前补齐"
        )

    def test_ignore_is_listed_not_applied_unless_trusted(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        # The site file is the audited unit's own text: it cannot approve its own exception.
        target = failing[0]
        self.place_comment(gap_site, target["line"], f"{target['rule_id']} 其余材料另册报送")
        code, data = report(cli, gap_site)
        assert code == 1
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "fail"
        (notice,) = data["notices"]
        assert notice["level"] == "warning" and "未采纳" in notice["message"]
        assert notice["line"] == target["line"]

    @pytest.mark.parametrize("reason", ["无", "x", "暂缺", "——"])
    def test_ignore_with_a_placeholder_reason_has_no_effect(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]], reason: str
    ) -> None:
        target = failing[0]
        self.place_comment(gap_site, target["line"], f"{target['rule_id']} {reason}")
        code, data = report(cli, gap_site, "--inline-ignores")
        assert code == 1
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "fail"

    def test_ignore_without_reason_has_no_effect_and_is_reported(
        self, cli: Cli, gap_site: Path, failing: list[dict[str, Any]]
    ) -> None:
        target = failing[0]
        self.place_comment(gap_site, target["line"], target["rule_id"])
        code, data = report(cli, gap_site)
        assert code == 1
        assert outcome(data, target["rule_id"], target["site_id"])["status"] == "fail"
        (notice,) = data["notices"]
        assert (
            notice["level"] == "error"
            and "理由" in notice["message"]
            and notice["line"] == target["line"]
        )


class TestBaseline:
    def test_baseline_accepts_known_findings_and_catches_a_new_one(
        self, cli: Cli, gap_site: Path, tmp_path: Path
    ) -> None:
        baseline = tmp_path / "baseline.json"
        assert (
            cli("audit", gap_site, "--as-of", AS_OF_TEXT, "--write-baseline", baseline).exit_code
            == 1
        )
        assert cli("audit", gap_site, "--as-of", AS_OF_TEXT, "--baseline", baseline).exit_code == 0
        text = gap_site.read_text(encoding="utf-8")
        assert "internal_body: true" in text
        broken = text.replace("internal_body: true", "internal_body: false", 1)
        gap_site.write_text("# 新增一行注释，所有行号后移\n" + broken, encoding="utf-8")
        code, data = report(cli, gap_site, "--baseline", baseline)
        assert code == 1
        new = [o for o in data["outcomes"] if o["baseline"] == "new"]
        assert [o["rule_id"] for o in new] == ["ORG-01"]
        assert all(
            o["baseline"] == "unchanged"
            for o in data["outcomes"]
            if o["status"] == "fail" and o["rule_id"] != "ORG-01"
        )

    def test_fixed_findings_are_listed(
        self, cli: Cli, gap_site: Path, tmp_path: Path, failing: list[dict[str, Any]]
    ) -> None:
        baseline = tmp_path / "baseline.json"
        cli("audit", gap_site, "--as-of", AS_OF_TEXT, "--write-baseline", baseline)
        recorded = json.loads(baseline.read_text(encoding="utf-8"))
        recorded["findings"].append(
            {
                "fingerprint": "0" * 20,
                "rule_id": "ORG-01",
                "site_id": "hongqiao",
                "path": "office",
                "message": "旧问题",
            }
        )
        baseline.write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
        code, data = report(cli, gap_site, "--baseline", baseline)
        assert code == 0
        assert [n["message"] for n in data["notices"]] == [
            "已整改（基线中有、本次未发现）：ORG-01 hongqiao office"
        ]

    @pytest.mark.parametrize(
        "content",
        ["not json", "{}", '{"format": "emcheck-baseline", "version": 1, "findings": [1]}'],
    )
    def test_malformed_baseline_is_3(
        self, cli: Cli, gap_site: Path, tmp_path: Path, content: str
    ) -> None:
        baseline = tmp_path / "baseline.json"
        baseline.write_text(content, encoding="utf-8")
        result = cli("audit", gap_site, "--baseline", baseline)
        assert result.exit_code == 3 and "baseline.json" in result.output
