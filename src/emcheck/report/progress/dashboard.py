"""``--format html``: one page that works offline — every progress table, the units table
sortable and filterable, and each unit's open findings one click from its row.

The page fetches nothing: its style, script and charts are inline and its
Content-Security-Policy forbids every request; charts are the SVG matplotlib drew. Every text from a site file goes through
jinja2's autoescape. Figures come from ``tables`` as they are; the page only lays them out.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import BinaryIO

import jinja2
from rich.cells import cell_len

from emcheck import __version__
from emcheck.history.progress import Progress
from emcheck.i18n import chooser
from emcheck.report.progress import ProgressOptions
from emcheck.report.progress.cells import Cell, Column, Kind, Table, shown
from emcheck.report.progress.charts import charts
from emcheck.report.progress.tables import tables
from emcheck.resources import template_dir
from emcheck.writing import text_stream

FILTERS = {"units": ("zone", "level"), "ledger": ("unit",)}
"""Tables with a filter bar (a text box, and a choice for each of these columns)."""

ONE_LINE = 24
"""A text column whose longest cell is at most this many terminal cells is kept on one line."""

CARDS = ("units", "fail", "compliance", "overdue")
"""Columns of the summary's first row (all pilots) shown large at the top of the page."""

WIDEST = (16 - 4) * 12
"""A text column this many cells long or longer gets the widest min_em."""

LEDGER_IN_PAGE = 2000
"""Open findings listed flat on the page at most (each unit's are always under the unit)."""


@dataclass(frozen=True)
class ColumnView:
    header: str
    kind: Kind
    key: str
    one_line: bool
    min_em: int | None
    """Long text columns: the least width that keeps them readable."""


@dataclass(frozen=True)
class CellView:
    text: str
    kind: Kind
    value: str | None
    """What the column sorts by: the raw number or ISO date; None sorts last."""


@dataclass(frozen=True)
class RowView:
    cells: tuple[CellView, ...]
    strong: bool
    findings: UnitFindings | tuple[()] = ()
    """Units table only: the unit's rows of the ledger (UnitFindings)."""


@dataclass(frozen=True)
class FilterView:
    key: str
    label: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class TableView:
    key: str
    title: str
    note: str
    columns: tuple[ColumnView, ...]
    rows: RowViews
    sortable: bool
    filters: tuple[FilterView, ...] | None
    """None: no filter bar; empty: the text box alone."""


@dataclass(frozen=True)
class Card:
    label: str
    text: str


def render(progress: Progress, options: ProgressOptions, out: BinaryIO) -> None:
    made = tables(progress, options.lang)
    by_key = {table.key: table for table in made}
    ledger = by_key["ledger"]
    script = _asset("dashboard.js")
    template = _environment().get_template("dashboard.html.j2")
    page = template.generate(
        html_lang="zh-CN" if options.lang == "zh" else "en",
        t=chooser(options.lang),
        as_of=progress.round.as_of.isoformat(),
        standard=progress.title.get(options.lang),
        version=__version__,
        cards=_cards(by_key["summary"]),
        charts=charts(progress, options.lang),
        tables=[_table(_in_page(table, options), ledger) for table in made],
        finding_columns=_columns(ledger)[1:],
        style=_asset("dashboard.css"),
        script=script,
        script_hash=_sha256(script),
    )
    with text_stream(out) as text:
        text.writelines(page)


