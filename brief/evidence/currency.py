"""How far the evidence reaches: the date it runs to, which the editions print beside the edition
date and the PDF keeps in its metadata.

It is the newest date among the sources the brief cites (their CSL `issued` date; a year, or a
year and month, counts from its first day) and the developments. An excerpt's `read on` is when
its text was read, not when the text was written: reading an old page again does not make what
it says newer, so `read on` dates do not raise the date. They bound it instead: a brief may
state the date in `evidence_as_of` (the day its authors last searched for newer sources), which
must not be older than a cited source or development, nor later than the last day an excerpt of
a cited source was read, nor later than the edition. An edition more than CURRENCY_DAYS after
the date claims more currency than its evidence: a warning.
"""
import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from .check import Evidence
from ..content.model import Content
from ..content.reading import cited_sources
from ..errors import Problems
from ..look.numbers import locale

CURRENCY_DAYS = 90


@dataclass(frozen=True)
class Reach:
    """How far the evidence reaches, and what the editions say about it."""

    date: dt.date | None            # the date it runs to: `evidence_as_of`, or the newest below
    newest: dt.date | None          # the newest cited source or development
    newest_what: str = ""           # which: "source 'x'" or "development 'Title'"
    stated: bool = False
    last_read: dt.date | None = None  # the last `read on` of a cited source's excerpt
    quotations: int = 0             # verified, of which:
    against_source: int = 0         # against the source's own text
    against_notes: int = 0          # only against the project's notes


def source_date(csl: dict) -> dt.date | None:
    """A CSL entry's `issued` date (the end of a range), a partial one from its first day; None
    for an undated source."""
    parts = [p for p in (csl.get("issued") or {}).get("date-parts", []) if p and all(isinstance(n, int) for n in p)]
    if not parts:
        return None
    year, month, day = (max(parts) + [1, 1])[:3]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def long(day: dt.date) -> str:
    """A date in a message (messages are in English): December 10, 2025."""
    return format_date(day, format="long", locale=locale("en-US"))


def evidence_reach(content: Content, evidence: Evidence, problems: Problems) -> Reach:
    brief, path = content.brief, content.root / "content" / "brief.yaml"
    cited = cited_sources(content)
    dated = [(d, f"source '{key}'") for key in cited if (d := source_date(content.sources[key].csl))]
    dated += [(d.date, f"development '{d.title}'") for d in content.developments]
    newest, newest_what = max(dated, default=(None, ""), key=lambda x: x[0])
    read = [e.read_on for key in cited if key in evidence.texts for e in evidence.texts[key].excerpts]
    last_read = max(read, default=None)
    date = brief.evidence_as_of or newest
    n = evidence.counts()
    result = Reach(date, newest, newest_what, brief.evidence_as_of is not None, last_read,
                   n["quotations verified"], n["quotations verified"] - n["quotations against notes"],
                   n["quotations against notes"])
    if brief.evidence_as_of:
        line = brief.field_lines.get("evidence_as_of", brief.line)
        stated = brief.evidence_as_of
        newer = sorted((x for x in dated if x[0] > stated), key=lambda x: x[0], reverse=True)
        if newer:
            listed = ", ".join(f"{what} ({long(day)})" for day, what in newer[:3])
            problems.warn(path, line, f"'evidence_as_of' is {long(stated)}, but {len(newer)} cited source"
                                      f"{'s or developments are' if len(newer) > 1 else ' or development is'} "
                                      f"newer: {listed}; set it to {long(newer[0][0])} or later")
        if last_read and stated > last_read:
            problems.warn(path, line, f"'evidence_as_of' is {long(stated)}, but no excerpt of a cited source was "
                                      f"read after {long(last_read)}: the evidence cannot reach further than it "
                                      f"was read; set it to {long(last_read)} or earlier")
        if stated > brief.edition:
            problems.warn(path, line, f"'evidence_as_of' is {long(stated)}, after the edition "
                                      f"({long(brief.edition)}); set it to the edition's date or earlier")
    if date and (brief.edition - date).days > CURRENCY_DAYS:
        runs_to = (f"'evidence_as_of' ({long(date)})" if result.stated
                   else f"the date the evidence runs to ({long(date)})")
        problems.warn(path, brief.field_lines.get("edition", brief.line),
                      f"the edition ({long(brief.edition)}) is {(brief.edition - date).days} days after {runs_to}: "
                      "the brief claims more currency than its evidence, "
                      + (f"whose newest source or development is dated {long(newest)} ({newest_what})" if newest
                         else "none of whose cited sources or developments has a date")
                      + "; find what has happened since, or, if you searched and found nothing newer, state that "
                        "search's date in 'evidence_as_of'")
    return result
