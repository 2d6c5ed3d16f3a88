"""Stage 2, validate: check every tree against its schema and every cross-reference.

All problems are collected; the stage raises once, at the end, with all of them.
"""
from pathlib import Path

from . import model, numbers, prose, values
from .cache import Facts
from .errors import Problems
from .glyphs import check_glyphs
from .kinds import CHART_KINDS
from .load import Trees
from .reading import SECTION, reading_order
from .schema import check, suggest
from .theme import citation_style, font_faces

NOTE_LIMIT = 600  # characters: WeasyPrint cannot split a note across pages


def validate(trees: Trees, root: Path, problems: Problems, facts: Facts):
    """The checked Content, or None when there are errors (already recorded in `problems`).
    Nothing is written and nothing in the content is changed: what is found is only reported."""
    content_dir = root / "content"
    brief = check(trees.brief, model.Brief.schema, content_dir / "brief.yaml", problems) if trees.brief is not None else None
    sections = _sections(trees, brief, content_dir, problems)
    sources = _sources(trees, content_dir / "sources.yaml", problems)
    developments = _developments(trees, content_dir / "developments.yaml", problems)
    data = _built(trees.data, model.DataFile.schema, problems)
    charts = _built(trees.charts, model.Chart.schema, problems)
    if brief is None or problems.errors:
        return None
    content = model.Content(root, brief, sections, sources, developments, data, charts, trees.files)
    _check_language(content, trees, problems)
    if problems.errors:
        return None
    _check_data(content, problems)
    _check_charts(content, problems)
    _check_developments(content, problems)
    _check_recommendations(content, problems)
    _check_prose(content, problems)
    _check_style(content, problems)
    check_glyphs(_texts(content), font_faces(root / "templates" / "fonts", facts), facts, problems)
    return None if problems.errors else content


def _check_language(content, trees, problems):
    try:
        numbers.locale(content.brief.language)
    except ValueError as e:
        line = trees.brief.key_line.get("language", content.brief.line)
        problems.error(content.root / "content" / "brief.yaml", line, f"'language': {e}")


def _built(files, schema, problems):
    out = {}
    for file_id, (path, tree) in (files or {}).items():
        if tree is not None and (item := check(tree, schema, path, problems)) is not None:
            item.id, item.path = file_id, path
            out[file_id] = item
    return out


def _sections(trees, brief, content_dir, problems):
    if trees.sections is None:
        return []
    built = _built(trees.sections, model.Section.schema, problems)
    if brief is None:
        return []
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
        extras = {name: fields.pop(name, None) for name in model.EXTRAS}
        sources[key] = model.Source(key, fields, path, entry.line, extras["archive"] or [],
                                    extras["read-at"], extras["unarchived"])
    return sources


def _developments(trees, path, problems):
    if trees.developments is None:
        return []
    return check(trees.developments, model.DEVELOPMENTS, path, problems, "developments") or []


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


def _check_data(content, problems):
    for data_file in content.data.values():
        seen = {}
        for series in data_file.series:
            if series.id in seen:
                problems.error(data_file.path, series.line, f"series '{series.id}' is defined twice "
                                                            f"(also on line {seen[series.id]})")
            seen[series.id] = series.line
            for key in series.sources:
                if key not in content.sources:
                    problems.error(data_file.path, series.line, f"unknown source '{key}' in series "
                                   f"'{series.id}'" + suggest(key, content.sources))


def _check_charts(content, problems):
    for chart in content.charts.values():
        where = (chart.path, chart.line)
        if not chart.axis_from_zero and not chart.axis_note:
            problems.error(*where, "'axis_from_zero: false' needs an 'axis_note' saying where the axis starts")
        draws = CHART_KINDS[chart.kind].draws
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
        if chart.data not in content.data:
            problems.error(*where, f"unknown data file '{chart.data}'"
                           + suggest(chart.data, content.data))
            continue
        known = {s.id for s in content.data[chart.data].series}
        if not chart.series:
            problems.error(*where, f"the chart draws no series; list some of: {', '.join(sorted(known))}")
        for series_id in chart.series:
            if series_id not in known:
                problems.error(*where, f"unknown series '{series_id}' in content/data/{chart.data}.yaml"
                               + suggest(series_id, known))


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


