"""The orchestrator: one build runs the named stages in order, each a module of its own.

    load -> validate -> evidence -> prose -> charts -> import -> beside -> pdf -> publish

Data passes forward only. Content errors stop the build after `validate`, before anything
in build/ is touched. `import` makes the Editions (the original's and each translation's),
which every output is given. `beside` forks a child for each translation's PDF layout and one,
at a lower priority, for the outputs that need no layout (the Word files, the web pages); the
original's PDF layout, then the one-page leave-behinds, are laid out in this process (`pdf`).
`evidence` writes its report, build/evidence.html, whether or not the evidence
holds (the report is how to see why); then its errors stop the build too. Every output the
brief asks for is written into a staging folder, and `publish` moves them all into
build/ only when the whole build has succeeded (see writing.py), so a failed, strict or killed
build leaves the last good set as it was.
"""
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Facts
from .content.load import Project, load
from .content.model import Content
from .content.reading import figure_order, reading_order
from .content.validate import validate
from .errors import Problems
from .forked import Forked, done
from .evidence.check import check_evidence, read_at
from .evidence.currency import Reach, evidence_reach
from .evidence.report import render_report, report_path
from .evidence.readability import check_prose
from .outputs import OUTPUTS, Runs, asked_for
from .outputs.edition import Edition
from .outputs.pdf.layout import preload_weasyprint
from .outputs.templates import environment
from .outputs.output import Written
from .render.charts import charts
from .render.prose import check_depth, render_prose, report_warnings
from .writing import Staging, recover, remove_stale_temporaries, write_atomic

STAGES = ("load", "validate", "evidence", "prose", "charts", "import", "beside",
          *dict.fromkeys(output.name for output in OUTPUTS if output.runs is not Runs.NO_LAYOUT), "publish")
BESIDE_NICENESS = 10  # the child writing what needs no layout yields a core to a layout that wants it


@dataclass
class Result:
    written: list[Written] = field(default_factory=list)  # each output's main file
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    cached: dict[str, bool] = field(default_factory=dict)
    evidence: str = ""   # the evidence summary line
    edition: Edition | None = None  # what the outputs were given


@dataclass
class Checked:
    """What the evidence check sends back from its child process."""
    summary: str        # the evidence summary line
    disclosures: dict   # source id -> where it was read other than its original address
    reach: Reach        # the date the evidence runs to, and what it was verified against
    problems: list      # what it found
    facts: dict         # new cached facts (syllable counts)


