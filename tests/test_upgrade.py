"""`brief upgrade`: a project written for an older layout of the tool builds after one run.

The fixture `first-layout` is the test brief as the first commit of this tool wrote it
(ff1e829: findings as plain strings, recommendations grouped under `to:` with `items:`, no
bottom line, an excerpt with no header, the developments list after `latest-developments`),
with a series' format as the second layout wrote it (c91bbd6: "{:,.0f}") and two comments."""
from pypdf import PdfReader

from brief.commands.upgrade import upgrade
from conftest import FIXTURES, make_project
from pdftext import all_text, squash

UPGRADE_HINTS = [
    "content/brief.yaml:1: brief.yaml has no 'bottom_line'; add it (older layouts had none: brief upgrade "
    "writes one from the first ask)",
    "content/brief.yaml:13: a finding written as plain text is an older layout; write it as "
    "{short: ..., text: ...}, or run brief upgrade",
    "content/brief.yaml:14: a finding written as plain text is an older layout; write it as "
    "{short: ..., text: ...}, or run brief upgrade",
    "content/brief.yaml:16: recommendations grouped under 'to:' with 'items:' are an older layout; give each "
    "ask its own {id: ..., to: ..., ask: ..., why: ...}, or run brief upgrade",
    "content/data/widgets.yaml:6: 'format' '{:,.0f}' is Python's format, not a number pattern; write '#,##0' "
    "(# a digit if any, 0 a digit always, ',' grouping, '.' the decimal point), or run brief upgrade",
]


def test_each_error_for_an_older_form_says_to_run_upgrade(tmp_path, brief_cli):
    project = make_project(tmp_path / "p", "first-layout")
    run = brief_cli(project, "check")
    assert run.code == 1
    assert run.err.splitlines()[:-1] == UPGRADE_HINTS


def test_an_older_project_builds_after_one_upgrade(tmp_path, brief_cli):
    project = make_project(tmp_path / "p", "first-layout")
    run = brief_cli(project, "upgrade")
    assert (run.code, run.err) == (0, "")
    assert run.out == (FIXTURES / "first-layout.upgrade.txt").read_text()
    assert "# the census count, not the estimate" in (project / "content/data/widgets.yaml").read_text()
    built = brief_cli(project, "build")
    assert built.code == 0, built.err
    # What is left is about the content, as it was under the older layout too: its data have no
    # excerpt, its newest development is older than its edition, a page holds eight notes.
    expected = ["content/data/widgets.yaml:9: warning: the 3 values of series 'count' cannot be checked",
                "content/brief.yaml:5: warning: the edition (January 15, 2026) is 127 days after",
                "build/brief.pdf: warning: page 4 has 8 notes"]
    warnings = built.err.splitlines()
    assert len(warnings) == 3 and all(w.startswith(e) for w, e in zip(warnings, expected)), built.err
    text = squash(all_text(PdfReader(project / "build/brief.pdf")))
    for words in ("Count the widgets.", "The Council", "Widgets are common.", "Widget census published"):
        assert squash(words) in text, words


def test_a_second_run_changes_nothing(tmp_path, brief_cli):
    project = make_project(tmp_path / "p", "first-layout")
    brief_cli(project, "upgrade")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    run = brief_cli(project, "upgrade")
    assert run.out == f"nothing to upgrade: {project} is in the current layout\n"
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_current_projects_have_nothing_to_upgrade(tmp_path):
    for fixture in ("minimal", "wasser", "citations"):
        assert upgrade(FIXTURES / fixture).changes == []
    real = upgrade(make_project(tmp_path / "real"))
    assert (real.changes, real.skipped) == ([], [])


OLDER_BRIEF = """\
title: T
subtitle: S
short_title: T
publisher: P
edition: 2026-01-15
subject: S.
summary: Widgets are useful [@report-2020].
key_findings:
  - "**Widgets are common.** They are everywhere [@report-2020, 4]."
  - |
    Widgets are growing
    [@report-2020].
recommendations:
  - to: To the Council  # the council first
    items:
      - Count the widgets. Then count them again, at the *same* time of year [@report-2020].
      - Count the widgets.
  - to: Congress
    items:
      - >-
        Fund the count
        [@report-2020].
sections: [background]
"""


def test_block_scalars_bold_leads_and_repeated_asks(tmp_path, brief_cli):
    project = make_project(tmp_path / "p", "minimal")
    (project / "content/brief.yaml").write_text(OLDER_BRIEF)
    run = brief_cli(project, "upgrade")
    assert run.code == 0
    assert (project / "content/brief.yaml").read_text().split("key_findings:\n")[1] == """\
  - short: Widgets are common.
    text: "**Widgets are common.** They are everywhere [@report-2020, 4]."
  - short: Widgets are growing.
    text: |
      Widgets are growing
      [@report-2020].
recommendations:
  - id: count-the-widgets-then
    to: The Council
    ask: Count the widgets. Then count them again, at the same time of year.
    why: Count the widgets. Then count them again, at the *same* time of year [@report-2020].
  - id: count-the-widgets
    to: The Council
    ask: Count the widgets.
  - id: fund-the-count
    to: Congress
    ask: Fund the count.
    why: >-
      Fund the count
      [@report-2020].
sections: [background]
"""
    run = brief_cli(project, "check")
    assert [line for line in run.err.splitlines() if "warning" not in line] == [], run.err


def test_findings_in_a_flow_list_become_a_block(tmp_path, brief_cli):
    project = make_project(tmp_path / "p", "first-layout")
    path = project / "content/brief.yaml"
    path.write_text(path.read_text().replace(
        "key_findings:\n  - Widgets are common [@report-2020, 4].\n  - Widgets are growing [@web-2021].\n",
        'key_findings: ["Widgets are common [@report-2020, 4].", Widgets are growing.]\n'))
    assert brief_cli(project, "upgrade").code == 0
    assert path.read_text().split("key_findings:")[1].split("recommendations:")[0] == """
  - short: Widgets are common.
    text: "Widgets are common [@report-2020, 4]."
  - short: Widgets are growing.
    text: "Widgets are growing."
"""
    assert brief_cli(project, "check").code == 0


def test_a_file_it_cannot_read_is_named_and_left_as_it_is(tmp_path, brief_cli):
    project = make_project(tmp_path / "p", "first-layout")
    (project / "content/data/broken.yaml").write_text("title: [unclosed\n")
    outside = tmp_path / "outside.yaml"
    outside.write_text((project / "content/data/widgets.yaml").read_text())
    (project / "content/data/widgets.yaml").unlink()
    (project / "content/data/widgets.yaml").symlink_to(outside)
    run = brief_cli(project, "upgrade")
    assert run.code == 1
    assert run.err.splitlines() == [
        f"brief: {project / 'content/data/broken.yaml'} was left as it is: it cannot be read as UTF-8 YAML "
        "text inside the project (brief check says why); fix it and run brief upgrade again",
        f"brief: {project / 'content/data/widgets.yaml'} was left as it is: it cannot be read as UTF-8 YAML "
        "text inside the project (brief check says why); fix it and run brief upgrade again"]
    assert '"{:,.0f}"' in outside.read_text()
    assert "short: Widgets are common." in (project / "content/brief.yaml").read_text()


def test_a_folder_that_is_not_a_project_is_refused(tmp_path, brief_cli):
    run = brief_cli(tmp_path, "upgrade")
    assert (run.code, run.err) == (2, f"brief: {tmp_path} has no content/ folder; run brief upgrade in a brief "
                                      "project or pass --project DIR\n")
