"""The inspector's console report: per unit a summary by section, then the problems to fix."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text as RichText

from emcheck.audit.outcomes import (
    ERROR,
    FAIL,
    LEVEL_NAMES,
    PASS,
    WAIVED,
    FileAudit,
    Notice,
    Outcome,
    Subject,
)
from emcheck.audit.vocabulary import SEVERITY, STATUS, Tally, due_text, percent
from emcheck.i18n import Lang, Text, chooser, count_of
from emcheck.reporters import stream
from emcheck.reporters.options import ReportOptions
from emcheck.reporters.text_layout import columns, wrap
from emcheck.rulepack.model import RulePack

_INDENT = 7
_MARK = {WAIVED: ("~", "cyan"), PASS: ("✓", "green"), FAIL: ("✗", "red"), ERROR: ("!", "magenta")}


class Screen:
    """Where the report's lines go: through rich for colour on a terminal, else plain text.

    rich's rendering costs a few tenths of a millisecond a line, which adds up over a
    province; plain output needs none of it.
    """

    def __init__(self, options: ReportOptions) -> None:
        self.width = options.width
        self.chinese = options.lang == "zh"
        self.buffer = io.StringIO()
        self.rich = (
            Console(
                file=self.buffer,
                force_terminal=True,
                width=options.width,
                highlight=False,
                emoji=False,
                soft_wrap=True,
            )
            if options.color
            else None
        )

    def print(self, text: str | RichText = "", style: str = "") -> None:
        if self.rich is not None:
            self.rich.print(text if isinstance(text, RichText) else RichText(text, style=style))
        else:
            plain = text.plain if isinstance(text, RichText) else text
            self.buffer.write(plain.rstrip() + "\n")

    def take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


class Writer(stream.Writer):
    """Per unit a summary by section, then its problems; totals and notices at the end."""

    def begin(self) -> str:
        self.screen = Screen(self.options)
        lang = self.options.lang
        t = chooser(lang)
        heading = f"{t('emcheck 审核报告', 'emcheck audit')} · {self.pack.title.get(lang)} {self.pack.version} · {t('审核日期', 'as of')} {self.as_of}"
        self.screen.print(heading, "bold")
        return self.screen.take()

    def write_file(self, audit: FileAudit) -> str:
        _file(self.screen, audit, self.pack, self.options)
        return self.screen.take()

    def end(self, notices: Sequence[Notice]) -> str:
        _totals(self.screen, self, self.options.lang)
        _notices(self.screen, notices, self.options.lang)
        return self.screen.take()


def _file(console: Screen, audit: FileAudit, pack: RulePack, options: ReportOptions) -> None:
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
            console.print(
                RichText(f"  {problem.location.shown(lang)}: {problem.message.get(lang)}")
            )
        return
    for subject in audit.subjects:
        outcomes = [o for o in audit.outcomes if o.subject is subject]
        _subject(console, subject, outcomes, pack, options)


def _subject(
    console: Screen,
    subject: Subject,
    outcomes: Sequence[Outcome],
    pack: RulePack,
    options: ReportOptions,
) -> None:
    lang = options.lang
    console.print()
    heading = f"{subject.name}  {LEVEL_NAMES[subject.level].get(lang)} · {subject.file}"
    console.print(RichText(heading, style="bold cyan"))
    _tally_line(console, Tally.of(outcomes), lang)
    _section_table(console, outcomes, pack, lang)
    _findings(console, outcomes, pack, options)


def _tally_line(console: Screen, tally: Tally, lang: Lang) -> None:
    t = chooser(lang)
    rate = percent(tally.compliance)
    console.print(
        f"  {t('合格率', 'compliance')} {rate}  "
        f"{t('符合', 'pass')} {tally.passed} · {t('不符合', 'fail')} {tally.failed}"
        f"{t(f'（需关注 {tally.warnings}）', f' ({tally.warnings} warnings)') if tally.warnings else ''} · "
        f"{t('不适用', 'n/a')} {tally.not_applicable} · {t('无法检查', 'error')} {tally.errors} · "
        f"{t('已逾期', 'overdue')} {tally.overdue}"
    )


def _section_table(
    console: Screen, outcomes: Sequence[Outcome], pack: RulePack, lang: Lang
) -> None:
    t = chooser(lang)
    header = [t("章节", "section"), t("符合", "pass"), t("不符合", "fail"), t("不适用", "n/a")]
    rows = [[*header, t("合格率", "rate")]]
    for section in pack.sections:
        part = Tally.of(o for o in outcomes if o.rule.section == section.id)
        if part.applicable == 0 and part.not_applicable == 0:
            continue
        share = percent(part.compliance)
        failed = part.failed + part.errors + part.waived
        rows.append(
            [
                f"{section.clause} {section.title.get(lang)}",
                str(part.passed),
                str(failed),
                str(part.not_applicable),
                share,
            ]
        )
    table = columns(rows, right=[False, True, True, True, True])
    console.print(RichText("  " + table[0], style="bold"))
    for line in table[1:]:
        console.print("  " + line)


def _findings(
    console: Screen, outcomes: Sequence[Outcome], pack: RulePack, options: ReportOptions
) -> None:
    lang = options.lang
    shown = [
        o
        for o in outcomes
        if o.status in (FAIL, ERROR, WAIVED) or (options.show_passed and o.status == PASS)
    ]
    if not shown:
        passes = chooser(lang)("所有适用规则均符合", "every applicable rule passes")
        console.print(RichText(f"  ✓ {passes}", style="green"))
        return
    for section in pack.sections:
        in_section = [o for o in shown if o.rule.section == section.id]
        if in_section:
            console.print(RichText(f"  {section.clause} {section.title.get(lang)}", style="bold"))
            for outcome in in_section:
                _finding(console, outcome, lang)


def _finding(console: Screen, outcome: Outcome, lang: Lang) -> None:
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
        if outcome.actual is not None:  # what was counted, so the pass can be checked
            _detail(console, f"{t('实有：', 'found: ')}{outcome.actual.get(lang)}", "dim")
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
        _detail(console, text, "cyan")
    _detail(console, _get(outcome.message, lang))
    _detail(console, f"{outcome.location.shown(lang)} · {due_text(outcome, lang)}", "dim")
    if outcome.advice is not None:
        _detail(console, f"{t('整改建议：', 'to fix: ')}{outcome.advice.get(lang)}")
    if outcome.record is not None:
        _detail(console, f"{t('填报说明：', 'record: ')}{outcome.record.get(lang)}", "dim")


def _detail(console: Screen, text: str, style: str = "") -> None:
    # Wrapped lines keep the finding's indent, so each finding reads as one block.
    for line in wrap(text, max(console.width - _INDENT, 20), console.chinese):
        console.print(RichText(" " * _INDENT + line, style=style))


def _totals(console: Screen, seen: stream.Writer, lang: Lang) -> None:
    t = chooser(lang)
    tally, files, units, broken = seen.tally, seen.files, seen.units, seen.broken
    console.print()
    rate = percent(tally.compliance)
    summary = t(
        f"共 {files} 个文件、{units} 个单位；合格率 {rate}；不符合 {tally.failed} 项（已逾期 {tally.overdue}），无法检查 {tally.errors} 项",
        f"{count_of(files, 'file')}, {count_of(units, 'unit')}; compliance {rate}; {tally.failed} failing ({tally.overdue} overdue), {tally.errors} could not be checked",
    )
    if tally.waived:
        summary += t(f"；已豁免 {tally.waived} 项", f"; {tally.waived} waived")
    if broken:
        summary += t(
            f"；{broken} 个文件无法审核", f"; {count_of(broken, 'file')} could not be audited"
        )
    console.print(RichText(summary, style="bold"))
    if seen.unaudited and files > 1:
        # After a folder of hundreds, the files to fix must not be scrolled out of sight.
        console.print(
            RichText(t("无法审核的文件：", "Files that could not be audited:"), style="red")
        )
        for name in seen.unaudited:
            console.print(RichText(f"  {name}", style="red"))


def _notices(console: Screen, notices: Sequence[Notice], lang: Lang) -> None:
    if not notices:
        return
    t = chooser(lang)
    console.print(RichText(t("豁免与基线", "Waivers and baseline"), style="bold"))
    styles = {"error": "red", "warning": "yellow", "note": "dim"}
    for notice in notices:
        text = f"  {notice.location.shown(lang)}: {notice.message.get(lang)}"
        console.print(RichText(text, style=styles[notice.level]))


def _get(text: Text | None, lang: Lang) -> str:
    return "" if text is None else text.get(lang)
