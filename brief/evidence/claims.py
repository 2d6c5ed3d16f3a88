"""The claims in a piece of prose: its sentences, the quotations and the figures in each, and
the sources cited for each sentence. Pure text analysis; evidence.py checks them.

A sentence's sources are the citations inside it. A sentence without one is covered by the
next citation in its paragraph (one note at the end of a run of sentences covers the run).
Numbers in a citation's own text (a locator such as "p. 4"), inside quotation marks (the
quotation check covers them), in {{ref:}} and in a section reference are not claims; a number
from {{data:}} or inside [...]{.own} (the brief's own arithmetic) is a claim with its own status.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from . import spelled_out
from ..content import markdown
from ..look.numbers import locale
from ..content.markdown import Prose

_SCALE = r"(?:\s+(%s))?" % "|".join(re.escape(w).replace(r"\ ", r"\s+")
                                    for w in sorted(spelled_out.SCALES, key=len, reverse=True))
PERCENT = r"(?:\s*(?:%|percent|per cent|Prozent|pour cent|por ciento))?"


@lru_cache(maxsize=8)
def digits(language: str) -> tuple[re.Pattern, str, str]:
    """The pattern of a number written in `language` (its group and decimal symbols, by CLDR:
    6,279.5 in English, 6.279,5 in German), with those two symbols."""
    place = locale(language)
    group, decimal = get_group_symbol(locale=place), get_decimal_symbol(locale=place)
    groups = re.escape(group) + ("| " if group in "\u00a0\u202f" else "")  # a typed space for a thin one
    pattern = re.compile(rf"(?<![\w.,])[$€£]?(\d{{1,3}}(?:(?:{groups})\d{{3}})+|\d+)({re.escape(decimal)}\d+)?"
                         rf"(?:st|nd|rd|th|s)?{PERCENT}{_SCALE}(?![\w])", re.I)
    return pattern, group, decimal
_DAY = r"\b(\d{1,2})(?:\.|er)?"  # 4 March, 4. März, 1er mars
_OF = r"(?:,|\s+de)?"           # March 4, 2024; 4 de marzo de 2024


@lru_cache(maxsize=16)
def _date_patterns(languages: tuple) -> list[tuple[re.Pattern, str]]:
    """Dates written with a month's name in any of `languages`, most complete first."""
    month = spelled_out.month_pattern(languages)
    return [(re.compile(rf"{_DAY}(?:\s+de)?\s+{month}{_OF}\s+(\d{{4}})\b"), "dmy"),
            (re.compile(rf"\b{month} (\d{{1,2}}),? (\d{{4}})\b"), "mdy"),
            (re.compile(rf"\b{month}{_OF}\s+(\d{{4}})\b"), "my"),
            (re.compile(rf"{_DAY}(?:\s+de)?\s+{month}\b"), "dm"),
            (re.compile(rf"\b{month} (\d{{1,2}})\b"), "md")]


OWN = re.compile(r"\[([^\[\]]*)\]\{\.own\}")
SECTION_REF = re.compile(r"\b(?:section|sections|step|steps|figure|table|recommendation)s? (\d+)(?:(?:,| and| to|–) ?(\d+))*", re.I)
ABBREVIATIONS = {"u.s", "gen", "lt", "col", "maj", "sen", "rep", "gov", "dr", "mr", "mrs", "ms", "st",
                 "no", "nos", "p", "pp", "para", "e.g", "i.e", "vs", "etc", "jan", "feb", "mar", "apr",
                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "adm", "amb", "inc", "co",
                 "corp", "art", "u.n", "u.k", "d.c", "cf", "al", "approx", "vol"}
_END = re.compile(r"[.!?](?:[\"”’)\]]*)(?:\s*\x00+[.,;]?)?(?=\s+[\"“‘(\[*_]*[A-Z0-9$])")
# Quotation marks: English “…”, German „…“, French «…», and straight ones.
QUOTE = re.compile(r"[“\"„«‟]\s?((?:[^“”\"„«»‟″\n]|\n(?!\n)){2,}?)\s?[”\"“»″]")
LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+", re.M)


