"""What a brief is made of: typed records and the schema of each content file."""
import datetime as dt
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .schema import (Anything, Choice, Date, Field, ListOf, Markdown, MISSING, Number,
                     Prose, Struct, Text, Type, _describe)
from .yamlfile import Map, Seq


@dataclass
class Recommendation:
    to: str
    items: list[Prose]
    line: int = 0


@dataclass
class Brief:
    title: str
    subtitle: str
    short_title: str
    publisher: str
    edition: dt.date
    previous_edition: dt.date | None
    language: str
    subject: str
    keywords: list[str]
    citation_style: str
    summary: Prose
    key_findings: list[Prose]
    recommendations: list[Recommendation]
    sections: list[str]
    about: Prose | None
    line: int = 0


@dataclass
class Section:
    title: str
    kicker: str | None
    body: Prose
    line: int = 0
    id: str = ""
    path: Path | None = None


@dataclass
class Source:
    """A CSL-JSON reference, plus our own `archive` (a local text copy for quote checks)."""

    id: str
    csl: dict
    archive: str | None
    path: Path
    line: int


@dataclass
class Development:
    date: dt.date
    title: str
    summary: Prose
    timeline: str | None
    tags: list[str]
    line: int = 0

    @property
    def anchor(self):
        # Two events may share a date; the title tells them apart.
        return f"dev-{self.date.isoformat()}-{zlib.crc32(self.title.encode()):08x}"


@dataclass
class Series:
    id: str
    label: str
    unit: str
    format: str | None
    sources: list[str]
    points: dict  # year (int) or date -> number, in the file's order
    line: int = 0


@dataclass
class DataFile:
    title: str
    series: list[Series]
    line: int = 0
    id: str = ""
    path: Path | None = None


@dataclass
class Annotation:
    x: object
    label: str
    y: float | None = None
    line: int = 0


@dataclass
class Chart:
    kind: str
    title: str
    data: str | None
    series: list[str]
    x_label: str | None
    y_label: str | None
    annotations: list[Annotation]
    caption: Prose
    alt: str | None
    source: Prose
    line: int = 0
    id: str = ""
    path: Path | None = None


@dataclass
class Content:
    """Everything loaded from one project, in the order the brief reads."""

    root: Path
    brief: Brief
    sections: list[Section]
    sources: dict[str, Source]
    developments: list[Development]
    data: dict[str, DataFile]
    charts: dict[str, Chart]
    files: list[Path] = field(default_factory=list)
    figure_order: list[str] = field(default_factory=list)  # chart ids in the order they are placed


# --- schemas -------------------------------------------------------------------------------

class Points(Type):
    """`year: value` pairs; a year may also be a full date."""

    def check(self, value, ctx):
        if not isinstance(value, Map) or not value:
            ctx.error(f"'points' must be 'year: value' lines, not {_describe(value)}")
            return MISSING
        out, ok = {}, True
        for key, number in value.items():
            line = value.key_line[key]
            if not (isinstance(key, dt.date) or (isinstance(key, int) and not isinstance(key, bool))):
                ctx.problems.error(ctx.path, line, f"'{key}' is not a year or a date (YYYY or YYYY-MM-DD)")
                ok = False
            elif not isinstance(number, (int, float)) or isinstance(number, bool):
                ctx.problems.error(ctx.path, line, f"the value for {key} is not a number: '{number}'")
                ok = False
            else:
                out[key] = number
        return out if ok else MISSING


class Url(Text):
    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and not text.lower().startswith(("http://", "https://")):
            ctx.error(f"'{ctx.name}' must start with http:// or https://, not '{text[:40]}'")
            return MISSING
        return text


class FileName(Text):
    """A plain file name: content must not be able to point at other folders."""

    def check(self, value, ctx):
        text = super().check(value, ctx)
        if text is not MISSING and (text != Path(text).name or text.startswith(".")):
            ctx.error(f"'{ctx.name}' must be a plain file name, not a path: '{text[:60]}'")
            return MISSING
        return text


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


class CslName(Type):
    def check(self, value, ctx):
        if isinstance(value, Map) and value and set(value) <= {"family", "given", "literal", "suffix",
                                                                "dropping-particle", "non-dropping-particle"} \
                and ("family" in value or "literal" in value) and all(isinstance(v, str) for v in value.values()):
            return dict(value)
        ctx.error(f"each '{ctx.name}' must be {{family: ..., given: ...}} or {{literal: Organisation}}")
        return MISSING


