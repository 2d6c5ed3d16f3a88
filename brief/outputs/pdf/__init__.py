"""The PDF output: build/brief.pdf, its one-page leave-behind build/brief-onepage.pdf, and
build/brief.html, the exact HTML WeasyPrint laid out (it opens in a browser too).

One layout serves both PDFs: the leave-behind is a copy of its page. The layout is checked
(notes per page, a leave-behind that runs over a page) before anything is written.
"""
from dataclasses import dataclass
from pathlib import Path

from ...errors import Problems
from ...writing import write_atomic
from ..edition import Edition
from ..written import Written, finished
from .html import LEAVE_BEHIND, leave_behind_too_long, render_html
from .layout import check_note_density, lay_out, pages_between, write_pdf


@dataclass(frozen=True)
class PdfOutput:
    name: str = "pdf"
    files: tuple = ("brief.pdf", "brief-onepage.pdf", "brief.html")
    beside: bool = False  # the layout is the critical path: it runs in the build's own process

    def write(self, edition: Edition, folder: Path, problems: Problems):
        build = edition.content.root / "build"  # where the files will stand: links are relative to it
        html = render_html(edition, build)
        write_atomic(folder / "brief.html", html)
        document = lay_out(html, build / "brief.html", edition.content.root, problems)
        check_note_density(document, build / "brief.pdf", problems)
        leave_behind = pages_between(document, *LEAVE_BEHIND)
        if len(leave_behind) > 1:
            leave_behind_too_long(edition.content, len(leave_behind), problems)
        else:
            # The page on its own first: WeasyPrint 70 leaves each written link's annotation on its
            # box, and a second writing of a page that holds notes would refer to the first one's.
            write_pdf(document.copy([document.pages[leave_behind[0]]]), folder / "brief-onepage.pdf")
            write_pdf(document, folder / "brief.pdf")
        return finished(Written(build / "brief.pdf", len(document.pages)))

    def finish(self, folder: Path):
        pass


PDF = PdfOutput()
