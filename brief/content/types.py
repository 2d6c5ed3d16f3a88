"""The types a record's fields are declared with (see schema.py and model.py).

A type's `check` turns a located YAML value (see files.py) into the model's value, or records
a problem at the value's line and returns MISSING; `json` describes it as JSON Schema for
editors (commands/schema.py); `label` names it in the README's content reference.
"""
import datetime as dt
import difflib
import math
import re
from pathlib import Path

from .files import BROKEN, Map, Seq
from .markdown import Prose, markup

MAX_TEXT = 100_000  # characters in one field; the longest real section is ~15,000


class Ctx:
    """Where a value sits: the file, the line, the field name (for messages)."""

    def __init__(self, path, line, text_line, name, problems, read=None, about=""):
        self.path, self.line, self.text_line, self.name, self.problems = path, line, text_line, name, problems
        self.read = [] if read is None else read  # every Prose made in the file, even in a record that fails
        self.about = about  # which entry of a list file, e.g. " (source 'smith-2023')", ends each message

    def error(self, message):
        self.problems.error(self.path, self.line, message + self.about)

    def child(self, container, key, name):
        line, text_line = container.loc[key]
        return Ctx(self.path, line, text_line, name, self.problems, self.read, self.about)

    def naming(self, about: str) -> "Ctx":
        """The same place, its messages ending with `about`."""
        return Ctx(self.path, self.line, self.text_line, self.name, self.problems, self.read, about)


MISSING = object()


def describe(value):
    kinds = {Map: "a mapping", dict: "a mapping", Seq: "a list", list: "a list", bool: "true/false",
             dt.date: "a date", int: "a number", float: "a number"}
    return next((v for k, v in kinds.items() if isinstance(value, k)), type(value).__name__)


def check_value(type_: "Type", value, ctx):
    """`type_.check(value)`, but a value that could not be read at all (files.BROKEN) has its
    error already: it is missing, with no second message."""
    return MISSING if value is BROKEN else type_.check(value, ctx)


LARGEST = 10 ** 15  # beyond any count or sum a brief shows; far larger ones overflow the charts


def out_of_range(number) -> str | None:
    """Why a number cannot be shown (not finite, or too large), said to follow "... is", or None."""
    if isinstance(number, float) and not math.isfinite(number):
        return f"not a number that can be shown ('{number}')"
    if abs(number) > LARGEST:
        shown = str(number)
        return f"too large: {shown[:25] + '…' if len(shown) > 25 else shown} (the limit is 10^15)"
    return None


class Type:
    """A field's type: `check` turns a YAML value into the model's, `json` describes it as JSON
    Schema (for editors: see schemas.py)."""

    def check(self, value, ctx):  # pragma: no cover - interface
        raise NotImplementedError

    def json(self) -> dict:
        return {}

    def label(self) -> str:
        """What the README's content reference calls this type."""
        return "any value"


