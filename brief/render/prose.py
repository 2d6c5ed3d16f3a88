"""Stage 3, prose: all prose goes through Pandoc once, in reading order, with citeproc.

One pass over the whole brief is what makes note numbers, short notes and "Ibid." run across
sections, figures and developments. The result is data, not a page: each piece as a Fragment
(HTML with its note calls and figure places as values), the notes by number and the Sources
entries by id; each output's templates place them. It is cached by content hash, so an
unchanged brief does not start Pandoc at all.
"""
import importlib.metadata
import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..content import markdown
from . import data_refs
from ..errors import BriefError
from ..forked import done
from ..writing import write_atomic
from .pandoc import pandoc_binary
from ..content.model import Content
from ..look.strings import Strings
from ..look.theme import is_note_style
from ..content.reading import CAPTION, FIGURE_SOURCE, Piece, figure_order, recommendation_numbers, section_labels

# Raw HTML/TeX off (content is untrusted), and <div>/<span> tags too (native_divs would read a
# lone `<div>` line as a block swallowing the rest); no `$` maths, so "$4.2 billion" stays text.
READER = ("markdown-raw_html-native_divs-native_spans-raw_attribute-raw_tex-tex_math_dollars"
          "-tex_math_single_backslash-implicit_figures-yaml_metadata_block-pandoc_title_block")
FILTER = Path(__file__).with_name("prose.lua")
ATTRIBUTES = Path(__file__).with_name("attributes.lua")  # run first: content's attributes cut down
# The filter turns the generator's blocks into pieces of the reading order (by index) and
# figures (their caption and source pieces inside, by number). Prose cannot forge them:
# validation refuses the attribute names in content (markdown.RESERVED), and raw HTML is off,
# so no content can write MARK either.
MARK = "<!--brief-->"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~^$@])")
PANDOC_SECONDS = 60
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pandoc")


@dataclass(frozen=True)
class NoteCall:
    number: int


@dataclass(frozen=True)
class FigurePlace:
    number: int


@dataclass(frozen=True)
class Fragment:
    """A piece of prose as HTML, with its note calls and figure places as values between the
    HTML strings: an output puts its own markup there (a footnote, a link to a list, …)."""

    parts: tuple  # str | NoteCall | FigurePlace

    @classmethod
    def from_marked(cls, html: str) -> "Fragment":
        parts = []
        for i, text in enumerate(html.split(MARK)):
            if i % 2 == 0:
                parts.append(text)
            else:
                kind, _, number = text.partition(":")
                parts.append(NoteCall(int(number)) if kind == "note" else FigurePlace(int(number)))
        return cls(tuple(p for p in parts if p != ""))

    @property
    def note_numbers(self) -> list[int]:
        return [p.number for p in self.parts if isinstance(p, NoteCall)]


@dataclass
class RenderedProse:
    pieces: list[tuple[Piece, Fragment]]  # each piece of the reading order with its prose
    notes: dict[int, str]                 # each note's text (HTML) by its number
    sources: list[tuple[str, str]]        # the Sources list: (source id, its entry's HTML)
    figures: dict[str, int]               # chart id -> figure number
    cached: bool
    warnings: list[str]                   # what Pandoc said, kept with the cached result


NO_PRINTED_FORM = re.compile(r"Bibliography entry with no printed form: (\S+)")


def report_warnings(rendered: "RenderedProse", content: Content, problems):
    """Pandoc's warnings as our own, at the source they concern where we can tell."""
    for message in rendered.warnings:
        if (m := NO_PRINTED_FORM.search(message)) and m[1] in content.sources:
            source = content.sources[m[1]]
            problems.warn(source.path, source.line, f"the citation style prints nothing for "
                          f"'{source.id}'; add a 'publisher' or 'container-title'")
        else:
            problems.warn(content.root / "content" / content.sources_file, 0, f"pandoc: {message}")


# How deep a piece's HTML may nest. Validation refuses the usual ways Markdown nests too deep
# (markdown.too_deep) before Pandoc runs; this catches any other before the layout, which
# recurses once per level and would overflow far deeper.
HTML_DEPTH_LIMIT = 60
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")
_VOID = {"br", "hr", "img", "input", "col", "wbr"}


