"""Stage 3, evidence: every quotation and every figure checked against the words of a cited source.

Each source may have archive excerpts (archive.py): verbatim passages as the source was read.
A quotation is verified when its words (each part of an elided one) are in the excerpts of a
source cited for it, inside the source's own quotation marks or in its own narrative; words the
source reports as someone's speech without quotation marks, and quotation marks wider than the
source's, are errors. A figure is verified when the number (or date) is in the excerpts of a
source cited for its sentence, in any common form; numbers from {{data:}} and the brief's own
arithmetic ([...]{.own}) are accounted for as such. The result feeds the problems and the
report, build/evidence.html.
"""
import bisect
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import claims, spelled_out
from .excerpts import GAP, NOTES, SOURCE_TEXT, Excerpt, named_source, read_excerpt
from ..errors import Problems
from ..content.model import Content
from ..look.numbers import format_number
from ..content.reading import reading_order
from ..content.types import suggest

# Verbs that mark words as someone's reported speech in a source's narrative (", he said,").
# Lower case only: "States" in "United States" is not a verb.
REPORTING = re.compile(r"\b(said|says|told|tells|added|adds|stated|explained|noted|argued|"
                       r"warned|insisted|claimed|asserted|[Aa]ccording to)\b")
_APOSTROPHES = {ord("‘"): "'", ord("’"): "'"}
REPORTING_WINDOW = 60  # characters before the quoted words where a reporting verb counts (half after)
ELISION = re.compile(r"\.\.\.|…|\[[^\]]*\]")
_MONTH_ABBR = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
ARCHIVE_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH_ABBR}")
ARCHIVE_MD = re.compile(rf"\b{_MONTH_ABBR} (\d{{1,2}})(?:st|nd|rd|th)?\b")
ARCHIVE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
ARCHIVE_MONTH = re.compile(rf"\b{_MONTH_ABBR}")


def months_named(text: str, languages: tuple) -> set[int]:
    """The months `text` names: in full in any of `languages`, or by an English abbreviation."""
    named = {spelled_out.month_number(m[1], languages)
             for m in re.finditer(spelled_out.month_pattern(languages), text)}
    return named | {_month(m[1]) for m in ARCHIVE_MONTH.finditer(text)}


VERIFIED, QUOTED, OWN_WORDS = "verified", "quoted by the source", "the source's own words"
NOT_FOUND, REPORTED, WIDER, UNVERIFIABLE = "not found", "reported speech", "wider than the source's", "unverifiable"
SPANS_GAP = "spans a gap"  # found only on both sides of an omission, or in two excerpt files
FROM_DATA, OWN_ARITHMETIC, EXPLAINED, UNCITED = "from data", "our arithmetic", "unverifiable, reason given", "uncited"
RANK = [QUOTED, OWN_WORDS, WIDER, REPORTED]  # best first


_DROPPED = re.compile(r"[\s\-‐‑–—“”„‟″\"«»\u00ad*_]+")


def normalise(text: str) -> tuple[str, list[int]]:
    """Text for matching, and for each of its characters the offset it came from: quotation
    marks, emphasis, soft hyphens, spaces, line breaks and hyphens dropped, apostrophes unified,
    "…" as "..."."""
    kept, previous = [], 0
    for m in _DROPPED.finditer(text):  # runs of dropped characters: far fewer than the kept ones
        kept.extend(range(previous, m.start()))
        previous = m.end()
    kept.extend(range(previous, len(text)))
    norm = _DROPPED.sub("", text).translate(_APOSTROPHES)
    if "…" not in text:
        return norm, kept
    return norm.replace("…", "..."), [i for i in kept for _ in range(3 if text[i] == "…" else 1)]


