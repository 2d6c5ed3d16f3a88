"""Read a YAML content file into plain values that remember where they came from.

PyYAML alone loses line numbers, accepts duplicate keys and expands aliases without limit;
content files are edited by hand and pasted from elsewhere, so each of those becomes a
`path:line` problem here instead.
"""
import re
import stat
from pathlib import Path

import yaml

from ..errors import Problems

MAX_FILE_BYTES = 2_000_000  # the whole real brief is ~100 kB; a bigger file is a mistake


class Map(dict):
    """A YAML mapping; `loc[key]` is (line of the value, line where its text starts)."""

    line = 0
    key_line: dict
    loc: dict


class Seq(list):
    """A YAML sequence; `loc[i]` is (line of item i, line where its text starts)."""

    line = 0
    loc: list


class _Broken:
    """A value that cannot be read, its error already reported: whatever checks it says no more."""

    def __repr__(self):
        return "BROKEN"


BROKEN = _Broken()


class _Refused(yaml.YAMLError):
    def __init__(self, mark, message):
        super().__init__(message)
        self.mark = mark
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: they are how 'billion laughs' files blow up memory."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark,
                           f"YAML aliases (*{event.anchor}) are not supported; write the value out")
        return super().compose_node(parent, index)


_PLAIN_WORDS = [
    ("found character '\\t' that cannot start any token",
     "a tab character is used for indentation; indent with spaces"),
    ("while scanning a quoted scalar",
     "a quoted text is not closed; add the closing quote"),
    ("mapping values are not allowed here",
     "unexpected ':'; quote text that contains ': ', or fix the indentation"),
    ("expected <block end>, but found",
     "the indentation does not match the lines above; line it up with its siblings"),
    ("could not find expected ':'",
     "a line is missing its ':' after the field name, or a quote is not closed"),
    ("did not find expected key",
     "the indentation does not match the lines above; line it up with its siblings"),
    ("did not find expected '-' indicator",
     "a list item is indented differently from the items above it"),
    ("found undefined alias", "YAML aliases are not supported; write the value out"),
]


QUOTE_IT = ("must be quoted: put the whole text in quotes, or write it as a | block "
            "(README: \"When prose must be quoted\")")
_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s\"'#][^:]*:\s+)?(.*)$")


def _plain(error: yaml.MarkedYAMLError, lines: list[str]):
    text = f"{error.context or ''} {error.problem or ''}"
    mark = error.problem_mark
    if error.context_mark and "flow" in (error.context or ""):
        mark = error.context_mark  # an unclosed [ or { is found lines later; point at where it opened
    value = _VALUE.match(lines[mark.line])[1] if mark and mark.line < len(lines) else ""
    if value[:1] in "[{" and (error.problem or "").startswith("expected ','"):
        closing = "]" if value[:1] == "[" else "}"
        return mark, (f"the '{value[:1]}' that starts this value is never closed; close it with '{closing}', "
                      "or if it is text, put the whole text in quotes")
    # Markdown that YAML reads as its own syntax: *emphasis*, [@citation], [link](...), `code`, @key
    if value[:1] in "*[@`&!%|>{" and ("cannot start any token" in text or "alphabetic or numeric" in text
                                      or "flow sequence" in text or "flow mapping" in text):
        return mark, f"text that starts with '{value[:2]}' {QUOTE_IT}"
    if value[:1] in "\"'[{" and ("expected <block end>" in text or "expected <document end>" in text):
        start = "a quotation mark" if value[:1] in "\"'" else f"'{value[:1]}'"
        return mark, f"text that starts with {start} {QUOTE_IT}"
    for needle, words in _PLAIN_WORDS:
        if needle in text:
            # An unclosed quote is found at the end of the file; point at where it opened.
            mark = error.context_mark if "quoted scalar" in needle and error.context_mark else error.problem_mark
            return mark, words
    return error.problem_mark, f"invalid YAML: {error.problem or error.context}"


def located(value):
    """Plain values (from JSON, say) as the Map and Seq the loader makes, with no line known."""
    if isinstance(value, dict):
        out = Map((k, located(v)) for k, v in value.items())
        out.key_line, out.loc = dict.fromkeys(value, 0), dict.fromkeys(value, (0, 0))
        return out
    if isinstance(value, list):
        out = Seq(located(v) for v in value)
        out.loc = [(0, 0)] * len(value)
        return out
    return value


