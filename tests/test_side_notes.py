"""`look.notes: side`: notes set in the side column beside the line that calls them, at the page's
foot only where the column cannot hold them; tagged after their paragraph like footnotes.

The test brief is the minimal fixture with a section of long paragraphs whose notes run from one
line to fifteen, so that a page's side column overflows; a figure's notes and those beside a
figure cannot be in the column either. Positions are read from the PDF
(pikepdf: the named destinations of each call and note, the tag tree) and, for each note's
extent, from WeasyPrint's layout of the exact HTML the build wrote (Page.anchors), which must
put every call and note where the PDF does.
"""
import re

import pikepdf
import pytest

from brief.build import build
from brief.errors import Problems
from brief.outputs.pdf.layout import lay_out
from conftest import make_project
from pdfua_checks import StructIndex, check_notes

PX = 72 / 96  # CSS px in PDF points
SIDE_GAP, SIDE_WIDTH, RIGHT_MARGIN = 0.3 * 72, 1.95 * 72, 2.55 * 72  # print.css, in points
LINE = 10.5 * 1.45  # the body text's line height, in points
SENTENCE = "Widgets are made in many towns and sold in many more, and the trade in them has grown slowly"
NOTE = "This note explains a point at length, so that it takes several lines in the side column"


def paragraph(note_lengths, between=2):
    """Sentences calling notes of the given lengths (in repeats of NOTE), `between` sentences apart."""
    return " ".join(f"{SENTENCE}^[{' '.join([NOTE + '.'] * n)}]." + f" {SENTENCE}." * between
                    for n in note_lengths)


def side_project(root, notes="side"):
    project = make_project(root, "minimal")
    brief = project / "content/brief.yaml"
    brief.write_text(brief.read_text().replace("sections: [background, latest-developments]",
                                               "sections: [background, margins, latest-developments]")
                     + f"look:\n  notes: {notes}\n")
    body = "\n\n".join(paragraph(lengths) for lengths in
                       ([1], [2], [6, 6, 6], [1], [1]))
    (project / "content/sections/margins.yaml").write_text(
        "title: Notes in the margin\nbody: |\n  " + body.replace("\n", "\n  ") + "\n")
    return project


@pytest.fixture(scope="module")
def side_build(tmp_path_factory):
    project = side_project(tmp_path_factory.mktemp("side"))
    result = build(project)
    html = (project / "build/brief.html").read_text()
    layout_problems = Problems(project)
    document = lay_out(html, project / "build/brief.html", project, layout_problems)
    assert layout_problems.items == []
    with pikepdf.open(project / "build/brief.pdf") as pdf:
        yield project, result, html, document, pdf


