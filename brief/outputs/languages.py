"""The language of a source's title, where the notes and the Sources list print it.

sources.yaml may declare a source's `language` (CSL's variable, e.g. `pl` or `sl-SI`). A title
in a language other than the brief's is marked `lang` in the HTML, so a screen reader reads it
in its own voice and a browser hyphenates and translates it as what it is. Citeproc prints the
title inside an entry or a note: it is found there by its words (curly or straight quotation
marks alike, as the style may turn one into the other), in the text between tags only.
"""
import re
from dataclasses import dataclass
from html import escape

from ..content.model import Content

_TAG = re.compile(r"(<[^>]*>)")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47's shape: `lang` takes no other
_QUOTES = {"'": "['‘’]", '"': '["“”]', "‘": "['‘’]", "’": "['‘’]", "“": '["“”]', "”": '["“”]'}


def _words(title: str) -> str:
    """A pattern for the title as citeproc may print it in HTML."""
    return r"\s+".join("".join(_QUOTES.get(char) or re.escape(escape(char, quote=False)) for char in word)
                      for word in title.split())


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class ForeignTitles:
    """The titles of the sources whose declared language is not the brief's: one pattern, a
    group per source (its full and short title, longest first), and each group's language."""
    pattern: re.Pattern | None
    languages: dict[str, str]

    def mark(self, html: str) -> str:
        """`html` with each foreign title it prints inside `<span lang="…">`."""
        if self.pattern is None:
            return html
        parts = _TAG.split(html)
        for i in range(0, len(parts), 2):  # the text between tags
            parts[i] = self.pattern.sub(
                lambda m: f'<span lang="{escape(self.languages[m.lastgroup])}">{m[0]}</span>', parts[i])
        return "".join(parts)


def foreign_titles(content: Content, original: str | None = None) -> ForeignTitles:
    """`original`: the language of a source that declares none (a translation's sources are
    the original edition's, in its language)."""
    brief, groups, languages = _primary(content.brief.language), [], {}
    for source in content.sources.values():
        language = source.csl.get("language") or original
        if not isinstance(language, str) or not _LANGUAGE_TAG.fullmatch(language.strip()) \
                or _primary(language) == brief:
            continue
        titles = sorted({t for t in (source.csl.get("title"), source.csl.get("title-short"))
                         if isinstance(t, str) and t.strip()}, key=len, reverse=True)
        if titles:
            name = f"s{len(groups)}"
            groups.append(f"(?P<{name}>{'|'.join(_words(t) for t in titles)})")
            languages[name] = language.strip()
    return ForeignTitles(re.compile("|".join(groups)) if groups else None, languages)
