"""Stage 2, validate: check every tree against its schema and every cross-reference.

All problems are collected; the stage raises once, at the end, with all of them.
"""
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import csl, exports, model, tables
from . import markdown
from ..render import data_refs
from ..cache import Facts
from ..errors import Problems
from ..outputs import NAMES
from ..look.strings import load_strings
from ..look.checks import check_language, check_look, translated_look
from .chart_kinds import CHART_KINDS
from .load import Trees
from .files import Map, Seq
from .reading import SECTION, Piece, every_piece, reading_order
from .schema import check
from .translations import Translator
from .types import FileName, suggest

NOTE_LIMIT = 600  # characters: WeasyPrint cannot split a note across pages


def validate(trees: Trees, root: Path, problems: Problems, facts: Facts):
    """The checked Content, or None when there are errors (already recorded in `problems`).
    Nothing is written and nothing in the content is changed: what is found is only reported."""
    content_dir = root / "content"
    unbuilt = []  # the Markdown fields of files that cannot be built (schema.check)
    brief = (check(trees.brief, model.Brief.schema, content_dir / "brief.yaml", problems, unbuilt=unbuilt)
             if trees.brief is not None else None)
    sections = _sections(trees, brief, content_dir, problems, unbuilt)
    sources = _sources(trees, trees.sources_path, problems)
    developments = _developments(trees, content_dir / "developments.yaml", problems, unbuilt)
    data = _built(trees.data, model.DataFile.schema, problems, unbuilt)
    tables.join(data, trees.tables or {}, trees.data or {}, problems)
    charts = _built(trees.charts, model.Chart.schema, problems, unbuilt)
    # Cross-references are checked even when some files have errors, so that every mistake is
    # reported at once; a reference to a file or entry that exists but is broken is not reported
    # again (`known`), and what needs brief.yaml waits for it.
    known = _known(trees)
    known.developments = developments is not None
    content = model.Content(root, brief, sections, sources, developments or [], data, charts, trees.files,
                            trees.sources_path.name)
    strings_ok = brief is not None and check_language(content, problems)
    if strings_ok:
        known.language = brief.language
    _check_data(content, known, problems)
    _check_charts(content, known, problems)
    _check_prose(content, known, problems, unbuilt)
    if known.developments:
        _check_developments(content, problems)
    if brief is not None:
        _check_recommendations(content, problems)
        _check_outputs(content, problems)
        content = replace(content, look=check_look(content, _texts(content), facts, problems, strings_ok))
        if strings_ok and not problems.errors:  # a translation is judged against a good original
            _check_editions(content, known, facts, problems)
    return None if brief is None or problems.errors else content


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # it names a folder: content/<LANG>/


def _check_editions(content, known, facts, problems):
    """Each translation the brief declares, made into a Content of its own."""
    brief, where = content.brief, content.root / "content" / "brief.yaml"
    line = brief.field_lines.get("editions", brief.line)
    editions = brief.editions or [brief.language]
    if editions[0] != brief.language:
        problems.error(where, line, f"'editions' must start with the original, '{brief.language}' (the brief's "
                                    f"'language'), not '{editions[0]}'")
        return
    for i, language in enumerate(editions[1:], 1):
        if not LANGUAGE_TAG.fullmatch(language):
            problems.error(where, line, f"'editions': '{language}' is not a language tag such as ko-KR")
        elif language in editions[:i]:
            problems.error(where, line, f"'editions' names '{language}' twice")
        elif check_language(content, problems, language, "editions"):
            strings = load_strings(content.root, language)
            translator = Translator(content, language, lambda words: strings("translated_quotation", original=words),
                                    problems)
            translated = translator.translate()
            translator.stale()
            _check_prose(translated, known, problems, [], whole=False)
            texts = [*(piece.prose for piece in reading_order(translated, unplaced_figures=True)), *translator.plain]
            content.translations[language] = replace(
                translated, look=translated_look(content.look, translated, texts, facts, problems))


