"""A small declarative schema: each field says its type; checking collects every problem.

A record (see model) is a dataclass whose fields say their type with `required(...)` or
`optional(...)`; `record()` derives its schema from those fields, so a record is declared once.
`check(tree, Record.schema, path, problems)` turns a located YAML mapping (see yamlfile) into
the record, or None if anything required is wrong. Each problem points at the line of the
field, and unknown fields get a "did you mean" from the known ones.
"""
import copy
import dataclasses
import datetime as dt
import difflib
import math
from dataclasses import dataclass

from .files import BROKEN, Map, Seq

MAX_TEXT = 100_000  # characters in one field; the longest real section is ~15,000


@dataclass(frozen=True)
class Prose:
    """Pandoc Markdown from a content file, with the line its text starts on."""

    text: str
    path: str
    line: int


class Ctx:
    """Where a value sits: the file, the line, the field name (for messages)."""

    def __init__(self, path, line, text_line, name, problems, read=None):
        self.path, self.line, self.text_line, self.name, self.problems = path, line, text_line, name, problems
        self.read = [] if read is None else read  # every Prose made in the file, even in a record that fails

    def error(self, message):
        self.problems.error(self.path, self.line, message)

    def child(self, container, key, name):
        line, text_line = container.loc[key]
        return Ctx(self.path, line, text_line, name, self.problems, self.read)


MISSING = object()


def check_value(type_: "Type", value, ctx):
    """`type_.check(value)`, but a value that could not be read at all (files.BROKEN) has its
    error already: it is missing, with no second message."""
    return MISSING if value is BROKEN else type_.check(value, ctx)


def describe(value):
    kinds = {Map: "a mapping", dict: "a mapping", Seq: "a list", list: "a list", bool: "true/false",
             dt.date: "a date", int: "a number", float: "a number"}
    return next((v for k, v in kinds.items() if isinstance(value, k)), type(value).__name__)


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


LARGEST = 10 ** 15  # beyond any count or sum a brief shows; far larger ones overflow the charts


def out_of_range(number) -> str | None:
    """Why a number cannot be shown (not finite, or too large), said to follow "... is", or None."""
    if isinstance(number, float) and not math.isfinite(number):
        return f"not a number that can be shown ('{number}')"
    if abs(number) > LARGEST:
        shown = str(number)
        return f"too large: {shown[:25] + '…' if len(shown) > 25 else shown} (the limit is 10^15)"
    return None


class Number(Type):
    def check(self, value, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if problem := out_of_range(value):
                ctx.error(f"'{ctx.name}' is {problem}")
                return MISSING
            return value
        ctx.error(f"'{ctx.name}' must be a number, not '{value}'")
        return MISSING

    def json(self):
        return {"type": "number"}

    def label(self):
        return "number"


class Flag(Type):
    def check(self, value, ctx):
        if isinstance(value, bool):
            return value
        ctx.error(f"'{ctx.name}' must be true or false, not '{value}'")
        return MISSING

    def json(self):
        return {"type": "boolean"}

    def label(self):
        return "`true` or `false`"


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


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = True
    default: object = None
    doc: str = ""


def required(type_: Type, doc: str):
    """A field the content must give."""
    return dataclasses.field(metadata={"field": Field(type_, True, None, doc)})


def optional(type_: Type, doc: str, default=None):
    """A field the content may leave out; `default` (a copy of it) stands in for it."""
    spec = Field(type_, False, default, doc)
    if isinstance(default, (list, dict)) or dataclasses.is_dataclass(default):
        return dataclasses.field(default_factory=lambda: copy.deepcopy(default), metadata={"field": spec})
    return dataclasses.field(default=default, metadata={"field": spec})


def derived(default=None):
    """A field the loader fills in (the file's id, its path, the line): never read from YAML."""
    return dataclasses.field(default=default, compare=False)


def record(what: str):
    """Class decorator: a keyword-only dataclass whose `schema` is read off its fields."""
    def make(cls):
        cls = dataclass(kw_only=True)(cls)
        fields = {f.name: f.metadata["field"] for f in dataclasses.fields(cls) if "field" in f.metadata}
        cls.schema = Struct(what, cls, fields)
        return cls
    return make


class Struct(Type):
    """A mapping with known fields, built into `model(**fields, line=...)`."""

    def __init__(self, what, model, fields: dict[str, Field]):
        self.what, self.model, self.fields = what, model, fields

    def json(self):
        return struct_json(self)

    def label(self):
        return f"{self.what} (fields below)"

    def check(self, value, ctx):
        if not isinstance(value, Map):
            ctx.error(f"{self.what} must be a mapping of fields (name: value), not {describe(value)}")
            return MISSING
        ok, meant = True, set()
        for key in value:
            if key not in self.fields:
                guess = _closest(str(key), self.fields)
                meant.add(guess)
                ctx.problems.error(ctx.path, value.key_line[key], f"unknown field '{key}' in {self.what}"
                                   + (f"; did you mean '{guess}'?" if guess else ""))
                ok = False
        built = {}
        for name, field in self.fields.items():
            if name not in value or value[name] is None:
                if field.required and name not in meant:  # a misspelling was already reported
                    ctx.error(f"{self.what} has no '{name}'; add it")
                    ok = False
                built[name] = copy.deepcopy(field.default)
                continue
            result = check_value(field.type, value[name], ctx.child(value, name, name))
            ok = ok and result is not MISSING
            built[name] = result
        if not ok:
            return MISSING
        if "field_lines" in getattr(self.model, "__dataclass_fields__", {}):
            built["field_lines"] = dict(value.key_line)  # for messages about one field, later
        return self.model(**built, line=value.line)


def struct_json(struct) -> dict:
    """A Struct as a JSON Schema object: its fields, their docs, which are required."""
    return {"type": "object", "additionalProperties": False,
            "properties": {name: {**f.type.json(), **({"description": f.doc} if f.doc else {})}
                           for name, f in struct.fields.items()},
            "required": [name for name, f in struct.fields.items() if f.required]}


def _closest(word, known):
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word, known):
    guess = _closest(word, known)
    return f"; did you mean '{guess}'?" if guess else ""


def check(tree, schema: Type, path, problems, what=None, unbuilt=None):
    """The model built from a whole file's tree, or None. A file that is a list (ListOf)
    names itself in messages with `what`. When the file cannot be built, each of its Markdown
    fields that is good in itself is added to `unbuilt`, so that its prose can be checked all
    the same: one field's error does not hide another's."""
    ctx = Ctx(path, getattr(tree, "line", 1), 1, what or schema.what, problems)
    result = schema.check(tree, ctx)
    if result is MISSING and unbuilt is not None:
        unbuilt.extend(ctx.read)
    return None if result is MISSING else result
