"""``--kind markdown``: the recheck as a page: conclusion, counts, then every item."""

from __future__ import annotations

from emcheck.history.recheck import CONCLUSION_WORDS, STATUS_ORDER, STATUS_WORDS, Recheck
from emcheck.i18n import chooser
from emcheck.report.markdown import escape
from emcheck.report.recheck import RecheckContext
from emcheck.report.recheck.rows import item_row


def render(recheck: Recheck, context: RecheckContext) -> bytes:
    t = chooser(context.lang)
    lang = context.lang
    earlier = "、".join(f"{d}" for _, d in recheck.rounds)
    lines = [
        f"# {t('整改复查情况', 'Rectification recheck')}（{recheck.as_of}）",
        "",
        t(f"对照 {earlier} 的检查结果复查。", f"Rechecked against the audit(s) of {earlier}."),
        "",
        f"**{t('结论', 'Conclusion')}：{CONCLUSION_WORDS[recheck.conclusion].get(lang)}**",
        "",
    ]
    counts = [
        f"{STATUS_WORDS[s].get(lang)} {recheck.count(s)}" for s in STATUS_ORDER if recheck.count(s)
    ]
    lines += [escape("；".join(counts) if lang == "zh" else "; ".join(counts)), ""]
    lines += [f"> {escape(n.get(lang))}" for n in recheck.notes]
    lines += ["", _table(recheck, context)]
    if recheck.strays:
        lines += ["", f"## {t('台账中对应不上的行', 'Ledger rows matching no finding')}", ""]
        lines += [
            f"- {escape(s.sheet)} {s.row}：{escape(s.description or s.key)}" for s in recheck.strays
        ]
    if recheck.unreadable:
        lines += ["", f"## {t('未能审核的文件', 'Files not audited')}", ""]
        lines += [f"- {escape(u.file)}：{escape(u.message.get(lang))}" for u in recheck.unreadable]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _table(recheck: Recheck, context: RecheckContext) -> str:
    t = chooser(context.lang)
    header = [
        t("状态", "status"),
        t("单位", "unit"),
        t("条款", "clause"),
        t("问题描述", "finding"),
        t("整改期限", "deadline"),
        t("逾期天数", "days overdue"),
        t("单位反馈", "unit's answer"),
        t("位置", "where"),
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for item in recheck.items:
        row = item_row(item, context.pack, context.lang)
        answer = item.answer
        said = "；".join(x for x in (answer.progress, answer.situation) if x) if answer else ""
        cells = [
            row.status,
            row.unit,
            f"{row.clause} {row.rule_id}",
            row.description + (f"（{row.note}）" if row.note else ""),
            str(row.deadline or ""),
            str(row.days_overdue or ""),
            said,
            row.where,
        ]
        lines.append("| " + " | ".join(escape(c).replace("\n", "<br>") for c in cells) + " |")
    return "\n".join(lines)
