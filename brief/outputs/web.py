"""Stage 6, web: build/web/index.html, the brief as one self-contained page for screens.

The same pieces, notes and charts as the PDF, in a responsive layout (templates/web.html.j2 and
web.css): the notes of each part gathered at its end, numbered and linked both ways; each chart
inlined as SVG so it uses the page's fonts; the fonts, the stylesheet, a cover image for link
previews and the PDFs beside it. No script and no request leaves the folder: it opens from
file:// and from any static host. Written before the PDF is laid out, so `brief watch` shows an
edit in the browser first.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..render import view
from ..cache import write_atomic
from ..render.charts import ChartImage
from .pdf.html import environment
from ..content.model import Content
from ..evidence.currency import Reach
from ..render.prose import CALL_ID_PREFIX, NOTE_ID_PREFIX, Notes
from ..content.reading import ABOUT, DEVELOPMENT, FINDING, RECOMMENDATION, SUMMARY, UNKNOWN
from ..look.strings import Strings
from ..look.theme import FontFace, Theme, theme_file

_NOTE, _CALL = re.escape(NOTE_ID_PREFIX), re.escape(CALL_ID_PREFIX)
NOTE_START = re.compile(rf'<span class="fn"><a href="#{_NOTE}(\d+)" id="{_CALL}\1" class="fn-ref">\1</a>'
                        rf'<span id="{_NOTE}\1" class="footnote"><a href="#{_CALL}\1" class="fn-back">\1\.\s*</a>\s*')
SPAN = re.compile(r"<span\b|</span>")
SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)  # the XML declaration and doctype before <svg


@dataclass
class Part:
    """A part of the page whose notes are listed at its end."""

    notes: list[tuple[int, str]] = field(default_factory=list)

    def take_notes(self, html: str) -> str:
        """The HTML with each note replaced by its call; the notes are kept in `self.notes`."""
        out, position = [], 0
        while m := NOTE_START.search(html, position):
            depth, end = 2, m.end()  # inside span.fn and span.footnote
            while depth:
                span = SPAN.search(html, end)
                depth += 1 if span[0] == "<span" else -1
                end = span.end()
            number = int(m[1])
            self.notes.append((number, html[m.end():end - len("</span></span>")]))  # inside both spans
            out.append(html[position:m.start()])
            out.append(f'<a href="#{NOTE_ID_PREFIX}{number}" id="{CALL_ID_PREFIX}{number}" class="fn-ref" '
                       f'aria-describedby="notes-heading"><sup>{number}</sup></a>')
            position = end
        out.append(html[position:])
        return "".join(out)


def _svg(image: ChartImage) -> str:
    """A chart's SVG to inline: its own XML prologue dropped, its alt text as its label."""
    svg = SVG_START.sub("", image.path.read_text(encoding="utf-8"), count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attribute(image.alt)}" ', 1)


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _copy(source: Path, target: Path):
    """Copy unless an identical file is already there (fonts and PDFs are large)."""
    if target.exists() and target.stat().st_size == source.stat().st_size and \
            target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as data:
        write_atomic(target, data.read())


def render_web(content: Content, notes: Notes, images: dict[str, ChartImage], theme: Theme,
               faces: list[FontFace], strings: Strings, read_at: dict, reach: Reach, cover: Path | None,
               web: Path) -> Path:
    env = environment(content.root, strings)
    figure = env.get_template("web-figure.html.j2")

    def render_figure(chart_id, number, chart, caption, source):
        return figure.render(id=chart_id, number=number, title=chart.title, svg=_svg(images[chart_id]),
                             axis_note=chart.axis_note, caption=caption, source=source)

    with_figures = view.figure_filler(content, notes, render_figure)
    front, pieces = Part(), view.by_kind(notes)
    summary = front.take_notes(pieces[SUMMARY][0][1])
    findings = [{"short": f.short, "html": front.take_notes(html)} for f, html in pieces.get(FINDING, [])]
    unknowns = [front.take_notes(html) for _, html in pieces.get(UNKNOWN, [])]
    asks = view.asks(content, {id(rec): front.take_notes(html) for rec, html in pieces.get(RECOMMENDATION, [])})
    developments = pieces.get(DEVELOPMENT, [])
    sections = []
    for section, html, label in view.labelled_sections(pieces, strings):
        part = Part()
        body = part.take_notes(with_figures(html))
        listed = [view.development(content, d, part.take_notes(h))
                  for d, h in developments] if section.developments else []
        sections.append({"id": section.id, "title": section.title, "kicker": section.kicker,
                         "label": label, "html": body, "developments": listed, "notes": part.notes})
    about = Part()
    about_html = about.take_notes(pieces[ABOUT][0][1]) if ABOUT in pieces else None
    changes = [d for s in sections for d in s["developments"] if d["is_new"]]

    for face in faces:
        _copy(face.path, web / "fonts" / face.path.name)
    _copy(theme_file(content.root, "web.css"), web / "web.css")
    if cover is not None:
        _copy(cover, web / "cover.png")
    page = env.get_template("web.html.j2").render(
        brief=content.brief, theme_css=theme.css_variables(), summary=summary, findings=findings,
        unknowns=unknowns, asks=asks,
        front_notes=front.notes, sections=sections, changes=changes, about=about_html, about_notes=about.notes,
        note_id_prefix=NOTE_ID_PREFIX, call_id_prefix=CALL_ID_PREFIX,
        fonts=[{"family": f.family, "url": f"fonts/{f.path.name}", "weight": f.weight, "style": f.style}
               for f in faces],
        sources=view.sources(content, notes, strings, read_at),
        evidence=reach, evidence_note=view.evidence_note(reach, strings),
        cover="cover.png" if cover is not None else None)
    index = web / "index.html"
    write_atomic(index, page)
    return index


def publish_pdfs(build: Path, web: Path):
    """The PDFs the web edition links to, beside it (after the PDF stage has written them)."""
    for name in ("brief.pdf", "brief-onepage.pdf"):
        if (build / name).exists():
            _copy(build / name, web / name)
