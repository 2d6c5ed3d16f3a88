"""A small declarative schema: each field says its type; checking collects every problem.

A record (see model) is a dataclass whose fields say their type with `required(...)` or
`optional(...)`; `record()` derives its schema from those fields, so a record is declared once.
`check(tree, Record.schema, path, problems)` turns a located YAML mapping (see yamlfile) into
the record, or None if anything required is wrong. Each problem points at the line of the
field, and unknown fields get a "did you mean" from the known ones.
"""
import copy
import dataclasses
from dataclasses import dataclass

from .files import Map
from .types import MISSING, Ctx, Type, check_value, closest, describe


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = True
    default: object = None
    doc: str = ""
    older: str = ""  # for a field older layouts did not have: what `brief upgrade` writes in it


def required(type_: Type, doc: str, older: str = ""):
    """A field the content must give."""
    return dataclasses.field(metadata={"field": Field(type_, True, None, doc, older)})


def optional(type_: Type, doc: str, default=None):
    """A field the content may leave out; `default` (a copy of it) stands in for it."""
    spec = Field(type_, False, default, doc)
    if isinstance(default, (list, dict)) or dataclasses.is_dataclass(default):
        return dataclasses.field(default_factory=lambda: copy.deepcopy(default), metadata={"field": spec})
    return dataclasses.field(default=default, metadata={"field": spec})


def derived(default=None):
    """A field the loader fills in (the file's id, its path, the line): never read from YAML."""
    return dataclasses.field(default=default, compare=False)


def record(what: str, older=None):
    """Class decorator: a keyword-only dataclass whose `schema` is read off its fields. `older`
    tells a value in an older layout of this tool (value -> message or None)."""
    def make(cls):
        cls = dataclass(kw_only=True)(cls)
        fields = {f.name: f.metadata["field"] for f in dataclasses.fields(cls) if "field" in f.metadata}
        cls.schema = Struct(what, cls, fields, older)
        cls.defaults = classmethod(_defaults)
        return cls
    return make


def _defaults(cls):
    """The record as it stands when its mapping is left out: each field's default, stated once
    where the field is declared."""
    return cls(**{f.name: copy.deepcopy(f.metadata["field"].default)
                  for f in dataclasses.fields(cls) if "field" in f.metadata})


class Struct(Type):
    """A mapping with known fields, built into `model(**fields, line=...)`."""

    def __init__(self, what, model, fields: dict[str, Field], older=None):
        self.what, self.model, self.fields, self.older = what, model, fields, older

    def json(self):
        return struct_json(self)

    def label(self):
        return f"{self.what} (fields below)"

    def check(self, value, ctx):
        if self.older and (message := self.older(value)):  # one message, not one per changed field
            ctx.error(message)
            return MISSING
        if not isinstance(value, Map):
            ctx.error(f"{self.what} must be a mapping of fields (name: value), not {describe(value)}")
            return MISSING
        ok, meant = True, set()
        for key in value:
            if key not in self.fields:
                guess = closest(str(key), self.fields)
                meant.add(guess)
                ctx.problems.error(ctx.path, value.key_line[key], f"unknown field '{key}' in {self.what}"
                                   + (f"; did you mean '{guess}'?" if guess else ""))
                ok = False
        built = {}
        for name, field in self.fields.items():
            if name not in value or value[name] is None:
                if field.required and name not in meant:  # a misspelling was already reported
                    ctx.error(f"{self.what} has no '{name}'; add it"
                              + (f" (older layouts had none: brief upgrade writes {field.older})"
                                 if field.older else ""))
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
