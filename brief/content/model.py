"""What a brief is made of: each record declared once, its fields typed and documented.

A record's schema (what YAML it accepts, and the messages for what it does not) is read off its
fields by `schema.record`; the loader fills in the `derived` fields.
"""
import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .chart_kinds import CHART_KINDS
from . import csl, markdown
from .schema import (Anything, Choice, Date, Field, Flag, ListOf, Markdown, MISSING, Number, Prose,
                     Struct, Text, Type, check_value, derived, describe, optional, out_of_range, record, required, suggest)
from .files import BROKEN, Map, Seq


def position(x) -> float:
    """Where a point sits on a time axis: a year, or a date as a fraction of its year."""
    if isinstance(x, dt.date):
        return x.year + (x.timetuple().tm_yday - 1) / 365.25
    return float(x)


# --- schemas -------------------------------------------------------------------------------

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


class Url(Text):
    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not text.lower().startswith(("http://", "https://")):
            ctx.error(f"'{ctx.name}' must start with http:// or https://, not '{text[:40]}'")
            return MISSING
        return text

    def json(self):
        return {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}

    def label(self):
        return "http(s) address"


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
    """A reference in CSL: every item type and variable of the CSL specification (csl.py), plus
    the evidence check's own fields (EXTRAS). `archive` naming .txt files in content/archive/
    is read as excerpts; any other value is CSL's own variable (the archive holding the item)."""

    what = "source"

    def check(self, value, ctx):
        if not isinstance(value, Map):
            ctx.error(f"a source must be a mapping of fields (name: value), not {describe(value)}")
            return MISSING
        known = ("id", "type", *csl.DATE_VARIABLES, *csl.NAME_VARIABLES, *csl.STANDARD_VARIABLES, *EXTRAS)
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
        keys = ("id", "type", *csl.DATE_VARIABLES, *csl.NAME_VARIABLES, *csl.STANDARD_VARIABLES, *EXTRAS)
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
            return Choice(*csl.TYPES)
        if key in csl.DATE_VARIABLES:
            return CslDate()
        if key in csl.NAME_VARIABLES:
            return ListOf(CslName(), 50)
        if key in ("URL", "read-at"):
            return Url(2000)
        if key == "archive":
            return OneOrMany(Text(500))
        return Text(20000)


EXTRAS = ("read-at", "unarchived")  # not CSL: what the evidence check reads (see archive.py)


@dataclass
class _Csl:
    """Holder for a checked CSL entry; turned into `Source` by the loader."""

    fields: dict
    line: int = 0


CSL_ENTRY = CslEntry()


# --- records -------------------------------------------------------------------------------

class Id(Text):
    """An id written in content (a recommendation's): letters, digits, '-' and '_'."""

    def json(self):
        return {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$"}

    def label(self):
        return "id (letters, digits, `-`, `_`)"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", text):
            ctx.error(f"'{ctx.name}' may hold only letters, digits, '-' and '_', not '{text[:40]}'")
            return MISSING
        return text


class Plain(Text):
    """Text shown as written: Markdown there would print as it is typed, so it is refused."""

    def label(self):
        return "plain text"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and (found := markdown.markup(text)):
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


class NumberPattern(Text):
    """A CLDR number pattern such as #,##0.00 (Babel formats with it in the brief's language)."""

    def label(self):
        return "number pattern"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is MISSING or CLDR_PATTERN.fullmatch(text):
            return text
        if m := PYTHON_FORMAT.fullmatch(text):  # older projects wrote "{:,.1f}"
            pattern = ("#,##0" if m[1] else "0") + ("." + "0" * int(m[2]) if m[2] and m[2] != "0" else "")
            ctx.error(f"'{ctx.name}' '{text}' is Python's format, not a number pattern; write "
                      f"'{pattern}{'%' if m[3] == '%' else ''}' ({PATTERN_HELP})")
        else:
            ctx.error(f"'{ctx.name}' must be a number pattern such as #,##0 or 0.0 ({PATTERN_HELP}), "
                      f"not '{text[:40]}'")
        return MISSING


@record("finding")
class Finding:
    short: str = required(Plain(240), "the finding in one short plain sentence, for the one-page "
                                     "leave-behind (no citations)")
    text: Prose = required(Markdown(3000), "the finding as the brief states it, with citations")
    line: int = derived(0)


@record("recommendation")
class Recommendation:
    id: str = required(Id(60), "how prose refers to it: {{rec:ID}} prints its number, R1, R2, ...")
    to: str = required(Plain(200), "who has the authority to act: The President, Congress, ...")
    ask: str = required(Plain(400), "what they should do, in one plain sentence (no citations): it "
                                   "is also printed on the leave-behind")
    vehicle: str | None = optional(Plain(200), "how: the instrument or bill, e.g. the annual NDAA")
    by: str | None = optional(Plain(100), "when: a date or a deadline")
    why: Prose | None = optional(Markdown(3000), "a sentence or two of support, with citations")
    line: int = derived(0)


@record("avoided term")
class AvoidedTerm:
    term: str = required(Text(100), "a word or phrase the brief should not use")
    use: str = required(Text(200), "what to write instead")
    line: int = derived(0)


@record("prose_check")
class ProseCheck:
    sentence_limit: int = optional(Number(), "longest sentence, in words, before a warning", 35)
    grade_limit: float = optional(Number(), "highest readability grade (Flesch-Kincaid) of a "
                                            "section before a warning", 14)
    avoid: list = optional(ListOf(AvoidedTerm.schema, 100), "terms to avoid, each {term: ..., use: ...}", [])
    line: int = derived(0)


class Colour(Text):
    def json(self):
        return {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}

    def label(self):
        return "colour `#rrggbb`"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
            ctx.error(f"'{ctx.name}' must be a colour written #rrggbb, not '{text[:20]}'")
            return MISSING
        return text if text is MISSING else text.lower()


class FontName(Text):
    def json(self):
        return {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9 -]*$"}

    def label(self):
        return "font family name"

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 \-]*", text):
            ctx.error(f"'{ctx.name}' must be a font family name (letters, digits, spaces, hyphens)")
            return MISSING
        return text


