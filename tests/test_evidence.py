"""The evidence check: quotations and figures against archive excerpts, with exact messages and
exact rows of build/evidence.html; --strict fails on anything unverified, PDF untouched."""
import html
import re

import pytest

from printedsources import sources
from test_content_errors import _break

LATEST = "content/sections/latest-developments.yaml"
WHERE = "content/sections/latest-developments.yaml:3"
SUMMARY = "brief: {} error(s), {} warning(s); build/brief.pdf was not changed"


def _say(project, sentence):
    _break(project, LATEST, r"What happened recently \[@web-2021\]\.", sentence)


def _cells(row):
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", c))).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def report_rows(project, table="claims"):
    """Rows of the report's claims table (or its 'attention' table) as lists of cell texts."""
    page = (project / "build/evidence.html").read_text()
    start = page.index(f'id="{table}"')
    end = page.find("<h2", start + 1)
    return [_cells(r) for r in re.findall(r"<tr>(.*?)</tr>", page[start:end], re.S) if "<td" in r]


def _row(project, text):
    return next(r for r in report_rows(project) if r[1] == text)


ERRORS = {
    "not in the archive": (
        "The agency called widgets “great for everyone” [@press-2019].",
        f"{WHERE}: quotation “great for everyone” is not in the archive of press-2019; the closest passage "
        "(press-2019.txt:7) is “The agency said widgets are \"good for everyone\" today.”"),
    "reported speech": (
        "Doe said the agency will “double its budget for widget research” [@press-2019].",
        f"{WHERE}: “double its budget for widget research” is reported speech, not a quotation: press-2019 "
        "reports it as speech (“…said…”); remove the quotation marks or quote the original"),
    "marks wider than the source's": (
        "The agency said “widgets are good for everyone” [@press-2019].",
        f"{WHERE}: the quotation marks around “widgets are good for everyone” span more than the source's: "
        "press-2019 quotes only “good for everyone”; put them around the quoted words only"),
}

WARNINGS = {
    "a number absent from the cited source": (
        "The agency counted 5,000 widgets [@press-2019].",
        f"{WHERE}: warning: figure '5,000' is not in the archive of press-2019"),
    "a number only in another, uncited source": (
        "The agency counted 1,850 widgets [@press-2019].",
        f"{WHERE}: warning: figure '1,850' is not in the archive of press-2019; it is in report-2020, "
        "which this sentence does not cite"),
    "an unverifiable quotation": (
        "A newspaper called them “the future” [@news-2018].",
        f"{WHERE}: warning: quotation “the future” cannot be checked: no source cited for it (news-2018) "
        "has an archive excerpt"),
}


@pytest.mark.parametrize("case", ERRORS)
def test_a_false_quotation_is_an_error_the_pdf_is_kept_and_the_report_says_why(case, built, brief_cli):
    project, pdf = built
    sentence, message = ERRORS[case]
    _say(project, sentence)
    run = brief_cli(project, "build")
    assert run.code == 1
    lines = run.err.splitlines()
    assert lines[0] == message
    assert lines[-1] == SUMMARY.format(1, 0)
    assert lines[-2].startswith("evidence: ") and lines[-2].endswith(" (build/evidence.html)")
    assert (project / "build/brief.pdf").read_bytes() == pdf
    attention = report_rows(project, "attention")
    assert attention[0][0] == WHERE and attention[0][1] == "quotation"


