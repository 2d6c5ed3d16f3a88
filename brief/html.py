"""Stage 5, HTML: the Jinja2 template puts prose, notes and figures on the page.

The result is written to build/brief.html: the exact HTML WeasyPrint lays out, which also
opens in a browser (its URLs are relative to build/). The templates own all markup; this
module only gathers what they show.
"""
import os
from pathlib import Path

import jinja2

from . import __version__
from .charts import ChartImage
from .model import Content
from .notes import FIGURE_PLACE, Notes
from .reading import (ABOUT, CAPTION, DEVELOPMENT, FIGURE_SOURCE, FINDING, LATEST, RECOMMENDATION,
                      SECTION, SUMMARY)
from .theme import FontFace, Theme


def _longdate(d):
    return f"{d:%B} {d.day}, {d.year}"


def environment(templates_dir):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["longdate"] = _longdate
    return env


def _by_kind(notes: Notes):
    out = {}
    for piece, html in notes.pieces:
        out.setdefault(piece.kind, []).append((piece.owner, html))
    return out


def render_html(content: Content, notes: Notes, images: dict[str, ChartImage], theme: Theme,
                faces: list[FontFace], read_at: dict, build_dir: Path) -> str:
    templates = content.root / "templates"
    env = environment(templates)
    figure = env.get_template("figure.html.j2")
    by_id = {number: chart_id for chart_id, number in notes.figures.items()}
    captions = {(piece.kind, piece.owner.id): html for piece, html in notes.pieces
                if piece.kind in (CAPTION, FIGURE_SOURCE)}

    def with_figures(html):
        def one(m):
            chart_id = by_id[int(m[1])]
            image = images[chart_id]
            return figure.render(id=chart_id, number=int(m[1]), title=content.charts[chart_id].title,
                                 alt=image.alt, src=os.path.relpath(image.path, build_dir),
                                 caption=captions[(CAPTION, chart_id)],
                                 source=captions[(FIGURE_SOURCE, chart_id)])
        return FIGURE_PLACE.sub(one, html)

    pieces = _by_kind(notes)
    brief = content.brief
    recommendations = {}
    for rec, html in pieces.get(RECOMMENDATION, []):
        recommendations.setdefault(id(rec), {"to": rec.to, "entries": []})["entries"].append(html)
    developments = [
        {"date": d.date, "title": d.title, "anchor": d.anchor, "html": html,
         "is_new": bool(brief.previous_edition and d.date > brief.previous_edition)}
        for d, html in pieces.get(DEVELOPMENT, [])]
    return env.get_template("brief.html.j2").render(
        brief=brief, version=__version__, theme_css=theme.css_variables(),
        templates_url=os.path.relpath(templates, build_dir),
        fonts=[{"family": f.family, "url": os.path.relpath(f.path, build_dir), "weight": f.weight,
                "style": f.style} for f in faces],
        summary=pieces[SUMMARY][0][1],
        findings=[html for _, html in pieces.get(FINDING, [])],
        recommendations=list(recommendations.values()),
        sections=[{"id": s.id, "title": s.title, "kicker": s.kicker, "html": with_figures(html)}
                  for s, html in pieces.get(SECTION, [])],
        latest_id=LATEST, developments=developments,
        changes=[d for d in developments if d["is_new"]],
        about=pieces[ABOUT][0][1] if ABOUT in pieces else None,
        sources=[{"id": key, "html": html, "note": content.sources[key].csl.get("note"),
                  "read_at": read_at.get(key, [])} for key, html in notes.sources],
    )
