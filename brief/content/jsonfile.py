"""Read a JSON content file (a CSL JSON export) into located values, as files.py reads YAML.

JSON is read as JSON: Zotero indents its export with tabs, which YAML refuses. Python's json
module says where a file is malformed but not where a value is, so the tokens are read again
here, each with its line, into the Map and Seq the schema checks (a message then points at the
line of the entry or field, as it does in a YAML file).
"""
import bisect
import json
import re
from pathlib import Path

from ..errors import Problems
from .files import Map, Seq, read_content

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(-?[0-9][0-9.eE+-]*)|(true|false|null)|([{}\[\]:,]))', re.S)
_SURROGATE = re.compile("[\ud800-\udfff]")
NESTED = "lists and objects are nested too deep; a CSL entry is at most a few levels deep"


class _Refused(ValueError):
    """A value JSON allows that no content file can hold: the line, and why."""


def load(path: Path, problems: Problems):
    """The file's values, located; None (with problems recorded) when it cannot be used."""
    text = read_content(path, problems)
    if text is None:
        return None
    try:
        json.loads(text, parse_constant=_not_a_number)
    except json.JSONDecodeError as e:
        problems.error(path, e.lineno, f"invalid JSON: {e.msg} (column {e.colno})")
        return None
    except _Refused as e:
        problems.error(path, 0, str(e))
        return None
    except RecursionError:
        problems.error(path, 0, NESTED)
        return None
    reader = _Reader(text)
    try:
        tree = reader.value()
    except _Refused as e:
        problems.error(path, reader.line, str(e))
        return None
    except RecursionError:
        problems.error(path, reader.line, NESTED)
        return None
    for line, key, first in reader.twice:  # as in a YAML file: reported, the first one kept
        problems.error(path, line, f"'{key}' is given twice (lines {first} and {line}); keep one of them")
    if tree is None:
        problems.error(path, 1, "the file is empty (only null)")
    return tree


def _not_a_number(word):
    raise _Refused(f"{word} is not a number JSON allows; write a number or null")


class _Reader:
    """Values from the tokens of a text json.loads has accepted, so its structure is sound."""

    def __init__(self, text):
        self.text, self.at, self.line = text, 0, 1
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]  # where each line starts
        self.twice = []  # (line, key, its first line): keys given twice in one object

    def _next(self):
        m = _TOKEN.match(self.text, self.at)
        self.at = m.end()
        self.line = bisect.bisect_right(self.starts, m.start(m.lastindex))
        return m

    def value(self, token=None):
        token = token or self._next()
        line = self.line
        if token[4] == "{":
            out = Map()
            out.line, out.key_line, out.loc = line, {}, {}
            while (key := self._next())[4] != "}":
                if key[4] == ",":
                    key = self._next()
                name, key_line = self._text(key[1]), self.line
                self._next()  # the ':'
                item = self._next()
                item_line = self.line
                if name in out:
                    self.twice.append((key_line, name, out.key_line[name]))
                    self.value(item)
                    continue
                out.key_line[name], out.loc[name] = key_line, (item_line, item_line)
                out[name] = self.value(item)
            return out
        if token[4] == "[":
            out = Seq()
            out.line, out.loc = line, []
            while (item := self._next())[4] != "]":
                if item[4] == ",":
                    item = self._next()
                out.loc.append((self.line, self.line))
                out.append(self.value(item))
            return out
        if token[1]:
            return self._text(token[1])
        return json.loads(token[2] or token[3])

    def _text(self, quoted):
        text = json.loads(quoted)
        if _SURROGATE.search(text):
            raise _Refused(f"'\\u{ord(_SURROGATE.search(text)[0]):04x}' is half of a UTF-16 pair, "
                           "not a character; remove it")
        return text
