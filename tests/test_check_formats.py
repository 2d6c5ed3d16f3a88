"""`brief check --format json|github`: what CI reads, exactly; exit codes as in text."""
import json

from test_content_errors import _break

EDITION = "'edition' must be a date written YYYY-MM-DD, not 'soon'"
UNKNOWN = "unknown source '@news-2081'; add it to content/sources.yaml; did you mean 'news-2018'?"


def _two_errors(project):
    _break(project, "content/brief.yaml", r"^edition: 2026-01-15", "edition: soon")
    _break(project, "content/sections/background.yaml", r"@news-2018\]", "@news-2081]")


def test_json_lists_every_error_with_its_file_and_line(minimal, brief_cli, monkeypatch):
    _two_errors(minimal)
    monkeypatch.chdir(minimal.parent)
    run = brief_cli(minimal, "check", "--format", "json")
    assert run.code == 1
    assert run.err == ""
    assert json.loads(run.out) == {
        "errors": [{"file": "minimal/content/brief.yaml", "line": 5, "message": EDITION},
                   {"file": "minimal/content/sections/background.yaml", "line": 10, "message": UNKNOWN}],
        "warnings": [], "evidence": None}


def test_github_annotations_land_on_the_lines(minimal, brief_cli, monkeypatch):
    _two_errors(minimal)
    monkeypatch.chdir(minimal)
    run = brief_cli(minimal, "check", "--format", "github")
    assert run.code == 1
    assert run.out.splitlines() == [
        f"::error file=content/brief.yaml,line=5::{EDITION}",
        f"::error file=content/sections/background.yaml,line=10::{UNKNOWN}",
    ]


UNCHECKED = ("figure '1871' cannot be checked: no source cited for its sentence (news-2018) has an archive "
             "excerpt")
SUMMARY = ("evidence: 1/1 quotations verified (1 against the source's text, 0 against notes only), 2/3 figures "
           "verified, 1 unverifiable, 3/3 data points verified (build/evidence.html)")


def test_a_good_brief_gives_its_warnings_and_the_evidence_summary(minimal, brief_cli, monkeypatch):
    _break(minimal, "content/sections/background.yaml", r"@news-2018\]", "@news-2018] in 1871")
    monkeypatch.chdir(minimal)
    run = brief_cli(minimal, "check", "--format", "json")
    assert run.code == 0
    assert json.loads(run.out) == {
        "errors": [],
        "warnings": [{"file": "content/sections/background.yaml", "line": 10, "message": UNCHECKED}],
        "evidence": SUMMARY}
    github = brief_cli(minimal, "check", "--format", "github")
    assert github.code == 0
    assert github.out.splitlines() == [
        f"::warning file=content/sections/background.yaml,line=10::{UNCHECKED}", SUMMARY]
    strict = brief_cli(minimal, "check", "--strict", "--format", "github")
    assert strict.code == 1
    assert strict.out.splitlines() == [
        f"::error file=content/sections/background.yaml,line=10::{UNCHECKED}", SUMMARY]


def test_github_escapes_what_would_end_a_command(minimal, brief_cli, monkeypatch):
    # A line break in a message would end the annotation; a '%' would start an escape.
    _break(minimal, "content/brief.yaml", r"^edition: 2026-01-15", 'edition: "100%,\\n:soon"')
    monkeypatch.chdir(minimal)
    run = brief_cli(minimal, "check", "--format", "github")
    assert run.code == 1
    assert run.out == ("::error file=content/brief.yaml,line=5::'edition' must be a date written YYYY-MM-DD, "
                       "not '100%25,%0A:soon'\n")


def test_a_failure_that_is_in_no_file_is_reported_without_one(minimal, brief_cli, monkeypatch):
    import brief.cli
    from brief.errors import BriefError

    def fails(*args):
        raise BriefError("pandoc is not installed: run 'make brief' (it installs pypandoc-binary)")
    monkeypatch.setattr(brief.cli, "build", fails)
    run = brief_cli(minimal, "check", "--format", "json")
    assert run.code == 1
    assert json.loads(run.out) == {"errors": [{"file": None, "line": None, "message": "pandoc is not installed: run "
                                               "'make brief' (it installs pypandoc-binary)"}],
                                   "warnings": [], "evidence": None}
    run = brief_cli(minimal, "check", "--format", "github")
    assert run.code == 1
    assert run.out == "::error::pandoc is not installed: run 'make brief' (it installs pypandoc-binary)\n"
