"""Read a BibTeX or BibLaTeX file through Pandoc into CSL entries that know their lines.

Pandoc turns the file into CSL JSON but says where only when it cannot read it; the line of
each entry is found here from its `@type{key,` so that a message about an entry points at it,
and Pandoc's own error keeps its line and names the entry it is in.
"""
import json
import re
import subprocess
from pathlib import Path

from ..errors import Problems
from ..render.pandoc import pandoc_binary
from .files import located, read_text

ENTRY = re.compile(r"^[ \t]*@([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)", re.M)
# "Error at "sources.bib" (line 9, column 3):" then the message on the following lines
_PANDOC_ERROR = re.compile(r'\(line (\d+), column (\d+)\):\n(.*)')


def load(path: Path, problems: Problems):
    """The entries, each a located Map at its entry's line; None after recording why not."""
    text = read_text(path, problems)
    if text is None:
        return None
    starts = [(text.count("\n", 0, m.start()) + 1, m.start(), m[2]) for m in ENTRY.finditer(text)
              if m[1].lower() not in ("comment", "preamble", "string")]
    done = subprocess.run([pandoc_binary(), "-f", "bibtex", "-t", "csljson", str(path)],
                          capture_output=True, timeout=120)
    if done.returncode != 0:
        problems.error(path, *_pandoc_error(done.stderr.decode(errors="replace"), starts))
        return None
    entries = json.loads(done.stdout)
    for entry in entries:
        entry.pop("other-ids", None)  # BibLaTeX's `ids`, an entry's former keys (Better BibTeX writes them)
    entries = located(entries)
    lines = {key: line for line, _, key in starts}
    for i, entry in enumerate(entries):
        entry.line = lines.get(entry.get("id"), 0)
        entry.key_line = dict.fromkeys(entry, entry.line)
        entry.loc = dict.fromkeys(entry, (entry.line, entry.line))
        entries.loc[i] = (entry.line, entry.line)
    return entries


def _pandoc_error(stderr: str, starts) -> tuple[int, str]:
    """Pandoc's line and message, naming the entry the error is in (the last one that starts
    before it: an unclosed brace is found at the next entry's '@')."""
    found = _PANDOC_ERROR.search(stderr)
    if not found:
        return 0, f"Pandoc cannot read this BibTeX file: {stderr.strip()[:200]}"
    line, column, message = int(found[1]), int(found[2]), found[3].strip()
    before = [(start, key) for start, _, key in starts if start < line or (start == line and column > 1)]
    where = (f"in entry '{before[-1][1]}' (from line {before[-1][0]})" if before
             else "before the first entry")
    return line, (f"Pandoc cannot read this BibTeX file {where}: {message} at column {column}; "
                  "look for a missing comma between fields or a brace that is not closed")
