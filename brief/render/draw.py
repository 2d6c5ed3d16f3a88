"""The house style: matplotlib draws each kind of chart as SVG with text kept as text.

Runs in the charts stage's child process. Colours and fonts come from the theme the pages use;
text stays text (`svg.fonttype: none`) in the brief's fonts, so figures match the body type and
stay searchable; `svg.hashsalt` and no date make the same input give the same bytes.
"""
import io
import pickle
import sys
import textwrap
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from ..cache import sealed  # noqa: E402
from ..writing import write_atomic  # noqa: E402
from ..content.chart_kinds import CHART_KINDS  # noqa: E402
from ..content.model import position  # noqa: E402
from ..look.numbers import format_number  # noqa: E402

PNG_DPI = 200  # the Word file's copy: sharp in print, small enough to mail


@dataclass(frozen=True)
class Frame:
    """What a drawing is fitted to: its size in inches and its type sizes in points."""
    width: float
    height: float
    text: float        # ticks, axis labels, end labels
    label: float       # value labels, annotations, a bar chart's years
    event: float       # a timeline's event labels, of which several stand side by side
    wrap: int | None   # long tick labels (a states chart's states) wrapped at this many characters


# The text column of the page, also the web edition's drawing on wider screens.
PAGE = Frame(6.4, 3.1, text=9, label=7.5, event=7.2, wrap=None)
# The web edition's drawing for phones: shown about 335 CSS px wide on a 375 px screen, 1.37 px
# a point, so its smallest type (8.2 pt) is 11 px or more.
PHONE = Frame(3.4, 3.6, text=10, label=8.5, event=8.2, wrap=18)

_registered = set()


class Style:
    """What one drawing needs from the theme and the brief."""

    def __init__(self, theme, language, frame: Frame):
        self.colors, self.series, self.language, self.frame = theme.colors, theme.series, language, frame

    def number(self, value, series=None):
        return format_number(value, self.language, series.format if series else None)

    def colour(self, i):
        return self.series[i % len(self.series)]

    def wrapped(self, text):
        return "\n".join(textwrap.wrap(text, self.frame.wrap)) if self.frame.wrap else text


def _style(theme, faces, text_size=PAGE.text):
    for face in faces:
        if face.path not in _registered:
            font_manager.fontManager.addfont(str(face.path))
            _registered.add(face.path)
    ink, muted, rule = theme.colors["ink"], theme.colors["muted"], theme.colors["rule"]
    plt.rcParams.update({
        "svg.fonttype": "none", "svg.hashsalt": "brief", "font.family": theme.heading_font, "font.size": text_size,
        "axes.edgecolor": muted, "axes.labelcolor": ink, "axes.titlesize": 10, "text.color": ink,
        "xtick.color": muted, "ytick.color": muted, "axes.spines.top": False,
        "axes.spines.right": False, "axes.grid": True, "axes.grid.axis": "y",
        "grid.color": rule, "grid.linewidth": 0.6, "axes.axisbelow": True,
        "figure.dpi": 72, "path.simplify": False, "figure.facecolor": theme.colors["paper"],
        "axes.facecolor": theme.colors["paper"], "savefig.facecolor": theme.colors["paper"],
    })