@dataclass(frozen=True)
class Quotation:
    text: str
    line: int
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    text: str            # as written
    line: int
    value: Decimal | None = None               # a number
    date: tuple[int, int, int] | None = None   # (year, month, day or 0) for a date
    origin: str = "prose"                      # "prose", "data" ({{data:}}) or "own" ([...]{.own})
    data_ref: str = ""


@dataclass
class Sentence:
    text: str            # as written, Markdown
    line: int
    cites: tuple[str, ...]          # sources cited for it (its own, or the covering citation)
    cited_here: bool                # the citation is in the sentence itself
    quotations: list[Quotation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def mask(text: str) -> str:
    """The text with citations, notes, directives and link targets blanked (same length), so
    their periods and numbers are not read as the prose's."""
    out = list(text)

    def blank(start, end):
        out[start:end] = "\x00" * (end - start)
    for pattern in (markdown.CITE_BRACKET, markdown.DIRECTIVE, re.compile(r"\]\([^)\s]*\)")):
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    for note in markdown.explanatory_notes(Prose(text, "", 1)):
        blank(note.start, note.end)
    return "".join(out)


def _ends(masked: str, start: int, end: int):
    """Offsets where sentences end in masked[start:end] (never inside quotation marks: a
    quotation of two sentences belongs to the sentence that quotes it)."""
    quoted = [m.span() for m in QUOTE.finditer(masked, start, end)]
    for m in _END.finditer(masked, start, end):
        if any(a < m.start() < b - 1 for a, b in quoted):
            continue
        word = re.search(r"([\w.]+)\.$", masked[max(start, m.start() - 20):m.start() + 1])
        if word and (word[1].lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word[1])):
            continue
        yield m.end()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of plain text, such as an excerpt's passage, split as the
    brief's own sentences are."""
    spans, previous = [], 0
    for stop in [*_ends(text, 0, len(text)), len(text)]:
        start = previous + len(text[previous:stop]) - len(text[previous:stop].lstrip())
        if start < stop:
            spans.append((start, stop))
        previous = stop
    return spans


STRUCTURE = ("#", ":::", "{{figure:")  # lines that are not running text


def _paragraphs(text: str):
    """(start, end) of each paragraph of running text; blank lines, headings, fences and
    figure lines end a paragraph and belong to none, and each list item is one."""
    start = offset = None
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if start is not None and LIST_MARK.match(line):
            yield start, offset
            start = None
        if not stripped or stripped.startswith(STRUCTURE):
            if start is not None:
                yield start, offset
                start = None
        else:
            if start is None:
                start = position
            offset = position + len(line)
        position += len(line) + 1
    if start is not None:
        yield start, offset


def _keys(fragment: str):
    return tuple(dict.fromkeys(m[1] for m in markdown.CITE_KEY.finditer(fragment)))


@lru_cache(maxsize=4096)  # the evidence check and the prose check read the same pieces
def sentences(piece: Prose, language: str = "en-US") -> list[Sentence]:
    """The sentences of a piece of prose, with their quotations, figures and sources (not to be
    changed: the list is shared)."""
    text = piece.text
    masked = mask(text)
    out = []
    for start, end in _paragraphs(text):
        bounds, previous = [], start
        for stop in _ends(masked, start, end):
            bounds.append((previous, stop))
            previous = stop
        if text[previous:end].strip():
            bounds.append((previous, end))
        paragraph = []
        for s_start, s_end in bounds:
            while s_start < s_end and text[s_start].isspace():
                s_start += 1
            if s_start >= s_end:
                continue
            fragment = text[s_start:s_end]
            cites = tuple(k for b in markdown.CITE_BRACKET.finditer(fragment) for k in _keys(b[0]))
            cites += tuple(k for k in _keys(masked_free(fragment)) if k not in cites)
            sentence = Sentence(fragment, markdown.line_of(piece, s_start), tuple(dict.fromkeys(cites)), bool(cites))
            sentence.quotations = _quotations(piece, text, s_start, s_end)
            sentence.figures = _figures(piece, text, masked, s_start, s_end, language)
            paragraph.append(sentence)
        covering = ()
        for sentence in reversed(paragraph):  # a run of sentences is covered by the citation after it
            if sentence.cited_here:
                covering = sentence.cites
            else:
                sentence.cites = covering
        for sentence in paragraph:
            sentence.quotations = [Quotation(q.text, q.line, tuple(dict.fromkeys(q.cites + sentence.cites)))
                                   for q in sentence.quotations]
        out += paragraph
    return out


