"""Editions: a brief and its translation from one project (tests/fixtures/korean: the `brief new`
starter with `editions: [en-US, ko-KR]` and a Korean translation in content/ko-KR/)."""
import re
import shutil
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader

import browser
import pdfua_checks
from brief.build import Options, build
from conftest import make_project
from pdftext import page_lines
from structtext import structure
from test_web import WCAG

KO = "content/ko-KR"


@pytest.fixture
def korean(tmp_path):
    return make_project(tmp_path / "korean", "korean")


def edit(project, name, old, new):
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(run) -> list[str]:
    return [line for line in run.err.splitlines() if not line.startswith("brief:")]


def test_the_fixture_s_translation_is_whole_and_stamped(korean, brief_cli):
    run = brief_cli(korean, "check")
    assert (run.code, run.err) == (0, "")
    assert "content OK (0 warnings)" in run.out


def test_missing_and_extra_pieces_are_errors_at_their_place(korean, brief_cli):
    (korean / KO / "sections/latest.yaml").unlink()
    shutil.copy(korean / KO / "charts/trees-planted.yaml", korean / KO / "charts/old-chart.yaml")
    edit(korean, f"{KO}/brief.yaml", "subtitle: brief new가 만든 예시 보고서. 모든 줄을 직접 쓴 내용으로 바꾸십시오\n", "")
    edit(korean, f"{KO}/brief.yaml", "publisher: 예시 정책 데스크\n",
         "publisher: 예시 정책 데스크\nedition: 2026-01-15\ncontact: 연락처\n")
    edit(korean, f"{KO}/brief.yaml", "keywords: [예시, 보고서]", "keywords: [예시]")
    edit(korean, f"{KO}/brief.yaml", "  - id: plant\n", "  - id: plantt\n")
    edit(korean, f"{KO}/developments.yaml", "- title:", "- date: 2025-11-03\n  title:")
    run = brief_cli(korean, "check")
    assert run.code == 1
    assert errors(run) == [
        "content/ko-KR/charts/old-chart.yaml: translates nothing: there is no charts/old-chart.yaml; remove the "
        "file or give it the name of the original it translates",
        "content/ko-KR/sections/latest.yaml: is missing: the ko-KR translation of content/sections/latest.yaml; "
        "add it, with that file's text fields translated",
        "content/ko-KR/brief.yaml:2: the translation of this brief.yaml has no 'subtitle' (content/brief.yaml:5); "
        "add the translated text",
        "content/ko-KR/brief.yaml:5: 'edition' is shared from the original (ids, dates, numbers, sources and "
        "settings are not translated); remove it from the translation",
        "content/ko-KR/brief.yaml:6: 'contact' is not in the original (content/brief.yaml:4); remove it from "
        "the translation",
        "content/ko-KR/brief.yaml:8: 'keywords' has 1 item but the original has 2 (content/brief.yaml:12): "
        "item 2 is missing; translate each item, in the original's order",
        "content/ko-KR/brief.yaml:16: 'recommendations' has no translation of 'plant'; add it, with its 'id'",
        "content/ko-KR/brief.yaml:16: recommendation 'plantt' is not in the original; remove it or give the "
        "original's id; did you mean 'plant'?",
        "content/ko-KR/developments.yaml:2: 'date' is shared from the original (ids, dates, numbers, sources "
        "and settings are not translated); remove it from the translation",
    ]


def test_a_list_without_ids_must_have_the_original_s_length(korean, brief_cli):
    edit(korean, f"{KO}/developments.yaml", "  summary: 수치는 11월에 발표되었다 [@example-statement].\n",
         "  summary: 수치는 11월에 발표되었다 [@example-statement].\n- title: 둘째\n  summary: 둘째 항목.\n")
    run = brief_cli(korean, "check")
    assert errors(run) == [
        "content/ko-KR/developments.yaml:2: 'developments' has 2 items but the original has 1 "
        "(content/developments.yaml:1): item 2 has no original; remove it; translate each item, in the "
        "original's order"]