@dataclass
class Segment:
    """A stretch of one excerpt with nothing left out, from its title or an omission ([…]) to
    the next omission or its end: what a quotation's parts, or a date's year and day, must be
    found in together. It knows the excerpt's provenance (the source's text or notes)."""

    excerpt: Excerpt
    start: int               # in SourceText.text
    end: int
    pieces: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, passage index
    norm_start: int = 0      # in SourceText.norm
    norm_end: int = 0
    numbers: set = field(default_factory=set)
    month_days: set = field(default_factory=set)
    months: set = field(default_factory=set)

    @property
    def provenance(self) -> str:
        return self.excerpt.provenance

    def read_dates(self, text: str, languages: tuple) -> list[tuple[int, int]]:
        """Keep the months, and (month, day) pairs, written in `text` (a piece of this segment,
        its months named in any of `languages`); return where its dates are."""
        spans = []
        for m, (year, month, day) in claims.dates_in(text, languages):
            self.month_days.add((month, day))
            self.months.add(month)
            spans.append(m.span())
        for pattern, day_group, month_group in ((ARCHIVE_DM, 1, 2), (ARCHIVE_MD, 2, 1)):
            for m in pattern.finditer(text):
                self.month_days.add((_month(m[month_group]), int(m[day_group])))
                spans.append(m.span())
        for m in ARCHIVE_ISO.finditer(text):
            self.month_days.add((int(m[2]), int(m[3])))
            self.months.add(int(m[2]))
            spans.append(m.span())
        self.months |= months_named(text, languages)
        return spans


@dataclass
class SourceText:
    """All excerpts of one source, joined, with what the checks look up."""

    excerpts: list[Excerpt]
    language: str = "en-US"  # numbers in the excerpts are read in the brief's format
    text: str = ""
    passages: list[tuple[int, int, Path, int]] = field(default_factory=list)  # start, end, file, line
    passage_numbers: list[set] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)  # the source's text first, then notes
    found_numbers: list[tuple[int, str, Decimal]] = field(default_factory=list)  # offset, as written, value
    date_spans: list[tuple[int, int]] = field(default_factory=list)             # where dates are written
    quoted: list[tuple[int, int]] = field(default_factory=list)   # spans inside quotation marks
    norm: str = ""
    where: list[int] = field(default_factory=list)
    numbers: set = field(default_factory=set)
    month_days: set = field(default_factory=set)
    months: set = field(default_factory=set)

    def __post_init__(self):
        parts, start = [], 0
        for excerpt in self.excerpts:  # the title counts: a quotation may be of a title
            segment = Segment(excerpt, start, start)
            for text, line in [(excerpt.title, 1)] + [(p.text, p.line) for p in excerpt.passages]:
                index, position = len(self.passages), 0
                parts.append(text)
                self.passages.append((start, start + len(text), excerpt.path, line))
                for gap in GAP.finditer(text):  # an omission ends the segment; the next begins after it
                    segment.pieces.append((start + position, start + gap.start(), index))
                    segment.end = start + gap.start()
                    self.segments.append(segment)
                    position = gap.end()
                    segment = Segment(excerpt, start + position, start + position)
                segment.pieces.append((start + position, start + len(text), index))
                segment.end = start + len(text)
                start += len(text) + 2
            self.segments.append(segment)
        self.text = "\n\n".join(parts)
        self.quoted = [m.span(1) for m in re.finditer(r"[“\"„«‟]([^“”\"„«»‟″]*)[”\"“»″]", self.text)]
        self.norm, self.where = normalise(self.text)
        self.passage_numbers = [set() for _ in self.passages]
        for segment in self.segments:
            segment.norm_start = bisect.bisect_left(self.where, segment.start)
            segment.norm_end = bisect.bisect_left(self.where, segment.end)
            for piece_start, piece_end, index in segment.pieces:
                piece = self.text[piece_start:piece_end]
                found = [(piece_start + m.start(), m[0].strip(), value)
                         for m, value in claims.numbers_in(piece, self.language, self.word_languages)]
                numbers = {value for _, _, value in found}
                segment.numbers |= numbers
                self.passage_numbers[index] |= numbers
                self.found_numbers += found
                self.date_spans += [(piece_start + a, piece_start + b)
                                    for a, b in segment.read_dates(piece, self.month_languages)]
            self.numbers |= segment.numbers
            self.month_days |= segment.month_days
            self.months |= segment.months
        self.segments.sort(key=lambda s: s.provenance != SOURCE_TEXT)  # stable: file order otherwise
        self.found_numbers.sort()

    @property
    def word_languages(self) -> tuple:
        """Number words are read in the brief's language and English (an excerpt is often an
        English source's); not in all four, where "once" (Spanish 11) is an English word."""
        return tuple(dict.fromkeys((self.language, "en")))

    @property
    def month_languages(self) -> tuple:
        """Month names are read in every language the theme ships, and the brief's."""
        return tuple(dict.fromkeys((self.language, *spelled_out.LANGUAGES)))

    def gap_between(self, offsets: list[int]) -> str:
        """What separates text at these offsets: an omission in one file, or two files."""
        files = list(dict.fromkeys(self.passage_at(o)[2].name for o in offsets))
        if len(files) == 1:
            gap = GAP.search(self.text, offsets[0])  # the first omission after the first part
            return f"on both sides of an omission ([…]) in {files[0]}:{self.passage_at(gap.start())[3]}"
        return f"in two excerpts of {{key}} ({', '.join(files)}), and what lies between them is not known"

    def passage_at(self, offset: int):
        return next(p for p in self.passages if p[0] <= offset <= p[1])


