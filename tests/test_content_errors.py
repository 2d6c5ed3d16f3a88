"""Each kind of content mistake prints its exact one-line message and keeps the last good PDF."""
import re

import pytest

BACKGROUND = "content/sections/background.yaml"

CASES = {
    "misspelt field": (
        BACKGROUND, r"^title: Background", "titel: Background",
        ["content/sections/background.yaml:1: unknown field 'titel' in section; did you mean 'title'?"]),
    "unknown citation": (
        BACKGROUND, r"@news-2018\]", "@news-2081]",
        ["content/sections/background.yaml:10: unknown source '@news-2081'; add it to "
         "content/sources.yaml; did you mean 'news-2018'?"]),
    "section without a file": (
        "content/brief.yaml", r"sections: \[background,", "sections: [backgrund,",
        ["content/brief.yaml:22: section 'backgrund' has no file content/sections/backgrund.yaml; "
         "did you mean 'background'?"]),
    "unclosed quote": (
        "content/brief.yaml", r"^subtitle: Why", 'subtitle: "Why',
        ["content/brief.yaml:2: a quoted text is not closed; add the closing quote"]),
    "date that is not a date": (
        "content/brief.yaml", r"^edition: 2026-01-15", "edition: 15 January 2026",
        ["content/brief.yaml:5: 'edition' must be a date written YYYY-MM-DD, not '15 January 2026'"]),
    "unknown figure": (
        BACKGROUND, r"\{\{figure:widget-count\}\}", "{{figure:widget-cont}}",
        ["content/sections/background.yaml:12: unknown figure 'widget-cont'; there is no "
         "charts/widget-cont.yaml; did you mean 'widget-count'?"]),
    "tab indentation": (
        BACKGROUND, r"^title: Back", "\ttitle: Back",
        ["content/sections/background.yaml:1: a tab character is used for indentation; indent with spaces"]),
    "list where text is expected": (
        "content/brief.yaml", r"^short_title: Widgets", "short_title: [Widgets]",
        ["content/brief.yaml:3: 'short_title' must be text, not a list"]),
    "non-web URL": (
        "content/sources.yaml", r"https://example.org/about", "javascript:alert(1)",
        ["content/sources.yaml:33: 'URL' must start with http:// or https://, not 'javascript:alert(1)' (source 'web-2021')"]),
}


def _break(project, path, pattern, replacement):
    file = project / path
    text = file.read_text()
    broken = re.sub(pattern, replacement.replace("\\", "\\\\"), text, count=1, flags=re.M)
    assert broken != text, "the fixture no longer contains what this test breaks"
    file.write_text(broken)


@pytest.mark.parametrize("case", CASES)
def test_content_error_message_and_last_good_pdf_kept(case, built, brief_cli):
    project, pdf_before = built
    path, pattern, replacement, expected = CASES[case]
    _break(project, path, pattern, replacement)

    run = brief_cli(project, "build")

    assert run.code == 1
    assert run.err.splitlines() == expected + [
        f"brief: {len(expected)} error(s), 0 warning(s); build/brief.pdf was not changed"]
    assert "Traceback" not in run.err
    assert (project / "build/brief.pdf").read_bytes() == pdf_before


def test_all_errors_reported_at_once(minimal, brief_cli):
    _break(minimal, BACKGROUND, r"^title: Background", "titel: Background")
    _break(minimal, "content/brief.yaml", r"^edition: 2026-01-15", "edition: soon")
    run = brief_cli(minimal, "check")
    assert run.code == 1
    assert run.err.splitlines() == [
        "content/brief.yaml:5: 'edition' must be a date written YYYY-MM-DD, not 'soon'",
        "content/sections/background.yaml:1: unknown field 'titel' in section; did you mean 'title'?",
        "brief: 2 error(s), 0 warning(s); build/brief.pdf was not changed",
    ]
