"""The PDF's HTML: the Jinja2 templates put the edition's prose, notes and figures on the page.

The result is written to build/brief.html: the exact HTML WeasyPrint lays out, which also
opens in a browser (its URLs are relative to build/). The templates own all markup; this
module only gathers what they show.
"""
import io
import os
from itertools import groupby
from pathlib import Path

from ... import __version__
from ...content.model import Content
from ...look.theme import theme_file
from ..edition import Edition
from ..templates import environment, render_page


def qr_svg(address: str, colour: str, title: str) -> str:
    """A QR code of `address` as inline SVG (segno: pure Python, the same bytes every time); its
    <title> is the figure's alt text in the PDF's tags."""
    import segno
    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=4, border=0,
                                        dark=colour, svgclass="qr", lineclass=None, omitsize=True, title=title)
    return out.getvalue().decode()


def render_html(edition: Edition, build_dir: Path, foot_notes=frozenset(), standalone: bool = False) -> str:
    """The brief's HTML; with `look.notes: side`, the notes numbered in `foot_notes` still go to
    the page's foot; `standalone`: the leave-behind alone, the page of brief-onepage.pdf."""
    content, theme, brief = edition.content, edition.theme, edition.brief
    env = environment(content.root, edition.strings)
    figures = {n: {**f, "src": os.path.relpath(f["image"].path, build_dir)} for n, f in edition.figures.items()}
    asks = edition.asks
    return render_page(env, "brief.html.j2",
        brief=brief, compact=brief.look.layout == "compact", version=__version__, theme_css=theme.css_variables(), paper=theme.paper,
        stylesheet=os.path.relpath(theme_file(content.root, "print.css"), build_dir),
        logo=os.path.relpath(theme.logo, build_dir) if theme.logo else None,
        fonts=[{"family": f.family, "url": os.path.relpath(f.path, build_dir), "weight": f.weight,
                "style": f.style} for f in edition.faces],
        notes=edition.prose.notes, foot_notes=foot_notes, figures=figures, summary=edition.summary, findings=edition.findings,
        asks=asks, audiences=[{"to": to, "asks": list(group)} for to, group in groupby(asks, key=lambda a: a["to"])],
        standalone=standalone,
        qr=qr_svg(brief.web_address, theme.colors["ink"], edition.strings("qr_code", address=brief.web_address))
        if brief.web_address else None,
        sections=edition.sections, developments=edition.developments, changes=edition.changes,
        about=edition.about, sources=edition.sources, unknowns=edition.could_not_establish,
        evidence=edition.reach, evidence_line=edition.evidence_line, evidence_note=edition.evidence_note,
    )


LEAVE_BEHIND = ("leave-behind", "leave-behind-end")  # the ids around it in leave-behind.html.j2


def leave_behind_too_long(content: Content, pages: int, problems):
    """The leave-behind must fit one page: name the longest of its texts to shorten. In the
    compact layout it is page 1, which holds the summary, the findings' and the asks' prose too."""
    brief = content.brief
    texts = [(brief.field_lines.get("bottom_line", brief.line), "'bottom_line'", brief.bottom_line)]
    if brief.look.layout == "compact":
        texts += [(brief.field_lines.get("summary", brief.line), "'summary'", brief.summary.text)]
        texts += [(f.line, f"finding {i}'s 'text'", f.text.text) for i, f in enumerate(brief.key_findings, 1)]
        texts += [(r.line, f"recommendation '{r.id}''s 'ask' and 'why'", r.ask + (r.why.text if r.why else ""))
                  for r in brief.recommendations]
        what, otherwise = "page 1 of the compact brief (bottom line, findings and asks)", ", or set look.layout: standard"
    else:
        texts += [(f.line, f"finding {i}'s 'short'", f.short) for i, f in enumerate(brief.key_findings, 1)]
        texts += [(r.line, f"recommendation '{r.id}''s 'ask'", r.ask) for r in brief.recommendations]
        what, otherwise = "the one-page leave-behind", ""
    line, name, text = max(texts, key=lambda t: len(t[2]))
    problems.error(content.root / "content" / "brief.yaml", line,
                   f"{what} runs to {pages} pages; shorten {name} ({len(text)} characters, "
                   f"the longest of its texts) or others{otherwise}")
