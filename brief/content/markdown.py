"""What the generator reads inside Pandoc Markdown prose before Pandoc sees it.

Citations, `{{...}}` directives, links and notes are found here, with their line, so
that validation can report them as `path:line` and the notes stage can expand directives.
"""
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Prose:
    """Pandoc Markdown from a content file, with the line its text starts on."""

    text: str
    path: str
    line: int


# Pandoc's rule: a key starts with a letter, digit or _, and may hold internal punctuation.
CITE_KEY = re.compile(r"(?<![\w@\\])@([A-Za-z0-9_](?:\w|[:.#$%&\-+?<>~/](?=\w))*)")
CITE_BRACKET = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
DIRECTIVE = re.compile(r"\{\{\s*([a-z]+)\s*:\s*([^{}]*?)\s*\}\}")
LINK_TARGET = re.compile(r"(?<!!)\[[^\[\]]*\]\(\s*<?((?:[^\s()>]|\([^\s()>]*\))*)")  # one level of (...) as Pandoc allows
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
IMAGE = re.compile(r"!\[[^\]]*\]\(")
FENCE_OPEN = re.compile(r"^[ \t]*:{3,}[ \t]*[{\w]", re.M)
FENCE_CLOSE = re.compile(r"^[ \t]*:{3,}[ \t]*$", re.M)
# A link reference definition, `[label]: target` on a line of its own (not a note's `[^1]:`).
REFERENCE_TARGET = re.compile(r"^ {0,3}\[(?!\^)[^\[\]]+\]:[ \t]*<?([^\s>]*)", re.M)
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.I)
DIRECTIVES = ("figure", "ref", "data", "rec", "section")
# Block attributes the generator uses to mark pieces and figures for its Pandoc filter;
# content may not use them (validation says so), so prose can never forge a marker.
PIECE_ATTRIBUTE, FIGURE_ATTRIBUTE = "brief-piece", "brief-figure"
RESERVED = re.compile(rf"\b({PIECE_ATTRIBUTE}|{FIGURE_ATTRIBUTE})\b")
# The classes the templates style: all that content may give (an id only to a heading). The
# notes stage's Pandoc run drops any other attribute, whatever validation says.
CLASSES = ("own", "callout", "pullquote")

# Pandoc's attribute syntax, {#id .class key=value -}, follows a span's or a link's brackets,
# inline code, a heading or a table caption, or opens a fenced block, and may run over lines.
# Braces of that form count wherever they stand: what Pandoc would read as text is refused too,
# erring on the safe side. Possessive quantifiers read a value as greedily as Pandoc does (and
# keep a long unclosed one from backtracking).
_NAME = r"[^\W\d_][\w\-:.]*+"  # Pandoc's identifier: a letter, then letters, digits, - _ : .
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^\s}"'])++"""
_ONE = rf"#({_NAME})|\.({_NAME})|({_NAME})=({_VALUE})|(-)"
ATTRIBUTES = re.compile(rf"(?<!\\)\{{\s*+((?:(?:{_ONE})\s*+)++)\}}")
ONE_ATTRIBUTE = re.compile(_ONE)
# `::: callout` and ```` ```python ````: a fenced block's opening may name one class bare.
BARE_CLASS = re.compile(r"^[ \t]*(?::{3,}|`{3,}|~{3,})[ \t]*([^\s{:`~][^\s{]*)", re.M)
HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*)?$|^[ \t]*\S.*\n {0,3}(?:=+|-+)[ \t]*$", re.M)


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
    for pattern in (LINK_TARGET, AUTOLINK, REFERENCE_TARGET):
        for m in pattern.finditer(prose.text):
            yield Found(m[1], "link", line_of(prose, m.start()), m.start(), m.end())
    for m in IMAGE.finditer(prose.text):
        yield Found(m[0], "image", line_of(prose, m.start()), m.start(), m.end())


# What would print as typed in a plain-text field: a citation in brackets, a link, emphasis,
# code, a note, a directive or attributes. A lone '*' or an '_' inside a word is text.
MARKUP = re.compile(r"""\[[^\[\]]*@[^\[\]]*\]|!?\[[^\[\]]*\]\([^()]*\)|\^\[[^\[\]]*\]|\{\{[^{}]*\}\}|\][{][^{}]*\}
                    |(?<![\w*])(\*\*?)(?=\S)[^*]*?(?<=\S)\1(?![\w*])|(?<![\w_])(__?)(?=\S)[^_]*?(?<=\S)\2(?![\w_])
                    |`[^`]+`""", re.X)


