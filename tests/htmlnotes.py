"""Footnotes and Sources entries as plain text, read from the laid-out HTML."""
import html
import re

_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r"<span\b|</span>")
_NOTE = re.compile(r'<span id="note-\d+" class="footnote">')


def _plain(fragment):
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", fragment))).strip()


def footnotes(page_html):
    """The text of every footnote, in order."""
    out, i = [], 0
    while m := _NOTE.search(page_html, i):
        start = end = m.end()
        depth = 1
        while depth:
            m = _SPAN.search(page_html, end)
            depth += 1 if m[0] == "<span" else -1
            end = m.end()
        out.append(re.sub(r"^\d+\.\s", "", _plain(page_html[start:m.start()])))  # its number, a link back
        i = end
    return out


def sources(page_html):
    return [_plain(e) for e in re.findall(r'<li class="csl-entry" id="ref-[^"]+">(.*?)</li>', page_html, re.S)]