def test_a_translation_must_give_each_quotation_of_the_original_once(korean, brief_cli):
    edit(korean, f"{KO}/sections/background.yaml", "“더 시원하고 차분하게”", "“더 시원하고” “차분하게”")
    run = brief_cli(korean, "check")
    assert errors(run) == [
        "content/ko-KR/sections/background.yaml:4: 'body' has 2 quotations but the original has 1 "
        "(content/sections/background.yaml:5); translate each quotation of the original, in order, as one "
        "quotation in quotation marks, and add none"]
    edit(korean, f"{KO}/sections/background.yaml", "“더 시원하고” “차분하게”", "더 시원하고 차분하게")
    assert errors(brief_cli(korean, "check"))[0].startswith(
        "content/ko-KR/sections/background.yaml:4: 'body' has 0 quotations but the original has 1 ")


def test_changing_a_sentence_of_the_original_names_the_translation_now_out_of_date(korean, brief_cli):
    edit(korean, "content/sections/background.yaml", "Children play outside for longer",
         "Children play outside for much longer")
    edit(korean, "charts/trees-planted.yaml", "kind: bar", "kind: line")  # a setting: the translation stays current
    run = brief_cli(korean, "check")
    assert run.code == 0
    assert run.err.splitlines() == [
        "content/ko-KR/sections/background.yaml:1: warning: this translation is older than "
        "content/sections/background.yaml, whose text has changed since; update the translation, then run "
        "'brief translated ko-KR'"]
    assert brief_cli(korean, "check", "--strict").code == 1


def test_a_character_the_korean_faces_cannot_draw_is_a_warning_where_the_translation_has_it(korean, brief_cli):
    edit(korean, f"{KO}/brief.yaml", "short_title: 도시의 그늘", "short_title: 도시의 그늘 ☃")
    edit(korean, f"{KO}/developments.yaml", "  summary: 수치는", "  summary: ☃ 수치는")
    assert sorted(brief_cli(korean, "check").err.splitlines()) == [
        f"content/ko-KR/{name}: warning: the bundled fonts cannot draw '☃' (U+2603); remove them or add a font "
        "that has them to templates/fonts/" for name in ("brief.yaml:4", "developments.yaml:3")]


def test_a_translated_state_must_be_the_translation_of_its_state_in_the_states_chart(korean, brief_cli):
    (korean / "charts/policy.yaml").write_text(
        "kind: states\ntitle: The policy changes\nstates: [Low, High]\ncaption: The policy.\n"
        "source: \"[@example-statement]\"\n", encoding="utf-8")
    (korean / KO / "charts/policy.yaml").write_text(
        "title: 정책이 바뀐다\nstates: [낮음, 높음]\ncaption: 정책.\nsource: \"[@example-statement]\"\n",
        encoding="utf-8")
    edit(korean, "content/sections/latest.yaml", "developments.yaml.\n", "developments.yaml.\n\n  {{figure:policy}}\n")
    edit(korean, f"{KO}/sections/latest.yaml", "에서 온다.\n", "에서 온다.\n\n  {{figure:policy}}\n")
    edit(korean, "content/developments.yaml", "  summary:", "  state: High\n  summary:")
    edit(korean, f"{KO}/developments.yaml", "  summary:", "  state: 낮음\n  summary:")
    assert errors(brief_cli(korean, "check")) == [
        "content/ko-KR/developments.yaml:2: 'state' must be '높음', the translation of 'High' in the states "
        "chart's translation; use the same words"]
    edit(korean, f"{KO}/developments.yaml", "  state: 낮음", "  state: 높음")
    assert brief_cli(korean, "check").code == 0


