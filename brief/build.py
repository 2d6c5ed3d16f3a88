"""The orchestrator: one build runs the named stages in order, each a module of its own.

    load -> validate -> evidence -> notes -> charts -> import -> web -> HTML -> PDF

Data passes forward only. Content errors stop the build after `validate`, before anything
in build/ is touched, so the last good PDF stays where it is. `evidence` writes its report,
build/evidence.html, whether or not the evidence holds (the report is how to see why); then
its errors stop the build too. The PDF is laid out and checked before it is written, so a
build that fails on layout warnings (`--strict`) leaves it as well.
"""
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Facts, remove_stale_temporaries, write_atomic
from .render.charts import charts
from .errors import Problems
from .evidence.check import check_evidence, read_at, render_report
from .outputs.pdf.html import LEAVE_BEHIND, environment, leave_behind_too_long, render_html
from .content.load import Project, load
from .render.prose import check_depth, notes, report_warnings
from .evidence.readability import check_prose
from .outputs.pdf.layout import check_note_density, lay_out, pages_between, preload_weasyprint, write_pdf
from .content.reading import figure_order, reading_order
from .look.strings import load_strings
from .look.theme import font_faces, theme_of
from .content.validate import validate
from .outputs.web import publish_pdfs, render_web

STAGES = ("load", "validate", "evidence", "notes", "charts", "import", "web", "html", "pdf")


@dataclass
class Result:
    pdf: Path | None = None
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    cached: dict[str, bool] = field(default_factory=dict)
    evidence: str = ""   # the evidence summary line
    web: Path | None = None  # build/web/index.html


@dataclass
class Options:
    strict: bool = False            # warnings fail the build
    archive: Path | None = None     # folder of source copies for the quotation check
    check_only: bool = False        # stop after evidence (`brief check`)
    on_web: object = None           # called with build/web/index.html as soon as it is written


def default_archive(root: Path):
    folder = root / "content" / "archive"
    return folder if folder.is_dir() else None


def build(root: Path, options: Options = Options()) -> Result:
    project = Project(Path(root).resolve())
    problems = Problems(project.root)
    facts = Facts(project.build / ".cache")
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
        content = validate(trees, project.root, problems, facts)
    problems.raise_if_errors()
    with stage("evidence"):
        evidence = check_evidence(content, archive, problems)
        readability = check_prose(content, facts)
        for note in readability.notes:
            problems.warn(note.path, note.line, note.message)
        strings = load_strings(project.root, content.brief.language)
        report = project.build / "evidence.html"
        write_atomic(report, render_report(evidence, readability, content, environment(project.root, strings)))
        result.evidence = evidence.summary(str(report.relative_to(project.root)))
    problems.raise_if_errors(options.strict, result.evidence)
    result.warnings = problems.warnings
    if options.check_only:
        return result

    facts.save()
    remove_stale_temporaries(project.build)
    theme, faces = theme_of(content.brief.look, project.root), font_faces(project.root, facts, problems)
    pieces = reading_order(content)
    # Pandoc (notes) and matplotlib (charts) run in the background: the HTML stage waits for
    # the notes while WeasyPrint is imported; the PDF stage waits for the charts only when
    # WeasyPrint first asks for one, so most of their time overlaps.
    with stage("notes"):
        pending_notes = notes(content, pieces, project.build / ".cache")
    with stage("charts"):
        drawing = charts(content, figure_order(content), theme, faces, strings, project.build)
    try:
        with stage("import"):  # WeasyPrint, while Pandoc and matplotlib finish in the background
            preload_weasyprint()
            prose, images = pending_notes.result(), drawing.result()
            report_warnings(prose, content, problems)
            check_depth(prose, problems)
            problems.raise_if_errors()
        with stage("web"):  # before the PDF's layout, so an edit shows in the browser first
            disclosures = read_at(content, evidence)
            result.web = render_web(content, prose, images, theme, faces, strings, disclosures,
                                    drawing.cover, project.build / "web")
            if options.on_web:
                options.on_web(result.web)
        with stage("html"):
            html_path = project.build / "brief.html"
            write_atomic(html_path, render_html(content, prose, drawing.images, theme, faces, strings,
                                                disclosures, project.build))
        with stage("pdf"):
            document = lay_out(html_path, project.root, problems, pending=drawing.result)
            check_note_density(document, project.build / "brief.pdf", problems)
            leave_behind = pages_between(document, *LEAVE_BEHIND)
            if len(leave_behind) > 1:
                leave_behind_too_long(content, len(leave_behind), problems)
            problems.raise_if_errors(options.strict)
            result.pdf = project.build / "brief.pdf"
            write_pdf(document, result.pdf)
            write_pdf(document.copy([document.pages[leave_behind[0]]]), project.build / "brief-onepage.pdf")
            publish_pdfs(project.build, project.build / "web")
            result.pages = len(document.pages)
    finally:
        drawing.close()
    result.warnings = problems.warnings
    result.cached = {"notes": prose.cached, "charts": not any(i.drawn for i in drawing.images.values())}
    return result