def render_chart(chart, series, events, until, theme, faces, language, frame: Frame = PAGE,
                 png: bool = True) -> tuple[bytes, bytes | None]:
    """The SVG, and with `png` a PNG copy. `events` are the developments a timeline or states
    chart draws; `until`, the edition's position on the time axis, is where the current state of
    a states chart ends."""
    _style(theme, faces, frame.text)
    style = Style(theme, language, frame)
    style.until = until
    # A states chart needs only a band per state (a wrapped state, a taller one): it is as tall
    # as its states, up to the frame's height.
    band = 0.4 * max((style.wrapped(state).count("\n") + 1 for state in chart.states), default=1) ** 0.5
    height = min(frame.height, 0.9 + band * len(chart.states)) if chart.kind == "states" else frame.height
    fig, ax = plt.subplots(figsize=(frame.width, height))
    try:
        kind = CHART_KINDS[chart.kind]
        getattr(sys.modules[__name__], kind.drawer)(ax, chart, series, events, style)
        if kind.draws == "series":
            if chart.axis_from_zero:
                ax.set_ylim(bottom=0)  # a value axis starts at zero unless the spec says otherwise
            # Values in the brief's number format (6.279 in German), years as plain years.
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: style.number(v)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}" if float(v).is_integer() else ""))
        if chart.x_label:
            ax.set_xlabel(chart.x_label)
        if chart.y_label:
            ax.set_ylabel(chart.y_label)
        for note in chart.annotations:
            _annotate(ax, note, style)
        if any(n.y is None for n in chart.annotations):
            low, high = ax.get_ylim()
            ax.set_ylim(low, high + (high - low) * 0.18)  # room above the data for event labels
        fig.tight_layout(pad=0.4)
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        if not png:
            return svg.getvalue(), None
        copy = io.BytesIO()
        fig.savefig(copy, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return svg.getvalue(), copy.getvalue()
    finally:
        plt.close(fig)


def serve():
    """A drawer's loop (charts.Drawer): each job from stdin drawn, then a line on stdout; it
    ends when stdin closes. A failure ends it with its traceback on stderr."""
    while True:
        try:
            job = pickle.load(sys.stdin.buffer)
        except EOFError:
            return
        draw_all(*job)
        sys.stdout.buffer.write(b"\n")
        sys.stdout.buffer.flush()


def draw_all(todo, theme, faces, language, until, cover=None):
    """Each chart for the page (SVG, and PNG for the Word file) and for phones (SVG)."""
    for chart, series, events, path, phone_path in todo:
        svg, png = render_chart(chart, series, events, until, theme, faces, language)
        write_atomic(path.with_suffix(".png"), sealed(png))
        write_atomic(path, sealed(svg))
        phone_svg, _ = render_chart(chart, series, events, until, theme, faces, language, PHONE, png=False)
        write_atomic(phone_path, sealed(phone_svg))
    if cover is not None:
        lines, path = cover
        write_atomic(path, sealed(render_cover(lines, theme, faces)))


def render_cover(lines: dict, theme, faces) -> bytes:
    """The web edition's image for link previews (1200 x 630 px): publisher, title, bottom line."""
    _style(theme, faces)
    fig = plt.figure(figsize=(12, 6.3), dpi=100)
    try:
        fig.patch.set_facecolor(theme.colors["primary"])
        paper, wash = theme.colors["paper"], theme.colors["wash"]
        fig.text(0.06, 0.86, lines["series"].upper(), color=wash, fontsize=15, fontweight="bold",
                 family=theme.heading_font)
        fig.text(0.06, 0.70, "\n".join(textwrap.wrap(lines["title"], 30)), color=paper, fontsize=46,
                 fontweight="bold", family=theme.body_font, va="top", linespacing=1.1)
        fig.text(0.06, 0.10, "\n".join(textwrap.wrap(lines["bottom_line"], 78)[:3]), color=wash, fontsize=19,
                 family=theme.body_font, va="bottom", linespacing=1.3)
        fig.add_artist(plt.Line2D([0.06, 0.34], [0.82, 0.82], color=theme.colors["accent"], linewidth=4))
        out = io.BytesIO()
        fig.savefig(out, format="png", facecolor=fig.get_facecolor(), metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def _points(series):
    keys = sorted(series.points, key=position)
    return [position(k) for k in keys], [series.points[k] for k in keys]


def line(ax, chart, series, events, style):
    for i, s in enumerate(series):
        xs, ys = _points(s)
        colour = style.colour(i)
        ax.plot(xs, ys, color=colour, linewidth=2, marker="o", markersize=3.5)
        # Direct label at the end of the line instead of a legend.
        end = style.number(ys[-1], s)
        ax.annotate(f"{s.label}: {end}" if len(series) > 1 else end,
                    (xs[-1], ys[-1]), xytext=(5, 0), textcoords="offset points",
                    va="center", color=colour, fontweight="bold")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.06)


def bars(ax, chart, series, events, style):
    stacked, grouped = chart.kind == "stacked-bar", chart.kind == "grouped-bar"
    width = 0.8 / (len(series) if grouped else 1)
    bottoms = {}
    for i, s in enumerate(series):
        xs, ys = _points(s)
        offset = (i - (len(series) - 1) / 2) * width if grouped else 0
        base = [bottoms.get(x, 0) for x in xs] if stacked else None
        ax.bar([x + offset for x in xs], ys, width=width * 0.9, bottom=base, color=style.colour(i), label=s.label)
        if len(series) == 1:
            for x, y in zip(xs, ys):
                ax.annotate(style.number(y, s), (x, y), xytext=(0, 2), textcoords="offset points",
                            ha="center", va="bottom", fontsize=style.frame.label)
        if stacked:
            for x, y in zip(xs, ys):
                bottoms[x] = bottoms.get(x, 0) + y
    if len(series) > 1:  # above the plot, where it cannot cover a bar
        ax.legend(frameon=False, ncols=len(series), loc="lower left", bbox_to_anchor=(0, 1.0),
                  borderaxespad=0.2)
    ax.set_xticks(sorted({x for s in series for x in _points(s)[0]}))
    ax.tick_params(axis="x", labelrotation=0, labelsize=style.frame.label)
    ax.grid(False, axis="x")


def timeline(ax, chart, series, events, style):
    xs = [position(d.date) for d in events]
    ax.axhline(0, color=style.colors["muted"], linewidth=1)
    levels = [1.6, -1.6, 0.9, -0.9, 2.3, -2.3]
    span = max(max(xs) - min(xs), 1.0)
    # How far apart two labels on one level must be: a label takes a larger share of the axis
    # in a narrower frame, and with larger type.
    apart = span * 0.12 * (PAGE.width / style.frame.width) * (style.frame.event / PAGE.event)
    level_of, last_at = [], {}
    for x in xs:  # the next free level, so labels of events close in time do not overlap
        level = next((lv for lv in levels if x - last_at.get(lv, -1e9) > apart), levels[len(level_of) % 6])
        last_at[level] = x
        level_of.append(level)
    for x, event, level in zip(xs, events, level_of):
        ax.vlines(x, 0, level, color=style.colors["rule"], linewidth=1)
        ax.plot([x], [0], "o", color=style.colour(0), markersize=4)
        ax.annotate(f"{event.date.year}\n{style.wrapped(event.timeline)}", (x, level), ha="center",
                    va="bottom" if level > 0 else "top", fontsize=style.frame.event, linespacing=1.1)
    ax.set_ylim(-3.4, 3.4)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    ax.set_xlim(min(xs) - span * 0.07, max(xs) + span * 0.07)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole years, never 2022.5


def states(ax, chart, series, events, style):
    """A policy that switches back and forth: a step line through the chart's states, each
    change marked with its year, the last state held until the edition."""
    level = {state: i for i, state in enumerate(chart.states)}
    xs, ys = [position(d.date) for d in events], [level[d.state] for d in events]
    colour = style.colour(0)
    ax.step(xs + [max(style.until, xs[-1])], ys + ys[-1:], where="post", color=colour, linewidth=2.2)
    for i, (x, y, event) in enumerate(zip(xs, ys, events)):
        ax.plot([x], [y], "o", color=colour, markersize=4.5)
        # The step into this point comes from the previous level: a label on that side would sit
        # on the vertical line, so it goes on the other side (below after a step down).
        below = i > 0 and ys[i - 1] > y
        ax.annotate(str(event.date.year), (x, y), xytext=(0, -6 if below else 6), textcoords="offset points",
                    ha="center", va="top" if below else "bottom", fontsize=style.frame.label)
    ax.set_yticks(range(len(chart.states)), [style.wrapped(state) for state in chart.states])
    ax.set_ylim(-0.6, len(chart.states) - 0.3)
    ax.grid(True, axis="y")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.04)


def _annotate(ax, note, style):
    x, accent = position(note.x), style.colors["accent"]
    if note.y is None:  # a dated event: a marked line on the axis
        ax.axvline(x, color=accent, linewidth=1, linestyle=(0, (3, 2)))
        ax.annotate(note.label, (x, 1), xycoords=("data", "axes fraction"), xytext=(-4, -2),
                    textcoords="offset points", ha="right", va="top", fontsize=style.frame.label, color=accent)
    else:  # a labelled point
        ax.annotate(note.label, (x, note.y), xytext=(-10, -22), textcoords="offset points",
                    ha="center", fontsize=style.frame.label,
                    arrowprops={"arrowstyle": "-", "color": style.colors["muted"], "linewidth": 0.7})
