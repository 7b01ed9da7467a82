"""Write 100 Word reports and print reports per second (median of several runs, one core).

Each report goes the way ``emcheck report`` takes it for every site file: audit the
file, build the report, lay it out with python-docx, write it atomically. The rule pack
and the wording are loaded once, as in one command run.

    /work/venv/bin/python benchmarks/bench_reports.py [--count 100] [--runs 5]
        [--kind gap|notice] [--format docx|markdown] [--site examples/hongqiao-street-gaps.yaml]

Target: at least 10 reports per second per core.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from emcheck.audit.engine import audit_file
from emcheck.report.content import ReportSpec
from emcheck.report.document import render_report
from emcheck.report.meta import ReportMeta
from emcheck.report.wording import wording
from emcheck.rulepack.choose import load_rule_pack
from emcheck.writing import write_atomically

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", choices=("gap", "notice"), default="gap")
    parser.add_argument("--format", choices=("docx", "markdown"), default="docx")
    parser.add_argument(
        "--site", type=Path, default=ROOT / "examples" / "hongqiao-street-gaps.yaml"
    )
    args = parser.parse_args()

    pack = load_rule_pack(None)
    spec = ReportSpec(args.kind, ReportMeta(issuer="基准测试"), wording("zh"))
    suffix = ".docx" if args.format == "docx" else ".md"
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            start = time.perf_counter()
            for index in range(args.count):
                audit = audit_file(args.site, pack, AS_OF)
                data = render_report(audit, pack, AS_OF, spec, args.format)
                write_atomically(Path(folder) / f"report-{index}{suffix}", data)
            elapsed = time.perf_counter() - start
            rates.append(args.count / elapsed)
            print(f"run {run + 1}: {args.count} reports in {elapsed:.2f} s ({rates[-1]:.1f}/s)")
    size = len(data)
    print(
        f"{args.kind} {args.format} of {args.site.name} ({size // 1024} KiB each): "
        f"median {statistics.median(rates):.1f} reports per second on one core"
    )


if __name__ == "__main__":
    main()