def _check_outputs(content, problems):
    brief = content.brief
    line = brief.field_lines.get("outputs", brief.line)
    for name in brief.outputs:
        if name not in NAMES:
            problems.error(content.root / "content" / "brief.yaml", line,
                           f"'outputs' names '{name}', which is not an output; use "
                           f"{', '.join(NAMES)}" + suggest(name, NAMES))


@dataclass
class Known:
    """Ids that exist in the files, whether or not their entries passed their schema."""

    sources: set | None  # None: the sources file exists but cannot be read (citations cannot be judged)
    data: dict    # data file id -> its series ids, in the file's order (None: the file cannot be read)
    charts: set
    language: str = "en-US"  # brief.yaml's, once it is known to be good
    developments: bool = True  # developments.yaml has no errors (or does not exist)


def _known(trees) -> Known:
    raw = trees.sources.get("references") if isinstance(trees.sources, Map) else trees.sources
    sources = {key for e in raw if isinstance(e, Map) and (key := exports.citation_key(e))} \
        if isinstance(raw, Seq) else set()
    unreadable = trees.sources is None and trees.sources_path.exists()
    # An item Zotero names by its address has its own error; which key it will be cited by is
    # not known, so a citation of it is not reported again as unknown.
    unreadable |= any(exports.is_item_address(key) for key in sources)
    data = {}
    for file_id, (_, tree) in (trees.data or {}).items():
        series = tree.get("series") if isinstance(tree, Map) else None
        data[file_id] = None if tree is None else _ids(series) if isinstance(series, Seq) else []
    return Known(None if unreadable else sources, data, set(trees.charts or {}))


def _ids(entries) -> list[str]:
    """The ids the entries give, as text (an id written as a number is read as text; one that
    is missing, empty or a list is its entry's own error)."""
    ids = (e.get("id") for e in entries if isinstance(e, Map))
    return [str(i) for i in ids if isinstance(i, (str, int, float)) and not isinstance(i, bool)]


def _built(files, schema, problems, unbuilt):
    out = {}
    for file_id, (path, tree) in (files or {}).items():
        if tree is not None and (item := check(tree, schema, path, problems, unbuilt=unbuilt)) is not None:
            item.id, item.path = file_id, path
            out[file_id] = item
    return out


def _sections(trees, brief, content_dir, problems, unbuilt):
    if trees.sections is None:
        return []
    built = _built(trees.sections, model.Section.schema, problems, unbuilt)
    if brief is None:
        return list(built.values())  # all of them, so their prose is checked too
    listed = brief.sections
    for i, section_id in enumerate(listed):
        if section_id not in trees.sections:
            line = trees.brief["sections"].loc[i][0]
            problems.error(content_dir / "brief.yaml", line,
                           f"section '{section_id}' has no file content/sections/{section_id}.yaml"
                           + suggest(section_id, trees.sections))
        elif listed.index(section_id) != i:
            problems.error(content_dir / "brief.yaml", trees.brief["sections"].loc[i][0],
                           f"section '{section_id}' is listed twice")
    for section_id, (path, _) in trees.sections.items():
        if section_id not in listed:
            problems.warn(path, 1, "this section is not in brief.yaml's 'sections', so it is left out")
    return [built[s] for s in dict.fromkeys(listed) if s in built]


