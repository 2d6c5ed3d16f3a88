"""Stage 3, notes: all prose goes through Pandoc once, in reading order, with citeproc.

One pass over the whole brief is what makes note numbers, short notes and "Ibid." run across
sections, figures and developments. The result is cached by content hash, so an unchanged
brief does not start Pandoc at all.
"""
import importlib.metadata
import importlib.util
import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import cache, prose, values
from .errors import BriefError
from .model import Content
from .validate import LATEST

# Raw HTML/TeX off (content is untrusted); no `$` maths, so "$4.2 billion" stays text.
READER = ("markdown-raw_html-raw_attribute-raw_tex-tex_math_dollars-tex_math_single_backslash"
          "-implicit_figures-yaml_metadata_block-pandoc_title_block")
FILTER = Path(__file__).with_name("notes.lua")
PIECE = re.compile(r"<!--piece:([\w\-:]+)-->\n?(.*?)<!--/piece-->", re.S)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~^$@])")
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pandoc")


@dataclass
class Notes:
    pieces: dict[str, str]   # piece key -> HTML, with <!--chart:ID--> where a figure goes
    figures: dict[str, int]  # chart id -> figure number
    cached: bool
    warnings: list[str]      # what Pandoc said, kept with the cached result


NO_PRINTED_FORM = re.compile(r"Bibliography entry with no printed form: (\S+)")


def report_warnings(notes: "Notes", content: Content, problems):
    """Pandoc's warnings as our own, at the source they concern where we can tell."""
    for message in notes.warnings:
        if (m := NO_PRINTED_FORM.search(message)) and m[1] in content.sources:
            source = content.sources[m[1]]
            problems.warn(source.path, source.line, f"the citation style prints nothing for "
                          f"'{source.id}'; add a 'publisher' or 'container-title'")
        else:
            problems.warn(content.root / "content" / "sources.yaml", 0, f"pandoc: {message}")


def developments_newest_first(content: Content):
    return sorted(content.developments, key=lambda d: d.date, reverse=True)


def compose(content: Content) -> tuple[str, dict[str, int]]:
    """The one Markdown document, in reading order, and the figure numbers."""
    numbers = {chart_id: i for i, chart_id in enumerate(content.figure_order, 1)}
    parts = [("summary", content.brief.summary)]
    parts += [(f"finding:{i}", p) for i, p in enumerate(content.brief.key_findings)]
    parts += [(f"rec:{i}:{j}", p) for i, rec in enumerate(content.brief.recommendations)
              for j, p in enumerate(rec.items)]
    for section in content.sections:
        parts.append((f"section:{section.id}", section.body))
        if section.id == LATEST:
            parts += [(f"dev:{d.anchor}", d.summary) for d in developments_newest_first(content)]
    if content.brief.about:
        parts.append(("about", content.brief.about))
    blocks = [f'::: {{piece="{key}"}}\n{expand(text, content, numbers)}\n:::\n' for key, text in parts]
    blocks.append('::: {piece="refs"}\n::: {#refs}\n:::\n:::\n')
    return "\n".join(blocks), numbers


def expand(text: prose.Prose, content: Content, numbers: dict[str, int]) -> str:
    """Replace {{figure:}}, {{ref:}} and {{data:}} with Markdown (validation made them safe)."""
    def one(m):
        kind, arg = m[1], m[2]
        if kind == "data":
            return _MD_SPECIAL.sub(r"\\\1", values.lookup(arg, content.data))
        if kind == "ref":
            return f"[Figure {numbers[arg]}](#fig-{arg})"
        chart = content.charts[arg]
        return (f'::: {{chart="{arg}"}}\n::: caption\n{expand(chart.caption, content, numbers)}\n:::\n'
                f'::: figure-source\nSource: {expand(chart.source, content, numbers)}\n:::\n:::')
    return prose.DIRECTIVE.sub(one, text.text)


def csl_json(content: Content) -> str:
    return json.dumps([{"id": s.id, **s.csl} for s in content.sources.values()],
                      ensure_ascii=False, sort_keys=True, default=str)


def pandoc_binary() -> Path:
    spec = importlib.util.find_spec("pypandoc")
    binary = Path(spec.origin).with_name("files") / "pandoc" if spec else None
    if binary is None or not binary.exists():
        raise BriefError("pandoc is not installed: run 'make brief' (it installs pypandoc-binary)")
    return binary


class Done:
    """A result that is already there (cache hit), with the same face as a Future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def notes(content: Content, cache_dir: Path):
    """Start the notes: a cached result at once, or Pandoc running in a background thread
    (it is a separate process, so it overlaps with chart drawing and WeasyPrint's import).
    Returns an object whose `.result()` is the `Notes`."""
    document, numbers = compose(content)
    bibliography = csl_json(content)
    style = content.root / "templates" / "csl" / content.brief.citation_style
    style_xml = style.read_bytes()
    key = cache.digest(document, bibliography, style_xml, FILTER.read_bytes(), READER,
                       content.brief.language, importlib.metadata.version("pypandoc-binary"))
    cached = cache_dir / "notes" / f"{key}.json"

    def finish(result, hit):
        pieces = {m[1]: m[2] for m in PIECE.finditer(result["html"])}
        return Notes(pieces, numbers, hit, result["warnings"])

    if cached.exists():
        return Done(finish(json.loads(cached.read_text(encoding="utf-8")), True))

    def run():
        result = _run_pandoc(document, bibliography, style, content.brief.language, cache_dir)
        cache.write_atomic(cached, json.dumps(result, ensure_ascii=False))
        return finish(result, False)
    return _BACKGROUND.submit(run)


def _run_pandoc(document, bibliography, style, language, cache_dir: Path) -> str:
    bib = cache_dir / "notes" / "sources.json"
    cache.write_atomic(bib, bibliography)
    args = [str(pandoc_binary()), "-f", READER, "-t", "html5", "--wrap=none", "--citeproc",
            "--csl", str(style), "--bibliography", str(bib), "--lua-filter", str(FILTER),
            "-M", f"lang={language}", "-M", "link-citations=false", "-M", "notes-after-punctuation=true"]
    done = subprocess.run(args, input=document.encode(), capture_output=True, timeout=300)
    if done.returncode != 0:
        raise BriefError(f"pandoc failed: {done.stderr.decode(errors='replace').strip()[:500]}")
    warnings = [line.removeprefix("[WARNING] ") for line in done.stderr.decode(errors="replace").splitlines()]
    return {"html": done.stdout.decode(), "warnings": warnings}
