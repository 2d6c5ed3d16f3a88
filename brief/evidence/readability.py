"""The prose check: what makes a brief hard to read, as warnings (and a table in the evidence
report). Long sentences; a readability grade per section; acronyms used before they are spelled
out; dates and spellings in another style than the brief's `language`; terms the brief's own
`prose_check.avoid` list rules out; and what the brief could not establish said outside its
`could_not_establish` box more often than `prose_check.unknown_limit` allows.

The readability score is the measure meant for the brief's language (measures.py: the
Flesch-Kincaid grade in English, Flesch's reading ease refitted to German, French and Spanish),
with sentences as the evidence check splits them and syllables counted by Pyphen's hyphenation
dictionaries (WeasyPrint's own), as textstat 0.7.4 counts them. textstat itself is not used:
its releases since 0.7.9 download NLTK data at run time, and 0.7.5-0.7.8 take a second to load
their dictionary.
"""
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import claims
from .measures import Measure, measure_for
from .spelled_out import month_names
from ..content import markdown
from ..cache import Facts
from ..content.model import Content
from ..content.reading import ABOUT, CAPTION, FIGURE_SOURCE, SECTION, SUMMARY, UNKNOWN, reading_order

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9’'][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9’'\-.,]*")  # Latin-1 and Extended-A: œ, ł
ACRONYM = re.compile(r"(?<![\w.])([A-Z]{2,6}s?)(?![\w.])")
KNOWN_ACRONYMS = {"US", "USA", "UK", "UN", "EU", "NATO", "TV", "PDF"}  # need no spelling out
MARKUP = re.compile(r"\[@[^\]]*\]|\{\{[^}]*\}\}|\^\[[^\]]*\]|\]\([^)]*\)|[*_#\[\]{}]|\{\.own\}")
# British spellings an en-US brief should not use, and their US forms (and the reverse for en-GB).
US_FOR_BRITISH = {
    "defence": "defense", "organisation": "organization", "organisations": "organizations",
    "programme": "program", "programmes": "programs", "favour": "favor", "honour": "honor",
    "labour": "labor", "centre": "center", "centres": "centers", "licence": "license",
    "analyse": "analyze", "recognise": "recognize", "recognised": "recognized", "realise": "realize",
    "emphasise": "emphasize", "criticise": "criticize", "authorise": "authorize",
    "authorised": "authorized", "authorisation": "authorization", "prioritise": "prioritize",
    "minimise": "minimize", "stabilise": "stabilize", "mobilise": "mobilize", "utilise": "utilize",
    "modelling": "modeling", "travelled": "traveled", "cancelled": "canceled", "judgement": "judgment",
    "towards": "toward", "whilst": "while", "behaviour": "behavior", "neighbour": "neighbor",
    "colour": "color", "endeavour": "endeavor", "catalogue": "catalog", "offence": "offense",
}

# Saying what the brief could not establish, by the first part of its language: "we could not
# establish", "we found no", "not known" and their kin.
UNKNOWN_PHRASES = {
    "en": r"\bwe (?:could|can|did|do|have)(?: not|n['’]t)(?: yet)? (?:be able to )?(?:establish|confirm|verify|"
          r"find|determine|identify|trace|ascertain)\b|\bnor did we find\b|\bwe (?:have )?found (?:no|neither|"
          r"nothing|none)\b|\bnot known\b|\bunknown\b|\bunclear\b",
    "de": r"\b(?:konnten|können) wir (?:\w+ ){0,3}?nicht (?:\w+ ){0,2}?(?:feststellen|ermitteln|klären|bestätigen|"
          r"belegen|finden)\b|\bwir (?:konnten|können) (?:\w+ ){0,3}?nicht (?:\w+ ){0,2}?(?:feststellen|ermitteln|"
          r"klären|bestätigen|belegen|finden)\b|\b(?:wir fanden|fanden wir|haben wir) (?:\w+ )?(?:kein\w*|nichts|"
          r"weder)\b|\bnicht bekannt\b|\bunbekannt\b|\bunklar\b",
    "fr": r"\bnous n['’](?:avons|avions) pas pu (?:établir|confirmer|vérifier|trouver|déterminer)\b|\bnous "
          r"n['’](?:avons|avions) trouvé (?:aucun\w*|ni|rien)\b|\bpas connu\w*\b|\binconnu\w*\b|\bon ignore\b|"
          r"\bincertain\w*\b",
    "es": r"\bno (?:hemos podido|pudimos|podemos) (?:establecer|confirmar|verificar|encontrar|determinar)\b|"
          r"\bno (?:hemos encontrado|encontramos)\b|\bno se (?:sabe|conoce)\b|\bse desconoce\b|\bdesconocid\w*\b|"
          r"\bno está claro\b",
}


