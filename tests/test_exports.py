"""Sources as reference managers export them: Zotero's CSL JSON (tab-indented, items named by
their address, the citation key and tex.ids in Extra), Better BibTeX's CSL YAML, and BibTeX read
by Pandoc, each loaded as exported, its errors at the file's line and naming the entry."""
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from brief.build import Options, build
from brief.cli import main
from printedsources import sources
from prosedata import plain

EXPORTS = Path(__file__).parent / "fixtures" / "exports"

MINIMAL_SOURCES = [
    "Doe, Jane. “Agency Welcomes Widgets.” Press statement. Widget Agency, September 23, 2019. "
    "https://example.org/press.",
    "Roe, Richard. “Widgets Take Over.” The Daily Example, February 3, 2018.",
    "Widget Fans. “About Widgets.” Widget Fans, n.d. https://example.org/about.",
    "Widget Institute. The State of Widgets 2020. Widget Institute, 2020. https://example.org/widgets-2020.",
]


def _exported(project: Path, export: str, name: str) -> Path:
    """The project with its sources.yaml replaced by an export, as the reference manager wrote it."""
    (project / "content/sources.yaml").unlink()
    shutil.copy(EXPORTS / export, project / "content" / name)
    return project


def _printed(project):
    """The Sources entries and the whole text of the brief.html a real build lays out."""
    build(project, Options(outputs=("pdf",)))
    page = (project / "build/brief.html").read_text()
    return sources(page), plain(page)


def test_a_zotero_csl_json_export_is_read_as_exported(minimal):
    printed, text = _printed(_exported(minimal, "zotero.json", "sources.json"))
    # The citation keys come from Extra's 'Citation Key:' lines; Extra's exporter lines
    # (tex.ids=, tex.howpublished:) are never printed, the rest of it is the entry's note.
    assert printed == [*MINIMAL_SOURCES[:1], MINIMAL_SOURCES[1] + " Read in the library's print copy.",
                       *MINIMAL_SOURCES[2:]]
    assert "Widget Institute, State of Widgets, 4." in text  # shortTitle: the short notes' title
    assert "tex." not in text and "Citation Key" not in text


def test_better_bibtex_csl_yaml_is_read_as_exported(minimal):
    edition = build(_exported(minimal, "bbt.yaml", "sources.yaml"), Options(outputs=())).edition
    # its dates are lists of {year, month, day}; its note holds only tex.ids=, so there is none
    assert [plain(entry) for _, entry in edition.prose.sources] == MINIMAL_SOURCES
    assert [entry["note"] for entry in edition.sources] == [None] * 4


def _zotero_json(project: Path, change) -> Path:
    items = json.loads((EXPORTS / "zotero.json").read_text())
    change(items)
    (project / "content/sources.yaml").unlink()
    (project / "content/sources.json").write_text(json.dumps(items, indent="\t") + "\n")
    return project


def test_an_item_without_a_citation_key_says_how_to_give_it_one(minimal, brief_cli):
    def no_key(items):
        del items[1]["note"]  # no Extra: Zotero names the item by its address
    run = brief_cli(_zotero_json(minimal, no_key), "check")
    assert run.err.splitlines()[:-1] == [  # and its citations, [@press-2019], are not unknown again
        "content/sources.json:36: source 'http://zotero.org/users/8154321/items/F3ZP9S2A' has no citation key: "
        "Zotero's address of an item cannot be cited as [@…]; add a line 'Citation Key: a-key' to the item's "
        "Extra field in Zotero (or export with Better BibTeX) and export again"]


def test_errors_in_csl_json_are_at_their_line_and_name_the_entry(minimal, brief_cli):
    def broken(items):
        items[1]["URL"] = "example.org/press"
        items[2]["issued"] = {"date-parts": [["2018", "Feb"]]}
        items[3]["titel"] = items[3].pop("title")
    run = brief_cli(_zotero_json(minimal, broken), "check")
    assert run.code == 1
    assert run.err.splitlines()[:-1] == [
        "content/sources.json:42: 'URL' must start with http:// or https://, not 'example.org/press' "
        "(source 'press-2019')",
        "content/sources.json:72: 'issued' must be a date like {date-parts: [[2022, 6, 21]]} or {literal: n.d.} "
        "(source 'news-2018')",
        "content/sources.json:82: source 'web-2021' has no 'title'; add it",
        "content/sources.json:105: unknown field 'titel' in source 'web-2021'; did you mean 'title'?",
    ]