def _sources(trees, path, problems):
    if trees.sources is None:
        return {}
    if isinstance(trees.sources, Seq):  # CSL JSON (or BibTeX read as CSL): a list of entries
        entries = check(trees.sources, model.SOURCE_LIST, path, problems, "sources") or []
    else:
        entries = check(trees.sources, model.SOURCES, path, problems) or []
    sources = {}
    for entry in entries:
        fields = entry.fields
        key = fields["id"]
        if key in sources:
            problems.error(path, entry.line, f"source id '{key}' is used twice (also on line "
                                             f"{sources[key].line})")
            continue
        if not {"author", "publisher", "container-title"} & set(fields):  # a newspaper publishes itself
            problems.error(path, entry.line, f"source '{key}' has no 'author', 'publisher' or "
                                             "'container-title'; add who published it")
        extras = {name: fields.pop(name, None) for name in csl.EXTRAS}
        excerpts = fields.get("archive") or []
        files = [n for n in excerpts if FileName.is_plain(n) and n.endswith(".txt")]
        if files or any(_looks_like_a_file(n) for n in excerpts):
            del fields["archive"]  # excerpt files, not CSL's archive variable
            for name in excerpts:
                if name not in files:
                    problems.error(path, entry.line, f"'archive' of '{key}' names '{name}', which is not an "
                                   "excerpt file; give the name of a .txt file in content/archive/ (no folders)")
            excerpts = files
        elif "archive" in fields:
            fields["archive"] = "; ".join(fields["archive"])
        sources[key] = model.Source(key, fields, path, entry.line, excerpts, extras["read-at"],
                                    extras["unarchived"])
    return sources


def _looks_like_a_file(name: str) -> bool:
    """A name meant as an excerpt file (a path, or a saved page's extension), not an archive's
    name such as "National Archives"."""
    return "/" in name or "\\" in name or name.lower().endswith((".txt", ".text", ".md", ".htm", ".html", ".pdf"))


def _developments(trees, path, problems, unbuilt):
    """The developments, or None when the file exists but has errors."""
    if trees.developments is None:
        return None if path.is_file() else []
    return check(trees.developments, model.DEVELOPMENTS, path, problems, "developments", unbuilt)


def _check_developments(content, problems):
    listing = [s for s in content.sections if s.developments]
    for extra in listing[1:]:
        problems.error(extra.path, extra.line, f"only one section can list the developments (also "
                                               f"'{listing[0].id}'); remove 'developments: true'")
    if content.developments and not listing:
        count = len(content.developments)
        problems.warn(content.root / "content" / "developments.yaml", 1,
                      f"the {count} development{'s' if count > 1 else ''} are not shown: no section has "
                      "'developments: true'; add it to one, or remove the developments")
    states = {s for chart in content.charts.values() if CHART_KINDS[chart.kind].draws == "states"
              for s in chart.states}
    for development in content.developments:
        if development.state and development.state not in states:
            problems.error(content.root / "content" / "developments.yaml", development.line,
                           f"state '{development.state}' is in no 'states' chart's states"
                           + suggest(development.state, states))


def _check_recommendations(content, problems):
    seen = {}
    for rec in content.brief.recommendations:
        if rec.id in seen:
            problems.error(content.root / "content" / "brief.yaml", rec.line,
                           f"recommendation id '{rec.id}' is used twice (also on line {seen[rec.id]})")
        seen.setdefault(rec.id, rec.line)


def _check_data(content, known, problems):
    for data_file in content.data.values():
        seen = {}
        for series in data_file.series:
            if series.id in seen:
                problems.error(data_file.path, series.line, f"series '{series.id}' is defined twice "
                                                            f"(also on line {seen[series.id]})")
            seen[series.id] = series.line
            for key in series.sources:
                if known.sources is not None and key not in known.sources:
                    problems.error(data_file.path, series.line, f"unknown source '{key}' in series "
                                   f"'{series.id}'" + suggest(key, known.sources))


def _check_charts(content, known, problems):
    for chart in content.charts.values():
        where = (chart.path, chart.line)
        if not chart.axis_from_zero and not chart.axis_note:
            problems.error(*where, "'axis_from_zero: false' needs an 'axis_note' saying where the axis starts")
        draws = CHART_KINDS[chart.kind].draws
        if draws != "series" and not known.developments:
            continue  # developments.yaml has errors of its own
        if draws == "developments":
            if not any(d.timeline for d in content.developments):
                problems.error(*where, "a timeline chart needs developments with a 'timeline' label")
            continue
        if draws == "states":
            if len(chart.states) < 2:
                problems.error(*where, "a states chart needs 'states': the policy states, lowest first")
            elif not any(d.state for d in content.developments):
                problems.error(*where, "a states chart needs developments with a 'state'")
            continue
        if not chart.data:
            problems.error(*where, "the chart has no 'data'; name a file in content/data/")
            continue
        if chart.data not in known.data:
            problems.error(*where, f"unknown data file '{chart.data}'"
                           + suggest(chart.data, known.data))
            continue
        series = known.data[chart.data]
        if series is None:
            continue  # the data file cannot be read: its error says why
        if not chart.series:
            problems.error(*where, f"the chart draws no series; list some of: {', '.join(sorted(series))}")
        for series_id in chart.series:
            if series_id not in series:
                problems.error(*where, f"unknown series '{series_id}' in content/data/{chart.data}.yaml"
                               + suggest(series_id, series))


