"""How far the evidence reaches: the date it runs to, printed beside the edition date and kept in
the PDF's metadata, a warning when the edition claims more currency than its evidence; and the
one place for what the brief could not establish."""
import re

import pytest
from pypdf import PdfReader

from pdftext import all_text, page_lines
from test_content_errors import _break

BRIEF = "content/brief.yaml"
SUMMARY = "brief: {} error(s), {} warning(s); build/brief.pdf was not changed"


def _lines(pdf, page):
    return page_lines(PdfReader(pdf).pages[page])


def _web_edition(project):
    page = (project / "build/web/index.html").read_text()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r'<p class="edition">(.*?)</p>', page, re.S)[1]))


def test_the_date_the_evidence_runs_to_is_printed_beside_the_edition_and_kept_in_the_pdf(built):
    project, _ = built
    pdf = project / "build/brief.pdf"
    # the newest cited source or development: the census of December 10, 2025
    assert "Edition of January 15, 2026 · Evidence as of December 10, 2025" in _lines(pdf, 0)
    assert _lines(pdf, 1)[0] == ("Example Policy Desk · Policy Brief · January 15, 2026 · Evidence as of "
                                 "December 10, 2025").upper()  # the leave-behind's top line is in capitals
    assert _lines(project / "build/brief-onepage.pdf", 0)[0] == _lines(pdf, 1)[0]
    assert _web_edition(project) == "Edition of January 15, 2026 · Evidence as of December 10, 2025"
    assert PdfReader(pdf).metadata["/EvidenceAsOf"] == "2025-12-10"
    assert ("Edition of January 15, 2026. Published by Example Policy Desk. Evidence as of December 10, "
            "2025. 1 quotation verified: 1 against the source's own text, 0 against notes only.") in all_text(
        PdfReader(pdf))


def test_an_edition_a_year_past_its_newest_source_gives_the_currency_warning(built, brief_cli):
    project, pdf = built
    _break(project, BRIEF, r"^edition: 2026-01-15", "edition: 2026-12-10")
    checked = brief_cli(project, "check")
    assert checked.code == 0
    assert checked.err.splitlines() == [
        "content/brief.yaml:5: warning: the edition (December 10, 2026) is 365 days after the date the evidence "
        "runs to (December 10, 2025): the brief claims more currency than its evidence, whose newest source "
        "or development is dated December 10, 2025 (development 'Widget census published'); find what has "
        "happened since, or, if you searched and found nothing newer, state that search's date in "
        "'evidence_as_of'"]
    strict = brief_cli(project, "build", "--strict")
    assert strict.code == 1
    assert strict.err.splitlines()[-1] == SUMMARY.format(0, 1)
    assert (project / "build/brief.pdf").read_bytes() == pdf


STATED = {
    "older than a development": (
        "evidence_as_of: 2025-11-30",
        "content/brief.yaml:6: warning: 'evidence_as_of' is November 30, 2025, but 1 cited source or "
        "development is newer: development 'Widget census published' (December 10, 2025); set it to December "
        "10, 2025 or later"),
    "later than any excerpt was read": (
        "evidence_as_of: 2026-01-12",
        "content/brief.yaml:6: warning: 'evidence_as_of' is January 12, 2026, but no excerpt of a cited source "
        "was read after January 10, 2026: the evidence cannot reach further than it was read; set it to "
        "January 10, 2026 or earlier"),
}


@pytest.mark.parametrize("case", STATED)
def test_a_stated_evidence_date_is_checked(case, built, brief_cli):
    project, _ = built
    line, message = STATED[case]
    _break(project, BRIEF, r"^edition: 2026-01-15\n", f"edition: 2026-01-15\n{line}\n")
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()) == (0, [message])


def test_a_stated_evidence_date_is_what_the_editions_print(built, brief_cli):
    project, _ = built
    _break(project, BRIEF, r"^edition: 2026-01-15\n", "edition: 2026-01-15\nevidence_as_of: 2026-01-10\n")
    run = brief_cli(project, "build")
    assert (run.code, run.err) == (0, "")
    pdf = project / "build/brief.pdf"
    assert ("Edition of January 15, 2026 · Evidence as of January 10, 2026 (newest source December 10, 2025)"
            in _lines(pdf, 0))
    assert PdfReader(pdf).metadata["/EvidenceAsOf"] == "2026-01-10"
    assert ("Evidence as of January 10, 2026. The newest source or development is dated December 10, 2025."
            in all_text(PdfReader(pdf)))


@pytest.mark.parametrize("language, printed", [
    ("en-GB", "Evidence as of 10 December 2025"), ("de-DE", "Stand der Belege: 10. Dezember 2025"),
    ("fr-FR", "Sources arrêtées au 10 décembre 2025"), ("es-ES", "Fuentes a fecha de 10 de diciembre de 2025")])
