"""The kinds of chart a brief can draw: the one table that validation, alt text and drawing read."""
from dataclasses import dataclass


@dataclass(frozen=True)
class ChartKind:
    name: str     # as written in charts/ID.yaml
    noun: str     # how generated alt text names it
    draws: str    # "series" (from content/data/), "developments" or "states" (both developments.yaml)
    drawer: str   # the function in draw.py that draws it


CHART_KINDS = {kind.name: kind for kind in (
    ChartKind("line", "Line chart", "series", "line"),
    ChartKind("bar", "Bar chart", "series", "bars"),
    ChartKind("stacked-bar", "Stacked bar chart", "series", "bars"),
    ChartKind("grouped-bar", "Grouped bar chart", "series", "bars"),
    ChartKind("timeline", "Timeline", "developments", "timeline"),
    # A policy that switches back and forth: a step line through the chart's `states`.
    ChartKind("states", "Step chart", "states", "states"),
)}
