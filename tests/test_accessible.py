"""The PDF is accessible as far as PDF/UA-1 can be checked here (tests/pdfua_checks.py), and its
text layer reads as the page does."""
import html
import re

import pikepdf
import pytest
from pypdf import PdfReader

from pdftext import page_lines
from pdfua_checks import (StructIndex, check_figures, check_lang, check_link_annotations,
                          check_list_items, check_marked_content, check_metadata, check_notes,
                          check_parent_tree)


@pytest.fixture(scope="module")
def tagged(real_build):
    project, _ = real_build
    with pikepdf.open(project / "build/brief.pdf") as pdf:
        yield pdf, StructIndex(pdf)


def test_the_pdf_declares_pdf_ua_1_with_title_language_author_and_subject(tagged, real_build):
    pdf, index = tagged
    assert check_metadata(pdf, index) == []
    assert check_lang(pdf, index) == []
    import yaml
    brief = yaml.safe_load((real_build[0] / "content/brief.yaml").read_text())
    meta = pdf.open_metadata()
    assert str(meta["dc:title"]) == brief["title"]
    assert brief["publisher"] in str(meta["dc:creator"])
    assert str(meta["dc:description"]) == brief["subject"]


def test_every_link_annotation_sits_in_one_link_element(tagged):
    assert check_link_annotations(*tagged) == []


def test_every_list_item_is_a_label_and_a_body(tagged):
    assert check_list_items(*tagged) == []


def test_every_figure_has_alt_text(tagged, real_build):
    assert check_figures(*tagged) == []
    # and every chart is a Figure, with the alt text the charts stage wrote for it
    pdf, index = tagged
    project, _ = real_build
    page = (project / "build/brief.html").read_text()
    charts = [html.unescape(a) for a in re.findall(r'<img class="chart-img" src="[^"]*" alt="([^"]*)"', page)]
    figures = [str(e.get("/Alt", "")) for e in index.elements if index.s(e) == "/Figure"]
    assert len(charts) >= 1  # the real brief's charts (one, the policy chart, since the third edition)
    assert [a for a in charts if a not in figures] == []


def test_every_marked_content_sequence_is_tagged_or_an_artifact(tagged):
    assert check_marked_content(*tagged) == []
    assert check_parent_tree(*tagged) == []


def test_notes_are_note_elements_linked_both_ways_after_their_paragraph(tagged):
    pdf, index = tagged
    assert check_notes(pdf, index) == []
    notes = [e for e in index.elements if index.s(e) == "/Note"]
    calls = [a for page in pdf.pages for a in page.get("/Annots", []) if str(a.get("/Dest", "")).startswith("note-")]
    assert len(notes) == len(calls) > 20
    for note in notes:
        siblings = [k for k in index.struct_children(index.by_objgen[index.parent[note.objgen]])]
        before = siblings[:siblings.index(note)]
        assert before and index.s(before[-1]) in ("/P", "/Note", "/LBody", "/Caption", "/H2", "/H3", "/Lbl", "/Link",
                                                  "/Span"), index.s(before[-1])
        back = [d for d in _descendants(index, note) if index.s(d) == "/Link"]
        assert back, "a note links back to its call"


def _descendants(index, elem):
    for kid in index.struct_children(elem):
        yield kid
        yield from _descendants(index, kid)


def test_the_text_layer_has_no_hyphen_a_word_was_broken_at(real_build):
    project, _ = real_build
    source = html.unescape((project / "build/brief.html").read_text())
    reader = PdfReader(project / "build/brief.pdf")
    for page in reader.pages:
        lines = page_lines(page)
        for line, following in zip(lines, lines[1:]):
            if m := re.search(r"(\w+)[-\u2010\u00ad]$", line):  # a line may end after a real hyphen only
                assert re.search(rf"\b{re.escape(m[1])}-\w", source), (line, following)
        assert "\u2010" not in " ".join(lines)


def test_every_text_and_background_pair_of_the_default_palette_meets_wcag_aa():
    from brief.look.theme import DEFAULT, TEXT_ON, contrast
    ratios = {(text, ground): round(contrast(DEFAULT.colors[text], DEFAULT.colors[ground]), 2)
              for text, ground in TEXT_ON}
    assert min(ratios.values()) >= 4.5, ratios


def test_the_print_css_sets_text_only_in_pairs_the_palette_check_covers():
    """Every rule that sets a text colour on a background of its own uses a checked pair."""
    import re as regex
    from brief.look.theme import DEFAULT_THEME, TEXT_ON
    css = (DEFAULT_THEME / "print.css").read_text()
    for body in regex.findall(r"\{([^{}]*)\}", css):
        colour = regex.search(r"(?<![\w-])color:\s*var\(--([\w-]+)\)", body)
        ground = regex.search(r"background(?:-color)?:\s*var\(--([\w-]+)\)", body)
        if colour and ground:
            assert (colour[1], ground[1]) in TEXT_ON, body


def test_a_palette_that_fails_contrast_is_a_warning(minimal, brief_cli):
    from test_content_errors import _break
    _break(minimal, "content/brief.yaml", r"^about: This fixture exists for tests.",
           "about: This fixture exists for tests.\nlook:\n  colors: {accent: '#ee8866'}")
    run = brief_cli(minimal, "check")
    assert run.err.splitlines()[:2] == [
        "content/brief.yaml:24: warning: the colours 'accent' on 'paper' have a contrast of 2.52:1; text needs "
        "4.5:1 (WCAG 2.2 AA): make one darker or lighter",
        "content/brief.yaml:24: warning: the colours 'accent' on 'wash' have a contrast of 2.25:1; text needs "
        "4.5:1 (WCAG 2.2 AA): make one darker or lighter"]