def _month(name: str) -> int:
    return next(n for full, n in spelled_out.month_names("en").items() if full[:3].lower() == name[:3].lower())


@dataclass
class Check:
    """One quotation or figure, what it was checked against and what was found."""

    kind: str            # "quotation" or "figure"
    text: str
    line: int
    status: str
    sources: tuple[str, ...] = ()
    passage: str = ""    # the matching (or closest) archive passage
    where: str = ""      # its file:line
    detail: str = ""
    provenance: str = ""            # verified against the source's text (SOURCE_TEXT) or NOTES only
    excerpt: Excerpt | None = None  # the excerpt it was verified against
    source_id: str = ""             # the source of that excerpt
    span: tuple[int, int] | None = None  # a verified quotation's words in that source's SourceText.text
    value: Decimal | None = None    # a figure's number (not a date's)

    @property
    def ok(self):
        return self.status in (VERIFIED, QUOTED, OWN_WORDS, FROM_DATA, OWN_ARITHMETIC, EXPLAINED)

    @property
    def notes_only(self):
        """Verified, but only against excerpts copied from the project's notes: a warning."""
        return self.ok and self.provenance == NOTES


@dataclass
class Claim:
    path: str
    sentence: claims.Sentence
    checks: list[Check]


@dataclass
class Evidence:
    texts: dict[str, SourceText] = field(default_factory=dict)  # source id -> its excerpts
    claims: list[Claim] = field(default_factory=list)
    data: list[tuple[Path, str, Check]] = field(default_factory=list)  # (data file, series id, check)

    def counts(self):
        quotes = [c for claim in self.claims for c in claim.checks if c.kind == "quotation"]
        figures = [c for claim in self.claims for c in claim.checks if c.kind == "figure" and c.status != UNCITED]
        data = [c for _, _, c in self.data]
        return {"quotations": len(quotes), "quotations verified": sum(c.ok for c in quotes),
                "quotations against notes": sum(c.notes_only for c in quotes),
                "figures": len(figures), "figures verified": sum(c.ok and c.status != EXPLAINED for c in figures),
                "figures against notes": sum(c.notes_only for c in figures),
                "unverifiable": sum(c.status in (UNVERIFIABLE, EXPLAINED) for c in figures),
                "not found": sum(c.status == NOT_FOUND for c in figures),
                "across a gap": sum(c.status == SPANS_GAP for c in quotes + figures),
                "data": len(data), "data verified": sum(c.ok for c in data),
                "data against notes": sum(c.notes_only for c in data)}

    def summary(self, report: str) -> str:
        n = self.counts()
        against = n["quotations verified"] - n["quotations against notes"]
        line = (f"evidence: {n['quotations verified']}/{n['quotations']} quotations verified ({against} against "
                f"the source's text, {n['quotations against notes']} against notes only), "
                f"{n['figures verified']}/{n['figures']} figures verified{_notes(n['figures against notes'])}, "
                f"{n['unverifiable']} unverifiable")
        if n["not found"]:
            line += f", {n['not found']} not in their sources"
        if n["across a gap"]:
            line += f", {n['across a gap']} across a gap"
        if n["data"]:
            line += f", {n['data verified']}/{n['data']} data points verified{_notes(n['data against notes'])}"
        return f"{line} ({report})"


def _notes(count: int) -> str:
    return f" ({count} against notes only)" if count else ""


_READ = {}  # (the excerpt files and their stats, language) -> SourceText: `brief watch` reads once


