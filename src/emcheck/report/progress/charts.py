"""The bulletin's and the dashboard's pictures: 合格率 by unit, node completion, the trend.

Drawn once with matplotlib, as PNG for Word and as SVG (text kept as text) for the HTML
page. Chinese labels need a CJK font: the first of the usual ones found is used; with none,
charts are left out and the run says so once, rather than drawing boxes for every label.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from emcheck.history.progress import Progress
from emcheck.history.rollup import ranked
from emcheck.history.round import DONE, OVERDUE, PENDING
from emcheck.i18n import Lang, chooser

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)
MOST_BARS = 40
"""More units than this: the chart shows the lowest 40, those a 督导 visit should see."""
COLOURS = {DONE: "#2e7d32", PENDING: "#f9a825", OVERDUE: "#c62828", "bar": "#1565c0"}


@dataclass(frozen=True)
class Chart:
    key: str
    """rates, nodes or trend."""
    title: str
    png: bytes
    svg: str


@lru_cache(maxsize=2)
def charts(progress: Progress, lang: Lang) -> tuple[Chart, ...]:
    """Every chart the round calls for; none when no CJK font is installed (said once).
    Drawn once per run and language: the bulletin and the dashboard share them."""
    font = cjk_font()
    if font is None:
        return ()
    made = [_rates(progress, lang), _nodes(progress, lang)]
    if progress.trend is not None and len(progress.trend.points) > 1:
        made.append(_trend(progress, lang))
    return tuple(_draw(key, title, draw, font) for key, title, draw in made if draw is not None)


@cache
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        print(
            "emcheck: 未找到中文字体（如 fonts-noto-cjk），报告中不含图表"
            " · no CJK font found (e.g. fonts-noto-cjk): charts left out",
            file=sys.stderr,
        )
    return found


Drawing = Callable[["Figure"], None]


def _draw(key: str, title: str, draw: Drawing, font: str) -> Chart:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    style = {
        "font.family": [font, "DejaVu Sans"],
        "svg.fonttype": "none",
        "svg.hashsalt": "emcheck",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(style):  # type: ignore[arg-type]  # keys are rcParams names
        figure = Figure(figsize=(6.4, 3.6), layout="constrained")
        draw(figure)
        figure.suptitle(title, fontsize=11)
        png, svg = io.BytesIO(), io.StringIO()
        figure.savefig(png, format="png", dpi=150, metadata={"Software": None})
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return Chart(key, title, png.getvalue(), _bare_svg(svg.getvalue()))


def _bare_svg(text: str) -> str:
    """The <svg> element alone, to sit inside an HTML page."""
    return text[text.index("<svg") :]


def _rates(progress: Progress, lang: Lang) -> tuple[str, str, Drawing | None]:
    t = chooser(lang)
    units = [u for u in ranked(progress.round.units) if u.tally.compliance is not None]
    title = t("各单位合格率", "Compliance by unit")
    if len(units) > MOST_BARS:
        units = units[-MOST_BARS:]
        title = t(
            f"合格率最低的 {MOST_BARS} 个单位", f"The {MOST_BARS} units with lowest compliance"
        )
    if not units:
        return "rates", title, None
    names = [u.name for u in reversed(units)]
    rates = [float(u.tally.compliance or 0) for u in reversed(units)]

    def draw(figure: Figure) -> None:
        figure.set_figheight(max(2.4, 0.28 * len(names) + 1.0))
        axes = figure.subplots()
        bars = axes.barh(names, rates, color=COLOURS["bar"])
        axes.bar_label(bars, labels=[f"{r:.1f}%" for r in rates], padding=2, fontsize=7)
        axes.set_xlim(0, 110)
        axes.set_xlabel(t("合格率（%）", "compliance (%)"))
        axes.tick_params(axis="y", labelsize=8)

    return "rates", title, draw


def _nodes(progress: Progress, lang: Lang) -> tuple[str, str, Drawing | None]:
    t = chooser(lang)
    round_ = progress.round
    if not round_.nodes or not round_.units:
        return "nodes", "", None
    labels = [n.label.get(lang) for n in round_.nodes]
    states = {
        state: [
            sum(1 for u in round_.units if u.nodes[i].state == state) for i in range(len(labels))
        ]
        for state in (DONE, PENDING, OVERDUE)
    }
    words = {
        DONE: t("已完成", "done"),
        PENDING: t("未到期", "not yet due"),
        OVERDUE: t("逾期", "overdue"),
    }

    def draw(figure: Figure) -> None:
        from matplotlib.ticker import MaxNLocator

        axes = figure.subplots()
        left = [0] * len(labels)
        for state, counts in states.items():
            bars = axes.barh(labels, counts, left=left, color=COLOURS[state], label=words[state])
            axes.bar_label(
                bars,
                labels=[str(c) if c else "" for c in counts],
                label_type="center",
                color="white",
                fontsize=8,
            )
            left = [a + b for a, b in zip(left, counts, strict=True)]
        axes.invert_yaxis()
        axes.set_xlabel(t("单位数", "units"))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
        axes.tick_params(axis="y", labelsize=8)

    return "nodes", t("节点完成情况（单位数）", "Deadline nodes (units)"), draw


def _trend(progress: Progress, lang: Lang) -> tuple[str, str, Drawing | None]:
    t = chooser(lang)
    assert progress.trend is not None
    points = [p for p in progress.trend.points if p.compliance is not None]
    dates = [p.as_of.isoformat() for p in points]
    rates = [float(p.compliance or 0) for p in points]

    def draw(figure: Figure) -> None:
        axes = figure.subplots()
        axes.plot(dates, rates, marker="o", color=COLOURS["bar"])
        for x, y in zip(dates, rates, strict=True):
            axes.annotate(
                f"{y:.1f}%",
                (x, y),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=8,
            )
        axes.set_ylim(0, 105)
        axes.set_ylabel(t("合格率（%）", "compliance (%)"))

    return "trend", t("合格率走势（全部单位）", "Compliance over rounds (all units)"), draw
