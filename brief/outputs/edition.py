"""The edition: what every output shows, worked out once and handed to each output whole.

An output (the PDF, the web page, the Word file) lays the same brief out in its own way; the
asks with their numbers, the sections with their labels, the developments that are new, the
figures in order, the Sources entries with where each was read, and which notes each part
calls are decided here, so no two outputs can drift. Prose arrives as data from the prose
stage (Fragments with note calls and figure places as values): each output's templates put
their own markup around it.
"""
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..content.model import Content, Development
from ..content.reading import (ABOUT, CAPTION, DEVELOPMENT, FIGURE_SOURCE, FINDING, RECOMMENDATION, SECTION,
                               SUMMARY, UNKNOWN, recommendation_numbers, section_labels)
from ..evidence.currency import Reach
from ..look.numbers import locale
from ..look.strings import Strings
from ..look.theme import FontFace, Theme
from ..render.charts import ChartImage
from .languages import ForeignTitles, foreign_titles
from ..render.prose import FigurePlace, Fragment, NoteCall, RenderedProse


@dataclass(frozen=True)
class Edition:
    content: Content
    prose: RenderedProse                     # the prose stage's result: fragments, notes, Sources entries
    images: dict[str, ChartImage]    # chart id -> its drawing
    cover: Path | None               # the web edition's preview image
    disclosures: dict                # source id -> [(copy kind, address)] where it was read
    reach: Reach                     # how far the evidence reaches (evidence/currency.py)
    outputs: tuple[str, ...]         # the outputs this build writes (`outputs:`): what the web page may link to
    place: str = ""                  # its folder under build/ and build/web/: "" for the original
    editions: tuple = ()             # every edition of the brief: (language, place), the original first

    @property
    def brief(self):
        return self.content.brief

    @property
    def theme(self) -> Theme:  # the look as validation resolved it, for the edition's language
        return self.content.look.theme

    @property
    def faces(self) -> list[FontFace]:
        return self.content.look.faces

    @property
    def strings(self) -> Strings:
        return self.content.look.strings

    @property
    def languages(self) -> list[dict]:
        """Every edition of the brief for a language switch: its language, its name in its own
        language (Babel, CLDR data), and its web page's address from this edition's page."""
        here = Path("/", self.place)
        return [{"language": language, "name": language_name(language), "current": where == self.place,
                 "href": Path(os.path.relpath(Path("/", where, "index.html"), here)).as_posix()}
                for language, where in self.editions] if len(self.editions) > 1 else []

    @cached_property
    def by_kind(self) -> dict[str, list[tuple[object, Fragment]]]:
        """The prose pieces grouped by kind, each with its owner: {kind: [(owner, fragment)]}."""
        out = {}
        for piece, fragment in self.prose.pieces:
            out.setdefault(piece.kind, []).append((piece.owner, fragment))
        return out

    @property
    def summary(self) -> Fragment:
        return self.by_kind[SUMMARY][0][1]

    @property
    def about(self) -> Fragment | None:
        return self.by_kind[ABOUT][0][1] if ABOUT in self.by_kind else None

    @property
    def could_not_establish(self) -> list[Fragment]:
        """What the brief could not establish: one box, each item with its notes."""
        return [fragment for _, fragment in self.by_kind.get(UNKNOWN, [])]

    @property
    def evidence_line(self) -> str | None:
        """What stands beside the edition date: the date the evidence runs to, and the newest
        source's date when the brief states a later one (the day it last searched)."""
        reach, t = self.reach, self.strings
        if not reach.date:
            return None
        line = t("evidence_as_of", date=t.date(reach.date))
        if reach.stated and reach.newest and reach.newest != reach.date:
            line += f" ({t('newest_source', date=t.date(reach.newest))})"
        return line

    @property
    def evidence_note(self) -> list[str]:
        """The sentences the colophon adds after the edition: the date the evidence runs to, the
        newest source when a stated date is later, and against what the quotations were verified."""
        reach, t, out = self.reach, self.strings, []
        if reach.date:
            out.append(t("evidence_as_of", date=t.date(reach.date)) + ".")
        if reach.stated and reach.newest and reach.newest != reach.date:
            out.append(t("evidence_newest", date=t.date(reach.newest)))
        if reach.quotations:
            out.append(t.plural("quotations_verified", reach.quotations, text=reach.against_source,
                                notes=reach.against_notes))
        return out

    @property
    def findings(self) -> list[dict]:
        return [{"short": f.short, "prose": fragment} for f, fragment in self.by_kind.get(FINDING, [])]

    @cached_property
    def asks(self) -> list[dict]:
        """The recommendations in order, numbered, each with its reason's prose (or None)."""
        numbers = recommendation_numbers(self.content)
        why = {id(rec): fragment for rec, fragment in self.by_kind.get(RECOMMENDATION, [])}
        return [{"id": r.id, "number": numbers[r.id], "to": r.to, "ask": r.ask, "vehicle": r.vehicle,
                 "by": r.by, "why": why.get(id(r))} for r in self.brief.recommendations]

    @cached_property
    def developments(self) -> list[dict]:
        return [self._development(d, fragment) for d, fragment in self.by_kind.get(DEVELOPMENT, [])]

    @property
    def changes(self) -> list[dict]:
        """The developments dated after the previous edition."""
        return [d for d in self.developments if d["is_new"]]

    @cached_property
    def sections(self) -> list[dict]:
        """Each section with its label ("1", "2", … or "Annex A", …) and its prose."""
        out, labels = [], section_labels(self.content, self.strings)
        for section, fragment in self.by_kind.get(SECTION, []):
            out.append({"id": section.id, "title": section.title, "kicker": section.kicker, "label": labels[section.id],
                        "annex": section.annex, "lists_developments": section.developments,
                        "prose": fragment,
                        "developments": self.developments if section.developments else []})
        return out

    @cached_property
    def figures(self) -> dict[int, dict]:
        """Each placed chart by its figure number, with its caption and source line."""
        parts = {(piece.kind, piece.owner.id): fragment for piece, fragment in self.prose.pieces
                 if piece.kind in (CAPTION, FIGURE_SOURCE)}
        out = {}
        for chart_id, number in self.prose.figures.items():
            chart = self.content.charts[chart_id]
            out[number] = {"id": chart_id, "number": number, "title": chart.title, "image": self.images[chart_id],
                           "alt": self.images[chart_id].alt, "axis_note": chart.axis_note,
                           "caption": parts[(CAPTION, chart_id)], "source": parts[(FIGURE_SOURCE, chart_id)]}
        return out

    @cached_property
    def sources(self) -> list[dict]:
        """The Sources entries: the formatted entry, the source's note and where it was read."""
        t = self.strings
        return [{"id": key, "html": self.foreign_titles.mark(html), "note": self.content.sources[key].csl.get("note"),
                 "read_at": [t("read_in", copy=t(how), address=url) if how else t("read_at", address=url)
                             for how, url in self.disclosures.get(key, [])]}
                for key, html in self.prose.sources]

    @cached_property
    def foreign_titles(self) -> ForeignTitles:
        """The titles to mark with their language (`lang`) where this edition prints them: those of
        sources in another language than this edition's (a source that declares none is in the
        original edition's)."""
        return foreign_titles(self.content, self.editions[0][0] if self.editions else None)

    def notes_called(self, *fragments: Fragment | None) -> list[tuple[int, str]]:
        """The notes these fragments call (with those of the figures they place), in order:
        (number, the note's HTML)."""
        numbers = []
        for fragment in filter(None, fragments):
            for part in fragment.parts:
                if isinstance(part, NoteCall):
                    numbers.append(part.number)
                elif isinstance(part, FigurePlace):
                    figure = self.figures[part.number]
                    numbers += figure["caption"].note_numbers + figure["source"].note_numbers
        return [(n, self.prose.notes[n]) for n in numbers]

    def _development(self, item: Development, fragment: Fragment) -> dict:
        previous = self.brief.previous_edition
        return {"date": item.date, "title": item.title, "anchor": item.anchor, "prose": fragment,
                "is_new": bool(previous and item.date > previous)}


def language_name(language: str) -> str:
    """A language's name in that language: English, 한국어, Deutsch."""
    name = locale(language).language_name
    return name[:1].upper() + name[1:]
