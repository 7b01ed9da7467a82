"""Figures every progress table shares: the audit summary's counts, zone names, roll-up order."""

from __future__ import annotations

from collections.abc import Iterable

from emcheck.audit.outcomes import LEVEL_NAMES
from emcheck.audit.vocabulary import Tally
from emcheck.history.progress import Progress
from emcheck.history.rollup import zones
from emcheck.history.round import UNASSIGNED, Unit
from emcheck.i18n import Lang, chooser
from emcheck.report.progress.cells import Cell, Column


def figure_columns(lang: Lang) -> tuple[Column, ...]:
    t = chooser(lang)
    return (
        Column(t("适用检查项", "applicable"), "int", "applicable"),
        Column(t("符合", "pass"), "int", "pass"),
        Column(t("不符合", "fail"), "int", "fail"),
        Column(t("需关注", "warnings"), "int", "warnings"),
        Column(t("无法检查", "not checked"), "int", "error"),
        Column(t("已豁免", "waived"), "int", "waived"),
        Column(t("合格率", "compliance"), "percent", "compliance"),
        Column(t("逾期", "overdue"), "int", "overdue"),
    )


def figures(tally: Tally) -> tuple[Cell, ...]:
    # 不符合 counts failures that block compliance; 需关注 (warnings) are shown on their own.
    return (
        tally.applicable,
        tally.passed,
        tally.failed - tally.warnings,
        tally.warnings,
        tally.errors,
        tally.waived,
        None if tally.compliance is None else round(tally.compliance, 1),
        tally.overdue,
    )


def zone_name(name: str, lang: Lang) -> str:
    return chooser(lang)("未归属", "unassigned") if name == UNASSIGNED else name


def tree(progress: Progress) -> Iterable[tuple[str, str, Unit]]:
    """Units in roll-up order with their zone and the district they belong to."""
    for zone in zones(progress.round):
        for district in zone.districts:
            for unit in district.units:
                yield zone.name, district.name, unit
        for unit in zone.unassigned:
            yield zone.name, "", unit


def level_name(unit: Unit, lang: Lang) -> str:
    return LEVEL_NAMES[unit.level].get(lang)
