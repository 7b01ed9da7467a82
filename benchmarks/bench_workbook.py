"""Read a site workbook against loading the same site's YAML, in one run.

Generated districts (``generate_sites.py``: small and large) are written both ways, the
workbook by ``emcheck convert``'s writer. Two measurements, each the median of N runs after
one warm-up, and their ratio:

- in process: ``load_file`` (the YAML loader: decode, parse, positions) against
  ``read_site_workbook`` (vetting the package, openpyxl, every cell read and placed);
- a fresh ``emcheck validate FILE`` process each way (``run.timed``), as a clerk runs it.

    python benchmarks/bench_workbook.py [--runs 5] [--size large|small]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from generate_sites import generate
from run import machine, timed, tool

from emcheck.loading.loader import load_file
from emcheck.sitebook.reading import read_site_workbook
from emcheck.sitebook.writing import site_workbook


def in_process(read: Callable[[Path], Any], path: Path, runs: int) -> float:
    times = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        read(path)
        if attempt:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", choices=("small", "large"), default="large")
    args = parser.parse_args()
    emcheck = tool("emcheck") or "emcheck"
    print(f"site workbook vs YAML · {date.today()} · {machine()}")
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site.yaml"
        site.write_text(generate(args.size, 0, seed=7), encoding="utf-8")
        data = load_file(site).data
        book = Path(scratch) / "site.xlsx"
        book.write_bytes(site_workbook(data, data["level"], "zh", date(2026, 11, 30)))
        lines = site.read_text(encoding="utf-8").count("\n")
        print(
            f"one {args.size} district: {lines} lines of YAML ({site.stat().st_size // 1024} KiB),"
            f" workbook {book.stat().st_size // 1024} KiB; median of {args.runs} runs"
        )
        rows = [
            ("in process", in_process(load_file, site, args.runs),
             in_process(read_site_workbook, book, args.runs)),
            ("emcheck validate", timed([emcheck, "validate", str(site)], args.runs),
             timed([emcheck, "validate", str(book)], args.runs)),
        ]  # fmt: skip
    print(f"{'':18} {'YAML':>9} {'workbook':>9} {'ratio':>6}")
    for name, yaml_time, book_time in rows:
        print(f"{name:18} {yaml_time:8.3f}s {book_time:8.3f}s {book_time / yaml_time:6.2f}")


if __name__ == "__main__":
    main()