def check_depth(rendered: "RenderedProse", problems):
    """Each piece whose HTML nests deeper than HTML_DEPTH_LIMIT, as an error at its field."""
    for piece, fragment in rendered.pieces:
        depth = deepest = 0
        for tag in _TAG.finditer("".join(p for p in fragment.parts if isinstance(p, str))):
            if tag[2].lower() in _VOID or tag[3]:
                continue
            depth = max(0, depth - 1) if tag[1] else depth + 1
            deepest = max(deepest, depth)
        if deepest > HTML_DEPTH_LIMIT:
            problems.error(piece.prose.path, piece.prose.line,
                           f"this text nests {deepest:,} levels deep once read as Markdown (emphasis, lists, "
                           f"quotations, notes ...); the limit is {HTML_DEPTH_LIMIT}")


def _block(attribute, number, markdown):
    return f'::: {{{attribute}="{number}"}}\n{markdown}\n:::\n'


def compose(content: Content, pieces: list[Piece], strings: Strings,
            note_style: bool = True) -> tuple[str, dict[str, int]]:
    """The one Markdown document: every piece in reading order, a placed figure's caption and
    source inside its section (so their notes are numbered where the figure stands), then the
    Sources list as one more piece."""
    numbers = {chart_id: i for i, chart_id in enumerate(figure_order(content), 1)}
    inside = {}  # chart id -> the indexes of its caption and source pieces
    for i, piece in enumerate(pieces):
        if piece.kind in (CAPTION, FIGURE_SOURCE):
            inside.setdefault(piece.owner.id, []).append(i)

    def figure(chart_id):
        parts = "".join(_block(markdown.PIECE_ATTRIBUTE, i, _named(pieces[i], content, note_style,
                                                                 expand(pieces[i].prose, content, numbers, figure, strings)))
                        for i in inside[chart_id])
        return _block(markdown.FIGURE_ATTRIBUTE, numbers[chart_id], parts)

    blocks = [_block(markdown.PIECE_ATTRIBUTE, i, expand(piece.prose, content, numbers, figure, strings))
              for i, piece in enumerate(pieces) if piece.kind not in (CAPTION, FIGURE_SOURCE)]
    blocks.append(_block(markdown.PIECE_ATTRIBUTE, len(pieces), "::: {#refs}\n:::"))
    return "\n".join(blocks), numbers


def _named(piece: Piece, content: Content, note_style: bool, text: str) -> str:
    """In a notes style, a figure source that is only citations would print as "Source:" and a
    note call: name the cited works first (their short titles), so the line reads as a source."""
    if (not note_style or piece.kind != FIGURE_SOURCE
            or markdown.CITE_BRACKET.sub("", piece.prose.text).strip(" .;")):
        return text
    keys = [c.what for c in markdown.citations(piece.prose) if c.what in content.sources]
    titles = [content.sources[k].csl.get("title-short") or content.sources[k].csl["title"] for k in keys]
    escaped = [_MD_SPECIAL.sub(r"\\\1", t) for t in dict.fromkeys(titles)]
    return "; ".join(f"*{t}*" for t in escaped) + " " + text.strip().rstrip(".") + "."


def _section_name(section_id, content: Content, strings: Strings, at: int, text: str) -> str:
    """"section 3" (an annex by its label, "Annex A"), capitalised where it starts a sentence."""
    label = section_labels(content, strings)[section_id]
    section = next(s for s in content.sections if s.id == section_id)
    name = label if section.annex else strings("section_ref", number=label)
    before = text[:at].rstrip(" \t")
    starts = not before.strip() or before.endswith("\n\n") or before.rstrip().rstrip("\"”’»)")[-1:] in ".!?"
    return name[:1].upper() + name[1:] if starts else name


def expand(text: markdown.Prose, content: Content, numbers: dict[str, int], figure, strings: Strings) -> str:
    """Replace {{figure:}}, {{ref:}}, {{rec:}}, {{section:}} and {{data:}} with Markdown
    (validation made them safe)."""
    def one(m):
        kind, arg = m[1], m[2]
        if kind == "data":
            return _MD_SPECIAL.sub(r"\\\1", data_refs.lookup(arg, content.data, content.brief.language))
        if kind == "ref":
            label = _MD_SPECIAL.sub(r"\\\1", strings("figure", number=numbers[arg]))  # "Abbildung 1"
            return f"[{label}](#fig-{arg})"
        if kind == "rec":
            return f"[{recommendation_numbers(content)[arg]}](#rec-{arg})"
        if kind == "section":
            name = _MD_SPECIAL.sub(r"\\\1", _section_name(arg, content, strings, m.start(), text.text))
            return f"[{name}](#sec-{arg})"
        return figure(arg)
    return markdown.DIRECTIVE.sub(one, text.text)


