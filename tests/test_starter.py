"""The `brief new` starter: it sets out first what an organisation sets first (its look, web
address, contact, citation style, previous edition) and builds with no warnings; with
`look.layout: compact` it is a short brief, its bottom line, findings and asks on page 1."""
import pytest
import yaml
from pypdf import PdfReader

from brief.build import build
from brief.commands.new import new_project
from pdftext import all_text, page_lines, squash


def _page(reader, n):
    return squash(" ".join(page_lines(reader.pages[n])))


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("starter") / "brief"
    new_project(folder)
    return folder, build(folder)


def test_the_starter_sets_out_the_look_and_the_publishing_fields(starter):
    text = (starter[0] / "content/brief.yaml").read_text()
    brief = yaml.safe_load(text)
    assert brief["look"]["paper"] == "letter" and set(brief["look"]["colors"]) == {"primary", "accent"}
    for field in ("web_address", "contact", "citation_style", "previous_edition"):
        assert brief[field], field
    look = text.split("\nlook:\n")[1].splitlines()
    # Each setting of the look has a comment above it; the logo and the layout are there to uncomment.
    settings = [i for i, line in enumerate(look) if line.startswith("  ") and line[2] not in " #"]
    assert len(settings) == 2 and all(look[i - 1].startswith("  #") for i in settings), look
    assert "  # logo: logo.png" in look and "  # layout: compact" in look


def test_the_starter_builds_without_warnings_and_the_leave_behind_says_where_and_who(starter):
    folder, result = starter
    assert [str(w) for w in result.warnings] == []
    brief = yaml.safe_load((folder / "content/brief.yaml").read_text())
    one_page = squash(all_text(PdfReader(folder / "build/brief-onepage.pdf")))
    assert squash(brief["web_address"]) in one_page and squash(brief["contact"]) in one_page


@pytest.fixture(scope="module")
def compact(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compact") / "brief"
    new_project(folder)
    path = folder / "content/brief.yaml"
    text = path.read_text()
    assert "  # layout: compact" in text
    path.write_text(text.replace("  # layout: compact", "  layout: compact"))
    result = build(folder)
    return folder, result, PdfReader(folder / "build/brief.pdf")


def test_a_compact_brief_is_two_to_four_pages_without_warnings(compact):
    _, result, reader = compact
    assert [str(w) for w in result.warnings] == []
    assert 2 <= len(reader.pages) <= 4


def test_page_one_of_a_compact_brief_has_the_bottom_line_findings_and_asks(compact):
    folder, _, reader = compact
    brief = yaml.safe_load((folder / "content/brief.yaml").read_text())
    first = _page(reader, 0)
    for words in (brief["title"], brief["bottom_line"], "Key findings", "Street trees cool the streets under them.",
                  "Recommendations", brief["recommendations"][0]["ask"], brief["web_address"]):
        assert squash(words) in first, words
    # no cover and no contents: the first section starts by page 2, and nothing lists the pages
    assert "Contents" not in all_text(reader)
    assert squash("1 Why shade matters") in _page(reader, 1) or squash("1 Why shade matters") in first


def test_a_compact_brief_ends_with_its_sources_and_its_leave_behind_is_page_one(compact):
    folder, _, reader = compact
    last = _page(reader, len(reader.pages) - 1)
    assert "Sources" in " ".join(page_lines(reader.pages[-1])) and squash("Example Institute") in last
    one_page = PdfReader(folder / "build/brief-onepage.pdf")
    assert len(one_page.pages) == 1 and _page(one_page, 0) == _page(reader, 0)


def test_both_layouts_pdfs_are_tagged_for_pdf_ua(starter, compact):
    """The QR code has alt text, and the compact leave-behind, a page with notes, is tagged
    right though the whole brief is written from the same layout."""
    import pikepdf
    from pdfua_checks import run_all
    for pdf in (starter[0] / "build/brief.pdf", starter[0] / "build/brief-onepage.pdf",
                compact[0] / "build/brief.pdf", compact[0] / "build/brief-onepage.pdf"):
        with pikepdf.open(pdf) as opened:
            assert {name: problems for name, problems in run_all(opened).items() if problems} == {}, pdf


def test_a_compact_page_one_that_overflows_names_the_longest_text(tmp_path, brief_cli):
    folder = tmp_path / "brief"
    new_project(folder)
    path = folder / "content/brief.yaml"
    summary = "Street trees cool the streets under them, and the city can plant more of them. " * 40
    text = path.read_text().replace("  # layout: compact", "  layout: compact")
    text = text.replace("  This paragraph opens the key-findings page. Cite a source like this [@example-report].",
                        "  " + summary.strip())
    path.write_text(text)
    line = text.splitlines().index("summary: |") + 1
    run = brief_cli(folder, "build")
    assert run.code == 1
    assert run.err.splitlines()[0] == (
        f"content/brief.yaml:{line}: page 1 of the compact brief (bottom line, findings and asks) runs to 2 pages; "
        f"shorten 'summary' ({len(summary.strip())} characters, the longest of its texts) or others, or set "
        "look.layout: standard")
