"""Any organisation's brief: its own language, paper, palette, logo and sources, with no copy
of the tool; `brief new`, `brief schema` and every mistake reported at once."""
import json
import shutil

import jsonschema
import pytest
import yaml
from pypdf import PdfReader

from brief.build import build
from brief.commands.schema import KINDS, schema
from conftest import FIXTURES, REPO, make_project
from printedsources import sources
from pdftext import all_text, squash
from test_content_errors import _break


@pytest.fixture(scope="module")
def wasser(tmp_path_factory):
    """The German test brief: A4, APA, a logo, its own colours, Zotero-style sources."""
    project = make_project(tmp_path_factory.mktemp("wasser") / "p", "wasser")
    result = build(project)
    return project, result, PdfReader(project / "build/brief.pdf")


def test_it_builds_without_warnings_and_without_a_copy_of_the_theme(wasser):
    project, result, _ = wasser
    assert [str(w) for w in result.warnings] == []
    assert sorted(p.name for p in (project / "templates").iterdir()) == ["logo.png"]


def test_headings_dates_and_numbers_are_german(wasser):
    _, _, reader = wasser
    text = squash(all_text(reader)).lower()
    for words in ("Inhalt", "Zentrale Ergebnisse", "Empfehlungen", "Quellen", "Über dieses Briefing",
                  "Das Fazit", "Was wir fordern", "Neu in dieser Ausgabe",
                  "1 Entwicklung seit der Ausgabe vom 1. Juni 2025:",
                  "Ausgabe vom 15. Januar 2026 · Stand der Belege: 10. Januar 2026",
                  "Im Jahr 2024 wurden 6.279 Kilometer Leitungen erneuert", "Abbildung 1.", "Quelle:",
                  "Instrument: Der Haushalt · Bis: Bis 2030"):
        assert squash(words).lower() in text, words


