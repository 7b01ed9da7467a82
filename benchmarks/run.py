"""Time emcheck against its floor (a bare libyaml parse) and its peer (check-jsonschema).

One run measures, as the median of N timed runs after one warm-up, each as a fresh process
the way a user runs it:

- floor: ``python -c`` loading every file with ``yaml.CSafeLoader`` (interpreter start-up,
  the yaml import and the parse: what any Python YAML tool pays at least);
- ``emcheck audit DIR --format json`` (and with ``--jobs 1`` / ``--jobs 2`` when the
  installed emcheck has ``--jobs``);
- ``check-jsonschema --schemafile <emcheck schema> FILES`` on the same files;
- one large file with ``emcheck audit`` and with ``check-jsonschema``;
- ``benchmarks/bench_reports.py`` (100 Word reports), when it is there.

Targets: audit ≤ 3 × floor; audit ≤ 1/10 of check-jsonschema; single-file audit ≤ 0.5 ×
single-file check-jsonschema. Results are recorded in docs/benchmarks.md.

    python benchmarks/run.py [--runs 5] [--small 40] [--large 20] [--sites DIR] [--no-reports]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_sites import generate  # noqa: E402

AS_OF = "2026-11-30"
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)


def timed(command: Sequence[str], runs: int, ok: Sequence[int] = (0,)) -> float:
    """The median wall time of ``runs`` runs of ``command``, after one warm-up run."""
    times = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            sys.exit(f"{' '.join(command[:4])} … exited {done.returncode}:\n{done.stderr.decode()}")
        if attempt:
            times.append(elapsed)
    return statistics.median(times)


def tool(name: str) -> str | None:
    """An executable next to this Python first (the virtualenv), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")
    parser.add_argument("--small", type=int, default=40, help="small districts to generate")
    parser.add_argument("--large", type=int, default=20, help="large districts to generate")
    parser.add_argument("--sites", type=Path, help="use these site files instead")
    parser.add_argument("--no-reports", action="store_true", help="skip the Word reports")
    parser.add_argument(
        "--memory",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="peak memory of one audit of N small files for each N (e.g. --memory 1000 10000)",
    )
    args = parser.parse_args()

    emcheck = tool("emcheck")
    if emcheck is None:
        sys.exit("emcheck is not installed in this environment")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.sites or Path(scratch) / "sites"
        if args.sites is None:
            folder.mkdir()
            for size, count in (("small", args.small), ("large", args.large)):
                for index in range(count):
                    text = generate(size, index, seed=7)
                    (folder / f"{size}-{index:03d}.yaml").write_text(text, encoding="utf-8")
        files = sorted(str(p) for p in folder.glob("*.y*ml"))
        single = next((f for f in files if "large" in Path(f).name), files[0])
        lines = sum(Path(f).read_text(encoding="utf-8").count("\n") for f in files)
        size = sum(Path(f).stat().st_size for f in files)
        schema = Path(scratch) / "site.schema.json"
        schema.write_bytes(
            subprocess.run([emcheck, "schema"], capture_output=True, check=True).stdout
        )

        print(f"emcheck benchmark · {datetime.date.today()} · {machine()}")
        print(
            f"{len(files)} files, {lines} lines, {size / 1024:.0f} KiB; median of {args.runs} runs"
        )
        print()
        results: dict[str, float] = {}

        def measure(label: str, command: Sequence[str], ok: Sequence[int] = (0,)) -> None:
            results[label] = timed(command, args.runs, ok)
            print(f"  {label:<38} {results[label]:8.3f} s")

        audit = [emcheck, "audit", "--format", "json", "--as-of", AS_OF]
        measure("floor: CSafeLoader parse, all files", [sys.executable, "-c", FLOOR, *files])
        measure("emcheck audit DIR", [*audit, str(folder)], ok=(0, 1))
        help_text = subprocess.run([emcheck, "audit", "--help"], capture_output=True, text=True)
        if "--jobs" in help_text.stdout:
            for jobs in ("1", "2"):
                measure(
                    f"emcheck audit DIR --jobs {jobs}",
                    [*audit, "--jobs", jobs, str(folder)],
                    (0, 1),
                )
        checker = tool("check-jsonschema")
        if checker is None:
            print(
                "  NOTE: check-jsonschema is missing (pip install check-jsonschema): no peer ratios"
            )
        else:
            measure("check-jsonschema, all files", [checker, "--schemafile", str(schema), *files])
        measure("emcheck audit FILE (one large file)", [*audit, single], ok=(0, 1))
        if checker is not None:
            measure("check-jsonschema FILE", [checker, "--schemafile", str(schema), single])

        print()
        ratios = [
            ("emcheck audit DIR", "floor: CSafeLoader parse, all files", 3.0, "audit / floor")
        ]
        if checker is not None:
            ratios += [
                (
                    "emcheck audit DIR",
                    "check-jsonschema, all files",
                    0.1,
                    "audit / check-jsonschema",
                ),
                (
                    "emcheck audit FILE (one large file)",
                    "check-jsonschema FILE",
                    0.5,
                    "single file",
                ),
            ]
        for top, bottom, target, label in ratios:
            ratio = results[top] / results[bottom]
            verdict = "met" if ratio <= target else "MISSED"
            print(f"  {label:<26} {ratio:6.2f}  (target ≤ {target:g}: {verdict})")

    if args.memory:
        memory(args.memory, emcheck)

    reports = HERE / "bench_reports.py"
    if reports.exists() and not args.no_reports:
        print()
        print("100 Word reports (benchmarks/bench_reports.py):")
        subprocess.run([sys.executable, str(reports), "--runs", str(args.runs)], check=False)


PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def memory(counts: Sequence[int], emcheck: str) -> None:
    """Peak resident memory of a whole audit as the number of files grows: it should not."""
    print()
    print("Peak memory of `emcheck audit DIR --format json` (largest process, KiB on Linux):")
    for count in counts:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            for index in range(count):
                text = generate("small", index, seed=11)
                (folder / f"small-{index:05d}.yaml").write_text(text, encoding="utf-8")
            command = [emcheck, "audit", "--format", "json", "--as-of", AS_OF, str(folder)]
            started = datetime.datetime.now()
            peak = subprocess.run(
                [sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True
            ).stdout.strip()
            seconds = (datetime.datetime.now() - started).total_seconds()
            print(f"  {count:>6} files: {int(peak) / 1024:7.1f} MiB peak, {seconds:6.1f} s")


if __name__ == "__main__":
    main()
