"""The PDF output: build/brief.pdf, its one-page leave-behind build/brief-onepage.pdf, and
build/brief.html, the exact HTML WeasyPrint laid out for brief.pdf (it opens in a browser too).

The leave-behind is laid out twice: as the brief's second page, and on its own, from the same
template, for brief-onepage.pdf: there it is page 1, its title the document's first heading, and
it says where the full brief is instead of that it follows. With `look.notes: side` the brief is
laid out once or twice more, with the notes the side column could not hold at the foot. The
layouts are checked (notes per page, a leave-behind that runs over a page) before anything is
written.
"""
from dataclasses import dataclass
from pathlib import Path

from ...errors import Problems
from ...writing import write_atomic
from ..edition import Edition
from ...forked import done
from ..written import Written
from .html import LEAVE_BEHIND, leave_behind_too_long, render_html
from .word_joiners import keep_words_whole
from .layout import check_every_note_is_placed, check_note_density, lay_out, pages_between, write_pdf
from .side_notes import set_side_notes
from .links import link_descriptions, link_languages


@dataclass(frozen=True)
class PdfOutput:
    name: str = "pdf"
    files: tuple = ("brief.pdf", "brief-onepage.pdf", "brief.html")
    beside: bool = False  # the layout is the critical path: it runs in the build's own process

    def write(self, edition: Edition, folder: Path, problems: Problems):
        build = edition.content.root / "build" / edition.place  # where the files will stand: links are relative to it
        folder = folder / edition.place

        def render(foot_notes=frozenset(), standalone=False):
            return keep_words_whole(render_html(edition, build, foot_notes, standalone), edition.brief.language)

        def layout(html, heard):
            return lay_out(html, build / "brief.html", edition.content.root, heard)

        if edition.brief.look.notes == "side":
            html, document = set_side_notes(render, layout, build / "brief.pdf", problems)
        else:
            html = render()
            document = layout(html, problems)
        write_atomic(folder / "brief.html", html)
        check_note_density(document, build / "brief.pdf", problems)
        check_every_note_is_placed(document, build / "brief.pdf", problems)
        # The compact brief's page 1 is its leave-behind; the standard brief's is laid out again alone.
        alone = document if edition.brief.look.layout == "compact" else layout(render(standalone=True), problems)
        in_brief, on_its_own = pages_between(document, *LEAVE_BEHIND), pages_between(alone, *LEAVE_BEHIND)
        if max(len(in_brief), len(on_its_own)) > 1:
            leave_behind_too_long(edition.content, max(len(in_brief), len(on_its_own)), problems)
        else:
            links = link_descriptions(edition), link_languages(edition)
            # The page on its own first: WeasyPrint 70 leaves each written link's annotation on its
            # box, and a second writing of a page that holds notes would refer to the first one's.
            # (a project's own brief.html.j2 may not know `standalone`: its leave-behind page is taken)
            write_pdf(alone.copy([alone.pages[on_its_own[0]]]), folder / "brief-onepage.pdf", links)
            write_pdf(document, folder / "brief.pdf", links)
        return done(Written(build / "brief.pdf", len(document.pages)))

    def finish(self, folder: Path):
        pass


PDF = PdfOutput()
