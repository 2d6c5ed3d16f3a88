"""Pandoc-style citations become Chicago notes (full, short, Ibid.) and a Sources list."""
import pytest

from brief.build import build
from conftest import make_project
from printedsources import sources
from prosedata import notes_of

HRW = ("Human Rights Watch, “Landmines: US Moves Closer Toward Global Ban,” Human Rights Watch, "
       "June 21, 2022, https://www.hrw.org/news/2022/06/21/landmines-us-moves-closer-toward-global-ban.")
PSAKI = ("Jen Psaki, “Landmine Policy: U.S. Underscores Commitment to the Spirit and Humanitarian Aims "
         "of the Ottawa Convention,” Press statement, U.S. Department of State, September 23, 2014, "
         "https://geneva.usmission.gov/2014/09/23/landmine-policy-u-s-underscores-commitment-to-the-"
         "spirit-and-humanitarian-aims-of-the-ottawa-convention/.")
DEEN = "Thalif Deen, “US Declares an Exception to Its New Policy Against the Use of Landmines,” IDN-InDepthNews, June 25, 2022."
ICBL = "International Campaign to Ban Landmines – Cluster Munition Coalition"

EXPECTED_NOTES = [
    HRW, "Ibid.", "Ibid., para. 4.",                                         # web page
    PSAKI, "Ibid.", "Ibid., para. 2.",                                       # press statement
    DEEN, "Ibid.", "Ibid., para. 9.",                                        # news article
    f"{ICBL}, Landmine Monitor 2025 (ICBL-CMC, 2025), 12.", "Ibid.", "Ibid., 40.",  # report
    "Human Rights Watch, “US Moves Closer.”",                                # short notes
    "Psaki, “Landmine Policy.”",
    f"See Deen, “US Declares an Exception”; {ICBL}, Landmine Monitor 2025, 7.",
    "“US Declares an Exception,” para. 3.",                                  # author named in text
    "An explanatory note.",
]

EXPECTED_SOURCES = [
    "Deen, Thalif. “US Declares an Exception to Its New Policy Against the Use of Landmines.” "
    "IDN-InDepthNews, June 25, 2022.",
    "Human Rights Watch. “Landmines: US Moves Closer Toward Global Ban.” Human Rights Watch, June 21, 2022. "
    "https://www.hrw.org/news/2022/06/21/landmines-us-moves-closer-toward-global-ban.",
    f"{ICBL}. Landmine Monitor 2025. ICBL-CMC, 2025.",
    "Psaki, Jen. “Landmine Policy: U.S. Underscores Commitment to the Spirit and Humanitarian Aims of the "
    "Ottawa Convention.” Press statement. U.S. Department of State, September 23, 2014. "
    "https://geneva.usmission.gov/2014/09/23/landmine-policy-u-s-underscores-commitment-to-the-spirit-and-"
    "humanitarian-aims-of-the-ottawa-convention/.",
]


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("cit") / "p", "citations")
    result = build(project)
    return project, result, (project / "build/brief.html").read_text()


def test_notes_first_short_ibid_and_locators(cited):
    project, _, _ = cited
    assert notes_of(project) == EXPECTED_NOTES


def test_sources_list_holds_exactly_the_cited_works_sorted(cited):
    _, _, page = cited
    assert sources(page) == EXPECTED_SOURCES


def test_pdf_sources_are_links(cited):
    from pypdf import PdfReader
    project, _, _ = cited
    reader = PdfReader(project / "build/brief.pdf")
    uris = {a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})}
    assert "https://www.hrw.org/news/2022/06/21/landmines-us-moves-closer-toward-global-ban" in uris


def test_changing_the_style_changes_every_note(cited, tmp_path):
    project, _, _ = cited
    other = make_project(tmp_path / "other", "citations")
    brief_yaml = other / "content/brief.yaml"
    brief_yaml.write_text(brief_yaml.read_text().replace("chicago-notes-bibliography-subsequent-ibid.csl",
                                                         "chicago-notes-bibliography.csl"))
    notes = notes_of(other)
    assert notes[0] == EXPECTED_NOTES[0]
    assert notes[1:3] == ["Human Rights Watch, “US Moves Closer.”", "Human Rights Watch, “US Moves Closer,” para. 4."]
    assert "Ibid." not in " ".join(notes)


def test_unchanged_brief_does_not_run_pandoc_again(cited, monkeypatch):
    project, first, _ = cited
    from brief.render import prose as notes_stage

    def fail(*args, **kwargs):
        raise AssertionError("pandoc ran although nothing changed")
    monkeypatch.setattr(notes_stage, "_run_pandoc", fail)
    again = build(project)
    assert again.cached["prose"] is True


def test_crowded_page_and_long_note_are_warnings_and_strict_fails(minimal, brief_cli):
    from test_content_errors import _break
    many = " ".join(f"Claim {chr(65 + i)} [@{'web-2021' if i % 2 else 'news-2018'}]." for i in range(8))
    _break(minimal, "content/sections/latest-developments.yaml", r"What happened recently \[@web-2021\]\.",
           many + " ^[" + "A very long aside. " * 40 + "]")
    run = brief_cli(minimal, "build")
    assert run.code == 0
    assert run.err.splitlines() == [
        "content/sections/latest-developments.yaml:3: warning: a note of 760 characters may not fit on one "
        "page; keep notes under 600",
        "build/brief.pdf: warning: page 5 has 11 notes; more than 6 slows layout and crowds the page; "
        "spread or merge citations",
    ]
    again = brief_cli(minimal, "build", "--verbose")  # the layout kept (outputs/pdf/kept.py) says its warning again
    assert again.err == run.err and "  kept      " in again.out
    assert brief_cli(minimal, "build", "--strict").code == 1


def test_uncited_source_is_a_warning(minimal, brief_cli):
    sources = minimal / "content/sources.yaml"
    sources.write_text(sources.read_text() + """  - id: unused-2020
    type: report
    title: Never Cited
    publisher: Nobody
    issued: {date-parts: [[2020]]}
""")
    run = brief_cli(minimal, "check")
    assert run.code == 0
    assert run.err == "content/sources.yaml:34: warning: source 'unused-2020' is never cited\n"
