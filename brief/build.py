"""The orchestrator: one build runs the named stages in order, each a module of its own.

    load -> validate -> notes -> charts -> HTML -> PDF

Data passes forward only. Content errors stop the build after `validate`, before anything
in build/ is touched, so the last good PDF stays where it is.
"""
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .cache import remove_stale_temporaries, write_atomic
from .charts import charts
from .errors import Problems
from .html import render_html
from .load import Project, load
from .notes import notes, report_warnings
from .pdf import preload_weasyprint, render_pdf
from .validate import validate

STAGES = ("load", "validate", "notes", "charts", "html", "pdf")


@dataclass
class Result:
    pdf: Path | None = None
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    cached: dict[str, bool] = field(default_factory=dict)


@dataclass
class Options:
    strict: bool = False            # warnings fail the build
    archive: Path | None = None     # folder of source copies for the quotation check
    check_only: bool = False        # stop after validate (`brief check`)


def default_archive(root: Path):
    folder = root / "content" / "archive"
    return folder if folder.is_dir() else None


def build(root: Path, options: Options = Options()) -> Result:
    project = Project(Path(root).resolve())
    problems = Problems(project.root)
    result = Result()

    @contextmanager
    def stage(name):
        start = time.perf_counter()
        yield
        result.timings[name] = time.perf_counter() - start

    archive = options.archive or default_archive(project.root)
    with stage("load"):
        trees = load(project, problems)
    with stage("validate"):
        content = validate(trees, project.root, problems, archive)
    problems.raise_if_errors(options.strict)
    result.warnings = problems.warnings
    if options.check_only:
        return result

    cache_dir = project.build / ".cache"
    remove_stale_temporaries(project.build)
    # Pandoc (notes) and matplotlib (charts) run in the background: the HTML stage waits for
    # the notes while WeasyPrint is imported; the PDF stage waits for the charts only when
    # WeasyPrint first asks for one, so most of their time overlaps.
    with stage("notes"):
        pending_notes = notes(content, cache_dir)
    with stage("charts"):
        drawing = charts(content, project.build)
    try:
        with stage("html"):
            preload_weasyprint()
            prose = pending_notes.result()
            report_warnings(prose, content, problems)
            html_path = project.build / "brief.html"
            write_atomic(html_path, render_html(content, prose, drawing.images, project.build))
        with stage("pdf"):
            result.pdf = project.build / "brief.pdf"
            result.pages = render_pdf(html_path, result.pdf, project.root, problems, pending=drawing.result)
    finally:
        drawing.close()
    result.warnings = problems.warnings
    result.cached = {"notes": prose.cached, "charts": not any(i.drawn for i in drawing.images.values())}
    problems.raise_if_errors(options.strict)
    return result