def _texts(content):
    """Every piece of text that reaches the page, with where it came from."""
    brief, content_dir = content.brief, content.root / "content"
    yield from (piece.prose for piece in reading_order(content, unplaced_figures=True))
    yield from ((content_dir / "brief.yaml", brief.line, t)
                for t in (brief.title, brief.subtitle, brief.short_title, brief.publisher, brief.bottom_line,
                          brief.contact or "", *(f.short for f in brief.key_findings),
                          *(text for r in brief.recommendations for text in (r.to, r.ask, r.vehicle or "", r.by or ""))))
    yield from ((s.path, s.line, s.title) for s in content.sections)
    yield from ((content_dir / "developments.yaml", d.line, d.title) for d in content.developments)
    yield from ((c.path, c.line, c.title) for c in content.charts.values())


def _check_prose(content, known, problems, unbuilt, whole=True):
    """Every piece of prose, and the prose of files that cannot be built (`unbuilt`, whose
    kind of piece is not known: where a figure may stand is not judged there). Not `whole`: a
    translation's, whose sources and figures the original's check has judged already."""
    cited, placed, refs, misspelt_figure = set(), {}, [], False
    for piece in [*every_piece(content), *(Piece(None, None, prose) for prose in unbuilt)]:
        text, where = piece.prose, piece.kind
        for cite in markdown.citations(text):
            cited.add(cite.what)
            if known.sources is not None and cite.what not in known.sources:
                problems.error(text.path, cite.line, f"unknown source '@{cite.what}'; add it to "
                               f"content/{content.sources_file}" + suggest(cite.what, known.sources))
        for found in markdown.directives(text):
            _check_directive(found, text, where, content, known, placed, problems)
            if found.kind == "ref":
                refs.append((text.path, found))
            misspelt_figure |= found.kind == "figure" and found.what not in known.charts
        for link in markdown.links(text):
            if link.kind == "image":
                problems.error(text.path, link.line, "images are not allowed in prose; "
                                                     "draw a chart in charts/ and place it with {{figure:ID}}")
            elif not markdown.SAFE_LINK.match(link.what):
                problems.error(text.path, link.line, f"link to '{link.what[:60]}' is not allowed; "
                                                     "links must start with https://, http://, mailto: or #")
        for attribute in markdown.attributes(text):
            if message := _refused_attribute(attribute):
                problems.error(text.path, attribute.line, message)
        for found in markdown.reserved(text):
            problems.error(text.path, found.line, f"'{found.what}' is reserved for the generator; "
                                                  "use another name")
        for message, line in markdown.too_deep(text):
            problems.error(text.path, line, message)
        if bad := markdown.unbalanced_fence(text):
            problems.error(text.path, *bad)
        for note in markdown.explanatory_notes(text):
            if len(note.what) > NOTE_LIMIT:
                problems.warn(text.path, note.line, f"a note of {len(note.what)} characters may not fit "
                                                    f"on one page; keep notes under {NOTE_LIMIT}")
    if not whole:
        return
    for key, source in content.sources.items():
        if key not in cited:
            problems.warn(source.path, source.line, f"source '{key}' is never cited")
    for chart_id, chart in content.charts.items():
        if chart_id not in placed:
            problems.warn(chart.path, 1, f"figure '{chart_id}' is not placed; add {{{{figure:{chart_id}}}}} "
                                         "on its own line in a section")
    if content.brief is None:
        return  # which sections are listed is not known: placement cannot be judged
    # A misspelt {{figure:}} already has its error; the figure's references follow from it.
    unplaced = [] if misspelt_figure else [(path, ref) for path, ref in refs
                                           if ref.what in content.charts and ref.what not in placed]
    for path, ref in unplaced:
        problems.error(path, ref.line, f"figure '{ref.what}' is referred to but never placed; add "
                                       f"{{{{figure:{ref.what}}}}} on its own line in a section")