def masked_free(fragment: str) -> str:
    """Bare author-in-text citations (@key outside brackets)."""
    return markdown.CITE_BRACKET.sub("", fragment)


def _quotations(piece, text, start, end):
    found = []
    for m in QUOTE.finditer(text, start, end):
        after = markdown.CITE_BRACKET.search(text, m.end())
        cites = _keys(after[0]) if after else ()
        found.append(Quotation(m[1].replace("\n", " "), markdown.line_of(piece, m.start()), cites))
    return found


def number_value(whole: str, decimals: str | None, scale: str | None, language="en-US") -> Decimal:
    _, group, decimal = digits(language)
    whole = re.sub(r"\D", "", whole)
    value = Decimal(whole + ("." + decimals[len(decimal):] if decimals else ""))
    return (value * spelled_out.scale_value(scale, language) if scale else value).normalize()


def dates_in(text: str, languages: tuple = ("en",)):
    """(match, (year, month, day or 0)) for each date written out in `text`, its month named in
    one of `languages`."""
    taken = []
    for pattern, order in _date_patterns(languages):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            month = spelled_out.month_number(m[2 if order[0] == "d" else 1], languages)
            if order == "dmy":
                yield m, (int(m[3]), month, int(m[1]))
            elif order == "mdy":
                yield m, (int(m[3]), month, int(m[2]))
            elif order == "my":
                yield m, (int(m[2]), month, 0)
            elif order == "dm":
                yield m, (0, month, int(m[1]))
            else:
                yield m, (0, month, int(m[2]))


def numbers_in(text: str, language: str = "en-US", word_languages: tuple | None = None):
    """(match, value) for each number in `text`: digits in the language's format, and number
    words of `word_languages` (default: the language's own)."""
    for m in digits(language)[0].finditer(text):
        yield m, number_value(m[1], m[2], m[3], language)
    seen = set()
    for each in word_languages or (language,):
        for m, value in (found.find(text) if (found := spelled_out.number_words(each)) else ()):
            if m.span() not in seen:
                seen.add(m.span())
                yield m, value


def _figures(piece, text, masked, start, end, language):
    found = []
    for m in markdown.DIRECTIVE.finditer(text, start, end):
        if m[1] == "data":
            found.append(Figure(m[0], markdown.line_of(piece, m.start()), origin="data", data_ref=m[2]))
    visible = list(masked[start:end])

    def hide(a, b):
        visible[a - start:b - start] = " " * (b - a)
    for m in OWN.finditer(text, start, end):
        for n, value in numbers_in(m[1], language):
            found.append(Figure(n[0], markdown.line_of(piece, m.start()), value, origin="own"))
        hide(m.start(), m.end())
    for pattern in (QUOTE, SECTION_REF):
        for m in pattern.finditer(text, start, end):
            hide(m.start(), m.end())
    if (mark := LIST_MARK.match(text, start)) and mark.end() <= end:
        hide(mark.start(), mark.end())
    plain = "".join(visible).replace("\x00", " ")
    for m, date in dates_in(plain, (language,)):
        found.append(Figure(m[0], markdown.line_of(piece, start + m.start()), date=date))
        plain = plain[:m.start()] + " " * (m.end() - m.start()) + plain[m.end():]
    for m, value in numbers_in(plain, language):
        found.append(Figure(m[0].strip(), markdown.line_of(piece, start + m.start()), value))
    return sorted(found, key=lambda f: f.line)
