"""SARIF, JUnit, GitHub annotations and --output: what CI systems read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

from conftest import AS_OF_TEXT, COMPLIANT, GAPS, ROOT

Cli = Callable[..., Any]
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def audit(cli: Cli, *args: object) -> Any:
    return cli("audit", *args, "--as-of", AS_OF_TEXT)


def problems(cli: Cli, path: Path) -> list[dict[str, Any]]:
    report = json.loads(audit(cli, path, "-f", "json").output)
    return [o for o in report["outcomes"] if o["status"] in ("fail", "error")]


class TestSarif:
    def test_validates_against_the_official_schema(self, cli: Cli) -> None:
        result = audit(cli, GAPS, "-f", "sarif")
        assert result.exit_code == 1
        document = json.loads(result.output)
        jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(document)

    def test_rules_results_locations_fingerprints(self, cli: Cli) -> None:
        run = json.loads(audit(cli, GAPS, "-f", "sarif").output)["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        rule_files = [p for p in (ROOT / "rules").rglob("*.yaml") if p.name != "pack.yaml"]
        assert len(rules) == len(rule_files) + 1  # every rule file, and SITE-FORMAT
        assert {"ORG-08", "STD-09", "DATA-01", "SITE-FORMAT"} <= {r["id"] for r in rules}
        org08 = next(r for r in rules if r["id"] == "ORG-08")
        assert org08["properties"]["clause"] == "二(一)5" and org08["properties"]["title_en"]
        assert "二(一)5" in org08["help"]["text"]
        results = run["results"]
        assert len(results) == len(problems(cli, GAPS))
        for entry in results:
            region = entry["locations"][0]["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
            assert len(entry["partialFingerprints"]["emcheck/v1"]) == 20
        assert len({e["partialFingerprints"]["emcheck/v1"] for e in results}) == len(results)

    def test_schema_invalid_site_is_a_result_too(self, cli: Cli, tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text(
            "schema_version: 1\nlevel: village\nid: x\nname: 甲村\npilot_year: 2026\ngrids: 3\n",
            encoding="utf-8",
        )
        result = cli("audit", bad, "-f", "sarif")
        assert result.exit_code == 2
        document = json.loads(result.output)
        jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(document)
        (entry,) = document["runs"][0]["results"]
        assert (
            entry["ruleId"] == "SITE-FORMAT"
            and entry["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
        )


class TestJunit:
    def test_one_testcase_per_rule_and_unit(self, cli: Cli, tmp_path: Path) -> None:
        target = tmp_path / "junit.xml"
        target.write_text(audit(cli, GAPS, "-f", "junit").output, encoding="utf-8")
        xml = JUnitXml.fromfile(str(target))
        report = json.loads(audit(cli, GAPS, "-f", "json").output)
        assert xml.tests == len(report["outcomes"])
        failing = [
            o for o in report["outcomes"] if o["status"] == "fail" and o["severity"] == "error"
        ]
        cases = [case for suite in xml for case in suite]
        failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
        assert len(failed) == len(failing)
        skipped = [c for c in cases if any(isinstance(r, Skipped) for r in c.result)]
        assert len(skipped) == sum(1 for o in report["outcomes"] if o["status"] == "not_applicable")
        assert not [c for c in cases if any(isinstance(r, Error) for r in c.result)]
        assert all(c.name.split()[0] in {o["rule_id"] for o in report["outcomes"]} for c in cases)

    def test_warnings_fail_only_at_fail_level_warning(self, cli: Cli, tmp_path: Path) -> None:
        default = tmp_path / "a.xml"
        strict = tmp_path / "b.xml"
        default.write_text(audit(cli, GAPS, "-f", "junit").output, encoding="utf-8")
        strict.write_text(
            audit(cli, GAPS, "-f", "junit", "--fail-level", "warning").output, encoding="utf-8"
        )
        warnings = sum(1 for o in problems(cli, GAPS) if o["severity"] == "warning")
        assert warnings > 0
        assert (
            JUnitXml.fromfile(str(strict)).failures
            == JUnitXml.fromfile(str(default)).failures + warnings
        )


class TestGithub:
    def test_annotations_escape_their_text(self, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(ROOT)
        lines = audit(cli, GAPS.relative_to(ROOT), "-f", "github").output.splitlines()
        assert len(lines) == len(problems(cli, GAPS))
        for line in lines:
            assert line.startswith(
                ("::error file=examples/hongqiao-street-gaps.yaml,line=", "::warning file=")
            )
            assert "\n" not in line and ",col=" in line and ",title=" in line
        assert any("%0A" in line for line in lines)


class TestOutputs:
    def test_several_formats_in_one_run(self, cli: Cli, tmp_path: Path) -> None:
        sarif, junit, data = tmp_path / "r.sarif", tmp_path / "r.xml", tmp_path / "r.json"
        result = audit(
            cli, GAPS, "-o", f"sarif={sarif}", "--output", f"junit={junit}", "-o", f"json={data}"
        )
        assert result.exit_code == 1
        assert "合格率" in result.output
        assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
        assert JUnitXml.fromfile(str(junit)).tests > 0
        assert json.loads(data.read_text(encoding="utf-8"))["format"] == "emcheck-audit"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "r.sarif", "r.xml"], (
            "no temporary files left"
        )

    @pytest.mark.parametrize("target", ["folder", "missing/inside.sarif"])
    def test_unwritable_output_is_2_before_any_work(
        self, cli: Cli, tmp_path: Path, target: str
    ) -> None:
        (tmp_path / "folder").mkdir()
        result = audit(cli, COMPLIANT, "-o", f"sarif={tmp_path / target}")
        assert result.exit_code == 2 and str(tmp_path / target) in result.output
        assert "合格率" not in result.output

    @pytest.mark.parametrize("value", ["sarif", "pdf=x.pdf", "=x"])
    def test_malformed_output_option_is_2(self, cli: Cli, value: str) -> None:
        result = audit(cli, COMPLIANT, "-o", value)
        assert result.exit_code == 2 and "FORMAT=PATH" in result.output

    def test_exit_code_is_the_same_for_every_format(self, cli: Cli) -> None:
        codes = {
            fmt: audit(cli, GAPS, "-f", fmt).exit_code
            for fmt in ("console", "json", "sarif", "junit", "github")
        }
        assert set(codes.values()) == {1}
        assert {audit(cli, COMPLIANT, "-f", fmt).exit_code for fmt in codes} == {0}


def test_parallel_audit_is_deterministic(cli: Cli) -> None:
    one = audit(cli, COMPLIANT.parent, "-f", "json", "--jobs", "1").output
    two = audit(cli, COMPLIANT.parent, "-f", "json", "--jobs", "2").output
    assert one == two


def test_output_files_get_the_usual_permissions(cli: Cli, tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "r.json"
    audit(cli, COMPLIANT, "-o", f"json={target}")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
