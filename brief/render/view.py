"""What both editions show: the values the print and web templates get from the brief.

The PDF's HTML (html.py) and the web edition (web.py) lay the same pieces out differently; the
asks with their numbers, the sections with their labels, the developments that are new, the
Sources entries and where each chart goes are worked out here once, so the two cannot drift.
"""
import re
from collections.abc import Callable

from ..content.model import Chart, Content, Development
from ..evidence.currency import Reach
from .prose import FIGURE_PLACE, Notes
from ..content.reading import CAPTION, FIGURE_SOURCE, SECTION, recommendation_numbers
from ..look.strings import Strings


def by_kind(notes: Notes) -> dict[str, list]:
    """The prose pieces as HTML, grouped by kind, each with its owner: {kind: [(owner, html)]}."""
    out = {}
    for piece, html in notes.pieces:
        out.setdefault(piece.kind, []).append((piece.owner, html))
    return out


def figure_filler(content: Content, notes: Notes,
                  render: Callable[..., str]) -> Callable[[str], str]:
    """A function that puts each chart where the prose placed it, rendered by `render`.

    `render(chart_id, number, chart, caption, source)` returns the figure's HTML; caption and
    source are the chart's caption and source line as HTML, with their notes.
    """
    by_number = {number: chart_id for chart_id, number in notes.figures.items()}
    captions = {(piece.kind, piece.owner.id): html for piece, html in notes.pieces
                if piece.kind in (CAPTION, FIGURE_SOURCE)}

    def one(m: re.Match) -> str:
        chart_id = by_number[int(m[1])]
        chart: Chart = content.charts[chart_id]
        return render(chart_id, int(m[1]), chart, captions[(CAPTION, chart_id)],
                      captions[(FIGURE_SOURCE, chart_id)])

    return lambda html: FIGURE_PLACE.sub(one, html)


def asks(content: Content, why: dict[int, str]) -> list[dict]:
    """The recommendations in order, numbered; `why` maps id(recommendation) to its reason's HTML."""
    numbers = recommendation_numbers(content)
    return [{"id": r.id, "number": numbers[r.id], "to": r.to, "ask": r.ask, "vehicle": r.vehicle,
             "by": r.by, "why": why.get(id(r))} for r in content.brief.recommendations]


def labelled_sections(pieces: dict[str, list], strings: Strings):
    """Each section with its HTML and its label: "1", "2", … or "Annex A", "Annex B", …"""
    numbered = annexes = 0
    for section, html in pieces.get(SECTION, []):
        numbered, annexes = numbered + (not section.annex), annexes + section.annex
        yield section, html, strings("annex", letter=chr(64 + annexes)) if section.annex else str(numbered)


def development(content: Content, item: Development, html: str) -> dict:
    """A development as the templates show it; new if dated after the previous edition."""
    previous = content.brief.previous_edition
    return {"date": item.date, "title": item.title, "anchor": item.anchor, "html": html,
            "is_new": bool(previous and item.date > previous)}


def sources(content: Content, notes: Notes, strings: Strings, read_at: dict) -> list[dict]:
    """The Sources entries: the formatted entry, the source's note and where it was read."""
    return [{"id": key, "html": html, "note": content.sources[key].csl.get("note"),
             "read_at": [strings("read_in", copy=strings(how), address=url) if how
                         else strings("read_at", address=url) for how, url in read_at.get(key, [])]}
            for key, html in notes.sources]


def evidence_note(reach: Reach, strings: Strings) -> list[str]:
    """The sentences the colophon adds after the edition: the date the evidence runs to, the
    newest source when a stated date is later, and against what the quotations were verified."""
    out = []
    if reach.date:
        out.append(strings("evidence_as_of", date=strings.date(reach.date)) + ".")
    if reach.stated and reach.newest and reach.newest != reach.date:
        out.append(strings("evidence_newest", date=strings.date(reach.newest)))
    if reach.quotations:
        out.append(strings.plural("quotations_verified", reach.quotations, text=reach.against_source,
                                  notes=reach.against_notes))
    return out
