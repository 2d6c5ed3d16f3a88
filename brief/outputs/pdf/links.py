"""What the PDF's links say to a reader who cannot see where they lead.

WeasyPrint gives each link annotation its target as /Contents ("note-4", "ref-icbl-2025"), which a
screen reader speaks as the link's description. Here each target inside the brief is named as a
person would name it: a note by its number and its text, a source by its title, a part of the
brief by its heading. A link to a source in another language than the brief's carries that
language (/Lang), so its title is read in it. Links to web addresses keep the address.
"""
import html
import re

from ..edition import Edition
from ..templates import CALL_ID_PREFIX, NOTE_ID_PREFIX

_TAG = re.compile(r"<[^>]+>")
# A heading Pandoc wrote with an id (`## Heading`, `## Heading {#id}`): prose may link to it.
_HEADING = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)
SOURCE_ID_PREFIX = "ref-"  # the Sources entry's id, as the notes stage links it (prose.lua)


def plain(fragment_html: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment_html)).split())


def link_descriptions(edition: Edition) -> dict[str, str]:
    """Each destination inside the brief (an element's id) -> what a link to it says."""
    t, content = edition.strings, edition.content
    named = {"key-findings": t("key_findings"), "recommendations": t("recommendations"),
             "sources": t("sources"), "about": t("about")}
    for _, fragment in edition.prose.pieces:
        for part in fragment.parts:
            if isinstance(part, str):
                named.update((anchor, plain(text)) for anchor, text in _HEADING.findall(part))
    named.update((f"sec-{s['id']}", f"{s['label']} {s['title']}") for s in edition.sections)
    named.update((f"rec-{a['id']}", f"{a['number']} {a['ask']}") for a in edition.asks)
    named.update((f"fig-{f['id']}", f"{t('figure', number=n)}. {f['title']}") for n, f in edition.figures.items())
    named.update((d["anchor"], d["title"]) for d in edition.developments)
    for number, text in edition.prose.notes.items():
        named[f"{NOTE_ID_PREFIX}{number}"] = t("note_link", number=number, text=plain(text))
        named[f"{CALL_ID_PREFIX}{number}"] = t("back_to_text")
    for key, source in content.sources.items():
        named[f"{SOURCE_ID_PREFIX}{key}"] = plain(str(source.csl.get("title") or key))
    return named


def link_languages(edition: Edition) -> dict[str, str]:
    """A link to a source in another language than the brief's -> that language."""
    brief_language = edition.brief.language.split("-")[0].lower()
    return {f"{SOURCE_ID_PREFIX}{key}": str(source.csl["language"]) for key, source in edition.content.sources.items()
            if source.csl.get("language") and str(source.csl["language"]).split("-")[0].lower() != brief_language}