def excerpt_names(content: Content, folder: Path, problems: Problems) -> dict[str, list[str]]:
    """Each source's excerpt files: those its `archive:` names, then those named after it,
    `<id>.txt` and `<id>-N.txt` in the order of N, then those whose `source:` header line names
    it, by file name (so a re-export that drops `archive:` keeps every link). A file that names
    its source, that some `archive:` names, or that is named exactly after another source,
    belongs only there."""
    named = {name for source in content.sources.values() for name in source.archives}
    by_name, by_header = {}, {}
    for path in sorted(folder.glob("*.txt")):
        if (declared := named_source(path)) is not None:
            key, line = declared
            if key in content.sources:
                by_header.setdefault(key, []).append(path.name)
            else:
                problems.error(path, line, f"'source: {key}' names no source in content/"
                               f"{content.sources_file}; give a source's citation key"
                               + suggest(key, content.sources))
            continue
        stem = path.stem
        base, dash, number = stem.rpartition("-")
        owner = stem if stem in content.sources else base if dash and number.isdigit() else None
        if path.name not in named and owner in content.sources:
            by_name.setdefault(owner, []).append((0 if owner == stem else int(number), path.name))
    return {key: list(dict.fromkeys(source.archives + [name for _, name in sorted(by_name.get(key, []))]
                                    + by_header.get(key, [])))
            for key, source in content.sources.items()}


def load_archives(content: Content, folder: Path, problems: Problems) -> dict[str, SourceText]:
    texts = {}
    names = excerpt_names(content, folder, problems)
    for source in content.sources.values():
        paths = [folder / name for name in names[source.id]]
        for path in paths:
            if not path.is_file():
                problems.error(source.path, source.line, f"archive excerpt '{path.name}' of '{source.id}' is "
                                                         f"not in {_shown(folder, content.root)}; add the file there or "
                                                         "remove its name from 'archive'")
        paths = [p for p in paths if p.is_file()]
        key = (tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in paths), content.brief.language)
        if key not in _READ:
            excerpts = [e for e in (read_excerpt(p, problems) for p in paths) if e is not None]
            if len(excerpts) < len(paths):
                continue  # an excerpt with errors: reported, and not kept
            _READ[key] = SourceText(excerpts, content.brief.language) if excerpts else None
        if _READ[key] is not None:
            texts[source.id] = _READ[key]
    return texts


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def check_evidence(content: Content, archive_folder: Path | None, problems: Problems) -> Evidence:
    texts = load_archives(content, archive_folder, problems) if archive_folder else {}
    evidence = Evidence(texts)
    seen = set()
    for piece in reading_order(content, unplaced_figures=True):
        if id(piece.prose) in seen:
            continue
        seen.add(id(piece.prose))
        for sentence in claims.sentences(piece.prose, content.brief.language):
            checks = [_quotation(q, content, texts) for q in sentence.quotations]
            checks += [_figure(f, sentence, content, texts) for f in sentence.figures]
            if checks:
                evidence.claims.append(Claim(_shown(Path(piece.prose.path), content.root), sentence, checks))
    evidence.data = list(_data_points(content, texts))
    _report_problems(evidence, content, problems)
    return evidence


# --- quotations ----------------------------------------------------------------------------

def quotation_parts(quote: str) -> list[str]:
    """The normalised parts of a quotation, split at elisions. A full stop or comma at its very
    end is typography (American style sets it inside the closing mark), not the source's words."""
    parts = [p for p in (normalise(part)[0] for part in ELISION.split(quote)) if p]
    if parts and parts[-1][-1] in ".,":
        parts[-1] = parts[-1][:-1]
    return [p for p in parts if p]


def find_quotation(quote: str, norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]] | None:
    """(start, end) in `norm` (normalised text; only its stretch from `start` to `end`) of each
    part of `quote`, in order, or None. The first letter's case is free."""
    position, spans = start, []
    for i, part in enumerate(quotation_parts(quote)):
        found = norm.find(part, position, end)
        if found < 0 and i == 0:
            found = norm.find(part[0].swapcase() + part[1:], position, end)
        if found < 0:
            return None
        spans.append((found, found + len(part)))
        position = found + len(part)
    return spans


