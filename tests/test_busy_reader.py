"""What a busy reader gets: the one-page leave-behind, numbered asks citable as {{rec:ID}}, a
prose check with exact warnings, a states chart for a policy that switches back and forth."""
import re

from pypdf import PdfReader

from pdftext import all_text, page_lines, squash
from structtext import structure
from test_content_errors import _break

BRIEF = "content/brief.yaml"
LATEST = "content/sections/latest-developments.yaml"


def test_the_leave_behind_is_one_page_with_the_bottom_line_and_every_ask(built):
    project, _ = built
    onepage = PdfReader(project / "build/brief-onepage.pdf")
    assert len(onepage.pages) == 1
    text = squash(all_text(onepage))
    assert squash("Count the widgets before the council votes.") in text
    assert squash("R1 The Council: Count the widgets.") in text
    assert squash("Widgets are common.") in text and squash("Widgets are growing.") in text
    # and it is the brief's second page, with no notes on it, but for its last words: on its own
    # it is page 1 and says where the full brief is (it said "follows this page", on page 2)
    alone, second = page_lines(onepage.pages[0]), page_lines(PdfReader(project / "build/brief.pdf").pages[1])
    assert alone[:-2] == second[:-2]
    assert second[-2:] == ["The full brief, with its evidence and sources, follows this page.", "2"]
    assert alone[-2:] == ["The full brief, with its evidence and sources, is available from Example Policy Desk.", "1"]
    assert [e for e in structure(project / "build/brief-onepage.pdf").walk() if e.tag == "/Figure"] == []


def test_the_leave_behind_on_its_own_gives_the_web_address_and_its_qr_code(built, brief_cli):
    project, _ = built
    _break(project, BRIEF, r"^subtitle: ", "web_address: https://example.org/briefs/widgets\nsubtitle: ")
    assert brief_cli(project, "build").code == 0
    alone = PdfReader(project / "build/brief-onepage.pdf")
    assert page_lines(alone.pages[0])[-2:] == [
        "The full brief, with its evidence and sources: https://example.org/briefs/widgets", "1"]
    # the QR code: a Figure whose alt text gives the address
    figures = [e for e in structure(project / "build/brief-onepage.pdf").walk() if e.tag == "/Figure"]
    assert [f.attributes["/Alt"] for f in figures] == ["QR code of the address https://example.org/briefs/widgets"]


def test_a_leave_behind_that_does_not_fit_names_the_field_to_shorten(built, brief_cli):
    project, pdf = built
    asks = "\n".join(f"  - id: ask-{i}\n    to: The Council\n    ask: {'Count every widget in every town. ' * 6}"
                     for i in range(12))
    _break(project, BRIEF, r"recommendations:\n(  .*\n)+(?=sections:)", f"recommendations:\n{asks}\n  - id: "
           "count\n    to: The Council\n    ask: " + "Count the widgets, all of them, in every town and city, "
           "every year. " * 4 + "\n")
    run = brief_cli(project, "build")
    assert run.code == 1
    # Once, though the brief's page and the page on its own are laid out apart, and both overflow.
    assert run.err.splitlines() == [
        "content/brief.yaml:54: the one-page leave-behind runs to 2 pages; shorten recommendation 'count''s "
        "'ask' (271 characters, the longest of its texts) or others",
        "brief: 1 error(s), 0 warning(s); build/brief.pdf was not changed"]
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_an_ask_s_wrapped_lines_and_its_vehicle_align_with_its_text_not_its_number(real_build):
    """A hanging indent: the asks' second lines went back to the margin, under "R1"."""
    project, _ = real_build
    page = next(p for p in PdfReader(project / "build/brief.pdf").pages[2:] if "R1" in p.extract_text())
    chunks = []  # (x, baseline, text) of every piece of text the page shows
    page.extract_text(visitor_text=lambda t, cm, tm, font, size: t.strip() and chunks.append(
        (round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1), t.rstrip())))
    import yaml
    audiences = {r["to"].upper() for r in yaml.safe_load((project / BRIEF).read_text())["recommendations"]}
    numbers = [i for i, c in enumerate(chunks) if re.fullmatch(r"R\d", c[2])]
    assert len(numbers) >= 2
    for i, j in zip(numbers, numbers[1:]):  # each ask but the page's last, up to the next ask's number
        number, text, *rest = [c for c in chunks[i:j] if c[2] not in audiences]
        assert number[1] == text[1] and number[0] < text[0] and not text[2].startswith(" ")  # no space drawn first
        starts = {}  # each later line's leftmost piece
        for x, baseline, _ in rest:
            starts[baseline] = min(x, starts.get(baseline, x))
        assert len(starts) >= 2 and set(starts.values()) == {text[0]}, (text, rest)


def test_rec_reference_prints_the_ask_s_number_and_links_to_it(built, brief_cli):
    project, _ = built
    _break(project, LATEST, r"What happened recently", "As {{rec:count}} asks, what happened recently")
    assert brief_cli(project, "build").code == 0
    html = (project / "build/brief.html").read_text()
    assert '<a href="#rec-count">R1</a> asks, what happened recently' in html
    assert 'id="rec-count"' in html


