"""``emcheck recheck``: every finding of earlier audits followed to today (整改 → 复查 → 销号)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import typer

from emcheck import exit_codes
from emcheck.audit.batch import audit_files, default_jobs, progress_wanted
from emcheck.audit.policy import Policy
from emcheck.audit.waivers import beside, load_waivers
from emcheck.errors import InputError, Location
from emcheck.history import notice_record
from emcheck.history.answers import LedgerAnswers
from emcheck.history.recheck import FIXED, WAIVED_NOW, Recheck, recheck
from emcheck.history.recheck_inputs import current_of, read_rounds
from emcheck.i18n import Lang, Text
from emcheck.loading.discovery import check_one_file_per_unit, once_each, site_files, top_level_id
from emcheck.report.meta import load_meta
from emcheck.report.recheck import BINARY_KINDS, SUFFIX_BY_KIND, RecheckContext, renderer
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.evidence import pack_evidence
from emcheck.writing import check_writable, refuse_existing, refuse_inputs, write_output


@dataclass(frozen=True)
class RecheckRun:
    paths: tuple[Path, ...]
    previous: tuple[Path, ...]
    kind: str | None
    """None: from the -o extension, else markdown."""
    output: Path | None
    lang: Lang
    as_of: date
    rules: Path | None = None
    notice: Path | None = None
    ledger: Path | None = None
    meta: Path | None = None
    waivers: tuple[Path, ...] = ()
    force: bool = False
    inline_ignores: bool = False


def run_recheck(run: RecheckRun) -> int:
    """Every input is read and every output checked before anything is written."""
    pack = load_rule_pack(run.rules)
    others = [*run.previous, *run.waivers, *(p for p in (run.notice, run.ledger, run.meta) if p)]
    files = site_files(list(run.paths), others)
    if len(files) > 1:
        check_one_file_per_unit(files, map(top_level_id, files))
    _check_output(run)
    earlier = read_rounds(once_each(run.previous))
    notice = notice_record.read(run.notice) if run.notice else None
    answers = _answers(run.ledger)
    meta = load_meta(run.meta)
    waivers = [w for path in once_each((*run.waivers, *beside(files))) for w in load_waivers(path)]
    policy = Policy(waivers, run.as_of, pack_evidence(pack), inline=run.inline_ignores)
    audits = (
        policy.apply(a)
        for a in audit_files(files, pack, run.as_of, default_jobs(), progress_wanted())
    )
    result = recheck(current_of(audits, run.as_of), earlier, pack, run.as_of, notice, answers)
    data = renderer(kind_of(run))(result, RecheckContext(run.lang, pack, meta))
    if run.output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(run.output, data)
    return _exit_code(result)


def _answers(ledger: Path | None) -> LedgerAnswers | None:
    if ledger is None:
        return None
    from emcheck.loading.ledger import read_ledger

    return read_ledger(ledger)


def kind_of(run: RecheckRun) -> str:
    if run.kind is not None:
        return run.kind
    if run.output is None:
        return "markdown"
    by_suffix = {suffix: kind for kind, suffix in SUFFIX_BY_KIND.items()}
    kind = by_suffix.get(run.output.suffix.lower())
    if kind is None:
        raise InputError(
            Location("--output"),
            Text(
                f"无法从扩展名判断输出种类：{run.output.name}；请加 --kind，或用 "
                f"{'、'.join(by_suffix)}",
                f"cannot tell the kind from '{run.output.name}': add --kind, or use "
                f"{', '.join(by_suffix)}",
            ),
        )
    return kind


def _check_output(run: RecheckRun) -> None:
    if run.output is None:
        if kind_of(run) in BINARY_KINDS:
            raise InputError(
                Location("--output"),
                Text(
                    f"--kind {run.kind} 生成的是 Word/Excel 文件，请用 -o 指定文件名",
                    f"--kind {run.kind} makes a Word/Excel file: name it with -o",
                ),
            )
        return
    read = [*run.previous, *(p for p in (run.ledger, run.notice, run.meta) if p)]
    refuse_inputs([run.output], read)
    check_writable(run.output)
    refuse_existing([run.output], run.force)


def _exit_code(result: Recheck) -> int:
    """0: every earlier finding fixed (or waived) and nothing new; 1: open or new items."""
    if result.unreadable:
        return exit_codes.INPUT_ERROR
    if any(i.status not in (FIXED, WAIVED_NOW) for i in result.items):
        return exit_codes.FINDINGS
    return exit_codes.OK