COLOUR_ROLES = {
    "ink": "body text", "muted": "secondary text and chart axes", "primary": "headings, cover, links",
    "accent": "kickers, figure numbers, marks", "wash": "shaded boxes", "rule": "lines, chart grid",
    "paper": "the page",
}
COLOURS = Struct("colors", lambda line, **roles: {k: v for k, v in roles.items() if v},
                 {role: Field(Colour(), False, None, doc) for role, doc in COLOUR_ROLES.items()})


@record("look")
class Look:
    paper: str = optional(Choice("letter", "a4"), "page size: letter or a4", "letter")
    colors: dict = optional(COLOURS, "the palette, by role: " + ", ".join(COLOUR_ROLES), {})
    series: list = optional(ListOf(Colour(), 12), "chart series colours, in order", [])
    body_font: str | None = optional(FontName(80), "the text's font family (its files in templates/fonts/)")
    heading_font: str | None = optional(FontName(80), "headings', notes' and charts' font family")
    logo: str | None = optional(FileName(200), "an image (SVG or PNG) in templates/ shown on the cover")
    line: int = derived(0)


@record("brief.yaml")
class Brief:
    title: str = required(Plain(300), "cover title and PDF title")
    subtitle: str = required(Plain(500), "cover subtitle")
    short_title: str = required(Plain(80), "running header")
    publisher: str = required(Plain(200), "the publisher shown on the cover and as PDF author; "
                                          "use a neutral name")
    edition: dt.date = required(Date(), "the date the brief is true as of; PDF creation date")
    previous_edition: dt.date | None = optional(Date(), "developments after it are marked new")
    language: str = optional(Text(20), "the brief's language, e.g. en-US or de-DE: its fixed words, dates, "
                                       "numbers, notes and the PDF's language", "en-US")
    subject: str = required(Plain(500), "PDF subject: one sentence")
    keywords: list[str] = optional(ListOf(Plain(100), 30), "PDF keywords", [])
    citation_style: str = optional(FileName(200), "a CSL style: a file in templates/csl/ or the name of "
                                                  "any style of the CSL project, e.g. apa.csl",
                                   "chicago-shortened-notes-bibliography.csl")
    bottom_line: str = required(Plain(400), "the ask in one or two plain sentences: on the cover "
                                           "and the leave-behind")
    web_address: str | None = optional(Url(300), "where the brief is published: the leave-behind "
                                                 "prints it with a QR code")
    contact: str | None = optional(Plain(200), "a contact line for the leave-behind")
    summary: Prose = required(Markdown(5000), "the short paragraph on the key-findings page")
    key_findings: list[Finding] = required(ListOf(Finding.schema, 12), "numbered findings, each "
                                                                       "{short: ..., text: ...}")
    recommendations: list[Recommendation] = required(ListOf(Recommendation.schema, 30),
                                                     "the asks, numbered R1, R2, ... in this order")
    sections: list[str] = required(ListOf(Text(100), 100), "the sections, by file name without .yaml, "
                                                            "in order")
    about: Prose | None = optional(Markdown(10000), "the 'About this brief' text at the end")
    prose_check: ProseCheck = optional(ProseCheck.schema, "settings of the prose check",
                                       ProseCheck(sentence_limit=35, grade_limit=14, avoid=[]))
    look: Look = optional(Look.schema, "paper, palette, fonts and logo",
                          Look(paper="letter", colors={}, series=[], body_font=None, heading_font=None, logo=None))
    line: int = derived(0)
    field_lines: dict = derived(None)  # field name -> its line


