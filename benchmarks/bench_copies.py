"""材料雷同 at zone scale: ``emcheck audit`` of district files with attachments, with the
DUP rules against the same audit without them (an earlier emcheck, given by its source tree).

Every unit of every generated district gets a flowchart photo of its own (a distinct tiny
PNG); one district in fifty reuses the photo of the district before it. Both trees audit
the same files as fresh processes; medians of N runs after a warm-up. The comparison is
hashing, never pairwise, so the time per file should not grow with the number of files:
the run is repeated at a quarter of the files to show it.

    python benchmarks/bench_copies.py --before /path/to/earlier/checkout [--files 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_progress import audit_command, sites  # noqa: E402
from make_attachments import png  # noqa: E402
from run import PEAK, machine, timed  # noqa: E402

COPY_EVERY = 50


def with_photos(folder: Path) -> int:
    """A flowchart photo for every unit of every file under ``folder``; the planted copies."""
    photos = folder / "attachments"
    photos.mkdir()
    planted, number, previous = 0, 0, ""
    for index, site in enumerate(sorted(folder.glob("*.yaml"))):
        data = yaml.safe_load(site.read_text(encoding="utf-8"))
        units = [data, *data.get("villages", []), *data.get("communities", [])]
        for position, unit in enumerate(units):
            number += 1
            name = f"attachments/photo-{number:06d}.png"
            (folder / name).write_bytes(png(number >> 16, (number >> 8) & 255, number & 255))
            if position == 0 and index % COPY_EVERY == COPY_EVERY - 1:
                name, planted = previous, planted + 1
            elif position == 0:
                previous = name
            flowchart = unit.setdefault("flowchart", {"posted_on_wall": True, "location": "值班室"})
            flowchart["attachments"] = [name]
        site.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return planted


def command(tree: Path, folder: Path, out: Path) -> list[str]:
    """The audit by the emcheck of source tree ``tree``."""
    started = ["env", f"PYTHONPATH={tree / 'src'}", sys.executable, "-m", "emcheck"]
    return audit_command(started, folder, out)


def found(report: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for outcome in json.loads(report.read_text(encoding="utf-8"))["outcomes"]:
        if outcome["rule_id"].startswith("DUP-") and outcome["status"] == "fail":
            counts[outcome["rule_id"]] = counts.get(outcome["rule_id"], 0) + 1
    return counts


def measure(trees: dict[str, Path], count: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        folder, out = Path(scratch) / "sites", Path(scratch) / "audit.json"
        sites(folder, count)
        planted = with_photos(folder)
        result: dict[str, Any] = {"planted": planted}
        for label, tree in trees.items():
            result[label] = timed(command(tree, folder, out), runs, (0, 1))
            peak = subprocess.run(
                [sys.executable, "-c", PEAK, *command(tree, folder, out)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            result[f"{label} MiB"] = int(peak) / 1024
        result["found"] = found(out)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="an earlier checkout's root")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": HERE.parent}
    print(f"emcheck 材料雷同 benchmark · {machine()}; median of {args.runs} runs")
    for count in (args.files // 4, args.files):
        got = measure(trees, count, args.runs)
        ratio = got["after"] / got["before"]
        print(f"  {count} files, {got['planted']} planted photo copies; DUP fails: {got['found']}")
        print(f"    before {got['before']:7.2f} s  {got['before MiB']:6.0f} MiB peak")
        print(f"    after  {got['after']:7.2f} s  {got['after MiB']:6.0f} MiB peak  ({ratio:.2f}×)")
        print(f"    after, per file {1000 * got['after'] / count:6.1f} ms")


if __name__ == "__main__":
    main()
