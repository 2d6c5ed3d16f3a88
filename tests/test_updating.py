"""Keeping the brief current: one edit updates text, timeline and numbers; `brief watch` rebuilds."""
import argparse
import threading
import time

from pypdf import PdfReader

from brief.build import build
from brief.cli import run_once
from brief.commands.watch import watch
from pdftext import all_text, squash
from test_content_errors import _break

NEW_EVENT = """
- date: 2025-12-20
  title: Widget treaty signed
  summary: Ten states signed the widget treaty [@press-2019, para. 7].
  timeline: Treaty signed
"""


def test_new_development_reaches_section_timeline_and_notes(minimal):
    (minimal / "content/developments.yaml").write_text(
        (minimal / "content/developments.yaml").read_text() + NEW_EVENT)
    build(minimal)
    text = squash(all_text(PdfReader(minimal / "build/brief.pdf")))
    assert squash("Widget treaty signed") in text
    assert squash("Ten states signed the widget treaty.") in text
    assert squash("“Agency Welcomes Widgets,” para. 7.") in text
    timeline = next((minimal / "build/charts").glob("widget-timeline-*.svg")).read_text()
    assert "Treaty signed" in timeline
    html = (minimal / "build/brief.html").read_text()
    # newest first, and marked new since the previous edition (2025-06-01)
    assert html.index("Widget treaty signed") < html.index("Widget census published") < html.index("Widget law passed")
    assert "2 developments since the edition of June 1, 2025" in " ".join(html.split())


def test_changing_a_data_value_changes_the_sentence_that_quotes_it(built):
    minimal, _ = built
    assert squash("The widget count rose to 1,850 in 2020.") in squash(all_text(PdfReader(minimal / "build/brief.pdf")))
    _break(minimal, "content/data/widgets.yaml", r"2020: 1850", "2020: 2125")
    build(minimal)
    assert squash("The widget count rose to 2,125 in 2020.") in squash(all_text(PdfReader(minimal / "build/brief.pdf")))


def test_a_series_sum_is_written_in_the_brief_s_number_format(minimal):
    _break(minimal, "content/sections/background.yaml", r"\{\{data:widgets.count\}\}", "{{data:widgets.count.sum}}")
    build(minimal)
    assert squash("The widget count rose to 4,550 in 2020.") in squash(all_text(PdfReader(minimal / "build/brief.pdf")))


def test_unknown_data_reference_message(minimal, brief_cli):
    _break(minimal, "content/sections/background.yaml", r"\{\{data:widgets.count\}\}", "{{data:widgets.cont}}")
    run = brief_cli(minimal, "check")
    assert run.code == 1
    assert run.err.splitlines()[0] == ("content/sections/background.yaml:4: unknown series 'cont' in "
                                       "'{{data:widgets.cont}}'; content/data/widgets.yaml has: count")


def test_watch_rebuilds_after_a_save_and_keeps_the_last_good_pdf(built, capsys):
    minimal, _ = built  # built once already: the watch's first build is a cached one
    args = argparse.Namespace(project=minimal, strict=False, archive=None, verbose=False, command="build",
                              serve=False)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(args, run_once, stop), daemon=True)
    thread.start()
    pdf = minimal / "build/brief.pdf"

    def wait_for(condition, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.1)
        return False

    try:
        assert wait_for(lambda: "watching" in capsys.readouterr().out)
        first = pdf.read_bytes()
        _break(minimal, "content/sections/latest-developments.yaml", r"What happened recently", "A fresh edit")
        assert wait_for(lambda: pdf.read_bytes() != first)
        good = pdf.read_bytes()
        _break(minimal, "content/sections/latest-developments.yaml", r"^title: Latest", "titel: Latest")
        assert wait_for(lambda: "unknown field 'titel'" in capsys.readouterr().err)
        assert pdf.read_bytes() == good
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
