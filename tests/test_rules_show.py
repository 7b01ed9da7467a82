"""``rules show`` in one language with the check in words; ``rules list`` aligned by display width."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len

from emcheck.audit.vocabulary import SEVERITY
from emcheck.commands.description import DESCRIBERS, describe_check, describe_rule
from emcheck.i18n import LANGS, Lang
from emcheck.rulepack.model import RulePack
from emcheck.rulepack.operators import OPERATORS, build_check

Cli = Callable[..., Any]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_every_operator_has_a_describer() -> None:
    missing = sorted(set(OPERATORS) - set(DESCRIBERS))
    assert not missing, f"operators without a describer in commands/description/: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_builtin_rule_describes_without_raw_json(pack: RulePack, lang: Lang) -> None:
    for rule in pack.rules:
        lines = describe_rule(rule, pack, lang)
        assert lines, rule.id
        text = "\n".join(lines)
        for raw in ("{", "}", "['", "True", "False", "None"):
            assert raw not in text, f"{rule.id} ({lang}): {raw!r} in\n{text}"


def test_where_conditions_and_settings_in_words(pack: RulePack) -> None:
    check = {
        "label": {"zh": "样例", "en": "sample"},
        "severity": "warning",
        "count": {
            "path": "materials",
            "where": {
                "category": {"in": ["灭火救援", "防汛抗旱"]},
                "items": {"some": {"quantity": {"above": 0}}},
                "note": {"present": False},
                "updated": {"within": {"months": "$database_update_months"}},
                "owner": {"other_than": ["/office.director.name"]},
            },
            "min": "$office_staff_min",
            "max": 5,
        },
    }
    (zh,) = describe_check(build_check(check), pack, "zh")
    assert zh.startswith("样例：materials 里 category 为 灭火救援、防汛抗旱 之一")
    assert "items 中至少有一项（quantity 大于 0）" in zh
    assert "note 未如实填写" in zh
    assert "updated 在审核日前 6 个月内（$database_update_months）" in zh
    assert "owner 不同于 本单位的 office.director.name" in zh
    assert "在 1–5 之间（$office_staff_min–5）" in zh
    assert "需关注" in zh
    (en,) = describe_check(build_check(check), pack, "en")
    assert "category is one of 灭火救援, 防汛抗旱" in en
    assert "within 6 months ($database_update_months) before the audit date" in en
    assert "is between 1 and 5 ($office_staff_min–5)" in en
    assert "：" not in en and "（" not in en


def test_each_says_what_an_empty_list_does(pack: RulePack) -> None:
    inner = {"present": {"paths": ["name"]}}
    strict = describe_check(build_check({"each": {"path": "grids", "check": inner}}), pack, "zh")
    lenient = describe_check(
        build_check({"each": {"path": "grids", "allow_empty": True, "check": inner}}), pack, "en"
    )
    assert strict == ["对 grids 的每一项（至少要有一项，没有即不满足）：", "  - name 已如实填写"]
    assert lenient == [
        "for each item of grids (none at all also passes):",
        "  - name is filled in for real",
    ]


def _show(cli: Cli, rule: str, lang: str) -> str:
    result = cli("rules", "show", rule, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert "{" not in result.output and "}" not in result.output, "no JSON dump"
    return str(result.output)


def test_show_org_08_in_chinese(cli: Cli) -> None:
    shown = _show(cli, "ORG-08", "zh")
    for part in (
        "区(试点)组建20-30人的应急救援队",
        "条款: 二(一)5",
        "严重程度: 不符合",
        "适用层级: 区（试点）",
        "完成时限: 2月底前",
        "检查方法:\n  全部满足：",
        "- 应急救援队人数：rescue_team.members 中按 name 去重后的真实条目数在 20–30 之间"
        "（$district_team_min–$district_team_max）",
        "- 队长（应由应急管理办公室主任兼任）：rescue_team.captain 与 office.director.name 相同",
        "- 队长列入队员名单：rescue_team.captain 是 rescue_team.members 中某一项的 name",
        "- 对 rescue_team.members 的每一项（没有这样的条目也算满足）：",
        "- 队员来源：category 为 民兵、预备役人员、保安员、基层警务人员、医务人员、其他专业人员 之一",
        "district_team_min = 20",
    ):
        assert part in shown, part
    for english in ("The district has", "section", "severity", "deadline", "2-last"):
        assert english not in shown


def test_show_org_08_in_english(cli: Cli) -> None:
    shown = _show(cli, "org-08", "en")
    for part in (
        "The district has a rescue team of 20–30 led by the office director",
        "clause: 二(一)5",
        f"severity: {SEVERITY['error'].en}",
        "levels: district",
        "deadline: by the end of February",
        "how it is checked:\n  all of:",
        "- rescue team size: the number of real entries of rescue_team.members, counted once "
        "per name, is between 20 and 30 ($district_team_min–$district_team_max)",
        "- captain (the office director): rescue_team.captain is the same as office.director.name",
        "- for each item of rescue_team.members (none at all also passes):",
        "- member category: category is one of 民兵, 预备役人员",
    ):
        assert part in shown, part
    for chinese in (
        "区(试点)组建",
        "章节",
        "严重程度",
        "完成时限",
        "检查方法",
        "全部满足",
        "区（试点）",
    ):
        assert chinese not in shown


def test_show_mech_04_in_both_languages(cli: Cli) -> None:
    zh = _show(cli, "MECH-04", "zh")
    for part in (
        "适用层级: 村、社区",
        "完成时限: 3月底前",
        "- 覆盖审核日所在周的周值班计划：duty_plans 里 week_of 在审核日前 7 天内"
        "（$duty_plan_window_days） 的条目中不重复的真实条目数至少 1",
        "- 对 duty_plans 里 week_of 在审核日前 7 天内（$duty_plan_window_days） 的每一项"
        "（没有这样的条目也算满足）：",
        "- 备案单位为本经济区值班室：filed_with 含有 单位所属经济区（$zone）、值班室，"
        "且不含 未、拟、待、尚未、没有 中任何一个",
        "- 备案日期不晚于审核日：filed_on 不晚于审核日",
        "- 值班员：officers 中不重复的真实条目数至少 1",
        "duty_plan_window_days = 7",
    ):
        assert part in zh, part
    en = _show(cli, "MECH-04", "en")
    for part in (
        "levels: village, community",
        "deadline: by the end of March",
        "the number of distinct real entries of duty_plans where week_of is within 7 days "
        "($duty_plan_window_days) before the audit date is at least 1",
        "filed_with contains the unit's economic zone ($zone) and 值班室, "
        "and none of 未, 拟, 待, 尚未, 没有",
        "- filing date given: filed_on is filled in for real",
    ):
        assert part in en, part
    assert "全部满足" not in en and "检查方法" not in en


def test_show_names_when_present_and_no_deadline(cli: Cli) -> None:
    shown = _show(cli, "DATA-01", "zh")
    assert "适用条件: 仅对以下至少一项如实填写的单位检查" in shown and "staff.name" in shown
    assert "严重程度: 需关注" in shown and "完成时限: 无固定时限" in shown
    assert "when_present" not in _show(cli, "ORG-08", "zh")
    assert "applies to: only units with at least one of these" in _show(cli, "DATA-01", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_rules_list_columns_line_up_by_display_width(cli: Cli, pack: RulePack, lang: Lang) -> None:
    result = cli("rules", "list", "--lang", lang)
    assert result.exit_code == 0
    titles = {rule.id: rule.title.get(lang) for rule in pack.rules}
    widths = set()
    rows = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(rows) == len(pack.rules)
    for line in rows:
        rule_id = line.split()[0]
        assert line.endswith(titles[rule_id]), line
        widths.add(cell_len(line[: -len(titles[rule_id])]))
    assert len(widths) == 1, f"titles start at different columns: {sorted(widths)}"
    org_07 = next(line for line in rows if line.split()[0] == "ORG-07")
    assert "二(一)4、二(二)10" in org_07
    if lang == "en":
        assert "village/community" in result.output and "区（试点）" not in result.output
        assert "warning" in result.output and "需关注" not in result.output
    else:
        assert "村/社区" in result.output and "需关注" in result.output