def read_text(path: Path, problems: Problems):
    """The file as text with Unix newlines, or None after recording why it cannot be read."""
    try:
        info = path.stat()
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            return None  # a named pipe or a device: reading would wait forever (load.links_out says so)
        if (size := info.st_size) > MAX_FILE_BYTES:
            problems.error(path, 0, f"file is {size / 1_000_000:.1f} MB; "
                                    f"the limit is {MAX_FILE_BYTES // 1_000_000} MB")
            return None
        data = path.read_bytes()
    except OSError as e:
        problems.error(path, 0, f"cannot read the file: {e.strerror}")
        return None
    data = data.removeprefix(b"\xef\xbb\xbf")  # a BOM from Windows editors is harmless
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.error(path, line, f"the file is not UTF-8 text (byte 0x{data[e.start]:02x}); "
                                   "save it as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_content(path: Path, problems: Problems) -> str | None:
    """A content file's text, or None (with problems recorded) when it is unreadable or empty."""
    text = read_text(path, problems)
    if text is not None and not text.strip():
        problems.error(path, 1, "the file is empty")
        return None
    return text


def load(path: Path, problems: Problems):
    """Parse one YAML file; None (with problems recorded) when it cannot be used."""
    text = read_content(path, problems)
    if text is None:
        return None
    if (line := _heading_ending_a_block(text)) is not None:
        problems.error(path, line, "a line starting with '#' at the left edge ends the text block above it "
                                   "(YAML reads it as a comment and drops it); indent it like the text")
        return None
    try:
        loader = _StrictLoader(text)  # its reader already scans for control characters
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as e:
        problems.error(path, text.count("\n", 0, e.position) + 1,
                       f"the file contains a control character (U+{e.character:04X}); remove it")
        return None
    except _Refused as e:
        problems.error(path, e.mark.line + 1, e.message)
        return None
    except yaml.MarkedYAMLError as e:
        mark, words = _plain(e, text.split("\n"))
        problems.error(path, (mark.line + 1) if mark else 0, words)
        return None
    except yaml.YAMLError as e:
        problems.error(path, 0, f"invalid YAML: {e}")
        return None
    if node is None:
        problems.error(path, 1, "the file is empty")
        return None
    errors_before = len(problems.errors)
    tree = _construct(node, path, problems, loader, text.split("\n"))
    if tree is BROKEN:
        return None
    if tree is None and len(problems.errors) == errors_before:
        problems.error(path, 1, "the file is empty")  # only a null (~) or comments
    return tree


_BLOCK_START = re.compile(r"^( *)(?:- +)*(?:[^\s#][^:]*: *)?[|>][-+0-9]* *(?:#.*)?$")


def _heading_ending_a_block(text: str) -> int | None:
    """The line of a '#' line at column 0 inside a | or > block: YAML takes it for a comment
    and ends the block there, so a Markdown heading written without indentation is lost."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not (m := _BLOCK_START.match(line)):
            continue
        indent = len(m[1])
        for j in range(i + 1, len(lines)):
            current = lines[j]
            if current.startswith("#"):
                after = next((ln for ln in lines[j + 1:] if ln.strip()), "")
                if len(after) - len(after.lstrip(" ")) > indent:
                    return j + 1
                break
            if current.strip() and len(current) - len(current.lstrip(" ")) <= indent:
                break
    return None


def _text_line(node):
    # A block scalar (| or >) starts its text on the line after the indicator.
    return node.start_mark.line + (2 if getattr(node, "style", None) in ("|", ">") else 1)


_COMMENT_AFTER = re.compile(r"[ \t]+(#.*?)\s*$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _construct(node, path, problems, loader, lines):
    if isinstance(node, yaml.MappingNode):
        result = Map()
        result.line, result.key_line, result.loc = node.start_mark.line + 1, {}, {}
        for key_node, value_node in node.value:
            key = _construct(key_node, path, problems, loader, lines)
            if key is BROKEN:
                continue
            if not isinstance(key, (str, int, float)) or isinstance(key, bool):
                problems.error(path, key_node.start_mark.line + 1, "a field name must be plain text")
                continue
            line = key_node.start_mark.line + 1
            if key in result:
                problems.error(path, line, f"'{key}' is given twice (lines {result.key_line[key]} "
                                           f"and {line}); keep one of them")
                continue
            result.key_line[key] = line
            result.loc[key] = (value_node.start_mark.line + 1, _text_line(value_node))
            result[key] = _construct(value_node, path, problems, loader, lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = Seq(_construct(item, path, problems, loader, lines) for item in node.value)
        result.line = node.start_mark.line + 1
        result.loc = [(item.start_mark.line + 1, _text_line(item)) for item in node.value]
        return result
    end = node.end_mark
    if node.style is None and node.tag == "tag:yaml.org,2002:str" and end.line < len(lines) \
            and (comment := _COMMENT_AFTER.match(lines[end.line], end.column)):
        # Unquoted text with ' #' in it: YAML ends the text there, which is rarely meant.
        problems.warn(path, end.line + 1, f"YAML reads ' {comment[1]}' as a comment and leaves it out of the "
                                          "text; if it belongs to the text, put the whole text in quotes")
    line = node.start_mark.line + 1
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as e:
        problems.error(path, line, f"invalid value: {e.problem}")
        return BROKEN
    except ValueError as e:  # a value of the right shape that cannot be: 2026-02-30, 5,001 digits
        if node.tag == "tag:yaml.org,2002:timestamp":
            problems.error(path, line, f"'{node.value}' is not a date ({e}); write a real date as YYYY-MM-DD")
        else:
            digits = sum(c.isdigit() for c in node.value)
            problems.error(path, line, f"a number of {digits:,} digits; no number here can be that long")
        return BROKEN
    if isinstance(value, str) and (half := _SURROGATE.search(value)):
        # "\ud800" in a quoted text: half of a UTF-16 pair, which no file can be written with
        problems.error(path, line, f"'\\u{ord(half[0]):04x}' is half of a UTF-16 pair, not a character; remove it")
        return BROKEN
    return value