def _quotation(quote: claims.Quotation, content: Content, texts) -> Check:
    cited = [k for k in quote.cites if k in texts]
    check = Check("quotation", quote.text, quote.line, UNVERIFIABLE, tuple(quote.cites))
    if not cited:
        return check
    if not quotation_parts(quote.text):
        check.status, check.provenance = VERIFIED, SOURCE_TEXT
        return check
    outcomes, across = [], None
    for key in cited:
        source = texts[key]
        whole = find_quotation(quote.text, source.norm)
        if whole is None:
            continue
        across = across or (key, [source.where[a] for a, _ in whole])
        for segment in source.segments:
            spans = find_quotation(quote.text, source.norm, segment.norm_start, segment.norm_end)
            if spans is None:
                continue
            places = [_place(source.where[a], source.where[b - 1] + 1, key, source) for a, b in spans]
            kinds = {p[0] for p in places}
            if kinds == {QUOTED, OWN_WORDS}:  # part quoted by the source, part its narrative
                first = next(p for p in places if p[0] == QUOTED)
                places = [(WIDER, first[1], first[2], f"{key} puts only part of it in quotation marks")]
            span = (source.where[spans[0][0]], source.where[spans[-1][1] - 1] + 1)
            outcomes.append((*max(places, key=lambda p: RANK.index(p[0])), key, segment, span))
    if not outcomes and across:  # in the source, but only with an omission in between
        key, offsets = across
        check.status, check.detail = SPANS_GAP, texts[key].gap_between(offsets).format(key=key)
        p_start, p_end, path, line = texts[key].passage_at(offsets[0])
        check.passage, check.where = texts[key].text[p_start:p_end], f"{path.name}:{line}"
        return check
    if not outcomes:
        check.status = NOT_FOUND
        check.passage, check.where = _closest(quote.text, [texts[k] for k in cited], content.root)
        return check
    # Verified before not; against the source's own text before notes; then the best kind.
    best = min(outcomes, key=lambda o: (o[0] not in (QUOTED, OWN_WORDS), o[5].provenance != SOURCE_TEXT,
                                        RANK.index(o[0])))
    check.status, check.passage, check.where, check.detail, check.source_id, segment, check.span = best
    check.provenance, check.excerpt = segment.provenance, segment.excerpt
    return check