def destinations(pdf):
    """Named destination -> (page index, x, y of its top) in PDF points."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    return {name: (pages[dest[0].objgen], float(dest[2]), float(dest[3]))
            for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}


def notes_in(html, side):
    return sorted(int(n) for n, classes in re.findall(r'id="note-(\d+)" class="([^"]*)"', html)
                  if ("side" in classes.split()) == side)


def boxes(document, pdf):
    """Note or call id -> (page index, (x1, top, x2, bottom)) in PDF points, y from the page's
    foot, from the layout's anchors; checked against the PDF's destinations."""
    height = float(pdf.pages[0].MediaBox[3])
    found = {name: (index, (x1 * PX, height - y1 * PX, x2 * PX, height - y2 * PX))
             for index, page in enumerate(document.pages) for name, (x1, y1, x2, y2) in page.anchors.items()
             if name.startswith(("note-", "call-"))}
    dests = destinations(pdf)
    for name, (index, (x1, top, _, _)) in found.items():
        assert dests[name][0] == index and dests[name][1:] == pytest.approx((x1, top), abs=0.01), name
    return found


def test_the_test_brief_builds_without_warnings_and_has_notes_both_ways(side_build):
    _, result, html, _, _ = side_build
    assert [str(w) for w in result.warnings] == []
    assert len(notes_in(html, side=True)) >= 10 and len(notes_in(html, side=False)) >= 2


def test_each_side_note_sits_in_the_side_column_beside_or_below_its_call(side_build):
    _, _, html, document, pdf = side_build
    found, width = boxes(document, pdf), float(pdf.pages[0].MediaBox[2])
    column = (width - RIGHT_MARGIN + SIDE_GAP, width - RIGHT_MARGIN + SIDE_GAP + SIDE_WIDTH)
    for n in notes_in(html, side=True):
        (page, (x1, top, x2, bottom)), (call_page, call) = found[f"note-{n}"], found[f"call-{n}"]
        assert page == call_page, n
        assert (x1, x2) == pytest.approx(column, abs=0.5), n
        call_line_top = call[1] + LINE  # the call's box is a point on its line, raised as a superscript
        assert top <= call_line_top and bottom < call[1], n  # not above the calling line; it reaches below it


def test_no_two_side_notes_overlap(side_build):
    _, _, html, document, pdf = side_build
    found = boxes(document, pdf)
    side = [found[f"note-{n}"] for n in notes_in(html, side=True)]
    for i, (page, a) in enumerate(side):
        for other_page, b in side[i + 1:]:
            if page == other_page:
                assert a[3] >= b[1] or b[3] >= a[1], (a, b)  # one ends above the other's top


def test_a_note_the_side_column_cannot_hold_goes_to_its_pages_foot(side_build):
    _, _, html, document, pdf = side_build
    found = boxes(document, pdf)
    for n in notes_in(html, side=False):
        (page, (x1, top, _, _)), (call_page, call) = found[f"note-{n}"], found[f"call-{n}"]
        assert page == call_page and x1 == pytest.approx(72), n  # at the text's left edge
        calls_on_page = [box for name, (p, box) in found.items() if name.startswith("call-") and p == page]
        assert top < min(box[1] for box in calls_on_page), n  # below every line that calls a note


def test_each_note_is_tagged_right_after_the_paragraph_that_calls_it(side_build):
    _, _, html, _, pdf = side_build
    index = StructIndex(pdf)
    assert check_notes(pdf, index) == []
    notes = {str(e.ID): e for e in index.elements if index.s(e) == "/Note"}
    assert sorted(notes) == sorted(f"note-{n}" for n in notes_in(html, True) + notes_in(html, False))
    for name, note in notes.items():
        siblings = list(index.struct_children(index.by_objgen[index.parent[note.objgen]]))
        before = [e for e in siblings[:siblings.index(note)] if index.s(e) != "/Note"]
        assert index.s(before[-1]) == "/P" and name in _calls_in(index, before[-1]), name


def _calls_in(index, elem):
    """The note ids the links inside `elem` lead to."""
    found, todo = set(), [elem]
    while todo:
        e = todo.pop()
        todo += index.struct_children(e)
        kids = e.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/Dest" in kid.Obj:
                found.add(str(kid.Obj.Dest))
    return found


def test_an_unknown_place_for_notes_is_an_error_at_its_line(tmp_path, brief_cli):
    project = side_project(tmp_path / "p", notes="sidee")
    run = brief_cli(project, "check")
    assert run.code == 1
    line = (project / "content/brief.yaml").read_text().splitlines().index("  notes: sidee") + 1
    assert f"content/brief.yaml:{line}: 'notes' must be one of foot, side, not 'sidee'; did you mean 'side'?" \
        in run.err
    assert "Traceback" not in run.err


def test_notes_foot_is_the_default_and_sets_every_note_at_the_foot(built, tmp_path):
    project, default_pdf = built
    brief = project / "content/brief.yaml"
    brief.write_text(brief.read_text() + "look:\n  notes: foot\n")
    build(project)
    assert (project / "build/brief.pdf").read_bytes() == default_pdf
    assert ' side"' not in (project / "build/brief.html").read_text()
