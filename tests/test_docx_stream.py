"""Table rows written into the saved Word file one by one read back exactly as python-docx
would have saved them in its tree, and the rows are made only while the file is written."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date

import docx
from docx.shared import Mm

from emcheck.report.blocks import Paragraph, Table, Title
from emcheck.report.docx_report import render
from emcheck.report.docx_table import table_element

HEADER = ("单位", "说明", "数")
TRICKY = (
    ("岭菊村", "a & b < c > d \"e\" 'f'", "1"),
    ("two\nlines", "tab\there", "2"),
    ("carriage\rreturn", "", "3"),
    ("东川 ", "  spaces  ", "4"),
)


class Counted:
    """Rows that count how often they are walked."""

    def __init__(self, rows: tuple[tuple[str, ...], ...]) -> None:
        self.rows = rows
        self.walks = 0

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        self.walks += 1
        return iter(self.rows)


def _body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def _tables(xml: bytes) -> list[bytes]:
    return re.findall(rb"<w:tbl>.*?</w:tbl>", xml, flags=re.S)


def test_streamed_rows_equal_the_rows_python_docx_would_write() -> None:
    rows = Counted(TRICKY)
    blocks = [Title("通报"), Table("progress", HEADER, rows, (4.0, 8.0, 2.0)), Paragraph("完")]
    made = render(blocks, "emcheck", date(2026, 11, 30), "judged")
    assert rows.walks == 1
    [streamed] = _tables(_body(made))
    # The same table built whole in python-docx's tree and saved by it.
    document = docx.Document()
    element = table_element(
        HEADER,
        TRICKY,
        (4.0, 8.0, 2.0),
        Mm(156),
        (0, 2),
        ("EMTableHeader", "EMTableText"),
    )
    document.element.body._insert_tbl(element)
    saved = io.BytesIO()
    document.save(saved)
    [whole] = _tables(_body(saved.getvalue()))
    # Widths and style ids differ with the page set-up; the rows' text and markup must not.
    strip = re.compile(rb' w:w="\d+"| w:val="EM[A-Za-z]+"| w:val="[A-Za-z]*Table[A-Za-z]*"')
    assert strip.sub(b"", streamed) == strip.sub(b"", whole)
    assert b"&#13;" in streamed
    assert b"emcheck-rows" not in _body(made)


def test_every_part_but_the_body_is_copied_as_saved() -> None:
    blocks = [Title("通报"), Table("progress", HEADER, TRICKY, (4.0, 8.0, 2.0))]
    made = render(blocks, "emcheck", date(2026, 11, 30), "judged")
    with zipfile.ZipFile(io.BytesIO(made)) as package:
        names = package.namelist()
        assert package.testzip() is None
    assert names[0] == "[Content_Types].xml"
    assert "word/document.xml" in names
