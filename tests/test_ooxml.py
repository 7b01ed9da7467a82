"""Every WordprocessingML part of every report validates against ECMA-376, as Word reads it.

LibreOffice opens documents that Word "repairs" or refuses; the schemas in
``../shared/schemas/ooxml`` (see its README) are the stricter judge. Markup Compatibility is
applied first, the way Word does: ``mc:`` attributes and every namespace the root lists as
ignorable are dropped before validation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import AS_OF, COMPLIANT, GAPS, VILLAGE
from emcheck.i18n import Lang
from emcheck.report.content import Kind
from emcheck.rulepack.model import RulePack
from ooxml_support import HAVE_SCHEMAS, assert_parts_validate, wml_schema
from report_support import render

pytestmark = pytest.mark.skipif(
    not HAVE_SCHEMAS, reason="../shared/schemas/ooxml is not beside this checkout"
)


@pytest.fixture(scope="module")
def wml() -> etree.XMLSchema:
    return wml_schema()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["gap", "notice"])
@pytest.mark.parametrize("site", [GAPS, COMPLIANT, VILLAGE], ids=lambda p: Path(p).stem)
def test_report_parts_validate(
    site: Path, kind: Kind, lang: Lang, pack: RulePack, wml: etree.XMLSchema
) -> None:
    _, data = render(site, pack, AS_OF, kind, lang=lang)
    assert_parts_validate(data, wml)
