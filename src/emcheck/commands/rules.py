"""``emcheck rules list|show|test``: what a rule pack holds, and whether its examples agree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

import typer

from emcheck import exit_codes
from emcheck.audit.outcomes import LEVEL_NAMES
from emcheck.audit.rule_cases import run_all
from emcheck.audit.vocabulary import SEVERITY
from emcheck.commands.description import describe_rule, setting_text, when_present_text
from emcheck.i18n import MONTHS, Lang, Text, chooser, list_separator
from emcheck.reporters.text_layout import columns
from emcheck.rulepack.checks import Check
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.model import Rule, RulePack

_LEVELS = ("district", "village", "community")


def run_list(directory: Path | None, lang: Lang) -> int:
    pack = load_rule_pack(directory)
    # One set of columns for the whole pack, padded by display width (a Chinese character is
    # two cells), so that the titles line up under every section.
    rows: list[list[str]] = []
    sections: list[tuple[str, list[Rule]]] = []
    for section in pack.sections:
        rules = sorted((r for r in pack.rules if r.section == section.id), key=lambda r: r.id)
        sections.append((f"{section.clause} {section.title.get(lang)}", rules))
        rows += [
            [
                rule.id,
                rule.clause,
                SEVERITY[rule.severity].get(lang),
                _levels(rule, lang),
                rule.title.get(lang),
            ]
            for rule in rules
        ]
    lines = iter(columns(rows, right=(False,) * 5, gap=2)) if rows else iter(())
    for heading, rules in sections:
        typer.echo(heading)
        for _rule in rules:
            typer.echo(f"  {next(lines)}")
    typer.echo(Text(f"共 {len(pack.rules)} 条规则", f"{len(pack.rules)} rules").get(lang))
    return exit_codes.OK


def _levels(rule: Rule, lang: Lang) -> str:
    return "/".join(LEVEL_NAMES[level].get(lang) for level in _LEVELS if level in rule.levels)


def run_show(directory: Path | None, rule_id: str, lang: Lang) -> int:
    pack = load_rule_pack(directory)
    matches = [r for r in pack.rules if r.id == rule_id.upper() or r.name == rule_id]
    if not matches:
        typer.echo(
            Text(
                f"emcheck: 没有规则 {rule_id}（用 emcheck rules list 查看全部）",
                f"emcheck: no rule {rule_id} (see emcheck rules list)",
            ).get(lang),
            err=True,
        )
        return exit_codes.INPUT_ERROR
    rule = matches[0]
    section = pack.section(rule.section)
    t = chooser(lang)
    levels = list_separator(lang).join(
        LEVEL_NAMES[level].get(lang) for level in _LEVELS if level in rule.levels
    )
    lines = [
        f"{rule.id}  {rule.name}",
        rule.title.get(lang),
        f"{t('章节', 'section')}: {section.clause} {section.title.get(lang)}",
        f"{t('条款', 'clause')}: {rule.clause}",
        f"{t('原文', 'quote')}: {rule.quote}",
        f"{t('严重程度', 'severity')}: {SEVERITY[rule.severity].get(lang)}",
        f"{t('适用层级', 'levels')}: {levels}",
    ]
    applies = when_present_text(rule, lang)
    if applies:
        lines.append(f"{t('适用条件', 'applies to')}: {applies}")
    lines += [
        f"{t('完成时限', 'deadline')}: {_deadline(pack, rule, lang)}",
        f"{t('定义于', 'defined in')}: {rule.source}",
        f"{t('检查方法', 'how it is checked')}:",
        *(f"  {line}" for line in describe_rule(rule, pack, lang)),
        f"{t('设置', 'settings')}:",
    ]
    lines += [
        f"  {name} = {_variable(pack, name, lang)}" for name in sorted(_variables(rule.check))
    ] or [f"  {t('无', 'none')}"]
    lines.append(_missing_evidence(pack, lang))
    typer.echo("\n".join(lines))
    return exit_codes.OK


def _deadline(pack: RulePack, rule: Rule, lang: Lang) -> str:
    """The pack's own words for the deadline (``2月底前``), else the date in words."""
    if rule.deadline is None:
        return Text("无固定时限", "no fixed deadline").get(lang)
    deadline = pack.deadlines[rule.deadline]
    if deadline.label is not None:
        return deadline.label.get(lang)
    month = MONTHS[deadline.month - 1]
    if deadline.day == "last":
        return Text(f"{deadline.month}月底前", f"by the end of {month}").get(lang)
    return Text(f"{deadline.month}月{deadline.day}日前", f"by {deadline.day} {month}").get(lang)


