"""The pieces of prose a brief is made of, in the order a reader meets them.

This is the one definition of that order. Validation walks it to check every Markdown field;
the notes stage sends it through Pandoc in this order, which is what numbers the notes; the
HTML stage puts each piece's HTML where its template wants it. A piece is known by its record,
never by a key spelled in several files.
"""
from dataclasses import dataclass

from . import markdown
from .model import Chart, Content, Development, Section
from .markdown import Prose

# What a piece is: how the HTML stage tells them apart.
SUMMARY, FINDING, UNKNOWN, RECOMMENDATION, SECTION, CAPTION, FIGURE_SOURCE, DEVELOPMENT, ABOUT = (
    "summary", "finding", "could not establish", "recommendation", "section", "caption", "figure source",
    "development", "about")


@dataclass(frozen=True, eq=False)
class Piece:
    kind: str
    owner: object   # the record the prose belongs to: a Section, a Chart, a Development...
    prose: Prose


def recommendation_numbers(content: Content) -> dict[str, str]:
    """Recommendation id -> its number, R1, R2, ...: one sequence across audiences."""
    return {rec.id: f"R{i}" for i, rec in enumerate(content.brief.recommendations, 1)}


def section_labels(content: Content, strings) -> dict[str, str]:
    """Section id -> its label: "1", "2", ... for the numbered sections, "Annex A", ... (in the
    brief's language, from `strings`) for the annexes, each in its own sequence."""
    labels, numbered, annexes = {}, 0, 0
    for section in content.sections:
        numbered, annexes = numbered + (not section.annex), annexes + section.annex
        labels[section.id] = strings("annex", letter=chr(64 + annexes)) if section.annex else str(numbered)
    return labels


def developments_newest_first(content: Content) -> list[Development]:
    return sorted(content.developments, key=lambda d: d.date, reverse=True)


def sections_in_order(content: Content) -> list[Section]:
    """The sections as printed: the numbered ones in their listed order, then the annexes."""
    return [s for s in content.sections if not s.annex] + [s for s in content.sections if s.annex]


def placed_figures(content: Content) -> dict[str, list[str]]:
    """For each section id, the charts it places with {{figure:ID}}, each chart once, in order."""
    seen, out = set(), {}
    for section in sections_in_order(content):
        out[section.id] = []
        for found in markdown.directives(section.body):
            if found.kind == "figure" and found.what in content.charts and found.what not in seen:
                seen.add(found.what)
                out[section.id].append(found.what)
    return out


def figure_order(content: Content) -> list[str]:
    """Chart ids in the order the brief places them: that order numbers the figures."""
    return [chart_id for ids in placed_figures(content).values() for chart_id in ids]


def _figure_pieces(chart: Chart):
    return [Piece(CAPTION, chart, chart.caption), Piece(FIGURE_SOURCE, chart, chart.source)]


def reading_order(content: Content, unplaced_figures=False) -> list[Piece]:
    """Every piece in reading order. A placed figure's caption and source follow the section
    that places it; `unplaced_figures` adds the rest at the end (validation checks them too)."""
    brief, placed = content.brief, placed_figures(content)
    pieces = [Piece(SUMMARY, brief, brief.summary)]
    pieces += [Piece(FINDING, finding, finding.text) for finding in brief.key_findings]
    pieces += [Piece(UNKNOWN, brief, item) for item in brief.could_not_establish]
    pieces += [Piece(RECOMMENDATION, rec, rec.why) for rec in brief.recommendations if rec.why]
    for section in sections_in_order(content):
        pieces.append(Piece(SECTION, section, section.body))
        for chart_id in placed[section.id]:
            pieces += _figure_pieces(content.charts[chart_id])
        if section.developments:
            pieces += [Piece(DEVELOPMENT, d, d.summary) for d in developments_newest_first(content)]
    if brief.about:
        pieces.append(Piece(ABOUT, brief, brief.about))
    if unplaced_figures:
        shown = {c for ids in placed.values() for c in ids}
        for chart_id, chart in content.charts.items():
            if chart_id not in shown:
                pieces += _figure_pieces(chart)
    return pieces


def every_piece(content: Content) -> list[Piece]:
    """Every piece to check: the reading order; or, while brief.yaml has errors (no reading
    order yet), every section, development and chart that loaded."""
    if content.brief is not None:
        return reading_order(content, unplaced_figures=True)
    pieces = [Piece(SECTION, s, s.body) for s in content.sections]
    pieces += [Piece(DEVELOPMENT, d, d.summary) for d in content.developments]
    return pieces + [p for chart in content.charts.values() for p in _figure_pieces(chart)]


def cited_sources(content: Content) -> list[str]:
    """The sources the brief cites, in reading order: in its prose, then its data series'."""
    keys = [found.what for piece in reading_order(content) for found in markdown.citations(piece.prose)]
    keys += [key for data in content.data.values() for series in data.series for key in series.sources]
    return [key for key in dict.fromkeys(keys) if key in content.sources]
