"""Rounds for the recheck tests, made from the gap example by small edits.

Round 1 (2026-11-23) is the example as it stands. Round 2 (2026-11-30) has the street's
training days made up (CAP-01 fixed) and 柳溪村 with its flowchart taken down. Today
(2026-12-31) the street has hung its flowchart (MECH-02 已整改), its training days are short
again (CAP-01 反弹), its rescue team is waived (ORG-08 已豁免), 杨柳村 filed no duty plan for
the week (MECH-04 新发现), and 柳溪村 is not in the run (未复查); the rest stays 未整改.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image
from typer.testing import CliRunner, Result

from conftest import GAPS, VILLAGE, with_attachments

ROUND_1, ROUND_2, TODAY = date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 31)
TRAINING = "start: 2026-08-03, days: 3, format: 网上培训, audience: [应急管理人员, 应急救援队伍]"
FLOWCHART = "posted_on_wall: false           # 流程图已印制，尚未上墙"
PHOTO = "attachments/flowchart-hongqiao-street-on-wall.png"
"""A photo of the flowchart on the wall: MECH-02 asks for one once it is posted. The street's
own, made here: one borrowed from 杨柳村 would be 材料雷同 (DUP-01)."""
XINGANG_DUTY = "{week_of: 2026-11-30, filed_with: 南港经济区值班室, filed_on: 2026-11-27"
WAIVERS = """\
waivers:
  - rule: ORG-08
    site: hongqiao
    reason: 街道应急救援队 17 人，另 4 名退役军人已报名、待 1 月政审后编入
    approver: 红桥区应急管理局 孙某平
    expires: 2027-03-31
"""


@dataclass(frozen=True)
class Rounds:
    site: Path
    """Today's site file, a waivers file beside it."""
    previous: tuple[Path, ...]
    """The audit JSON of rounds 1 and 2."""
    inspected: Path
    """The street's site file as round 2 audited it (what a notice would be written from)."""
    village: Path
    """柳溪村 as round 2 audited it: its flowchart down."""

    def previous_args(self) -> list[object]:
        return [a for p in self.previous for a in ("--previous", p)]


def emcheck(*args: object) -> Result:
    from emcheck.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def edited(source: Path, target: Path, *changes: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    with_attachments(target.parent)
    target.write_text(text, encoding="utf-8")
    return target


def audit_json(target: Path, as_of: date, *sites: Path) -> Path:
    done = emcheck("audit", *sites, "--format", "json", "-o", target, "--as-of", as_of)
    assert done.exit_code in (0, 1) and target.is_file()
    return target


def make_rounds(folder: Path) -> Rounds:
    first = edited(GAPS, folder / "r1" / GAPS.name)
    second = edited(
        GAPS, folder / "r2" / GAPS.name, (TRAINING, TRAINING.replace("days: 3", "days: 7"))
    )
    village = edited(
        VILLAGE, folder / "r2" / VILLAGE.name, ("posted_on_wall: true", "posted_on_wall: false")
    )
    previous = (
        audit_json(folder / "r1.json", ROUND_1, first),
        audit_json(folder / "r2.json", ROUND_2, second, village),
    )
    week = XINGANG_DUTY.replace("11-30", "12-28").replace("11-27", "12-25")
    site = edited(
        GAPS,
        folder / "today" / GAPS.name,
        (FLOWCHART, f"posted_on_wall: true\n  attachments: [{PHOTO}]"),
        (XINGANG_DUTY, f"{week}, officers: [石某玲, 欧某辉]}}\n      - {XINGANG_DUTY}"),
    )
    Image.new("RGB", (16, 12), (200, 60, 40)).save(site.parent / PHOTO)
    (site.parent / "emcheck-waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    return Rounds(site, previous, second, village)