def _in_page(table: Table, options: ProgressOptions) -> Table:
    """A zone's whole ledger (tens of thousands of rows) would make a page no browser scrolls:
    past LEDGER_IN_PAGE rows each unit's findings stay under the unit, and the flat list is
    left to the workbook."""
    if table.key != "ledger" or len(table.rows) <= LEDGER_IN_PAGE:
        return table
    t = chooser(options.lang)
    note = t(
        f"共 {len(table.rows)} 项未整改问题，页面中不再逐条平铺：各单位的问题在“各单位情况”表中"
        "点击单位名称查看；完整台账请用 --format xlsx。",
        f"{len(table.rows)} open findings, too many to list flat on one page: click a unit's "
        "name in the units table for its findings; the whole list is in --format xlsx.",
    )
    return replace(table, rows=(), note=note, unit_ids=())


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir() / "progress"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> str:
    return (template_dir() / "progress" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    """The CSP source allowing exactly this inline script and no other."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _cards(summary: Table) -> tuple[Card, ...]:
    total = summary.rows[0]
    return tuple(
        Card(column.header, shown(value, column.kind))
        for column, value in zip(summary.columns, total, strict=True)
        if column.key in CARDS
    )


def _table(table: Table, ledger: Table) -> TableView:
    findings = _by_unit(ledger) if table.key == "units" else {}
    return TableView(
        table.key,
        table.title,
        table.note,
        _columns(table),
        RowViews(table, findings),
        sortable=not any(table.emphasis) and len(table.rows) > 1,
        filters=_filters(table),
    )


class RowViews:
    """A table's rows as the page shows them, each made when the page reaches it: a zone's
    units table alone has thousands, and their views held at once cost megabytes."""

    def __init__(self, table: Table, findings: dict[str, UnitFindings]) -> None:
        self.table = table
        self.findings = findings

    def __len__(self) -> int:
        return len(self.table.rows)

    def __iter__(self) -> Iterator[RowView]:
        table = self.table
        strong = table.emphasis or (False,) * len(table.rows)
        # Walked alongside the rows: indexing the ledger's ids would read the spool each time.
        ids = table.unit_ids if self.findings else (None,) * len(table.rows)
        for values, emphasised, unit_id in zip(table.rows, strong, ids, strict=True):
            mine = self.findings.get(unit_id, ()) if unit_id else ()
            yield RowView(_cells(values, table.columns), emphasised, mine)


def _columns(table: Table) -> tuple[ColumnView, ...]:
    longest = _longest_text(table)
    return tuple(
        ColumnView(
            column.header,
            column.kind,
            column.key,
            one_line=wide <= ONE_LINE,
            min_em=None if wide <= ONE_LINE else min(wide // 12 + 4, 16),
        )
        for column, wide in zip(table.columns, longest, strict=True)
    )


def _longest_text(table: Table) -> list[int]:
    """Terminal cells of each text column's longest cell (0 for figures), in one walk,
    measuring only text that could be longer (a character takes two cells at most) up to
    where min_em stops growing."""
    longest = [0] * len(table.columns)
    texts = [i for i, column in enumerate(table.columns) if column.kind == "text"]
    for row in table.rows:
        for index in texts:
            text = shown(row[index], "text")
            if longest[index] < WIDEST and 2 * len(text) > longest[index]:
                longest[index] = max(longest[index], cell_len(text))
    return longest


def _column(table: Table, key: str) -> int | None:
    keys = [c.key for c in table.columns]
    return keys.index(key) if key in keys else None


def _by_unit(ledger: Table) -> dict[str, UnitFindings]:
    """Each unit's ledger rows, read from the spool when the page reaches the unit."""
    unit = _column(ledger, "unit")
    assert unit == 0, "the findings table drops the ledger's first column, the unit"
    spans: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, unit_id in enumerate(ledger.unit_ids):
        mine = spans[unit_id]
        if mine and mine[-1][1] == index:
            mine[-1] = (mine[-1][0], index + 1)
        else:
            mine.append((index, index + 1))
    return {unit_id: UnitFindings(ledger, tuple(s)) for unit_id, s in spans.items()}


class UnitFindings:
    """One unit's rows of the ledger (a unit's findings follow one another in the round),
    without the unit column the unit's row already shows; made when the page is written."""

    def __init__(self, ledger: Table, spans: tuple[tuple[int, int], ...]) -> None:
        self.ledger = ledger
        self.spans = spans

    def __len__(self) -> int:
        return sum(stop - start for start, stop in self.spans)

    def __iter__(self) -> Iterator[RowView]:
        columns = self.ledger.columns[1:]
        for start, stop in self.spans:
            for values in self.ledger.rows[start:stop]:
                yield RowView(_cells(values[1:], columns), False)


def _cells(values: tuple[Cell, ...], columns: tuple[Column, ...]) -> tuple[CellView, ...]:
    return tuple(
        CellView(shown(v, c.kind), c.kind, _sort_value(v))
        for v, c in zip(values, columns, strict=True)
    )


def _sort_value(value: Cell) -> str | None:
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def _filters(table: Table) -> tuple[FilterView, ...] | None:
    if table.key not in FILTERS or len(table.rows) < 2:
        return None
    views = []
    for key in FILTERS[table.key]:
        index = _column(table, key)
        if index is None:
            continue
        choices = dict.fromkeys(str(row[index]) for row in table.rows if row[index])
        views.append(FilterView(key, table.columns[index].header, tuple(choices)))
    return tuple(views)
