"""Stage 6, HTML: the Jinja2 templates put prose, notes and figures on the page.

The result is written to build/brief.html: the exact HTML WeasyPrint lays out, which also
opens in a browser (its URLs are relative to build/). The templates own all markup; this
module only gathers what they show.
"""
import io
import os
from itertools import groupby
from pathlib import Path

import jinja2

from ... import __version__
from ...render import view
from ...render.charts import ChartImage
from ...content.model import Content
from ...evidence.currency import Reach
from ...render.prose import Notes
from ...content.reading import ABOUT, DEVELOPMENT, FINDING, RECOMMENDATION, SUMMARY, UNKNOWN
from ...look.strings import Strings
from ...look.theme import FontFace, Theme, theme_dirs, theme_file


def _keep_last_words(text):
    """No lone word on a title's last line: its last two words are joined by a no-break space."""
    head, _, last = text.rpartition(" ")
    return f"{head}\u00a0{last}" if head and len(last) < 12 else text


def environment(project_root: Path, strings: Strings):
    """Templates from the project's templates/ first, then the default theme; `t(key)` gives a
    fixed word in the brief's language, `longdate` a date in its style."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme_dirs(project_root)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals["t"] = strings
    env.filters["longdate"] = strings.date
    env.filters["keep_last_words"] = _keep_last_words
    return env


def qr_svg(address: str, colour: str) -> str:
    """A QR code of `address` as inline SVG (segno: pure Python, the same bytes every time)."""
    import segno
    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=4, border=0,
                                        dark=colour, svgclass="qr", lineclass=None, omitsize=True)
    return out.getvalue().decode()


def render_html(content: Content, notes: Notes, images: dict[str, ChartImage], theme: Theme,
                faces: list[FontFace], strings: Strings, read_at: dict, reach: Reach, build_dir: Path) -> str:
    env = environment(content.root, strings)
    figure = env.get_template("figure.html.j2")

    def render_figure(chart_id, number, chart, caption, source):
        image = images[chart_id]
        return figure.render(id=chart_id, number=number, title=chart.title, alt=image.alt,
                             src=os.path.relpath(image.path, build_dir),
                             caption=caption, axis_note=chart.axis_note, source=source)

    with_figures = view.figure_filler(content, notes, render_figure)
    pieces = view.by_kind(notes)
    brief = content.brief
    asks = view.asks(content, {id(rec): html for rec, html in pieces.get(RECOMMENDATION, [])})
    audiences = [{"to": to, "asks": list(group)} for to, group in groupby(asks, key=lambda a: a["to"])]
    developments = [view.development(content, d, html) for d, html in pieces.get(DEVELOPMENT, [])]
    sections = [{"id": section.id, "title": section.title, "kicker": section.kicker, "label": label,
                 "annex": section.annex, "lists_developments": section.developments,
                 "html": with_figures(html)}
                for section, html, label in view.labelled_sections(pieces, strings)]
    return env.get_template("brief.html.j2").render(
        brief=brief, version=__version__, theme_css=theme.css_variables(), paper=theme.paper,
        stylesheet=os.path.relpath(theme_file(content.root, "print.css"), build_dir),
        logo=os.path.relpath(theme.logo, build_dir) if theme.logo else None,
        fonts=[{"family": f.family, "url": os.path.relpath(f.path, build_dir), "weight": f.weight,
                "style": f.style} for f in faces],
        summary=pieces[SUMMARY][0][1],
        findings=[{"short": f.short, "html": html} for f, html in pieces.get(FINDING, [])],
        unknowns=[html for _, html in pieces.get(UNKNOWN, [])],
        asks=asks, audiences=audiences,
        qr=qr_svg(brief.web_address, theme.colors["ink"]) if brief.web_address else None,
        sections=sections, developments=developments,
        changes=[d for d in developments if d["is_new"]],
        about=pieces[ABOUT][0][1] if ABOUT in pieces else None,
        sources=view.sources(content, notes, strings, read_at),
        evidence=reach, evidence_note=view.evidence_note(reach, strings),
    )


LEAVE_BEHIND = ("leave-behind", "leave-behind-end")  # the ids around it in leave-behind.html.j2


def leave_behind_too_long(content: Content, pages: int, problems):
    """The leave-behind must fit one page: name the longest of its texts to shorten."""
    brief = content.brief
    texts = [(brief.field_lines.get("bottom_line", brief.line), "'bottom_line'", brief.bottom_line)]
    texts += [(f.line, f"finding {i}'s 'short'", f.short) for i, f in enumerate(brief.key_findings, 1)]
    texts += [(r.line, f"recommendation '{r.id}''s 'ask'", r.ask) for r in brief.recommendations]
    line, name, text = max(texts, key=lambda t: len(t[2]))
    problems.error(content.root / "content" / "brief.yaml", line,
                   f"the one-page leave-behind runs to {pages} pages; shorten {name} ({len(text)} characters, "
                   "the longest of its texts) or others")