def _place(start, end, key, source: SourceText):
    """How the matched words sit in the source: inside its quotation marks, in its own words,
    partly inside (the brief's marks are wider), or in a sentence reporting speech."""
    p_start, p_end, path, line = source.passage_at(start)
    passage, where = source.text[p_start:p_end], f"{path.name}:{line}"
    for q_start, q_end in source.quoted:
        if q_start <= start and end <= q_end:
            return QUOTED, passage, where, key
    for q_start, q_end in source.quoted:
        if q_start < end and start < q_end:
            return WIDER, passage, where, f"{key} quotes only “{source.text[q_start:q_end]}”"
    # A reporting verb next to the words ("…, he said, the United States…"), outside quotation
    # marks, makes them someone's reported speech; a "said" elsewhere in the sentence does not.
    sentence_start = max(source.text.rfind(". ", p_start, start) + 2, p_start)
    sentence_end = source.text.find(". ", end, p_end)
    near = source.text[max(sentence_start, start - REPORTING_WINDOW):
                       min(p_end if sentence_end < 0 else sentence_end + 1, end + REPORTING_WINDOW // 2)]
    outside = re.sub(r"[“\"„«‟][^“”\"„«»‟″]*[”\"“»″]", "", near)
    if m := REPORTING.search(outside):
        return REPORTED, passage, where, f"{key} reports it as speech (“…{m[0]}…”)"
    return OWN_WORDS, passage, where, key


def _closest(quote: str, sources: list[SourceText], root: Path):
    target = normalise(quote)[0].lower()
    best = (0.0, "", "")
    for source in sources:
        for start, end, path, line in source.passages:
            passage = source.text[start:end]
            candidate = normalise(passage)[0].lower()
            matcher = difflib.SequenceMatcher(None, target, candidate, autojunk=False)
            size = matcher.find_longest_match(0, len(target), 0, len(candidate)).size
            if size > best[0]:
                best = (size, passage, f"{path.name}:{line}")
    return best[1], best[2]


# --- figures -------------------------------------------------------------------------------

def _has(text: SourceText | Segment, figure: claims.Figure) -> bool:
    """Whether the figure is in a source's excerpts (or one segment of them)."""
    if figure.date is None:
        return figure.value in text.numbers
    year, month, day = figure.date
    if year and Decimal(year) not in text.numbers:
        return False
    return (month, day) in text.month_days if day else month in text.months


def _passage_with(source: SourceText, figure: claims.Figure, segment: Segment):
    """The segment's first passage holding the figure's number (for a date, its year or month name)."""
    year, month = figure.date[:2] if figure.date else (0, 0)
    for (start, end, path, line), numbers in zip(source.passages, source.passage_numbers):
        if not segment.start <= start <= segment.end:
            continue
        text = source.text[start:end]
        if (figure.value in numbers if figure.date is None
                else (Decimal(year) in numbers if year else month in months_named(text, source.month_languages))):
            return text, f"{path.name}:{line}"
    return "", ""


def _figure(figure: claims.Figure, sentence: claims.Sentence, content: Content, texts) -> Check:
    check = Check("figure", figure.text, figure.line, UNCITED, sentence.cites)
    if figure.origin == "data":
        check.status, check.detail = FROM_DATA, figure.data_ref
        return check
    if figure.origin == "own":
        check.status = OWN_ARITHMETIC
        return check
    if not sentence.cites:
        return check
    _against(check, figure, sentence.cites, content, texts)
    if check.status == NOT_FOUND:
        elsewhere = [k for k, t in texts.items() if k not in sentence.cites and _has(t, figure)]
        if elsewhere:
            check.detail = f"it is in {', '.join(elsewhere[:3])}, which this sentence does not cite"
    return check


def _against(check: Check, figure: claims.Figure, keys, content: Content, texts):
    """Check `figure` against the archives of `keys`, the sources cited for it: verified by the
    first that holds it, not found, or unverifiable (with the sources' reason when all give one)."""
    check.value = figure.value
    archived = [k for k in keys if k in texts]
    if not archived:
        reasons = [content.sources[k].unarchived for k in keys if k in content.sources]
        if reasons and all(reasons):
            check.status, check.detail = EXPLAINED, "; ".join(dict.fromkeys(reasons))
        else:
            check.status = UNVERIFIABLE
        return
    # Verified by the first source whose excerpts hold it, the source's own text before notes.
    found = [(key, segment) for key in archived for segment in texts[key].segments if _has(segment, figure)]
    if found:
        key, segment = min(found, key=lambda f: f[1].provenance != SOURCE_TEXT)
        check.status, check.detail, check.source_id = VERIFIED, key, key
        check.provenance, check.excerpt = segment.provenance, segment.excerpt
        check.passage, check.where = _passage_with(texts[key], figure, segment)
        return
    across = next((k for k in archived if _has(texts[k], figure)), None)
    if across:  # a date: its year in one stretch of the excerpts, its month and day in another
        check.status = SPANS_GAP
        check.detail = texts[across].gap_between(_date_offsets(texts[across], figure)).format(key=across)
        return
    check.status = NOT_FOUND


def _date_offsets(source: SourceText, figure: claims.Figure) -> list[int]:
    """Where a date's year is, and where its month and day are, in different segments."""
    year, month, day = figure.date
    with_year = next(s for s in source.segments if Decimal(year) in s.numbers)
    with_day = next(s for s in source.segments if ((month, day) in s.month_days if day else month in s.months))
    return sorted([with_year.start, with_day.start])


def _data_points(content: Content, texts):
    for data_file in content.data.values():
        for series in data_file.series:
            # A unit such as "USD billion" scales the values: 5.09 is "$5.09 billion" in a source.
            scale = next((spelled_out.SCALES[w] for w in series.unit.lower().split() if w in spelled_out.SCALES), 1)
            for key, value in series.points.items():
                shown = format_number(value, content.brief.language, series.format)
                number = claims.Figure(shown, series.points.lines.get(key, series.line),
                                       (Decimal(str(value)) * scale).normalize())
                check = Check("figure", f"{key}: {shown}", number.line, UNVERIFIABLE, tuple(series.sources))
                _against(check, number, series.sources, content, texts)
                yield series.values_in or data_file.path, series.id, check


# --- problems ------------------------------------------------------------------------------

def _short(text: str, size=60) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


NOTES_ONLY = ("{what} verified only against this excerpt, which was copied from the project's notes "
              "('{copied}'), not from the source; copy the passage from the source itself (its page, a PDF, "
              "a print copy) and say so in 'copied from'")


def _notes_only(check: Check, what: str, problems: Problems):
    excerpt = check.excerpt
    problems.warn(excerpt.path, excerpt.lines.get("copied from", 1),
                  NOTES_ONLY.format(what=what, copied=excerpt.copied_from))


def _report_problems(evidence: Evidence, content: Content, problems: Problems):
    for claim in evidence.claims:
        for check in claim.checks:
            _problem(content.root / claim.path, check, problems)
            if check.notes_only and check.excerpt:
                what = (f"quotation “{_short(check.text)}”" if check.kind == "quotation"
                        else f"figure '{check.text}'")
                _notes_only(check, f"{what} ({claim.path}:{check.line}) is", problems)
    unarchived, from_notes = {}, {}
    for path, series_id, check in evidence.data:
        if check.notes_only:
            from_notes.setdefault((path, series_id, check.excerpt.path), []).append(check)
        if check.status == NOT_FOUND:
            problems.warn(path, check.line, f"the value {check.text} of series '{series_id}' is not in the "
                                            f"archive of {', '.join(check.sources)}")
        elif check.status == UNVERIFIABLE:
            unarchived.setdefault((path, series_id), []).append(check)
    for (path, series_id, _), checks in from_notes.items():  # one warning for the series and excerpt
        where = f"{_shown(path, content.root)}:{checks[0].line}"
        _notes_only(checks[0], f"the value {checks[0].text} of series '{series_id}' ({where}) is" if len(checks) == 1
                    else f"the {len(checks)} values of series '{series_id}' ({where}) are", problems)
    for (path, series_id), checks in unarchived.items():  # one warning for the series, not each value
        problems.warn(path, checks[0].line, f"the {len(checks)} values of series '{series_id}' cannot be "
                      f"checked: none of its sources ({', '.join(checks[0].sources) or 'none given'}) "
                      "has an archive excerpt")


# What each finding of the check says, by (what was checked, what was found): an error or a
# warning, and its words (fields: q, keys, detail, where, passage, text, more).
MESSAGES = {
    ("quotation", NOT_FOUND): ("error", "quotation “{q}” is not in the archive of {keys}; the closest passage "
                                        "({where}) is “{passage}”"),
    ("quotation", REPORTED): ("error", "“{q}” is reported speech, not a quotation: {detail}; remove the quotation "
                                       "marks or quote the original"),
    ("quotation", WIDER): ("error", "the quotation marks around “{q}” span more than the source's: {detail}; put "
                                    "them around the quoted words only"),
    ("quotation", UNVERIFIABLE): ("warn", "quotation “{q}” cannot be checked: no source cited for it ({keys}) has "
                                          "an archive excerpt"),
    ("quotation", SPANS_GAP): ("warn", "quotation “{q}” is not verified: its words are {detail}; copy what was "
                                       "left out into the excerpt, or quote one side only"),
    ("figure", SPANS_GAP): ("warn", "figure '{text}' is not verified: its parts are {detail}; copy what was left "
                                    "out into the excerpt, or cite a passage that has it whole"),
    ("figure", NOT_FOUND): ("warn", "figure '{text}' is not in the archive of {keys}{more}"),
    ("figure", UNVERIFIABLE): ("warn", "figure '{text}' cannot be checked: no source cited for its sentence "
                                       "({keys}) has an archive excerpt"),
}


def _problem(path, check: Check, problems: Problems):
    found = MESSAGES.get((check.kind, check.status))
    if found is None:
        return
    level, words = found
    getattr(problems, level)(path, check.line, words.format(
        q=_short(check.text), keys=", ".join(check.sources) or "no source", detail=check.detail,
        where=check.where, passage=_short(check.passage, 80) if check.passage else "", text=check.text,
        more=f"; {check.detail}" if check.detail else ""))


def read_at(content: Content, evidence: Evidence) -> dict[str, list[tuple[str, str]]]:
    """For each source read somewhere other than its original address: (how, address) pairs,
    for the Sources list to disclose (`read-at` in sources.yaml, or an excerpt's header)."""
    out = {}
    for source in content.sources.values():
        seen = [("", source.read_at)] if source.read_at else []
        for excerpt in evidence.texts[source.id].excerpts if source.id in evidence.texts else []:
            if not excerpt.is_original and excerpt.read_at.startswith(("http://", "https://")):
                seen.append((excerpt.copy, excerpt.read_at))
        if seen:
            out[source.id] = list(dict((url, (how, url)) for how, url in seen).values())
    return out
