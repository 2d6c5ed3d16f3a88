"""Archive excerpts: verbatim passages of a source, as it was read, for the evidence check.

A file in content/archive/ starts with a header saying where and when its text was read, then
a line `---`, then the passages, separated by blank lines:

    title: State Dept. Halts Global Mine-Clearing Programs
    source: ap-2025-halt
    read at: https://example.org/2025/01/25/state-dept-halts
    copy: repost
    read on: 2026-11-25
    copied from: stored page
    ---
    The first passage, copied character for character.

    A second passage.

`source:` (optional) is the citation key of the source it is an excerpt of: a file named after
its source (`ap-2025-halt.txt`, `ap-2025-halt-2.txt`) needs none. The link lives in the
project's own file, so a reference manager's re-export of the sources cannot drop it.

`copied from:` says whether the passages are the source's own text or the project's notes
(see `provenance`): a quotation verified only against notes is not verified against its source.

Passages follow each other in the source unless an omission is marked `[…]` (or `[...]`),
inside a passage or on a line of its own: a quotation or a date must not span one (GAP).
"""
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems
from ..content.files import read_text

HEADER = ("title", "read at", "copy", "read on", "copied from")
SOURCE = "source"  # the optional header line naming the source's citation key
HEADER_BYTES = 20_000  # more than any header: where `source:` is looked for
COPIES = ("original", "repost", "mirror", "reprint")

# Where passages were copied from: the source's own text, or the project's notes about it.
SOURCE_TEXT, NOTES = "source", "notes"
GAP = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]")  # an omission inside an excerpt
# The project's notes: a fact base, notes, a summary or paraphrase, memory; or a file of the
# project (facts.md, research/notes.txt: a name with a text or office file's extension).
NOTES_WORDS = re.compile(r"\b(notes?|fact ?base|facts|summary|summaries|summari[sz]ed|paraphrased?|memory)\b"
                         r"|[\w./-]\.(md|markdown|txt|text|ya?ml|json|docx?|odt|rtf|org|csv|xlsx?)\b", re.I)
# The source's own text: the page, a PDF, a print or scanned copy, a repost, mirror or reprint,
# a document or its text, a data table, an archived capture, or a seed (a copy the project
# started from).
SOURCE_WORDS = re.compile(r"\b(page|webpage|website|site|pdf|print|printed|scan|scanned|copy|repost|mirror|"
                          r"reprint|original|document|report|letter|statement|release|transcript|text|book|"
                          r"article|table|dataset|database|data|recording|video|capture|archived?|seed)\b", re.I)


def provenance(copied_from: str) -> str:
    """SOURCE_TEXT or NOTES, from what an excerpt's `copied from:` says. Notes win ("a summary
    of the page" is a summary), and what names neither counts as notes: an excerpt is the
    source's text only when it says so."""
    if NOTES_WORDS.search(copied_from) or not SOURCE_WORDS.search(copied_from):
        return NOTES
    return SOURCE_TEXT


@dataclass(frozen=True)
class Passage:
    text: str
    line: int


@dataclass
class Excerpt:
    path: Path
    title: str
    read_at: str
    copy: str
    read_on: dt.date
    copied_from: str
    passages: list[Passage] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # header field -> its line

    @property
    def is_original(self):
        return self.copy == "original"

    @property
    def provenance(self) -> str:
        return provenance(self.copied_from)

    @property
    def gaps(self) -> int:
        """The omissions marked in its passages."""
        return sum(len(GAP.findall(p.text)) for p in self.passages)

    @property
    def passages_of_text(self) -> int:
        """Its passages, not counting a line that only marks an omission."""
        return sum(bool(GAP.sub("", p.text).strip()) for p in self.passages)


def read_excerpt(path: Path, problems: Problems) -> Excerpt | None:
    """The excerpt in `path`, or None after recording what is wrong with it."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if "---" not in (line.strip() for line in lines):
        problems.error(path, 1, "an archive excerpt starts with a header (title, read at, copy, read on, "
                                "copied from), then a line '---', then the passages (older layouts had "
                                "none: brief upgrade writes one)")
        return None
    end = next(i for i, line in enumerate(lines) if line.strip() == "---")
    header, ok = {}, True
    for number, line in enumerate(lines[:end], 1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in (*HEADER, SOURCE):
            problems.error(path, number, f"'{line.strip()[:40]}' is not a header line; use one of: "
                                         + ", ".join(HEADER) + f" (and '{SOURCE}', optional)")
            ok = False
        else:
            header[key] = (value.strip(), number)
    for key in HEADER:
        if not header.get(key, ("",))[0]:
            problems.error(path, 1, f"the header has no '{key}'; add it")
            ok = False
    if ok and header["copy"][0] not in COPIES:
        problems.error(path, header["copy"][1], f"'copy' must be one of {', '.join(COPIES)}, "
                                                f"not '{header['copy'][0]}'")
        ok = False
    read_on = None
    if ok:
        try:
            read_on = dt.date.fromisoformat(header["read on"][0])
        except ValueError:
            problems.error(path, header["read on"][1], "'read on' must be a date written YYYY-MM-DD")
            ok = False
    passages = _passages(lines, end + 1)
    if ok and not passages:
        problems.error(path, end + 1, "the excerpt has no passage after '---'")
        ok = False
    if not ok:
        return None
    return Excerpt(path, header["title"][0], header["read at"][0], header["copy"][0], read_on,
                   header["copied from"][0], passages, {key: line for key, (_, line) in header.items()})


def named_source(path: Path) -> tuple[str, int] | None:
    """The citation key the excerpt's `source:` header line names, and its line, or None. Read
    before the excerpts themselves, to know which source a file belongs to; what else is wrong
    with the file is read_excerpt's to say."""
    try:
        with open(path, "rb") as file:
            head = file.read(HEADER_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(head.removeprefix("\ufeff").splitlines(), 1):
        if line.strip() == "---":
            break
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == SOURCE and value.strip():
            return value.strip(), number
    return None


def _passages(lines, first):
    out, current, start = [], [], 0
    for number, line in enumerate(lines[first:], first + 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            out.append(Passage(" ".join(current), start))
            current = []
    if current:
        out.append(Passage(" ".join(current), start))
    return out
