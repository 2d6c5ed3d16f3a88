"""The web output: build/web/index.html, the brief as one self-contained page for screens.

The same pieces, notes and charts as the PDF, in a responsive layout (templates/web.html.j2 and
web.css): the notes of each part gathered at its end, numbered and linked both ways; each chart
inlined as SVG so it uses the page's fonts; the fonts, the stylesheet, a cover image for link
previews, the evidence report and the PDFs (when the build writes them) beside it. No script and no request leaves the folder: it opens from
file:// and from any static host.
"""
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..evidence.report import report_path
from ..look.theme import theme_file
from ..writing import write_atomic
from ..render.charts import ChartImage, drawn
from .edition import Edition
from .templates import environment, render_page
from ..forked import done
from .output import Output, Runs, Written

SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)  # the XML declaration and doctype before <svg
SVG_ID = re.compile(r'(\bid="|\bhref="#|url\(#)')  # an id, and each reference to one


def _svg(path: Path, image: ChartImage, drawing: str) -> str:
    """One drawing of a chart to inline: its own XML prologue dropped, the chart's alt text as its
    label, `drawing` ("wide" or "phone") its class, and its ids prefixed with the chart and the
    drawing (matplotlib gives every drawing the same `figure_1`, `axes_1` …, and each drawing's
    references must find its own)."""
    prefix = f"chart-{image.id}-{drawing}-"
    svg = SVG_ID.sub(lambda m: m[1] + prefix, SVG_START.sub("", drawn(path).decode(), count=1))
    return svg.replace("<svg ", f'<svg class="{drawing}" role="img" aria-label="{_attribute(image.alt)}" ', 1)


def _drawings(image: ChartImage) -> dict[str, str]:
    """A chart's two drawings, inlined: for the page's column and for phones (web.css shows one)."""
    return {"wide": _svg(image.path, image, "wide"), "phone": _svg(image.phone, image, "phone")}


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _copy(source: Path, target: Path):
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def cover_address(web_address: str | None) -> str | None:
    """The preview image's address for link previews, which need it absolute: beside the page
    at `web_address` (the web edition's folder, or its index.html). None without an address."""
    if not web_address:
        return None
    folder = web_address.rsplit("/", 1)[0] if web_address.lower().endswith((".html", ".htm")) \
        else web_address.rstrip("/")
    return f"{folder}/cover.png"


def render_web(edition: Edition, web: Path) -> Path:
    content, brief = edition.content, edition.brief
    env = environment(content.root, edition.strings)
    figures = {n: {**f, "svg": _drawings(f["image"])} for n, f in edition.figures.items()}
    front = [edition.summary, *(f["prose"] for f in edition.findings), *edition.could_not_establish,
             *(a["why"] for a in edition.asks)]
    foreign = edition.foreign_titles

    def notes(*fragments):
        return [(number, foreign.mark(html)) for number, html in edition.notes_called(*fragments)]
    sections = [{**s, "notes": notes(s["prose"], *(d["prose"] for d in s["developments"]))}
                for s in edition.sections]
    for face in edition.faces:
        _copy(face.path, web / "fonts" / face.path.name)
    _copy(theme_file(content.root, "web.css"), web / "web.css")
    _copy(report_path(content.root), web / "evidence.html")  # this build's: checked before the outputs start
    if edition.cover is not None:
        write_atomic(web / "cover.png", drawn(edition.cover))
    page = render_page(env, "web.html.j2",
        brief=brief, theme_css=edition.theme.css_variables(), summary=edition.summary, findings=edition.findings,
        asks=edition.asks, front_notes=notes(*front), sections=sections, changes=edition.changes,
        about=edition.about, about_notes=notes(edition.about), figures=figures,
        fonts=[{"family": f.family, "url": f"fonts/{f.path.name}", "weight": f.weight, "style": f.style}
               for f in edition.faces],
        pdf="pdf" in edition.outputs, sources=edition.sources,
        unknowns=edition.could_not_establish, languages=edition.languages,
        evidence=edition.reach, evidence_line=edition.evidence_line, evidence_note=edition.evidence_note,
        cover=cover_address(edition.brief.web_address) if edition.cover is not None else None)
    index = web / "index.html"
    write_atomic(index, page)
    return index


@dataclass(frozen=True)
class WebOutput(Output):
    name: str = "web"
    runs: Runs = Runs.NO_LAYOUT

    def write(self, edition: Edition, folder: Path, problems: Problems):
        render_web(edition, folder / "web" / edition.place)
        return done(Written(edition.content.root / "build" / "web" / edition.place / "index.html"))

    def finish(self, folder: Path):
        """The PDFs each edition's page links to, beside it, once the PDF output has written them."""
        for page in (folder / "web").rglob("index.html") if (folder / "web").is_dir() else []:
            place = page.parent.relative_to(folder / "web")
            for name in ("brief.pdf", "brief-onepage.pdf"):
                if (folder / place / name).exists():
                    _copy(folder / place / name, page.parent / name)


WEB = WebOutput()
