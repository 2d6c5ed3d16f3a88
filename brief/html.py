"""Stage 5, HTML: the Jinja2 template puts prose, notes and figures on the page.

The result is written to build/brief.html: the exact HTML WeasyPrint lays out, which also
opens in a browser (its URLs are relative to build/).
"""
import os
import re
from dataclasses import dataclass

import jinja2

from . import __version__
from .charts import ChartImage
from .model import Content
from .notes import Notes, developments_newest_first
from .validate import LATEST

CHART_MARK = re.compile(r"<!--chart:([\w\-]+)-->")
# "SourceSerif4_600SemiBold_Italic.ttf" -> family, weight, style
FONT_FILE = re.compile(r"^(SourceSerif4|SourceSans3)_(\d00)[A-Za-z]*?(_Italic)?\.ttf$")
FAMILIES = {"SourceSerif4": "Source Serif 4", "SourceSans3": "Source Sans 3"}


@dataclass
class FontFace:
    family: str
    file: str
    weight: str
    style: str


def font_faces(fonts_dir):
    faces = []
    for ttf in sorted(fonts_dir.glob("*.ttf")):
        if m := FONT_FILE.match(ttf.name):
            faces.append(FontFace(FAMILIES[m[1]], ttf.name, m[2], "italic" if m[3] else "normal"))
    return faces


def _longdate(d):
    return f"{d:%B} {d.day}, {d.year}"


def environment(templates_dir):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["longdate"] = _longdate
    return env


def render_html(content: Content, notes: Notes, images: dict[str, ChartImage], build_dir) -> str:
    templates = content.root / "templates"
    env = environment(templates)
    figure = env.get_template("figure.html.j2")

    def with_figures(html):
        def one(m):
            chart_id = m[1]
            image = images[chart_id]
            return figure.render(number=notes.figures[chart_id], title=content.charts[chart_id].title,
                                 alt=image.alt, src=os.path.relpath(image.path, build_dir))
        return CHART_MARK.sub(one, html)

    pieces = notes.pieces
    brief = content.brief
    developments = [
        {"date": d.date, "title": d.title, "anchor": d.anchor, "html": pieces[f"dev:{d.anchor}"],
         "is_new": bool(brief.previous_edition and d.date > brief.previous_edition)}
        for d in developments_newest_first(content)]
    return env.get_template("brief.html.j2").render(
        brief=brief, version=__version__, pieces=pieces,
        templates_url=os.path.relpath(templates, build_dir),
        fonts=font_faces(templates / "fonts"),
        findings=[pieces[f"finding:{i}"] for i in range(len(brief.key_findings))],
        recommendations=[{"to": r.to, "entries": [pieces[f"rec:{i}:{j}"] for j in range(len(r.items))]}
                         for i, r in enumerate(brief.recommendations)],
        sections=[{"id": s.id, "title": s.title, "kicker": s.kicker,
                   "html": with_figures(pieces[f"section:{s.id}"])} for s in content.sections],
        latest_id=LATEST, developments=developments,
        changes=[d for d in developments if d["is_new"]],
        about=pieces.get("about"),
    )
