"""Broken and hostile content: one clear line per problem, nothing leaked, nothing lost."""
import os
import re
import shutil
from pathlib import Path

import pytest

from brief.look.theme import DEFAULT_THEME

from test_content_errors import _break

LATEST = "content/sections/latest-developments.yaml"
SUMMARY_LINE = "brief: {} error(s), 0 warning(s); build/brief.pdf was not changed"


def _check(project, brief_cli, *expected):
    run = brief_cli(project, "build")
    assert run.code == 1
    assert "Traceback" not in run.err
    assert run.err.splitlines() == [*expected, SUMMARY_LINE.format(len(expected))]


def _write(project, path, text):
    (project / path).write_bytes(text if isinstance(text, bytes) else text.encode())


YAML_CASES = {
    "bad indent": ("content/brief.yaml", "title: A\nsubtitle: B\n short_title: C\n",
                   "content/brief.yaml:3: unexpected ':'; quote text that contains ': ', or fix the indentation"),
    "list item indented differently": (
        "content/developments.yaml", "- date: 2020-01-01\n  title: x\n - date: 2021-01-01\n",
        "content/developments.yaml:3: the indentation does not match the lines above; line it up with its siblings"),
    "billion laughs": (
        "content/developments.yaml", 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n',
        "content/developments.yaml:2: YAML aliases (*a) are not supported; write the value out"),
    "not UTF-8": ("content/developments.yaml", b"- title: caf\xe9\n",
                  "content/developments.yaml:1: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"),
    "unclosed bracket": ("content/brief.yaml", "title: A\nsubtitle: [unclosed\nshort_title: C\n",
                         "content/brief.yaml:2: the '[' that starts this value is never closed; close it with ']', "
                         "or if it is text, put the whole text in quotes"),
    "unclosed brace": ("content/brief.yaml", "title: A\nsubtitle: {unclosed\nshort_title: C\n",
                       "content/brief.yaml:2: the '{' that starts this value is never closed; close it with '}', "
                       "or if it is text, put the whole text in quotes"),
    "empty file": ("content/developments.yaml", "", "content/developments.yaml:1: the file is empty"),
    "only a comment": ("content/developments.yaml", "# nothing yet\n", "content/developments.yaml:1: the file is empty"),
}


