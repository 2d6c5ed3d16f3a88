"""Editions: a brief and its translation from one project (tests/fixtures/korean: the `brief new`
starter with `editions: [en-US, ko-KR]` and a Korean translation in content/ko-KR/)."""
import re
import shutil
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader

import pdfua_checks
from brief.build import build
from conftest import make_project
from pdftext import page_lines

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
