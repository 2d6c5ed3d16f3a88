"""Footnotes and Sources entries as plain text, read from the laid-out HTML."""
import html
import re

_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r"<span\b|</span>")


def _plain(fragment):
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", fragment))).strip()


def footnotes(page_html):
    """The text of every footnote, in order."""
    out, i, opener = [], 0, '<span class="footnote">'
    while (i := page_html.find(opener, i)) >= 0:
        start = end = i + len(opener)
        depth = 1
        while depth:
            m = _SPAN.search(page_html, end)
            depth += 1 if m[0] == "<span" else -1
            end = m.end()
        out.append(_plain(page_html[start:m.start()]))
        i = end
    return out


def sources(page_html):
    refs = page_html[page_html.find('id="refs"'):]
    return [_plain(e) for e in re.findall(r'<div id="ref-[^"]+" class="csl-entry"[^>]*>(.*?)</div>', refs, re.S)]