@pytest.mark.parametrize("case", WARNINGS)
def test_an_unverified_figure_or_quotation_warns_and_strict_fails_with_the_pdf_kept(case, built, brief_cli):
    project, pdf = built
    sentence, message = WARNINGS[case]
    _say(project, sentence)
    checked = brief_cli(project, "check")
    assert checked.code == 0
    assert checked.err.splitlines() == [message]
    strict = brief_cli(project, "build", "--strict")
    assert strict.code == 1
    assert strict.err.splitlines()[0] == message
    assert strict.err.splitlines()[-1] == SUMMARY.format(0, 1)
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_report_rows_for_each_status(built, brief_cli):
    project, _ = built
    _say(project, "Doe said “every town should have one … soon” [@press-2019]. The agency counted 4,200 "
                  "widgets in 2019 [@press-2019]. That is [about 650 more by our count]{.own} "
                  "[@report-2020]. The agency counted 1,850 widgets [@press-2019].")
    run = brief_cli(project, "check")
    assert run.code == 0
    assert _row(project, "every town should have one … soon") == [
        "quotation", "every town should have one … soon", "quoted by the source (press-2019)", "press-2019",
        "press-2019.txt:10: “Jane Doe, the director, said the agency counted 4,200 widgets in 2019 and that "
        "\"every town should have one, and soon.\"”"]
    assert _row(project, "4,200") == [
        "figure", "4,200", "verified (press-2019)", "press-2019",
        "press-2019.txt:10: “Jane Doe, the director, said the agency counted 4,200 widgets in 2019 and that "
        "\"every town should have one, and soon.\"”"]
    assert _row(project, "650") == ["figure", "650", "our arithmetic", "report-2020", ""]
    assert _row(project, "{{data:widgets.count}}") == [
        "figure", "{{data:widgets.count}}", "from data (widgets.count)", "report-2020", ""]
    assert _row(project, "1,850") == [
        "figure", "1,850", "not found (it is in report-2020, which this sentence does not cite)", "press-2019", ""]
    assert run.out.splitlines()[0] == (
        "evidence: 2/2 quotations verified (2 against the source's text, 0 against notes only), 5/6 figures "
        "verified, 0 unverifiable, 1 not in their sources, 3/3 data points verified (build/evidence.html)")


def test_sources_print_their_note_and_where_they_were_read(built, brief_cli):
    project, _ = built
    _break(project, "content/sources.yaml", r"    container-title: The Daily Example\n",
           "    container-title: The Daily Example\n    note: Quoted from the print edition.\n"
           "    read-at: https://mirror.example.net/widgets-take-over\n")
    assert brief_cli(project, "build").code == 0
    entry = next(e for e in sources((project / "build/brief.html").read_text()) if e.startswith("Roe"))
    assert entry.endswith("The Daily Example, February 3, 2018. Quoted from the print edition. "
                          "Read at https://mirror.example.net/widgets-take-over.")


def test_an_excerpt_read_in_a_repost_is_disclosed_in_sources(built, brief_cli):
    project, _ = built
    excerpt = project / "content/archive/press-2019.txt"
    excerpt.write_text(excerpt.read_text().replace("read at: https://example.org/press",
                                                   "read at: https://scraper.example.com/press-copy")
                       .replace("copy: original", "copy: repost"))
    assert brief_cli(project, "build").code == 0
    entry = next(e for e in sources((project / "build/brief.html").read_text()) if e.startswith("Doe"))
    assert entry.endswith("https://example.org/press. Read in a repost at https://scraper.example.com/press-copy.")


def test_an_excerpt_without_its_header_is_refused_at_its_line(built, brief_cli):
    project, _ = built
    (project / "content/archive/press-2019.txt").write_text("The agency said widgets are good.\n")
    run = brief_cli(project, "check")
    assert run.code == 1
    assert run.err.splitlines()[0] == (
        "content/archive/press-2019.txt:1: an archive excerpt starts with a header (title, read at, copy, "
        "read on, copied from), then a line '---', then the passages (older layouts had none: brief upgrade "
        "writes one)")


ARCHIVE_NAMES = {
    # A wrong name beside a good one used to turn the whole list into CSL's 'archive' variable,
    # silently dropping the good excerpt.
    "a path beside a good name": (
        "archive: [report-2020.txt, ../notes/x.txt]",
        "content/sources.yaml:2: 'archive' of 'report-2020' names '../notes/x.txt', which is not an excerpt "
        "file; give the name of a .txt file in content/archive/ (no folders)"),
    "a misspelt extension": (
        "archive: report-2020.text",
        "content/sources.yaml:2: 'archive' of 'report-2020' names 'report-2020.text', which is not an "
        "excerpt file; give the name of a .txt file in content/archive/ (no folders)"),
    "a missing file": (
        "archive: report-2021.txt",
        "content/sources.yaml:2: archive excerpt 'report-2021.txt' of 'report-2020' is not in content/archive; "
        "add the file there or remove its name from 'archive'"),
}


