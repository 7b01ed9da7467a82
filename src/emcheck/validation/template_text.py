"""The fixed wording of a site-file template: what the unit is called and how to fill it in.

The fields' own comments come from the site schema; this is only what the template as a whole
says, which belongs to the way the template is written, not to any field.
"""

from __future__ import annotations

from emcheck.i18n import Lang, Text

UNIT_NAMES = {
    "district": Text("区（试点）", "pilot district"),
    "township": Text("乡镇", "township"),
    "street": Text("街道", "street"),
    "village": Text("村", "village"),
    "community": Text("社区", "community"),
}

_HEADER = Text(
    """\
# {rule}
# {unit} 应急管理体系、能力规范化建设试点 自查材料（站点文件模板）
#
# 用法：
#   emcheck init --level {level} --output 本单位.yaml    生成本模板
#   emcheck validate 本单位.yaml    检查格式
#   emcheck audit 本单位.yaml       对照试点方案审核
#
# 填写说明：
#   · 模板里只填好了身份信息（schema_version、level、id、name、pilot_year），请把 id、name
#     改成本单位的；其余各项都是空的：文字为 ""，列表为 []，“是否”为 false。
#     未经填写的模板审核时，适用的各条都判为“不符合”；只有如实填写的材料才能判为“符合”。
#   · 每项上方的注释说明它是什么；开头的 二(一)2 等是《试点方案》的条款编号。
#   · 示例只作格式参考，示例中的人名、文件名都是虚构的，不要照抄。
#   · 文字直接写在引号里，例如 name: "王某某"；电话号码要加引号。
#   · 日期、数字和从固定选项中选填的内容在模板中是注释行，填写时删去该行的“# ”
#     （井号和其后的一个空格），再改成实际值；日期一律写成 YYYY-MM-DD，不要写晚于实际的日期。
#   · “是否”类字段：核实属实后再改为 true。
#   · 空列表 [] 下方注释掉的几行是一条记录的写法：删去 []，再删去这几行的“# ”；
#     每个“- ”开头的段落是一条记录，可复制增加。标明“不要改动”的行说明该条记录登记什么。
#   · “无”“暂无”“待定”“/”等占位内容和空白一样，按未填写处理。
#   · 没有的材料可以保持空白；缺少的内容在审核时判为“不符合”，不是格式错误。
# {rule}""",
    """\
# {rule}
# Self-assessment of the emergency management standardisation pilot: {unit} (site file template)
#
# How to use it:
#   emcheck init --level {level} --output site.yaml --lang en    writes this template
#   emcheck validate site.yaml    checks the format
#   emcheck audit site.yaml       audits it against the pilot plan
#
# Filling it in:
#   * Only the identity (schema_version, level, id, name, pilot_year) is filled in; change id and
#     name to your unit's. Everything else is empty: text "", lists [], yes/no false. An
#     unedited template fails every rule that applies; only what is truly recorded can pass.
#   * The comment above each field says what it is; a leading number such as 二(一)2 is the
#     clause of the pilot plan it serves.
#   * Examples only show the form: their names and documents are made up, do not copy them.
#   * Write text in quotes, e.g. name: "王某某"; phone numbers need quotes.
#   * Dates, numbers and fixed choices are commented-out lines: delete the leading "# " (hash
#     and one space) and put in the real value; dates are YYYY-MM-DD, never later than the fact.
#   * Yes/no fields: change to true only once checked.
#   * The commented lines under an empty list [] show one entry: delete the [] and the "# " of
#     those lines. Each paragraph starting with "- " is one entry; copy it for more. A line
#     marked "leave as is" says what the entry records.
#   * Placeholders such as 无, 暂无, 待定 or / count as blank.
#   * Leave out what you do not have: it is judged "not met" in the audit, not a format error.
# Comments are in English; the values (choices, names) stay in Chinese as the rules read them.
# {rule}""",
)


def header(level: str, lang: Lang) -> list[str]:
    """The opening comment of the template of ``level``."""
    text = _HEADER.get(lang).format(rule="=" * 76, unit=UNIT_NAMES[level].get(lang), level=level)
    return text.splitlines()