@dataclass
class Options:
    strict: bool = False            # warnings fail the build
    archive: Path | None = None     # folder of source copies for the quotation check
    check_only: bool = False        # stop after evidence (`brief check`)
    outputs: tuple | None = None    # the outputs to write; None: those brief.yaml asks for


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
        result.timings[name] = result.timings.get(name, 0) + time.perf_counter() - start

    recover(project.build)  # a build killed while publishing is finished first
    archive = options.archive or default_archive(project.root)
    with stage("load"):
        trees = load(project, problems)
    with stage("validate"):
        content = validate(trees, project.root, problems, facts)
    problems.raise_if_errors()
    strings = content.look.strings  # as validation resolved it
    with ExitStack() as cleanup:  # children stopped and reaped, staging dropped, whatever happens
        with stage("evidence"):  # in a child on the other core, while prose, charts and WeasyPrint's import go on
            if options.check_only:  # nothing to go on beside it: here, where its template stays compiled
                checking = done(_check_evidence(content, archive, strings, facts))
            else:
                checking = cleanup.enter_context(
                    Forked(lambda: _check_evidence(content, archive, strings, facts), "checking the evidence"))

        def evidence_checked() -> Checked:
            checked = checking.result()
            problems.extend(checked.problems)
            facts.pending.update(checked.facts)
            result.evidence = checked.summary
            problems.raise_if_errors(options.strict, result.evidence)
            result.warnings = problems.warnings
            return checked

        if options.check_only:
            evidence_checked()
            return result

        # Each edition's prose (Pandoc) and charts (matplotlib) run in the background while
        # WeasyPrint is imported: the original first, then its translations.
        editions = [content, *content.translations.values()]
        with stage("prose"):
            pending_prose = [render_prose(c, reading_order(c), c.look.strings, project.build / ".cache")
                             for c in editions]
        with stage("charts"):
            drawings = [charts(c, figure_order(c), c.look.theme, c.look.faces, c.look.strings, project.build,
                               place(c, content)) for c in editions]
            for drawing in drawings:
                cleanup.callback(drawing.close)
        staging = Staging(project.build)
        cleanup.callback(staging.discard)
        with stage("import"):
            preload_weasyprint()
            checked = evidence_checked()
            facts.save()
            remove_stale_temporaries(project.build)
            names = tuple(content.brief.outputs if options.outputs is None else options.outputs)
            wanted = asked_for(names)
            made = []
            for c, pending, drawing in zip(editions, pending_prose, drawings):
                prose, images = pending.result(), drawing.result()
                report_warnings(prose, c, problems)
                check_depth(prose, problems)
                made.append(Edition(c, prose, images, drawing.cover, checked.disclosures, checked.reach, names,
                                    place(c, content), tuple((e.brief.language, place(e, content)) for e in editions)))
            problems.raise_if_errors()
            result.edition = made[0]
        def jobs(runs: Runs, of=range(len(made))) -> list[tuple[int, int]]:
            """The (output, edition) pairs, by index, written where `runs` says (outputs/output.py)."""
            return [(i, j) for i, output in enumerate(wanted) if output.runs is runs for j in of]

        with stage("beside"):
            children = [cleanup.enter_context(Forked(
                lambda j=j: _write_outputs(wanted, made, jobs(Runs.LONG_LAYOUT, [j]), staging.folder, project.root),
                f"laying out the {made[j].brief.language} edition")) for j in range(1, len(made))]
            children.append(cleanup.enter_context(Forked(
                lambda: _write_outputs(wanted, made, jobs(Runs.NO_LAYOUT), staging.folder, project.root),
                "writing the outputs beside the layouts", nice=BESIDE_NICENESS)))
        running = {}
        for i, j in jobs(Runs.LONG_LAYOUT, [0]) + jobs(Runs.SHORT_LAYOUT):
            with stage(wanted[i].name):
                running[i, j] = wanted[i].write(made[j], staging.folder, problems)
        with stage("publish"):  # waits for the children, then moves every output into build/
            written = {job: future.result() for job, future in running.items()}
            for child in children:
                child_written, found = child.result()
                written.update(child_written)
                problems.extend(found)
            result.written = [written[job] for job in sorted(written) if written[job]]
            for output in wanted:
                output.finish(staging.folder)
            problems.raise_if_errors(options.strict)
            staging.publish()
    result.warnings = problems.warnings
    result.cached = {"prose": all(e.prose.cached for e in made),
                     "charts": not any(i.drawn for d in drawings for i in d.images.values())}
    return result


def place(edition: Content, original: Content) -> str:
    """Where an edition's outputs go under build/ (and build/web/): the original's in build/
    itself, a translation's in a folder named by its language."""
    return "" if edition is original else edition.brief.language


def _write_outputs(outputs: list, editions: list, jobs: list[tuple[int, int]], folder: Path, root: Path):
    """In a child: write each (output, edition) of `jobs`, by their indexes, and say what they
    wrote and what they found doubtful."""
    found = Problems(root)
    running = {(i, j): outputs[i].write(editions[j], folder, found) for i, j in jobs}
    return {job: future.result() for job, future in running.items()}, found.items


def _check_evidence(content, archive, strings, facts: Facts) -> Checked:
    """In the child: the evidence and prose checks, and their report, build/evidence.html."""
    found = Problems(content.root)
    evidence = check_evidence(content, archive, found)
    reach = evidence_reach(content, evidence, found)
    readability = check_prose(content, facts)
    for note in readability.notes:
        found.warn(note.path, note.line, note.message)
    report = report_path(content.root)
    write_atomic(report, render_report(evidence, reach, readability, content, environment(content.root, strings)))
    return Checked(evidence.summary(str(report.relative_to(content.root))), read_at(content, evidence), reach,
                   found.items, facts.pending)