def markup(text: str) -> str | None:
    """The first piece of Markdown in a text, or None."""
    found = MARKUP.search(text)
    return found[0] if found else None


@dataclass(frozen=True)
class Attribute:
    kind: str      # "id", "class", "key" (key=value) or "special" (`-`, Pandoc's "unnumbered")
    name: str
    line: int
    on_heading: bool


def attributes(prose: Prose):
    """Every attribute written in the prose, with whether it stands on a heading's line."""
    text = prose.text
    headings = [(m.start(), m.end()) for m in HEADING.finditer(text)]
    for block in ATTRIBUTES.finditer(text):
        on_heading = any(start <= block.start() and block.end() <= end for start, end in headings)
        for m in ONE_ATTRIBUTE.finditer(block[1]):
            kind, name = next((k, m[i]) for k, i in (("id", 1), ("class", 2), ("key", 3), ("special", 5))
                              if m[i] is not None)
            yield Attribute(kind, name, line_of(prose, block.start(1) + m.start()), on_heading)
    for m in BARE_CLASS.finditer(text):
        yield Attribute("class", m[1], line_of(prose, m.start(1)), False)


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


NESTING_LIMIT = 20  # deeper than any brief needs; thousands deep stall Pandoc or overflow the layout
_QUOTE_MARKERS = re.compile(r"^(?:[ \t]*>)+", re.M)
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)]|#\.)[ \t]", re.M)
_RUN = re.compile(r"[*_]{%d,}|`{%d,}|~{%d,}" % (2 * NESTING_LIMIT + 1, NESTING_LIMIT + 1, NESTING_LIMIT + 1))


# Emphasis marks that open (before a word) or close (after one); a blank line closes them all.
_EMPHASIS = re.compile(r"(?<![\w*_])([*_]+)(?=\w)|(?<=\w)[*_]+(?![\w*_])|\n[ \t]*\n")


def too_deep(prose: Prose):
    """(message, line) for Markdown nested deeper than NESTING_LIMIT:
    '[', '>', ':::', lists, and runs of emphasis marks or backticks (which Pandoc reads as
    nesting, or searches for a closing run of the same length). The line is where it first
    goes past the limit."""
    text = prose.text

    def deepest(steps):  # steps: (offset, +1 or -1) in text order
        depth, most, where = 0, 0, 0
        for offset, step in steps:
            depth = max(0, depth + step)
            if depth > most:
                most, where = depth, (offset if most <= NESTING_LIMIT < depth else where)
        return most, where

    brackets = ((m.start(), 1 if m[0] == "[" else -1) for m in re.finditer(r"(?<!\\)[\[\]]", text))
    quotes = max(((m[0].count(">"), m.start()) for m in _QUOTE_MARKERS.finditer(text)), default=(0, 0))
    fences = ((m.start(), 1 if FENCE_OPEN.match(m[0]) else -1)
              for m in sorted([*FENCE_OPEN.finditer(text), *FENCE_CLOSE.finditer(text)], key=lambda m: m.start()))
    emphasis = ((m.start(), len(m[1]) if m[1] else -len(m[0]) if m[0].strip() else -len(text))  # blank: all closed
                for m in _EMPHASIS.finditer(text))
    for what, (depth, offset) in (("'[' is", deepest(brackets)), ("'>' is", quotes), ("':::' is", deepest(fences)),
                                  ("a list is", _list_depth(text)), ("emphasis ('*', '_') is", deepest(emphasis))):
        if depth > NESTING_LIMIT:
            yield f"{what} nested {depth:,} deep; the limit is {NESTING_LIMIT}", line_of(prose, offset)
    for run in _RUN.finditer(text):
        yield (f"{len(run[0]):,} marks '{run[0][:2]}…' in a row; write at most {NESTING_LIMIT} (Pandoc reads "
               "them as nesting)", line_of(prose, run.start()))


def _list_depth(text: str) -> tuple[int, int]:
    """How deep list items nest (each indented past the one it follows) and where it is deepest."""
    indents, most, where = [], 0, 0
    for m in _LIST_ITEM.finditer(text):
        indent = len(m[1].expandtabs(4))
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        if len(indents) > most:
            most, where = len(indents), (m.start() if most <= NESTING_LIMIT < len(indents) else where)
    return most, where


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
