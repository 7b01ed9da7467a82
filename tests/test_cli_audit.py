"""``emcheck audit`` on the examples: verdicts, JSON shape, exit codes, and edits caught at the right line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import AS_OF_TEXT, COMPLIANT, GAPS, VILLAGE, with_attachments
from test_rule_pack import DATA_QUALITY_IDS, REQUIRED_IDS

ALL_IDS = REQUIRED_IDS + DATA_QUALITY_IDS

Cli = Callable[..., Any]


def audit_json(cli: Cli, *args: object) -> tuple[int, dict[str, Any]]:
    result = cli("audit", *args, "--format", "json", "--as-of", AS_OF_TEXT)
    return result.exit_code, json.loads(result.output)


class TestExamples:
    def test_compliant_district_passes_every_rule(self, cli: Cli) -> None:
        code, report = audit_json(cli, COMPLIANT)
        assert code == 0
        assert {o["status"] for o in report["outcomes"]} <= {"pass", "not_applicable"}
        assert {o["rule_id"] for o in report["outcomes"]} == set(ALL_IDS)
        levels = {o["level"] for o in report["outcomes"]}
        assert levels == {"district", "village", "community"}

    def test_every_rule_evaluated_on_every_unit(self, cli: Cli) -> None:
        _, report = audit_json(cli, COMPLIANT)
        units = {(o["site_id"]) for o in report["outcomes"]}
        assert len(report["outcomes"]) == len(units) * len(ALL_IDS)
        assert len(units) >= 5

    def test_standalone_village_passes(self, cli: Cli) -> None:
        code, report = audit_json(cli, VILLAGE)
        assert code == 0
        assert {o["level"] for o in report["outcomes"]} == {"village"}

    def test_gap_example_fails_in_every_section(self, cli: Cli) -> None:
        code, report = audit_json(cli, GAPS)
        assert code == 1
        failing = [o for o in report["outcomes"] if o["status"] == "fail"]
        sections = {o["section"] for o in failing}
        assert sections == {
            "organization",
            "responsibility",
            "mechanism",
            "capability",
            "support",
            "ten_ones",
        }
        for outcome in failing:
            assert (
                outcome["message"]
                and outcome["advice"]
                and outcome["expected"]
                and outcome["actual"]
            )
            assert outcome["line"] >= 1 and outcome["column"] >= 1
            assert outcome["due_status"] in ("overdue", "due", "no_deadline")

    def test_overdue_after_the_deadline_due_before(self, cli: Cli) -> None:
        late = json.loads(cli("audit", GAPS, "--format", "json", "--as-of", "2026-11-30").output)
        early = json.loads(cli("audit", GAPS, "--format", "json", "--as-of", "2026-01-15").output)
        # ORG-10 (三(二)) has no deadline of its own, so it is neither due nor overdue.
        org_late = [
            o
            for o in late["outcomes"]
            if o["section"] == "organization" and o["status"] == "fail" and o["deadline"]
        ]
        org_early = [
            o
            for o in early["outcomes"]
            if o["section"] == "organization" and o["status"] == "fail" and o["deadline"]
        ]
        assert org_late and {o["due_status"] for o in org_late} == {"overdue"}
        assert org_early and {o["due_status"] for o in org_early} == {"due"}
        assert {o["deadline"] for o in org_late} == {"2026-02-28"}

    def test_console_report_in_chinese_and_english(self, cli: Cli) -> None:
        zh = cli("audit", GAPS, "--as-of", AS_OF_TEXT).output
        en = cli("audit", GAPS, "--as-of", AS_OF_TEXT, "--lang", "en").output
        assert "合格率" in zh and "整改建议" in zh and "已逾期" in zh
        assert "compliance" in en and "to fix" in en and "overdue" in en
        assert f"{GAPS}:" in zh

    def test_folder_audit_covers_every_example(self, cli: Cli, examples_folder: Path) -> None:
        code, report = audit_json(cli, examples_folder)
        assert code == 1
        assert len(report["files"]) == 3 and {f["status"] for f in report["files"]} == {"audited"}

    def test_json_shape_is_versioned(self, cli: Cli) -> None:
        _, report = audit_json(cli, VILLAGE)
        assert report["format"] == "emcheck-audit" and report["version"] == 1
        keys = {
            "rule_id",
            "site_id",
            "level",
            "status",
            "severity",
            "message",
            "expected",
            "actual",
            "file",
            "line",
            "column",
            "clause",
            "deadline",
            "due_status",
        }
        assert keys <= set(report["outcomes"][0])


def edited(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = COMPLIANT.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    target = tmp_path / "edited.yaml"
    target.write_text(text.replace(old, new, count), encoding="utf-8")
    return target


def failures(cli: Cli, path: Path) -> list[dict[str, Any]]:
    code, report = audit_json(cli, path)
    assert code == 1
    return [o for o in report["outcomes"] if o["status"] == "fail"]


def line_of(path: Path, needle: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if i + 1 > after and needle in line)


class TestAcceptanceEdits:
    """The issue's examples: each edit is caught by the right rule at the right line."""

    def test_village_team_of_nine(self, cli: Cli, tmp_path: Path) -> None:
        from emcheck.loading.loader import load_file

        document = load_file(COMPLIANT)
        members = document.data["villages"][0]["rescue_team"]["members"]
        lines = COMPLIANT.read_text(encoding="utf-8").splitlines(keepends=True)
        keep = 9
        drop = {
            document.positions[("villages", 0, "rescue_team", "members", i)].line
            for i in range(keep, len(members))
        }
        assert all("name:" in lines[n - 1] for n in drop), "members are expected one per line"
        target = tmp_path / "nine.yaml"
        target.write_text(
            "".join(text for i, text in enumerate(lines, 1) if i not in drop), encoding="utf-8"
        )
        found = [o for o in failures(cli, target) if o["rule_id"] == "ORG-09"]
        assert len(found) == 1 and found[0]["site_id"] == document.data["villages"][0]["id"]
        assert (
            found[0]["line"] == document.positions[("villages", 0, "rescue_team", "members")].line
        )
        assert "9" in found[0]["actual"]

    def test_district_team_of_31(self, cli: Cli, tmp_path: Path) -> None:
        from emcheck.loading.loader import load_file

        document = load_file(COMPLIANT)
        members = document.data["rescue_team"]["members"]
        lines = COMPLIANT.read_text(encoding="utf-8").splitlines(keepends=True)
        last = document.positions[("rescue_team", "members", len(members) - 1)].line
        indent = lines[last - 1][: len(lines[last - 1]) - len(lines[last - 1].lstrip())]
        extra = [
            f"{indent}- {{name: 新队员{i}, category: 民兵}}\n" for i in range(31 - len(members))
        ]
        target = tmp_path / "thirty-one.yaml"
        target.write_text("".join(lines[:last] + extra + lines[last:]), encoding="utf-8")
        found = [o for o in failures(cli, target) if o["rule_id"] == "ORG-08"]
        assert len(found) == 1 and "31" in found[0]["actual"]
        assert found[0]["line"] == document.positions[("rescue_team", "members")].line

    def test_district_training_of_four_days(self, cli: Cli, tmp_path: Path) -> None:
        from emcheck.loading.loader import load_file

        document = load_file(COMPLIANT)
        village = document.data["villages"][0]
        district_trainings = [
            i for i, t in enumerate(village["trainings"]) if t["organizer"] == "区(试点)"
        ]
        lines = COMPLIANT.read_text(encoding="utf-8").splitlines(keepends=True)
        for index in district_trainings:
            days_line = document.positions[("villages", 0, "trainings", index, "days")].line
            lines[days_line - 1] = lines[days_line - 1].replace(
                f"days: {village['trainings'][index]['days']}",
                f"days: {4 / len(district_trainings):g}",
            )
        target = tmp_path / "four-days.yaml"
        target.write_text("".join(lines), encoding="utf-8")
        found = [o for o in failures(cli, target) if o["rule_id"] == "CAP-02"]
        assert len(found) == 1 and found[0]["site_id"] == village["id"]
        assert found[0]["line"] == document.positions[("villages", 0, "trainings")].line
        assert "4" in found[0]["actual"]

    def test_grid_without_grid_worker(self, cli: Cli, tmp_path: Path) -> None:
        from emcheck.loading.loader import load_file

        document = load_file(COMPLIANT)
        grid = document.data["villages"][0]["grids"][0]
        worker_at = document.positions[("villages", 0, "grids", 0, "grid_worker")].line
        lines = COMPLIANT.read_text(encoding="utf-8").splitlines(keepends=True)
        worker_indent = len(lines[worker_at - 1]) - len(lines[worker_at - 1].lstrip())
        end = worker_at
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > worker_indent
        ):
            end += 1
        target = tmp_path / "no-worker.yaml"
        target.write_text("".join(lines[: worker_at - 1] + lines[end:]), encoding="utf-8")
        found = [o for o in failures(cli, target) if o["rule_id"] == "ORG-07"]
        assert len(found) == 1
        assert found[0]["line"] == document.positions[("villages", 0, "grids", 0)].line
        assert grid["name"] in found[0]["message"]


