"""The PDF outputs: build/brief.pdf with build/brief.html, the exact HTML WeasyPrint laid out
for it (it opens in a browser too), and its one-page leave-behind, build/brief-onepage.pdf.

The leave-behind is laid out twice: as the brief's second page, and on its own, from the same
template, for brief-onepage.pdf: there it is page 1, its title the document's first heading, and
it says where the full brief is instead of that it follows. That second layout is short, so it
is an output of its own, which the build may run in another process than the brief's long one;
in the compact layout the brief's page 1 is the leave-behind, copied from the brief's layout.
With `look.notes: side` the brief is laid out once or twice more, with the notes the side
column could not hold at the foot. The layouts are checked (notes per page, a leave-behind that
runs over a page) before anything is written.
"""
from dataclasses import dataclass
from pathlib import Path

from ...errors import Problems
from ...writing import write_atomic
from ..edition import Edition
from ...forked import done
from ..output import Output, Runs, Written
from .html import LEAVE_BEHIND as LEAVE_BEHIND_IDS, leave_behind_too_long, render_html
from .word_joiners import keep_words_whole
from .kept import Kept, Laid
from .layout import check_every_note_is_placed, check_note_density, lay_out, pages_between, pdf_bytes
from .side_notes import set_side_notes
from .links import link_descriptions, link_languages


class _Pages:
    """One edition's PDF HTML and its layouts: links in the HTML are relative to where the files
    will stand in build/; each output writes into its edition's place in `folder`."""

    def __init__(self, edition: Edition, folder: Path):
        self.edition = edition
        self.build = edition.content.root / "build" / edition.place
        self.folder = folder / edition.place
        self.links = link_descriptions(edition), link_languages(edition)
        self.served: dict[str, str] = {}  # every file the layouts read (see kept.py)

    def render(self, foot_notes=frozenset(), standalone=False) -> str:
        html = render_html(self.edition, self.build, foot_notes, standalone)
        return keep_words_whole(html, self.edition.brief.language)

    def layout(self, html: str, problems: Problems):
        return lay_out(html, self.build / "brief.html", self.edition.content.root, problems, self.served)

    def leave_behind(self, document, problems: Problems) -> int | None:
        """The index of the page that holds the leave-behind; None, and an error, when it runs
        over one page (the brief's and the one on its own say the same error, said once)."""
        pages = pages_between(document, *LEAVE_BEHIND_IDS)
        if len(pages) > 1:
            leave_behind_too_long(self.edition.content, len(pages), problems)
            return None
        return pages[0]

    def write(self, kind: str, main: str, html: str, lay_out, problems: Problems) -> Written:
        """Write the files `lay_out(problems)` makes from `html` (their bytes by name, the PDF's
        name first, and the page count), or the same files
        kept from an earlier build that laid out the same HTML with the same files; `main` is
        the file the build reports."""
        look = self.edition.brief.look
        kept = Kept(self.edition.content.root, self.edition.place, kind, html, self.links, (look.layout, look.notes))
        laid, reused = kept.get(), True
        if laid is None:
            found = Problems(problems.root)
            files, pages = lay_out(found)
            laid, reused = Laid(files, pages, found.items), False
        problems.extend(laid.problems)
        for name, data in laid.files.items():
            write_atomic(self.folder / name, data)
        if not reused and not any(not p.warning for p in laid.problems):
            kept.put(laid, self.served)
        return Written(self.build / main, laid.pages, reused)


@dataclass(frozen=True)
class PdfOutput(Output):
    name: str = "pdf"
    runs: Runs = Runs.LONG_LAYOUT

    def write(self, edition: Edition, folder: Path, problems: Problems):
        pdf = _Pages(edition, folder)
        first = pdf.render()

        def lay_out(found: Problems) -> tuple[dict[str, bytes], int]:
            if edition.brief.look.notes == "side":
                render = lambda foot_notes: pdf.render(foot_notes) if foot_notes else first  # noqa: E731
                html, document = set_side_notes(render, pdf.layout, pdf.build / "brief.pdf", found)
            else:
                html, document = first, pdf.layout(first, found)
            check_note_density(document, pdf.build / "brief.pdf", found)
            check_every_note_is_placed(document, pdf.build / "brief.pdf", found)
            files = {}
            if (page := pdf.leave_behind(document, found)) is not None:
                if edition.brief.look.layout == "compact":
                    # The page on its own first: WeasyPrint 70 leaves each written link's annotation on
                    # its box, and a second writing of a page that holds notes would refer to the first one's.
                    alone = pdf_bytes(document.copy([document.pages[page]]), pdf.links)
                files["brief.pdf"] = pdf_bytes(document, pdf.links)
                if edition.brief.look.layout == "compact":
                    files["brief-onepage.pdf"] = alone
            files["brief.html"] = html.encode()
            return files, len(document.pages)
        return done(pdf.write("brief", "brief.pdf", first, lay_out, problems))


@dataclass(frozen=True)
class LeaveBehindOutput(Output):
    name: str = "pdf"  # asked for with the brief
    runs: Runs = Runs.SHORT_LAYOUT

    def write(self, edition: Edition, folder: Path, problems: Problems):
        if edition.brief.look.layout == "compact":
            return done(None)  # the brief's page 1, which PdfOutput writes from its own layout
        pdf = _Pages(edition, folder)
        # (a project's own brief.html.j2 may not know `standalone`: its leave-behind page is taken)
        html = pdf.render(standalone=True)

        def lay_out(found: Problems) -> tuple[dict[str, bytes], None]:
            alone = pdf.layout(html, found)
            page = pdf.leave_behind(alone, found)
            return {} if page is None else {"brief-onepage.pdf": pdf_bytes(alone.copy([alone.pages[page]]), pdf.links)}, None
        return done(pdf.write("leave-behind", "brief-onepage.pdf", html, lay_out, problems))


PDF, LEAVE_BEHIND = PdfOutput(), LeaveBehindOutput()
