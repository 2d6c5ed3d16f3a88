"""The house style: matplotlib draws each kind of chart as SVG with text kept as text.

Text stays text (`svg.fonttype: none`) in the bundled fonts, so figures match the body type
and stay searchable; `svg.hashsalt` and no date make the same input give the same bytes.
"""
import io
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from .charts import year_of  # noqa: E402
from .values import plain_number  # noqa: E402

INK = "#1d2733"
MUTED = "#6b7785"
GRID = "#dfe3e8"
PALETTE = ["#1f4e79", "#c8553d", "#7a9cc6", "#e3a64a", "#5b8c5a"]
ACCENT = "#c8553d"
FAMILY = "Source Sans 3"
WIDTH, HEIGHT = 6.4, 3.1  # inches: the text column of the page

_registered = set()


def _style(fonts: Path):
    for ttf in sorted(fonts.glob("*.ttf")):
        if ttf not in _registered:
            font_manager.fontManager.addfont(str(ttf))
            _registered.add(ttf)
    plt.rcParams.update({
        "svg.fonttype": "none", "svg.hashsalt": "brief", "font.family": FAMILY, "font.size": 9,
        "axes.edgecolor": MUTED, "axes.labelcolor": INK, "axes.titlesize": 10,
        "xtick.color": MUTED, "ytick.color": MUTED, "axes.spines.top": False,
        "axes.spines.right": False, "axes.grid": True, "axes.grid.axis": "y",
        "grid.color": GRID, "grid.linewidth": 0.6, "axes.axisbelow": True,
        "figure.dpi": 72, "path.simplify": False,
    })


def render_chart(chart, series, events, fonts: Path) -> bytes:
    _style(fonts)
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    try:
        DRAWERS[chart.kind](ax, chart, series, events)
        if chart.x_label:
            ax.set_xlabel(chart.x_label)
        if chart.y_label:
            ax.set_ylabel(chart.y_label)
        for note in chart.annotations:
            _annotate(ax, note)
        if any(n.y is None for n in chart.annotations):
            low, high = ax.get_ylim()
            ax.set_ylim(low, high + (high - low) * 0.18)  # room above the data for event labels
        fig.tight_layout(pad=0.4)
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def _points(series):
    keys = sorted(series.points, key=year_of)
    return [year_of(k) for k in keys], [series.points[k] for k in keys]


def _line(ax, chart, series, events):
    for i, s in enumerate(series):
        xs, ys = _points(s)
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(xs, ys, color=colour, linewidth=2, marker="o", markersize=3.5)
        # Direct label at the end of the line instead of a legend.
        ax.annotate(f"{s.label}: {ys[-1]:,.0f}" if len(series) > 1 else f"{ys[-1]:,.0f}",
                    (xs[-1], ys[-1]), xytext=(5, 0), textcoords="offset points",
                    va="center", color=colour, fontweight="bold")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.06)


def _value_label(ax, x, y, text):
    ax.annotate(text, (x, y), xytext=(0, 2), textcoords="offset points", ha="center",
                va="bottom", fontsize=7.5, color=INK)


def _bars(ax, chart, series, events):
    stacked, grouped = chart.kind == "stacked-bar", chart.kind == "grouped-bar"
    width = 0.8 / (len(series) if grouped else 1)
    bottoms = {}
    for i, s in enumerate(series):
        xs, ys = _points(s)
        offset = (i - (len(series) - 1) / 2) * width if grouped else 0
        base = [bottoms.get(x, 0) for x in xs] if stacked else None
        ax.bar([x + offset for x in xs], ys, width=width * 0.9, bottom=base,
               color=PALETTE[i % len(PALETTE)], label=s.label)
        if len(series) == 1:
            for x, y in zip(xs, ys):
                _value_label(ax, x, y, plain_number(y) if y < 100 else f"{y:,.0f}")
        if stacked:
            for x, y in zip(xs, ys):
                bottoms[x] = bottoms.get(x, 0) + y
    if len(series) > 1:
        ax.legend(frameon=False, ncols=len(series), loc="upper left")
    ax.set_xticks(sorted({x for s in series for x in _points(s)[0]}))
    ax.tick_params(axis="x", labelrotation=0, labelsize=7.5)
    ax.grid(False, axis="x")


def _timeline(ax, chart, series, events):
    xs = [year_of(d.date) for d in events]
    ax.axhline(0, color=MUTED, linewidth=1)
    levels = [1.6, -1.6, 0.9, -0.9, 2.3, -2.3]
    for i, (x, event) in enumerate(zip(xs, events)):
        level = levels[i % len(levels)]
        ax.vlines(x, 0, level, color=GRID, linewidth=1)
        ax.plot([x], [0], "o", color=PALETTE[0], markersize=4)
        ax.annotate(f"{event.date.year}\n{event.timeline}", (x, level), ha="center",
                    va="bottom" if level > 0 else "top", fontsize=7.2, color=INK, linespacing=1.1)
    ax.set_ylim(-3.4, 3.4)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    span = max(xs) - min(xs)
    ax.set_xlim(min(xs) - span * 0.07, max(xs) + span * 0.07)


def _annotate(ax, note):
    x = year_of(note.x)
    if note.y is None:  # a dated event: a marked line on the axis
        ax.axvline(x, color=ACCENT, linewidth=1, linestyle=(0, (3, 2)))
        ax.annotate(note.label, (x, 1), xycoords=("data", "axes fraction"), xytext=(-4, -2),
                    textcoords="offset points", ha="right", va="top", fontsize=7.5, color=ACCENT)
    else:  # a labelled point
        ax.annotate(note.label, (x, note.y), xytext=(-10, -22), textcoords="offset points",
                    ha="center", fontsize=7.5, color=INK,
                    arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.7})


DRAWERS = {"line": _line, "bar": _bars, "stacked-bar": _bars, "grouped-bar": _bars, "timeline": _timeline}