def test_every_shipped_language_has_its_own_words_for_how_far_the_evidence_reaches(language, printed):
    import datetime as dt

    import yaml
    from brief.look.strings import load_strings
    from brief.look.theme import DEFAULT_THEME
    own = yaml.safe_load((DEFAULT_THEME / "strings" / f"{language[:2]}.yaml").read_text(encoding="utf-8"))
    english = yaml.safe_load((DEFAULT_THEME / "strings" / "en.yaml").read_text(encoding="utf-8"))
    keys = ("evidence_as_of", "evidence_newest", "quotations_verified")
    assert all(key in own for key in keys) and all(key in english for key in keys)
    strings = load_strings(DEFAULT_THEME / "nowhere", language)
    assert strings("evidence_as_of", date=strings.date(dt.date(2025, 12, 10))) == printed


# --- one place for what the brief could not establish -----------------------------------------

UNKNOWNS = ("could_not_establish:\n"
            "  - Whether widgets last longer than a decade [@report-2020].\n"
            "  - What the agency meant by \"every town should have one\"; we could not establish its budget "
            "[@press-2019].\n")


def _box(page: str, tag: str) -> str:
    block = re.search(rf'<{tag} class="unknowns"[^>]*>(.*?)</{tag}>', page, re.S)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)).strip()


def test_what_the_brief_could_not_establish_is_one_box_in_the_brief_and_the_web_edition(built, brief_cli):
    project, _ = built
    _break(project, BRIEF, r"^recommendations:", UNKNOWNS + "recommendations:")
    run = brief_cli(project, "build")
    assert (run.code, run.err) == (0, "")
    printed = _box((project / "build/brief.html").read_text(), "aside")
    assert printed.startswith("What we could not establish Whether widgets last longer than a decade")
    assert "we could not establish its budget" in printed
    web = _box((project / "build/web/index.html").read_text(), "aside")
    assert web.startswith("What we could not establish Whether widgets last longer than a decade")
    text = all_text(PdfReader(project / "build/brief.pdf"))
    assert "Widgets are growing . WHAT WE COULD NOT ESTABLISH" in text  # its title in capitals, after the findings
    assert "Whether widgets last longer than a decade ." in text
    # after the findings (notes 1 to 3) and before the asks (note 6): its citations are notes 4 and 5
    html = (project / "build/brief.html").read_text()
    box = re.search(r'<aside class="unknowns".*?</aside>', html, re.S)[0]
    assert re.findall(r'id="call-(\d+)"', box) == ["4", "5"]
    assert re.findall(r'id="call-(\d+)"', html[html.index('id="recommendations"'):])[:1] == ["6"]


def test_saying_what_could_not_be_established_outside_the_box_warns_past_the_limit(built, brief_cli):
    project, _ = built
    _break(project, BRIEF, r"^recommendations:", UNKNOWNS + "recommendations:")
    _break(project, BRIEF, r"^about: This fixture exists for tests.",
           "about: This fixture exists for tests. Its cost is not known.\nprose_check: {unknown_limit: 1}")
    _break(project, "content/sections/latest-developments.yaml", r"What happened recently \[@web-2021\]\.",
           "We found no record of what happened recently [@web-2021].")
    run = brief_cli(project, "check")
    assert run.err.splitlines() == [
        "content/sections/latest-developments.yaml:3: warning: the brief says what it could not establish 2 "
        "times outside 'could_not_establish' (the limit, prose_check.unknown_limit, is 1): “We found no” "
        "here, and “not known” at content/brief.yaml:26; gather them in brief.yaml's 'could_not_establish', "
        "which prints them as one box"]


@pytest.mark.parametrize("language, text, count", [
    ("en-US", "We could not establish its terms. Nor did we find its review; we found no count. Its status "
              "is not known, its origin unknown and its future unclear. We could not confirm it.", 7),
    ("de-DE", "Seine Bedingungen konnten wir nicht feststellen. Wir fanden keine Zählung. Der Stand ist "
              "nicht bekannt, die Herkunft unbekannt.", 4),
    ("fr-FR", "Nous n’avons pas pu établir ses termes. Nous n'avons trouvé aucun décompte. Son statut "
              "n'est pas connu ; on ignore son origine.", 4),
    ("es-ES", "No pudimos establecer sus términos. No encontramos ningún recuento. No se sabe su estado "
              "y se desconoce su origen.", 4),
    ("en-US", "We found that it was known. The count is not in dispute.", 0),
])
def test_what_could_not_be_established_is_recognised_in_every_shipped_language(language, text, count):
    from brief.evidence.readability import unknown_statements
    assert len(unknown_statements(text, language)) == count
