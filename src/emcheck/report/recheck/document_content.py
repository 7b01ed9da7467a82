"""What the 整改复查意见书 says, in order, as blocks for the Word writer.

Every sentence comes from the ``recheck`` wording templates, every item's cells from
:func:`~emcheck.report.recheck.rows.item_row`, and every status and the conclusion from the
recheck itself: nothing is judged here. Sections: 复查基本情况, [已整改销号的问题], landscape
[未整改的问题, 新发现和反弹的问题], [经批准豁免的问题], [未复查的问题], 复查结论, 下一步要求;
then the closing and the signature block, as on the notice. A section with no item is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from emcheck.history.recheck import (
    CONCLUSION_WORDS,
    FIXED,
    NEW,
    NOT_RECHECKED,
    OPEN,
    REGRESSED,
    STATUS_WORDS,
    WAIVED_NOW,
    Item,
    Recheck,
    done_percent,
    mostly_percent,
)
from emcheck.report.blocks import Block, Orientation, Table, Title
from emcheck.report.composer import Composer
from emcheck.report.recheck import RecheckContext
from emcheck.report.recheck.rows import ItemRow, item_row
from emcheck.report.wording import wording

COUNT_ORDER = (FIXED, OPEN, NEW, REGRESSED, WAIVED_NOW, NOT_RECHECKED)
"""The columns of the counts table: the order the document's sections take."""
Widths = tuple[tuple[float, ...], ...]
"""A table's relative column widths, one set per layout: with and without the column
单位报告的整改情况, which is there only when a returned ledger was read."""
FIXED_WIDTHS: Widths = ((8, 14, 56, 22), (8, 14, 40, 20, 40))
OPEN_WIDTHS: Widths = ((8, 14, 68, 20, 24, 12), (8, 14, 50, 20, 26, 13, 42))
FRESH_WIDTHS: Widths = ((8, 14, 17, 51, 20, 45, 28),)


def recheck_blocks(recheck: Recheck, context: RecheckContext) -> list[Block]:
    return _Opinion(recheck, context).build()


def base_values(recheck: Recheck, context: RecheckContext) -> dict[str, Any]:
    """What every template may use."""
    meta, notice, lang = context.meta, recheck.notice, context.lang
    units = list(recheck.units) or list(dict.fromkeys(i.unit_name for i in recheck.items))
    separator = "、" if lang == "zh" else ", "
    counts = {s: recheck.count(s) for s in COUNT_ORDER}
    return {
        "issuer": meta.issuer,
        "number": meta.number,
        "as_of": recheck.as_of,
        "unit": separator.join(units),
        "standard": context.pack.standard.get(lang),
        "earlier": [d for _, d in recheck.rounds],
        "checked_on": recheck.rounds[-1][1] if recheck.rounds else None,
        "notice": None
        if notice is None
        else {"number": notice.number, "issued_on": notice.issued_on, "issuer": notice.issuer},
        "notes": [n.get(lang) for n in recheck.notes],
        "rectification_days": int(context.pack.settings["rectification_days"]),
        "counts": {"not_rechecked" if s == NOT_RECHECKED else s: n for s, n in counts.items()},
        "followed": sum(1 for i in recheck.items if i.earlier is not None),
        "conclusion": recheck.conclusion,
        "conclusion_text": CONCLUSION_WORDS[recheck.conclusion].get(lang),
        "threshold": f"{mostly_percent(context.pack):g}",
        "done_rate": done_percent(recheck.items),
        "contact": meta.contact,
        "inspectors": [{"name": i.name, "certificate": i.certificate} for i in meta.inspectors],
        "tab": "\t",
    }