@pytest.mark.parametrize("case", ARCHIVE_NAMES)
def test_an_archive_name_that_is_not_an_excerpt_file_is_an_error(case, built, brief_cli):
    project, _ = built
    replacement, expected = ARCHIVE_NAMES[case]
    _break(project, "content/sources.yaml", r"^    archive: report-2020\.txt$", "    " + replacement)
    run = brief_cli(project, "check")
    assert (run.code, run.err.splitlines()[0]) == (1, expected)
    assert sum(line.startswith("content/") for line in run.err.splitlines()) == 1


# --- excerpts found by name ----------------------------------------------------------------

def test_excerpts_named_after_their_source_need_no_archive_field(built, brief_cli):
    project, _ = built
    before = brief_cli(project, "check")
    (project / "content/archive/report-2020.txt").rename(project / "content/archive/report-2020-1.txt")
    sources_file = project / "content/sources.yaml"
    sources_file.write_text(re.sub(r"^    archive: .*\n", "", sources_file.read_text(), flags=re.M))
    after = brief_cli(project, "check")
    assert (after.code, after.err) == (0, "")
    assert after.out == before.out


def test_an_excerpt_naming_its_source_belongs_to_it_whatever_its_file_name(built, brief_cli):
    project, _ = built
    before = brief_cli(project, "check")
    archive = project / "content/archive"
    text = (archive / "press-2019.txt").read_text()
    (archive / "press-2019.txt").unlink()
    (archive / "agency-statement.txt").write_text(text.replace("\n", "\nsource: press-2019\n", 1))
    sources_file = project / "content/sources.yaml"
    sources_file.write_text(re.sub(r"^    archive: .*\n", "", sources_file.read_text(), flags=re.M))
    after = brief_cli(project, "check")
    assert (after.code, after.err) == (0, "")
    assert after.out == before.out


def test_an_excerpt_naming_an_unknown_source_is_an_error(built, brief_cli):
    project, _ = built
    excerpt = project / "content/archive/press-2019.txt"
    excerpt.write_text(excerpt.read_text().replace("\n", "\nsource: pres-2019\n", 1))
    run = brief_cli(project, "check")
    assert run.err.splitlines()[0] == (
        "content/archive/press-2019.txt:2: 'source: pres-2019' names no source in content/sources.yaml; "
        "give a source's citation key; did you mean 'press-2019'?")


def test_the_real_brief_s_sources_carry_no_field_of_its_own_so_a_re_export_keeps_its_counts(tmp_path, brief_cli):
    """Its excerpts are linked by their names or their `source:` lines, not by `archive:` in the
    sources, which a reference manager's re-export would drop: the sources written as Zotero
    writes them (a tab-indented CSL JSON array) give the same evidence."""
    import json
    import yaml
    from conftest import make_project

    project = make_project(tmp_path / "real")
    before = brief_cli(project, "check")
    sources_file = project / "content/sources.yaml"
    references = yaml.safe_load(sources_file.read_text())["references"]
    assert not [r["id"] for r in references if {"archive", "read-at", "unarchived"} & set(r)]
    sources_file.unlink()
    (project / "content/sources.json").write_text(json.dumps(references, indent="\t", default=str))
    after = brief_cli(project, "check")
    assert (after.code, after.err) == (before.code, before.err)
    assert after.out.splitlines()[0] == before.out.splitlines()[0]
    assert before.out.startswith("evidence: ")


# --- where each excerpt came from ------------------------------------------------------------

PROVENANCE = {  # what an excerpt's `copied from:` says -> counted as the source's text or notes
    "stored page": "source", "the agency's web page": "source", "a PDF of the report": "source",
    "print copy, p. 4": "source", "seed": "source", "the repost at example.net": "source",
    "facts.md X1": "notes", "research/notes.txt": "notes", "our notes of the call": "notes",
    "the fact base": "notes", "a summary of the page": "notes", "memory": "notes",
    "something else": "notes",
}


@pytest.mark.parametrize("copied_from", PROVENANCE)
def test_copied_from_says_whether_an_excerpt_is_the_sources_text_or_notes(copied_from):
    from brief.evidence.excerpts import provenance
    assert provenance(copied_from) == PROVENANCE[copied_from]


