"""``emcheck convert IN -o OUT``: a site file to a site workbook, or back, nothing lost.

Every value of the schema goes across both ways (the tests prove it on every example).
``# emcheck: ignore`` comments and ``# 备注：`` notes become the 备注/豁免 cell of their
record, and any text in that cell comes back as a comment (a note as ``# 备注：``); other
comments cannot live in a workbook, and the lines they were on are told.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
import yaml

from emcheck import exit_codes
from emcheck.audit.units import read_site
from emcheck.commands.init import write_new_file
from emcheck.errors import InputError, Location
from emcheck.i18n import Lang, Text
from emcheck.loading.discovery import WORKBOOK_SUFFIXES
from emcheck.loading.document import Document, JsonPath
from emcheck.sitebook.comments import NOTE, dropped_lines, ignore_text, remarks_of, with_ignores
from emcheck.sitebook.layout import Layout, layout_for
from emcheck.sitebook.rows import repeated_parent, table_rows
from emcheck.sitebook.writing import site_workbook


def run_convert(source: Path, output: Path, lang: Lang, force: bool) -> int:
    to_workbook = output.suffix.lower() == ".xlsx"
    from_workbook = source.suffix.lower() in WORKBOOK_SUFFIXES
    if to_workbook == from_workbook:
        raise InputError(
            Location(str(output)),
            Text(
                "convert 在 YAML 站点文件（.yaml）和站点工作簿（.xlsx）之间转换：输出应为另一种",
                "convert goes between a YAML site file and a site workbook (.xlsx): the output "
                "must be the other kind",
            ),
        )
    document = read_site(source)
    if to_workbook:
        level = str(document.data.get("level"))
        layout = layout_for(level)
        _refuse_repeated_parent(document, layout)
        rows = [r.path for t in layout.tables for r in table_rows(layout, t, document.data)]
        text = source.read_text(encoding=document.encoding)
        remarks = remarks_of(document, rows, text)
        data = site_workbook(document.data, level, lang, date.today(), remarks)
        lost = dropped_lines(text)
    else:
        data, lost = _yaml(document).encode("utf-8"), []
    write_new_file(output, data, force)
    typer.echo(Text(f"已写入 {output}", f"wrote {output}").get(lang), err=True)
    if lost:
        shown = "、".join(map(str, lost))
        typer.echo(
            Text(
                f"工作簿中不保留注释：{source} 第 {shown} 行的注释未转换"
                "（emcheck: ignore 和“备注：”开头的注释已转入“备注/豁免”列）",
                f"a workbook keeps no comments: those on lines {', '.join(map(str, lost))} of "
                f"{source} were dropped (emcheck: ignore and 备注： ones went to the remarks "
                "column)",
            ).get(lang),
            err=True,
        )
    return exit_codes.OK


def _refuse_repeated_parent(document: Document, layout: Layout) -> None:
    found = repeated_parent(layout, document.data)
    if found is not None:
        path, label = found
        raise InputError(
            document.location_of(path),
            Text(
                f"“{label}”出现不止一次，工作簿的明细行按名称对应，无法区分：请合并或改名后再转换",
                f"'{label}' appears more than once; a workbook's detail rows name it, so they "
                "could not be told apart: merge or rename them, then convert",
            ),
        )


def _yaml(document: Document) -> str:
    text = yaml.safe_dump(
        document.data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    ignores: dict[JsonPath, str] = {}
    for ignore in document.ignores:
        where = ignore.location
        paths = [
            p
            for p, at in document.positions.items()
            if at.sheet == where.sheet and at.line == where.line
        ]
        if paths:
            ignores[min(paths, key=len)] = ignore_text(ignore)
    for path, note in document.notes:
        ignores[path] = NOTE + note
    return with_ignores(text, document.file, ignores)
