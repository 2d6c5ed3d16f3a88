"""What each cited source's excerpts say that the brief does not use, so that a reviewer sees at
a glance whether the brief quotes its sources selectively.

For every source the brief cites that has excerpts: what the brief uses (its quotations,
figures and data points verified against them), then what it does not, short and in order:
first each sentence holding a figure the brief does not use, then each sentence the brief does
not draw on that holds a number, a negation or a contrast ("but", "however"), in the order of
the excerpts. A year, a date and a reference such as "Article 4" are numbers but not figures.
"""
import bisect
import re
from dataclasses import dataclass, field

from . import claims
from .check import Evidence, SourceText
from ..content.model import Content
from ..content.reading import cited_sources

SHOWN = 6          # items listed per source; the rest are counted
LONGEST = 300      # characters of a sentence shown
# In any of the languages the theme ships: an excerpt may be in another language than the brief.
NEGATION = re.compile(r"\b(not|no|never|none|nor|neither|without|cannot|nicht|kein\w*|nie|niemals|ohne|weder|"
                      r"ne|pas|jamais|aucun\w*|sans|ni|nunca|ningun\w*|ningún|sin|tampoco)\b|n['’]t\b", re.I)
CONTRAST = re.compile(r"\b(but|however|although|though|yet|whereas|despite|nevertheless|nonetheless|instead|"
                      r"aber|jedoch|doch|allerdings|obwohl|trotz\w*|dennoch|mais|cependant|pourtant|toutefois|"
                      r"néanmoins|malgré|pero|sin embargo|aunque|no obstante)\b", re.I)
REFERENCES = (claims.SECTION_REF, re.compile(r"\b(?:article|art\.|paragraph|para\.|chapter|page|p\.)\s*\d+", re.I))
YEAR = re.compile(r"(18|19|20)\d\d(s)?")  # 1800-2099 written without a separator: a year


@dataclass
class Item:
    kind: str        # "figure 37" (or "figures 37, 52"), "number", "negation", "contrast"
    sentence: str
    where: str       # file:line of its passage


@dataclass
class Use:
    id: str
    title: str
    used: list[str] = field(default_factory=list)      # what the brief takes from it, as the brief writes it
    unused: list[Item] = field(default_factory=list)
    more: int = 0                                        # items left off


def source_use(evidence: Evidence, content: Content) -> list[Use]:
    uses = {key: Use(key, content.sources[key].csl.get("title", "")) for key in cited_sources(content)
            if key in evidence.texts}
    values, spans, series = {}, {}, {}
    for check in (c for claim in evidence.claims for c in claim.checks):
        if check.ok and check.source_id in uses:
            uses[check.source_id].used.append(f"“{check.text}”" if check.kind == "quotation" else check.text)
            values.setdefault(check.source_id, set()).add(check.value)
            spans.setdefault(check.source_id, []).append(check.span)
    for _, series_id, check in evidence.data:
        if check.ok and check.source_id in uses:
            values.setdefault(check.source_id, set()).add(check.value)
            series.setdefault(check.source_id, {}).setdefault(series_id, 0)
            series[check.source_id][series_id] += 1
    for key, use in uses.items():
        use.used = list(dict.fromkeys(use.used))
        use.used += [f"series {s} ({n} value{'s' if n > 1 else ''})" for s, n in series.get(key, {}).items()]
        figures, statements = _not_used(evidence.texts[key], values.get(key, set()),
                                        [s for s in spans.get(key, []) if s])
        use.unused = figures[:SHOWN] + statements[:SHOWN]
        use.more = max(0, len(figures) - SHOWN) + max(0, len(statements) - SHOWN)
    return list(uses.values())


def _not_used(source: SourceText, values: set, spans: list):
    figures, statements = [], []
    offsets = [offset for offset, _, _ in source.found_numbers]
    for start, end, path, line in source.passages:
        if line == 1:  # the excerpt's title (given line 1, which no passage can have): not a statement
            continue
        passage, where = source.text[start:end], f"{path.name}:{line}"
        references = [(start + m.start(), start + m.end()) for pattern in REFERENCES for m in pattern.finditer(passage)]
        for a, b in claims.sentence_spans(passage):
            a, b = start + a, start + b
            sentence = source.text[a:b]
            inside = source.found_numbers[bisect.bisect_left(offsets, a):bisect.bisect_left(offsets, b)]
            used = values.intersection(value for _, _, value in inside) or \
                any(a < q_end and q_start < b for q_start, q_end in spans)
            new = list(dict.fromkeys(shown for offset, shown, value in inside if value not in values
                                     and not YEAR.fullmatch(shown)
                                     and not any(x <= offset < y for x, y in source.date_spans + references)))
            if new:
                figures.append(Item(f"figure{'s' if len(new) > 1 else ''} {', '.join(new)}", _short(sentence), where))
            elif not used and (kind := "number" if inside or any(a <= x < b for x, _ in source.date_spans) else
                               "negation" if NEGATION.search(sentence) else
                               "contrast" if CONTRAST.search(sentence) else None):
                statements.append(Item(kind, _short(sentence), where))
    return figures, statements


def _short(text: str) -> str:
    return text if len(text) <= LONGEST else text[:LONGEST - 1].rsplit(" ", 1)[0] + " …"