def _copied_from(project, name, value):
    excerpt = project / "content/archive" / name
    excerpt.write_text(re.sub(r"^copied from: .*$", f"copied from: {value}", excerpt.read_text(), flags=re.M))


def test_the_summary_counts_quotations_verified_against_the_sources_text_and_notes_apart(built, brief_cli):
    project, pdf = built
    checked = brief_cli(project, "check")
    assert checked.out.splitlines()[0] == (
        "evidence: 1/1 quotations verified (1 against the source's text, 0 against notes only), "
        "2/2 figures verified, 0 unverifiable, 3/3 data points verified (build/evidence.html)")
    _copied_from(project, "press-2019.txt", "facts.md F3")
    _copied_from(project, "report-2020.txt", "our notes of the report")
    checked = brief_cli(project, "check")
    assert checked.code == 0
    assert checked.out.splitlines()[0] == (
        "evidence: 1/1 quotations verified (0 against the source's text, 1 against notes only), "
        "2/2 figures verified, 0 unverifiable, 3/3 data points verified (3 against notes only) "
        "(build/evidence.html)")
    assert checked.err.splitlines() == [
        "content/archive/press-2019.txt:5: warning: quotation “good for everyone” "
        "(content/sections/background.yaml:9) is verified only against this excerpt, which was copied from "
        "the project's notes ('facts.md F3'), not from the source; copy the passage from the source itself "
        "(its page, a PDF, a print copy) and say so in 'copied from'",
        "content/archive/report-2020.txt:5: warning: the 3 values of series 'count' (content/data/widgets.yaml:8) "
        "are verified only against this excerpt, which was copied from the project's notes ('our notes of the "
        "report'), not from the source; copy the passage from the source itself (its page, a PDF, a print "
        "copy) and say so in 'copied from'"]
    strict = brief_cli(project, "build", "--strict")
    assert strict.code == 1
    assert strict.err.splitlines()[0].startswith("content/archive/press-2019.txt:5: warning: quotation")
    assert (project / "build/brief.pdf").read_bytes() == pdf
    attention = report_rows(project, "attention")
    assert attention[0][:4] == ["content/sections/background.yaml:9", "quotation", "good for everyone",
                                "quoted by the source (press-2019), against notes only"]


def test_a_quotation_in_the_sources_text_and_in_notes_counts_as_the_sources_text(built, brief_cli):
    project, _ = built
    notes = project / "content/archive/press-2019-2.txt"
    notes.write_text((project / "content/archive/press-2019.txt").read_text()
                     .replace("copied from: the agency's web page", "copied from: facts.md F3"))
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err) == (0, "")
    assert "(1 against the source's text, 0 against notes only)" in checked.out


# --- gaps: omissions marked […] inside an excerpt -------------------------------------------

def _add_passage(project, name, passage):
    excerpt = project / "content/archive" / name
    excerpt.write_text(excerpt.read_text().rstrip("\n") + "\n\n" + passage + "\n")


def test_a_quotation_or_date_across_a_marked_omission_is_not_verified(built, brief_cli):
    project, pdf = built
    _add_passage(project, "press-2019.txt", "The council met in 2021. […] On March 3 it voted to fund widgets for all.")
    _say(project, "The council “met in 2021 … voted to fund widgets” [@press-2019]. "
                  "It voted on March 3, 2021 [@press-2019].")
    run = brief_cli(project, "check")
    assert run.code == 0
    assert run.err.splitlines() == [
        f"{WHERE}: warning: quotation “met in 2021 … voted to fund widgets” is not verified: its words are on "
        "both sides of an omission ([…]) in press-2019.txt:14; copy what was left out into the excerpt, or "
        "quote one side only",
        f"{WHERE}: warning: figure 'March 3, 2021' is not verified: its parts are on both sides of an omission "
        "([…]) in press-2019.txt:14; copy what was left out into the excerpt, or cite a passage that has "
        "it whole"]
    assert "2 across a gap" in run.out
    strict = brief_cli(project, "build", "--strict")
    assert strict.code == 1 and (project / "build/brief.pdf").read_bytes() == pdf
    assert [r[3] for r in report_rows(project, "attention")] == ["spans a gap", "spans a gap"]


