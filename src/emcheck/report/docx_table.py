"""Tables as WordprocessingML built as text: fixed column widths, a header row that
repeats on every page (``w:tblHeader``), rows that never split across pages
(``w:cantSplit``). Building the XML directly is many times faster than python-docx's
cell-by-cell API, which matters when a report holds a few hundred rows; the rows can also be
made one at a time (:func:`row_texts`), for a table written straight into the file."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.table import CT_Tbl
from docx.shared import Length, Mm

CELL_MARGIN = Mm(1)
"""Left and right cell padding."""
CELL_PADDING = Mm(0.5)
"""Top and bottom cell padding."""


def table_element(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    text_width: Length,
    centered: Collection[int],
    style_ids: tuple[str, str],
    after_rows: str = "",
) -> CT_Tbl:
    """A grid table as one XML string, parsed once (python-docx's cell API is far slower).

    Fixed layout across the text width, columns in proportion to ``widths``; the header
    row repeats on every page (``w:tblHeader``) and no row splits (``w:cantSplit``).
    ``style_ids`` are the paragraph styles of the header and of the other rows;
    ``after_rows`` is XML put after the last row (a marker where more rows will go).
    """
    twips = _twips(widths, text_width)
    side, pad = CELL_MARGIN.twips, CELL_PADDING.twips
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        '<w:tblStyle w:val="TableGrid"/>',
        f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>',
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>',
        f'<w:top w:w="{pad}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>',
        f'<w:bottom w:w="{pad}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>',
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:firstColumn="1"',
        ' w:lastRow="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in twips),
        "</w:tblGrid>",
        _row_xml(header, twips, style_ids[0], range(len(header)), header=True),
        *row_texts(rows, widths, text_width, centered, style_ids[1]),
        after_rows,
        "</w:tbl>",
    ]
    element = parse_xml("".join(parts))
    assert isinstance(element, CT_Tbl)
    return element


def row_texts(
    rows: Iterable[Sequence[str]],
    widths: Sequence[float],
    text_width: Length,
    centered: Collection[int],
    style_id: str,
) -> Iterator[str]:
    """Each row's ``<w:tr>`` as it comes (the body rows of :func:`table_element`)."""
    twips = _twips(widths, text_width)
    return (_row_xml(row, twips, style_id, centered) for row in rows)


def _twips(widths: Sequence[float], text_width: Length) -> list[int]:
    total = sum(widths)
    return [int(text_width.twips * w / total) for w in widths]


def column_width(widths: Sequence[float], column: int, text_width: Length) -> Length:
    """The room inside a cell of ``column``: its share of the width, less the cell margins."""
    return Length(int(text_width * widths[column] / sum(widths)) - 2 * CELL_MARGIN)


def _row_xml(
    cells: Sequence[str],
    twips: Sequence[int],
    style_id: str,
    centered: Collection[int],
    header: bool = False,
) -> str:
    parts = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "", "</w:trPr>"]
    for index, (text, width) in enumerate(zip(cells, twips, strict=True)):
        align = '<w:jc w:val="center"/>' if index in centered else ""
        parts.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        )
        for line in text.split("\n"):
            parts.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{align}</w:pPr>')
            parts.append(f"{_run_xml(line)}</w:p>")
        parts.append("</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def _run_xml(text: str) -> str:
    if not text:
        return ""
    pieces = (f'<w:t xml:space="preserve">{_escape(piece)}</w:t>' for piece in text.split("\t"))
    return "<w:r>" + "<w:tab/>".join(pieces) + "</w:r>"


def _escape(text: str) -> str:
    """As lxml writes text: a carriage return kept as a reference (a parser would read a bare
    one as a line feed), so rows written here read back as those python-docx saves."""
    return escape(text, {"\r": "&#13;"})


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (a control code in a site file value)."""
    return _NOT_XML.sub("\ufffd", text)
