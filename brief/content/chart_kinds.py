"""The kinds of chart a brief can draw: the one table that validation, alt text and drawing read."""
from dataclasses import dataclass


@dataclass(frozen=True)
class ChartKind:
    name: str     # as written in charts/ID.yaml
    noun: str     # how generated alt text names it: a key of the strings files
    draws: str    # "series" (from content/data/), "developments" or "states" (both developments.yaml)
    drawer: str   # the function in draw.py that draws it


CHART_KINDS = {kind.name: kind for kind in (
    ChartKind("line", "line_chart", "series", "line"),
    ChartKind("bar", "bar_chart", "series", "bars"),
    ChartKind("stacked-bar", "stacked_bar_chart", "series", "bars"),
    ChartKind("grouped-bar", "grouped_bar_chart", "series", "bars"),
    ChartKind("timeline", "timeline_chart", "developments", "timeline"),
    # A policy that switches back and forth: a step line through the chart's `states`.
    ChartKind("states", "states_chart", "states", "states"),
)}
