"""Generated sites (the strategies the engine's property test uses) go yaml → xlsx → yaml with
every value of the schema equal, and enough of them reach the comparison to mean something.

Two kinds of value a workbook cannot carry are left out, on purpose: a list of choices naming
one twice (each choice is one 是/否 column, so the repeat goes, the meaning stays) and text
holding a control character (XML 1.0 has no way to write U+0014; the cell gets U+FFFD). A
third, two 物资类别 of one name with items, ``convert`` refuses (its own test), so it is
assumed away here too. Text
of spaces alone reads back as empty, which the rules judge the same way (not filled), so
``normal`` drops it on both sides.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings

from emcheck.audit.units import site_problems
from emcheck.loading.loader import load_bytes
from emcheck.sitebook.layout import layout_for
from emcheck.sitebook.reading import read_site_workbook
from emcheck.sitebook.rows import repeated_parent
from emcheck.sitebook.writing import site_workbook
from site_strategies import edited_sites
from site_workbook_support import AS_OF, normal

EXAMPLES = 60
REACHED = 40
"""At least this many of the examples must be valid sites that reach the comparison."""


def _carried(value: Any) -> bool:
    """No repeated entry in a list of texts, no control character in any text."""
    if isinstance(value, dict):
        return all(_carried(v) for v in value.values())
    if isinstance(value, list):
        texts = [v for v in value if isinstance(v, str)]
        return len(set(texts)) == len(texts) and all(_carried(v) for v in value)
    if isinstance(value, str):
        return not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value)
    return True


def test_generated_sites_come_back_from_a_workbook() -> None:
    compared: list[int] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(edited_sites())
    def round_trip(site: dict[str, Any]) -> None:
        text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False)
        document = load_bytes(text.encode("utf-8"), "edited.yaml")
        assume(not site_problems(document) and _carried(document.data))
        assume(repeated_parent(layout_for(site["level"]), document.data) is None)
        with tempfile.TemporaryDirectory() as folder:
            book = Path(folder) / "site.xlsx"
            book.write_bytes(site_workbook(document.data, site["level"], "zh", AS_OF))
            back = read_site_workbook(book).data
        assert normal(back) == normal(document.data)
        compared.append(1)

    round_trip()
    assert len(compared) >= REACHED, f"only {len(compared)} of {EXAMPLES} generated sites compared"