def _refused_attribute(attribute: markdown.Attribute) -> str | None:
    """Why an attribute written in prose is refused, or None: only the classes the templates
    style, and an id on a heading (Pandoc's own ids are on headings too), reach the HTML."""
    name = attribute.name
    if attribute.kind == "class" and name not in markdown.CLASSES or attribute.kind == "special":
        shown = "unnumbered" if attribute.kind == "special" else name
        return (f"class '{shown}' is not one the templates style; use "
                f"{', '.join(markdown.CLASSES[:-1])} or {markdown.CLASSES[-1]}")
    if attribute.kind == "id" and not attribute.on_heading:
        return f"an id ('#{name}') can be given only to a heading"
    if attribute.kind != "key" or markdown.RESERVED.fullmatch(name):  # reserved: reported as such
        return None
    if name.lower().startswith("on"):
        return f"'{name}' is an event handler; content never runs script: remove it"
    if name.lower() == "style":
        return "'style' is not allowed: the look is set in brief.yaml's 'look' and the theme's CSS; remove it"
    classes = ", ".join(f".{c}" for c in markdown.CLASSES[:-1]) + f" and .{markdown.CLASSES[-1]}"
    return f"attribute '{name}' is not allowed; Markdown attributes may only be the classes {classes}, and an id on a heading"


def _check_directive(found, text, where, content, known, placed, problems):
    if found.kind not in markdown.DIRECTIVES:
        problems.error(text.path, found.line, f"unknown '{{{{{found.kind}:...}}}}'; use figure, ref, data, rec or section")
    elif found.kind == "rec":
        recs = [r.id for r in content.brief.recommendations] if content.brief else None
        if recs is not None and found.what not in recs:
            problems.error(text.path, found.line, f"unknown recommendation '{found.what}' in "
                                                  f"{{{{rec:{found.what}}}}}" + suggest(found.what, recs))
    elif found.kind == "section":
        listed = content.brief.sections if content.brief else None
        if listed is not None and found.what not in listed:
            problems.error(text.path, found.line, f"unknown section '{found.what}' in {{{{section:{found.what}}}}}; "
                                                  "name one listed in brief.yaml's 'sections'" + suggest(found.what, listed))
    elif found.kind == "data":
        try:
            if known.data.get(found.what.split(".")[0], []) is None:
                return  # the data file cannot be read: its error says why
            file_id, _, _ = data_refs.parse(found.what, known.data)
            if file_id in content.data:  # else it has errors of its own: its values cannot be read
                data_refs.lookup(found.what, content.data, known.language)
        except data_refs.UnknownValue as e:
            problems.error(text.path, found.line, str(e))
    elif found.what not in known.charts:
        problems.error(text.path, found.line, f"unknown figure '{found.what}'; there is no "
                                              f"charts/{found.what}.yaml" + suggest(found.what, known.charts))
    elif found.kind == "figure":
        line_text = text.text[text.text.rfind("\n", 0, found.start) + 1:].split("\n", 1)[0]
        if where is not None and (where != SECTION or line_text.strip() != text.text[found.start:found.end]):
            problems.error(text.path, found.line, "{{figure:...}} must stand alone on its own line in a section")
        if found.what in placed:
            problems.error(text.path, found.line, f"figure '{found.what}' is placed twice (also at line "
                                                  f"{placed[found.what]})")
        else:
            placed[found.what] = found.line  # even when misplaced: its references are not a second error