def test_passages_without_a_marked_omission_between_them_read_as_one_text(built, brief_cli):
    project, _ = built
    _add_passage(project, "press-2019.txt", "The council met in 2021.\n\nOn March 3 it voted to fund widgets for all.")
    _say(project, "The council “met in 2021 … voted to fund widgets” [@press-2019]. "
                  "It voted on March 3, 2021 [@press-2019].")
    run = brief_cli(project, "check")
    assert (run.code, run.err) == (0, "")


def test_two_excerpt_files_of_one_source_are_separated_by_a_gap(built, brief_cli):
    project, _ = built
    second = project / "content/archive/press-2019-2.txt"
    second.write_text((project / "content/archive/press-2019.txt").read_text().split("---")[0]
                      + "---\nOn March 3 it voted to fund widgets for all.\n")
    _add_passage(project, "press-2019.txt", "The council met in 2021.")
    _say(project, "The council “met in 2021 … voted to fund widgets” [@press-2019].")
    run = brief_cli(project, "check")
    assert run.err.splitlines() == [
        f"{WHERE}: warning: quotation “met in 2021 … voted to fund widgets” is not verified: its words are in "
        "two excerpts of press-2019 (press-2019.txt, press-2019-2.txt), and what lies between them is not "
        "known; copy what was left out into the excerpt, or quote one side only"]


def test_the_report_counts_each_excerpts_gaps(built, brief_cli):
    project, _ = built
    _add_passage(project, "press-2019.txt", "The council met. […] It voted. [...] It adjourned.\n\n[…]\n\nLater it met again.")
    assert brief_cli(project, "check").code == 0
    page = (project / "build/evidence.html").read_text()
    press = re.search(r"<code>press-2019\.txt</code>:([^<]*)</div>", page)[1]
    assert press.endswith("; 5 passages, 3 gaps"), press
    report = re.search(r"<code>report-2020\.txt</code>:([^<]*)</div>", page)[1]
    assert report.endswith("; 2 passages, 0 gaps"), report


# --- what the sources say that the brief does not use ---------------------------------------

def unused_rows(project, source_id):
    """The report's 'not used' list for one source, as item texts, and its 'used' line."""
    page = (project / "build/evidence.html").read_text()
    block = re.search(rf'<section class="use" id="use-{source_id}">(.*?)</section>', page, re.S)[1]
    items = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", li))).strip()
             for li in re.findall(r"<li>(.*?)</li>", block, re.S)]
    used = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<p class="used">(.*?)</p>',
                                                                                   block, re.S)[1]))).strip()
    return used, items


def test_a_figure_added_to_a_cited_excerpt_is_listed_as_not_used(built, brief_cli):
    project, _ = built
    assert brief_cli(project, "check").code == 0
    assert unused_rows(project, "press-2019") == (
        "Used: “good for everyone”", [
            "figure 4,200 “Jane Doe, the director, said the agency counted 4,200 widgets in 2019 and that \"every "
            "town should have one, and soon.\"” press-2019.txt:10"])
    _add_passage(project, "press-2019.txt", "Residents filed 37 complaints in 2019. The agency was pleased. "
                                            "It had no budget for repairs. It grew, but slowly.")
    assert brief_cli(project, "check").code == 0
    used, items = unused_rows(project, "press-2019")
    assert items == [
        "figure 4,200 “Jane Doe, the director, said the agency counted 4,200 widgets in 2019 and that \"every "
        "town should have one, and soon.\"” press-2019.txt:10",
        "figure 37 “Residents filed 37 complaints in 2019.” press-2019.txt:14",
        "negation “It had no budget for repairs.” press-2019.txt:14",
        "contrast “It grew, but slowly.” press-2019.txt:14"]


def test_what_the_brief_uses_from_a_source_is_not_listed_as_not_used(built, brief_cli):
    project, _ = built
    _say(project, "Doe said the agency counted 4,200 widgets in 2019 [@press-2019].")
    assert brief_cli(project, "check").code == 0
    assert unused_rows(project, "press-2019") == ("Used: “good for everyone” · 4,200 · 2019", [])
    assert unused_rows(project, "report-2020") == ("Used: series count (3 values)", [])
