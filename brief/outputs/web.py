"""The web output: build/web/index.html, the brief as one self-contained page for screens.

The same pieces, notes and charts as the PDF, in a responsive layout (templates/web.html.j2 and
web.css): the notes of each part gathered at its end, numbered and linked both ways; each chart
inlined as SVG so it uses the page's fonts; the fonts, the stylesheet, a cover image for link
previews and the PDFs beside it. No script and no request leaves the folder: it opens from
file:// and from any static host.
"""
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..look.theme import theme_file
from ..writing import write_atomic
from ..render.charts import ChartImage, drawn
from .edition import Edition
from .templates import environment
from .written import Written, finished

SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)  # the XML declaration and doctype before <svg


def _svg(image: ChartImage) -> str:
    """A chart's SVG to inline: its own XML prologue dropped, its alt text as its label."""
    svg = SVG_START.sub("", drawn(image.path).decode(), count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attribute(image.alt)}" ', 1)


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
    figures = {n: {**f, "svg": _svg(f["image"])} for n, f in edition.figures.items()}
    front = [edition.summary, *(f["prose"] for f in edition.findings), *edition.could_not_establish,
             *(a["why"] for a in edition.asks)]
    sections = [{**s, "notes": edition.notes_called(s["prose"], *(d["prose"] for d in s["developments"]))}
                for s in edition.sections]
    for face in edition.faces:
        _copy(face.path, web / "fonts" / face.path.name)
    _copy(theme_file(content.root, "web.css"), web / "web.css")
    if edition.cover is not None:
        write_atomic(web / "cover.png", drawn(edition.cover))
    page = env.get_template("web.html.j2").render(
        brief=brief, theme_css=edition.theme.css_variables(), summary=edition.summary, findings=edition.findings,
        asks=edition.asks, front_notes=edition.notes_called(*front), sections=sections, changes=edition.changes,
        about=edition.about, about_notes=edition.notes_called(edition.about), figures=figures,
        fonts=[{"family": f.family, "url": f"fonts/{f.path.name}", "weight": f.weight, "style": f.style}
               for f in edition.faces],
        sources=edition.sources, unknowns=edition.could_not_establish, languages=edition.languages,
        evidence=edition.reach, evidence_line=edition.evidence_line, evidence_note=edition.evidence_note,
        cover=cover_address(edition.brief.web_address) if edition.cover is not None else None)
    index = web / "index.html"
    write_atomic(index, page)
    return index


@dataclass(frozen=True)
class WebOutput:
    name: str = "web"
    files: tuple = ("web",)
    beside: bool = True  # runs beside the PDF's layout (forked.py)

    def write(self, edition: Edition, folder: Path, problems: Problems):
        render_web(edition, folder / "web" / edition.place)
        return finished(Written(edition.content.root / "build" / "web" / edition.place / "index.html"))

    def finish(self, folder: Path):
        """The PDFs each edition's page links to, beside it, once the PDF output has written them."""
        for page in (folder / "web").rglob("index.html") if (folder / "web").is_dir() else []:
            place = page.parent.relative_to(folder / "web")
            for name in ("brief.pdf", "brief-onepage.pdf"):
                if (folder / place / name).exists():
                    _copy(folder / place / name, page.parent / name)


WEB = WebOutput()
