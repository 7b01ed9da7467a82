"""What the progress bulletin (调度通报) says, in order, as blocks for the Word writer.

Every sentence comes from the ``bulletin`` wording templates and every figure from the
progress tables (``tables.py``), so the bulletin says what the console and JSON say.
Sections: 基本情况, 节点完成情况, 排名情况, 共性问题, [与上轮相比], [未能审核的文件],
下一步工作要求; then the closing and, landscape, the attachment with every unit's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from emcheck.history.progress import Progress
from emcheck.i18n import Lang
from emcheck.report.blocks import (
    Block,
    Heading,
    Orientation,
    Paragraph,
    ParagraphRole,
    Picture,
    Title,
)
from emcheck.report.blocks import heading_number as numbered
from emcheck.report.progress.bulletin_tables import grid, table_blocks
from emcheck.report.progress.cells import Cell, Table, shown
from emcheck.report.progress.overview import file_count
from emcheck.report.progress.tables import tables
from emcheck.report.wording import wording

WEAKNESSES_SHOWN = 10
RANKINGS = ("districts", "villages")
CHART_WIDTH = 0.9
"""Of the text block's width."""


class Chart(Protocol):
    """A chart as ``charts.py`` makes it: only its key, title and PNG are used here."""

    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def png(self) -> bytes: ...


def bulletin_blocks(progress: Progress, lang: Lang, charts: Sequence[Chart] = ()) -> list[Block]:
    return _Bulletin(progress, lang, charts).build()


def values(table: Table, index: int) -> dict[str, Cell]:
    """One row of a table by column key."""
    return {c.key: v for c, v in zip(table.columns, table.rows[index], strict=True)}


def _rate(value: Cell) -> str:
    return shown(value, "percent")


