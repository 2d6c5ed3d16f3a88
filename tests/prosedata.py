"""The brief's notes as the prose stage made them (data, not the page's markup), as plain text."""
import html
import re

from brief.build import Options, build

_TAG = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", fragment))).strip()


def notes_of(project) -> list[str]:
    """Every note's text, in order, from a build that writes no output."""
    edition = build(project, Options(outputs=())).edition
    return [plain(text) for _, text in sorted(edition.prose.notes.items())]
