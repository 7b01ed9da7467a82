"""Lay a report's blocks out as a Word document (python-docx), in the GB/T 9704 format."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from datetime import date

import docx
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.table import CT_Tbl
from docx.shape import InlineShape
from docx.shared import Emu, Length, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from emcheck.report import docx_properties as properties
from emcheck.report.blocks import Block, Heading, Orientation, Paragraph, Picture, Table, Title
from emcheck.report.docx_format import LINE, TEXT_WIDTH, set_up, start_section
from emcheck.report.docx_stream import LaterRows
from emcheck.report.docx_table import column_width, row_texts, table_element, xml_safe

_STYLE_OF_ROLE = {
    "body": "Normal",
    "plain": "EM Plain",
    "centered": "EM Centered",
    "caption": "EM Caption",
    "closing": "EM Closing",
    "note": "EM Note",
    "signature": "EM Signature",
    "label": "EM Label",
    "small": "EM Small",
}
_SET_OFF = ("closing", "signature")
"""Roles whose first paragraph stands one blank line below what precedes it."""

_CENTERED_COLUMNS = {
    "sections": range(1, 8),
    "units": range(1, 8),
    "results": (0, 3),
    "problems": (0, 4, 6),
}


def render(
    blocks: Sequence[Block],
    author: str,
    created: date,
    judged: str,
    subject: str = "",
    keywords: str = "",
    custom: Sequence[tuple[str, str]] = (),
) -> bytes:
    """The .docx bytes of a report; ``judged`` (site file, rule pack) goes in its comments,
    ``custom`` (name, value) into custom properties."""
    document = docx.Document(io.BytesIO(_blank()))
    writer = _Writer(document)
    writer.write(blocks)
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    properties.core(document, title.replace("\n", ""), author, created, judged)
    if custom:
        properties.custom(document, custom)
    if subject:
        document.core_properties.subject = xml_safe(subject)
    if keywords:
        document.core_properties.keywords = xml_safe(keywords)
    buffer = io.BytesIO()
    document.save(buffer)
    return writer.later.splice(buffer.getvalue(), document.part.partname.lstrip("/"))


@functools.cache
def _blank() -> bytes:
    """An empty document with the page, styles and footers set up, made once per process."""
    document = docx.Document()
    set_up(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Writer:
    def __init__(self, document: DocumentObject) -> None:
        self.document = document
        styles = document.styles
        self.style_ids = {name: styles[name].style_id for name in _STYLE_OF_ROLE.values()}
        self.style_ids["Title"] = styles["Title"].style_id
        self.cell_style = styles["EM Table Text"].style_id
        self.header_style = styles["EM Table Header"].style_id
        self.previous: Block | None = None
        self.width: Length = TEXT_WIDTH
        self.later = LaterRows()

    def write(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if isinstance(block, Title):
                self._title(block)
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                self._body(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Picture):
                self._picture(block)
            elif isinstance(block, Orientation):
                self.width = start_section(self.document, block.landscape)
            self.previous = block

    def _paragraph(self, text: str, style_id: str) -> DocxParagraph:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = style_id
        if text:
            paragraph.add_run(xml_safe(text))
        return paragraph

    def _title(self, block: Title) -> None:
        paragraph = self._paragraph("", self.style_ids["Title"])
        for index, line in enumerate(block.text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(xml_safe(line))
        layout = paragraph.paragraph_format
        layout.space_before = LINE if isinstance(self.previous, Paragraph) else Pt(0)
        layout.space_after = LINE

    def _heading(self, block: Heading) -> None:
        paragraph = self._paragraph(f"{block.number}{block.text}", f"Heading{block.level}")
        if isinstance(self.previous, Table):
            paragraph.paragraph_format.space_before = Pt(10)

    def _body(self, block: Paragraph) -> None:
        paragraph = self._paragraph(block.text, self.style_ids[_STYLE_OF_ROLE[block.role]])
        previous = self.previous
        if isinstance(previous, Table):
            paragraph.paragraph_format.space_before = Pt(10)
        elif block.role in _SET_OFF and not (
            isinstance(previous, Paragraph) and previous.role == block.role
        ):
            paragraph.paragraph_format.space_before = LINE
        elif block.role == "caption":
            paragraph.paragraph_format.space_before = Pt(6)

    def _picture(self, block: Picture) -> None:
        paragraph = self._paragraph("", self.style_ids["EM Centered"])
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)
        _put_picture(paragraph, block, self.width)

    def _table(self, block: Table) -> None:
        centered = block.centered
        if centered is None:
            centered = _CENTERED_COLUMNS.get(block.kind, (0, *range(2, len(block.header))))
        header = [xml_safe(h) for h in block.header]
        rows = ([xml_safe(c) for c in row] for row in block.rows)
        styles = (self.header_style, self.cell_style)
        if block.pictures:
            # Pictures go into cells through python-docx: these rows must be in the tree.
            element = table_element(header, list(rows), block.widths, self.width, centered, styles)
            self.document.element.body._insert_tbl(element)
            self._cell_pictures(element, block)
            return
        # Written into the saved file row by row instead (see docx_stream).
        later = row_texts(rows, block.widths, self.width, centered, self.cell_style)
        mark = self.later.mark(later)
        element = table_element(header, [], block.widths, self.width, centered, styles, mark)
        self.document.element.body._insert_tbl(element)

    def _cell_pictures(self, element: CT_Tbl, block: Table) -> None:
        table = DocxTable(element, self.document._body)
        for row, column, picture in block.pictures:
            cell = table.cell(row + 1, column)
            paragraph = cell.add_paragraph(style=self.document.styles["EM Table Text"])
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            shape = _put_picture(paragraph, picture, column_width(block.widths, column, self.width))
            _no_taller(shape, 0.75)


def _put_picture(paragraph: DocxParagraph, picture: Picture, room: Length) -> InlineShape:
    """``picture`` at its share of ``room``."""
    # The exact line height of the text styles would crop the picture to one line.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    width = Emu(int(room * picture.width))
    return paragraph.add_run().add_picture(io.BytesIO(picture.png), width=width)


def _no_taller(shape: InlineShape, ratio: float) -> None:
    """A tall picture scaled down to ``ratio`` of its width in height: a cell stays a row."""
    tallest = int(shape.width * ratio)
    if shape.height > tallest:
        shape.width, shape.height = Emu(shape.width * tallest // shape.height), Emu(tallest)