class _Bulletin:
    def __init__(self, progress: Progress, lang: Lang, charts: Sequence[Chart]) -> None:
        self.progress = progress
        self.lang = lang
        self.wording = wording(lang, name="bulletin")
        self.tables = {t.key: t for t in tables(progress, lang)}
        self.charts = {c.key: c for c in charts}
        self.blocks: list[Block] = []
        self.counts = {"heading": 0, "table": 0, "figure": 0}

    def build(self) -> list[Block]:
        self.blocks.append(Title(self._text("title")))
        self._say("addressee", "plain")
        self._say("opening")
        self._overview()
        self._nodes()
        self._ranking()
        self._weaknesses()
        if "rounds" in self.tables:
            self._trend()
        if self.tables["unreadable"].rows:
            self._unreadable()
        self._heading("heading_requirements")
        self._say("requirements", **self._requirements())
        self._say("attachment_note", title=self.tables["units"].title)
        self._say("closing", "closing")
        self._attachment()
        return self.blocks

    # ---- wording and numbering ----

    def _text(self, key: str, **given: Any) -> str:
        return self.wording.text(key, **self._common(given))

    def _common(self, given: dict[str, Any]) -> dict[str, Any]:
        round_ = self.progress.round
        return {"standard": self.progress.title.get(self.lang), "as_of": round_.as_of, **given}

    def _say(self, key: str, role: ParagraphRole = "body", /, **given: Any) -> None:
        self.blocks += [
            Paragraph(line, role) for line in self.wording.lines(key, **self._common(given))
        ]

    def _heading(self, key: str) -> None:
        self.counts["heading"] += 1
        number = numbered(1, self.counts["heading"], self.lang)
        self.blocks.append(Heading(1, number, self._text(key)))

    def _next(self, what: str, present: bool = True) -> int:
        """The number the next table or figure will take; 0 when there is no such figure."""
        return self.counts[what] + 1 if present else 0

    def _figure(self, key: str) -> None:
        chart = self.charts.get(key)
        if chart is None:
            return
        self.counts["figure"] += 1
        caption = self._text("caption_figure", number=self.counts["figure"], title=chart.title)
        self.blocks += [Picture(chart.png, CHART_WIDTH), Paragraph(caption, "caption")]

    def _table(self, key: str, note: bool = True) -> None:
        table = self.tables[key]
        self.counts["table"] += 1
        caption = self._text("caption_table", number=self.counts["table"], title=table.title)
        self.blocks += table_blocks(table, caption, table.note if note else "")

    # ---- sections ----

    def _overview(self) -> None:
        self._heading("heading_overview")
        summary = self.tables["summary"]
        total = values(summary, 0)
        self._say(
            "overview",
            files=file_count(self.progress.round),
            unreadable=len(self.tables["unreadable"].rows),
            passed=total["pass"],
            failed=total["fail"],
            errors=total["error"],
            rate=_rate(total["compliance"]),
            **{k: total[k] for k in ("units", "applicable", "warnings", "waived", "overdue")},
        )
        zones = [values(summary, i) for i in range(1, len(summary.rows))]
        named = [{"name": z["scope"], **z, "rate": _rate(z["compliance"])} for z in zones]
        self._say("zones", zones=named, table=self._next("table"))
        # The summary's note says what the lead sentence just said.
        self._table("summary", note=False)

    def _nodes(self) -> None:
        self._heading("heading_nodes")
        table = self.tables["nodes"]
        done = values(table, len(table.rows) - 1)
        nodes = []
        for column in table.columns[1:-1]:
            # The completion row writes each node as "done/units".
            finished, _, total = str(done[column.key]).partition("/")
            nodes.append({"label": column.header, "done": int(finished), "total": int(total)})
        self._say(
            "nodes",
            nodes=nodes,
            no_deadline_done=done["no_deadline"],
            figure=self._next("figure", "nodes" in self.charts),
            table=self._next("table"),
        )
        self._figure("nodes")
        self._table("nodes")

    def _standing(self, key: str) -> list[dict[str, Cell]]:
        table = self.tables[key]
        rows = [values(table, i) for i in range(len(table.rows))]
        return [{"name": r["unit"], **r, "rate": _rate(r["compliance"])} for r in rows]

    def _extremes(self, key: str) -> dict[str, Any]:
        """The units at the top and at the bottom of a ranking, ties included."""
        standing = self._standing(f"ranking-{key}")
        top, bottom = standing[0]["compliance"], standing[-1]["compliance"]
        return {
            "key": key,
            "top": [s["name"] for s in standing if s["compliance"] == top],
            "top_rate": _rate(top),
            "bottom": [s["name"] for s in standing if s["compliance"] == bottom and bottom != top],
            "bottom_rate": _rate(bottom),
        }

    def _ranking(self) -> None:
        self._heading("heading_ranking")
        first = self._next("table")
        self._say(
            "ranking",
            groups=[self._extremes(key) for key in RANKINGS if self.tables[f"ranking-{key}"].rows],
            figure=self._next("figure", "rates" in self.charts),
            tables=self._text("table_pair", first=first, second=first + 1),
        )
        self._figure("rates")
        self._table("ranking-districts")
        self._table("ranking-villages")

    def _weaknesses(self) -> None:
        self._heading("heading_weaknesses")
        table = self.tables["weaknesses"]
        shown_ = min(WEAKNESSES_SHOWN, len(table.rows))
        self._say("weaknesses", shown=shown_, total=len(table.rows))
        for index in range(shown_):
            row = values(table, index)
            self._say("weakness", number=index + 1, **row)

    def _trend(self) -> None:
        self._heading("heading_trend")
        table = self.tables["rounds"]
        before, now = values(table, len(table.rows) - 2), values(table, len(table.rows) - 1)
        self._say(
            "trend",
            previous=before["as_of"],
            previous_rate=_rate(before["compliance"]),
            rate=_rate(now["compliance"]),
            previous_open=before["open"],
            open=now["open"],
            rounds=len(table.rows),
            figure=self._next("figure", "trend" in self.charts),
            table=self._next("table"),
        )
        self._figure("trend")
        self._table("rounds")

    def _unreadable(self) -> None:
        self._heading("heading_unreadable")
        count = len(self.tables["unreadable"].rows)
        self._say("unreadable", count=count, table=self._next("table"))
        self._table("unreadable", note=False)

    def _requirements(self) -> dict[str, Any]:
        lagging = [
            name
            for key in RANKINGS
            if self.tables[f"ranking-{key}"].rows
            for name in self._extremes(key)["bottom"]
        ]
        return {
            "overdue": values(self.tables["summary"], 0)["overdue"],
            "lagging": lagging,
            "unreadable": len(self.tables["unreadable"].rows),
        }

    def _attachment(self) -> None:
        """Every unit's figures: wide, so on landscape pages of their own."""
        self.blocks.append(Orientation(landscape=True))
        self._say("attachment_label", "plain")
        self.blocks += [Title(self.tables["units"].title), grid(self.tables["units"])]
