"""Every WordprocessingML part of every report validates against ECMA-376, as Word reads it.

LibreOffice opens documents that Word "repairs" or refuses; the schemas in
``../shared/schemas/ooxml`` (see its README) are the stricter judge. Markup Compatibility is
applied first, the way Word does: ``mc:`` attributes and every namespace the root lists as
ignorable are dropped before validation.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import AS_OF, COMPLIANT, GAPS, ROOT, VILLAGE
from emcheck.i18n import Lang
from emcheck.report.content import Kind
from emcheck.rulepack.model import RulePack
from report_support import render

SCHEMAS = ROOT.parent / "shared" / "schemas" / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = re.compile(r"word/(document|styles|numbering|settings|header\d*|footer\d*)\.xml")

pytestmark = pytest.mark.skipif(
    not (SCHEMAS / "wml.xsd").is_file(),
    reason="../shared/schemas/ooxml is not beside this checkout",
)


@pytest.fixture(scope="module")
def wml() -> etree.XMLSchema:
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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["gap", "notice"])
@pytest.mark.parametrize("site", [GAPS, COMPLIANT, VILLAGE], ids=lambda p: Path(p).stem)
def test_report_parts_validate(
    site: Path, kind: Kind, lang: Lang, pack: RulePack, wml: etree.XMLSchema
) -> None:
    _, data = render(site, pack, AS_OF, kind, lang=lang)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [name for name in package.namelist() if PARTS.fullmatch(name)]
        assert "word/document.xml" in parts
        for name in parts:
            root = as_word_reads_it(package.read(name))
            assert wml.validate(root), f"{name}: {wml.error_log.last_error}"
