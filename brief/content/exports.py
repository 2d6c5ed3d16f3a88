"""What reference managers put in a CSL export that the brief reads its own way.

Zotero's CSL JSON names an item by its address (`http://zotero.org/users/…/items/ABCD2345`),
which cannot be cited as `[@…]`; the key to cite is Better BibTeX's `citation-key` (its `id`
too), or a `Citation Key: …` line in Zotero's "Extra" field, which the export writes as CSL's
`note`. That field also holds Better BibTeX's `tex.ids= …` and other `tex.` lines: they are for
the exporter, never for the reader, so they are taken out before the note is printed.
"""
import re

ITEM_ADDRESS = re.compile(r"https?://(?:www\.)?zotero\.org/(?:users|groups)/[^/\s]+/(?:[^/\s]+/)*items/\w+")
# "Citation Key: smith-2023" (Zotero 7 and Better BibTeX), "citation-key: …" in Extra
_KEY_LINE = re.compile(r"^\s*citation[ -]key\s*:\s*(\S+)\s*$", re.I | re.M)
# Lines of Extra that only an exporter reads: the citation key, tex.ids= …, tex.howpublished: …
_EXPORTER_LINE = re.compile(r"^\s*(?:citation[ -]key\s*:|tex\.[\w-]+\s*[:=]|bibtex\s*:).*$", re.I)


def citation_key(entry) -> str | None:
    """The key a source is cited by: its `citation-key`, the `Citation Key:` line of its Extra,
    or its `id`; None when it has none of them as text."""
    given = entry.get("citation-key")
    if isinstance(given, str) and given.strip():
        return given.strip()
    note = entry.get("note")
    if isinstance(note, str) and (line := _KEY_LINE.search(note)):
        return line[1]
    key = entry.get("id")
    if isinstance(key, (str, int, float)) and not isinstance(key, bool) and str(key).strip():
        return str(key).strip()
    return None


def is_item_address(key: str) -> bool:
    """Zotero's address of an item, which it uses as the id when the item has no citation key."""
    return bool(ITEM_ADDRESS.fullmatch(key))


def note_for_readers(note: str) -> str | None:
    """The note without the lines only an exporter reads; None when nothing else is left."""
    kept = [line for line in note.split("\n") if not _EXPORTER_LINE.match(line)]
    return "\n".join(kept).strip() or None
