"""The round at a glance: totals by zone, every unit's figures, the deadline nodes."""

from __future__ import annotations

from emcheck.history.progress import Progress
from emcheck.history.rollup import node_completion, zones
from emcheck.history.round import DONE, NONE_APPLICABLE, OVERDUE, NodeState, Round
from emcheck.i18n import Lang, chooser, count_of
from emcheck.report.progress.cells import Cell, Column, Table
from emcheck.report.progress.figures import figure_columns, figures, level_name, tree, zone_name


def summary(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    round_ = progress.round
    columns = (
        Column(t("范围", "scope"), key="scope"),
        Column(t("单位数", "units"), "int", "units"),
        *figure_columns(lang),
    )
    rows: list[tuple[Cell, ...]] = [
        (t("管委会（全部）", "all pilots"), len(round_.units), *figures(round_.tally))
    ]
    rows += [(zone_name(z.name, lang), len(z.units), *figures(z.tally)) for z in zones(round_)]
    note = t(
        f"截至 {round_.as_of}，共 {file_count(round_)} 个站点文件、"
        f"{len(round_.units)} 个单位；无法读取或格式有误、未能审核的文件 {len(round_.unreadable)} 个。",
        f"As of {round_.as_of}: {count_of(file_count(round_), 'site file')}, "
        f"{count_of(len(round_.units), 'unit')}; {count_of(len(round_.unreadable), 'file')} "
        "could not be read or failed the format check.",
    )
    emphasis = (True,) + (False,) * (len(rows) - 1)
    return Table("summary", t("总体情况", "Overview"), columns, tuple(rows), note, emphasis)


def file_count(round_: Round) -> int:
    return len({u.file for u in round_.units}) + len(round_.unreadable)


def units(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    columns = (
        Column(t("经济区", "zone"), key="zone"),
        Column(t("所属区/乡镇/街道", "district"), key="district"),
        Column(t("单位", "unit"), key="unit"),
        Column(t("层级", "level"), key="level"),
        *figure_columns(lang),
        Column(t("最突出问题（逾期最久）", "worst open item (most overdue)"), key="worst"),
    )
    rows, ids = [], []
    for zone, district, unit in tree(progress):
        ids.append(unit.id)
        worst = unit.worst
        text = (
            t(
                f"{worst.rule_id} {worst.clause} {worst.title.zh}（逾期 {worst.days_overdue} 天）",
                f"{worst.rule_id} {worst.clause} {worst.title.en} "
                f"({worst.days_overdue} days overdue)",
            )
            if worst
            else ""
        )
        home = district or t("未归属", "unassigned")
        rows.append(
            (
                zone_name(zone, lang),
                home,
                unit.name,
                level_name(unit, lang),
                *figures(unit.tally),
                text,
            )
        )
    return Table("units", t("各单位情况", "Units"), columns, tuple(rows), unit_ids=tuple(ids))


def node_text(state: NodeState, lang: Lang) -> str:
    t = chooser(lang)
    if state.state == DONE:
        return t("已完成", "done")
    if state.state == NONE_APPLICABLE:
        return t("不适用", "n/a")
    if state.state == OVERDUE:
        return t(
            f"逾期 {state.days_overdue} 天（{state.open} 项未完成）",
            f"{state.days_overdue} days overdue ({state.open} open)",
        )
    return t(f"未到期（{state.open} 项未完成）", f"not yet due ({state.open} open)")


def nodes(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    round_ = progress.round
    columns = (
        Column(t("单位", "unit"), key="unit"),
        *(Column(n.label.get(lang), key=n.name) for n in round_.nodes),
        Column(t("无时限部分（未完成项）", "no deadline (open)"), "int", "no_deadline"),
    )
    rows: list[tuple[Cell, ...]] = [
        (unit.name, *(node_text(s, lang) for s in unit.nodes), unit.no_deadline_open)
        for _, _, unit in tree(progress)
    ]
    done = node_completion(round_)
    rows.append(
        (
            t("完成节点的单位数", "units done"),
            *(f"{d}/{n}" for d, n in done),
            f"{sum(1 for u in round_.units if u.no_deadline_open == 0)}/{len(round_.units)}",
        )
    )
    note = t(
        "节点完成：该部分适用的每条规则均符合（已豁免、需关注计为完成，无法检查不计）。",
        "A node is done when every applicable rule of its part passes (waived and warnings "
        "count as done; could-not-check does not).",
    )
    emphasis = (False,) * (len(rows) - 1) + (True,)
    return Table("nodes", t("节点完成情况", "Deadline nodes"), columns, tuple(rows), note, emphasis)
