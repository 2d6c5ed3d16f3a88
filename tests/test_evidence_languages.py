"""The evidence check reads numbers and months written out in the brief's own language."""
from decimal import Decimal

import pytest

from brief.evidence import claims
from conftest import make_project
from test_content_errors import _break


@pytest.mark.parametrize("language, text, values", [
    ("en-US", "three million people, twenty-one towns, one hundred wells, once", [3_000_000, 21, 100]),
    ("de-DE", "drei Millionen Menschen, dreiundzwanzig Städte, eine Milliarde Euro, ein Brunnen",
     [3_000_000, 23, 1_000_000_000]),
    ("fr-FR", "trois millions de personnes, soixante-dix-sept, quatre-vingt-dix-neuf villes, vingt et un puits, "
              "un bâtiment neuf, neuf millions", [3_000_000, 77, 99, 21, 9_000_000]),
    ("es-ES", "tres millones de personas, treinta y dos pueblos, veintidós pozos, cinco mil millones",
     [3_000_000, 32, 22, 5_000_000_000]),
])
def test_number_words_in_each_language(language, text, values):
    assert [value for _, value in claims.numbers_in(text, language)] == [Decimal(v) for v in values]


@pytest.mark.parametrize("language, text, date", [
    ("en-US", "on March 4, 2024", (2024, 3, 4)),
    ("en-GB", "on 4 March 2024", (2024, 3, 4)),
    ("de-DE", "am 4. März 2024", (2024, 3, 4)),
    ("fr-FR", "le 1er mars 2024", (2024, 3, 1)),
    ("fr-FR", "Mars 2024 fut sec", (2024, 3, 0)),
    ("es-ES", "el 4 de marzo de 2024", (2024, 3, 4)),
    ("es-ES", "en marzo de 2024", (2024, 3, 0)),
])
def test_month_names_in_each_language(language, text, date):
    assert [d for _, d in claims.dates_in(text, (language,))] == [date]


def test_may_in_lower_case_is_not_a_month():
    assert list(claims.dates_in("it may 2024", ("en-US",))) == []


def test_a_french_sentence_with_a_month_and_a_number_in_words_is_verified(tmp_path, brief_cli):
    project = make_project(tmp_path / "eau", "eau")
    run = brief_cli(project, "check")
    assert "2/2 figures verified" in run.out
    _break(project, "content/sections/contexte.yaml", "En mars 2024, trois", "En avril 2024, quatre")
    run = brief_cli(project, "check")
    assert run.err.splitlines() == [
        "content/sections/contexte.yaml:6: warning: figure 'avril 2024' is not in the archive of rapport-2024",
        "content/sections/contexte.yaml:6: warning: figure 'quatre millions' is not in the archive of rapport-2024"]


def test_a_german_sentence_with_a_month_and_a_number_in_words_is_verified(tmp_path, brief_cli):
    project = make_project(tmp_path / "wasser", "wasser")
    excerpt = project / "content/archive/mueller-2024.txt"
    excerpt.write_text(excerpt.read_text() + "\nAm 4. März 2024 fehlten 3 Millionen Euro.\n")
    _break(project, "content/sections/hintergrund.yaml", r"^  Die Studie",
           "  Im März 2024 fehlten drei Millionen Euro [@mueller-2024].\n  Die Studie")
    run = brief_cli(project, "check")
    assert run.err == ""
    assert "4/4 figures verified" in run.out
    _break(project, "content/sections/hintergrund.yaml", "Im März 2024 fehlten drei", "Im April 2024 fehlten vier")
    run = brief_cli(project, "check")
    assert run.err.splitlines() == [
        "content/sections/hintergrund.yaml:4: warning: figure 'April 2024' is not in the archive of mueller-2024",
        "content/sections/hintergrund.yaml:4: warning: figure 'vier Millionen' is not in the archive of mueller-2024"]


@pytest.mark.parametrize("language, text, expected", [
    # 9 words, 2 sentences, 12 syllables (Was-ser, lan-ge, Lei-tung): 180 - 4.5 - 58.5 × 12/9
    ("de-DE", "Das Wasser ist gut. Die lange Leitung ist alt.", 97.5),
    # 6 words, 2 sentences, 8 syllables (mai-son, ma-tin): 207 - 1.015 × 3 - 73.6 × 8/6
    ("fr-FR", "La maison dort. Il fait matin.", 105.8),
    # 8 words, 2 sentences, 12 syllables (pe-rro, co-me, ca-sa, ro-ja): 206.835 - 62.3 × 12/8 - 4
    ("es-ES", "El perro come pan. La casa es roja.", 109.4),
    # 8 words, 2 sentences, 10 syllables (dan-ger, wa-ter): 0.39 × 4 + 11.8 × 10/8 - 15.59
    ("en-US", "The danger is near. The water is cold.", 0.7),
])
def test_each_language_has_its_own_readability_measure(tmp_path, language, text, expected):
    from brief.cache import Facts
    from brief.evidence.measures import measure_for
    from brief.evidence.readability import score, syllables, words
    sentences = [s + "." for s in text.rstrip(".").split(". ")]
    counts = syllables({w.strip(".").lower() for w in words(text)}, language, Facts(tmp_path))
    assert score(sentences, counts, measure_for(language)) == expected


def test_a_german_section_hard_to_read_is_a_warning_naming_the_measure(tmp_path, brief_cli):
    project = make_project(tmp_path / "wasser", "wasser")
    _break(project, "content/brief.yaml", r"^sections:", "prose_check: {ease_limit: 120}\nsections:")
    run = brief_cli(project, "check")
    # "Das Wasser ist meist sauber": 5 words, 7 syllables, 1 sentence: 180 - 5 - 58.5 × 7/5
    assert [line for line in run.err.splitlines() if "'summary'" in line] == [
        "content/brief.yaml:20: warning: 'summary' has a reading ease of 93.1 (Flesch reading ease for German "
        "(Amstad)); the limit, prose_check.ease_limit, is 120 (lower is harder): shorten sentences and words"]


def test_a_language_without_a_measure_says_so(minimal, brief_cli):
    (minimal / "templates" / "strings").mkdir(parents=True)
    (minimal / "templates/strings/it.yaml").write_text("contents: Indice\n")
    _break(minimal, "content/brief.yaml", r"^language: en-US", "language: it-IT")
    run = brief_cli(minimal, "check")
    assert run.code == 0, run.err
    report = (minimal / "build/evidence.html").read_text()
    assert "Readability: not measured, as there is no readability measure for it-IT here." in report