@record("section")
class Section:
    title: str = required(Plain(300), "section heading (numbered, in the contents and the outline)")
    kicker: str | None = optional(Plain(200), "a short line above the heading")
    body: Prose = required(Markdown(), "the text; ## headings make subsections")
    annex: bool = optional(Flag(), "true: an annex after the numbered sections (Annex A, B, ...)", False)
    developments: bool = optional(Flag(), "true: the developments list follows the body, newest first",
                                  False)
    line: int = derived(0)
    id: str = derived("")
    path: Path | None = derived()


@record("development")
class Development:
    date: dt.date = required(Date(), "when it happened")
    title: str = required(Plain(300), "one line")
    summary: Prose = required(Markdown(3000), "two or three sentences with citations")
    timeline: str | None = optional(Plain(40), "a short label: puts the event on the policy timeline")
    state: str | None = optional(Plain(80), "the policy state the event begins: one of a 'states' "
                                           "chart's states")
    tags: list[str] = optional(ListOf(Text(50), 20), "free labels", [])
    line: int = derived(0)

    @property
    def anchor(self):
        # Two events may share a date; the title tells them apart.
        return f"dev-{self.date.isoformat()}-{zlib.crc32(self.title.encode()):08x}"


@record("series")
class Series:
    id: str = required(Text(100), "the series' id, used in charts and {{data:}}")
    label: str = required(Plain(200), "its name in charts and alt text")
    unit: str = required(Plain(100), "what is counted: states, USD billion, casualties, ...")
    format: str | None = optional(NumberPattern(50), "how its numbers print in prose and labels, e.g. #,##0.00 "
                                                            "(# a digit if any, 0 a digit always)")
    sources: list[str] = optional(ListOf(Text(200), 50), "ids of the sources of its values", [])
    points: dict = required(Points(), "year (or YYYY-MM-DD) -> number")
    line: int = derived(0)


@record("data file")
class DataFile:
    title: str = required(Text(300), "what the file holds")
    series: list[Series] = required(ListOf(Series.schema, 50), "one or more series")
    line: int = derived(0)
    id: str = derived("")
    path: Path | None = derived()


@record("annotation")
class Annotation:
    x: object = required(Anything(), "a year or a date")
    label: str = required(Plain(120), "the text shown")
    y: float | None = optional(Number(), "a value: label that point instead of marking the date")
    line: int = derived(0)


@record("chart")
class Chart:
    kind: str = required(Choice(*CHART_KINDS), "what to draw")
    title: str = required(Plain(300), "figure title")
    data: str | None = optional(Text(100), "content/data/<data>.yaml (not for a timeline)")
    series: list[str] = optional(ListOf(Text(100), 10), "which series of that file", [])
    x_label: str | None = optional(Plain(100), "x-axis label")
    y_label: str | None = optional(Plain(100), "y-axis label")
    annotations: list[Annotation] = optional(ListOf(Annotation.schema, 20), "marked events or points", [])
    states: list[str] = optional(ListOf(Plain(80), 8), "for a 'states' chart: the policy states, "
                                                      "lowest first", [])
    axis_from_zero: bool = optional(Flag(), "false: the value axis may start above zero (say so in "
                                            "'axis_note')", True)
    axis_note: str | None = optional(Plain(200), "printed under the figure when the axis does not "
                                                "start at zero")
    caption: Prose = required(Markdown(3000), "the text under the title")
    alt: str | None = optional(Plain(2000), "alt text; generated from the data when absent")
    source: Prose = required(Markdown(2000), "citations for the figure")
    line: int = derived(0)
    id: str = derived("")
    path: Path | None = derived()


SOURCE_LIST = ListOf(CSL_ENTRY, 2000)
SOURCES = Struct("sources.yaml", lambda line, references: references, {"references": Field(SOURCE_LIST)})
DEVELOPMENTS = ListOf(Development.schema, 1000)


@dataclass
class Source:
    """A CSL-JSON reference, plus what the evidence check reads: `archives`, excerpt files in
    content/archive/; `read_at`, where the text was actually read when that is not the
    original's address; `unarchived`, why no excerpt exists."""

    id: str
    csl: dict
    path: Path
    line: int
    archives: list[str] = field(default_factory=list)
    read_at: str | None = None
    unarchived: str | None = None


@dataclass
class Content:
    """Everything loaded from one project."""

    root: Path
    brief: Brief
    sections: list[Section]
    sources: dict[str, Source]
    developments: list[Development]
    data: dict[str, DataFile]
    charts: dict[str, Chart]
    files: list[Path] = field(default_factory=list)
    sources_file: str = "sources.yaml"
