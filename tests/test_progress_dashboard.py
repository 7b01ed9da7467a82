"""``emcheck progress --format html``: one offline page, escaped, sortable, same figures as JSON.

The static tests read the file; the browser tests open it in Debian's chromium through
Playwright, with every request that is not the file itself blocked and recorded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import COMPLIANT, GAPS, VILLAGE
from emcheck.cli import app
from emcheck.report.progress.charts import cjk_font

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
HOSTILE_ZONE = "</option><script>alert(2)</script>经济区"
AS_OF = "2026-04-10"
CHROMIUM = Path("/usr/bin/chromium")
TABLES_WITH_ROWS = {
    "summary",
    "units",
    "nodes",
    "ranking-districts",
    "ranking-villages",
    "weaknesses",
    "ledger",
}


@dataclass(frozen=True)
class Made:
    html: Path
    text: str
    round: dict[str, Any]


def _progress(folder: Path, *extra: str) -> Made:
    """The examples, the village renamed to a piece of markup, as html and json in one run."""
    sites = folder / "sites"
    sites.mkdir()
    shutil.copy(COMPLIANT, sites)
    shutil.copy(GAPS, sites)
    village = VILLAGE.read_text(encoding="utf-8")
    village = village.replace("\nname: 柳溪村\n", f"\nname: {json.dumps(HOSTILE)}\n", 1)
    village = village.replace("\nzone: 西岭经济区\n", f"\nzone: {json.dumps(HOSTILE_ZONE)}\n", 1)
    (sites / VILLAGE.name).write_text(village, encoding="utf-8")
    html, data = folder / "progress.html", folder / "round.json"
    result = CliRunner().invoke(
        app,
        [
            "progress",
            str(sites),
            "--as-of",
            AS_OF,
            "-o",
            f"html={html}",
            "-o",
            f"json={data}",
            *extra,
        ],
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.output
    return Made(html, html.read_text(encoding="utf-8"), json.loads(data.read_text("utf-8")))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return _progress(tmp_path_factory.mktemp("dashboard"))


class _Links(HTMLParser):
    """Every address an element of the page names, and every element's name."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.elements: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        named = ("src", "href", "xlink:href", "action", "srcset", "poster", "data")
        self.addresses += [value or "" for name, value in attrs if name in named]


def test_needs_no_network(made: Made) -> None:
    links = _Links()
    links.feed(made.text)
    # Every address is a place in the page: nothing is loaded from anywhere.
    assert links.addresses and all(a.startswith("#") for a in links.addresses), links.addresses
    assert not {"link", "img", "iframe", "object", "embed", "base"} & set(links.elements)
    assert "@import" not in made.text
    assert not re.search(r"url\((?!#)", made.text), "url() only to a place in the page"
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
    assert policy in made.text


def test_the_one_script_is_the_one_the_policy_allows(made: Made) -> None:
    scripts = re.findall(r"<script>(.*?)</script>", made.text, re.S)
    assert len(scripts) == 1 and made.text.count("<script") == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in made.text


def test_site_text_is_escaped(made: Made) -> None:
    assert "<img" not in made.text
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
        in made.text
    )
    assert "&lt;/option&gt;&lt;script&gt;alert(2)" in made.text


def test_one_table_per_table_with_rows(made: Made) -> None:
    keys = re.findall(r'<table id="t-[\w-]+" data-table="([\w-]+)"', made.text)
    assert sorted(keys) == sorted(TABLES_WITH_ROWS)
    # The table without rows (files not audited) keeps its heading, saying there are none.
    assert 'id="s-unreadable"' in made.text


def test_charts_are_inline_svg(made: Made) -> None:
    if cjk_font() is None:
        pytest.skip("no CJK font: the run leaves the charts out")
    assert re.findall(r'<figure class="chart" data-chart="(\w+)">\n<svg', made.text) == [
        "rates",
        "nodes",
    ]
    assert "<?xml" not in made.text and made.text.count("<!DOCTYPE") == 1


def test_with_an_earlier_round(made: Made, tmp_path: Path) -> None:
    later = _progress(tmp_path, "--previous", str(made.html.with_name("round.json")))
    keys = re.findall(r'<table id="t-[\w-]+" data-table="([\w-]+)"', later.text)
    assert sorted(keys) == sorted(TABLES_WITH_ROWS | {"rounds", "trend"})


def test_english(tmp_path: Path) -> None:
    english = _progress(tmp_path, "--lang", "en")
    assert english.text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Open findings" in english.text and "问题台账" not in english.text


# ---- in a real browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Opened:
    page: Any
    problems: list[str]
    requests: list[str]


@pytest.fixture
def opened(browser: Any, made: Made) -> Iterator[Opened]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = Opened(page, [], [])
    page.on("console", lambda m: seen.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.problems.append(str(error)))
    page.on("dialog", lambda dialog: seen.problems.append(f"dialog: {dialog.message}"))

    def route(found: Any) -> None:
        if found.request.url.startswith("file://"):
            found.continue_()
        else:
            seen.requests.append(found.request.url)
            found.abort()

    page.route("**/*", route)
    page.goto(made.html.as_uri())
    yield seen
    page.close()
    assert seen.problems == []
    assert seen.requests == []


