"""The CSL data model: every item type and variable a source may have, from the CSL 1.0.2
specification (schemas/input/csl-data.json and schemas/styles/csl-variables.rnc of the
citation-style-language/schema repository), so a reference manager's export is accepted whole
and a typo still gets "did you mean".
"""
import datetime as dt
import re
from dataclasses import dataclass

from . import exports
from .files import Map, Seq
from .types import MISSING, Choice, ListOf, OneOrMany, Text, Type, Url, check_value, describe, suggest

TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case",
    "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
    "paper-conference", "patent", "performance", "periodical", "personal_communication", "post",
    "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
)

DATE_VARIABLES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")

NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editor-translator", "editorial-director", "executive-producer",
    "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator",
)

# Numbers, strings and titles; the CSL-JSON schema's legacy and extension keys are accepted too.
STANDARD_VARIABLES = (
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume",
    "collection-title", "container-title", "original-title", "part-title", "reviewed-title", "title",
    "volume-title", "title-short", "container-title-short", "volume-title-short", "abstract", "annote",
    "archive", "archive-place", "archive_collection", "archive_location", "authority", "call-number",
    "categories", "citation-key", "citation-label", "dimensions", "division", "DOI", "event",
    "event-title", "event-place", "genre", "ISBN", "ISSN", "journalAbbreviation", "jurisdiction",
    "keyword", "language", "license", "medium", "note", "original-publisher", "original-publisher-place",
    "part", "PMCID", "PMID", "printing", "publisher", "publisher-place", "references", "reviewed-genre",
    "scale", "shortTitle", "source", "status", "supplement", "URL", "year-suffix",
)


# --- CSL entries as field types ----------------------------------------------------------