class TestExitCodes:
    def test_missing_file_is_2(self, cli: Cli, tmp_path: Path) -> None:
        result = cli("audit", tmp_path / "nope.yaml")
        assert result.exit_code == 2 and "nope.yaml" in result.output

    def test_schema_invalid_site_is_2_with_line(self, cli: Cli, tmp_path: Path) -> None:
        bad = edited(tmp_path, "pilot_year: 2026", "pilot_yaer: 2026")
        result = cli("audit", bad, "--as-of", AS_OF_TEXT)
        assert result.exit_code == 2
        assert "pilot_yaer" in result.output and f"{bad}:" in result.output

    def test_bad_as_of_is_2(self, cli: Cli) -> None:
        result = cli("audit", VILLAGE, "--as-of", "2026-13-01")
        assert result.exit_code == 2 and "YYYY-MM-DD" in result.output

    def test_unknown_option_is_2(self, cli: Cli) -> None:
        assert cli("audit", VILLAGE, "--no-such-option").exit_code == 2

    def test_warning_only_passes_unless_fail_level_warning(self, cli: Cli, tmp_path: Path) -> None:
        text = VILLAGE.read_text(encoding="utf-8")
        target = with_attachments(tmp_path) / "warn.yaml"
        target.write_text(text.replace("passed: true", "passed: false"), encoding="utf-8")
        _, report = audit_json(cli, target)
        failing = [o for o in report["outcomes"] if o["status"] == "fail"]
        assert failing and {o["severity"] for o in failing} == {"warning"}
        assert cli("audit", target, "--as-of", AS_OF_TEXT).exit_code == 0
        assert cli("audit", target, "--as-of", AS_OF_TEXT, "--fail-level", "warning").exit_code == 1

    @pytest.mark.parametrize("content", [b"", b"# only a comment\n", b"- a\n- b\n", b"just text\n"])
    def test_empty_and_non_mapping_files_are_2(
        self, cli: Cli, tmp_path: Path, content: bytes
    ) -> None:
        target = tmp_path / "odd.yaml"
        target.write_bytes(content)
        result = cli("audit", target)
        assert result.exit_code == 2 and f"{target}:1:1" in result.output

    def test_gbk_file_audits_like_its_utf8_twin(self, cli: Cli, tmp_path: Path) -> None:
        twin = with_attachments(tmp_path) / "gbk.yaml"
        twin.write_bytes(VILLAGE.read_text(encoding="utf-8").encode("gb18030"))
        _, original = audit_json(cli, VILLAGE)
        code, converted = audit_json(cli, twin)
        assert code == 0
        assert [o["status"] for o in converted["outcomes"]] == [
            o["status"] for o in original["outcomes"]
        ]