def unknown_statements(text: str, language: str) -> list[re.Match]:
    """Where `text` says what could not be established, in the brief's language (none is found
    in a language without phrases here)."""
    phrases = UNKNOWN_PHRASES.get(language.split("-")[0].lower())
    return list(re.finditer(phrases, text, re.I)) if phrases else []


@dataclass
class Note:
    path: Path
    line: int
    message: str


@dataclass
class ProseReport:
    notes: list[Note] = field(default_factory=list)
    grades: list[tuple[str, float]] = field(default_factory=list)  # (section or "summary", score)
    measure: str = ""  # the readability measure's name; empty when the language has none
    sentence_lengths: list[int] = field(default_factory=list)

    def stats(self):
        lengths = self.sentence_lengths or [0]
        return {"sentences": len(self.sentence_lengths),
                "average words": round(sum(lengths) / len(lengths), 1),
                "over 30 words": sum(n > 30 for n in lengths), "longest": max(lengths)}


def words(text: str) -> list[str]:
    return WORD.findall(MARKUP.sub(" ", text))


@lru_cache(maxsize=4)
def _hyphenator(language: str):
    import pyphen  # WeasyPrint's dependency; loading a dictionary takes ~0.2 s
    return pyphen.Pyphen(lang=pyphen.language_fallback(language.replace("-", "_")) or "en_US")


def syllables(all_words: set[str], language: str, facts: Facts) -> dict[str, int]:
    """Each word's syllables (Pyphen's hyphenation points + 1), kept in build/.cache, so the
    dictionary is loaded only for words not counted before."""
    name = f"syllables-{language}.json"
    counted = facts.get(name, dict)
    missing = all_words - counted.keys()
    if missing:
        hyphenator = _hyphenator(language)
        counted = {**counted, **{w: len(hyphenator.positions(w)) + 1 for w in missing}}
        facts.put(name, counted)
    return counted


def score(sentences: list[str], counts: dict[str, int], measure: Measure) -> float:
    """`measure`'s score of some sentences."""
    counted = [words(s) for s in sentences]
    all_words = [w.strip(".,").lower() for ws in counted for w in ws if w.strip(".,")]
    if not all_words:
        return 0.0
    return round(measure.score(len(all_words) / len(counted), sum(counts[w] for w in all_words) / len(all_words)), 1)


def check_prose(content: Content, facts: Facts) -> ProseReport:
    brief, report = content.brief, ProseReport()
    settings = brief.prose_check
    spelled_out, per_section, unknowns = set(KNOWN_ACRONYMS), {}, []
    for piece in reading_order(content):
        if piece.kind != UNKNOWN:  # outside the box, said in passing
            unknowns += [(piece.prose, m) for m in unknown_statements(piece.prose.text, brief.language)]
        if piece.kind in (CAPTION, FIGURE_SOURCE, UNKNOWN):
            continue
        text = piece.prose
        sentences = claims.sentences(text, brief.language)
        for sentence in sentences:
            count = len(words(sentence.text))
            report.sentence_lengths.append(count)
            if count > settings.sentence_limit:
                report.notes.append(Note(Path(text.path), sentence.line, f"a sentence of {count} words (the limit is "
                                         f"{settings.sentence_limit}): “{_start(sentence.text)}”"))
        if piece.kind in (SUMMARY, SECTION, ABOUT):
            name = "summary" if piece.kind == SUMMARY else getattr(piece.owner, "id", piece.kind)
            per_section.setdefault(name, (text, []))[1].extend(s.text for s in sentences)
        _acronyms(text, spelled_out, report)
        _style(text, brief, report)
    if len(unknowns) > settings.unknown_limit:
        _too_many_unknowns(unknowns, settings.unknown_limit, content.root, report)
    if (measure := measure_for(brief.language)) is not None:
        _readability(per_section, measure, brief, facts, report)
    return report


