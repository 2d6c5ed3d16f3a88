"""The CSL data model: every item type and variable a source may have, from the CSL 1.0.2
specification (schemas/input/csl-data.json and schemas/styles/csl-variables.rnc of the
citation-style-language/schema repository), so a reference manager's export is accepted whole
and a typo still gets "did you mean".
"""
import datetime as dt
from dataclasses import dataclass

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
    def check(self, value, ctx):
        if isinstance(value, Map) and set(value) == {"literal"} and isinstance(value["literal"], str):
            return dict(value)
        parts = value.get("date-parts") if isinstance(value, Map) else None
        if (isinstance(value, Map) and set(value) == {"date-parts"} and isinstance(parts, Seq)
                and parts and all(isinstance(p, Seq) and 1 <= len(p) <= 3
                                  and all(isinstance(n, int) for n in p) for p in parts)):
            return {"date-parts": [list(p) for p in parts]}
        if isinstance(value, dt.date):
            return {"date-parts": [[value.year, value.month, value.day]]}
        ctx.error(f"'{ctx.name}' must be a date like {{date-parts: [[2022, 6, 21]]}} "
                  "or {literal: n.d.}")
        return MISSING

    def json(self):
        parts = {"type": "array", "items": {"type": "array", "items": {"type": ["integer", "string"]},
                                            "minItems": 1, "maxItems": 3}}
        return {"anyOf": [{"type": "object", "additionalProperties": False, "required": ["date-parts"],
                           "properties": {"date-parts": parts}},
                          {"type": "object", "additionalProperties": False, "required": ["literal"],
                           "properties": {"literal": {"type": "string"}}},
                          {"type": "string", "format": "date"}]}


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
        known = ("id", "type", *DATE_VARIABLES, *NAME_VARIABLES, *STANDARD_VARIABLES, *EXTRAS)
        fields, ok = {}, True
        for key in value:
            if key not in known:
                ctx.problems.error(ctx.path, value.key_line[key], f"unknown field '{key}' in source"
                                   + suggest(str(key), known))
                ok = False
        for key in ("id", "type", "title"):
            if value.get(key) is None:
                ctx.error(f"source has no '{key}'; add it")
                ok = False
        for key, item in value.items():
            if key not in known or item is None:
                continue
            checked = check_value(self._type(key), item, ctx.child(value, key, key))
            ok = ok and checked is not MISSING
            fields[key] = checked
        return _Csl(fields, value.line) if ok else MISSING

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


