"""The theme's Jinja2 environment, shared by every output that renders templates.

Templates come from the project's templates/ first, then the default theme, and render in
Jinja's sandbox (look/templates.py): a brief's own templates can show what they are given,
never reach behind it. Prose arrives as
Fragments: `{{ fragment | prose(note_call, figure) }}` puts the template's own markup (its
macros) where a note is called or a figure is placed.
"""
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..look.strings import Strings
from ..look.templates import Templates
from ..render.prose import Fragment, NoteCall

# The ids the templates give a note and its call (NOTE_ID_PREFIX and the number): the PDF
# stage counts notes on a page by them, tagging and the web edition's links find them.
NOTE_ID_PREFIX, CALL_ID_PREFIX = "note-", "call-"
FIGURE_ID_PREFIX = "fig-"  # the id figure.html.j2 gives a figure: side notes keep off figures


def _keep_last_words(text):
    """No lone word on a title's last line: its last two words are joined by a no-break space."""
    head, _, last = text.rpartition(" ")
    return f"{head}\u00a0{last}" if head and len(last) < 12 else text


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def _headings_under(html: Markup, level: int) -> Markup:
    """Prose's headings (`## A heading`, a callout's `### Title`) set below the template's heading
    of `level`: the first one level deeper, none deeper than one below the heading before it,
    so the page's outline skips no level whatever levels the Markdown used. Raw HTML is off in
    prose, so every `<hN` in it is a heading Pandoc wrote."""
    opened, previous = [], level

    def one(tag):
        nonlocal previous
        if tag[1]:
            return f"</h{opened.pop()}"
        previous = max(level + 1, min(int(tag[2]) + level - 1, previous + 1))
        opened.append(previous)
        return f"<h{previous}"
    return Markup(_HEADING_TAG.sub(one, str(html)))


def _prose(fragment: Fragment, note_call, figure=None) -> Markup:
    """The fragment's HTML (made by Pandoc from content with raw HTML off, so safe) with each
    note call and figure place rendered by the template's macros."""
    out = []
    for part in fragment.parts:
        if isinstance(part, str):
            out.append(part)
        else:
            out.append(str((note_call if isinstance(part, NoteCall) else figure)(part.number)))
    return Markup("".join(out))


def render_page(env, name: str, **values) -> str:
    """A page of the brief: the template, then its language's spacing around punctuation set in
    the page's text, the template's own words and the prose alike (look/punctuation.py)."""
    return env.globals["t"].punctuation.html(env.get_template(name).render(**values))


def environment(project_root: Path, strings: Strings):
    """`t(key)` gives a fixed word in the brief's language, `longdate` a date in its style."""
    env = Templates(project_root, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals.update(t=strings, note_id_prefix=NOTE_ID_PREFIX, call_id_prefix=CALL_ID_PREFIX)
    env.filters["longdate"] = strings.date
    env.filters["keep_last_words"] = _keep_last_words
    env.filters["prose"] = _prose
    env.filters["headings_under"] = _headings_under
    return env
