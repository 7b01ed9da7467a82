"""Validating Office files against ../shared/schemas/ooxml, and opening them in LibreOffice.

WordprocessingML parts are read the way Word reads them: Markup Compatibility is applied
first (``mc:`` attributes and every namespace the root lists as ignorable are dropped), then
each part is checked against ``wml.xsd``. SpreadsheetML parts are checked against ``sml.xsd``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from conftest import ROOT

SCHEMAS = ROOT.parent / "shared" / "schemas" / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = re.compile(r"word/(document|styles|numbering|settings|header\d*|footer\d*)\.xml")
HAVE_SCHEMAS = (SCHEMAS / "wml.xsd").is_file()


def wml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "wml.xsd")))


def as_word_reads_it(part: bytes) -> etree._Element:
    root = etree.fromstring(part)
    ignorable = {root.nsmap.get(p) for p in (root.get(f"{{{MC}}}Ignorable") or "").split()}
    dropped = ignorable | {MC}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in dropped:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in dropped:
                del element.attrib[name]
    # python-docx's default settings.xml leaves w:zoom without w:percent, which Word accepts.
    for zoom in root.iter(f"{{{W}}}zoom"):
        zoom.set(f"{{{W}}}percent", zoom.get(f"{{{W}}}percent") or "100")
    return root


def assert_parts_validate(data: bytes, wml: etree.XMLSchema) -> None:
    """Every WordprocessingML part of a .docx, document.xml included, is valid."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [name for name in package.namelist() if PARTS.fullmatch(name)]
        assert "word/document.xml" in parts
        for name in parts:
            root = as_word_reads_it(package.read(name))
            assert wml.validate(root), f"{name}: {wml.error_log.last_error}"


SML_PARTS = re.compile(r"xl/(workbook|styles|sharedStrings|worksheets/sheet\d+)\.xml")
HAVE_SML = (SCHEMAS / "sml.xsd").is_file()


def assert_sml_parts_validate(data: bytes) -> list[str]:
    """Every SpreadsheetML part of an .xlsx (workbook, styles, strings, sheets) is valid;
    the names of the parts checked."""
    sml = etree.XMLSchema(etree.parse(str(SCHEMAS / "sml.xsd")))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        checked = [name for name in package.namelist() if SML_PARTS.fullmatch(name)]
        for name in checked:
            root = etree.fromstring(package.read(name))
            assert sml.validate(root), f"{name}: {sml.error_log.last_error}"
    return checked


def libreoffice_text(source: Path, folder: Path) -> str:
    """LibreOffice's PDF of ``source``, as text when pdftotext is installed ("" if not)."""
    # A profile of its own: another soffice already running would otherwise take the job.
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=180)
    pdf = folder / f"{source.stem}.pdf"
    assert pdf.stat().st_size > 0
    if not shutil.which("pdftotext"):
        return ""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8")
