"""``emcheck progress`` with every format against ``emcheck audit`` of the same files.

Both run as fresh processes, the way the push group runs them: the audit writing its JSON,
progress reading an earlier round (``--previous``) and writing JSON, Markdown, xlsx, Word and
HTML in one run. Target: progress ≤ 2 × the audit's time. Then the peak memory of progress
as the number of files grows, which should stay flat.

    python benchmarks/bench_progress.py [--files 1000] [--runs 3] [--memory 250 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_sites import generate  # noqa: E402
from run import PEAK, machine, timed, tool  # noqa: E402

AS_OF = "2026-11-30"
EARLIER = "2026-10-30"
FORMATS = ("json", "markdown", "xlsx", "docx", "html")


def sites(folder: Path, count: int) -> None:
    folder.mkdir()
    for index in range(count):
        # One large district in fifty, like a zone with a few big towns.
        size = "large" if index % 50 == 0 else "small"
        (folder / f"{size}-{index:05d}.yaml").write_text(
            generate(size, index, seed=13), encoding="utf-8"
        )


def audit_command(emcheck: list[str], folder: Path, out: Path) -> list[str]:
    """``emcheck audit FOLDER`` writing its JSON to ``out``; ``emcheck`` is how to start it."""
    return [*emcheck, "audit", str(folder), "--as-of", AS_OF, "-f", "json", "-o", str(out)]


def progress_command(emcheck: str, folder: Path, out: Path, previous: Path) -> list[str]:
    outputs = [f"--output={name}={out / f'round.{name}'}" for name in FORMATS]
    return [
        emcheck,
        "progress",
        str(folder),
        "--as-of",
        AS_OF,
        "--previous",
        str(previous),
        "--force",
        *outputs,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", type=int, nargs="*", default=[250, 1000], metavar="N")
    args = parser.parse_args()
    emcheck = tool("emcheck")
    if emcheck is None:
        sys.exit("emcheck is not installed in this environment")
    print(f"emcheck progress benchmark · {machine()}")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder, out = root / "sites", root / "out"
        sites(folder, args.files)
        out.mkdir()
        previous = root / "earlier.json"
        subprocess.run(
            [
                emcheck,
                "progress",
                str(folder),
                "--as-of",
                EARLIER,
                "-f",
                "json",
                "-o",
                str(previous),
            ],
            check=False,
            stdout=subprocess.DEVNULL,
        )
        print(f"{args.files} files; median of {args.runs} runs")
        audit = timed(
            audit_command([emcheck], folder, out / "audit.json"),
            args.runs,
            (0, 1),
        )
        progress = timed(progress_command(emcheck, folder, out, previous), args.runs, (0, 1))
        ratio = progress / audit
        print(f"  emcheck audit DIR -f json            {audit:8.3f} s")
        print(f"  emcheck progress DIR, 5 formats      {progress:8.3f} s")
        verdict = "met" if ratio <= 2 else "MISSED"
        print(f"  progress / audit                     {ratio:8.2f}  (target ≤ 2: {verdict})")
    print()
    print("Peak memory of `emcheck progress DIR --previous … ` with every format (KiB on Linux):")
    for count in args.memory:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            folder, out = root / "sites", root / "out"
            sites(folder, count)
            out.mkdir()
            previous = root / "earlier.json"
            subprocess.run(
                [
                    emcheck,
                    "progress",
                    str(folder),
                    "--as-of",
                    EARLIER,
                    "-f",
                    "json",
                    "-o",
                    str(previous),
                ],
                check=False,
                stdout=subprocess.DEVNULL,
            )
            command = progress_command(emcheck, folder, out, previous)
            peak = subprocess.run(
                [sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True
            ).stdout.strip()
            print(f"  {count:>6} files: {int(peak) / 1024:7.1f} MiB peak")


if __name__ == "__main__":
    main()
