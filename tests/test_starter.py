"""The `brief new` starter: it sets out first what an organisation sets first (its look, web
address, contact, citation style, previous edition) and builds with no warnings."""
import pytest
import yaml
from pypdf import PdfReader

from brief.build import build
from brief.commands.new import new_project
from pdftext import all_text, squash


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("starter") / "brief"
    new_project(folder)
    return folder


def test_the_starter_sets_out_the_look_and_the_publishing_fields(starter):
    text = (starter / "content/brief.yaml").read_text()
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
    result = build(starter)
    assert [str(w) for w in result.warnings] == []
    brief = yaml.safe_load((starter / "content/brief.yaml").read_text())
    one_page = squash(all_text(PdfReader(starter / "build/brief-onepage.pdf")))
    assert squash(brief["web_address"]) in one_page and squash(brief["contact"]) in one_page
