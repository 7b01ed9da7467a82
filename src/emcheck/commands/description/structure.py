"""Describers of the operators on sets, dates and other checks (covers … rules)."""

from __future__ import annotations

from collections.abc import Mapping

from emcheck.commands.description.words import Described, Describing
from emcheck.rulepack.operators.combinators import EachSpec, PartsSpec, RulesSpec
from emcheck.rulepack.operators.coverage import CoversSpec, PartitionSpec, SizesSpec
from emcheck.rulepack.operators.dates import NotFutureSpec, RecentSpec
from emcheck.rulepack.operators.files import AttachmentsSpec
from emcheck.rulepack.operators.sameness import DuplicatesSpec


def covers(spec: CoversSpec, d: Describing) -> Described:
    items, where, field = d.values(spec.items), spec.where, spec.field
    if field:
        head = d.t(
            f"{d.items_in(spec.path, where)} {field} 涵盖以下全部：{items}",
            f"{field} across {d.items_in(spec.path, where)} covers all of: {items}",
        )
    else:
        head = d.t(
            f"{d.items_in(spec.path, where)}包括以下全部：{items}",
            f"{d.items_in(spec.path, where)} includes all of: {items}",
        )
    hazards: Mapping[str, str] = spec.excused_by_absent_hazard or {}
    if hazards:
        excused = d.sep.join(
            item if item == hazard else d.t(f"{item}（{hazard}）", f"{item} ({hazard})")
            for item, hazard in hazards.items()
        )
        head += d.t(
            f"；单位在 hazards_absent 中如实说明本地没有相应灾种的，可免：{excused}",
            f"; excused where the unit declares the hazard absent in hazards_absent with a real "
            f"reason: {excused}",
        )
    return Described(head)


def partition(spec: PartitionSpec, d: Describing) -> Described:
    path, field, of = d.path(spec.path), spec.field, d.path(spec.of)
    return Described(
        d.t(
            f"{of} 中每个真实的单位恰好是 {path} 中一项的 {field}，{path} 中没有未列出的单位，"
            "且至少有一个单位",
            f"every real entry of {of} is the {field} of exactly one item of {path}, no item "
            "names an unlisted one, and there is at least one",
        )
    )


def sizes(spec: SizesSpec, d: Describing) -> Described:
    path, field, total = d.path(spec.path), spec.field, d.path(spec.total)
    bounds = d.range(spec.min, spec.max)
    return Described(
        d.t(
            f"{path} 每一项的 {field} 是数字且{bounds}；{total} 无法分成这样大小的几份时，"
            f"可以超出范围，但份数须最少；{total} 缺失或为 0、或没有条目时不满足",
            f"the {field} of every item of {path} is a number and {bounds}; when {total} "
            "cannot be split into such parts, sizes outside the range are accepted with the "
            f"fewest parts only; a missing or zero {total}, or no items, fails",
        )
    )


def attachments(spec: AttachmentsSpec, d: Describing) -> Described:
    items = d.items_in(spec.path, spec.where) if spec.path else d.t("该项", "the item")
    least = d.value(spec.min) if spec.min is not None else "0"
    return Described(
        d.t(
            f"{items}列出的佐证附件均可用（在站点文件夹内、非空、不超过大小上限、实为 JPEG、PNG、"
            f"PDF、DOCX、XLSX 或 OFD），且每项至少 {least} 个",
            f"every attachment listed under {items} is usable (inside the site folder, not "
            f"empty, within the size limit, really a JPEG, PNG, PDF, DOCX, XLSX or OFD), at "
            f"least {least} on each",
        )
    )


def duplicates(spec: DuplicatesSpec, d: Describing) -> Described:
    if spec.of == "attachments":
        what = d.t("同一附件（SHA-256 相同）", "the same attachment (same SHA-256)")
    elif spec.of == "phones":
        what = d.t("同一手机号码登记在另一姓名下", "the same mobile number under another name")
    else:
        least = d.value(spec.min_chars) if spec.min_chars is not None else "1"
        what = d.t(
            f"同一段不少于 {least} 字的文字（忽略空白和标点）",
            f"the same text of at least {least} characters (spacing and punctuation aside)",
        )
        if spec.excluding:
            what += d.t(
                f"（{d.sep.join(spec.excluding)} 字段除外）",
                f", except {d.sep.join(spec.excluding)}",
            )
    return Described(
        d.t(
            f"同一次核查的其他单位中没有{what}（材料雷同）；无雷同时为“不适用”，不算符合",
            f"no other unit audited in the same run shows {what} (copied material); with no "
            "copy the rule is not applicable, never a pass",
        )
    )


# Dates ----------------------------------------------------------------------------------------


def recent(spec: RecentSpec, d: Describing) -> Described:
    path = d.path(spec.path)
    return Described(
        d.t(
            f"{path} 在{d.window(spec.window())}，晚于审核日的不算",
            f"{path} is {d.window(spec.window())} (a later date fails)",
        )
    )


def not_future(spec: NotFutureSpec, d: Describing) -> Described:
    path = d.path(spec.path)
    return Described(
        d.t(
            f"{path} 不晚于审核日（未填写的不算不符合）",
            f"{path} is not after the audit date (a missing date passes)",
        )
    )


# Combinators ----------------------------------------------------------------------------------


def each(spec: EachSpec, d: Describing) -> Described:
    where = spec.where
    if d.lang == "zh":
        within = f" 里 {d.where(where)}" if where else ""
        head = f"对 {d.path(spec.path)}{within} 的每一项"
    else:
        head = f"for each item of {d.items_in(spec.path, where)}"
    head += (
        d.t("（没有这样的条目也算满足）", " (none at all also passes)")
        if spec.allow_empty
        else d.t("（至少要有一项，没有即不满足）", " (there must be at least one: none fails)")
    )
    check = spec.check
    if check.operator == "all" and check.label is None and check.severity is None:
        # "For each item: all of: …" says no more than "for each item: …".
        return Described(head, tuple(d.check(c) for c in check.spec.checks()))
    return Described(head, (d.check(check),))


def all_(spec: PartsSpec, d: Describing) -> Described:
    return Described(d.t("全部满足", "all of"), tuple(d.check(c) for c in spec.parts))


def any_(spec: PartsSpec, d: Describing) -> Described:
    return Described(d.t("至少满足一项", "at least one of"), tuple(d.check(c) for c in spec.parts))


def rules(spec: RulesSpec, d: Describing) -> Described:
    titles = {rule.id: rule.title.get(d.lang) for rule in d.pack.rules}
    return Described(
        d.t(
            "以下规则对同一单位都没有不符合或无法检查，且至少一条适用",
            "none of these rules fails or cannot be checked on the same unit, and at least one applies",
        ),
        tuple(Described(f"{rule_id} {titles.get(rule_id, '')}".rstrip()) for rule_id in spec.ids),
    )
