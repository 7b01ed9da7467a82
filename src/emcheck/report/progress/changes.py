"""What moved since earlier rounds, every open finding (问题台账), and the files not judged."""

from __future__ import annotations

from operator import attrgetter

from emcheck.history.progress import Progress
from emcheck.history.round import Finding
from emcheck.history.spool import FindingView
from emcheck.i18n import Lang, chooser
from emcheck.report.progress.cells import Cell, Column, Table
from emcheck.report.progress.figures import tree


def rounds(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    assert progress.trend is not None
    columns = (
        Column(t("轮次日期", "round"), "date", "as_of"),
        Column(t("单位数", "units"), "int", "units"),
        Column(t("合格率", "compliance"), "percent", "compliance"),
        Column(t("未整改问题", "open findings"), "int", "open"),
    )
    rows = tuple(
        (
            p.as_of,
            p.units,
            None if p.compliance is None else round(p.compliance, 1),
            p.open_findings,
        )
        for p in progress.trend.points
    )
    return Table("rounds", t("各轮次走势", "Rounds"), columns, rows)


def changes(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    trend = progress.trend
    assert trend is not None
    columns = (
        Column(t("单位", "unit"), key="unit"),
        Column(t("合格率", "compliance"), "percent", "compliance"),
        Column(t("较上轮（百分点）", "change (points)"), "change", "change"),
        Column(t("新整改", "newly fixed"), "int", "fixed"),
        Column(t("新发现", "new"), "int", "new"),
        Column(t("仍未整改", "still open"), "int", "still_open"),
    )
    rows: list[tuple[Cell, ...]] = []
    for _, _, unit in tree(progress):
        change = trend.changes.get(unit.id)
        rate = unit.tally.compliance
        shown_rate = None if rate is None else round(rate, 1)
        if change is None:
            rows.append((unit.name, shown_rate, t("首次纳入", "first round"), None, None, None))
        else:
            rows.append(
                (
                    unit.name,
                    shown_rate,
                    change.rate_change,
                    change.fixed,
                    change.new,
                    change.still_open,
                )
            )
    note = t(
        "与包含该单位的最近一轮相比；问题按“规则 × 单位 × 位置（列表项按名称）”对应，"
        "调整顺序不算新问题。",
        "Against the latest earlier round that had the unit; findings are matched by rule × "
        "unit × place (list entries by name), so reordering a list is not a new finding.",
    )
    return Table("trend", t("与上轮相比", "Since the last round"), columns, tuple(rows), note)


def ledger(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    columns = (
        Column(t("单位", "unit"), key="unit"),
        Column(t("条款", "clause"), key="clause"),
        Column(t("规则", "rule"), key="rule"),
        Column(t("问题", "finding"), key="title"),
        Column(t("问题描述", "description"), key="message"),
        Column(t("应达到", "expected"), key="expected"),
        Column(t("实际情况", "found"), key="actual"),
        Column(t("完成时限", "deadline"), "date", "deadline"),
        Column(t("逾期天数", "days overdue"), "int", "days_overdue"),
        Column(t("位置", "location"), key="location"),
    )

    def row(f: Finding) -> tuple[Cell, ...]:
        return (
            f.unit_name,
            f.clause,
            f.rule_id,
            f.title.get(lang),
            f.message.get(lang) if f.message else "",
            f.expected.get(lang) if f.expected else "",
            f.actual.get(lang) if f.actual else "",
            f.deadline,
            f.days_overdue or None,
            f"{f.file}:{f.line}" if f.line else f.file,
        )

    findings = progress.round.findings
    rows, ids = FindingView(findings, row), FindingView(findings, attrgetter("unit_id"))
    return Table("ledger", t("问题台账", "Open findings"), columns, rows, unit_ids=ids)


def unreadable(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    columns = (
        Column(t("文件", "file"), key="file"),
        Column(t("原因", "reason"), key="reason"),
        Column(t("说明", "message"), key="message"),
    )
    reasons = {
        "unreadable": t("无法读取", "unreadable"),
        "invalid": t("格式有误", "invalid"),
    }
    rows = tuple(
        (f"{u.file}:{u.line}" if u.line else u.file, reasons[u.reason], u.message.get(lang))
        for u in progress.round.unreadable
    )
    note = t(
        "这些文件未能审核，不在任何单位的数字中，但计入文件总数。",
        "These files were not audited: they are in no unit's figures but in the file count.",
    )
    return Table("unreadable", t("未能审核的文件", "Files not audited"), columns, rows, note)