def test_an_unknown_rec_reference_is_a_located_error(built, brief_cli):
    project, _ = built
    _break(project, LATEST, r"What happened recently", "As {{rec:cuont}} asks")
    run = brief_cli(project, "check")
    assert run.code == 1
    assert run.err.splitlines()[0] == ("content/sections/latest-developments.yaml:3: unknown recommendation "
                                       "'cuont' in {{rec:cuont}}; did you mean 'count'?")


def test_an_unknown_section_reference_is_a_located_error(built, brief_cli):
    project, _ = built
    _break(project, LATEST, r"What happened recently", "As {{section:backgrund}} says")
    run = brief_cli(project, "check")
    assert run.code == 1
    assert run.err.splitlines()[0] == ("content/sections/latest-developments.yaml:3: unknown section 'backgrund' "
                                       "in {{section:backgrund}}; name one listed in brief.yaml's 'sections'; "
                                       "did you mean 'background'?")


PROSE = ("The Widget Standards Office (WSO) met on 3 March 2025 to discuss the defence of widgets "
         "with the WTA and many other organisations that care about widgets in every town and city "
         "of the country and abroad, for a very long time indeed [@web-2021]. It endorsed a widget-only ban "
         "[@web-2021].")


def test_prose_check_warnings_have_exact_messages(built, brief_cli):
    project, _ = built
    _break(project, BRIEF, r"^about: This fixture exists for tests.",
           "about: This fixture exists for tests.\nprose_check:\n  sentence_limit: 30\n  avoid:\n"
           "    - {term: widget-only ban, use: ban on widgets alone}")
    _break(project, LATEST, r"What happened recently \[@web-2021\]\.", PROSE)
    run = brief_cli(project, "check")
    where = "content/sections/latest-developments.yaml:3"
    assert [line for line in run.err.splitlines() if "figure '" not in line] == [
        f"{where}: warning: a sentence of 43 words (the limit is 30): “The Widget Standards Office WSO met on 3 "
        "March …”",
        f"{where}: warning: 'WTA' is used before it is spelled out; write the full name and (WTA) where it "
        "first appears",
        f"{where}: warning: the date '3 March 2025' is not in en-US style; write 'March 3, 2025'",
        f"{where}: warning: 'defence' is not en-US spelling; write 'defense'",
        f"{where}: warning: 'organisations' is not en-US spelling; write 'organizations'",
        f"{where}: warning: 'widget-only ban' is on the list of terms to avoid; write 'ban on widgets alone'",
    ]


def test_a_section_above_the_grade_limit_is_a_warning(built, brief_cli):
    project, _ = built
    _break(project, BRIEF, r"^about: This fixture exists for tests.",
           "about: This fixture exists for tests.\nprose_check: {grade_limit: 8}")
    _break(project, LATEST, r"What happened recently \[@web-2021\]\.",
           "Intergovernmental deliberations concerning international humanitarian obligations "
           "necessitate comprehensive institutional accountability [@web-2021].")
    run = brief_cli(project, "check")
    assert "content/sections/latest-developments.yaml:3: warning: 'latest-developments' reads at grade 42.6 " \
           "(Flesch-Kincaid); the limit is 8: shorten sentences and words" in run.err.splitlines()


def test_a_states_chart_steps_through_the_policy_s_states(built, brief_cli):
    project, _ = built
    (project / "charts/widget-policy.yaml").write_text(
        "kind: states\ntitle: Widget policy changed twice\nstates: [Allowed, Banned]\n"
        "caption: The policy, year by year.\nsource: \"[@news-2018]\"\n")
    dev = project / "content/developments.yaml"
    dev.write_text(dev.read_text().replace("timeline: Widget law", "timeline: Widget law\n  state: Banned")
                   .replace("timeline: Census", "timeline: Census\n  state: Allowed"))
    _break(project, "content/sections/background.yaml", r"  \{\{figure:widget-count\}\}",
           "  {{figure:widget-count}}\n\n  {{figure:widget-policy}}")
    run = brief_cli(project, "build")
    assert run.code == 0, run.err
    svg = next((project / "build/charts").glob("widget-policy-*.svg")).read_text()
    assert "Allowed" in svg and "Banned" in svg and "2020" in svg and "2025" in svg
    html = (project / "build/brief.html").read_text()
    assert ('alt="Step chart of 2 changes from 2020 to 2026, between 2 states (Allowed, Banned). '
            '2020: Banned; 2025: Allowed."') in html


def test_value_axes_start_at_zero_unless_the_chart_says_otherwise(built, brief_cli):
    project, _ = built
    svg = next((project / "build/charts").glob("widget-count-*.svg")).read_text()
    assert re.search(r">0</text>", svg)  # the y axis is labelled from 0
    _break(project, "charts/widget-count.yaml", r"^kind: line", "kind: line\naxis_from_zero: false")
    run = brief_cli(project, "check")
    assert run.err.splitlines()[0] == ("charts/widget-count.yaml:1: 'axis_from_zero: false' needs an "
                                       "'axis_note' saying where the axis starts")
