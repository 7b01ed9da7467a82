"""The inspector's console report: per unit a summary by section, then the problems to fix."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from emcheck.i18n import Lang, Text, chooser
from emcheck.model import (
    ERROR,
    FAIL,
    LEVEL_NAMES,
    PASS,
    WAIVED,
    AuditResult,
    FileAudit,
    Outcome,
    Subject,
)
from emcheck.reporters.options import ReportOptions
from emcheck.ui import SEVERITY, STATUS, Tally, due_text

_DETAIL = (0, 0, 0, 7)
_MARK = {WAIVED: ("~", "cyan"), PASS: ("✓", "green"), FAIL: ("✗", "red"), ERROR: ("!", "magenta")}


def render(result: AuditResult, options: ReportOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        emoji=False,
    )
    lang = options.lang
    t = chooser(lang)
    console.print(
        RichText(
            f"{t('emcheck 审核报告', 'emcheck audit')} · {result.pack.title.get(lang)} {result.pack.version} · {t('审核日期', 'as of')} {result.as_of}",
            style="bold",
        )
    )
    for audit in result.files:
        _file(console, audit, result, options)
    _totals(console, result, lang)
    # rich pads wrapped lines to the full width; trailing blanks only get in the way of diffs.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _file(console: Console, audit: FileAudit, result: AuditResult, options: ReportOptions) -> None:
    lang = options.lang
    t = chooser(lang)
    if not audit.audited:
        console.print()
        console.print(
            RichText(f"✗ {audit.file}: {t('无法审核', 'cannot be audited')}", style="bold red")
        )
        if audit.error is not None:
            console.print(RichText(f"  {audit.error.render(lang)}"))
        for problem in audit.problems:
            console.print(RichText(f"  {problem.location}: {problem.message.get(lang)}"))
        return
    for subject in audit.subjects:
        outcomes = [o for o in audit.outcomes if o.subject is subject]
        _subject(console, subject, outcomes, result, options)


def _subject(
    console: Console,
    subject: Subject,
    outcomes: Sequence[Outcome],
    result: AuditResult,
    options: ReportOptions,
) -> None:
    lang = options.lang
    t = chooser(lang)
    tally = Tally.of(outcomes)
    console.print()
    heading = f"{subject.name}  {LEVEL_NAMES[subject.level].get(lang)} · {subject.file}"
    console.print(RichText(heading, style="bold cyan"))
    rate = "—" if tally.compliance is None else f"{tally.compliance:.1f}%"
    console.print(
        f"  {t('合格率', 'compliance')} {rate}  "
        f"{t('符合', 'pass')} {tally.passed} · {t('不符合', 'fail')} {tally.failed}"
        f"{t(f'（需关注 {tally.warnings}）', f' ({tally.warnings} warnings)') if tally.warnings else ''} · "
        f"{t('不适用', 'n/a')} {tally.not_applicable} · {t('无法检查', 'error')} {tally.errors} · "
        f"{t('已逾期', 'overdue')} {tally.overdue}"
    )
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 2))
    for column in (
        t("章节", "section"),
        t("符合", "pass"),
        t("不符合", "fail"),
        t("不适用", "n/a"),
        t("合格率", "rate"),
    ):
        table.add_column(column, justify="left" if column in ("章节", "section") else "right")
    for section in result.pack.sections:
        part = Tally.of(o for o in outcomes if o.rule.section == section.id)
        if part.applicable == 0 and part.not_applicable == 0:
            continue
        share = "—" if part.compliance is None else f"{part.compliance:.0f}%"
        table.add_row(
            f"{section.clause} {section.title.get(lang)}",
            str(part.passed),
            str(part.failed + part.errors + part.waived),
            str(part.not_applicable),
            share,
        )
    console.print(table)
    shown = [
        o
        for o in outcomes
        if o.status in (FAIL, ERROR, WAIVED) or (options.show_passed and o.status == PASS)
    ]
    if not shown:
        console.print(
            RichText(
                f"  ✓ {t('所有适用规则均符合', 'every applicable rule passes')}", style="green"
            )
        )
        return
    for section in result.pack.sections:
        in_section = [o for o in shown if o.rule.section == section.id]
        if in_section:
            console.print(RichText(f"  {section.clause} {section.title.get(lang)}", style="bold"))
            for outcome in in_section:
                _finding(console, outcome, lang)


def _finding(console: Console, outcome: Outcome, lang: Lang) -> None:
    t = chooser(lang)
    mark, style = _MARK[outcome.status]
    if outcome.status == FAIL and outcome.severity == "warning":
        style = "yellow"
    label = (
        STATUS[outcome.status] if outcome.status != FAIL else SEVERITY[outcome.severity or "error"]
    )
    line = RichText(f"   {mark} ", style=style)
    line.append(f"{outcome.rule.id} ", style=f"bold {style}")
    line.append(f"[{label.get(lang)}] ", style=style)
    line.append(f"{outcome.rule.clause} {outcome.rule.title.get(lang)}")
    if outcome.baseline == "unchanged":
        line.append(t("  （基线已记录）", "  (in baseline)"), style="dim")
    elif outcome.baseline == "new":
        line.append(t("  （新问题）", "  (new)"), style="bold")
    console.print(line)
    if outcome.status == PASS:
        return
    if outcome.waiver is not None:
        waiver = outcome.waiver
        until = (
            t(f"，有效期至 {waiver.expires}", f", until {waiver.expires}") if waiver.expires else ""
        )
        text = t(
            f"豁免理由：{waiver.reason}（批准：{waiver.approver}{until}；{waiver.source}）",
            f"waived: {waiver.reason} (approved by {waiver.approver}{until}; {waiver.source})",
        )
        console.print(Padding(RichText(text, style="cyan"), _DETAIL, expand=False))
    # Wrapped lines keep the finding's indent, so each finding reads as one block.
    console.print(Padding(RichText(_get(outcome.message, lang)), _DETAIL, expand=False))
    where = f"{outcome.location} · {due_text(outcome, lang)}"
    console.print(Padding(RichText(where, style="dim"), _DETAIL, expand=False))
    if outcome.advice is not None:
        advice = f"{t('整改建议：', 'to fix: ')}{outcome.advice.get(lang)}"
        console.print(Padding(RichText(advice), _DETAIL, expand=False))


def _totals(console: Console, result: AuditResult, lang: Lang) -> None:
    t = chooser(lang)
    tally = Tally.of(result.outcomes)
    units = sum(len(f.subjects) for f in result.files)
    broken = sum(1 for f in result.files if not f.audited)
    console.print()
    rate = "—" if tally.compliance is None else f"{tally.compliance:.1f}%"
    summary = t(
        f"共 {len(result.files)} 个文件、{units} 个单位；合格率 {rate}；不符合 {tally.failed} 项（已逾期 {tally.overdue}），无法检查 {tally.errors} 项",
        f"{len(result.files)} files, {units} units; compliance {rate}; {tally.failed} failing ({tally.overdue} overdue), {tally.errors} could not be checked",
    )
    if tally.waived:
        summary += t(f"；已豁免 {tally.waived} 项", f"; {tally.waived} waived")
    if broken:
        summary += t(f"；{broken} 个文件无法审核", f"; {broken} files could not be audited")
    console.print(RichText(summary, style="bold"))
    _notices(console, result, lang)


def _notices(console: Console, result: AuditResult, lang: Lang) -> None:
    if not result.notices:
        return
    t = chooser(lang)
    console.print(RichText(t("豁免与基线", "Waivers and baseline"), style="bold"))
    styles = {"error": "red", "warning": "yellow", "note": "dim"}
    for notice in result.notices:
        text = f"  {notice.location}: {notice.message.get(lang)}"
        console.print(RichText(text, style=styles[notice.level]))


def _get(text: Text | None, lang: Lang) -> str:
    return "" if text is None else text.get(lang)
