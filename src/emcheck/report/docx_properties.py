"""A Word document's properties: core ones from the report, not the clock (the same audit
gives the same document), and custom ones (``docProps/custom.xml``) naming what it judged.

python-docx reads and writes core properties only; the custom part is added to the package
as Word writes it, and Word shows it under File ▸ Properties ▸ Custom.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from emcheck import __version__
from emcheck.report.docx_table import xml_safe

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The property set every user-defined document property belongs to."""


def core(document: DocumentObject, title: str, author: str, created: date, judged: str) -> None:
    properties = document.core_properties
    moment = datetime(created.year, created.month, created.day)
    properties.title = xml_safe(title)
    properties.author = properties.last_modified_by = xml_safe(author)
    properties.created = properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    comments = xml_safe(f"emcheck {__version__}; {judged}")
    # The core properties hold 255 characters each; a deep folder's path can be longer.
    properties.comments = comments if len(comments) <= 255 else comments[:254] + "…"
    properties.language = "zh-CN"


def custom(document: DocumentObject, properties: Sequence[tuple[str, str]]) -> None:
    """Text properties, in order (pid 2 on: 0 and 1 are reserved)."""
    entries = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(xml_safe(name))}>'
        f"<vt:lpwstr>{escape(xml_safe(value))}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties, 2)
    )
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}">{entries}</Properties>'
    )
    package = document.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        xml.encode("utf-8"),
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