class _Opinion:
    def __init__(self, recheck: Recheck, context: RecheckContext) -> None:
        self.recheck = recheck
        self.lang = context.lang
        self.rows = [(item, item_row(item, context.pack, context.lang)) for item in recheck.items]
        self.answered = recheck.ledger is not None
        words = wording(context.lang, name="recheck")
        self.out = Composer(words, base_values(recheck, context))

    def build(self) -> list[Block]:
        out = self.out
        out.say("number_line", "centered")
        out.add(Title(out.text("title")))
        out.say("addressee", "plain")
        out.say("opening")
        self._overview()
        self._fixed()
        # The open and new items carry deadlines and measures: wide tables, landscape pages.
        wide = bool(self._of(OPEN, NEW, REGRESSED))
        if wide:
            out.add(Orientation(landscape=True))
        self._open()
        self._fresh()
        if wide:
            out.add(Orientation(landscape=False))
        self._listed(WAIVED_NOW, "waived")
        self._listed(NOT_RECHECKED, "not_rechecked")
        out.heading(1, "heading_conclusion")
        out.say("conclusion")
        out.heading(1, "heading_requirements")
        out.say("requirements")
        out.say("closing", "closing")
        out.say("contact_note", "note")
        out.say("signature_unit", "signature")
        out.say("signature_inspectors", "signature")
        return out.blocks

    def _of(self, *statuses: str) -> list[tuple[Item, ItemRow]]:
        return [(item, row) for item, row in self.rows if item.status in statuses]

    def _table(
        self,
        key: str,
        rows: Sequence[tuple[str, ...]],
        layouts: Widths,
        centered: tuple[int, ...],
        **values: Any,
    ) -> None:
        """The intro sentence, the caption and the table, numbered in turn."""
        number = self.out.next_table()
        self.out.say(f"{key}_intro", table=number, **values)
        self.out.say(f"caption_{key}", "caption", table=number)
        header = tuple(self.out.lines(f"{key}_table_header", answered=self.answered))
        widths = next(w for w in layouts if len(w) == len(header))
        self.out.add(Table("recheck", header, tuple(rows), widths, centered))

    def _overview(self) -> None:
        self.out.heading(1, "heading_overview")
        number = self.out.next_table()
        self.out.say("overview", table=number)
        self.out.say("caption_counts", "caption", table=number)
        header = (
            self.out.text("counts_unit_header"),
            *(_capitalized(STATUS_WORDS[s].get(self.lang)) for s in COUNT_ORDER),
            self.out.text("total_label"),
        )
        widths = (18, *([13.0] * len(COUNT_ORDER)), 9)
        centered = tuple(range(1, len(header)))
        self.out.add(Table("recheck", header, tuple(self._count_rows()), widths, centered))
        unreadable = self.recheck.unreadable
        if unreadable:
            files = [{"file": u.file, "message": u.message.get(self.lang)} for u in unreadable]
            self.out.say("unreadable", count=len(unreadable), files=files)
        if self.recheck.strays:
            rows = [
                {"sheet": s.sheet, "row": s.row, "description": s.description or s.key}
                for s in self.recheck.strays
            ]
            self.out.say("strays", ledger=self.recheck.ledger, rows=rows)

    def _count_rows(self) -> list[tuple[str, ...]]:
        """One row per unit, by unit id (a street before its villages), then the total."""
        rows = []
        for unit_id, name in sorted({(i.unit_id, r.unit) for i, r in self.rows}):
            mine = [i.status for i, _ in self.rows if i.unit_id == unit_id]
            counts = [mine.count(s) for s in COUNT_ORDER]
            rows.append((name, *map(str, counts), str(len(mine))))
        totals = [self.recheck.count(s) for s in COUNT_ORDER]
        rows.append((self.out.text("total_label"), *map(str, totals), str(sum(totals))))
        return rows

    def _fixed(self) -> None:
        fixed = self._of(FIXED)
        if not fixed:
            return
        self.out.heading(1, "heading_fixed")
        rows = [
            (str(n), row.unit, row.description, self._clause(row), *self._answer(item))
            for n, (item, row) in enumerate(fixed, 1)
        ]
        self._table("fixed", rows, FIXED_WIDTHS, (0, 3), count=len(rows))

    def _open(self) -> None:
        still = self._of(OPEN)
        if not still:
            return
        self.out.heading(1, "heading_open")
        rows = [
            (
                str(n),
                row.unit,
                row.description,
                self._clause(row),
                self.out.text("item_deadline", deadline=row.deadline),
                self.out.text("item_days_overdue", days_overdue=row.days_overdue),
                *self._answer(item),
            )
            for n, (item, row) in enumerate(still, 1)
        ]
        overdue = sum(1 for _, row in still if row.days_overdue)
        self._table("open", rows, OPEN_WIDTHS, (0, 3, 4, 5), count=len(rows), overdue=overdue)

    def _fresh(self) -> None:
        fresh = self._of(NEW, REGRESSED)
        if not fresh:
            return
        self.out.heading(1, "heading_fresh")
        rows = [
            (
                str(n),
                row.unit,
                row.status,
                row.description,
                self._clause(row),
                row.advice,
                self.out.text("item_deadline", deadline=row.deadline),
            )
            for n, (_, row) in enumerate(fresh, 1)
        ]
        counts = {"new": self.recheck.count(NEW), "regressed": self.recheck.count(REGRESSED)}
        self._table("fresh", rows, FRESH_WIDTHS, (0, 2, 4, 6), **counts)

    def _listed(self, status: str, key: str) -> None:
        """Waived and not-rechecked items: a sentence, then one numbered paragraph each."""
        listed = self._of(status)
        if not listed:
            return
        self.out.heading(1, f"heading_{key}")
        units = list(dict.fromkeys(row.unit for _, row in listed))
        self.out.say(f"{key}_intro", count=len(listed), units=units)
        for n, (_, row) in enumerate(listed, 1):
            values: dict[str, Any] = {
                "number": n,
                "unit_name": row.unit,
                "clause": row.clause,
                "rule_id": row.rule_id,
                "title": row.title,
                "description": row.description,
                "reason": row.note,
            }
            self.out.say(f"{key}_item", **values)

    def _clause(self, row: ItemRow) -> str:
        return self.out.text("item_clause", clause=row.clause, rule_id=row.rule_id)

    def _answer(self, item: Item) -> tuple[str, ...]:
        """The 单位报告 cell when a ledger was read: what the unit wrote, or that it wrote nothing."""
        if not self.answered:
            return ()
        answer = item.answer
        if answer is None:
            return (self.out.text("item_no_answer"),)
        said = self.out.lines(
            "item_answer",
            progress=answer.progress,
            situation=answer.situation,
            completed_on=answer.completed_on,
            responsible=answer.responsible,
        )
        return ("\n".join(said) or self.out.text("item_no_answer"),)


def _capitalized(word: str) -> str:
    """A status as a column header: "Not fixed" (no change to Chinese)."""
    return word[:1].upper() + word[1:]