def _check_prose(content, problems):
    cited, placed, refs, misspelt_figure = set(), {}, [], False
    for piece in reading_order(content, unplaced_figures=True):
        text, where = piece.prose, piece.kind
        for cite in prose.citations(text):
            cited.add(cite.what)
            if cite.what not in content.sources:
                problems.error(text.path, cite.line, f"unknown source '@{cite.what}'; add it to "
                               "content/sources.yaml" + suggest(cite.what, content.sources))
        for found in prose.directives(text):
            _check_directive(found, text, where, content, placed, problems)
            if found.kind == "ref":
                refs.append((text.path, found))
            misspelt_figure |= found.kind == "figure" and found.what not in content.charts
        for link in prose.links(text):
            if link.kind == "image":
                problems.error(text.path, link.line, "images are not allowed in prose; "
                                                     "draw a chart in charts/ and place it with {{figure:ID}}")
            elif not prose.SAFE_LINK.match(link.what):
                problems.error(text.path, link.line, f"link to '{link.what[:60]}' is not allowed; "
                                                     "links must start with https://, http://, mailto: or #")
        for found in prose.reserved(text):
            problems.error(text.path, found.line, f"'{found.what}' is reserved for the generator; "
                                                  "use another name")
        if bad := prose.unbalanced_fence(text):
            problems.error(text.path, *bad)
        for note in prose.explanatory_notes(text):
            if len(note.what) > NOTE_LIMIT:
                problems.warn(text.path, note.line, f"a note of {len(note.what)} characters may not fit "
                                                    f"on one page; keep notes under {NOTE_LIMIT}")
    for key, source in content.sources.items():
        if key not in cited:
            problems.warn(source.path, source.line, f"source '{key}' is never cited")
    for chart_id, chart in content.charts.items():
        if chart_id not in placed:
            problems.warn(chart.path, 1, f"figure '{chart_id}' is not placed; add {{{{figure:{chart_id}}}}} "
                                         "on its own line in a section")
    # A misspelt {{figure:}} already has its error; the figure's references follow from it.
    unplaced = [] if misspelt_figure else [(path, ref) for path, ref in refs
                                           if ref.what in content.charts and ref.what not in placed]
    for path, ref in unplaced:
        problems.error(path, ref.line, f"figure '{ref.what}' is referred to but never placed; add "
                                       f"{{{{figure:{ref.what}}}}} on its own line in a section")


def _check_directive(found, text, where, content, placed, problems):
    if found.kind not in prose.DIRECTIVES:
        problems.error(text.path, found.line, f"unknown '{{{{{found.kind}:...}}}}'; use figure, ref, data or rec")
    elif found.kind == "rec":
        known = [r.id for r in content.brief.recommendations]
        if found.what not in known:
            problems.error(text.path, found.line, f"unknown recommendation '{found.what}' in "
                                                  f"{{{{rec:{found.what}}}}}" + suggest(found.what, known))
    elif found.kind == "data":
        try:
            values.lookup(found.what, content.data, content.brief.language)
        except values.UnknownValue as e:
            problems.error(text.path, found.line, str(e))
    elif found.what not in content.charts:
        problems.error(text.path, found.line, f"unknown figure '{found.what}'; there is no "
                                              f"charts/{found.what}.yaml" + suggest(found.what, content.charts))
    elif found.kind == "figure":
        line_text = text.text[text.text.rfind("\n", 0, found.start) + 1:].split("\n", 1)[0]
        if where != SECTION or line_text.strip() != text.text[found.start:found.end]:
            problems.error(text.path, found.line, "{{figure:...}} must stand alone on its own line in a section")
        if found.what in placed:
            problems.error(text.path, found.line, f"figure '{found.what}' is placed twice (also at line "
                                                  f"{placed[found.what]})")
        else:
            placed[found.what] = found.line  # even when misplaced: its references are not a second error


def _check_style(content, problems):
    if citation_style(content.root, content.brief.citation_style) is None:
        brief = content.brief
        problems.error(content.root / "content" / "brief.yaml", brief.field_lines.get("citation_style", brief.line),
                       f"citation style '{brief.citation_style}' is neither in templates/csl/ nor one of "
                       "the CSL project's styles (https://www.zotero.org/styles); check the file name")