class Text(Type):
    def __init__(self, max_len=MAX_TEXT):
        self.max_len = max_len

    def check(self, value, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            ctx.error(f"'{ctx.name}' must be text, not {describe(value)}")
            return MISSING
        if not value.strip():
            ctx.error(f"'{ctx.name}' is empty; write the text or remove the field")
            return MISSING
        if len(value) > self.max_len:
            ctx.error(f"'{ctx.name}' is {len(value):,} characters long; the limit is {self.max_len:,}")
            return MISSING
        return value.strip()

    def json(self):
        return {"type": ["string", "number"], "maxLength": self.max_len}

    def label(self):
        return "text"


class Markdown(Text):
    def label(self):
        return "Markdown"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is MISSING:
            return MISSING
        ctx.read.append(prose := Prose(text, ctx.path, ctx.text_line))
        return prose


class Date(Type):
    def check(self, value, ctx):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            ctx.error(f"'{ctx.name}' must be a date written YYYY-MM-DD, not '{value}'")
            return MISSING

    def json(self):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def label(self):
        return "date `YYYY-MM-DD`"


class Scalar(Type):
    """A plain YAML value of one kind (a number, true/false)."""

    def __init__(self, accepts, json_type: str, label: str, must: str):
        self.accepts, self.json_type, self.text_label, self.must = accepts, json_type, label, must

    def check(self, value, ctx):
        if not self.accepts(value):
            ctx.error(self.must.format(name=ctx.name, value=value))
            return MISSING
        if problem := out_of_range(value):
            ctx.error(f"'{ctx.name}' is {problem}")
            return MISSING
        return value

    def json(self):
        return {"type": self.json_type}

    def label(self):
        return self.text_label


def Number():
    return Scalar(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "number", "number",
                  "'{name}' must be a number, not '{value}'")


def Flag():
    return Scalar(lambda v: isinstance(v, bool), "boolean", "`true` or `false`",
                  "'{name}' must be true or false, not '{value}'")


class Choice(Type):
    def __init__(self, *options):
        self.options = options

    def check(self, value, ctx):
        if value in self.options:
            return value
        ctx.error(f"'{ctx.name}' must be one of {', '.join(self.options)}, not '{value}'"
                  + suggest(str(value), self.options))
        return MISSING

    def json(self):
        return {"enum": list(self.options)}

    def label(self):
        return ", ".join(f"`{o}`" for o in self.options)


class Anything(Type):
    def check(self, value, ctx):
        return value


class ListOf(Type):
    def __init__(self, item: Type, max_items=500):
        self.item, self.max_items = item, max_items

    def check(self, value, ctx):
        if not isinstance(value, Seq):
            ctx.error(f"'{ctx.name}' must be a list (lines starting with '- '), not {describe(value)}")
            return MISSING
        if len(value) > self.max_items:
            ctx.error(f"'{ctx.name}' has {len(value):,} items; the limit is {self.max_items:,}")
            return MISSING
        out = [check_value(self.item, v, ctx.child(value, i, ctx.name)) for i, v in enumerate(value)]
        return MISSING if any(v is MISSING for v in out) else out

    def json(self):
        return {"type": "array", "items": self.item.json(), "maxItems": self.max_items}

    def label(self):
        return f"list of {self.item.label()}"



class OneOrMany(Type):
    """One value or a list of them; always a list."""

    def __init__(self, item: Type, max_items=20):
        self.item, self.many = item, ListOf(item, max_items)

    def check(self, value, ctx):
        if isinstance(value, Seq):
            return self.many.check(value, ctx)
        one = self.item.check(value, ctx)
        return MISSING if one is MISSING else [one]

    def json(self):
        return {"anyOf": [self.item.json(), self.many.json()]}

    def label(self):
        return f"{self.item.label()}, or a list"



class Pattern(Text):
    """Text that must match a pattern; `must` says what it must be, with {name} and {text}."""

    def __init__(self, pattern: str, label: str, must: str, max_len=MAX_TEXT, lower=False):
        super().__init__(max_len)
        self.pattern, self.text_label, self.must, self.lower = pattern, label, must, lower

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not re.fullmatch(self.pattern, text, re.S):
            ctx.error(self.must.format(name=ctx.name, text=text))
            return MISSING
        return text.lower() if self.lower and text is not MISSING else text

    def json(self):
        # a pattern ending in .* says only how the text starts: so does its JSON Schema
        return {"type": "string", "pattern": f"^{self.pattern.removesuffix('.*')}" + ("" if self.pattern.endswith(".*") else "$")}

    def label(self):
        return self.text_label


def Url(max_len=MAX_TEXT):
    return Pattern(r"[Hh][Tt][Tt][Pp][Ss]?://.*", "http(s) address",
                   "'{name}' must start with http:// or https://, not '{text:.40}'", max_len)


def Id(max_len=MAX_TEXT):
    """An id written in content (a recommendation's): letters, digits, '-' and '_'."""
    return Pattern(r"[A-Za-z0-9][A-Za-z0-9_-]*", "id (letters, digits, `-`, `_`)",
                   "'{name}' may hold only letters, digits, '-' and '_', not '{text:.40}'", max_len)


def Colour():
    return Pattern(r"#[0-9a-fA-F]{6}", "colour `#rrggbb`", "'{name}' must be a colour written #rrggbb, not '{text:.20}'",
                   lower=True)


def FontName(max_len=MAX_TEXT):
    return Pattern(r"[A-Za-z0-9][A-Za-z0-9 -]*", "font family name",
                   "'{name}' must be a font family name (letters, digits, spaces, hyphens)", max_len)


class FileName(Text):
    """A plain file name: content must not be able to point at other folders."""

    def json(self):
        return {"type": "string", "pattern": r"^[^/\\.][^/\\]*$"}

    def label(self):
        return "file name"

    @staticmethod
    def is_plain(text: str) -> bool:
        return text == Path(text).name and not text.startswith(".")

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not self.is_plain(text):
            ctx.error(f"'{ctx.name}' must be a plain file name, not a path: '{text[:60]}'")
            return MISSING
        return text



class PointValues(dict):
    """year (or date) -> number, in the file's order; `lines[year]` is where it is written."""

    lines: dict


class Points(Type):
    """`year: value` pairs; a year may also be a full date."""

    def check(self, value, ctx):
        if not isinstance(value, Map) or not value:
            ctx.error(f"'points' must be 'year: value' lines, not {describe(value)}")
            return MISSING
        out, ok = PointValues(), True
        out.lines = dict(value.key_line)
        for key, number in value.items():
            line = value.key_line[key]
            if number is BROKEN:
                ok = False  # reported as it was read
            elif not (isinstance(key, dt.date) or (isinstance(key, int) and not isinstance(key, bool))):
                ctx.problems.error(ctx.path, line, f"'{key}' is not a year or a date (YYYY or YYYY-MM-DD)")
                ok = False
            elif not isinstance(number, (int, float)) or isinstance(number, bool):
                ctx.problems.error(ctx.path, line, f"the value for {key} is not a number: '{number}'")
                ok = False
            elif problem := out_of_range(number):
                ctx.problems.error(ctx.path, line, f"the value for {key} is {problem}")
                ok = False
            else:
                out[key] = number
        return out if ok else MISSING

    def label(self):
        return "`year: number` lines (a year may be a date)"

    def json(self):
        return {"type": "object", "minProperties": 1, "additionalProperties": False,
                "patternProperties": {r"^\d{4}(-\d{2}-\d{2})?$": {"type": "number"}}}


def closest(word, known):
    """The known word `word` is most likely a misspelling of, or None."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word, known):
    guess = closest(word, known)
    return f"; did you mean '{guess}'?" if guess else ""


class Plain(Text):
    """Text shown as written: Markdown there would print as it is typed, so it is refused."""

    def label(self):
        return "plain text"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and (found := markup(text)):
            ctx.error(f"'{ctx.name}' is plain text: '{found[:60]}' would print as written; remove the "
                      "Markdown (it works in the Markdown fields)")
            return MISSING
        return text


PATTERN_HELP = "# a digit if any, 0 a digit always, ',' grouping, '.' the decimal point"
# CLDR's number pattern: text around one number part, optionally a second one for negatives.
_AFFIX = r"(?:'[^']*'|[^#0-9@.,;'])*"
_NUMBER = r"(?:[#,]*[0-9][0-9,]*|[#,]*#)(?:\.[0-9]*#*)?(?:E\+?0+)?|@+#*"
CLDR_PATTERN = re.compile(rf"{_AFFIX}(?:{_NUMBER}){_AFFIX}(?:;{_AFFIX}(?:{_NUMBER}){_AFFIX})?")
PYTHON_FORMAT = re.compile(r"\{:(,?)(?:\.(\d{1,2}))?([fd%]?)\}")


def cldr_pattern(python_format: str) -> str | None:
    """The number pattern for the Python format an older project wrote ("{:,.1f}" is "#,##0.0")."""
    if not (m := PYTHON_FORMAT.fullmatch(python_format)):
        return None
    decimals = "." + "0" * int(m[2]) if m[2] and m[2] != "0" else ""
    return ("#,##0" if m[1] else "0") + decimals + ("%" if m[3] == "%" else "")


class NumberPattern(Text):
    """A CLDR number pattern such as #,##0.00 (Babel formats with it in the brief's language)."""

    def label(self):
        return "number pattern"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is MISSING or CLDR_PATTERN.fullmatch(text):
            return text
        if pattern := cldr_pattern(text):
            ctx.error(f"'{ctx.name}' '{text}' is Python's format, not a number pattern; write "
                      f"'{pattern}' ({PATTERN_HELP}), or run brief upgrade")
        else:
            ctx.error(f"'{ctx.name}' must be a number pattern such as #,##0 or 0.0 ({PATTERN_HELP}), "
                      f"not '{text[:40]}'")
        return MISSING
