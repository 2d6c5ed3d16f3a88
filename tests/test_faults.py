"""Inputs and faults that once made `brief` fail with an internal error (exit 3), hang, or abort:
each is now a located error that `check` and `build` both give, or a clean success."""
import os
import subprocess
import sys

import pytest

from test_content_errors import _break

LATEST = "content/sections/latest-developments.yaml"
SUMMARY_LINE = "brief: {} error(s), 0 warning(s); build/brief.pdf was not changed"


def _loop(project):
    os.symlink("loop-b.yaml", project / "content/sections/loop-a.yaml")
    os.symlink("loop-a.yaml", project / "content/sections/loop-b.yaml")


def _folder(project):
    (project / "content/brief.yaml").unlink()
    (project / "content/brief.yaml").mkdir()


CASES = {
    "an impossible date": (
        lambda p: _break(p, "content/brief.yaml", r"^edition: .*$", "edition: 2026-02-30"),
        ["content/brief.yaml:5: '2026-02-30' is not a date (day is out of range for month); write a real "
         "date as YYYY-MM-DD"]),
    "a 5,001-digit number": (
        lambda p: _break(p, "content/data/widgets.yaml", r"2020: 1850", "2020: " + "9" * 5001),
        ["content/data/widgets.yaml:10: a number of 5,001 digits; no number here can be that long"]),
    "a 400-digit number": (
        lambda p: _break(p, "content/data/widgets.yaml", r"2020: 1850", "2020: " + "9" * 400),
        ["content/data/widgets.yaml:10: the value for 2020 is too large: 9999999999999999999999999… "
         "(the limit is 10^15)"]),
    "content/brief.yaml as a folder": (
        _folder, ["content/brief.yaml: is a folder; the brief's settings must be a file, content/brief.yaml"]),
    "20,000 nested brackets": (
        lambda p: _break(p, LATEST, r"What happened recently", "[" * 20_000 + "What happened recently"),
        [f"{LATEST}:3: '[' is nested 20,001 deep; the limit is 20"]),  # with its citation's
    "2,000 nested quotation blocks": (
        lambda p: _break(p, LATEST, r"What happened recently", ">" * 2_000 + " deep\n\n  What happened recently"),
        [f"{LATEST}:3: '>' is nested 2,000 deep; the limit is 20"]),
    "2,000 nested fenced blocks": (
        lambda p: _break(p, LATEST, r"What happened recently",
                         "::: callout\n  " * 2_000 + "deep\n  " + ":::\n  " * 2_000 + "\n  What happened recently"),
        [f"{LATEST}:23: ':::' is nested 2,000 deep; the limit is 20"]),  # the 21st
    "300 nested lists": (
        lambda p: _break(p, LATEST, r"What happened recently",
                         "".join("  " * i + "- item\n  " for i in range(300)) + "\n  What happened recently"),
        [f"{LATEST}:23: a list is nested 300 deep; the limit is 20"]),
    "150 nested emphases": (
        lambda p: _break(p, LATEST, r"What happened recently",
                         "".join("*w " if i % 2 else "_w " for i in range(150)) + "x"
                         + "".join(" w*" if i % 2 else " w_" for i in reversed(range(150))) + " What happened recently"),
        [f"{LATEST}:3: emphasis ('*', '_') is nested 150 deep; the limit is 20"]),
    "30,000 backticks": (
        lambda p: _break(p, LATEST, r"What happened recently", "Then " + "`" * 30_000 + " What happened recently"),
        [f"{LATEST}:3: 30,000 marks '``…' in a row; write at most 20 (Pandoc reads them as nesting)"]),
    "a source id that is no date": (  # found by the fuzz test (seed 1): an internal error in "did you mean"
        lambda p: _break(p, "content/sources.yaml", r"^  - id: web-2021", "  - id: 2026-02-30"),
        ["content/brief.yaml:16: unknown source '@web-2021'; add it to content/sources.yaml",
         f"{LATEST}:3: unknown source '@web-2021'; add it to content/sources.yaml",
         "content/sources.yaml:27: '2026-02-30' is not a date (day is out of range for month); write a real "
         "date as YYYY-MM-DD"]),
    "a series id that is null": (  # found by the fuzz test (seed 1)
        lambda p: _break(p, "content/data/widgets.yaml", r"^  - id: count", "  - id: ~"),
        ["charts/widget-count.yaml:1: unknown series 'count' in content/data/widgets.yaml",
         "content/data/widgets.yaml:3: series has no 'id'; add it",
         "content/sections/background.yaml:4: unknown series 'count' in '{{data:widgets.count.latest-year}}'; "
         "content/data/widgets.yaml has: ",
         "content/sections/background.yaml:4: unknown series 'count' in '{{data:widgets.count}}'; "
         "content/data/widgets.yaml has: "]),
    "a symlink loop": (
        _loop, ["content/sections/loop-a.yaml: is a link in a loop; remove it",
                "content/sections/loop-b.yaml: is a link in a loop; remove it"]),
    "a lone surrogate": (
        lambda p: _break(p, "content/brief.yaml", r"^subtitle: .*$", 'subtitle: "Why \\ud800 here"'),
        ["content/brief.yaml:2: '\\ud800' is half of a UTF-16 pair, not a character; remove it"]),
    "a named pipe": (
        lambda p: os.mkfifo(p / "content/sections/pipe.yaml"),
        ["content/sections/pipe.yaml: is not a file (a named pipe, socket or device); remove it"]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_fault_is_a_located_error_in_check_and_build(case, built, brief_cli):
    project, pdf = built
    mutate, expected = CASES[case]
    mutate(project)
    for command in ("check", "build"):
        run = brief_cli(project, command)
        assert (run.code, run.err.splitlines()) == (1, expected + [SUMMARY_LINE.format(len(expected))])
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_a_raw_div_line_in_prose_is_text(built, brief_cli):
    """Pandoc read `<div>` as a block even with raw HTML off, swallowing the generator's markers."""
    project, _ = built
    _break(project, LATEST, r"What happened recently", "<div>\n\n  What happened recently")
    assert brief_cli(project, "check").code == 0
    run = brief_cli(project, "build")
    assert (run.code, run.err) == (0, "")
    assert "&lt;div&gt;" in (project / "build/web/index.html").read_text()


# The build in a child process where the PDF's file may not grow past half its size: its write
# fails in the kernel as on a full disk (SIGXFSZ ignored, the write gets EFBIG). qpdf, which
# wrote the file before, aborted the process on a full disk.
LIMITED = """
import resource, signal, sys
from brief.cli import main
import brief.outputs.pdf as pdf_output
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
write = pdf_output.write_atomic
def filling(path, data):
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(data) // 2, len(data) // 2))
    write(path, data)
pdf_output.write_atomic = filling
sys.exit(main(["build", "--project", {project!r}]))
"""


def test_a_write_failing_during_the_pdf_is_a_clean_error(built):
    project, pdf = built
    _break(project, LATEST, r"What happened recently", "What happened of late")
    run = subprocess.run([sys.executable, "-c", LIMITED.format(project=str(project))],
                         capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stderr) == (
        1, f"brief: cannot write {project / 'build/brief.pdf'}: File too large; build/brief.pdf was not "
           "changed\n")  # the first PDF written: the brief's layout comes before the leave-behind's
    assert (project / "build/brief.pdf").read_bytes() == pdf
    assert list((project / "build").rglob("*.tmp")) == []


def test_html_nested_past_what_the_layout_can_take_is_located(tmp_path):
    """The backstop behind validation: a piece whose HTML nests deeper than the layout can
    recurse is an error at its field, whatever Markdown made it."""
    from brief.content.reading import Piece, SECTION
    from brief.content.markdown import Prose
    from brief.errors import Problems
    from brief.render.prose import HTML_DEPTH_LIMIT, Fragment, RenderedProse, check_depth
    prose = Prose("text", str(tmp_path / "content/sections/a.yaml"), 3)
    deep = "<em>" * (HTML_DEPTH_LIMIT + 1) + "x<br>" + "</em>" * (HTML_DEPTH_LIMIT + 1)
    shallow = "<p>" + "<em>" * (HTML_DEPTH_LIMIT - 1) + "x" + "</em>" * (HTML_DEPTH_LIMIT - 1) + "</p>"
    problems = Problems(tmp_path)
    check_depth(RenderedProse([(Piece(SECTION, None, prose), Fragment((deep,))),
                               (Piece(SECTION, None, prose), Fragment((shallow,)))], {}, [], {}, False, []), problems)
    assert [str(p) for p in problems.items] == [
        f"content/sections/a.yaml:3: this text nests {HTML_DEPTH_LIMIT + 1} levels deep once read as Markdown "
        f"(emphasis, lists, quotations, notes ...); the limit is {HTML_DEPTH_LIMIT}"]


@pytest.mark.parametrize("where", ["templates/fonts/Pipe.ttf", "templates/web.html.j2", "templates/strings/en.yaml",
                                   "content/archive/pipe.txt", "charts/pipe.yaml"])
def test_a_named_pipe_anywhere_is_refused_without_waiting(where, built, brief_cli):
    project, _ = built
    (project / where).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(project / where)
    expected = [f"{where}: is not a file (a named pipe, socket or device); remove it"]
    for command in ("check", "build"):
        run = brief_cli(project, command)
        assert (run.code, run.err.splitlines()) == (1, expected + [SUMMARY_LINE.format(1)])


# Errors that once misled: one error hid others of the same record, or a file that could not be
# read brought a train of false errors about what refers to it, listed before its own.
MISLEADING = {
    "a field's error and a citation in the same section": (
        [(LATEST, r"^title: .*$", "title: [a, b]"), (LATEST, r"@web-2021", "@web-2012")],
        [f"{LATEST}:1: 'title' must be text, not a list",
         f"{LATEST}:3: unknown source '@web-2012'; add it to content/sources.yaml; did you mean 'web-2021'?"]),
    "a bad date and a citation in the same development": (
        [("content/developments.yaml", r"^- date: 2020-03-01", "- date: 2020-13-01"),
         ("content/developments.yaml", r"@news-2018", "@news-2081")],
        ["content/developments.yaml:1: '2020-13-01' is not a date (month must be in 1..12); write a real date "
         "as YYYY-MM-DD",
         "content/developments.yaml:3: unknown source '@news-2081'; add it to content/sources.yaml; did you "
         "mean 'news-2018'?"]),
    "sources.yaml that cannot be parsed": (
        [("content/sources.yaml", r"^references:", "references:\n\tbad")],
        ["content/sources.yaml:2: a tab character is used for indentation; indent with spaces"]),
    "a data file that cannot be parsed": (
        [("content/data/widgets.yaml", r"^series:", "series:\n\tbad")],
        ["content/data/widgets.yaml:3: a tab character is used for indentation; indent with spaces"]),
    "a 10 MB sources.yaml, listed before another file's error": (
        [("content/sources.yaml", r"\Z", "#" + "x" * 10_000_000 + "\n"),
         ("content/brief.yaml", r"^edition: .*$", "edition: 2026-02-30")],
        ["content/sources.yaml: file is 10.0 MB; the limit is 2 MB",
         "content/brief.yaml:5: '2026-02-30' is not a date (day is out of range for month); write a real date "
         "as YYYY-MM-DD"]),
}


@pytest.mark.parametrize("case", MISLEADING)
def test_errors_are_all_there_and_only_the_real_ones_first(case, built, brief_cli):
    project, _ = built
    edits, expected = MISLEADING[case]
    for path, pattern, replacement in edits:
        _break(project, path, pattern, replacement)
    run = brief_cli(project, "check")
    assert (run.code, run.err.splitlines()) == (1, expected + [SUMMARY_LINE.format(len(expected))])