def test_brief_translated_stamps_each_file_and_only_a_whole_translation(korean, brief_cli, capsys):
    from brief.cli import main
    for path in (korean / KO).rglob("*.yaml"):
        path.write_text(re.sub(r"^# translates: \w+\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    run = brief_cli(korean, "check")
    assert sorted(run.err.splitlines()) == sorted(
        f"content/ko-KR/{name}:1: warning: this translation of {original} is not stamped; once it translates "
        "the original's current text, run 'brief translated ko-KR'"
        for name, original in [("brief.yaml", "content/brief.yaml"), ("developments.yaml", "content/developments.yaml"),
                               ("sections/background.yaml", "content/sections/background.yaml"),
                               ("sections/latest.yaml", "content/sections/latest.yaml"),
                               ("charts/trees-planted.yaml", "charts/trees-planted.yaml")])
    (korean / KO / "sections/latest.yaml").rename(korean / "latest.yaml")
    assert main(["translated", "--project", str(korean)]) == 1
    assert "no translation was stamped" in capsys.readouterr().err
    assert not any(p.read_text(encoding="utf-8").startswith("# translates:") for p in (korean / KO).rglob("*.yaml"))
    (korean / "latest.yaml").rename(korean / KO / "sections/latest.yaml")
    assert main(["translated", "--project", str(korean), "ko-KR"]) == 0
    assert capsys.readouterr().out.startswith("stamped 5 file(s)")
    assert brief_cli(korean, "check").err == ""
    assert main(["translated", "--project", str(korean), "de-DE"]) == 1
    assert capsys.readouterr().err == ("brief: 'de-DE' is not a translation of this brief; content/brief.yaml's "
                                       "'editions' names ko-KR\n")


@pytest.fixture(scope="module")
def built_korean(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("korean-built") / "p", "korean")
    return project, build(project)


def test_both_editions_are_written_in_one_run_and_the_evidence_report_stays_one(built_korean):
    project, result = built_korean
    out = project / "build"
    assert [str(w.path.relative_to(out)) for w in result.written] == [
        "brief.pdf", "ko-KR/brief.pdf", "brief-onepage.pdf", "ko-KR/brief-onepage.pdf", "brief.docx",
        "ko-KR/brief.docx", "web/index.html", "web/ko-KR/index.html"]
    for name in ("ko-KR/brief.html", "web/ko-KR/brief.pdf",
                 "web/ko-KR/brief-onepage.pdf", "web/ko-KR/web.css", "evidence.html"):
        assert (out / name).is_file(), name
    assert not (out / "ko-KR/evidence.html").exists()
    assert result.warnings == []  # the glyph check of both editions included: no character is missing


def test_the_original_s_pdf_is_the_same_bytes_with_or_without_a_translation(built_korean, tmp_path):
    project, _ = built_korean
    alone = make_project(tmp_path / "alone", "korean")
    edit(alone, "content/brief.yaml", "editions: [en-US, ko-KR]\n", "")
    shutil.rmtree(alone / KO)
    build(alone)
    assert (alone / "build/brief.pdf").read_bytes() == (project / "build/brief.pdf").read_bytes()
    assert not (alone / "build/ko-KR").exists()


def test_an_edit_to_the_original_s_prose_lays_out_the_original_only(built_korean, tmp_path):
    """The translation's HTML is as it was (the translation is only warned out of date), so its
    PDFs are the ones kept from the last build (outputs/pdf/kept.py), the same bytes; the
    original's brief is laid out again, its leave-behind (which the edit does not reach) is not."""
    project, _ = built_korean
    again = tmp_path / "again"
    shutil.copytree(project, again, symlinks=True)
    pdfs = ("brief.pdf", "brief-onepage.pdf", "ko-KR/brief.pdf", "ko-KR/brief-onepage.pdf")
    before = {name: (again / "build" / name).read_bytes() for name in pdfs}
    edit(again, "content/sections/latest.yaml", "What has happened lately", "What has happened of late")
    result = build(again, Options(outputs=("pdf",)))
    assert {str(w.path.relative_to(again / "build")): w.reused for w in result.written} == {
        "brief.pdf": False, "brief-onepage.pdf": True, "ko-KR/brief.pdf": True, "ko-KR/brief-onepage.pdf": True}
    assert [str(p) for p in result.warnings] == [
        "content/ko-KR/sections/latest.yaml:1: warning: this translation is older than content/sections/latest.yaml, "
        "whose text has changed since; update the translation, then run 'brief translated ko-KR'"]
    after = {name: (again / "build" / name).read_bytes() for name in pdfs}
    assert [name for name in pdfs if after[name] != before[name]] == ["brief.pdf"]
    assert "What has happened of late" in _pdftotext(again / "build/brief.pdf")


def _fonts(pdf) -> set[str]:
    """The fonts the pages use, without their subset prefix (ABCDEF+)."""
    found = set()
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            found.add(str(font.BaseFont).split("+", 1)[-1])
    return found


@pytest.mark.parametrize("name", ["brief.pdf", "brief-onepage.pdf"])
def test_the_korean_pdfs_are_korean_in_the_korean_subsets_and_pass_the_pdfua_checks(built_korean, name):
    project, _ = built_korean
    with pikepdf.open(project / "build/ko-KR" / name) as pdf:
        assert str(pdf.Root.Lang) == "ko-KR"
        # code (`brief new` in About) is set in the system's monospace face, as in every edition
        assert _fonts(pdf) - {"DejaVu-Sans-Mono"} <= {"Noto-Serif-KR", "Noto-Serif-KR-Bold", "Noto-Sans-KR",
                                                      "Noto-Sans-KR-Bold"}
        assert {"Noto-Serif-KR", "Noto-Sans-KR-Bold"} <= _fonts(pdf)
        assert pdfua_checks.run_all(pdf) == {check.__name__: [] for check in pdfua_checks.CHECKS}


def _korean_lines(project) -> list[str]:
    reader = PdfReader(project / "build/ko-KR/brief.pdf")
    return [line for page in reader.pages for line in page_lines(page)]


def test_no_korean_word_is_split_across_lines_and_the_text_layer_has_no_word_joiner(built_korean):
    project, _ = built_korean
    lines = _korean_lines(project)
    assert not any("\u2060" in line for line in lines)
    source = (project / KO / "sections/background.yaml").read_text(encoding="utf-8")
    paragraph = " ".join(source[source.index("그늘은 거리의"):source.index("남긴다.") + 4].split())
    start = next(i for i, line in enumerate(lines) if line.startswith("그늘은 거리의"))
    end = next(i for i in range(start, len(lines)) if lines[i].endswith("남긴다."))
    own = [line for line in lines[start:end + 1] if line in paragraph]  # not the notes, heads and feet of a page break
    assert len(own) >= 3  # the paragraph runs over three lines or more: it breaks twice at least
    # joined with a space, the lines give the paragraph back only if every break fell between words
    assert " ".join(own) == paragraph


def test_korean_dates_citation_terms_and_the_translated_quotation_s_note(built_korean):
    project, _ = built_korean
    text = " ".join(_pdftotext(project / "build/ko-KR/brief.pdf").split())
    assert "2026년 1월 15일 판" in text
    assert "Press statement. 2025년 11월 3일." in text  # Chicago in Korean: citeproc's ko-KR locale
    assert "번역 인용문의 원문: “cooler and calmer”" in text
    english = _pdftotext(project / "build/brief.pdf")
    assert "원문" not in english and "translation" not in english


def test_a_translated_quotation_s_original_goes_into_its_sentence_s_note(built_korean):
    """Not a note of its own: one for each of the real brief's 51 quotations put up to 15 notes
    on a page of the Korean edition."""
    project, _ = built_korean
    notes = {name: sum(e.tag == "/Note" for e in structure(project / "build" / name).walk())
             for name in ("brief.pdf", "ko-KR/brief.pdf")}
    assert notes["ko-KR/brief.pdf"] == notes["brief.pdf"] > 0


def _pdftotext(pdf) -> str:
    """The text layer in reading order (poppler's, which follows the Sources' two columns)."""
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_web_editions_link_each_other(built_korean):
    project, _ = built_korean
    english = (project / "build/web/index.html").read_text(encoding="utf-8")
    korean = (project / "build/web/ko-KR/index.html").read_text(encoding="utf-8")
    assert '<html lang="ko-KR">' in korean
    for page, home, other in ((english, "index.html", "ko-KR/index.html"), (korean, "../index.html", "index.html")):
        assert f'<link rel="alternate" hreflang="en-US" href="{home}">' in page
        assert f'<link rel="alternate" hreflang="ko-KR" href="{other}">' in page
    assert '<a href="ko-KR/index.html" hreflang="ko-KR" lang="ko-KR">한국어</a>' in english
    assert '<span aria-current="page" lang="en-US">English</span>' in english
    assert '<a href="../index.html" hreflang="en-US" lang="en-US">English</a>' in korean
    assert '<span aria-current="page" lang="ko-KR">한국어</span>' in korean


@pytest.fixture(scope="module")
def driver():
    chrome = browser.start()
    yield chrome
    chrome.quit()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_korean_web_edition_passes_axe_and_fits_a_phone(built_korean, driver, width):
    project, _ = built_korean
    browser.open_at(driver, project / "build/web/ko-KR/index.html", width)
    assert browser.axe(driver, **WCAG) == []
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    loaded = driver.execute_script("return [...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)")
    assert {f.strip('"') for f in loaded} == {"Noto Serif KR", "Noto Sans KR"}


GERMAN_IN_ENGLISH = {  # the German test brief's English translation: its text fields only
    "brief.yaml": """title: Clean Water for Every City
subtitle: A test brief in German, on A4, with its own logo and colours
short_title: Clean Water
publisher: Example Institute
subject: A test brief about drinking water.
keywords: [water, test]
bottom_line: The cities should renew their pipes by 2030.
summary: The water is mostly clean [@mueller-2024].
key_findings:
  - short: The pipes are old.
    text: The pipes are old [@schmidt-2023, p. 12].
recommendations:
  - id: erneuern
    to: The cities
    ask: Renew the old pipes.
    vehicle: The budget
    by: By 2030
about: This brief is a test case.
""",
    "sections/hintergrund.yaml": """title: Background
body: |
  In 2024, {{data:leitungen.erneuert}} kilometres of pipes were renewed [@mueller-2024].
  The study speaks of an “urgent need” [@mueller-2024].

  {{figure:leitungen}}

  As {{ref:leitungen}} shows, the length of renewed pipes is growing [@mueller-2024].
""",
    "sections/neues.yaml": "title: New developments\nbody: What happened lately [@amt-2025].\n",
    "developments.yaml": "- title: The office publishes new figures\n  summary: The figures appeared in September "
                         "[@amt-2025].\n",
    "charts/leitungen.yaml": """title: The cities renew more pipes every year
caption: Pipes renewed each year, in kilometres.
source: "[@mueller-2024]"
""",
}


def test_the_german_test_brief_gains_an_english_edition(tmp_path, brief_cli):
    project = make_project(tmp_path / "wasser", "wasser")
    edit(project, "content/brief.yaml", "language: de-DE\n", "language: de-DE\neditions: [de-DE, en-US]\n")
    for name, text in GERMAN_IN_ENGLISH.items():
        (project / "content/en-US" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content/en-US" / name).write_text(text, encoding="utf-8")
    assert brief_cli(project, "translated").code == 0
    run = brief_cli(project, "build")
    assert (run.code, run.err) == (0, "")
    with pikepdf.open(project / "build/en-US/brief.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        assert {"Source-Serif-4", "Source-Sans-3-Bold"} <= {f.removesuffix(",") for f in _fonts(pdf)}
    text = " ".join(_pdftotext(project / "build/en-US/brief.pdf").split())
    assert "Edition of January 15, 2026" in text and "Clean Water for Every City" in text
    assert "original of the translated quotation: “dringendem Bedarf”" in text
    german = " ".join(_pdftotext(project / "build/brief.pdf").split())
    assert "Ausgabe vom 15. Januar 2026" in german and "translation" not in german
    assert '<a href="en-US/index.html" hreflang="en-US" lang="en-US">English</a>' in (
        project / "build/web/index.html").read_text(encoding="utf-8")
    assert not (project / "build/en-US/evidence.html").exists()