CSL_TYPES = ("article", "article-journal", "article-magazine", "article-newspaper", "book", "chapter",
             "document", "interview", "legal_case", "legislation", "manuscript", "pamphlet",
             "personal_communication", "post", "post-weblog", "report", "speech", "treaty", "webpage")


@dataclass
class _Csl:
    """Holder for a checked CSL entry; turned into `Source` by the loader."""

    fields: dict
    line: int = 0


def _csl_entry(line, **fields):
    return _Csl({k.replace("_", "-"): v for k, v in fields.items() if v is not None}, line)


_NAMES = ListOf(CslName(), max_items=50)
CSL_ENTRY = Struct("source", _csl_entry, {
    "id": Field(Text(200)), "type": Field(Choice(*CSL_TYPES)), "title": Field(Text(1000)),
    "title-short": Field(Text(300), False), "author": Field(_NAMES, False),
    "editor": Field(_NAMES, False), "publisher": Field(Text(500), False),
    "publisher-place": Field(Text(200), False), "container-title": Field(Text(500), False),
    "collection-title": Field(Text(500), False), "genre": Field(Text(200), False),
    "medium": Field(Text(200), False), "event-title": Field(Text(500), False),
    "number": Field(Text(100), False), "page": Field(Text(100), False),
    "edition": Field(Text(100), False), "issued": Field(CslDate()),
    "accessed": Field(CslDate(), False), "URL": Field(Url(2000), False),
    "note": Field(Text(1000), False), "language": Field(Text(20), False),
    "archive": Field(FileName(200), False),
})


def _struct(what, model, **fields):
    return Struct(what, model, {k.replace("__", "-"): v for k, v in fields.items()})


RECOMMENDATION = _struct("recommendation", Recommendation, to=Field(Text(200)),
                         items=Field(ListOf(Markdown(5000), 20)))

BRIEF = _struct(
    "brief.yaml", Brief,
    title=Field(Text(300)), subtitle=Field(Text(500)), short_title=Field(Text(80)),
    publisher=Field(Text(200)), edition=Field(Date()), previous_edition=Field(Date(), False),
    language=Field(Text(20), False, "en-US"), subject=Field(Text(500)),
    keywords=Field(ListOf(Text(100), 30), False, []),
    citation_style=Field(FileName(200), False, "chicago-notes-bibliography-subsequent-ibid.csl"),
    summary=Field(Markdown(5000)), key_findings=Field(ListOf(Markdown(3000), 20)),
    recommendations=Field(ListOf(RECOMMENDATION, 10)), sections=Field(ListOf(Text(100), 100)),
    about=Field(Markdown(10000), False),
)

SECTION = _struct("section", Section, title=Field(Text(300)), kicker=Field(Text(200), False),
                  body=Field(Markdown()))

SOURCES = _struct("sources.yaml", lambda line, references: references,
                  references=Field(ListOf(CSL_ENTRY, 2000)))

DEVELOPMENT = _struct("development", Development, date=Field(Date()), title=Field(Text(300)),
                      summary=Field(Markdown(3000)), timeline=Field(Text(40), False),
                      tags=Field(ListOf(Text(50), 20), False, []))

DEVELOPMENTS = ListOf(DEVELOPMENT, 1000)

SERIES = _struct("series", Series, id=Field(Text(100)), label=Field(Text(200)), unit=Field(Text(100)),
                 format=Field(Text(50), False), sources=Field(ListOf(Text(200), 50), False, []),
                 points=Field(Points()))

DATA_FILE = _struct("data file", DataFile, title=Field(Text(300)), series=Field(ListOf(SERIES, 50)))

ANNOTATION = _struct("annotation", Annotation, x=Field(Anything()), label=Field(Text(120)),
                     y=Field(Number(), False))

CHART_KINDS = ("line", "bar", "stacked-bar", "grouped-bar", "timeline")

CHART = _struct(
    "chart", Chart, kind=Field(Choice(*CHART_KINDS)), title=Field(Text(300)),
    data=Field(Text(100), False), series=Field(ListOf(Text(100), 10), False, []),
    x_label=Field(Text(100), False), y_label=Field(Text(100), False),
    annotations=Field(ListOf(ANNOTATION, 20), False, []), caption=Field(Markdown(3000)),
    alt=Field(Text(2000), False), source=Field(Markdown(2000)),
)
