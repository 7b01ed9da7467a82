"""Who stands where: rankings, and the clauses failing in most units."""

from __future__ import annotations

from emcheck.history.progress import Progress
from emcheck.history.rollup import ranked, ranked_districts, weaknesses
from emcheck.history.round import UNASSIGNED, Unit
from emcheck.i18n import Lang, chooser
from emcheck.report.progress.cells import Column, Table
from emcheck.report.progress.figures import figures, zone_name


def rankings(progress: Progress, lang: Lang) -> list[Table]:
    t = chooser(lang)
    head = (Column(t("名次", "rank"), "int", "rank"), Column(t("单位", "unit"), key="unit"))
    rate = (
        Column(t("合格率", "compliance"), "percent", "compliance"),
        Column(t("逾期", "overdue"), "int", "overdue"),
    )
    districts = ranked_districts(progress.round)
    district_rows = tuple(
        (i, d.name, zone_name(_zone_of(d.units), lang), *figures(d.tally)[6:8])
        for i, d in enumerate(districts, 1)
    )
    villages = ranked(u for u in progress.round.units if not u.is_district)
    village_rows = tuple(
        (i, u.name, zone_name(u.zone, lang), *figures(u.tally)[6:8])
        for i, u in enumerate(villages, 1)
    )
    zone = Column(t("经济区", "zone"), key="zone")
    return [
        Table(
            "ranking-districts",
            t("区/乡镇/街道排名", "Ranking: districts, townships and streets"),
            (*head, zone, *rate),
            district_rows,
            t(
                "按本级及所辖村（社区）合计的合格率从高到低，再按逾期项从少到多，同分按名称。",
                "By compliance of the unit and the villages it holds (highest first), then "
                "fewer overdue items, then name.",
            ),
        ),
        Table(
            "ranking-villages",
            t("村/社区排名", "Ranking: villages and communities"),
            (*head, zone, *rate),
            village_rows,
        ),
    ]


def _zone_of(units: tuple[Unit, ...]) -> str:
    return units[0].zone if units else UNASSIGNED


def common_weaknesses(progress: Progress, lang: Lang) -> Table:
    t = chooser(lang)
    columns = (
        Column(t("规则", "rule"), key="rule"),
        Column(t("条款", "clause"), key="clause"),
        Column(t("问题", "requirement"), key="title"),
        Column(t("未达标单位数", "units failing"), "int", "failing"),
        Column(t("适用单位数", "units applicable"), "int", "applicable"),
    )
    rows = tuple(
        (w.rule_id, w.clause, w.title.get(lang), w.units_failing, w.units_applicable)
        for w in weaknesses(progress.round)
    )
    note = t(
        "按未达标单位数从多到少：督导检查宜优先关注排在前面的条款。",
        "Most units failing first: what a supervision visit should target.",
    )
    return Table("weaknesses", t("共性问题", "Common weaknesses"), columns, rows, note)