def test_a_closed_pipe_ends_the_run_quietly_with_the_audits_code(tmp_path: Path) -> None:
    # `emcheck audit … | head`: more output than a pipe holds, and a reader that leaves early.
    text = GAPS.read_text(encoding="utf-8")
    for n in range(6):
        (tmp_path / f"site-{n}.yaml").write_text(
            text.replace("id: hongqiao\n", f"id: hongqiao{n}\n", 1), encoding="utf-8"
        )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "emcheck",
            "audit",
            str(tmp_path),
            "-f",
            "json",
            "--as-of",
            AS_OF_TEXT,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 1
    assert error == ""


def test_a_folder_audit_ends_by_naming_the_files_it_could_not_audit(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "a-good.yaml").write_text(VILLAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b-broken.yaml").write_text("level: [\n", encoding="utf-8")
    result = cli("audit", tmp_path, "--as-of", AS_OF_TEXT)
    assert result.exit_code == 2  # a file that could not be read is an input error
    tail = result.output.rstrip().splitlines()[-2:]
    assert tail == ["无法审核的文件：", f"  {tmp_path / 'b-broken.yaml'}"]


def test_a_waivers_file_beside_the_sites_is_not_a_site(cli: Cli, tmp_path: Path) -> None:
    (with_attachments(tmp_path) / VILLAGE.name).write_text(
        VILLAGE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    approved = tmp_path / "approved-exceptions.yaml"
    approved.write_text("waivers: []\n", encoding="utf-8")
    code, report = audit_json(cli, tmp_path, "--waivers", approved)
    assert code == 0
    assert [f["file"] for f in report["files"]] == [str(tmp_path / VILLAGE.name)]


@pytest.mark.parametrize(
    ("args", "name", "start"),
    [
        (["-o", "out.json"], "out.json", '{\n  "format": "emcheck-audit"'),
        (["-o", "out.sarif"], "out.sarif", '{\n  "$schema"'),
        (["-f", "junit", "-o", "out.log"], "out.log", "<?xml"),
        (["--output", "json=out.json"], "out.json", '{\n  "format": "emcheck-audit"'),
    ],
)
def test_one_output_convention(
    cli: Cli, tmp_path: Path, args: list[str], name: str, start: str
) -> None:
    # -o PATH: the run's report goes to the file (format from --format or the extension);
    # --output FORMAT=PATH: one more report beside the screen's.
    moved = [str(tmp_path / a) if a.startswith("out") else a for a in args]
    moved = [a.replace("json=out", f"json={tmp_path}/out") for a in moved]
    result = cli("audit", GAPS, "--as-of", AS_OF_TEXT, *moved)
    assert result.exit_code == 1
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    to_screen = "--output" in args
    assert bool(result.output.strip()) is to_screen


def test_an_output_without_a_known_format_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("audit", GAPS, "--as-of", AS_OF_TEXT, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2 and "FORMAT=PATH" in result.output
    assert not (tmp_path / "out.pdf").exists()
