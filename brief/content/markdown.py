"""What the generator reads inside Pandoc Markdown prose before Pandoc sees it.

Citations, `{{...}}` directives, links and notes are found here, with their line, so
that validation can report them as `path:line` and the notes stage can expand directives.
"""
import re
from dataclasses import dataclass

from .types import Prose

# Pandoc's rule: a key starts with a letter, digit or _, and may hold internal punctuation.
CITE_KEY = re.compile(r"(?<![\w@\\])@([A-Za-z0-9_](?:\w|[:.#$%&\-+?<>~/](?=\w))*)")
CITE_BRACKET = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
DIRECTIVE = re.compile(r"\{\{\s*([a-z]+)\s*:\s*([^{}]*?)\s*\}\}")
LINK_TARGET = re.compile(r"(?<!!)\[[^\[\]]*\]\(\s*<?((?:[^\s()>]|\([^\s()>]*\))*)")  # one level of (...) as Pandoc allows
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
IMAGE = re.compile(r"!\[[^\]]*\]\(")
FENCE_OPEN = re.compile(r"^[ \t]*:{3,}[ \t]*[{\w]", re.M)
FENCE_CLOSE = re.compile(r"^[ \t]*:{3,}[ \t]*$", re.M)
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.I)
DIRECTIVES = ("figure", "ref", "data", "rec")
# Block attributes the generator uses to mark pieces and figures for its Pandoc filter;
# content may not use them (validation says so), so prose can never forge a marker.
PIECE_ATTRIBUTE, FIGURE_ATTRIBUTE = "brief-piece", "brief-figure"
RESERVED = re.compile(rf"\b({PIECE_ATTRIBUTE}|{FIGURE_ATTRIBUTE})\b")


@dataclass(frozen=True)
class Found:
    what: str      # what was found: the key, the directive argument, the link target
    kind: str      # "cite", a directive name, "link", "image", "note", "reserved"
    line: int
    start: int = 0
    end: int = 0


def line_of(prose: Prose, offset: int) -> int:
    return prose.line + prose.text.count("\n", 0, offset)


def citations(prose: Prose):
    for m in CITE_KEY.finditer(prose.text):
        yield Found(m[1], "cite", line_of(prose, m.start()), m.start(), m.end())


def directives(prose: Prose):
    for m in DIRECTIVE.finditer(prose.text):
        yield Found(m[2], m[1], line_of(prose, m.start()), m.start(), m.end())


def links(prose: Prose):
    for pattern in (LINK_TARGET, AUTOLINK):
        for m in pattern.finditer(prose.text):
            yield Found(m[1], "link", line_of(prose, m.start()), m.start(), m.end())
    for m in IMAGE.finditer(prose.text):
        yield Found(m[0], "image", line_of(prose, m.start()), m.start(), m.end())


def reserved(prose: Prose):
    for m in RESERVED.finditer(prose.text):
        yield Found(m[1], "reserved", line_of(prose, m.start()), m.start(), m.end())


def unbalanced_fence(prose: Prose):
    """The line of a `:::` block that is not closed (or a stray closing one), else None."""
    depth, text = 0, prose.text
    for m in sorted(list(FENCE_OPEN.finditer(text)) + list(FENCE_CLOSE.finditer(text)),
                    key=lambda m: m.start()):
        depth += 1 if FENCE_OPEN.match(m[0]) else -1
        if depth < 0:
            return line_of(prose, m.start()), "a ':::' closes a block that was never opened"
    if depth > 0:
        last = list(FENCE_OPEN.finditer(text))[-1]
        return line_of(prose, last.start()), "a ':::' block is not closed; add a line ':::' after it"
    return None


def explanatory_notes(prose: Prose):
    """The text of each ^[...] note (brackets may nest)."""
    text, i = prose.text, 0
    while (i := text.find("^[", i)) >= 0:
        depth, j = 0, i + 1
        while j < len(text):
            depth += {"[": 1, "]": -1}.get(text[j], 0)
            if depth == 0:
                break
            j += 1
        yield Found(text[i + 2:j], "note", line_of(prose, i), i, j + 1)
        i = j
