"""What a brief is made of: each record declared once, its fields typed and documented.

A record's schema (what YAML it accepts, and the messages for what it does not) is read off its
fields by `schema.record`; the loader fills in the `derived` fields.
"""
import datetime as dt
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..look.theme import PALETTE
from .chart_kinds import CHART_KINDS
from .files import Map
from .csl import CSL_ENTRY
from .schema import Field, Struct, derived, optional, record, required
from .types import (Anything, Choice, Colour, Date, FileName, Flag, FontName, Id, ListOf, Markdown,
                    Number, NumberPattern, Plain, Points, Prose, Text, Url)


def position(x) -> float:
    """Where a point sits on a time axis: a year, or a date as a fraction of its year."""
    if isinstance(x, dt.date):
        return x.year + (x.timetuple().tm_yday - 1) / 365.25
    return float(x)


# --- records -------------------------------------------------------------------------------

@record("finding", older=lambda value: isinstance(value, str) and (
    "a finding written as plain text is an older layout; write it as {short: ..., text: ...}, "
    "or run brief upgrade"))
class Finding:
    short: str = required(Plain(240), "the finding in one short plain sentence, for the one-page "
                                     "leave-behind (no citations)")
    text: Prose = required(Markdown(3000), "the finding as the brief states it, with citations")
    line: int = derived(0)


@record("recommendation", older=lambda value: isinstance(value, Map) and "items" in value and (
    "recommendations grouped under 'to:' with 'items:' are an older layout; give each ask its own "
    "{id: ..., to: ..., ask: ..., why: ...}, or run brief upgrade"))
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
    grade_limit: float = optional(Number(), "highest readability grade (Flesch-Kincaid, in English) of a "
                                            "section before a warning", 14)
    ease_limit: float = optional(Number(), "lowest reading ease of a section before a warning, in German, "
                                           "French or Spanish (their Flesch variants: 0-100, lower is harder)", 30)
    avoid: list = optional(ListOf(AvoidedTerm.schema, 100), "terms to avoid, each {term: ..., use: ...}", [])
    unknown_limit: int = optional(Number(), "how many times the prose may say what could not be established "
                                            "(we could not establish, we found no, not known ...) outside "
                                            "'could_not_establish' before a warning", 3)
    line: int = derived(0)


COLOURS = Struct("colors", lambda line, **roles: {k: v for k, v in roles.items() if v},
                 {role: Field(Colour(), False, None, doc) for role, (_, doc) in PALETTE.items()})


@record("look")
class Look:
    paper: str = optional(Choice("letter", "a4"), "page size: letter or a4", "letter")
    colors: dict = optional(COLOURS, "the palette, by role: " + ", ".join(PALETTE), {})
    series: list = optional(ListOf(Colour(), 12), "chart series colours, in order", [])
    body_font: str | None = optional(FontName(80), "the text's font family (its files in templates/fonts/)")
    heading_font: str | None = optional(FontName(80), "headings', notes' and charts' font family")
    logo: str | None = optional(FileName(200), "an image (SVG or PNG) in templates/ shown on the cover")
    notes: str = optional(Choice("foot", "side"), "where the PDF sets notes: foot (the page's foot) or side "
                                                  "(the side column, beside the line that calls them; at the foot "
                                                  "where the column is full)", "foot")
    layout: str = optional(Choice("standard", "compact"), "standard: a cover, the leave-behind and contents "
                                                         "before the findings; compact: a 2-4 page brief, its "
                                                         "bottom line, findings and asks on page 1", "standard")
    line: int = derived(0)


@record("brief.yaml")
class Brief:
    title: str = required(Plain(300), "cover title and PDF title")
    subtitle: str = required(Plain(500), "cover subtitle")
    short_title: str = required(Plain(80), "running header")
    publisher: str = required(Plain(200), "the publisher shown on the cover and as PDF author; "
                                          "use a neutral name")
    edition: dt.date = required(Date(), "the date the brief is true as of; PDF creation date")
    evidence_as_of: dt.date | None = optional(Date(), "the date the evidence runs to, if you state it (the day "
                                                      "you last searched for newer sources); otherwise the newest "
                                                      "date of a cited source or a development")
    previous_edition: dt.date | None = optional(Date(), "developments after it are marked new")
    language: str = optional(Text(20), "the brief's language, e.g. en-US or de-DE: its fixed words, dates, "
                                       "numbers, notes and the PDF's language", "en-US")
    editions: list[str] = optional(ListOf(Text(20), 10), "the brief's editions, by language: the first is the "
                                   "original (its 'language'), each other one a translation in content/<LANG>/ "
                                   "(see Editions)", [])
    subject: str = required(Plain(500), "PDF subject: one sentence")
    keywords: list[str] = optional(ListOf(Plain(100), 30), "PDF keywords", [])
    citation_style: str = optional(FileName(200), "a CSL style: a file in templates/csl/ or the name of "
                                                  "any style of the CSL project, e.g. apa.csl",
                                   "chicago-shortened-notes-bibliography.csl")
    bottom_line: str = required(Plain(400), "the ask in one or two plain sentences: on the cover "
                                           "and the leave-behind", older="one from the first ask")
    web_address: str | None = optional(Url(300), "where the brief is published: the leave-behind "
                                                 "prints it with a QR code")
    contact: str | None = optional(Plain(200), "a contact line for the leave-behind")
    summary: Prose = required(Markdown(5000), "the short paragraph on the key-findings page")
    key_findings: list[Finding] = required(ListOf(Finding.schema, 12), "numbered findings, each "
                                                                       "{short: ..., text: ...}")
    could_not_establish: list[Prose] = optional(ListOf(Markdown(1500), 20), "what the brief could not "
                                                "establish, each item with its citations: one box after the "
                                                "key findings", [])
    recommendations: list[Recommendation] = required(ListOf(Recommendation.schema, 30),
                                                     "the asks, numbered R1, R2, ... in this order")
    sections: list[str] = required(ListOf(Text(100), 100), "the sections, by file name without .yaml, "
                                                            "in order")
    about: Prose | None = optional(Markdown(10000), "the 'About this brief' text at the end")
    prose_check: ProseCheck = optional(ProseCheck.schema, "settings of the prose check",
                                       ProseCheck.defaults())
    outputs: list[str] = optional(ListOf(Text(20), 10), "what a build writes, in build/: pdf (brief.pdf, "
                                                        "brief-onepage.pdf), docx (brief.docx), web (web/)",
                                  ["pdf", "docx", "web"])
    look: Look = optional(Look.schema, "paper, palette, fonts, logo and where notes go",
                          Look.defaults())
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
    points: dict | None = optional(Points(), "year (or YYYY-MM-DD) -> number; leave it out when the "
                                             "values are a column of content/data/<file>.csv")
    line: int = derived(0)
    values_in: Path | None = derived()  # the CSV its points were read from, if they were


@record("data file")
class DataFile:
    title: str = required(Text(300), "what the file holds")
    series: list[Series] = required(ListOf(Series.schema, 50), "one or more series")
    line: int = derived(0)
    id: str = derived("")
    path: Path | None = derived()
    table: Path | None = derived()  # content/data/<id>.csv, when its values are there


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
    look: object = None  # the look as validation resolved it (look/checks.py ResolvedLook)
    translations: dict = field(default_factory=dict)  # language -> the translated Content (translations.py)
