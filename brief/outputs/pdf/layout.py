"""WeasyPrint lays out the PDF's HTML and makes the PDF's bytes, which the PDF outputs write
only once the layout has been checked.

WeasyPrint's default fetcher reads any file and any URL. Ours reads only files inside the
project, so content can never pull a file from the author's disk or anything from the network.
"""
import hashlib
import io
import logging
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...errors import BriefError
from ...look.theme import DEFAULT_THEME
from ..templates import CALL_ID_PREFIX, NOTE_ID_PREFIX
from .tagging import finish_tags

NOTES_PER_PAGE = 6  # beyond this WeasyPrint's footnote layout slows steeply


def preload_weasyprint():
    """Import WeasyPrint (about a second) while background stages are still running."""
    import weasyprint  # noqa: F401


class BlockedURL(Exception):
    pass


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetchable(path: Path, root: Path) -> bool:
    """Whether the fetcher serves `path` (resolved): a file under `root` or the default theme."""
    return path.is_file() and any(path.is_relative_to(a) for a in (root.resolve(), DEFAULT_THEME.resolve()))


def confined_fetcher(root: Path, served: dict[str, str] | None = None):
    """A URL fetcher that serves files under `root` or the default theme, and refuses
    everything else; `served` gets each file it serves (resolved path -> its content's hash)."""
    import weasyprint

    class Fetcher(weasyprint.URLFetcher):
        blocked: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not fetchable(path, root):
                self.blocked.append(url)
                raise BlockedURL(url)
            data = path.read_bytes()
            if served is not None:
                served[str(path)] = file_hash(data)
            return weasyprint.urls.URLFetcherResponse(url, data, {"Content-Type": _mime(path)})
    return Fetcher()


def _mime(path: Path):
    return {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".png": "image/png",
            ".html": "text/html"}.get(path.suffix.lower(), "application/octet-stream")


def lay_out(html: str, html_path: Path, root: Path, problems, served: dict[str, str] | None = None):
    """Lay out `html`, whose links are relative to `html_path` (build/brief.html); layout
    warnings go to `problems`, the files it reads to `served` (see confined_fetcher). Nothing is
    written here."""
    import weasyprint

    fetcher = confined_fetcher(root, served)
    with _collected("weasyprint") as messages:
        document = weasyprint.HTML(string=html, base_url=str(html_path), url_fetcher=fetcher).render()
    if fetcher.blocked:
        raise BriefError("blocked: the brief asks for "
                         + ", ".join(sorted(set(fetcher.blocked)))
                         + "; only files inside the project can be used")
    for message in messages:
        problems.warn(html_path, 0, f"layout: {message}")
    return document


def pdf_bytes(document, links: tuple[dict, dict]) -> bytes:
    """The laid-out document as PDF/UA-1 (WeasyPrint's tags, finished by tagging.py, its links
    described and their languages given by `links`, see links.py); the same document always
    gives the same bytes."""
    import pikepdf

    written, finished = io.BytesIO(), io.BytesIO()
    document.write_pdf(written, pdf_variant="pdf/ua-1", pdf_identifier=b"brief")
    with pikepdf.open(written) as pdf:
        finish_tags(pdf, *links)
        # The date the evidence runs to (the page's <meta name="evidence-as-of">), which WeasyPrint
        # would write only in lower case: into the document information as EvidenceAsOf.
        if evidence_as_of := document.metadata.custom.get("evidence-as-of"):
            pdf.docinfo[pikepdf.Name.EvidenceAsOf] = evidence_as_of
        # Into memory, for Python to write: qpdf aborts the process when the disk fills as it writes.
        pdf.save(finished, deterministic_id=True)
    return finished.getvalue()


def pages_between(document, first_anchor: str, last_anchor: str) -> list[int]:
    """Indexes of the pages from the one holding `first_anchor` to the one holding `last_anchor`."""
    first = next(i for i, page in enumerate(document.pages) if first_anchor in page.anchors)
    last = max(i for i, page in enumerate(document.pages) if last_anchor in page.anchors)
    return list(range(first, last + 1))


@contextmanager
def _collected(logger_name):
    """WeasyPrint's own warnings (bad CSS, missing glyphs), kept for the build's report."""
    messages = []

    class Keep(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    logger, handler = logging.getLogger(logger_name), Keep(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def check_note_density(document, pdf_path, problems):
    """Warn about pages with more notes than NOTES_PER_PAGE; each note carries an id `note-N`."""
    for number, page in enumerate(document.pages, 1):
        notes = sum(anchor.startswith(NOTE_ID_PREFIX) for anchor in page.anchors)
        if notes > NOTES_PER_PAGE:
            problems.warn(pdf_path, 0, f"page {number} has {notes} notes; more than {NOTES_PER_PAGE} "
                                       "slows layout and crowds the page; spread or merge citations")


def numbered_anchors(document, prefix):
    """Note number -> (page index, box) of every anchor `prefix` + number."""
    return {int(name.removeprefix(prefix)): (index, box)
            for index, page in enumerate(document.pages) for name, box in page.anchors.items()
            if name.startswith(prefix) and name.removeprefix(prefix).isdigit()}


def check_every_note_is_placed(document, pdf_path, problems):
    """An error for a note whose call is on a page but whose text is on none: WeasyPrint 70 can
    drop a note it carries over to the next page together with another one (seen in a Hangul
    edition: notes 17 and 18 called on a page's last lines, 17 printed on the next page, 18
    nowhere). The build must not publish a citation that has silently gone."""
    placed = numbered_anchors(document, NOTE_ID_PREFIX)
    for number in sorted(numbered_anchors(document, CALL_ID_PREFIX).keys() - placed.keys()):
        problems.error(pdf_path, 0, f"note {number} is called but WeasyPrint's layout lost its text (a note "
                                    "carried to the next page with another); reword the text near its call "
                                    "so the page breaks elsewhere, or merge citations there")
