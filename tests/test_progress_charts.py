"""The progress charts: drawn with a CJK font when there is one, left out (said once) when not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import EXAMPLE_FILES
from emcheck.audit.engine import audit_file
from emcheck.history.collect import RoundCollector
from emcheck.history.progress import Progress
from emcheck.history.round import Round
from emcheck.report.progress import charts as charts_module
from emcheck.rulepack.model import RulePack

AS_OF = date(2026, 4, 10)


def _progress(pack: RulePack, files: list[Path]) -> Progress:
    collector = RoundCollector(pack, AS_OF)
    for path in files:
        collector.add(audit_file(path, pack, AS_OF))
    round_: Round = collector.finish()
    return Progress(round_, None, pack.standard)


def test_charts_name_every_unit_in_text(pack: RulePack) -> None:
    if charts_module.cjk_font() is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    progress = _progress(pack, EXAMPLE_FILES)
    made = charts_module.charts(progress, "zh")
    assert [c.key for c in made] == ["rates", "nodes"]
    for chart in made:
        assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert chart.svg.startswith("<svg")
    # svg.fonttype none: labels stay text, so a reader (and this test) finds the names.
    names = {u.name for u in progress.round.units}
    assert all(f">{name}<" in made[0].svg for name in names)


def test_without_a_cjk_font_charts_are_left_out_and_said_once(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(charts_module, "CJK_FONTS", ("No Such Font Anywhere",))
    charts_module.cjk_font.cache_clear()
    charts_module.charts.cache_clear()
    try:
        progress = _progress(pack, EXAMPLE_FILES[:1])
        assert charts_module.charts(progress, "zh") == ()
        assert charts_module.charts(progress, "en") == ()
        told = capsys.readouterr().err
        assert told.count("no CJK font") == 1
    finally:
        charts_module.cjk_font.cache_clear()
        charts_module.charts.cache_clear()