@pytest.mark.parametrize("text, expected", [
    ('[\n\t{\n\t\t"id": "a"\n\t\t"type": "report"\n\t}\n]\n',
     "content/sources.json:4: invalid JSON: Expecting ',' delimiter (column 3)"),
    ('[\n\t{\n\t\t"id": "a",\n\t\t"id": "b"\n\t}\n]\n',
     "content/sources.json:4: 'id' is given twice (lines 3 and 4); keep one of them"),
    ('[{"id": "a", "title": NaN}]', "content/sources.json: NaN is not a number JSON allows; write a number or null"),
])
def test_a_malformed_json_file_is_located(minimal, brief_cli, text, expected):
    (minimal / "content/sources.yaml").unlink()
    (minimal / "content/sources.json").write_text(text)
    assert expected in brief_cli(minimal, "check").err.splitlines()


def test_a_broken_bibtex_entry_keeps_pandoc_s_line_and_names_the_entry(minimal, brief_cli):
    run = brief_cli(_exported(minimal, "broken.bib", "sources.bib"), "check")
    assert run.err.splitlines()[0] == (
        "content/sources.bib:16: Pandoc cannot read this BibTeX file in entry 'press-2019' (from line 13): "
        "unexpected 'j' at column 3; look for a missing comma between fields or a brace that is not closed")


def test_an_unclosed_brace_is_found_at_the_next_entry_and_named_by_its_own(minimal, brief_cli):
    bib = (EXPORTS / "broken.bib").read_text().replace("author = {Doe, Jane}\n", "author = {Doe, Jane},\n")
    (minimal / "content/sources.yaml").unlink()
    (minimal / "content/sources.bib").write_text(bib.replace("{Widget News},", "{Widget News,"))
    assert brief_cli(minimal, "check").err.splitlines()[0] == (
        "content/sources.bib:20: Pandoc cannot read this BibTeX file in entry 'press-2019' (from line 13): "
        "unexpected '@' at column 1; look for a missing comma between fields or a brace that is not closed")


def test_a_bibtex_entry_s_errors_are_at_its_line(minimal, brief_cli):
    bib = (EXPORTS / "broken.bib").read_text().replace("author = {Doe, Jane}\n", "author = {Doe, Jane},\n")
    (minimal / "content/sources.yaml").unlink()
    (minimal / "content/sources.bib").write_text(bib.replace("  title = {Widgets Take Over},\n", ""))
    assert "content/sources.bib:20: source 'news-2018' has no 'title'; add it" in \
        brief_cli(minimal, "check").err.splitlines()


class _AsAnEditorReadsIt(yaml.SafeLoader):
    """YAML as an editor's language server reads it: a date is a string."""


_AsAnEditorReadsIt.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def test_brief_schema_validates_every_export_and_refuses_a_broken_one(tmp_path):
    assert main(["schema", str(tmp_path)]) == 0
    schema = json.loads((tmp_path / "sources.schema.json").read_text())
    zotero = json.loads((EXPORTS / "zotero.json").read_text())
    better_bibtex = yaml.load((EXPORTS / "bbt.yaml").read_text(), Loader=_AsAnEditorReadsIt)
    for export in (zotero, better_bibtex):  # a CSL JSON array, CSL YAML's {references: [...]}
        jsonschema.validate(export, schema)
    zotero[0]["issued"] = {"date-parts": [["2020", "May"]]}
    with pytest.raises(jsonschema.ValidationError, match=r"'May' does not match '\^\[0-9\]\{1,4\}\$'"):
        jsonschema.validate(zotero, schema)


def test_a_year_of_five_digits_is_an_error_at_its_line(minimal, brief_cli):
    def five_digits(items):
        items[0]["issued"] = {"date-parts": [["20200", "5", "1"]]}
    run = brief_cli(_zotero_json(minimal, five_digits), "check")
    assert "content/sources.json:24: 'issued' must be a date like {date-parts: [[2022, 6, 21]]} or " \
           "{literal: n.d.} (source 'report-2020')" in run.err.splitlines()


def test_a_better_bibtex_biblatex_file_loads_as_exported(minimal, brief_cli):
    bib = (EXPORTS / "broken.bib").read_text().replace("author = {Doe, Jane}\n", "author = {Doe, Jane},\n")
    (minimal / "content/sources.yaml").unlink()
    (minimal / "content/sources.bib").write_text(
        bib + "\n@online{web-2021,\n  title = {About Widgets},\n  author = {{Widget Fans}},\n"
              "  url = {https://example.org/about}\n}\n")
    run = brief_cli(minimal, "check")
    assert (run.code, run.err) == (0, "")  # its `ids` (former keys) are no error