def _data(result: dict, pieces: list[Piece]) -> tuple[list, dict, list]:
    """The filter's JSON as the stage's values (the last piece holds only the Sources list)."""
    return ([(piece, Fragment.from_marked(result["pieces"][str(i)])) for i, piece in enumerate(pieces)],
            {int(n): text.strip() for n, text in result["notes"].items()},
            [(entry["id"], entry["html"].strip()) for entry in result["sources"]])


def csl_json(content: Content) -> str:
    return json.dumps([{"id": s.id, **s.csl} for s in content.sources.values()],
                      ensure_ascii=False, sort_keys=True, default=str)


def render_prose(content: Content, pieces: list[Piece], strings: Strings, cache_dir: Path):
    """Start the notes: a cached result at once, or Pandoc running in a background thread
    (it is a separate process, so it overlaps with chart drawing and WeasyPrint's import).
    Returns an object whose `.result()` is the `RenderedProse`."""
    style = content.look.citation_style
    document, numbers = compose(content, pieces, strings, is_note_style(style))
    bibliography = csl_json(content)
    style_xml = style.read_bytes()
    # The wheel's version stands for Pandoc's: asking pypandoc would cost its import on every build.
    key = cache.digest(document, bibliography, style_xml, FILTER.read_bytes(), ATTRIBUTES.read_bytes(), READER,
                       content.brief.language, importlib.metadata.version("pypandoc-binary"))
    cached = cache_dir / "notes" / f"{key}.json"

    def finish(result, hit):
        prose, notes_by_number, sources = _data(result["data"], pieces)
        return RenderedProse(prose, notes_by_number, sources, numbers, hit, result["warnings"])

    if (data := cache.read_sealed(cached)) is not None:
        return done(finish(json.loads(data), True))

    def run():
        result = _run_pandoc(document, bibliography, style, content.brief.language, cache_dir)
        write_atomic(cached, cache.sealed(json.dumps(result, ensure_ascii=False).encode()))
        return finish(result, False)
    return _BACKGROUND.submit(run)


def _run_pandoc(document, bibliography, style, language, cache_dir: Path) -> dict:
    # Named by its content: another build of the project with other sources, running at the same
    # time, writes its own file instead of replacing this one before Pandoc reads it.
    bib = cache_dir / "notes" / f"sources-{cache.digest(bibliography)}.json"
    write_atomic(bib, bibliography)
    args = [str(pandoc_binary()), "-f", READER, "-t", "html5", "--wrap=none",
            "--lua-filter", str(ATTRIBUTES), "-M", f"content-classes={','.join(markdown.CLASSES)}", "--citeproc",
            "--csl", str(style), "--bibliography", str(bib), "--lua-filter", str(FILTER),
            "-M", f"lang={language}", "-M", "link-citations=true", "-M", "notes-after-punctuation=true",
            "-M", f"piece-attribute={markdown.PIECE_ATTRIBUTE}", "-M", f"figure-attribute={markdown.FIGURE_ATTRIBUTE}",
            "-M", f"mark={MARK}"]
    try:
        done = subprocess.run(args, input=document.encode(), capture_output=True, timeout=PANDOC_SECONDS)
    except subprocess.TimeoutExpired:
        raise BriefError(f"Pandoc did not finish reading the prose in {PANDOC_SECONDS} s (it takes a few "
                         "for a long brief): some Markdown is too involved for it; look for long runs of "
                         "brackets or marks in what changed") from None
    if done.returncode != 0:
        raise BriefError(f"pandoc failed: {done.stderr.decode(errors='replace').strip()[:500]}")
    warnings = [line.removeprefix("[WARNING] ") for line in done.stderr.decode(errors="replace").splitlines()]
    return {"data": json.loads(done.stdout), "warnings": warnings}