def _units(page: Any) -> list[dict[str, str]]:
    """The visible rows of the units table, each as column key → text shown."""
    return list(
        page.evaluate(
            """() => {
              const table = document.getElementById("t-units");
              const keys = [...table.tHead.rows[0].cells].map(th => th.dataset.key);
              return [...table.tBodies].filter(b => b.offsetParent !== null).map(b =>
                Object.fromEntries([...b.rows[0].cells].map((td, i) => [keys[i], td.innerText.trim()])));
            }"""
        )
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".removesuffix(".0") + "%"


def test_figures_shown_are_the_round_files(opened: Opened, made: Made) -> None:
    shown = {row["unit"]: row for row in _units(opened.page)}
    assert set(shown) == {u["name"] for u in made.round["units"]}
    for unit in made.round["units"]:
        row = shown[unit["name"]]
        applicable = unit["pass"] + unit["fail"] + unit["error"] + unit["waived"]
        # 不符合 leaves out the 需关注 (warning) failures, which have their own column.
        assert row["applicable"] == str(applicable)
        assert row["pass"] == str(unit["pass"])
        assert row["fail"] == str(unit["fail"] - unit["warnings"])
        assert row["warnings"] == str(unit["warnings"])
        assert row["error"] == str(unit["error"])
        assert row["waived"] == str(unit["waived"])
        assert row["overdue"] == str(unit["overdue"])
        assert row["compliance"] == _percent(unit["compliance_percent"])
    total = opened.page.locator("#t-summary tbody tr").first.inner_text()
    assert _percent(made.round["summary"]["compliance_percent"]) in total


def test_sorting_by_compliance(opened: Opened, made: Made) -> None:
    header = opened.page.locator('#t-units th[data-key="compliance"] button')
    rates = sorted(u["compliance_percent"] for u in made.round["units"])
    header.click()
    assert [r["compliance"] for r in _units(opened.page)] == [_percent(r) for r in rates]
    assert header.locator("xpath=..").get_attribute("aria-sort") == "ascending"
    header.click()
    assert [r["compliance"] for r in _units(opened.page)] == [_percent(r) for r in rates[::-1]]
    names = opened.page.locator('#t-units th[data-key="unit"] button')
    names.click()
    assert _units(opened.page)[0]["unit"] != ""


def test_filtering(opened: Opened, made: Made) -> None:
    bar = opened.page.locator('.filters[data-for="t-units"]')
    bar.locator("input").fill("红桥")
    visible = [r["unit"] for r in _units(opened.page)]
    assert visible and all("红桥" in "".join(r.values()) for r in _units(opened.page))
    assert bar.locator("output").inner_text().startswith(f"显示 {len(visible)} / 10")
    bar.locator("input").fill("")
    bar.locator('select[data-filter="zone"]').select_option(HOSTILE_ZONE)
    assert [r["unit"] for r in _units(opened.page)] == [HOSTILE]


def test_a_units_findings_are_one_click_away(opened: Opened, made: Made) -> None:
    hostile = next(u for u in made.round["units"] if u["name"] == HOSTILE)
    rules = {f["rule_id"] for f in made.round["findings"] if f["unit_id"] == hostile["id"]}
    button = opened.page.get_by_role("button", name=HOSTILE, exact=True)
    findings = opened.page.locator(f"#{button.get_attribute('aria-controls')}")
    assert not findings.is_visible()
    button.click()
    assert findings.is_visible() and button.get_attribute("aria-expanded") == "true"
    shown = findings.locator("tbody tr").all_inner_texts()
    assert len(shown) == len([f for f in made.round["findings"] if f["unit_id"] == hostile["id"]])
    assert all(any(rule in row for row in shown) for rule in rules)


def test_print_shows_everything(opened: Opened) -> None:
    opened.page.locator('.filters[data-for="t-units"] input').fill("no such unit")
    opened.page.emulate_media(media="print")
    assert len(_units(opened.page)) == 10
    assert opened.page.locator("tr.findings").first.is_visible()
    assert not opened.page.locator(".filters").first.is_visible()


def test_units_of_one_name_each_list_only_their_own_findings(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    text = VILLAGE.read_text(encoding="utf-8")
    (sites / "liuxi-a.yaml").write_text(text, encoding="utf-8")
    (sites / "liuxi-b.yaml").write_text(text.replace("\nid: liuxi\n", "\nid: liuxi-b\n"), "utf-8")
    html = tmp_path / "p.html"
    result = CliRunner().invoke(
        app, ["progress", str(sites), "--as-of", AS_OF, "-o", str(html)], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    blocks = re.findall(
        r'<tr class="findings" id="f-\d+" hidden>(.*?)</table>', html.read_text("utf-8"), re.S
    )
    assert len(blocks) == 2
    # The finding's own place, not its text: a copy (DUP) names the other file in its text.
    places = [{Path(p).name for p in re.findall(r">([^<>]+\.yaml):\d+</td>", b)} for b in blocks]
    assert sorted(map(sorted, places)) == [["liuxi-a.yaml"], ["liuxi-b.yaml"]]
