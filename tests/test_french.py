"""A French brief: its punctuation is French, in the fixed words, the templates' labels and the prose."""
import re

import pytest
from pypdf import PdfReader

from brief.build import build
from brief.look.punctuation import punctuation
from conftest import make_project
NARROW = "\u202f"  # a narrow no-break space: its own character in the PDF's text layer


@pytest.fixture(scope="module")
def eau(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("eau") / "p", "eau")
    result = build(project)
    # The text layer as it is, line by line: all_text would turn the no-break spaces into spaces.
    text = " ".join(page.extract_text() for page in PdfReader(project / "build/brief.pdf").pages)
    # A line's last space is kept in the text layer (print.css), so a line break is one space.
    return project, result, re.sub(r"[ \n]+", " ", text)


def test_it_builds_without_warnings(eau):
    _, result, _ = eau
    assert [str(w) for w in result.warnings] == []


def test_a_label_and_its_colon_are_held_by_a_no_break_space(eau):
    _, _, text = eau
    assert f"Les communes{NARROW}: Renouveler les vieilles conduites." in text
    assert "Les communes:" not in text and "Les communes :" not in text


def test_the_prose_gets_french_spacing_as_written_or_not(eau):
    _, _, text = eau
    assert f"Le rapport est net{NARROW}: les conduites fuient" in text  # written "net:"
    assert f"Il parle d’un «{NARROW}besoin urgent{NARROW}» de travaux" in text


def test_the_web_edition_too(eau):
    project, _, _ = eau
    page = (project / "build/web/index.html").read_text()
    assert f'<span class="rec-to">Les communes{NARROW}:</span>' in page
    assert f"Le rapport est net{NARROW}: les conduites fuient" in page


@pytest.mark.parametrize("written, printed", [
    ("Vraiment ?!", f"Vraiment{NARROW}?!"),
    ("a; b", f"a{NARROW}; b"),
    ("à 10:30, voir https://exemple.fr/?q=1 (?)", "à 10:30, voir https://exemple.fr/?q=1 (?)"),
    ("R&amp;D: <code>a: b</code> <em>x</em>: y", f"R&amp;D{NARROW}: <code>a: b</code> <em>x</em>{NARROW}: y"),
    ("<style>p { color: red; }</style>«x»", f"<style>p {{ color: red; }}</style>«{NARROW}x{NARROW}»"),
])
def test_french_spacing_leaves_times_addresses_markup_and_code_alone(written, printed):
    french = punctuation("fr-FR")
    assert french.html(written) == printed
    assert french.html(printed) == printed  # twice is once
    assert punctuation("en-US").html(written) == written
