"""Sources entries as plain text, as the page prints them (the templates' list of entries)."""
import re

from prosedata import plain


def sources(page_html):
    return [plain(e) for e in re.findall(r'<li class="csl-entry" id="ref-[^"]+">(.*?)</li>', page_html, re.S)]