_BUILTIN = {
    "pilot_year": Text(
        "单位的试点年份（站点文件 pilot_year）", "the unit's pilot year (pilot_year)"
    ),
    "audit_year": Text("审核日期所在年份（--as-of）", "the year of the audit date (--as-of)"),
    "zone": Text(
        "单位所属经济区（站点文件 zone；区文件内的村、社区取区的 zone）",
        "the unit's economic zone (zone; a village or community in a district file takes the district's)",
    ),
}


def _variable(pack: RulePack, name: str, lang: Lang) -> str:
    """A setting's value, or what a built-in variable stands for (and the pack's default)."""
    builtin = _BUILTIN.get(name)
    if builtin is None:
        return setting_text(pack.settings.get(name), lang)
    if name in pack.settings:
        default = setting_text(pack.settings[name], lang)
        return Text(
            f"{builtin.zh}；规则包默认 {default}", f"{builtin.en}; pack default {default}"
        ).get(lang)
    return builtin.get(lang)


def _variables(check: Check) -> set[str]:
    """The ``$name`` references of a check: settings of the pack and built-in variables."""
    return {
        name
        for part in check.walk()
        for spec_field in fields(part.spec)
        for name in _references(getattr(part.spec, spec_field.name))
    }


def _references(value: Any) -> set[str]:
    """The ``$name`` references in a spec's value (a ``where`` condition holds them too)."""
    if isinstance(value, str):
        return {value[1:]} if value.startswith("$") else set()
    if isinstance(value, Mapping):
        return set().union(*(_references(v) for v in value.values()))
    if isinstance(value, (list, tuple)):
        return set().union(*(_references(v) for v in value))
    return set()


def _missing_evidence(pack: RulePack, lang: Lang) -> str:
    """The pack-wide line: what no rule counts as evidence, with the pack's placeholder list."""
    placeholders = pack.settings.get("placeholders")
    listed = (
        setting_text(placeholders, lang)
        if isinstance(placeholders, list) and placeholders
        else Text("（未设置）", "(not set)").get(lang)
    )
    return Text(
        "视同未填写（适用于全部规则）：缺失或 null；只有空白（含全角空格、不间断空格、零宽字符等不可见字符）；"
        "只有标点符号（/、-、……）；只有一个字或同一字符重复（一、xxx、无无无）；只有数字（0）；"
        "以及占位内容（引号、括号、句末标点不计）"
        f" placeholders = {listed}（在 pack.yaml 中补充）",
        "Counted as missing evidence (every rule): missing or null; blank (including full-width, "
        "no-break, zero-width and other invisible characters); punctuation only (/, -, ……); one "
        "character alone or repeated (一, xxx, 无无无); digits only (0); and placeholder text, quotes, "
        f"brackets and final punctuation aside, placeholders = {listed} (extend it in pack.yaml)",
    ).get(lang)


def run_test(directory: Path | None, lang: Lang) -> int:
    pack = load_rule_pack(directory)
    results = run_all(pack)
    disagree = [r for r in results if not r.agrees]
    for result in disagree:
        detail = f" — {result.detail.get(lang)}" if result.detail else ""
        if result.unmet:
            unmet = "、".join(result.unmet) if lang == "zh" else ", ".join(result.unmet)
            detail += Text(
                f"；未如预期不通过：{unmet}", f"; expected to fail but did not: {unmet}"
            ).get(lang)
        typer.echo(
            Text(
                f"✗ {result.rule.id} 样例“{result.case.name}”：预期 {result.case.expect}，实际 {result.got}{detail}（{result.case.location}）",
                f"✗ {result.rule.id} case '{result.case.name}': expected {result.case.expect}, got {result.got}{detail} ({result.case.location})",
            ).get(lang)
        )
    untested = [
        r.id
        for r in pack.rules
        if {c.expect for c in r.cases} < {"pass", "fail"}
        and not {"pass", "fail"} <= {c.expect for c in r.cases}
    ]
    for rule_id in untested:
        typer.echo(
            Text(
                f"! {rule_id} 缺少通过或不通过样例",
                f"! {rule_id} lacks a passing or a failing case",
            ).get(lang)
        )
    typer.echo(
        Text(
            f"{len(results) - len(disagree)} passed, {len(disagree)} failed",
            f"{len(results) - len(disagree)} passed, {len(disagree)} failed",
        ).get(lang)
    )
    return exit_codes.FINDINGS if disagree or untested else exit_codes.OK


def run_lint(directory: Path | None, lang: Lang) -> int:
    pack = load_rule_pack(directory)
    directory = pack.directory
    cases = sum(len(rule.cases) for rule in pack.rules)
    typer.echo(
        Text(
            f"{directory}: 规则包有效（{len(pack.rules)} 条规则，{len(pack.sections)} 个章节，{cases} 个样例）",
            f"{directory}: the rule pack is valid ({len(pack.rules)} rules, {len(pack.sections)} sections, {cases} cases)",
        ).get(lang)
    )
    return exit_codes.OK