def test_the_paper_is_a4_and_the_logo_is_on_the_cover(wasser):
    _, _, reader = wasser
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    images = [name for name, obj in reader.pages[0]["/Resources"].get("/XObject", {}).items()
              if obj.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1


def test_journal_volume_issue_and_doi_link_in_the_sources_apa_style(wasser):
    project, _, reader = wasser
    entries = sources((project / "build/brief.html").read_text())
    assert entries[1] == ("Müller, A., & Weber, J. (2024). Der Zustand der Wasserleitungen in deutschen "
                          "Städten. Zeitschrift für Beispielforschung, 12(3), 45–67. "
                          "https://doi.org/10.5555/beispiel.2024.003")
    assert entries[2] == "Schmidt, L. (2023). Wasser in der Stadt. Beispiel-Verlag."
    uris = {a.get_object()["/A"].get("/URI") for page in reader.pages for a in page.get("/Annots", [])
            if "/A" in a.get_object()}
    assert "https://doi.org/10.5555/beispiel.2024.003" in uris


def test_the_charts_take_their_colours_from_the_palette(wasser):
    project, _, _ = wasser
    svg = next((project / "build/charts").glob("leitungen-*.svg")).read_text()
    assert "fill: #0b5d4b" in svg
    assert ">6.279</text>" in svg or "6.279" in svg  # German number format on the bars
    html = (project / "build/brief.html").read_text()
    assert "--primary: #0b5d4b;" in html and "--accent: #8a3b12;" in html


def test_brief_new_builds_at_once_with_no_templates(tmp_path, brief_cli):
    from brief.cli import main
    folder = tmp_path / "x"
    assert main(["new", str(folder)]) == 0
    assert not (folder / "templates").exists()
    run = brief_cli(folder, "build")
    assert run.code == 0 and run.err == "", run.err
    assert len(PdfReader(folder / "build/brief.pdf").pages) >= 5
    first = (folder / "content/sections/background.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/section.schema.json"


def test_brief_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    from brief.cli import main
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == (f"brief: {tmp_path / 'x'} already holds notes.txt; give a new folder for the "
                                       "brief (or one that holds only .git, .gitignore, a README or a LICENSE)\n")


class _KeepDates(yaml.SafeLoader):
    """YAML as an editor's language server reads it: a date is a string."""


_KeepDates.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                      for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _content_files(project):
    yield "brief.schema.json", project / "content/brief.yaml"
    yield from (("section.schema.json", p) for p in (project / "content/sections").glob("*.yaml"))
    if (project / "content/sources.yaml").exists():
        yield "sources.schema.json", project / "content/sources.yaml"
    if (project / "content/developments.yaml").exists():
        yield "developments.schema.json", project / "content/developments.yaml"
    yield from (("data.schema.json", p) for p in (project / "content/data").glob("*.yaml"))
    yield from (("chart.schema.json", p) for p in (project / "charts").glob("*.yaml"))


@pytest.mark.parametrize("project", [REPO, FIXTURES / "wasser", FIXTURES / "minimal"], ids=["real", "wasser", "minimal"])
def test_every_content_file_validates_against_the_written_schemas(project):
    checked = 0
    for name, path in _content_files(project):
        data = json.loads(json.dumps(yaml.load(path.read_text(), Loader=_KeepDates)))  # keys as strings
        jsonschema.validate(data, schema(name))
        checked += 1
    assert checked >= 6


def test_a_misspelt_field_fails_the_schema(tmp_path):
    from brief.commands.schema import write_schemas
    written = {p.name for p in write_schemas(tmp_path)}
    assert written == set(KINDS)
    section = {"title": "T", "body": "B", "kikcer": "K"}
    with pytest.raises(jsonschema.ValidationError, match="'kikcer' was unexpected"):
        jsonschema.validate(section, schema("section.schema.json"))


def test_five_mistakes_in_four_files_are_reported_at_once(minimal, brief_cli):
    _break(minimal, "content/brief.yaml", r"^edition: 2026-01-15", "edition: soon")
    _break(minimal, "content/sections/background.yaml", r"@news-2018\]", "@news-2081]")
    _break(minimal, "content/sections/background.yaml", r"\{\{data:widgets.count\}\}", "{{data:widgets.cuont}}")
    _break(minimal, "content/data/widgets.yaml", r"2018: 1500", "2018: many")
    _break(minimal, "charts/widget-count.yaml", r"^series: \[count\]", "series: [cont]")
    run = brief_cli(minimal, "check")
    assert run.code == 1
    assert run.err.splitlines() == [
        "charts/widget-count.yaml:1: unknown series 'cont' in content/data/widgets.yaml; did you mean 'count'?",
        "content/brief.yaml:5: 'edition' must be a date written YYYY-MM-DD, not 'soon'",
        "content/data/widgets.yaml:9: the value for 2018 is not a number: 'many'",
        "content/sections/background.yaml:4: unknown series 'cuont' in '{{data:widgets.cuont}}'; "
        "content/data/widgets.yaml has: count",
        "content/sections/background.yaml:10: unknown source '@news-2081'; add it to content/sources.yaml; "
        "did you mean 'news-2018'?",
        "brief: 5 error(s), 0 warning(s); build/brief.pdf was not changed",
    ]


QUOTE_IT = ("must be quoted: put the whole text in quotes, or write it as a | block "
            "(README: \"When prose must be quoted\")")


@pytest.mark.parametrize("text, message", [
    ("key_findings:\n  - short: x\n    text: **Bold** lead [@web-2021].\n", f"text that starts with '**' {QUOTE_IT}"),
    ("summary: [@report-2020] says so.\n", f"text that starts with '[@' {QUOTE_IT}"),
    ('summary: "Widgets" are useful.\n', f"text that starts with a quotation mark {QUOTE_IT}"),
])
def test_markdown_that_yaml_misreads_is_explained(minimal, brief_cli, text, message):
    field = text.split(":")[0]  # the field (and its indented lines) is replaced by `text`
    _break(minimal, "content/brief.yaml", rf"(?s)^{field}:.*?(?=^\w)", text)
    run = brief_cli(minimal, "check")
    assert run.code == 1
    assert run.err.splitlines()[0].split(": ", 1)[1] == message


def test_a_heading_at_the_left_edge_of_a_text_block_is_explained(minimal, brief_cli):
    _break(minimal, "content/sections/background.yaml", r"  ## History", "## History")
    run = brief_cli(minimal, "check")
    assert run.err.splitlines()[0] == (
        "content/sections/background.yaml:7: a line starting with '#' at the left edge ends the text block "
        "above it (YAML reads it as a comment and drops it); indent it like the text")


def test_an_unavailable_font_is_an_error_naming_the_available_ones(minimal, brief_cli):
    _break(minimal, "content/brief.yaml", r"^about: This fixture exists for tests.",
           "about: This fixture exists for tests.\nlook:\n  body_font: Helvetica Neue")
    run = brief_cli(minimal, "check")
    assert run.err.splitlines()[0] == (
        "content/brief.yaml:24: font 'Helvetica Neue' (body_font) is not among the fonts: put its files in "
        "templates/fonts/ (available: Source Sans 3, Source Serif 4)")


def test_a_project_font_is_registered_and_used(minimal, brief_cli):
    fonts = minimal / "templates" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(REPO / "templates/fonts/SourceSans3_400Regular.ttf", fonts / "Mine.ttf")
    run = brief_cli(minimal, "build")
    assert run.code == 0, run.err
    html = (minimal / "build/brief.html").read_text()
    assert "../templates/fonts/Mine.ttf" in html  # the project's face replaces the theme's


def test_sources_may_be_csl_json_or_bibtex(minimal, brief_cli):
    refs = yaml.safe_load((minimal / "content/sources.yaml").read_text())["references"]
    (minimal / "content/sources.yaml").unlink()
    (minimal / "content/sources.json").write_text(json.dumps(refs, default=str))
    assert brief_cli(minimal, "check").code == 0
    (minimal / "content/sources.json").unlink()
    (minimal / "content/sources.bib").write_text(
        "@report{report-2020, title={The State of Widgets 2020}, author={{Widget Institute}}, "
        "institution={Widget Institute}, year={2020}}\n"
        "@article{press-2019, title={Agency Welcomes Widgets}, author={Doe, Jane}, journal={Widget News}, "
        "volume={4}, number={2}, year={2019}, doi={10.5555/w.2019}}\n"
        "@article{news-2018, title={Widgets Take Over}, author={Roe, Richard}, journal={The Daily Example}, year={2018}}\n"
        "@online{web-2021, title={About Widgets}, author={{Widget Fans}}, url={https://example.org/about}, year={2021}}\n")
    run = brief_cli(minimal, "build")
    assert run.code == 0, run.err
    page = (minimal / "build/brief.html").read_text()
    assert "Widget News</em> 4, no. 2" in page


BROKEN_THEME_FILES = {
    # (file written, its bytes, what brief.yaml gets, the message)
    "a CSL file that is not XML": (
        "templates/csl/ours.csl", b'<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<info>\n</style>\n',
        "citation_style: ours.csl",
        "templates/csl/ours.csl:4: cannot be read as a CSL style (XML: mismatched tag); fix the file or choose "
        "another 'citation_style'"),
    "a CSL file that is not a style": (
        "templates/csl/ours.csl", b'<?xml version="1.0"?>\n<html><body/></html>\n', "citation_style: ours.csl",
        "templates/csl/ours.csl: cannot be read as a CSL style (its root is <html>, not a CSL <style>); fix the "
        "file or choose another 'citation_style'"),
    "a PNG logo that is not a PNG": (
        "templates/logo.png", b"GIF89a not really", "look: {logo: logo.png}",
        "templates/logo.png: cannot be read as a PNG image; replace the file or change 'logo' in brief.yaml"),
    "an SVG logo that is not XML": (
        "templates/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>\n', "look: {logo: logo.svg}",
        "templates/logo.svg:3: cannot be read as an SVG image (XML: mismatched tag); replace the file or change "
        "'logo' in brief.yaml"),
    "a logo of another kind": (
        "templates/logo.gif", b"GIF89a", "look: {logo: logo.gif}",
        "content/brief.yaml:24: logo 'logo.gif' must be an SVG or PNG image; convert it"),
}


@pytest.mark.parametrize("case", BROKEN_THEME_FILES)
def test_a_broken_style_or_logo_is_located_by_check(case, minimal, brief_cli):
    name, data, setting, expected = BROKEN_THEME_FILES[case]
    (minimal / name).parent.mkdir(parents=True, exist_ok=True)
    (minimal / name).write_bytes(data)
    with open(minimal / "content/brief.yaml", "a") as brief:
        brief.write(setting + "\n")
    run = brief_cli(minimal, "check")
    assert (run.code, run.err.splitlines()[:-1]) == (1, [expected])


def test_a_reference_to_a_figure_uses_the_brief_s_own_word(wasser):
    project, _, reader = wasser
    page = (project / "build/brief.html").read_text()
    assert '<a href="#fig-leitungen">Abbildung 1</a> zeigt' in page
    assert "Wie Abbildung 1 zeigt" in " ".join(p.extract_text() for p in reader.pages)