def _readability(per_section, measure: Measure, brief, facts: Facts, report: ProseReport):
    """Each section's score, and a warning for one harder to read than the limit."""
    report.measure = measure.name
    settings = brief.prose_check
    vocabulary = {w.strip(".,").lower() for _, sentences in per_section.values() for s in sentences
                  for w in words(s) if w.strip(".,")}
    counts = syllables(vocabulary, brief.language, facts)
    for name, (text, sentences) in per_section.items():
        value = score(sentences, counts, measure)
        report.grades.append((name, value))
        if measure.is_grade and value > settings.grade_limit:
            report.notes.append(Note(Path(text.path), text.line, f"'{name}' reads at grade {value} (Flesch-Kincaid); "
                                     f"the limit is {settings.grade_limit}: shorten sentences and words"))
        elif not measure.is_grade and value < settings.ease_limit:
            report.notes.append(Note(Path(text.path), text.line, f"'{name}' has a reading ease of {value} "
                                     f"({measure.name}); the limit, prose_check.ease_limit, is {settings.ease_limit} "
                                     "(lower is harder): shorten sentences and words"))


def _too_many_unknowns(found, limit, root: Path, report: ProseReport):
    """One warning, at the first, naming every place the brief says outside its box what it
    could not establish."""
    (first, m), others = found[0], found[1:]
    places = ", ".join(f"“{o[0]}” at {os.path.relpath(p.path, root)}:{markdown.line_of(p, o.start())}"
                       for p, o in others)
    report.notes.append(Note(Path(first.path), markdown.line_of(first, m.start()),
                             f"the brief says what it could not establish {len(found)} times outside "
                             f"'could_not_establish' (the limit, prose_check.unknown_limit, is {limit}): “{m[0]}” "
                             f"here, and {places}; gather them in brief.yaml's 'could_not_establish', which prints "
                             "them as one box"))


def _start(sentence: str, size=50) -> str:
    plain = " ".join(words(sentence))
    return plain if len(plain) <= size else plain[:size].rsplit(" ", 1)[0] + " …"


def _acronyms(text: markdown.Prose, spelled_out: set, report: ProseReport):
    """An acronym is spelled out where it first appears in parentheses after its full name."""
    plain = MARKUP.sub(lambda m: " " * len(m[0]), text.text)
    for m in ACRONYM.finditer(plain):
        acronym = m[1].removesuffix("s") if m[1].endswith("s") and m[1][:-1].isupper() else m[1]
        if acronym in spelled_out:
            continue
        spelled_out.add(acronym)
        if plain[m.start() - 1:m.start()] != "(":
            report.notes.append(Note(Path(text.path), markdown.line_of(text, m.start()),
                                     f"'{acronym}' is used before it is spelled out; write the full name "
                                     f"and ({acronym}) where it first appears"))


def _style(text: markdown.Prose, brief, report: ProseReport):
    us = brief.language.lower() == "en-us"
    english = brief.language.lower().startswith("en")
    if english:
        names = {n: name for name, n in month_names("en").items()}
        for m, (year, month, day) in claims.dates_in(text.text):
            if not (day and year):
                continue
            day_first = m[0][0].isdigit()
            if us == day_first:
                fixed = f"{names[month]} {day}, {year}" if us else f"{day} {names[month]} {year}"
                report.notes.append(Note(Path(text.path), markdown.line_of(text, m.start()),
                                         f"the date '{m[0]}' is not in {brief.language} style; write '{fixed}'"))
        table = US_FOR_BRITISH if us else {v: k for k, v in US_FOR_BRITISH.items()}
        if brief.language.lower() in ("en-us", "en-gb"):
            for m in re.finditer(r"[A-Za-z]+", text.text):
                if (fixed := table.get(m[0].lower())) is not None:
                    report.notes.append(Note(Path(text.path), markdown.line_of(text, m.start()),
                                             f"'{m[0]}' is not {brief.language} spelling; write '{fixed}'"))
    for avoided in brief.prose_check.avoid:
        for m in re.finditer(rf"(?<!\w){re.escape(avoided.term)}(?!\w)", text.text, re.I):
            report.notes.append(Note(Path(text.path), markdown.line_of(text, m.start()),
                                     f"'{m[0]}' is on the list of terms to avoid; write '{avoided.use}'"))