class CslDate(Type):
    """A date as CSL and the reference managers write it: {date-parts: [[2022, 6, 21]]} (Zotero
    writes the numbers as text, [["2022", "6", "21"]]), Better BibTeX's CSL YAML list of
    {year, month, day}, {literal: n.d.}, or an ISO date (2022, 2022-06, 2022-06-21). Always
    given back as date-parts of numbers (or the literal), which is what citeproc and the
    evidence check read."""

    KEPT = ("circa", "season")  # CSL's own qualifiers of a date, passed to citeproc as they are

    def check(self, value, ctx):
        if isinstance(value, Map) and set(value) == {"literal"} and isinstance(value["literal"], str):
            return dict(value)
        if isinstance(value, dt.date):
            return {"date-parts": [[value.year, value.month, value.day]]}
        if (parts := self._parts(value)) is not None:
            kept = {k: value[k] for k in self.KEPT if isinstance(value, Map) and k in value}
            return {"date-parts": parts, **kept}
        if isinstance(value, Seq) and len(value) == 1 and isinstance(value[0], Map) \
                and set(value[0]) == {"literal"}:
            return self.check(value[0], ctx)
        ctx.error(f"'{ctx.name}' must be a date like {{date-parts: [[2022, 6, 21]]}} "
                  "or {literal: n.d.}")
        return MISSING

    @classmethod
    def _parts(cls, value):
        """The date-parts, as lists of numbers, or None when `value` is not a date."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            return [[int(n) for n in value.split("-")]] if ISO_DATE.fullmatch(value) else None
        if isinstance(value, Map) and "date-parts" in value and set(value) <= {"date-parts", *cls.KEPT} \
                and all(isinstance(value[k], (bool, int, str)) for k in cls.KEPT if k in value):
            parts = value["date-parts"]
            if isinstance(parts, Seq) and 1 <= len(parts) <= 2 and all(isinstance(p, Seq) for p in parts):
                return _numbers(parts)
            return None
        if isinstance(value, Seq) and 1 <= len(value) <= 2 and all(
                isinstance(d, Map) and "year" in d and set(d) <= {"year", "month", "day", *cls.KEPT}
                for d in value):  # Better BibTeX's CSL YAML: a date, or the two ends of a range
            return _numbers([[d[k] for k in ("year", "month", "day") if k in d] for d in value])
        return None

    def json(self):
        number = {"anyOf": [{"type": "integer", "minimum": -9999, "maximum": 9999},
                            {"type": "string", "pattern": "^[0-9]{1,4}$"}]}
        parts = {"type": "array", "minItems": 1, "maxItems": 2,
                 "items": {"type": "array", "items": number, "minItems": 1, "maxItems": 3}}
        kept = {"circa": {"type": ["boolean", "string", "integer"]}, "season": {"type": ["string", "integer"]}}
        one_of_a_range = {"type": "object", "additionalProperties": False, "required": ["year"],
                          "properties": {"year": number, "month": number, "day": number, **kept}}
        literal = {"type": "object", "additionalProperties": False, "required": ["literal"],
                   "properties": {"literal": {"type": "string"}}}
        return {"anyOf": [{"type": "object", "additionalProperties": False, "required": ["date-parts"],
                           "properties": {"date-parts": parts, **kept}},
                          literal,
                          {"type": "array", "minItems": 1, "maxItems": 2, "items": one_of_a_range},
                          {"type": "array", "minItems": 1, "maxItems": 1, "items": literal},
                          {"type": ["string", "integer"], "pattern": ISO_DATE.pattern.join("^$")}]}


ISO_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _numbers(parts) -> list[list[int]] | None:
    """Date-parts as numbers: Zotero writes them as text ("2023"); None when one is not a number."""
    out = []
    for part in parts:
        if not (1 <= len(part) <= 3 and all(
                (isinstance(n, int) and not isinstance(n, bool) and abs(n) <= 9999)
                or (isinstance(n, str) and re.fullmatch(r"[0-9]{1,4}", n.strip())) for n in part)):
            return None  # a year of five digits is a mistake, and too large for a date
        out.append([int(n) for n in part])
    return out


class CslName(Type):
    def check(self, value, ctx):
        if isinstance(value, Map) and value and set(value) <= {"family", "given", "literal", "suffix",
                                                                "dropping-particle", "non-dropping-particle"} \
                and ("family" in value or "literal" in value) and all(isinstance(v, str) for v in value.values()):
            return dict(value)
        ctx.error(f"each '{ctx.name}' must be {{family: ..., given: ...}} or {{literal: Organisation}}")
        return MISSING

    def json(self):
        return {"type": "object", "additionalProperties": False,
                "properties": {k: {"type": "string"} for k in ("family", "given", "literal", "suffix",
                                                               "dropping-particle", "non-dropping-particle")}}


class CslEntry(Type):
    """A reference in CSL: every item type and variable of the CSL specification (above), plus
    the evidence check's own fields (EXTRAS). `archive` naming .txt files in content/archive/
    is read as excerpts; any other value is CSL's own variable (the archive holding the item)."""

    what = "source"

    def check(self, value, ctx):
        if not isinstance(value, Map):
            ctx.error(f"a source must be a mapping of fields (name: value), not {describe(value)}")
            return MISSING
        key = exports.citation_key(value)
        named = f"source '{key}'" if key else "source"
        known = ("id", "type", *DATE_VARIABLES, *NAME_VARIABLES, *STANDARD_VARIABLES, *EXTRAS)
        fields, ok = {}, True
        for name in value:
            if name not in known:
                ctx.problems.error(ctx.path, value.key_line[name], f"unknown field '{name}' in {named}"
                                   + suggest(str(name), known))
                ok = False
        if key is None and value.get("id") is None:  # an id that is not text has its own error
            ctx.error("source has no 'id'; add it: the key it is cited by, as [@id]")
            ok = False
        elif key is not None and exports.is_item_address(key):
            ctx.error(f"{named} has no citation key: Zotero's address of an item cannot be cited as [@…]; "
                      "add a line 'Citation Key: a-key' to the item's Extra field in Zotero (or export with "
                      "Better BibTeX) and export again")
            ok = False
        for name in ("type", "title"):
            if value.get(name) is None:
                ctx.error(f"{named} has no '{name}'; add it")
                ok = False
        entry = ctx.naming(f" ({named})") if key else ctx
        for name, item in value.items():
            if name not in known or item is None:
                continue
            checked = check_value(self._type(name), item, entry.child(value, name, name))
            ok = ok and checked is not MISSING
            fields[name] = checked
        return _Csl(self._as_cited(fields, key), value.line) if ok else MISSING

    @staticmethod
    def _as_cited(fields: dict, key: str) -> dict:
        """The entry as the brief cites and prints it: its citation key as its id, Zotero's
        `shortTitle` as CSL's `title-short` (the short notes' title), and its note without the
        lines only an exporter reads (Extra's `Citation Key:` and `tex.` lines)."""
        fields["id"] = key
        if (short := fields.pop("shortTitle", None)) is not None:
            fields.setdefault("title-short", short)
        if "note" in fields and (note := exports.note_for_readers(fields.pop("note"))):
            fields["note"] = note
        return fields

    def json(self):
        keys = ("id", "type", *DATE_VARIABLES, *NAME_VARIABLES, *STANDARD_VARIABLES, *EXTRAS)
        properties = {key: self._type(key).json() for key in keys}
        properties["id"]["description"] = "the citation key used as [@id]"
        properties["archive"]["description"] = ("excerpt files in content/archive/ (.txt), or CSL's "
                                                "archive variable")
        properties["read-at"]["description"] = "where the text was read, when that is a repost or mirror"
        properties["unarchived"]["description"] = "why the source has no archive excerpt"
        return {"type": "object", "additionalProperties": False, "required": ["id", "type", "title"],
                "properties": properties}

    @staticmethod
    def _type(key) -> Type:
        if key == "type":
            return Choice(*TYPES)
        if key in DATE_VARIABLES:
            return CslDate()
        if key in NAME_VARIABLES:
            return ListOf(CslName(), 50)
        if key in ("URL", "read-at"):
            return Url(2000)
        if key == "archive":
            return OneOrMany(Text(500))
        return Text(20000)


EXTRAS = ("read-at", "unarchived")  # not CSL: what the evidence check reads (see evidence/excerpts.py)


@dataclass
class _Csl:
    """Holder for a checked CSL entry; turned into `Source` by the loader."""

    fields: dict
    line: int = 0


CSL_ENTRY = CslEntry()


