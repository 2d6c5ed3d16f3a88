"""`brief watch`: editors' temporary files are no changes, one line per rebuild, and
`--serve` reloads the open page in a browser after a rebuild."""
import re
import threading
import time

import browser
from brief.cli import _parser, run_once
from brief.commands.watch import watch
from test_content_errors import _break

TEMPORARY = (".#brief.yaml", "#brief.yaml#", "brief.yaml~", ".brief.yaml.swp", "4913", "brief.yaml.tmp",
             "sedAb12Cd", ".~lock.brief.yaml#")


def _wait_for(condition, seconds=300):
    """Wait for an event, generously (the machine may be busy); not a timing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


class Watching:
    """`brief watch` in a thread, with what it printed so far."""

    def __init__(self, capsys, argv, run=run_once):
        self.capsys, self.out, self.err = capsys, "", ""
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(_parser().parse_args(argv), run, self.stop), daemon=True)

    def read(self):
        captured = self.capsys.readouterr()
        self.out, self.err = self.out + captured.out, self.err + captured.err
        return self.out

    def __enter__(self):
        self.thread.start()
        assert _wait_for(lambda: "watching" in self.read())
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()


def test_editors_temporary_files_neither_start_a_build_nor_are_listed(minimal, capsys):
    builds = []

    def recorded(args, rebuild):
        builds.append(rebuild)
    with Watching(capsys, ["watch", "--project", str(minimal)], recorded):
        for name in TEMPORARY:
            (minimal / "content" / name).write_text("x")
        (minimal / "content/brief.yaml").write_text((minimal / "content/brief.yaml").read_text() + "\n")
        assert _wait_for(lambda: len(builds) == 2)
        # Events come in order: a batch of temporary files would have been built before this one.
        (minimal / "charts/widget-count.yaml").write_text((minimal / "charts/widget-count.yaml").read_text() + "\n")
        assert _wait_for(lambda: len(builds) == 3)
    assert builds == [[], ["content/brief.yaml"], ["charts/widget-count.yaml"]]


STAMP = r"\d\d:\d\d:\d\d"


def test_each_rebuild_prints_one_line_and_the_stages_only_with_verbose(built, capsys):
    minimal, _ = built  # built once already: the watch's first build is a cached one
    with Watching(capsys, ["watch", "--project", str(minimal)]) as watching:
        assert re.fullmatch(rf"{STAMP} first build: wrote \S+ \(\d+ pages\), \S+, \S+, \S+ in [\d.]+ s\n"
                            "watching content/, charts/ and templates/ \\(Ctrl-C to stop\\)\n", watching.out)
        _break(minimal, "content/brief.yaml", "Count the widgets before", "Count all widgets before")
        assert _wait_for(lambda: watching.read().count(" wrote ") == 2)
        assert re.fullmatch(rf"{STAMP} content/brief.yaml: wrote \S+ \(\d+ pages\), \S+, \S+, \S+ in [\d.]+ s",
                            watching.out.splitlines()[-1])
        assert len(watching.out.splitlines()) == 3
    with Watching(capsys, ["watch", "--project", str(minimal), "--verbose"]) as watching:
        assert [line.split()[0] for line in watching.out.splitlines() if line.startswith("  ")][:3] == [
            "load", "validate", "evidence"]


def test_the_served_page_reloads_after_a_rebuild_and_the_published_page_has_no_script(built, capsys):
    minimal, _ = built  # built once already: the watch's first build is a cached one
    _break(minimal, "content/brief.yaml", r"^sections:", "outputs: [web]\nsections:")  # no PDF: quicker
    driver = browser.start()
    try:
        with Watching(capsys, ["watch", "--project", str(minimal), "--serve", "--port", "0"]) as watching:
            url = re.search(r"serving build/web/ at (\S+)", watching.out)[1]
            driver.get(url)
            assert "Count the widgets before the council votes." in driver.page_source
            driver.execute_script("window.beforeTheRebuild = true")
            _break(minimal, "content/brief.yaml", "Count the widgets before", "Count all widgets before")
            assert _wait_for(lambda: "Count all widgets before" in driver.page_source)
            assert driver.execute_script("return window.beforeTheRebuild") is None  # a new page
        published = (minimal / "build/web/index.html").read_text()
        assert "Count all widgets before" in published and "<script" not in published
    finally:
        driver.quit()
