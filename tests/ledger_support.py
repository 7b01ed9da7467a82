"""A recheck to write ledgers from: the gap example audited on 2026-11-30, then again a
month later with the flowchart put up on the wall (one finding fixed, the rest still open)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner, Result

from conftest import GAPS, with_attachments

EARLIER, AS_OF = "2026-11-30", "2026-12-30"
HEADER = 3
FLOWCHART = "  posted_on_wall: false           # 流程图已印制，尚未上墙\n"


def run(*args: str | Path) -> Result:
    from emcheck.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def make_round(folder: Path, site_text: str | None = None) -> tuple[Path, Path]:
    """(site file today, earlier audit JSON) in ``folder``."""
    text = site_text if site_text is not None else GAPS.read_text(encoding="utf-8")
    before, earlier = with_attachments(folder) / "before.yaml", folder / "a1.json"
    before.write_text(text, encoding="utf-8")
    done = run("audit", before, "--as-of", EARLIER, "-f", "json", "-o", earlier)
    assert done.exit_code == 1, done.output
    site = folder / "hongqiao.yaml"
    site.write_text(
        text.replace(
            FLOWCHART,
            "  posted_on_wall: true\n  attachments: [attachments/flowchart-hongqiao-street-gaps-1.png]\n",
        ),
        encoding="utf-8",
    )
    return site, earlier


def recheck(site: Path, earlier: Path, *args: str | Path) -> Result:
    return run("recheck", site, "--previous", earlier, "--as-of", AS_OF, *args)


def columns(sheet: Worksheet) -> dict[str, int]:
    return {c.value: c.column for c in sheet[HEADER] if c.value}


def by_header(path: Path, sheet_name: str = "整改台账") -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(path)[sheet_name]
    names = columns(sheet)
    return [
        {name: sheet.cell(row, col).value for name, col in names.items()}
        for row in range(HEADER + 1, sheet.max_row + 1)
    ]


def assert_tied_to_input(custom: dict[str, str], sites: list[Path]) -> None:
    """The pack and every site file read, each with its SHA-256 (as ``sha256sum`` lines)."""
    from emcheck.rulepack.choose import load_rule_pack

    pack = load_rule_pack(None)
    assert custom["emcheck-pack"] == f"{pack.id} {pack.version}"
    assert custom["emcheck-pack-sha256"] == pack.sha256
    lines = dict(
        reversed(line.split("  ", 1)) for line in custom["emcheck-files-sha256"].splitlines()
    )
    for site in sites:
        [shown] = [name for name in lines if Path(name).name == site.name]
        assert lines[shown] == hashlib.sha256(site.read_bytes()).hexdigest()
    assert len(lines) >= len(sites)