@pytest.mark.parametrize("case", YAML_CASES)
def test_broken_yaml(case, built, brief_cli):
    project, pdf = built
    path, text, message = YAML_CASES[case]
    _write(project, path, text)
    _check(project, brief_cli, message)
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_bom_and_windows_line_endings_are_handled(built, brief_cli):
    project, _ = built
    for path in (LATEST, "content/sources.yaml"):
        data = (project / path).read_bytes()
        _write(project, path, b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    run = brief_cli(project, "build")
    assert run.code == 0 and run.err == ""


def test_twenty_megabyte_field_is_refused_quickly(built, brief_cli):
    project, pdf = built
    _write(project, LATEST, "title: Big\nbody: " + "x" * 20_000_000 + "\n")
    _check(project, brief_cli, "content/sections/latest-developments.yaml: file is 20.0 MB; the limit is 2 MB")
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_ten_thousand_sections_are_refused(built, brief_cli):
    project, _ = built
    listed = ", ".join(f"s{i}" for i in range(10_000))
    _break(project, "content/brief.yaml", r"^sections: .*$", f"sections: [{listed}]")
    _check(project, brief_cli, "content/brief.yaml:22: 'sections' has 10,000 items; the limit is 100")


def test_ten_thousand_section_files_are_refused(built, brief_cli):
    project, _ = built
    for i in range(10_000):
        _write(project, f"content/sections/s{i}.yaml", "title: x\nbody: y\n")
    _check(project, brief_cli, "content/sections: 10,002 files; the limit is 500 per folder")


def test_raw_html_is_shown_as_text_not_markup(built, brief_cli):
    project, _ = built
    _break(project, LATEST, r"What happened recently",
           '<script>alert(1)</script> <link rel="attachment" href="/etc/passwd"> <b>bold</b>')
    assert brief_cli(project, "build").code == 0
    html = (project / "build/brief.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "&lt;link rel=“attachment”" in html and '<link rel="attachment"' not in html
    pdf = (project / "build/brief.pdf").read_bytes()
    for marker in (b"/JavaScript", b"/JS ", b"/EmbeddedFile", b"/Launch"):
        assert marker not in pdf


def test_unsafe_links_and_images_are_refused(built, brief_cli):
    project, pdf = built
    _break(project, LATEST, r"What happened recently",
           "[x](javascript:alert(1)) ![p](/etc/passwd) ![q](http://evil.example/a.png) <file:///etc/passwd>")
    where = "content/sections/latest-developments.yaml:3"
    images = f"{where}: images are not allowed in prose; draw a chart in charts/ and place it with {{{{figure:ID}}}}"
    # Two images on one line: the same problem at the same place, said once.
    _check(project, brief_cli, images,
           f"{where}: link to 'file:///etc/passwd' is not allowed; links must start with https://, http://, mailto: or #",
           f"{where}: link to 'javascript:alert(1)' is not allowed; links must start with https://, http://, mailto: or #")
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_content_file_linking_out_of_the_project_is_refused(built, brief_cli):
    project, _ = built
    os.symlink("/etc/hostname", project / "content/sections/evil.yaml")
    _check(project, brief_cli,
           "content/sections/evil.yaml: is a link to a file outside the project; copy the file in instead")


# Each is replaced by a link to a copy outside the project, which would otherwise be read:
# the check runs before any stage reads a file, whatever reads it (Jinja, the evidence check,
# the strings, WeasyPrint).
LINKED_OUT = ["content/archive/report-2020.txt", "templates/strings/en.yaml", "templates/leave-behind.html.j2",
              "templates/fonts/SourceSans3_400Regular.ttf", "charts/widget-count.yaml"]


@pytest.mark.parametrize("linked", LINKED_OUT)
def test_a_file_linking_out_of_the_project_is_refused_wherever_it_is(linked, built, brief_cli):
    project, pdf = built
    inside, theme_copy = project / linked, DEFAULT_THEME / linked.removeprefix("templates/")
    outside = project.parent / Path(linked).name
    shutil.copy(inside if inside.exists() else theme_copy, outside)
    inside.unlink(missing_ok=True)
    inside.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, inside)
    _check(project, brief_cli, f"{linked}: is a link to a file outside the project; copy the file in instead")
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_a_folder_linking_out_of_the_project_is_refused(built, brief_cli):
    project, pdf = built
    shutil.copytree(DEFAULT_THEME / "strings", project.parent / "strings")
    (project / "templates").mkdir()
    os.symlink(project.parent / "strings", project / "templates/strings")
    _check(project, brief_cli, "templates/strings: is a link to a folder outside the project; copy the folder in instead")


def test_network_urls_in_templates_are_never_fetched(built, brief_cli):
    project, pdf = built
    css = project / "templates/print.css"  # the project's own print CSS
    css.parent.mkdir()
    css.write_text('@import url("http://192.0.2.1/steal.css");\n' + (DEFAULT_THEME / "print.css").read_text())
    run = brief_cli(project, "build")
    assert run.err == ("brief: blocked: the brief asks for http://192.0.2.1/steal.css; "
                       "only files inside the project can be used\n")
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_characters_the_fonts_cannot_draw_are_a_warning(built, brief_cli):
    project, _ = built
    _break(project, LATEST, r"What happened recently", "Seoul (서울) said")
    run = brief_cli(project, "check")
    assert run.code == 0
    assert run.err.splitlines() == [
        "content/sections/latest-developments.yaml:3: warning: the bundled fonts cannot draw "
        "'서' (U+C11C), '울' (U+C6B8); remove them or add a font that has them to templates/fonts/"]
    assert brief_cli(project, "check", "--strict").code == 1


def _failing_pdf_write(monkeypatch, error):
    """The PDF file's write is cut off half way by `error` (Ctrl-C, a full disk)."""
    write_bytes = Path.write_bytes

    def cut(self, data):
        if self.name.startswith(".brief.pdf.") and self.name.endswith(".tmp"):
            write_bytes(self, data[: len(data) // 2])
            raise error
        return write_bytes(self, data)
    monkeypatch.setattr(Path, "write_bytes", cut)


def test_ctrl_c_during_the_pdf_leaves_no_half_file(built, brief_cli, monkeypatch):
    project, pdf = built
    _failing_pdf_write(monkeypatch, KeyboardInterrupt())
    _break(project, LATEST, r"What happened recently", "Something new happened")
    run = brief_cli(project, "build")
    assert run.code == 130
    assert run.err == "brief: interrupted; build/brief.pdf was not changed\n"
    assert (project / "build/brief.pdf").read_bytes() == pdf
    assert list((project / "build").rglob("*.tmp")) == []


def test_full_disk_leaves_the_last_good_pdf(built, brief_cli, monkeypatch):
    import errno
    project, pdf = built
    _failing_pdf_write(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    _break(project, LATEST, r"What happened recently", "Something new happened")
    run = brief_cli(project, "build")
    assert run.code == 1
    assert run.err == (f"brief: cannot write {project / 'build/brief.pdf'}: No space left on device; "
                       "build/brief.pdf was not changed\n")
    assert (project / "build/brief.pdf").read_bytes() == pdf
    assert list((project / "build").rglob("*.tmp")) == []


STRINGS = "templates/strings/en.yaml"  # a project's own strings file, over the default theme's
STRINGS_CASES = {
    "a list": ("- Contents\n", f"{STRINGS}:1: a strings file holds names and their words, one a line "
                               "('contents: Contents'), not a list"),
    "unknown name": ("contnets: Inhalt\n", f"{STRINGS}:1: 'contnets' is not one of the brief's strings "
                                           "(see the default theme's strings/en.yaml); did you mean 'contents'?"),
    "a number": ("contents: 5\n", f"{STRINGS}:1: 'contents' must be text, not a number"),
    "unknown placeholder": ("read_at: Read at {adress}.\n",
                            f"{STRINGS}:1: 'read_at' uses {{adress}}, which it is not given; it can use {{address}}"),
    "unclosed brace": ("edition_of: Edition of {date\n",
                       f"{STRINGS}:1: 'edition_of' has a '{{' or '}}' without its pair; write '{{{{' or '}}}}' "
                       "for a brace itself"),
    "text for plural forms": ("changes_since: Changes\n",
                              f"{STRINGS}:1: 'changes_since' must hold plural forms ('one:', 'other:' …), not text"),
    "no 'other' form": ("changes_since:\n  one: One change\n",
                        f"{STRINGS}:1: 'changes_since' needs an 'other:' form, the one every language has"),
    "unknown plural form": ("changes_since:\n  other: '{count} changes'\n  single: One\n",
                            f"{STRINGS}:3: 'single' is not a plural form; use zero, one, two, few, many or other"),
}


@pytest.mark.parametrize("case", STRINGS_CASES)
def test_a_broken_strings_file_is_located_and_explained(case, built, brief_cli):
    project, pdf = built
    text, expected = STRINGS_CASES[case]
    (project / STRINGS).parent.mkdir(parents=True)
    _write(project, STRINGS, text)
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()[:-1]) == (1, [expected])
    _check(project, brief_cli, expected)
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_a_file_in_fonts_that_is_not_a_font_is_located(built, brief_cli):
    project, pdf = built
    (project / "templates/fonts").mkdir(parents=True)
    _write(project, "templates/fonts/Broken.ttf", b"not a font at all")
    expected = ("templates/fonts/Broken.ttf: cannot be read as a font; replace it with a TrueType or "
                "OpenType file, or remove it")
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()[:-1]) == (1, [expected])
    _check(project, brief_cli, expected)
    assert (project / "build/brief.pdf").read_bytes() == pdf


# Pandoc's attribute syntax would copy anything into both HTML files: only the classes the
# templates style and an id on a heading are allowed, everything else is refused at its line.
ONLY = "Markdown attributes may only be the classes .own, .callout and .pullquote, and an id on a heading"
ATTRIBUTE_CASES = {
    "event handler on a span": (
        "[x]{.own onmouseover='alert(1)'} What happened recently",
        ["3: 'onmouseover' is an event handler; content never runs script: remove it"]),
    "event handler on a link": (
        "[x](https://a.example){onclick=alert(1)} What happened recently",
        ["3: 'onclick' is an event handler; content never runs script: remove it"]),
    "style and a handler on a fenced block": (
        "::: {.callout onclick=alert(1) style='position:fixed'}\n  Boo\n  :::\n\n  What happened recently",
        ["3: 'onclick' is an event handler; content never runs script: remove it",
         "3: 'style' is not allowed: the look is set in brief.yaml's 'look' and the theme's CSS; remove it"]),
    "attribute spread over lines": (
        "[x]{.own\n  ONCLICK=alert(1)} What happened recently",
        ["4: 'ONCLICK' is an event handler; content never runs script: remove it"]),
    "unknown attribute": ("[x]{lang=fr} What happened recently", [f"3: attribute 'lang' is not allowed; {ONLY}"]),
    "unknown class": ("[x]{.shout} What happened recently",
                      ["3: class 'shout' is not one the templates style; use own, callout or pullquote"]),
    "unknown class on a fenced block": (
        "::: warning\n  Boo\n  :::\n\n  What happened recently",
        ["3: class 'warning' is not one the templates style; use own, callout or pullquote"]),
    "id outside a heading": ("[x]{#here} What happened recently",
                             ["3: an id ('#here') can be given only to a heading"]),
    "reference-style javascript link": (
        "See [this][evil].\n\n  [evil]: javascript:alert(1)\n\n  What happened recently",
        ["5: link to 'javascript:alert(1)' is not allowed; links must start with https://, http://, mailto: or #"]),
}


@pytest.mark.parametrize("case", ATTRIBUTE_CASES)
def test_markdown_attributes_are_limited_to_what_the_templates_use(case, built, brief_cli):
    project, pdf = built
    text, expected = ATTRIBUTE_CASES[case]
    _break(project, LATEST, r"What happened recently", text)
    expected = [f"{LATEST}:{e}" for e in expected]
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()[:-1]) == (1, expected)
    _check(project, brief_cli, *expected)
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_allowed_attributes_pass(built, brief_cli):
    project, _ = built
    _break(project, LATEST, r"What happened recently",
           "## Lately {#lately}\n\n  ::: pullquote\n  Said.\n  :::\n\n  [161 by our count]{.own} What happened recently")
    assert brief_cli(project, "check").code == 0


def test_pandoc_keeps_only_the_attributes_the_templates_use(tmp_path):
    """Whatever validation might miss, the notes stage's Pandoc run drops every other attribute:
    no handler, style, data- attribute, unknown class or stray id reaches the HTML."""
    from brief.look.theme import citation_style
    from brief.content.markdown import PIECE_ATTRIBUTE
    from brief.render.prose import _run_pandoc
    document = ("[a]{.own .shout onclick=x style=y lang=fr #span-id}\n\n"
                "::: {.callout #div-id onmouseover=x}\nBoo\n:::\n\n"
                "[b](https://a.example){onclick=x .pullquote}\n\n`code`{.own onclick=x}\n\n"
                "```{.python onclick=x}\nx = 1\n```\n\n## Head {#head .own onclick=x}\n\n"
                "| left | right | centre |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n\n: Caption {#tbl .own onclick=x}\n\n"
                "+----+----+\n| a  | b  |\n+====+====+\n| 1  | 2  |\n+----+----+\n")
    document = f'::: {{{PIECE_ATTRIBUTE}="0"}}\n{document}\n:::\n'
    html = _run_pandoc(document, "[]", citation_style(tmp_path, "chicago-shortened-notes-bibliography.csl"),
                       "en-US", tmp_path)["data"]["pieces"]["0"]
    tags = re.findall(r"<[a-z][^>]*>", html)
    assert not [t for t in tags if re.search(r"\s(on\w+|style|data-[\w-]+|lang)=", t)]
    assert sorted(set(re.findall(r'class="([^"]*)"', html))) == [
        "align-center", "align-left", "align-right", "callout", "own", "pullquote"]
    assert re.findall(r'\sid="([^"]*)"', html) == ["head"]


def test_a_tampered_chart_is_redrawn_not_inlined(built, brief_cli):
    """A cached chart is checked against its seal before use: a file changed since it was drawn
    (here, a script put into it) is drawn again, so nothing of it reaches either HTML file."""
    project, _ = built
    charts = sorted((project / "build/charts").glob("*.svg"))
    drawn = {path: path.read_bytes() for path in charts}
    for path in charts:
        path.write_bytes(drawn[path].replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    cover = next((project / "build/charts").glob("cover-*.png"))
    cover_bytes = cover.read_bytes()
    cover.write_bytes(cover_bytes[: len(cover_bytes) // 2])
    run = brief_cli(project, "build")
    assert (run.code, run.err) == (0, "")
    assert {path: path.read_bytes() for path in charts} == drawn
    assert cover.read_bytes() == cover_bytes
    for page in ("build/web/index.html", "build/brief.html"):
        assert "<script" not in (project / page).read_text()


@pytest.mark.parametrize("damage", ["garbage", "empty", "valid JSON of another shape", "a named pipe"])
def test_a_damaged_cache_file_is_rebuilt(damage, built, brief_cli):
    project, pdf = built
    cached = [p for p in (project / "build/.cache").rglob("*") if p.is_file()]
    assert {p.parent.name for p in cached} == {".cache", "notes", "layouts"}
    for path in cached:
        data = path.read_bytes()
        if damage == "a named pipe":
            path.unlink()
            os.mkfifo(path)
            continue
        path.write_bytes({"garbage": data[: len(data) // 2] + b"\x00\xff{", "empty": b"",
                          "valid JSON of another shape": b'{"html": 5, "family": []}'}[damage])
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err) == (0, "")
    run = brief_cli(project, "build")
    assert (run.code, run.err) == (0, "")
    assert (project / "build/brief.pdf").read_bytes() == pdf
    assert brief_cli(project, "build").code == 0  # and what was rebuilt is good again


# A project's own template, with one line put in as line 6.
TEMPLATE_CASES = {
    "Python through a global": (
        "{{ cycler.__init__.__globals__.os.popen('touch {project}/PWNED').read() }}", False,
        "templates/web.html.j2:6: a template may use only the values it is given, not what is behind "
        "them (access to attribute '__init__' of 'type' object is unsafe.); see README, 'Templates'"),
    "Python through a string": (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", False,
        "templates/web.html.j2:6: a template may use only the values it is given, not what is behind "
        "them (access to attribute '__class__' of 'str' object is unsafe.); see README, 'Templates'"),
    "missing include": (
        '{% include "nope.html.j2" %}', True,
        "templates/web.html.j2:6: 'nope.html.j2' is neither in templates/ nor in the default theme; "
        "check the name"),
    "syntax error": (
        "{% if %}", True,
        "templates/web.html.j2:6: template syntax: Expected an expression, got 'end of statement block'"),
    "unknown value": (
        "{{ brief.nonesuch }}", False,
        "templates/web.html.j2:6: 'brief.content.model.Brief object' has no attribute 'nonesuch'"),
}


@pytest.mark.parametrize("case", TEMPLATE_CASES)
def test_a_project_template_runs_in_the_sandbox_and_its_mistakes_are_located(case, built, brief_cli):
    project, pdf = built
    line, check_sees_it, expected = TEMPLATE_CASES[case]
    (project / "templates").mkdir()
    lines = (DEFAULT_THEME / "web.html.j2").read_text().split("\n")
    at = next(i for i, text in enumerate(lines) if text == "<head>") + 1  # in the page, not a comment
    line = line.replace("{project}", str(project))
    expected = expected.replace("templates/web.html.j2:6:", f"templates/web.html.j2:{at + 1}:")
    (project / "templates/web.html.j2").write_text("\n".join(lines[:at] + [line] + lines[at:]))
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()[:-1]) == ((1, [expected]) if check_sees_it else (0, []))
    _check(project, brief_cli, expected)
    assert not (project / "PWNED").exists()
    assert (project / "build/brief.pdf").read_bytes() == pdf


PATTERN_HELP = "# a digit if any, 0 a digit always, ',' grouping, '.' the decimal point"
FORMAT_CASES = {
    "Python's format": ('"{:,.1f}"', f"'format' '{{:,.1f}}' is Python's format, not a number pattern; "
                                     f"write '#,##0.0' ({PATTERN_HELP}), or run brief upgrade"),
    "Python's format, no grouping": ('"{:.2f}"', f"'format' '{{:.2f}}' is Python's format, not a number "
                                                 f"pattern; write '0.00' ({PATTERN_HELP}), or run brief upgrade"),
    "no digits": ("widgets", f"'format' must be a number pattern such as #,##0 or 0.0 ({PATTERN_HELP}), "
                             "not 'widgets'"),
    "two decimal points": ("'#,##0.0.0'", f"'format' must be a number pattern such as #,##0 or 0.0 "
                                          f"({PATTERN_HELP}), not '#,##0.0.0'"),
}


@pytest.mark.parametrize("case", FORMAT_CASES)
def test_a_number_format_that_is_not_a_pattern_is_located(case, built, brief_cli):
    project, pdf = built
    pattern, message = FORMAT_CASES[case]
    _break(project, "content/data/widgets.yaml", r"^    unit: widgets$", f"    unit: widgets\n    format: {pattern}")
    expected = f"content/data/widgets.yaml:6: {message}"
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()[:-1]) == (1, [expected])
    _check(project, brief_cli, expected)


PLAIN_CASES = {
    "emphasis": ("subtitle: Why *widgets* matter", "content/brief.yaml:2: 'subtitle' is plain text: "
                 "'*widgets*' would print as written; remove the Markdown (it works in the Markdown fields)"),
    "a citation": ("subtitle: Why widgets matter [@report-2020]", "content/brief.yaml:2: 'subtitle' is plain "
                   "text: '[@report-2020]' would print as written; remove the Markdown (it works in the "
                   "Markdown fields)"),
    "a link": ("bottom_line: Count them, see [the count](https://example.org).", "content/brief.yaml:10: "
               "'bottom_line' is plain text: '[the count](https://example.org)' would print as written; remove "
               "the Markdown (it works in the Markdown fields)"),
    "code": ("subtitle: Made by `brief new`", "content/brief.yaml:2: 'subtitle' is plain text: '`brief new`' "
             "would print as written; remove the Markdown (it works in the Markdown fields)"),
}


@pytest.mark.parametrize("case", PLAIN_CASES)
def test_markdown_in_a_plain_text_field_is_located(case, built, brief_cli):
    project, _ = built
    line, expected = PLAIN_CASES[case]
    field = line.split(":")[0]
    _break(project, "content/brief.yaml", rf"^{field}: .*$", line)
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()[:-1]) == (1, [expected])


def test_plain_text_that_only_looks_like_markdown_passes(built, brief_cli):
    project, _ = built
    _break(project, "content/brief.yaml", r"^subtitle: .*$", "subtitle: 5 * 3 widgets, snake_case_names and a@b.org")
    assert brief_cli(project, "check").code == 0


def test_words_lost_to_a_yaml_comment_are_a_warning(built, brief_cli):
    project, _ = built
    _break(project, "content/brief.yaml", r"^subtitle: .*$", "subtitle: Why we are #1 in widgets")
    checked = brief_cli(project, "check")
    assert (checked.code, checked.err.splitlines()) == (0, [
        "content/brief.yaml:2: warning: YAML reads ' #1 in widgets' as a comment and leaves it out of the "
        "text; if it belongs to the text, put the whole text in quotes"])
    assert brief_cli(project, "check", "--strict").code == 1


def test_the_sharing_image_is_an_absolute_address_or_absent(built, brief_cli):
    project, _ = built
    page = project / "build/web/index.html"
    assert "og:image" not in page.read_text()  # no web_address: no address to give
    _break(project, "content/brief.yaml", r"^subtitle: ", "web_address: https://example.org/briefs/widgets\nsubtitle: ")
    assert brief_cli(project, "build").code == 0
    assert re.findall(r'property="og:image" content="([^"]*)"', page.read_text()) == [
        "https://example.org/briefs/widgets/cover.png"]


def test_two_builds_with_different_sources_each_get_their_own_notes(tmp_path, monkeypatch):
    """Build B writes its bibliography between build A's writing its own and Pandoc's reading
    it: each Pandoc run must still read its own build's sources."""
    import json
    import subprocess
    from brief.look.theme import citation_style
    from brief.render import prose
    style = citation_style(tmp_path, "chicago-shortened-notes-bibliography.csl")

    def bibliography(title):
        return json.dumps([{"id": "s", "type": "report", "title": title, "publisher": "P"}])
    real_run, interleaved = subprocess.run, []

    def run(args, **kwargs):
        if not interleaved:
            interleaved.append(None)
            interleaved[0] = prose._run_pandoc("B [@s].", bibliography("Title Bee"), style, "en-US", tmp_path)
        return real_run(args, **kwargs)
    monkeypatch.setattr(subprocess, "run", run)
    first = prose._run_pandoc("A [@s].", bibliography("Title Ay"), style, "en-US", tmp_path)
    first_notes, second_notes = json.dumps(first["data"]), json.dumps(interleaved[0]["data"])
    assert "Title Ay" in first_notes and "Title Bee" not in first_notes
    assert "Title Bee" in second_notes
